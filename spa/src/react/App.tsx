import {
  CorbadoConnectAppend,
  CorbadoConnectLogin,
  CorbadoConnectPasskeyList,
  CorbadoConnectProvider,
} from '@corbado/connect-react';
import type { AppendStatus, CorbadoConnectLoginConfig } from '@corbado/types';
import { type FormEvent, type JSX, useState } from 'react';
import { type Api, ok } from '../api/client';
import { claims, passwordSignIn } from '../cognito';
import type { Config } from '../config';
import { connectTokenWithStepUp, type SignedIn } from '../reauth';
import type { ClientStateBridge } from './clientState';

/**
 * The guide's login component takes a clientState prop and hands (signedPasskeyData, clientState) to
 * onComplete; connect-react 0.2.4's types know neither, its code ignores the prop and passes only the
 * first argument. Mounted as the guide does; the page fills in what 0.2.4 leaves out.
 */
const GuideLogin = CorbadoConnectLogin as (props: CorbadoConnectLoginConfig & { clientState?: string }) => JSX.Element;

type Screen = 'login' | 'password' | 'post-login' | 'profile';

interface Props {
  config: Config;
  api: Api;
  bridge: ClientStateBridge;
  /** What GET /client-state answered when the page loaded (the guide reads the cookie server-side). */
  clientState: string | undefined;
}

/**
 * Corbado's Cognito guide as one page: the passkey login first (falling back to the password form), after
 * a password sign-in the append component, then the profile with the passkey list. The service calls
 * around the components are the guide's: /connect-tokens, /passkey-append-complete, /passkey-login,
 * /client-state (read before the page mounts, see main.tsx).
 */
export function App({ config, api, bridge, clientState }: Props): JSX.Element {
  const [screen, setScreen] = useState<Screen>('login');
  const [session, setSession] = useState<SignedIn | null>(null);
  const [email, setEmail] = useState('');
  const [fallbackErrorMessage, setFallbackErrorMessage] = useState('');

  const report = (message: string, error = false) => {
    const status = document.getElementById('status')!;
    status.textContent = message;
    status.classList.toggle('error', error);
    if (error) {
      console.error(message);
    }
  };

  const signIn = (idToken: string) => {
    const token = claims(idToken);
    setSession({ idToken, email: String(token.email ?? token['cognito:username']) });
  };

  /** A failure inside a component callback is reported here; the component then shows its own fallback. */
  const reported = async (what: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (e) {
      report(`${what} failed: ${String(e)}`, true);
      throw e;
    }
  };

  const postPasskeyLogin = (signedPasskeyData: string, newClientState?: string) => reported('Passkey sign-in', async () => {
    const tokens = ok(await api.POST('/passkey-login', {
      body: { signedPasskeyData, clientState: newClientState ?? bridge.encode() },
    }));
    signIn(tokens.idToken);
    setScreen('profile');
    report('Signed in with your passkey.');
  });

  const postPasskeyAppend = (appendStatus: AppendStatus, newClientState?: string) => reported('Passkey append', async () => {
    const result = ok(await api.POST('/passkey-append-complete', {
      body: { appendStatus, clientState: newClientState ?? bridge.encode() },
      headers: { Authorization: `Bearer ${session!.idToken}` },
    }));
    setScreen('profile');
    report(`Passkey added (${result.appendStatus}${result.mfaUpdated ? ', SMS MFA switched on' : ''}).`);
  });

  const connectToken = (type: string) =>
    connectTokenWithStepUp(api, config, session!, type as 'passkey-append' | 'passkey-list' | 'passkey-delete')
      .catch((e: unknown) => {
        report(`ConnectToken (${type}) failed: ${String(e)}`, true);
        throw e;
      });

  const passwordLogin = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    passwordSignIn(config.cognitoEndpoint, config.cognitoClientId, String(form.get('email')), String(form.get('password')))
      .then((tokens) => {
        signIn(tokens.IdToken);
        setScreen('post-login');
        report('Signed in with your password.');
      })
      .catch((e: unknown) => report(`Password sign-in failed: ${String(e)}`, true));
  };

  const signOut = () => {
    setSession(null);
    setEmail('');
    setFallbackErrorMessage('');
    setScreen('login');
    report('Signed out.');
  };

  return (
    <CorbadoConnectProvider projectId={config.corbadoProjectId} frontendApiUrlSuffix={config.corbadoFrontendApiUrlSuffix}>
      {screen === 'login' && (
        <section id="passkey-login">
          <h2>Login with passkeys</h2>
          <GuideLogin
            onFallback={(identifier: string, message: string) => {
              setEmail(identifier);
              setScreen('password');
              setFallbackErrorMessage(message);
            }}
            onFallbackCustom={(identifier: string, code: string) => {
              setEmail(identifier);
              setScreen('password');
              setFallbackErrorMessage(code);
            }}
            onError={(error: string) => console.log('error', error)}
            onLoaded={(msg: string) => console.log('component has loaded: ' + msg)}
            onComplete={async (signedPasskeyData: string, newClientState?: string) => {
              await postPasskeyLogin(signedPasskeyData, newClientState);
            }}
            onSignupClick={() => window.location.assign('/')}
            clientState={clientState}
          />
        </section>
      )}
      {screen === 'password' && (
        <section id="password-login">
          <h2>Sign in with your password</h2>
          {fallbackErrorMessage && <p id="fallback-message">{fallbackErrorMessage}</p>}
          <form id="password-form" onSubmit={passwordLogin}>
            <label>Email <input id="email" name="email" type="email" defaultValue={email} autoComplete="username" required /></label>
            <label>Password <input id="password" name="password" type="password" autoComplete="current-password" required /></label>
            <button id="password-signin" type="submit">Sign in</button>
          </form>
          <button id="back-to-passkey" onClick={() => setScreen('login')}>Back to passkey login</button>
        </section>
      )}
      {screen === 'post-login' && session && (
        <section id="post-login">
          <CorbadoConnectAppend
            onSkip={async () => setScreen('profile')}
            appendTokenProvider={async () => connectToken('passkey-append')}
            onComplete={async (appendStatus?: AppendStatus, clientState?: string) => {
              await postPasskeyAppend(appendStatus ?? 'complete', clientState);
            }}
          />
        </section>
      )}
      {screen === 'profile' && session && (
        <section id="profile">
          <h2>Signed in as <span id="user">{session.email}</span></h2>
          <CorbadoConnectPasskeyList connectTokenProvider={async (connectTokenType: string) => connectToken(connectTokenType)} />
          <button id="sign-out" onClick={signOut}>Sign out</button>
        </section>
      )}
    </CorbadoConnectProvider>
  );
}
