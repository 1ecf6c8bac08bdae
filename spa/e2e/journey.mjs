// The whole passkey story in a real browser: headless Debian Chromium with a CDP virtual WebAuthn
// authenticator (internal transport, resident key, user verification), the built SPA served by
// `vite preview` on its own origin, the service and the Cognito emulator started by the calling test
// (BrowserJourneyTest). A screenshot per step goes to E2E_OUT; any browser console error, page error
// or failed expectation fails the run and prints the whole console.
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is required`);
  return value;
};
const apiUrl = env('E2E_API_URL');
const cognitoEndpoint = env('E2E_COGNITO_ENDPOINT');
const cognitoClientId = env('E2E_COGNITO_CLIENT_ID');
const email = env('E2E_EMAIL');
const password = env('E2E_PASSWORD');
const spaPort = Number(env('E2E_SPA_PORT'));
const out = env('E2E_OUT');
const chromiumPath = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
const spaRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const spaOrigin = `http://localhost:${spaPort}`;
fs.mkdirSync(out, { recursive: true });

const consoleLines = [];
const unexpected = [];
let expectingErrors = false;
let stepNo = 0;
const started = Date.now();

function check(condition, message) {
  if (!condition) throw new Error(`expectation failed: ${message}`);
}

async function step(page, name, run) {
  stepNo += 1;
  const label = `${String(stepNo).padStart(2, '0')}-${name}`;
  const t0 = Date.now();
  try {
    await run();
  } catch (e) {
    await page.screenshot({ path: path.join(out, `${label}-FAILED.png`), fullPage: true }).catch(() => {});
    throw e;
  }
  await page.screenshot({ path: path.join(out, `${label}.png`), fullPage: true });
  if (unexpected.length) throw new Error(`browser reported errors during ${label}`);
  console.log(`STEP ${label} ok (${Date.now() - t0} ms)`);
}

async function idle(page) {
  await page.waitForFunction(() => !document.body.dataset.busy, null, { timeout: 30_000 });
  const error = await page.locator('#status.error').count();
  if (error) throw new Error(`SPA reports: ${await page.locator('#status').textContent()}`);
}

// The SPA reads its backends from config.json: point the built SPA at this run's service and emulator.
fs.writeFileSync(path.join(spaRoot, 'dist', 'config.json'), JSON.stringify({
  apiUrl, corbadoFrontendApiUrl: `${apiUrl}/local/corbado-frontend`, cognitoEndpoint, cognitoClientId,
}));
const server = await preview({ root: spaRoot, logLevel: 'warn', preview: { host: 'localhost', port: spaPort, strictPort: true } });
// A third origin, not in CORS_ORIGINS: a blank page on 127.0.0.1.
const third = http.createServer((req, res) => { res.writeHead(200, { 'Content-Type': 'text/html' }); res.end('<!doctype html><title>third origin</title><p>third origin</p>'); });
await new Promise((resolve) => third.listen(0, '127.0.0.1', resolve));
const thirdOrigin = `http://127.0.0.1:${third.address().port}`;

const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
let exitCode = 0;
try {
  const context = await browser.newContext({ viewport: { width: 900, height: 800 } });
  const page = await context.newPage();
  page.on('console', (msg) => {
    const line = `[${msg.type()}] ${msg.text()}`;
    consoleLines.push(line);
    if (msg.type() === 'error' && !expectingErrors) unexpected.push(line);
  });
  page.on('pageerror', (err) => { consoleLines.push(`[pageerror] ${err.message}`); unexpected.push(err.message); });

  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true,
      isUserVerified: true, automaticPresenceSimulation: true },
  });

  // What crossed the wire, for the assertions below.
  const requests = [];
  page.on('request', (request) => requests.push(request));
  const lastRequest = (suffix) => [...requests].reverse().find((r) => r.url().endsWith(suffix) && r.method() === 'POST');

  await step(page, 'spa-loaded', async () => {
    await page.goto(`${spaOrigin}/`);
    await page.waitForSelector('body[data-ready="true"]');
    check(await page.locator('#one-tap-box').isHidden(), 'no one-tap offer before any passkey');
  });

  let userSub;
  await step(page, 'sign-up', async () => {
    const signUp = page.waitForResponse((r) => r.url().startsWith(cognitoEndpoint)
      && r.request().headers()['x-amz-target'] === 'AWSCognitoIdentityProviderService.SignUp');
    await page.fill('#signup-email', email);
    await page.fill('#signup-password', password);
    await page.click('#signup-submit');
    await idle(page);
    const body = await (await signUp).json();
    check(body.UserConfirmed === false && typeof body.UserSub === 'string', `a fresh, unconfirmed user (${JSON.stringify(body)})`);
    check(body.CodeDeliveryDetails?.DeliveryMedium === 'EMAIL', 'Cognito says the code went out by email');
    userSub = body.UserSub;
    await page.waitForSelector('#confirm-form:not([hidden])');
    check((await page.inputValue('#confirm-code')).length > 0, 'the confirmation code field is prefilled for the emulator');
  });

  await step(page, 'confirm-sign-up', async () => {
    const confirm = page.waitForResponse((r) => r.url().startsWith(cognitoEndpoint)
      && r.request().headers()['x-amz-target'] === 'AWSCognitoIdentityProviderService.ConfirmSignUp');
    await page.click('#confirm-submit');
    await idle(page);
    check((await confirm).status() === 200, 'ConfirmSignUp answered 200');
    check(await page.locator('#confirm-form').isHidden(), 'confirmation done');
    check((await page.inputValue('#email')).toLowerCase() === email.toLowerCase(), 'the sign-in form has the new email');
  });

  await step(page, 'password-sign-in', async () => {
    await page.fill('#password', password);
    await page.click('#password-signin');
    await idle(page);
    await page.waitForSelector('#signed-in:not([hidden])');
    check((await page.textContent('#signed-in-with')) === 'password', 'signed in with password');
    check((await page.textContent('#user')) === email, 'the ID token names the new user by email');
  });

  await step(page, 'add-passkey', async () => {
    await page.click('#add-passkey');
    await idle(page);
    check((await page.textContent('#status')).startsWith('Passkey added (complete'), 'append completed');
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    check(credentials.length === 1 && credentials[0].isResidentCredential, 'one resident credential on the authenticator');
    const tokenRequest = lastRequest('/connect-tokens');
    check(tokenRequest && JSON.parse(tokenRequest.postData()).type === 'passkey-append', 'passkey-append ConnectToken asked for');
  });

  await step(page, 'list-passkeys', async () => {
    await page.click('#list-passkeys');
    await idle(page);
    check((await page.locator('#passkeys li').count()) === 1, 'one passkey listed');
  });

  await step(page, 'sign-out', async () => {
    await page.click('#sign-out');
    await idle(page);
    await page.waitForSelector('#signed-out:not([hidden])');
    check((await page.textContent('#one-tap-name')) === email, 'one-tap offered for the last user');
  });

  await step(page, 'reload-keeps-client-state', async () => {
    const clientState = page.waitForResponse((r) => r.url() === `${apiUrl}/client-state`);
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    const body = await (await clientState).json();
    check(typeof body.clientState === 'string' && body.clientState.length > 0, 'client-state cookie came back through /client-state');
    check(await page.locator('#one-tap-box').isVisible(), 'one-tap offered after a reload');
    const cookies = await context.cookies(apiUrl);
    check(cookies.some((c) => c.httpOnly && c.secure && c.sameSite === 'Strict'), 'client-state cookie is HttpOnly, Secure, SameSite=Strict');
  });

  let assertion;
  let signedPasskeyData;
  await step(page, 'passkey-sign-in', async () => {
    const login = page.waitForResponse((r) => r.url() === `${apiUrl}/passkey-login`);
    await page.click('#one-tap');
    await idle(page);
    check((await login).status() === 200, '/passkey-login answered 200');
    await page.waitForSelector('#signed-in:not([hidden])');
    check((await page.textContent('#signed-in-with')) === 'passkey', 'signed in with passkey');
    check((await page.textContent('#user')) === email, 'ID token names the user');
    assertion = JSON.parse(lastRequest('/login/finish').postData()).assertionResponse;
    signedPasskeyData = JSON.parse(lastRequest('/passkey-login').postData()).signedPasskeyData;
  });

  await step(page, 'id-token-reaches-connect-tokens', async () => {
    const tokenResponse = page.waitForResponse((r) => r.url() === `${apiUrl}/connect-tokens`);
    await page.click('#list-passkeys');
    await idle(page);
    const response = await tokenResponse;
    check(response.status() === 200, '/connect-tokens accepted the passkey ID token');
    const bearer = (await response.request().headerValue('authorization')) ?? '';
    const claims = JSON.parse(Buffer.from(bearer.replace('Bearer ', '').split('.')[1], 'base64url').toString());
    check(claims.token_use === 'id' && claims.email === email, 'the bearer is the Cognito ID token of the passkey login');
    check(claims['cognito:username'] === userSub, 'it names the signed-up user (its sub is its pool username)');
    check((await page.locator('#passkeys li').count()) === 1, 'passkey listed after passkey login');
  });

  await step(page, 'replay-refused', async () => {
    expectingErrors = true; // the browser logs the expected 400/401 as console errors
    const replay = await page.evaluate(async ({ apiUrl, assertion, signedPasskeyData }) => {
      const post = (url, body) => fetch(url, { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      const finish = await post(`${apiUrl}/local/corbado-frontend/v2/connect/login/finish`, { assertionResponse: assertion });
      const login = await post(`${apiUrl}/passkey-login`, { signedPasskeyData });
      return { finish: finish.status, finishType: (await finish.json()).error?.type, login: login.status, code: (await login.json()).code };
    }, { apiUrl, assertion, signedPasskeyData });
    expectingErrors = false;
    check(replay.finish === 400 && replay.finishType === 'invalid_challenge', `replayed assertion refused (${JSON.stringify(replay)})`);
    check(replay.login === 401 && replay.code === 'passkey_login_failed', `replayed signedPasskeyData refused (${JSON.stringify(replay)})`);
  });

  await step(page, 'cors-allowed-origin', async () => {
    const result = await page.evaluate(async (apiUrl) => {
      const response = await fetch(`${apiUrl}/client-state`, { credentials: 'include' });
      return { status: response.status, body: await response.json() };
    }, apiUrl);
    check(result.status === 200 && typeof result.body.clientState === 'string', `SPA origin ${spaOrigin} reads /client-state with its cookie`);
  });

  const thirdPage = await context.newPage();
  thirdPage.on('console', (msg) => consoleLines.push(`[third-origin ${msg.type()}] ${msg.text()}`));
  await step(thirdPage, 'cors-third-origin-refused', async () => {
    await thirdPage.goto(`${thirdOrigin}/`);
    const result = await thirdPage.evaluate(async (apiUrl) => {
      try {
        const response = await fetch(`${apiUrl}/client-state`, { credentials: 'include' });
        return `read ${response.status}`;
      } catch (e) {
        return `refused: ${e}`;
      }
    }, apiUrl);
    check(result.startsWith('refused'), `a third origin (${thirdOrigin}) must not read the service (${result})`);
    check(consoleLines.some((l) => l.startsWith('[third-origin error]') && l.includes('CORS')), 'the browser blocked it by CORS');
  });
  console.log(`JOURNEY PASSED in ${Date.now() - started} ms; screenshots in ${out}`);
} catch (e) {
  exitCode = 1;
  console.error(`JOURNEY FAILED at step ${stepNo}: ${e.stack ?? e}`);
  console.error('--- browser console ---');
  for (const line of consoleLines) console.error(line);
  if (unexpected.length) console.error(`--- unexpected errors ---\n${unexpected.join('\n')}`);
} finally {
  await browser.close().catch(() => {});
  await new Promise((resolve) => server.httpServer.close(resolve));
  third.close();
}
process.exit(exitCode);
