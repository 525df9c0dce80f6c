/** The app itself, loaded by the entry script (./main.tsx): the query cache and the shell. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { App } from './App.js';
import { settleShellReads } from './api/early.js';
import { createQueryClient, seedApi } from './api/queries.js';
import { loadView, routeOf } from './views.js';

/**
 * How long the first render waits for the shell's early reads and the first view's chunk (ms):
 * until then the page would show only "Loading…", and every render spent on that delays the view.
 */
const FIRST_RENDER_WAIT_MS = 1500;

/**
 * Render the workbench into `#root`, once the shell's first reads have been answered (or
 * {@link FIRST_RENDER_WAIT_MS} has passed), with those answers already in the cache, so that the
 * first render shows the first view, whose own reads then start at once.
 */
export async function mount(): Promise<void> {
  const root = document.getElementById('root');
  if (!root) return;
  const qc = createQueryClient();
  const view = loadView(routeOf(window.location.hash).view).catch(() => undefined);
  const cap = new Promise<void>((resolve) => setTimeout(resolve, FIRST_RENDER_WAIT_MS));
  const [answers] = await Promise.all([settleShellReads(FIRST_RENDER_WAIT_MS), Promise.race([view, cap])]);
  for (const a of answers) seedApi(qc, a.path, a.params, a.data);
  // When the first render starts (read by web/e2e-workbench.test.ts and by profiles of a cold load).
  performance.mark('accord:first-render');
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={qc}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
}
