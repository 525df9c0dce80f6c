/**
 * Entry point of the browser workbench. It is kept small and free of React: it applies the theme,
 * starts the shell's first reads (./api/early.ts) and the download of the first view's chunk at
 * once, then loads the app (./root.tsx: React, the shell) alongside them, so that the network works
 * while the scripts compile.
 */
import { startShellReads } from './api/early.js';
import { installTheme } from './theme.js';
import { loadView, routeOf } from './views.js';

installTheme();
startShellReads();
void loadView(routeOf(window.location.hash).view).catch(() => undefined);
void import('./root.js').then((m) => m.mount());
