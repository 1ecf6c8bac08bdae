import { type Api, ApiError, connectToken, createApi, ok } from './api/client';
import { claims, confirmSignUp, passwordSignIn, signUp } from './cognito';
import { type Config, loadConfig } from './config';
import { CorbadoLocal, clientState, lastUserOf } from './corbado';

interface Session {
  idToken: string;
  name: string;
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
let corbado: CorbadoLocal;
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
    $('user').textContent = session.name;
    $('signed-in-with').textContent = session.via;
  } else {
    $('passkeys').replaceChildren();
  }
}

function signedIn(idToken: string, via: Session['via']): void {
  const token = claims(idToken);
  session = { idToken, via, name: String(token.email ?? token['cognito:username']) };
  render();
}

/** One-tap: the HttpOnly client-state cookie comes back through the service. */
async function refreshOneTap(): Promise<string | null> {
  const state = ok(await api.GET('/client-state')).clientState;
  const lastUser = lastUserOf(state);
  $('one-tap-box').hidden = lastUser === null;
  $('one-tap-name').textContent = lastUser ?? '';
  return state ?? null;
}

async function passkeySignIn(): Promise<void> {
  const known = await refreshOneTap();
  const { signedPasskeyData, webauthnId } = await corbado.login();
  const tokens = ok(
    await api.POST('/passkey-login', {
      body: { signedPasskeyData, clientState: known ?? clientState(webauthnId) },
    }),
  );
  signedIn(tokens.idToken, 'passkey');
  status('Signed in with your passkey.');
}

async function addPasskey(current: Session): Promise<void> {
  await corbado.append(await connectToken(api, current.idToken, 'passkey-append'));
  const result = ok(
    await api.POST('/passkey-append-complete', {
      body: { appendStatus: 'complete', clientState: clientState(current.name) },
      headers: { Authorization: `Bearer ${current.idToken}` },
    }),
  );
  status(`Passkey added (${result.appendStatus}${result.mfaUpdated ? ', SMS MFA switched on' : ''}).`);
}

async function listPasskeys(current: Session): Promise<void> {
  const passkeys = await corbado.list(await connectToken(api, current.idToken, 'passkey-list'));
  $('passkeys').replaceChildren(
    ...passkeys.map((passkey) => {
      const item = document.createElement('li');
      item.dataset.passkeyId = passkey.id;
      item.textContent = `${passkey.id.slice(0, 12)}… created ${passkey.createdAt}, used ${passkey.signCount}× `;
      const remove = document.createElement('button');
      remove.textContent = 'Delete';
      remove.addEventListener('click', () =>
        action('Delete passkey', async () => {
          await corbado.remove(await connectToken(api, current.idToken, 'passkey-delete'), passkey.id);
          await listPasskeys(current);
        }),
      );
      item.append(remove);
      return item;
    }),
  );
  status(`${passkeys.length} passkey(s).`);
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

async function start(): Promise<void> {
  config = await loadConfig();
  api = createApi(config.apiUrl);
  corbado = new CorbadoLocal(config.corbadoFrontendApiUrl);

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
  $('passkey-signin').addEventListener('click', () => void action('Passkey sign-in', passkeySignIn));
  $('one-tap').addEventListener('click', () => void action('Passkey sign-in', passkeySignIn));
  $('add-passkey').addEventListener('click', () => session && void action('Add passkey', () => addPasskey(session!)));
  $('list-passkeys').addEventListener('click', () => session && void action('List passkeys', () => listPasskeys(session!)));
  $('sign-out').addEventListener('click', () =>
    void action('Sign out', async () => {
      session = null;
      render();
      await refreshOneTap();
      status('Signed out.');
    }),
  );
  render();
  await refreshOneTap();
  document.body.dataset.ready = 'true';
}

void action('Start', start);
