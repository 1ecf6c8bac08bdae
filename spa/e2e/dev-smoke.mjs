// The README's `npm run dev` against the README's `./mvnw quarkus:dev`, as a new user tries them: headless
// Debian Chromium with a virtual WebAuthn authenticator opens the dev server's page (its /config.json comes
// from the running service), signs a new user up and in with a password, adds a passkey through Corbado's
// web-core and the stand-in, signs out and signs in again with the passkey. Any console error, page error
// or request to a public host fails it. Run by scripts/readme-check.py; a new user each run, so the demo
// user of the README's Try-it steps stays as seeded. Screenshots go to DEV_SMOKE_OUT.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

const pageUrl = process.env.DEV_SMOKE_URL ?? 'http://localhost:5173/';
const out = process.env.DEV_SMOKE_OUT ?? 'target/dev-smoke';
const email = `dev-smoke-${Date.now()}@example.com`;
const password = 'Dev-smoke-passw0rd!';
fs.mkdirSync(out, { recursive: true });

const problems = [];
const browser = await chromium.launch({ executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-dev-shm-usage'] });
let step = 0;
try {
  const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', { options: { protocol: 'ctap2', transport: 'internal',
    hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true } });
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('request', (request) => {
    const host = new URL(request.url()).hostname;
    if (request.url().startsWith('http') && !(host === 'localhost' || host === '127.0.0.1' || host.endsWith('.localhost'))) {
      problems.push(`request to a public host: ${request.url()}`);
    }
  });
  const idle = async () => {
    await page.waitForFunction(() => !document.body.dataset.busy, null, { timeout: 30_000 });
    if (await page.locator('#status.error').count()) throw new Error(`page reports: ${await page.textContent('#status')}`);
  };
  const done = async (name) => {
    step += 1;
    await page.screenshot({ path: path.join(out, `${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
    if (problems.length) throw new Error(problems.join('\n'));
    console.log(`STEP ${name} ok`);
  };

  await page.goto(pageUrl);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  await done('loaded');

  await page.fill('#signup-email', email);
  await page.fill('#signup-password', password);
  await page.click('#signup-submit');
  await idle();
  await page.waitForSelector('#confirm-form:not([hidden])');
  await page.click('#confirm-submit');
  await idle();
  await done('sign-up');

  await page.fill('#password', password);
  await page.click('#password-signin');
  await idle();
  await page.waitForSelector('#signed-in:not([hidden])');
  await done('password-sign-in');

  await page.click('#add-passkey');
  await idle();
  if (!(await page.textContent('#status')).startsWith('Passkey added')) throw new Error('the passkey was not added');
  await done('add-passkey');

  await page.click('#sign-out');
  await idle();
  await page.waitForSelector('#signed-out:not([hidden])');
  await page.fill('#email', email);
  await page.click('#passkey-signin');
  await idle();
  await page.waitForSelector('#signed-in:not([hidden])');
  if ((await page.textContent('#signed-in-with')) !== 'passkey') throw new Error('not signed in with the passkey');
  await done('passkey-sign-in');
  console.log('dev smoke: OK');
} catch (e) {
  console.error(`dev smoke FAILED after ${step} steps: ${e.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
