/**
 * Entry point of the browser workbench. It is kept small and free of React: it applies the theme,
 * starts the shell's first reads and the first view's own (./api/early.ts, ./first-reads.ts) and the download of the first view's chunk at
 * once, then loads the app (./root.tsx: React, the shell) alongside them, so that the network works
 * while the scripts compile.
 */
import { startShellReads } from './api/early.js';
import { firstReadsOf } from './first-reads.js';
import { installTheme } from './theme.js';
import { loadView, routeOf } from './views.js';

installTheme();
const first = routeOf(window.location.hash);
startShellReads((pid) => firstReadsOf(first.view, first.params, pid));
void loadView(first.view).catch(() => undefined);
void import('./root.js').then((m) => m.mount());
