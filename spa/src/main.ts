import { type Api, ApiError, createApi, ok } from './api/client';
import { claims, confirmSignUp, passwordSignIn, signUp } from './cognito';
import { type Config, loadConfig } from './config';
import { type LoginOutcome, type Passkey, Passkeys } from './passkeys';
import { connectTokenWithStepUp, type SignedIn } from './reauth';

interface Session extends SignedIn {
  via: 'password' | 'passkey';
}

const $ = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) {
    throw new Error(`#${id} missing`);
  }
  return element as T;
};

let session: Session | null = null;
let api: Api;
let config: Config;
let passkeys: Passkeys;
/** The user that signed up and still has to confirm; its sub names it to ConfirmSignUp. */
let pendingSignUp: { email: string; userSub: string } | null = null;

function status(message: string, error = false): void {
  const element = $('status');
  element.textContent = message;
  element.classList.toggle('error', error);
}

/** Runs one user action; the page's data-busy attribute lets tests wait for its end. */
async function action(name: string, run: () => Promise<void>): Promise<void> {
  document.body.dataset.busy = name;
  try {
    await run();
  } catch (e) {
    const message = e instanceof ApiError ? `${name} failed: ${e.message}` : `${name} failed: ${String(e)}`;
    status(message, true);
    console.error(message);
  } finally {
    delete document.body.dataset.busy;
  }
}

function render(): void {
  $('signed-out').hidden = session !== null;
  $('signed-in').hidden = session === null;
  if (session) {
    $('user').textContent = session.email;
    $('signed-in-with').textContent = session.via;
    $('login-notice').hidden = true;
  } else {
    $('passkeys').replaceChildren();
  }
}

function signedIn(idToken: string, via: Session['via']): void {
  const token = claims(idToken);
  session = { idToken, via, email: String(token.email ?? token['cognito:username']) };
  render();
}

/** One-tap: who logged in last, from web-core's client state (localStorage, or the cookie via /client-state). */
function refreshOneTap(): string | null {
  const lastLogin = passkeys.lastLogin();
  $('one-tap-box').hidden = lastLogin === null;
  $('one-tap-name').textContent = lastLogin ?? '';
  return lastLogin;
}

/** Corbado says no passkey ceremony: the password form takes over, with the identifier filled in. */
function fallBack(outcome: Extract<LoginOutcome, { kind: 'fallback' }>, typed: string): void {
  const { initFallback, identifier, error } = outcome.reason;
  const notice = $('login-notice');
  notice.hidden = false;
  notice.dataset.code = error?.code ?? '';
  notice.textContent = initFallback
    ? `No passkey sign-in for ${identifier || typed}${error ? ` (${error.code})` : ''}: sign in with your password.`
    : (error?.message ?? 'Passkey sign-in is not possible.');
  if (initFallback) {
    $<HTMLInputElement>('email').value = identifier || typed;
    $<HTMLInputElement>('password').focus();
  }
  status('');
}

async function passkeySignIn(identifier: string, oneTap: boolean): Promise<void> {
  const outcome = await passkeys.login(identifier, oneTap);
  if (outcome.kind === 'fallback') {
    fallBack(outcome, identifier);
    return;
  }
  const tokens = ok(
    await api.POST('/passkey-login', {
      body: { signedPasskeyData: outcome.signedPasskeyData, clientState: outcome.clientState },
    }),
  );
  signedIn(tokens.idToken, 'passkey');
  status('Signed in with your passkey.');
}

async function addPasskey(current: Session): Promise<void> {
  const clientState = await passkeys.append(() => connectTokenWithStepUp(api, config, current, 'passkey-append'));
  const result = ok(
    await api.POST('/passkey-append-complete', {
      body: { appendStatus: 'complete', clientState },
      headers: { Authorization: `Bearer ${current.idToken}` },
    }),
  );
  status(`Passkey added (${result.appendStatus}${result.mfaUpdated ? ', SMS MFA switched on' : ''}).`);
}

function passkeyItem(current: Session, passkey: Passkey): HTMLLIElement {
  const item = document.createElement('li');
  item.dataset.credentialId = passkey.credentialID;
  item.textContent = `${passkey.credentialID.slice(0, 12)}… created ${passkey.created} with ${passkey.sourceBrowser} on ${passkey.sourceOS} `;
  const remove = document.createElement('button');
  remove.textContent = 'Delete';
  remove.addEventListener('click', () =>
    action('Delete passkey', async () => {
      await passkeys.remove(await connectTokenWithStepUp(api, config, current, 'passkey-delete'), passkey.credentialID);
      await listPasskeys(current);
    }),
  );
  item.append(remove);
  return item;
}

async function listPasskeys(current: Session): Promise<void> {
  const list = await passkeys.list(await connectTokenWithStepUp(api, config, current, 'passkey-list'));
  $('passkeys').replaceChildren(...list.map((passkey) => passkeyItem(current, passkey)));
  status(`${list.length} passkey(s).`);
}

/** The account is ready: offer the password sign-in with the new email filled in. */
function signUpDone(email: string): void {
  pendingSignUp = null;
  $('confirm-form').hidden = true;
  $<HTMLFormElement>('signup-form').reset();
  $<HTMLInputElement>('email').value = email;
  $<HTMLInputElement>('password').focus();
  status('Account confirmed: sign in with your password.');
}

function wireSignUp(): void {
  $<HTMLFormElement>('signup-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void action('Sign-up', async () => {
      const email = $<HTMLInputElement>('signup-email').value;
      const result = await signUp(config.cognitoEndpoint, config.cognitoClientId, email,
        $<HTMLInputElement>('signup-password').value);
      if (result.UserConfirmed) {
        signUpDone(email);
        return;
      }
      pendingSignUp = { email, userSub: result.UserSub };
      $('confirm-email').textContent = result.CodeDeliveryDetails?.Destination ?? email;
      $('confirm-form').hidden = false;
      status('Signed up: enter the confirmation code.');
    });
  });
  $<HTMLFormElement>('confirm-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const pending = pendingSignUp;
    if (!pending) {
      return;
    }
    void action('Confirm sign-up', async () => {
      await confirmSignUp(config.cognitoEndpoint, config.cognitoClientId, pending.userSub,
        $<HTMLInputElement>('confirm-code').value);
      signUpDone(pending.email);
    });
  });
}

async function start(): Promise<void> {
  config = await loadConfig();
  api = createApi(config.apiUrl);
  passkeys = new Passkeys(config);

  $<HTMLFormElement>('password-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void action('Password sign-in', async () => {
      const email = $<HTMLInputElement>('email').value;
      const tokens = await passwordSignIn(config.cognitoEndpoint, config.cognitoClientId, email,
        $<HTMLInputElement>('password').value);
      signedIn(tokens.IdToken, 'password');
      status('Signed in with your password.');
    });
  });
  wireSignUp();
  $('passkey-signin').addEventListener('click', () =>
    void action('Passkey sign-in', async () => {
      const email = $<HTMLInputElement>('email').value.trim();
      if (!email) {
        throw new Error('enter your email first');
      }
      await passkeySignIn(email, false);
    }),
  );
  $('one-tap').addEventListener('click', () =>
    void action('Passkey sign-in', () => passkeySignIn(passkeys.lastLogin() ?? '', true)),
  );
  $('add-passkey').addEventListener('click', () => session && void action('Add passkey', () => addPasskey(session!)));
  $('list-passkeys').addEventListener('click', () => session && void action('List passkeys', () => listPasskeys(session!)));
  $('sign-out').addEventListener('click', () =>
    void action('Sign out', async () => {
      session = null;
      render();
      refreshOneTap();
      status('Signed out.');
    }),
  );
  render();
  // The HttpOnly cookie comes back through the service: web-core takes in what it does not already know.
  passkeys.restore(ok(await api.GET('/client-state')).clientState);
  refreshOneTap();
  document.body.dataset.ready = 'true';
}

void action('Start', start);
