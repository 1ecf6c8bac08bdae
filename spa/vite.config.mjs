import { defineConfig } from 'vite';

// Two pages, each its own origin when served (another port is another origin, the same site): index.html
// (web-core 3.5's ConnectService) on :5173 / :4173 and react.html (connect-react 0.2.4 on web-core 2.18) on
// :5174 / :4174, because the two web-core versions keep different formats under the same localStorage keys.
// Both call the service cross-origin with credentials: its CORS_ORIGINS must list the origins.
export default defineConfig({
  server: { host: 'localhost', port: 5173, strictPort: true },
  preview: { host: 'localhost', port: 4173, strictPort: true },
  esbuild: { jsx: 'automatic' },
  build: {
    target: 'es2022',
    rollupOptions: { input: { main: 'index.html', react: 'react.html' } },
  },
});
