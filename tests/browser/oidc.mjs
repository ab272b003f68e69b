// OpenID Connect sign-in end to end (run by scripts/browser-tests), with a real OpenID provider: panva's certified oidc-provider (npm, pinned in
// package-lock.json) on a loopback port, a client registered for cogov, and Debian's Chromium driven by
// playwright-core. cogov must already run with an [oidc] section naming this provider (scripts/browser-tests
// starts it) and must not have been used for an OpenID Connect sign-in yet.
//
//   node oidc.mjs COGOV_URL PROVIDER_PORT CLIENT_SECRET
//
// Checks, in order: the provider is down (a clear page, not a 5xx); the sign-in page's "Sign in with …" link
// (axe-core, keyboard); a full sign-in that creates an account; signing in again to the same account; the
// callback replayed (state used) and forged (unknown state); the person cancelling at the provider; a state
// that comes back to another browser; the pages of every failure with axe-core.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const [base, providerPort, clientSecret] = process.argv.slice(2);
if (!base || !providerPort || !clientSecret) {
  console.error('usage: node oidc.mjs COGOV_URL PROVIDER_PORT CLIENT_SECRET');
  process.exit(2);
}
const issuer = `http://127.0.0.1:${providerPort}`;

let failures = 0;
const fail = (what, message) => {
  failures += 1;
  console.error(`FAIL ${what}: ${message}`);
};
const ok = (what) => console.log(`ok ${what}`);

// The people the provider knows (its dev login form accepts any password; the login is the account id).
const people = {
  ada: { email: 'ada@example.org', email_verified: true, name: 'Ada Lovelace' },
};

function startProvider() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'cogov-test', use: 'sig', alg: 'RS256' };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'cogov',
        client_secret: clientSecret,
        redirect_uris: [`${base}/oidc/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: ['cogov browser test cookie key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // Put the requested claims in the ID token too (as Google, Keycloak and most providers do).
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, id) {
      const person = people[id];
      if (!person) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...person }) };
    },
  });
  return new Promise((resolve) => {
    const server = provider.listen(Number(providerPort), '127.0.0.1', () => resolve(server));
  });
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
const page = await context.newPage();

async function axe(what) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    }),
  );
  for (const v of result.violations) fail(what, `axe ${v.id} (${v.impact}): ${v.help}`);
}

const heading = () => page.locator('main h1').innerText();
const mainText = () => page.locator('main').innerText();

// The navigation that ends on cogov's callback: its response (status) after the provider's redirects.
async function landing(action) {
  const response = page.waitForResponse((r) => r.url().startsWith(`${base}/oidc/callback`));
  await action();
  const r = await response;
  await page.waitForLoadState();
  return r;
}

// 1. The provider is down: clicking the link gives a clear page (424), never a 5xx.
await page.goto(`${base}/en/sign-in`);
const link = page.getByRole('link', { name: 'Sign in with Test ID' });
if ((await link.count()) !== 1) fail('/en/sign-in', 'no "Sign in with Test ID" link');
await axe('/en/sign-in with the provider link');
// Keyboard: the link is reached by Tab after the form's button and shows a focus indicator.
await page.locator('main form button[type=submit]').focus();
await page.keyboard.press('Tab');
const focused = await page.evaluate(() => {
  const el = document.activeElement;
  const s = getComputedStyle(el);
  return { text: el.textContent, visible: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none' };
});
if (focused.text !== 'Sign in with Test ID' || !focused.visible) fail('/en/sign-in', `keyboard focus: ${JSON.stringify(focused)}`);
const down = await Promise.all([page.waitForNavigation(), link.click()]).then(([r]) => r);
if (down.status() !== 424) fail('provider down', `status ${down.status()}, expected 424`);
if (!(await mainText()).includes('could not be reached')) fail('provider down', `page says: ${await mainText()}`);
await axe('provider down page');
ok('provider unreachable: a clear 424 page');

const server = await startProvider();

// 2. A full sign-in in French: the provider's login and consent, back to cogov, signed in as a new account.
await page.goto(`${base}/fr/sign-in?next=/fr/account`);
await page.getByRole('link', { name: 'Se connecter avec Test ID' }).click();
await page.waitForURL((u) => u.href.startsWith(issuer));
await page.fill('input[name=login]', 'ada');
await page.fill('input[name=password]', 'anything');
await page.click('button[type=submit]');
await page.waitForSelector('input[name=prompt][value=consent]', { state: 'attached' });
const signedIn = await landing(() => page.click('button[type=submit]')); // consent: Continue
if (signedIn.status() !== 303) fail('sign-in', `callback status ${signedIn.status()}, expected 303`);
if (new URL(page.url()).pathname !== '/fr/account') fail('sign-in', `landed on ${page.url()}, expected /fr/account`);
const account = await mainText();
// The display name is the value of the profile form's field (not text), the address is text.
const displayName = await page.inputValue('form[action$="/account/name"] input:not([type=hidden])');
if (displayName !== 'Ada Lovelace' || !account.includes('ada@example.org')) {
  fail('sign-in', `the account page does not show the new account (name field: ${displayName}): ${account.slice(0, 300)}`);
}
ok('sign-in with the provider creates an account and lands on /fr/account');
const callbackUrl = signedIn.url();

// 3. The same callback again (state already used): refused with a clear page.
const replay = await page.goto(callbackUrl);
if (replay.status() !== 400) fail('replayed callback', `status ${replay.status()}, expected 400`);
if (!(await mainText()).includes('already used')) fail('replayed callback', `page says: ${await mainText()}`);
await axe('state page');
ok('a replayed callback is refused (400)');

// 4. A forged state.
const forged = await page.goto(`${base}/oidc/callback?code=x&state=not-a-state`);
if (forged.status() !== 400) fail('forged state', `status ${forged.status()}, expected 400`);
ok('an unknown state is refused (400)');

// 5. Signing out and in again: the same account (no second one), the provider's session skips the login form.
await page.goto(`${base}/en/account`);
await page.locator('form[action$="/sign-out"] button').first().click();
await page.goto(`${base}/en/sign-in`);
const again = await landing(() => page.getByRole('link', { name: 'Sign in with Test ID' }).click());
if (again.status() !== 303) fail('second sign-in', `callback status ${again.status()}`);
await page.goto(`${base}/en/account`);
if (!(await mainText()).includes('ada@example.org')) fail('second sign-in', 'not signed in to the same account');
ok('signing in again reaches the same account');

// 6. The person cancels at the provider: a clear page (403), not signed in.
const fresh = await browser.newContext({ bypassCSP: true });
const other = await fresh.newPage();
await other.goto(`${base}/es/sign-in`);
await other.getByRole('link', { name: 'Iniciar sesión con Test ID' }).click();
await other.waitForURL((u) => u.href.startsWith(issuer));
const cancelled = other.waitForResponse((r) => r.url().startsWith(`${base}/oidc/callback`));
await other.getByText('[ Cancel ]').click();
const denied = await cancelled;
await other.waitForLoadState();
if (denied.status() !== 403) fail('cancelled', `status ${denied.status()}, expected 403`);
if (!(await other.locator('main').innerText()).includes('Canceló')) fail('cancelled', 'the page does not say so in Spanish');
if ((await other.locator('html').getAttribute('lang')) !== 'es') fail('cancelled', 'the page is not in the language the sign-in started in');
const me = await other.goto(`${base}/es/account`);
if (!new URL(other.url()).pathname.endsWith('/sign-in')) fail('cancelled', `signed in anyway (${me.status()} ${other.url()})`);
ok('cancelling at the provider gives a clear 403 page and no session');

// 7. A sign-in started in one browser and finished in another (login CSRF): refused, the state is burnt.
await other.goto(`${base}/en/sign-in`);
const start = await other.getByRole('link', { name: 'Sign in with Test ID' }).getAttribute('href');
// Started in `other` (which now holds the cogov_oidc cookie), not followed there.
const started = await other.request.get(base + start, { maxRedirects: 0 });
const authorizeUrl = started.headers().location;
if (started.status() !== 303 || !authorizeUrl?.startsWith(issuer)) fail('another browser', `start: ${started.status()} ${authorizeUrl}`);
await page.goto(`${base}/en/account`);
await page.locator('form[action$="/sign-out"] button').first().click();
const stolen = await landing(() => page.goto(authorizeUrl)); // page has the provider session: straight back
if (stolen.status() !== 400) fail('another browser', `status ${stolen.status()}, expected 400`);
const after = await page.goto(`${base}/en/account`);
if (!new URL(page.url()).pathname.endsWith('/sign-in')) fail('another browser', `signed in (${after.status()})`);
ok('a sign-in finished in another browser than the one that started it is refused (400)');

await fresh.close();
await browser.close();
server.close();
if (failures) {
  console.error(`${failures} OpenID Connect failure(s)`);
  process.exit(1);
}
console.log('OpenID Connect sign-in with a real provider: every check passed');
