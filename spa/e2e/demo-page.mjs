// index.html: sign-up, password sign-in, then every passkey operation through Corbado's web-core 3.5
// ConnectService against the service's Frontend API stand-in (custom domain), and the service calls around
// it through the client generated from openapi/openapi.yaml.

/** Waits for the page's current action to end; a page that reports an error fails the step. */
async function idle(page) {
  await page.waitForFunction(() => !document.body.dataset.busy, null, { timeout: 30_000 });
  const error = await page.locator('#status.error').count();
  if (error) throw new Error(`page reports: ${await page.locator('#status').textContent()}`);
}

/** Answers the page's password dialog (a credential change needs a recent sign-in) when it opens. */
async function reauthenticate(run, page) {
  await page.waitForSelector('#reauth[open]', { timeout: 30_000 });
  await page.fill('#reauth-password', run.password);
  await page.click('#reauth-submit');
  await page.waitForSelector('#reauth:not([open])', { state: 'attached' });
}

function claimsOf(jwt) {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());
}

export async function demoPage(run) {
  const { check, step, apiUrl, email, password } = run;
  const { context, page, credentials } = await run.context();
  const seen = run.watch(page, 'demo');
  const frontendApi = `${apiUrl}/local/corbado-frontend/v2/connect`;

  await step(page, 'demo-loaded', async () => {
    await page.goto(`${run.spaOrigin}/`);
    await page.waitForSelector('body[data-ready="true"]');
    check(await page.locator('#one-tap-box').isHidden(), 'no one-tap offer before any passkey');
  });

  let userSub;
  await step(page, 'demo-sign-up', async () => {
    const signUp = page.waitForResponse((r) => r.url().startsWith(run.cognitoEndpoint)
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

  await step(page, 'demo-confirm-sign-up', async () => {
    const confirm = page.waitForResponse((r) => r.url().startsWith(run.cognitoEndpoint)
      && r.request().headers()['x-amz-target'] === 'AWSCognitoIdentityProviderService.ConfirmSignUp');
    await page.click('#confirm-submit');
    await idle(page);
    check((await confirm).status() === 200, 'ConfirmSignUp answered 200');
    check(await page.locator('#confirm-form').isHidden(), 'confirmation done');
    check((await page.inputValue('#email')).toLowerCase() === email.toLowerCase(), 'the sign-in form has the new email');
  });

  await step(page, 'demo-password-sign-in', async () => {
    await page.fill('#password', password);
    await page.click('#password-signin');
    await idle(page);
    await page.waitForSelector('#signed-in:not([hidden])');
    check((await page.textContent('#signed-in-with')) === 'password', 'signed in with password');
    check((await page.textContent('#user')) === email, 'the ID token names the new user by email');
  });

  await step(page, 'demo-add-passkey', async () => {
    await page.click('#add-passkey');
    if (run.stepUp) {
      run.expectFailedResponse(`${apiUrl}/connect-tokens`);
      await reauthenticate(run, page);
    }
    await idle(page);
    check((await page.textContent('#status')).startsWith('Passkey added (complete'), 'append completed');
    const held = await credentials();
    check(held.length === 1 && held[0].isResidentCredential, 'one resident credential on the authenticator');
    const tokenRequests = seen.requests.filter((r) => r.url() === `${apiUrl}/connect-tokens`);
    check(tokenRequests.length > 0 && JSON.parse(tokenRequests.at(-1).postData()).type === 'passkey-append',
      'passkey-append ConnectToken asked for');
    if (run.stepUp) {
      const statuses = await Promise.all(tokenRequests.map(async (r) => (await r.response())?.status()));
      check(statuses.join(',') === '401,200', `first refused for an old sign-in, then granted after the password (${statuses})`);
    }
    for (const operation of ['/append/init', '/append/start', '/append/finish']) {
      const request = seen.last(operation);
      check(request && request.url() === `${frontendApi}${operation}`, `web-core called ${operation} at the custom domain`);
      check(request.headers()['x-corbado-projectid'] === run.projectId, `${operation} names the project`);
    }
    check(JSON.parse(seen.last('/append/start').postData()).appendTokenValue.startsWith('ctks_'),
      'the ConnectToken travels as appendTokenValue');
    check(seen.last('/append/finish').headers()['x-corbado-process-id'] === (await seen.last('/append/init').response().then((r) => r.json())).processID,
      'append/finish carries the process of append/init');
    const complete = JSON.parse(seen.last('/passkey-append-complete').postData());
    check(JSON.parse(Buffer.from(complete.clientState, 'base64').toString()).lastLogin.data.operationType === 'append',
      'the client state handed to the service is web-core\'s encoding of the append');
  });

  await step(page, 'demo-list-passkeys', async () => {
    await page.click('#list-passkeys');
    await idle(page);
    check((await page.locator('#passkeys li').count()) === 1, 'one passkey listed');
    check((await page.textContent('#passkeys li')).includes('with Chrome on Linux'), 'with the browser and OS it was made on');
  });

  await step(page, 'demo-sign-out', async () => {
    await page.click('#sign-out');
    await idle(page);
    await page.waitForSelector('#signed-out:not([hidden])');
    check((await page.textContent('#one-tap-name')) === userSub, 'one-tap offered for the last passkey user (Corbado knows the Cognito username)');
  });

  await step(page, 'demo-one-tap-from-the-cookie', async () => {
    // A browser without web-core's localStorage (another profile, cleared storage): the cookie carries it.
    await page.evaluate(() => localStorage.clear());
    const clientState = page.waitForResponse((r) => r.url() === `${apiUrl}/client-state`);
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    const body = await (await clientState).json();
    check(typeof body.clientState === 'string' && body.clientState.length > 0, 'client-state cookie came back through /client-state');
    check(await page.locator('#one-tap-box').isVisible(), 'one-tap offered from the cookie alone');
    const cookies = await context.cookies(apiUrl);
    check(cookies.some((c) => c.httpOnly && c.secure && c.sameSite === 'Strict'), 'client-state cookie is HttpOnly, Secure, SameSite=Strict');
  });

  let replay;
  await step(page, 'demo-one-tap-sign-in', async () => {
    const login = page.waitForResponse((r) => r.url() === `${apiUrl}/passkey-login`);
    await page.click('#one-tap');
    await idle(page);
    check((await login).status() === 200, '/passkey-login answered 200');
    await page.waitForSelector('#signed-in:not([hidden])');
    check((await page.textContent('#signed-in-with')) === 'passkey', 'signed in with passkey');
    check((await page.textContent('#user')) === email, 'ID token names the user');
    const start = JSON.parse(seen.last('/login/start').postData());
    check(start.source === 'one-tap' && start.identifier === userSub, `one-tap login/start (${JSON.stringify(start)})`);
    const finish = seen.last('/login/finish');
    const signedPasskeyData = JSON.parse(seen.last('/passkey-login').postData()).signedPasskeyData;
    check(claimsOf(signedPasskeyData).webauthnId === userSub, 'signedPasskeyData names the Cognito user');
    replay = { assertionResponse: JSON.parse(finish.postData()).assertionResponse, headers: finish.headers(), signedPasskeyData };
  });

  await step(page, 'demo-id-token-reaches-connect-tokens', async () => {
    const tokenResponse = page.waitForResponse((r) => r.url() === `${apiUrl}/connect-tokens`);
    await page.click('#list-passkeys');
    await idle(page);
    const response = await tokenResponse;
    check(response.status() === 200, '/connect-tokens accepted the passkey ID token');
    const claims = claimsOf(((await response.request().headerValue('authorization')) ?? '').replace('Bearer ', ''));
    check(claims.token_use === 'id' && claims.email === email, 'the bearer is the Cognito ID token of the passkey login');
    check(claims['cognito:username'] === userSub, 'it names the signed-up user (its sub is its pool username)');
    check((await page.locator('#passkeys li').count()) === 1, 'passkey listed after passkey login');
  });

  await step(page, 'demo-typed-passkey-sign-in', async () => {
    await page.click('#sign-out');
    await idle(page);
    await page.fill('#email', email);
    await page.click('#passkey-signin');
    await idle(page);
    await page.waitForSelector('#signed-in:not([hidden])');
    check((await page.textContent('#signed-in-with')) === 'passkey', 'signed in with passkey');
    const start = JSON.parse(seen.last('/login/start').postData());
    check(start.source === 'text-field' && start.identifier === email, 'typed login/start sends the email');
  });

  await step(page, 'demo-replay-refused', async () => {
    const result = await run.replay(page, frontendApi, replay);
    check(result.finish === 400 && result.type === 'validation_error' && result.details.startsWith('invalid_challenge'),
      `replayed assertion refused (${JSON.stringify(result)})`);
    check(result.login === 401 && result.code === 'passkey_login_failed', `replayed signedPasskeyData refused (${JSON.stringify(result)})`);
  });

  await step(page, 'demo-delete-passkey', async () => {
    await page.click('#list-passkeys');
    await idle(page);
    const deleted = page.waitForResponse((r) => r.url() === `${frontendApi}/manage/delete`);
    await page.click('#passkeys li button');
    await idle(page);
    check((await deleted).status() === 200, 'manage/delete answered 200');
    check((await page.locator('#passkeys li').count()) === 0, 'no passkey left');
    // CDP reports the credential id in base64, WebAuthn's JSON forms in base64url.
    const held = Buffer.from((await credentials())[0].credentialId, 'base64').toString('base64url');
    check(JSON.parse(seen.last('/manage/delete').postData()).credentialID === held, 'web-core names the passkey by its credential id');
  });

  await step(page, 'demo-refused-by-pre-login', async () => {
    await page.click('#sign-out');
    await idle(page);
    const start = page.waitForResponse((r) => r.url() === `${frontendApi}/login/start`);
    await page.fill('#email', run.refusedEmail);
    await page.click('#passkey-signin');
    await idle(page);
    const answer = await (await start).json();
    check(answer.assertionOptions === '' && answer.fallbackOperationError.initFallback === true,
      `the pre-login action's silent error: no ceremony, fall back (${JSON.stringify(answer)})`);
    check(await page.locator('#login-notice').isVisible(), 'the page says to use the password');
    check((await page.inputValue('#email')) === run.refusedEmail, 'the password form keeps the email');
    check(await page.locator('#signed-out:not([hidden])').count() === 1, 'still signed out');
  });

  await step(page, 'demo-cors-allowed-origin', async () => {
    const result = await page.evaluate(async (apiUrl) => {
      const response = await fetch(`${apiUrl}/client-state`, { credentials: 'include' });
      return { status: response.status, body: await response.json() };
    }, apiUrl);
    check(result.status === 200 && typeof result.body.clientState === 'string', `page origin ${run.spaOrigin} reads /client-state with its cookie`);
  });

  const thirdPage = await context.newPage();
  thirdPage.on('console', (msg) => run.consoleLines.push(`[third-origin ${msg.type()}] ${msg.text()}`));
  await step(thirdPage, 'cors-third-origin-refused', async () => {
    await thirdPage.goto(`${run.thirdOrigin}/`);
    const result = await thirdPage.evaluate(async (apiUrl) => {
      try {
        const response = await fetch(`${apiUrl}/client-state`, { credentials: 'include' });
        return `read ${response.status}`;
      } catch (e) {
        return `refused: ${e}`;
      }
    }, apiUrl);
    check(result.startsWith('refused'), `a third origin (${run.thirdOrigin}) must not read the service (${result})`);
    check(run.consoleLines.some((l) => l.startsWith('[third-origin error]') && l.includes('CORS')), 'the browser blocked it by CORS');
  });
  await context.close();
}
