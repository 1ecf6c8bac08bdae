/** Where the SPA finds its backends; read at start from /config.json so one build serves any setup. */
export interface Config {
  /** The passkey BFF. Its CORS_ORIGINS must list this SPA's origin. */
  apiUrl: string;
  /** The local Corbado Frontend API stand-in (dev/test builds of the service only). */
  corbadoFrontendApiUrl: string;
  /** Cognito's endpoint: the local emulator here, https://cognito-idp.<region>.amazonaws.com in production. */
  cognitoEndpoint: string;
  cognitoClientId: string;
}

export async function loadConfig(): Promise<Config> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) {
    throw new Error(`config.json: HTTP ${response.status}`);
  }
  return (await response.json()) as Config;
}
