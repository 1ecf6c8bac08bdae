import { defineConfig } from 'vite';


// The SPA runs on its own origin (http://localhost:5173 in dev, :4173 for `vite preview`) and calls the
// service cross-origin with credentials: the service must list that origin in CORS_ORIGINS.
export default defineConfig({
  server: { host: 'localhost', port: 5173, strictPort: true },
  preview: { host: 'localhost', port: 4173, strictPort: true },
  build: { target: 'es2022' },
});
