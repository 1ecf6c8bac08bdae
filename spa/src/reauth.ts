import { type Api, connectToken, type ConnectTokenType, isReauthenticationRequired } from './api/client';
import { passwordSignIn } from './cognito';
import type { Config } from './config';

/** Who is signed in, as far as asking for a ConnectToken goes; a step-up replaces the ID token. */
export interface SignedIn {
  idToken: string;
  email: string;
}

const $ = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) {
    throw new Error(`#${id} missing`);
  }
  return element as T;
};

/**
 * A ConnectToken for the signed-in user. Adding or removing a passkey is a credential change: when the
 * sign-in is older than the service allows (401 reauthentication_required), the page asks for the
 * password again (a dialog), signs in with Cognito and asks once more with
 * the fresh ID token.
 */
export async function connectTokenWithStepUp(api: Api, config: Config, who: SignedIn, type: ConnectTokenType): Promise<string> {
  try {
    return await connectToken(api, who.idToken, type);
  } catch (e) {
    if (!isReauthenticationRequired(e)) {
      throw e;
    }
    who.idToken = await askForPassword(config, who.email);
    return connectToken(api, who.idToken, type);
  }
}

/** The password dialog, added to the page the first time it is needed. */
function dialog(): HTMLDialogElement {
  const existing = document.getElementById('reauth');
  if (existing) {
    return existing as HTMLDialogElement;
  }
  const created = document.createElement('dialog');
  created.id = 'reauth';
  created.innerHTML = `
    <form id="reauth-form">
      <p>Changing your passkeys needs a recent sign-in: enter the password of <strong id="reauth-email"></strong> again.</p>
      <label>Password <input id="reauth-password" type="password" autocomplete="current-password" required /></label>
      <button id="reauth-submit" type="submit">Sign in again</button>
      <button id="reauth-cancel" type="button">Cancel</button>
      <p id="reauth-error" role="alert"></p>
    </form>`;
  document.body.append(created);
  return created;
}

/** Shows the password dialog until Cognito accepts the password; rejects when the user cancels. */
function askForPassword(config: Config, email: string): Promise<string> {
  const shown = dialog();
  const form = $<HTMLFormElement>('reauth-form');
  const error = $('reauth-error');
  $('reauth-email').textContent = email;
  error.textContent = '';
  form.reset();
  shown.showModal();
  return new Promise((resolve, reject) => {
    const submit = (event: Event) => {
      event.preventDefault();
      passwordSignIn(config.cognitoEndpoint, config.cognitoClientId, email, $<HTMLInputElement>('reauth-password').value)
        .then((tokens) => {
          done();
          resolve(tokens.IdToken);
        })
        .catch((e: unknown) => {
          error.textContent = String(e);
        });
    };
    const cancel = () => {
      done();
      reject(new Error('a recent sign-in is needed to change passkeys'));
    };
    const done = () => {
      form.removeEventListener('submit', submit);
      $('reauth-cancel').removeEventListener('click', cancel);
      shown.close();
    };
    form.addEventListener('submit', submit);
    $('reauth-cancel').addEventListener('click', cancel);
  });
}
