import './offline';
import { type ConnectError, ConnectService, PasskeyLoginSource } from '@corbado/web-core';
import type { FallbackOperationError, Passkey } from '@corbado/web-core/dist/api/v2';
import type { Result } from 'ts-results';
import type { Config } from './config';

export type { Passkey };

/** A passkey login that ended in signedPasskeyData, or Corbado's reason to fall back to the password. */
export type LoginOutcome =
  | { kind: 'done'; signedPasskeyData: string; clientState: string }
  | { kind: 'fallback'; reason: FallbackOperationError };

/** A step of Corbado's flow failed; `step` names the Frontend API operation or the browser ceremony. */
export class CorbadoFailure extends Error {
  constructor(step: string, error: ConnectError) {
    super(`Corbado ${step}: ${describe(error)}`);
  }
}

function describe(error: ConnectError): string {
  // For an API refusal web-core keeps Corbado's error body as the message.
  const message: unknown = error.message;
  if (message && typeof message === 'object') {
    const body = message as { error?: { type?: string; details?: string } };
    return `${body.error?.type ?? 'error'} ${body.error?.details ?? ''}`.trim();
  }
  return error.track();
}

function unwrap<T>(result: Result<T, ConnectError>, step: string): T {
  if (result.err) {
    throw new CorbadoFailure(step, result.val);
  }
  return result.val;
}

/**
 * The passkey ceremonies through Corbado's own @corbado/web-core (ConnectService, unmodified): the same
 * calls Corbado's components make, against the Frontend API at the configured custom domain (the
 * service's stand-in locally). The client state handed to the service is web-core's own encoding
 * (encodeClientState), and the one-tap offer comes from it (enrichClientState, getLastLogin).
 */
export class Passkeys {
  readonly #connect: ConnectService;
  readonly #loadedMs = Date.now();

  constructor(config: Config) {
    this.#connect = new ConnectService(config.corbadoProjectId, config.corbadoFrontendApiUrlSuffix, false,
      config.corbadoFrontendApiUrl);
  }

  /** Registers a passkey for the user the ConnectToken from `appendToken` names; answers the new client state. */
  async append(appendToken: () => Promise<string>): Promise<string> {
    const init = unwrap(await this.#connect.appendInit(new AbortController()), 'append/init');
    if (!init.appendAllowed) {
      throw new Error('Corbado does not offer passkeys to this browser');
    }
    const start = unwrap(await this.#connect.startAppend(await appendToken(), this.#loadedMs, undefined, true),
      'append/start');
    if (start.attestationOptions === '') {
      throw new Error('Corbado declined to add a passkey here');
    }
    unwrap(await this.#connect.completeAppend(start.attestationOptions, 'manual'), 'append/finish');
    return this.#connect.encodeClientState();
  }

  /** A passkey login for what the user typed (text-field) or for the last login (one-tap). */
  async login(identifier: string, oneTap: boolean): Promise<LoginOutcome> {
    const source = oneTap ? PasskeyLoginSource.OneTap : PasskeyLoginSource.TextField;
    const start = unwrap(await this.#connect.loginStart(identifier, source, this.#loadedMs), 'login/start');
    if (start.assertionOptions === '') {
      return { kind: 'fallback', reason: start.fallbackOperationError };
    }
    const finish = unwrap(await this.#connect.loginContinue(start), 'login/finish');
    return { kind: 'done', signedPasskeyData: finish.signedPasskeyData, clientState: this.#connect.encodeClientState() };
  }

  async list(listToken: string): Promise<Passkey[]> {
    unwrap(await this.#connect.manageInit(new AbortController()), 'manage/init');
    return unwrap(await this.#connect.manageList(listToken, false), 'manage/list').passkeys;
  }

  async remove(deleteToken: string, credentialID: string): Promise<void> {
    unwrap(await this.#connect.manageDelete(deleteToken, credentialID), 'manage/delete');
  }

  /** Who signed in last with a passkey in this browser, from web-core's client state. */
  lastLogin(): string | null {
    return this.#connect.getLastLogin()?.identifierValue ?? null;
  }

  /** Takes in the client state the service kept in its HttpOnly cookie (another browser profile, cleared storage). */
  restore(clientState: string | null | undefined): void {
    try {
      this.#connect.enrichClientState(clientState ?? undefined);
    } catch {
      console.warn('client state from the cookie is not web-core\'s encoding: ignored');
    }
  }
}
