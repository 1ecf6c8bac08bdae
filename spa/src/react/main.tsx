import '../offline';
import { createApi, ok } from '../api/client';
import { loadConfig } from '../config';
import { withoutPublicImports } from '../offline';
import { ClientStateBridge } from './clientState';

/** Loads the configuration and the client-state cookie, then mounts the page (see App). */
async function start(): Promise<void> {
  const config = await loadConfig();
  const api = createApi(config.apiUrl);
  const bridge = new ClientStateBridge(config.corbadoProjectId);
  const clientState = ok(await api.GET('/client-state')).clientState ?? undefined;
  bridge.restore(clientState);
  const [{ createRoot }, { App }] = await Promise.all([
    import('react-dom/client'),
    withoutPublicImports(() => import('./App')),
  ]);
  createRoot(document.getElementById('root')!).render(<App config={config} api={api} bridge={bridge} clientState={clientState} />);
  document.body.dataset.ready = 'true';
}

start().catch((e: unknown) => {
  const status = document.getElementById('status')!;
  status.textContent = `Start failed: ${String(e)}`;
  status.classList.add('error');
  console.error(status.textContent);
});
