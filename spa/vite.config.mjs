import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

// `npm run dev` against `./mvnw quarkus:dev`: /config.json takes the app client, the emulator and the Corbado
// project from the running service (GET /local/dev-environment, dev and test builds only) over
// public/config.json, so the page always fits the seed the service made (LOCAL_AWS_PORT included).
// PASSKEY_BFF_URL names another service address.
const service = process.env.PASSKEY_BFF_URL ?? 'http://localhost:8080';

function configFromRunningService() {
  return {
    name: 'config-from-running-service',
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        if (req.url?.split('?')[0] !== '/config.json') {
          return next();
        }
        try {
          const base = JSON.parse(readFileSync(new URL('./public/config.json', import.meta.url), 'utf8'));
          const live = await (await fetch(`${service}/local/dev-environment`)).json();
          res.setHeader('Content-Type', 'application/json');
          res.setHeader('Cache-Control', 'no-store');
          res.end(JSON.stringify({ ...base, apiUrl: service, cognitoEndpoint: live.cognitoEndpoint,
            cognitoClientId: live.clientId, corbadoProjectId: live.corbadoProjectId }));
        } catch (e) {
          server.config.logger.warn(`config.json: ${service}/local/dev-environment unreachable (${e}); serving public/config.json`);
          next();
        }
      });
    },
  };
}

// Two pages, each its own origin when served (another port is another origin, the same site): index.html
// (web-core 3.5's ConnectService) on :5173 / :4173 and react.html (connect-react 0.2.4 on web-core 2.18) on
// :5174 / :4174, because the two web-core versions keep different formats under the same localStorage keys.
// Both call the service cross-origin with credentials: its CORS_ORIGINS must list the origins.
export default defineConfig({
  plugins: [configFromRunningService()],
  server: { host: 'localhost', port: 5173, strictPort: true },
  preview: { host: 'localhost', port: 4173, strictPort: true },
  esbuild: { jsx: 'automatic' },
  // Every dependency pre-bundled when the dev server starts: discovered on the first page load instead
  // (react-dom/client is imported lazily), Vite re-bundles and that load fails with "Outdated Optimize Dep".
  optimizeDeps: {
    include: ['@corbado/web-core', '@corbado/connect-react', 'openapi-fetch', 'react', 'react/jsx-runtime',
      'react/jsx-dev-runtime', 'react-dom/client'],
  },
  build: {
    target: 'es2022',
    rollupOptions: { input: { main: 'index.html', react: 'react.html' } },
  },
});
