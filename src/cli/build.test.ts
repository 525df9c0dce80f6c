/**
 * The built CLI (scripts/build-cli.mjs → dist/cli) behaves exactly like the TypeScript sources run
 * through tsx: same top-level help (also when printed from the help cache), same exit codes, same
 * JSON from a store command, and the repository's files (the example bundle) found from the build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript module without types
import { ensureBuiltCli, isStale } from '../../scripts/build-cli.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'bin/accord.mjs');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-build-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[], built: boolean) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: tmp, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ACCORD_NO_BUILD: built ? '0' : '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('the built CLI', () => {
  it('is built, up to date, and found by bin/accord.mjs', async () => {
    const entry = (await ensureBuiltCli()) as string | undefined;
    expect(entry).toMatch(/dist\/cli\/b-[^/]+\/main\.js$/);
    expect(existsSync(entry!)).toBe(true);
    expect(isStale()).toBe(false);
  });

  it('prints the same top-level help as the sources, first from the modules and then from its cache', async () => {
    const entry = (await ensureBuiltCli()) as string;
    rmSync(path.join(path.dirname(entry), 'help-80.txt'), { force: true });
    const src = run(['--help'], false);
    const first = run(['--help'], true);
    const cached = run(['--help'], true);
    expect(src.code).toBe(0);
    expect(src.out).toContain('Exit codes:');
    expect(first).toEqual(src);
    expect(cached).toEqual(src);
  });

  it('gives the same exit code and JSON as the sources for a store command, and finds the example bundle', () => {
    const db = path.join(tmp, 'a.db');
    const started = run(['start', '--db', db, '--no-serve', '--as-of', '2025-12-01', '--json'], true);
    expect(started.code).toBe(0);
    const built = run(['status', '--db', db, '--as-of', '2025-12-01', '--json'], true);
    const src = run(['status', '--db', db, '--as-of', '2025-12-01', '--json'], false);
    expect(built.code).toBe(0);
    expect(JSON.parse(built.out)).toEqual(JSON.parse(src.out));
    expect(JSON.parse(built.out).process.id).toBe('russia-ukraine-2025');
    const bad = run(['status', '--db', path.join(tmp, 'missing.db')], true);
    expect(bad.code).toBe(66);
    expect(run(['status', '--db', path.join(tmp, 'missing.db')], false).code).toBe(66);
  });
});
