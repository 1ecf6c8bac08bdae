/** Where the pages find their backends; read at start from /config.json so one build serves any setup. */
export interface Config {
  /** The passkey BFF. Its CORS_ORIGINS must list this page's origin. */
  apiUrl: string;
  /** The Corbado project: with quarkus:dev, LOCAL_CORBADO_PROJECT_ID (default pro-local). */
  corbadoProjectId: string;
  /**
   * web-core's custom domain for Corbado's Frontend API (the demo page): here the service's dev/test-only
   * stand-in; in production leave it out (https://{projectId}.frontendapi.cloud.corbado.io) or name your
   * own CNAME.
   */
  corbadoFrontendApiUrl?: string;
  /**
   * connect-react's frontendApiUrlSuffix (the React page), which it turns into https://{projectId}.{suffix}:
   * here the stand-in's TLS listener, localhost:8443/local/corbado-frontend; in production
   * frontendapi.cloud.corbado.io.
   */
  corbadoFrontendApiUrlSuffix: string;
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
