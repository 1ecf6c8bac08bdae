// react.html: Corbado's own React components (@corbado/connect-react 0.2.4 on web-core 2.18), mounted as
// Corbado's Cognito guide mounts them, against the service's Frontend API stand-in at
// https://{projectId}.localhost:{tls port}/local/corbado-frontend (connect-react builds that address from
// its frontendApiUrlSuffix; the listener's certificate is self-signed, which this browser context accepts).

const login = '.cb-connect-login';

/** Fails the step when the page reports an error; otherwise lets React and the components settle. */
async function noError(page) {
  const error = await page.locator('#status.error').count();
  if (error) throw new Error(`page reports: ${await page.locator('#status').textContent()}`);
}

async function typeIntoLogin(page, email) {
  const field = page.locator(`${login} input[type=email]`);
  await field.waitFor();
  await field.fill(email);
  await page.locator(`${login} .cb-primary-button`).click();
}

export async function reactPage(run) {
  const { check, step, apiUrl, projectId } = run;
  const { context, page, credentials } = await run.context({ ignoreHTTPSErrors: true });
  const seen = run.watch(page, 'react');
  const frontendApi = `https://${projectId}.localhost:${run.tlsPort}/local/corbado-frontend/v2/connect`;

  await step(page, 'react-loaded', async () => {
    await page.goto(`${run.reactOrigin}/react.html`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.locator(`${login} input[type=email]`).waitFor();
    const init = seen.last('/login/init');
    check(init && init.url() === `${frontendApi}/login/init`,
      `connect-react called https://{projectId}.{frontendApiUrlSuffix} (${init?.url()})`);
    const answer = await (await init.response()).json();
    check(answer.frontendApiUrl === `https://${projectId}.localhost:${run.tlsPort}/local/corbado-frontend`,
      'the stand-in names the address the browser used as the process\'s frontendApiUrl');
  });

  await step(page, 'react-refused-by-pre-login', async () => {
    const start = page.waitForResponse((r) => r.url() === `${frontendApi}/login/start`);
    await typeIntoLogin(page, run.refusedEmail);
    await page.waitForSelector('#password-login');
    const answer = await (await start).json();
    check(answer.assertionOptions === '', 'no ceremony for an email the pre-login action refuses');
    check((await page.inputValue('#email')) === run.refusedEmail, 'onFallback hands the identifier to the password form');
    check((await page.locator('#fallback-message').count()) === 0, 'a silent error: the component falls back without a message');
    await noError(page);
  });

  await step(page, 'react-no-passkey-falls-back', async () => {
    await page.click('#back-to-passkey');
    await typeIntoLogin(page, run.reactEmail);
    await page.waitForSelector('#password-login');
    check((await page.inputValue('#email')) === run.reactEmail, 'a user without passkeys falls back with the email');
  });

  await step(page, 'react-password-sign-in-and-append', async () => {
    await page.fill('#password', run.password);
    await page.click('#password-signin');
    if (run.stepUp) {
      run.expectFailedResponse(`${apiUrl}/connect-tokens`);
      // <CorbadoConnectAppend> asks for its ConnectToken at once; an old sign-in is refused, the page asks again.
      await page.waitForSelector('#reauth[open]');
      await page.fill('#reauth-password', run.password);
      await page.click('#reauth-submit');
    }
    await page.locator('.cb-append-activate-button').waitFor();
    await page.click('.cb-append-activate-button');
    await page.getByText('Success!').waitFor();
    const complete = page.waitForResponse((r) => r.url() === `${apiUrl}/passkey-append-complete`);
    await page.locator('.cb-connect-append .cb-primary-button').click();
    check((await complete).status() === 200, '/passkey-append-complete answered 200');
    await page.waitForSelector('#profile');
    await noError(page);
    const held = await credentials();
    check(held.length === 1 && held[0].isResidentCredential, 'one resident credential on the authenticator');
    const body = JSON.parse(seen.last('/passkey-append-complete').postData());
    check(body.appendStatus === 'complete', 'the page completes with appendStatus complete (0.2.4 passes none)');
    check(JSON.parse(Buffer.from(body.clientState, 'base64').toString()).lastLogin.data.operationType === 'append',
      'the client state is web-core 3\'s encoding of what connect-react stored');
    check(seen.last('/append/start').url() === `${frontendApi}/append/start`, 'append went through the TLS listener');
    if (run.stepUp) {
      const appends = seen.requests.filter((r) => r.url() === `${apiUrl}/connect-tokens` && JSON.parse(r.postData()).type === 'passkey-append');
      const statuses = await Promise.all(appends.map(async (r) => (await r.response())?.status()));
      check(statuses.join(',') === '401,200', `refused for an old sign-in, granted after the password (${statuses})`);
    }
  });

  await step(page, 'react-passkey-list', async () => {
    await page.locator('.cb-passkey-list-item').first().waitFor();
    check((await page.locator('.cb-passkey-list-item').count()) === 1, 'one passkey listed by <CorbadoConnectPasskeyList>');
    const types = seen.requests.filter((r) => r.url() === `${apiUrl}/connect-tokens`).map((r) => JSON.parse(r.postData()).type);
    check(types.includes('passkey-list'), `the list asked for a passkey-list ConnectToken (${types})`);
  });

  await step(page, 'react-one-tap-from-the-cookie', async () => {
    await page.click('#sign-out');
    await page.locator(`${login} .cb-passkey-button`).waitFor();
    // Without connect-react's localStorage, the page restores the last login from the client-state cookie.
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.locator(`${login} .cb-passkey-button`).waitFor();
    check((await page.textContent(`${login} .cb-passkey-button-subtitle`)).length > 0, 'the one-tap button names the last user');
  });

  let replay;
  await step(page, 'react-one-tap-sign-in', async () => {
    const passkeyLogin = page.waitForResponse((r) => r.url() === `${apiUrl}/passkey-login`);
    await page.click(`${login} .cb-passkey-button`);
    check((await passkeyLogin).status() === 200, '/passkey-login answered 200');
    await page.waitForSelector('#profile');
    check((await page.textContent('#user')) === run.reactEmail, 'signed in as the React page\'s user');
    check(JSON.parse(seen.last('/login/start').postData()).source === 'one-tap', 'a one-tap login/start');
    const finish = seen.last('/login/finish');
    replay = { assertionResponse: JSON.parse(finish.postData()).assertionResponse, headers: finish.headers(),
      signedPasskeyData: JSON.parse(seen.last('/passkey-login').postData()).signedPasskeyData };
    await noError(page);
  });

  await step(page, 'react-typed-passkey-sign-in', async () => {
    await page.click('#sign-out');
    await page.locator(`${login} .cb-switch`).click(); // "Switch Account": back to the email field
    const passkeyLogin = page.waitForResponse((r) => r.url() === `${apiUrl}/passkey-login`);
    await typeIntoLogin(page, run.reactEmail);
    check((await passkeyLogin).status() === 200, '/passkey-login answered 200');
    await page.waitForSelector('#profile');
    const start = JSON.parse(seen.last('/login/start').postData());
    check(start.source === 'text-field' && start.identifier === run.reactEmail, 'a typed login/start with the email');
    await noError(page);
  });

  await step(page, 'react-replay-refused', async () => {
    const result = await run.replay(page, frontendApi, replay);
    check(result.finish === 400 && result.details.startsWith('invalid_challenge') && result.login === 401,
      `replayed assertion and signedPasskeyData refused (${JSON.stringify(result)})`);
  });

  await step(page, 'react-delete-passkey', async () => {
    await page.locator('.cb-passkey-list-item').first().waitFor();
    await page.locator('.cb-passkey-list-item-delete-icon .cb-link-button').first().click();
    const deleted = page.waitForResponse((r) => r.url() === `${frontendApi}/manage/delete`);
    await page.locator('.cb-modal-button-primary').click();
    check((await deleted).status() === 200, 'manage/delete answered 200');
    await page.locator('.cb-passkey-list-empty').waitFor();
    const passkeyId = JSON.parse(seen.last('/manage/delete').postData()).credentialID;
    check(passkeyId.startsWith('cre-'), `connect-react 0.2.4 names the passkey by its passkey id (${passkeyId})`);
    await noError(page);
  });

  await step(page, 'react-sign-out', async () => {
    await page.click('#sign-out');
    await page.locator(login).waitFor();
  });
  await context.close();
}
