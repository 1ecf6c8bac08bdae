// Both demo pages in a real browser: headless Debian Chromium with a CDP virtual WebAuthn authenticator
// (internal transport, resident key, user verification) per page, the built SPA served by two
// `vite preview` servers (two origins: the two web-core versions keep different formats under the same
// localStorage keys), the service and the Cognito emulator started by the calling test (BrowserJourneyTest).
// index.html runs Corbado's @corbado/web-core 3.5 (ConnectService), react.html Corbado's
// @corbado/connect-react 0.2.4 components; both against the service's Frontend API stand-in, react.html
// through its TLS listener (https://{projectId}.localhost:{port}). A screenshot per step goes to E2E_OUT;
// any browser console error, page error, request to a host that is not local, or failed expectation
// fails the run and prints the whole console.
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoPage } from './demo-page.mjs';
import { reactPage } from './react-page.mjs';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is required`);
  return value;
};
const apiUrl = env('E2E_API_URL');
const settings = {
  apiUrl,
  projectId: env('E2E_PROJECT_ID'),
  cognitoEndpoint: env('E2E_COGNITO_ENDPOINT'),
  email: env('E2E_EMAIL'),
  reactEmail: env('E2E_REACT_EMAIL'),
  refusedEmail: env('E2E_REFUSED_EMAIL'),
  password: env('E2E_PASSWORD'),
  // When set, the service answers passkey-append ConnectTokens 401 reauthentication_required for this
  // run's sign-ins: the pages must ask for the password again and retry.
  stepUp: process.env.E2E_STEP_UP === 'true',
};
const cognitoClientId = env('E2E_COGNITO_CLIENT_ID');
const spaPort = Number(env('E2E_SPA_PORT'));
const reactPort = Number(env('E2E_REACT_PORT'));
const tlsPort = Number(env('E2E_TLS_PORT'));
const out = env('E2E_OUT');
const only = process.env.E2E_PAGES ?? 'demo,react';
const chromiumPath = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
const spaRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
fs.mkdirSync(out, { recursive: true });

const consoleLines = [];
const unexpected = [];
// Failed responses a step announced (url -> count): Chromium logs each as a console error.
const announced = new Map();
let expectingErrors = false;
let stepNo = 0;
const started = Date.now();

/** What a page's flow uses: steps with screenshots, checks, the console watch, the authenticator. */
const run = {
  ...settings,
  check(condition, message) {
    if (!condition) throw new Error(`expectation failed: ${message}`);
  },
  async step(page, name, body) {
    stepNo += 1;
    const label = `${String(stepNo).padStart(2, '0')}-${name}`;
    const t0 = Date.now();
    try {
      await body();
    } catch (e) {
      await page.screenshot({ path: path.join(out, `${label}-FAILED.png`), fullPage: true }).catch(() => {});
      throw e;
    }
    await page.screenshot({ path: path.join(out, `${label}.png`), fullPage: true });
    if (unexpected.length) throw new Error(`browser reported errors during ${label}`);
    console.log(`STEP ${label} ok (${Date.now() - t0} ms)`);
  },
  /** Runs `body` while the browser may log errors (an expected 4xx is logged as a failed resource). */
  async expectingErrors(body) {
    expectingErrors = true;
    try {
      return await body();
    } finally {
      expectingErrors = false;
    }
  },
  /**
   * Replays a finished passkey login from the page: the same assertion to the Frontend API's login/finish
   * (with the project and process headers web-core sent), the same signedPasskeyData to /passkey-login.
   */
  async replay(page, frontendApi, login) {
    return run.expectingErrors(() => page.evaluate(async ({ apiUrl, frontendApi, login }) => {
      const finish = await fetch(`${frontendApi}/login/finish`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Corbado-ProjectID': login.headers['x-corbado-projectid'],
          'x-corbado-process-id': login.headers['x-corbado-process-id'] },
        body: JSON.stringify({ assertionResponse: login.assertionResponse, isConditionalUI: false }),
      });
      const passkeyLogin = await fetch(`${apiUrl}/passkey-login`, { method: 'POST', credentials: 'include',
        headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ signedPasskeyData: login.signedPasskeyData }) });
      const error = (await finish.json()).error;
      return { finish: finish.status, type: error?.type, details: error?.details ?? '', login: passkeyLogin.status,
        code: (await passkeyLogin.json()).code };
    }, { apiUrl, frontendApi, login }));
  },
  /** The next `count` failed answers from `url` are expected (a refusal the page handles), not errors. */
  expectFailedResponse(url, count = 1) {
    announced.set(url, (announced.get(url) ?? 0) + count);
  },
  /** Console, page errors and every request of a page; the requests for the assertions. */
  watch(page, label) {
    const requests = [];
    page.on('console', (msg) => {
      const line = `[${label} ${msg.type()}] ${msg.text()}`;
      consoleLines.push(line);
      const url = msg.location()?.url;
      if (msg.type() === 'error' && msg.text().startsWith('Failed to load resource') && announced.get(url) > 0) {
        announced.set(url, announced.get(url) - 1);
        return;
      }
      if (msg.type() === 'error' && !expectingErrors) unexpected.push(line);
    });
    page.on('pageerror', (err) => { consoleLines.push(`[${label} pageerror] ${err.message}`); unexpected.push(err.message); });
    page.on('request', (request) => {
      requests.push(request);
      const url = new URL(request.url());
      const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname.endsWith('.localhost');
      if ((url.protocol === 'http:' || url.protocol === 'https:') && !local) {
        unexpected.push(`[${label}] request to a public host: ${request.url()}`);
      }
    });
    return {
      requests,
      last: (suffix) => [...requests].reverse().find((r) => new URL(r.url()).pathname.endsWith(suffix) && r.method() === 'POST'),
    };
  },
  /** A fresh browser context with its own virtual authenticator. */
  async context(options = {}) {
    const context = await browser.newContext({ viewport: { width: 900, height: 900 }, ...options });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true,
        isUserVerified: true, automaticPresenceSimulation: true },
    });
    const credentials = async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
    return { context, page, credentials };
  },
  consoleLines,
};

// The pages read their backends from config.json: point the built SPA at this run's service and emulator.
fs.writeFileSync(path.join(spaRoot, 'dist', 'config.json'), JSON.stringify({
  apiUrl,
  corbadoProjectId: settings.projectId,
  corbadoFrontendApiUrl: `${apiUrl}/local/corbado-frontend`,
  corbadoFrontendApiUrlSuffix: `localhost:${tlsPort}/local/corbado-frontend`,
  cognitoEndpoint: settings.cognitoEndpoint,
  cognitoClientId,
}));
const servers = [
  await preview({ root: spaRoot, logLevel: 'warn', preview: { host: 'localhost', port: spaPort, strictPort: true } }),
  await preview({ root: spaRoot, logLevel: 'warn', preview: { host: 'localhost', port: reactPort, strictPort: true } }),
];
// A third origin, not in CORS_ORIGINS: a blank page on 127.0.0.1.
const third = http.createServer((req, res) => { res.writeHead(200, { 'Content-Type': 'text/html' }); res.end('<!doctype html><title>third origin</title><p>third origin</p>'); });
await new Promise((resolve) => third.listen(0, '127.0.0.1', resolve));
run.thirdOrigin = `http://127.0.0.1:${third.address().port}`;
run.spaOrigin = `http://localhost:${spaPort}`;
run.reactOrigin = `http://localhost:${reactPort}`;
run.tlsPort = tlsPort;

const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
let exitCode = 0;
try {
  if (only.includes('demo')) {
    await demoPage(run);
    console.log(`DEMO PAGE PASSED after ${Date.now() - started} ms`);
  }
  if (only.includes('react')) {
    await reactPage(run);
    console.log(`REACT PAGE PASSED after ${Date.now() - started} ms`);
  }
  console.log(`JOURNEY PASSED in ${Date.now() - started} ms; screenshots in ${out}`);
} catch (e) {
  exitCode = 1;
  console.error(`JOURNEY FAILED at step ${stepNo}: ${e.stack ?? e}`);
  console.error('--- browser console ---');
  for (const line of consoleLines) console.error(line);
  if (unexpected.length) console.error(`--- unexpected ---\n${unexpected.join('\n')}`);
} finally {
  await browser.close().catch(() => {});
  for (const server of servers) await new Promise((resolve) => server.httpServer.close(resolve));
  third.close();
}
process.exit(exitCode);
