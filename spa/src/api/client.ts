import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

/**
 * The only way this SPA talks to the service: a client typed from openapi/openapi.yaml
 * (openapi-typescript generates ./schema.d.ts at build time, so a contract change that breaks the
 * SPA fails `tsc --strict`). `credentials: 'include'` lets the HttpOnly client-state cookie travel
 * cross-origin; the service answers with Access-Control-Allow-Credentials for CORS_ORIGINS.
 */
export type Api = ReturnType<typeof createApi>;
export type LoginTokens = components['schemas']['LoginTokens'];
export type ConnectTokenType = components['schemas']['ConnectTokenType'];
export type ProblemCode = components['schemas']['ProblemCode'];

export function createApi(baseUrl: string) {
  return createClient<paths>({ baseUrl, credentials: 'include' });
}

/** A failed call, with the service's stable problem code when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemCode | undefined,
  ) {
    super(`HTTP ${status}${code ? ` ${code}` : ''}`);
  }
}

/** The data of a successful call, or an ApiError carrying the problem's code. */
export function ok<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data !== undefined && result.response.ok) {
    return result.data;
  }
  // Error bodies are application/problem+json; `code` is the contract's ProblemCode enum.
  const problem = result.error as Partial<components['schemas']['Problem']> | undefined;
  throw new ApiError(result.response.status, problem?.code);
}

/**
 * 401 reauthentication_required: adding or removing a passkey needs a sign-in younger than the
 * service's STEP_UP_MAX_AGE (WWW-Authenticate: Bearer error="insufficient_user_authentication", max_age=N).
 */
export function isReauthenticationRequired(e: unknown): boolean {
  return e instanceof ApiError && e.status === 401 && e.code === 'reauthentication_required';
}

export async function connectToken(api: Api, idToken: string, type: ConnectTokenType): Promise<string> {
  const created = ok(
    await api.POST('/connect-tokens', {
      body: { type },
      headers: { Authorization: `Bearer ${idToken}` },
    }),
  );
  return created.token;
}
