// Stores every payload of crates/web/tests/data/xss.txt through the forms AND the API — display names, token
// names, entry titles and summaries (new-entry proposals), proposal messages, review reasons, a request to join,
// ban and unban reasons — then loads every page that shows them in Debian's Chromium and fails if any script
// runs.
//
// The browser context BYPASSES the Content-Security-Policy (bypassCSP), so this proves the escaping, not the CSP:
// with the CSP on, an injected inline script would be blocked anyway and the test could not fail. A script that
// runs is caught four ways: a dialog (alert/confirm/prompt), the global sentinel some payloads set
// (window.__cogovXss), a console message from a payload ("cogov-xss"), or a request to a payload's URL (the
// host xss.invalid, or the relative "x" of <img src=x>); and the DOM of every page is checked for what a
// payload would inject (script elements other than the JSON-LD block, on* attributes, javascript: URLs, frames,
// objects, <base>, <meta http-equiv>).
//
//   node xss.mjs BASE_URL        (the server seeded by crates/web/examples/seed_fixtures.rs; run by
//                                 scripts/browser-tests with raised rate limits and quotas)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const base = process.argv[2];
if (!base) {
  console.error('usage: node xss.mjs BASE_URL');
  process.exit(2);
}
const PASSWORD = 'browser tests password';
const payloads = readFileSync(join(here, '../../crates/web/tests/data/xss.txt'), 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});

let failures = 0;
const fail = (where, message) => {
  failures += 1;
  console.error(`FAIL ${where}: ${message}`);
};
let current = '(none)';

/** A browser (own cookies) with every detector attached, CSP bypassed. */
async function person(email) {
  const context = await browser.newContext({ bypassCSP: true });
  await context.route((url) => !url.href.startsWith(base), (route) => {
    fail(current, `request to ${route.request().url()} (a payload's URL)`);
    return route.abort();
  });
  context.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (/\/x$/.test(path)) fail(current, `request to ${r.url()} (a payload's <img src=x>)`);
  });
  const page = await context.newPage();
  page.on('dialog', async (d) => {
    fail(current, `a script ran: ${d.type()}("${d.message()}")`);
    await d.dismiss().catch(() => {});
  });
  page.on('console', (m) => {
    if (m.text().includes('cogov-xss')) fail(current, `a script ran: console "${m.text()}"`);
  });
  page.on('pageerror', (e) => fail(current, `a script ran and failed: ${e.message}`));
  let csrf = '';
  if (email) {
    await page.goto(`${base}/en/sign-in`);
    await page.fill('#f-email', email);
    await page.fill('#f-password', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.locator('main form button[type=submit]').click()]);
    if (new URL(page.url()).pathname.endsWith('/sign-in')) throw new Error(`${email} cannot sign in`);
    await page.goto(`${base}/en/account`);
    csrf = await page.locator('input[name=csrf]').first().getAttribute('value');
  }
  return { context, page, csrf, email };
}

/** A form POST through the browser's cookies, as the form would send it; returns the response. */
async function form(who, path, fields) {
  const r = await who.page.request.post(base + path, { form: { csrf: who.csrf, ...fields }, maxRedirects: 0 });
  if (r.status() >= 400) throw new Error(`POST ${path} (${who.email}): ${r.status()} ${(await r.text()).slice(0, 300)}`);
  return r;
}

/** An API call with a Bearer token. */
async function api(token, method, path, body) {
  const r = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  if (r.status >= 400) throw new Error(`${method} ${path}: ${r.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

/** An API token made through the account page's form (shown once on the page that answers). */
async function tokenOf(who, name, scope) {
  const r = await form(who, '/en/account/tokens', { token_name: name, scope });
  const html = await r.text();
  const m = html.match(/<code>(cgv_[0-9a-f]+)<\/code>/);
  if (!m) throw new Error(`no token shown for ${who.email}`);
  return m[1];
}

const checked = new Set();
/** Loads a page and checks that nothing of a payload ran or reached the DOM as markup. */
async function check(who, path) {
  current = `${path} (as ${who.email || 'anonymous'})`;
  const response = await who.page.goto(base + path);
  if (!response || response.status() >= 500) fail(current, `status ${response && response.status()}`);
  // Handlers of injected elements (onerror of a broken image, ontoggle, onload of svg) fire after parsing.
  await who.page.waitForTimeout(60);
  const found = await who.page.evaluate(() => {
    const problems = [];
    if (window.__cogovXss) problems.push(`the sentinel window.__cogovXss was set (${window.__cogovXss})`);
    for (const s of document.querySelectorAll('script')) {
      if (s.type !== 'application/ld+json') problems.push(`a <script> element: ${s.outerHTML.slice(0, 80)}`);
      else {
        try {
          JSON.parse(s.textContent);
        } catch (e) {
          problems.push(`the JSON-LD block was broken out of: ${e.message}`);
        }
      }
    }
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) {
        if (a.name.startsWith('on')) problems.push(`<${el.localName} ${a.name}="${a.value.slice(0, 40)}">`);
        if (['href', 'src', 'action', 'formaction', 'data'].includes(a.name) && /^\s*javascript:/i.test(a.value)) {
          problems.push(`<${el.localName} ${a.name}="${a.value.slice(0, 40)}">`);
        }
      }
    }
    for (const sel of ['iframe', 'object', 'embed', 'base', 'meta[http-equiv]', 'math', 'svg script', 'body body']) {
      const n = document.querySelectorAll(sel).length;
      if (n) problems.push(`${n} <${sel}> element(s)`);
    }
    return problems;
  });
  for (const p of found) fail(current, `payload markup in the page: ${p}`);
  checked.add(path);
  return who.page;
}

/** Every page of a paged list (following rel=next), checked. */
async function checkAllPages(who, path) {
  let next = path;
  for (let i = 0; next && i < 50; i += 1) {
    const page = await check(who, next);
    next = await page.locator('a[rel=next]').first().getAttribute('href').catch(() => null);
  }
}

const pat = await person('proposer@example.org');
const mia = await person('moderator@example.org');
const ada = await person('admin@example.org');
const anon = await person(null);

// 1. Stored through the forms and the API, before review: a display name each time (proposals and events carry
//    the name of the moment), a new-entry proposal through the form and one through the API, token names.
const proposals = [];
const patToken = await tokenOf(pat, 'xss run', 'write');
for (const [i, p] of payloads.entries()) {
  await form(pat, '/en/account/name', { name: p.slice(0, 100) });
  const r = await form(pat, '/en/propose', {
    kind: 'initiative',
    title: `xssmark f${i} ${p}`,
    title_lang: 'en',
    summary: p,
    summary_lang: 'en',
    message: p,
  });
  proposals.push({ id: r.headers().location.split('/').pop(), via: 'form', payload: p });
  const created = await api(patToken, 'POST', '/api/v1/proposals', {
    target: 'entry',
    input: { kind: 'initiative', title: { values: { en: `xssmark a${i} ${p}` } }, summary: { values: { fr: p } } },
    message: p,
  });
  proposals.push({ id: created.id, via: 'api', payload: p });
  await api(patToken, 'POST', '/api/v1/tokens', { name: p.slice(0, 100), scope: 'read' });
}
// A request to join with every payload in its message (one pending request per person and organization).
await form(ada, '/en/entries/fixture-org/join', { message: payloads.join('\n').slice(0, 2000) });

// 2. The pages that show them while they wait: the queue, each proposal (moderator and proposer), "my
//    proposals", the account page, the organization's members and requests.
await check(mia, '/en/review');
await check(mia, '/ar/review');
for (const p of proposals) {
  await check(mia, `/en/proposals/${p.id}`);
  await check(pat, `/en/proposals/${p.id}`);
}
await check(pat, '/en/proposals');
await check(pat, '/en/account');
await check(mia, '/en/entries/fixture-org/members');

// 3. Decided with the payload as the reason: the form proposals through the decision form, the API ones
//    through the API (an admin-scoped token: moderator powers over the API).
const miaToken = await tokenOf(mia, 'xss review', 'admin');
for (const p of proposals) {
  if (p.via === 'form') await form(mia, `/en/proposals/${p.id}/decision`, { decision: 'approve', reason: p.payload });
  else await api(miaToken, 'POST', `/api/v1/proposals/${p.id}/decision`, { decision: 'approve', reason: p.payload });
}
const adaToken = await tokenOf(ada, 'xss admin', 'admin');

// 4. Every page that shows the published records: the entry pages and their histories, the lists, search results
//    (once the index has caught up), the proposals after the decision, the admin pages.
const ours = [];
for (let cursor = ''; ; ) {
  const page = await api(adaToken, 'GET', `/api/v1/entries?limit=100&kind=initiative${cursor}`);
  ours.push(...page.entries.filter((e) => Object.values(e.title.values || {}).some((t) => t.startsWith('xssmark'))));
  if (!page.next_cursor) break;
  cursor = `&cursor=${encodeURIComponent(page.next_cursor)}`;
}
if (ours.length !== proposals.length) fail('setup', `${ours.length} entries published, expected ${proposals.length}`);
for (const e of ours) {
  await check(anon, `/en/entries/${e.slug}`);
  await check(anon, `/en/entries/${e.slug}/history`);
}
await check(anon, `/ar/entries/${ours[0].slug}`);
for (let i = 0; i < 100; i += 1) {
  const r = await api(adaToken, 'GET', '/api/v1/search?q=xssmark');
  if (r.total >= ours.length) break;
  await new Promise((done) => setTimeout(done, 200));
}
await checkAllPages(anon, '/en/search?q=xssmark');
await checkAllPages(anon, '/ar/search?q=xssmark');
await checkAllPages(anon, '/en/entries');
await checkAllPages(anon, '/en/entries?kind=initiative');
for (const p of proposals) await check(mia, `/en/proposals/${p.id}`);
await check(pat, '/en/proposals');
await check(pat, `/en/entries/${ours[0].slug}/propose`);
// Ban and unban reasons (the audit log), through the admin form and the API (the ban signs Pat out: last).
const patId = (await api(patToken, 'GET', '/api/v1/me')).user_id;
for (const p of payloads.slice(0, 8)) {
  await form(ada, `/en/admin/users/${patId}`, { action: 'ban', reason: p });
  await api(adaToken, 'POST', `/api/v1/admin/users/${patId}/unban`, { reason: p });
}
await check(ada, '/en/admin/users');
await check(ada, '/en/admin/audit');
await check(ada, '/en/account');

await browser.close();
const stored = proposals.length * 2 + payloads.length * 3;
if (failures) {
  console.error(`${failures} XSS failure(s)`);
  process.exit(1);
}
console.log(
  `XSS: ${payloads.length} payloads stored ${stored} times through forms and the API; ${checked.size} pages ` +
    'loaded with the CSP bypassed: no script ran, no payload markup in any page',
);
