/**
 * Where the repository's own files are (the example bundle, the web UI): paths found from this
 * module's location by walking up to the folder holding Accord's package.json, so that they hold
 * alike when the sources run through tsx (src/…) and when the built CLI runs (dist/cli/…).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder at or above `from` whose package.json is Accord's; throws when there is none. */
export function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'accord') return dir;
    if (path.dirname(dir) === dir) throw new Error(`no Accord package.json at or above ${from}`);
  }
}

/** Absolute path of the repository root. */
export const REPO_ROOT = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)));
