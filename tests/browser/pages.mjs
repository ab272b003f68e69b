// Loads cogov's pages in Debian's Chromium (driven by playwright-core; no browser is downloaded) and checks
// each with axe-core (WCAG 2.0/2.1/2.2 A and AA rules: zero violations) and from the keyboard (the skip link
// comes first and works, every focusable element shows a visible focus indicator).
//
//   node pages.mjs BASE_URL [--langs en,ar] [--screenshots DIR --shots home,entry,...]
//
// The pages come from crates/web/tests/pages.txt, the list the Rust tests use too.
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const args = process.argv.slice(2);
const base = args[0];
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
if (!base) {
  console.error('usage: node pages.mjs BASE_URL [--langs en,ar] [--screenshots DIR]');
  process.exit(2);
}
const langs = option('--langs', 'en,ar').split(',');
const shotsDir = option('--screenshots', null);

const pages = readFileSync(join(here, '../../crates/web/tests/pages.txt'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => {
    const cols = l.replace(/^\([^)]*\)/, 'x').split(/\s+/);
    return { status: Number(cols[1]), url: cols[2] };
  })
  .filter((p) => p.status < 300 || p.status >= 400);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
// The pages' CSP allows no script; bypassCSP lets playwright inject axe-core without weakening the policy.
const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
let failures = 0;
const fail = (url, message) => {
  failures += 1;
  console.error(`FAIL ${url}: ${message}`);
};

if (shotsDir) {
  mkdirSync(shotsDir, { recursive: true });
  const wanted = option('--shots', '').split(',').filter(Boolean);
  for (const lang of langs) {
    for (const p of pages) {
      const url = p.url.replaceAll('{lang}', lang);
      const name = `${lang}${url.slice(lang.length + 1).replace(/[^a-zA-Z0-9]+/g, '-')}`.replace(/-$/, '');
      if (wanted.length && !wanted.some((w) => name === `${lang}-${w}` || (w === 'home' && name === lang))) continue;
      for (const [suffix, size] of [['', { width: 1280, height: 900 }], ['-narrow', { width: 390, height: 844 }]]) {
        await page.setViewportSize(size);
        await page.goto(base + url);
        await page.screenshot({ path: join(shotsDir, `${name}${suffix}.png`) });
        console.log(`screenshot ${join(shotsDir, `${name}${suffix}.png`)}`);
      }
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await browser.close();
  process.exit(0);
}

async function check(url, status) {
    const response = await page.goto(base + url);
    if (response.status() !== status) fail(url, `status ${response.status()}, expected ${status}`);

    await page.evaluate(axeSource);
    const result = await page.evaluate(() =>
      window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
        resultTypes: ['violations'],
      }),
    );
    for (const v of result.violations) {
      const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
      fail(url, `axe ${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} element(s): ${where}`);
    }

    // Keyboard: the first Tab reaches the skip link, shown on screen; following it moves focus to <main>.
    await page.goto(base + url);
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const el = document.activeElement;
      const r = el.getBoundingClientRect();
      return { cls: el.className, href: el.getAttribute('href'), onScreen: r.left >= 0 && r.right <= innerWidth && r.width > 0 };
    });
    if (skip.cls !== 'skip' || !skip.onScreen) fail(url, `first Tab does not show the skip link: ${JSON.stringify(skip)}`);
    await page.keyboard.press('Enter');
    const afterSkip = await page.evaluate(() => document.activeElement.id);
    if (afterSkip !== 'main') fail(url, `the skip link does not move focus to main (focus on #${afterSkip})`);

    // Every element reached by Tab shows a focus indicator (an outline or a box shadow). Target sizes
    // (WCAG 2.5.8, 24×24 px or spaced apart) are axe-core's target-size rule above.
    await page.goto(base + url);
    const seen = new Set();
    for (let i = 0; i < 400; i += 1) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const s = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        const path = [];
        for (let n = el; n && n !== document.body; n = n.parentElement) {
          path.unshift(n.tagName.toLowerCase() + (n.id ? '#' + n.id : '') + ':' + Array.prototype.indexOf.call(n.parentElement?.children || [], n));
        }
        return {
          key: path.join('>'),
          label: (el.textContent || el.getAttribute('aria-label') || el.name || '').trim().slice(0, 40),
          visible: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none',
          onScreen: r.width > 0 && r.height > 0,
        };
      });
      if (!f || seen.has(f.key)) break;
      seen.add(f.key);
      if (!f.visible) fail(url, `no visible focus indicator on "${f.label}" (${f.key})`);
      if (!f.onScreen) fail(url, `"${f.label}" takes focus but is not displayed (${f.key})`);
    }
    if (seen.size < 5) fail(url, `only ${seen.size} elements reachable by keyboard`);
    console.log(`${failures ? '…' : 'ok'} ${url} (${seen.size} focusable elements)`);
}

for (const lang of langs) {
  for (const p of pages) await check(p.url.replaceAll('{lang}', lang), p.status);
}

// Signed in (accounts seeded by crates/web/examples/seed_fixtures.rs): the pages that need an account, as a
// moderator who edits `fixture-org`; the proposal page is found through the review queue.
const signedIn = ['/{lang}/review', '/{lang}/propose', '/{lang}/proposals', '/{lang}/account',
  '/{lang}/entries/connected-schools/propose', '/{lang}/entries/fixture-org/members',
  '/{lang}/map/contribute?commitment=gdc:1.1.1', '/{lang}/map/endorse',
  '/{lang}/map/contributions/fixture-contribution/propose'];
await page.goto(base + '/en/sign-in');
await page.fill('#f-email', 'moderator@example.org');
await page.fill('#f-password', 'browser tests password');
await Promise.all([page.waitForNavigation(), page.locator('main form button[type=submit]').click()]);
if (new URL(page.url()).pathname.endsWith('/sign-in')) fail('/en/sign-in', 'the seeded moderator cannot sign in');
let checkedSignedIn = 0;
for (const lang of langs) {
  await page.goto(base + `/${lang}/review`);
  const proposals = await page.locator('main a[href*="/proposals/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const url of [...signedIn.map((u) => u.replaceAll('{lang}', lang)), ...proposals]) {
    await check(url, 200);
    checkedSignedIn += 1;
  }
}

await browser.close();
if (failures) {
  console.error(`${failures} accessibility failure(s)`);
  process.exit(1);
}
console.log(
  `axe-core (WCAG 2.2 A/AA) and keyboard checks passed on ${pages.length} pages in ${langs.join(', ')}` +
    ` and ${checkedSignedIn} signed-in pages`,
);
