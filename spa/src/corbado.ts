/**
 * The passkey ceremonies, played against the local Corbado Frontend API stand-in with the browser's
 * own WebAuthn. In production this whole module is Corbado's component (@corbado/connect-react:
 * <CorbadoConnectAppend>, <CorbadoConnectLogin>, <CorbadoConnectPasskeyList>, or @corbado/connect-js):
 * it takes the same ConnectToken from the service and hands back the same signedPasskeyData and
 * clientState, so the service calls around it do not change.
 */
export interface Passkey {
  id: string;
  createdAt: string;
  lastUsedAt: string | null;
  signCount: number;
}

export interface PasskeyLogin {
  signedPasskeyData: string;
  /** The Cognito username the passkey belongs to (the claim the service logs in with). */
  webauthnId: string;
}

export class CorbadoLocal {
  constructor(private readonly baseUrl: string) {}

  /** Registers a passkey for the user a passkey-append ConnectToken names. */
  async append(connectToken: string): Promise<void> {
    const { publicKey } = await this.call<{ publicKey: PublicKeyCredentialCreationOptionsJSON }>('/append/start', {
      connectToken,
    });
    const credential = await navigator.credentials.create({
      publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(publicKey),
    });
    if (!(credential instanceof PublicKeyCredential)) {
      throw new Error('no passkey was created');
    }
    await this.call('/append/finish', { attestationResponse: credential.toJSON() });
  }

  /** A discoverable passkey login: the authenticator picks the account, the user handle names it. */
  async login(): Promise<PasskeyLogin> {
    const { publicKey } = await this.call<{ publicKey: PublicKeyCredentialRequestOptionsJSON }>('/login/start', {});
    const credential = await navigator.credentials.get({
      publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(publicKey),
    });
    if (!(credential instanceof PublicKeyCredential)) {
      throw new Error('no passkey was used');
    }
    const { signedPasskeyData } = await this.call<{ signedPasskeyData: string }>('/login/finish', {
      assertionResponse: credential.toJSON(),
    });
    const webauthnId = (JSON.parse(atob((signedPasskeyData.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as {
      webauthnId: string;
    }).webauthnId;
    return { signedPasskeyData, webauthnId };
  }

  async list(connectToken: string): Promise<Passkey[]> {
    return (await this.call<{ passkeys: Passkey[] }>('/manage/list', { connectToken })).passkeys;
  }

  async remove(connectToken: string, passkeyId: string): Promise<void> {
    await this.call('/manage/delete', { connectToken, passkeyId });
  }

  private async call<T>(path: string, body: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}/v2/connect${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as T & { error?: { type?: string } };
    if (!response.ok) {
      throw new Error(`Corbado ${path}: ${json.error?.type ?? response.status}`);
    }
    return json;
  }
}

/**
 * What the Corbado components keep between visits (opaque to the service, which stores it in an
 * HttpOnly cookie): here, who signed in last, so the next visit can offer one-tap passkey sign-in.
 */
export function clientState(name: string): string {
  return btoa(JSON.stringify({ lastUser: name }));
}

export function lastUserOf(state: string | null | undefined): string | null {
  if (!state) {
    return null;
  }
  try {
    const parsed = JSON.parse(atob(state)) as { lastUser?: unknown };
    return typeof parsed.lastUser === 'string' ? parsed.lastUser : null;
  } catch {
    return null;
  }
}
