#!/usr/bin/env node
// The built `accord` command: esbuild compiles src/cli/main.ts and everything it imports into plain
// JavaScript under dist/cli/ (code splitting keeps each command module in its own chunk, so a command
// loads only what it uses; pure-JavaScript packages are bundled in, see EXTERNAL). `npm ci` / `npm install` run this through
// the `prepare` script; bin/accord.mjs calls {@link ensureBuiltCli} on every start and rebuilds when a
// source is newer than the build. Each build goes to a fresh folder named in dist/cli/current.json
// (replaced atomically), so processes starting during a rebuild never see half a build.
//
// Run: `node scripts/build-cli.mjs` (prints what it built; `--if-stale` builds only when needed).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = path.join(ROOT, 'dist', 'cli');
const POINTER = path.join(OUT, 'current.json');
const LOCK = path.join(OUT, '.lock');
/** Inputs of the build: a change to any of them makes the build stale. */
const INPUTS = [path.join(ROOT, 'src'), path.join(ROOT, 'package.json'), fileURLToPath(import.meta.url)];

/** Packages loaded from node_modules at run time rather than bundled. */
const EXTERNAL = ['better-sqlite3', 'pg', 'pg-native', 'highs', 'pino', 'thread-stream', 'playwright-core', 'mammoth', 'vite', 'esbuild', 'tsx', '@vitejs/*', 'axe-core'];

/** Newest modification time (ms) under `p`, skipping test files (they are not part of the CLI). */
function newest(p) {
  let st;
  try {
    st = statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return /\.test\.tsx?$/.test(p) ? 0 : st.mtimeMs;
  let max = 0;
  for (const name of readdirSync(p)) max = Math.max(max, newest(path.join(p, name)));
  return max;
}

/** The current build's entry file and the source time it was built from, or undefined. */
function current() {
  try {
    const c = JSON.parse(readFileSync(POINTER, 'utf8'));
    const entry = path.join(OUT, c.dir, 'main.js');
    return existsSync(entry) ? { entry, sources: c.sources, dir: c.dir } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether dist/cli is missing or older than a source. */
export function isStale() {
  const c = current();
  return !c || newest(INPUTS[0]) > c.sources || INPUTS.slice(1).some((f) => newest(f) > c.sources);
}

/**
 * Build the CLI into a new folder and point dist/cli/current.json at it; older builds but the
 * previous one are removed. Returns the entry file. Throws when esbuild is not installed.
 */
export async function buildCli() {
  const { build } = await import('esbuild');
  const sources = Math.max(...INPUTS.map(newest));
  const dir = `b-${Date.now().toString(36)}-${process.pid}`;
  mkdirSync(path.join(OUT, dir), { recursive: true });
  await build({
    entryPoints: { main: path.join(ROOT, 'src/cli/main.ts') },
    outdir: path.join(OUT, dir),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Pure-JavaScript packages are bundled in (loading one file beats resolving hundreds); packages
    // with native code, WebAssembly, worker files or their own asset paths stay in node_modules.
    external: EXTERNAL,
    banner: { js: "import { createRequire as __accordRequire } from 'node:module'; const require = __accordRequire(import.meta.url);" },
    minify: true,
    sourcemap: 'linked',
    logLevel: 'error',
    chunkNames: 'chunks/[name]-[hash]',
  });
  const previous = current();
  const tmp = `${POINTER}.${process.pid}`;
  writeFileSync(tmp, JSON.stringify({ dir, sources }));
  renameSync(tmp, POINTER);
  for (const name of readdirSync(OUT)) {
    if (name.startsWith('b-') && name !== dir && name !== previous?.dir) rmSync(path.join(OUT, name), { recursive: true, force: true });
  }
  return path.join(OUT, dir, 'main.js');
}

/**
 * The entry file of an up-to-date build, building first when stale. Resolves to undefined when no
 * build can be had now (esbuild missing, or another process is building: the caller then runs the
 * sources through tsx, which is slower but equivalent).
 */
export async function ensureBuiltCli() {
  if (process.env.ACCORD_NO_BUILD === '1') return undefined;
  if (!isStale()) return current().entry;
  mkdirSync(OUT, { recursive: true });
  try {
    mkdirSync(LOCK);
  } catch {
    // Another process is building; a lock older than a minute was left by a crash.
    try {
      if (Date.now() - statSync(LOCK).mtimeMs > 60_000) rmSync(LOCK, { recursive: true, force: true });
    } catch {
      /* released meanwhile */
    }
    return undefined;
  }
  try {
    return await buildCli();
  } catch {
    return undefined;
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  if (process.argv.includes('--if-stale') && !isStale()) {
    console.log(`accord CLI build is up to date (${path.relative(ROOT, current().entry)})`);
  } else {
    try {
      const entry = await buildCli();
      console.log(`built the accord CLI: ${path.relative(ROOT, entry)}`);
    } catch (err) {
      // Without esbuild (an install without dev dependencies) bin/accord.mjs runs the sources through tsx.
      if (err && err.code === 'ERR_MODULE_NOT_FOUND') console.log('esbuild is not installed: the accord CLI will run from the TypeScript sources (tsx)');
      else throw err;
    }
  }
}
