/**
 * Build the browser workbench (web/ → web/dist) with Vite when the build is missing or older than
 * its sources, so that `npm start` works on a fresh clone without a separate build step.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
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

/**
 * True when web/dist is missing or older than web/index.html, web/vite.config.ts, web/src or the
 * repository's src/ beside web/ (the workbench bundles modules of it: the diff, the briefing's charts).
 */
export function webBuildIsStale(root: string = WEB_ROOT): boolean {
  const built = path.join(root, 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const sources = Math.max(
    newestMtime(path.join(root, 'index.html')),
    newestMtime(path.join(root, 'vite.config.ts')),
    newestMtime(path.join(root, 'src')),
    newestMtime(path.join(root, '..', 'src')),
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
  // Browser test files run in parallel processes: one builds while the others wait, then find the build fresh.
  return withBuildLock(root, async () => (!opts.force && !webBuildIsStale(root) ? false : build(root, opts.log)));
}

/**
 * Run `fn` holding the build lock of `root` (the directory web/.build-lock, made atomically; one
 * left by a process that died is taken over after 10 minutes). Polls every 250 ms.
 */
async function withBuildLock<T>(root: string, fn: () => Promise<T>): Promise<T> {
  const lock = path.join(root, '.build-lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      try {
        if (Date.now() - statSync(lock).mtimeMs > 600_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // released meanwhile
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

async function build(root: string, log?: (msg: string) => void): Promise<boolean> {
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    const { AccordError } = await import('../model/errors.js');
    throw new AccordError('unsupported', 'the workbench UI is not built and Vite is not installed; run `npm ci` (with dev dependencies) first');
  }
  log?.('building the workbench UI (vite build web)…');
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
