import { base64decode, base64encode } from '@corbado/web-core';

/**
 * connect-react 0.2.4 (on web-core 2.18) predates the client state of Corbado's current guide: it keeps
 * the last passkey login only in localStorage (`cbo_connect_last_login-{projectId}`, the passkey
 * operation as JSON) and hands nothing to onComplete. This page bridges that to the service's client-state
 * cookie in web-core 3's own encoding (base64 of `{lastLogin: {data, source, ts}}`, ClientStateService),
 * so both demo pages, and a later connect-react, read the same cookie. Newer connect-react does this
 * itself (onComplete's clientState, the clientState prop).
 */
export class ClientStateBridge {
  readonly #key: string;

  constructor(projectId: string) {
    this.#key = `cbo_connect_last_login-${projectId}`;
  }

  /** The last login connect-react stored, as web-core 3 encodes client state; undefined when there is none. */
  encode(): string | undefined {
    const stored = localStorage.getItem(this.#key);
    if (!stored) {
      return undefined;
    }
    return base64encode(JSON.stringify({ lastLogin: { data: JSON.parse(stored) as unknown, source: 'LocalStorage', ts: Date.now() } }));
  }

  /** Gives connect-react the last login from the cookie when this browser has none of its own. */
  restore(encoded: string | null | undefined): void {
    if (!encoded || localStorage.getItem(this.#key)) {
      return;
    }
    try {
      const decoded = JSON.parse(base64decode(encoded)) as { lastLogin?: { data?: { identifierValue?: string } | null } };
      const data = decoded.lastLogin?.data;
      if (data?.identifierValue) {
        localStorage.setItem(this.#key, JSON.stringify(data));
      }
    } catch {
      console.warn('client state from the cookie is not web-core\'s encoding: ignored');
    }
  }
}
