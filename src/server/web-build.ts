/**
 * Build the browser workbench (web/ → web/dist) with Vite when the build is missing or older than
 * its sources, so that `npm start` works on a fresh clone without a separate build step.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../paths.js';

/** The web/ folder of the repository. */
export const WEB_ROOT = path.join(REPO_ROOT, 'web');

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const name of readdirSync(p)) max = Math.max(max, newestMtime(path.join(p, name)));
  return max;
}

/** True when web/dist is missing or older than web/index.html, web/vite.config.ts or web/src. */
export function webBuildIsStale(root: string = WEB_ROOT): boolean {
  const built = path.join(root, 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const sources = Math.max(
    newestMtime(path.join(root, 'index.html')),
    newestMtime(path.join(root, 'vite.config.ts')),
    newestMtime(path.join(root, 'src')),
  );
  return sources > statSync(built).mtimeMs;
}

/**
 * Run `vite build` on web/ when {@link webBuildIsStale} (or always with `force`). Returns whether a
 * build ran. Throws `unsupported` when Vite is not installed (e.g. `npm ci --omit=dev`).
 */
export async function ensureWebBuilt(opts: { force?: boolean; root?: string; log?: (msg: string) => void } = {}): Promise<boolean> {
  const root = opts.root ?? WEB_ROOT;
  if (!opts.force && !webBuildIsStale(root)) return false;
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    const { AccordError } = await import('../model/errors.js');
    throw new AccordError('unsupported', 'the workbench UI is not built and Vite is not installed; run `npm ci` (with dev dependencies) first');
  }
  opts.log?.('building the workbench UI (vite build web)…');
  // Vite and React decide "production" from NODE_ENV, which test runners set to `test`.
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await vite.build({ root, configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    if (env === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = env;
  }
  return true;
}
