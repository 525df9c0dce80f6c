/**
 * `accord start` and `accord serve` as a user runs them: spawned through bin/accord.mjs on a free
 * port, answering HTTP on 127.0.0.1, stopping cleanly on SIGTERM.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const BIN = path.join(ROOT, 'bin/accord.mjs');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-serve-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Spawn the CLI and resolve with the URL it prints once listening. */
function startServer(args: string[]): Promise<{ child: ChildProcess; url: string; out: () => string }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: tmp, env: { ...process.env, NO_COLOR: '1', ACCORD_LOG_LEVEL: 'warn' } });
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /Accord workbench: (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve({ child, url: m[1]!, out: () => out });
    });
    child.stderr!.on('data', (d) => (err += String(d)));
    child.on('exit', (code) => reject(new Error(`exited ${code} before listening: ${err}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describe('accord start / serve', () => {
  it('start imports the example, prints the briefing, then serves the API until SIGTERM', async () => {
    const db = path.join(tmp, 'start.db');
    const { child, url, out } = await startServer(['start', '--db', db, '--port', '0', '--no-build', '--as-of', '2025-12-01']);
    expect(out()).toContain('status as of 2025-12-01');
    const health = (await (await fetch(`${url}/api/health`)).json()) as { defaultProcess: string };
    expect(health.defaultProcess).toBe('russia-ukraine-2025');
    const m = (await (await fetch(`${url}/api/processes/russia-ukraine-2025/matrix?asOf=2025-11-22`)).json()) as { version: { id: string }; rows: unknown[] };
    expect(m.version.id).toBe('us-28-v1');
    expect(m.rows).toHaveLength(28);
    expect(await stop(child)).toBe(0);

    // serve reuses the now non-empty store
    const s = await startServer(['serve', '--db', db, '--port', '0', '--no-build']);
    const procs = (await (await fetch(`${s.url}/api/processes`)).json()) as { id: string }[];
    expect(procs.map((p) => p.id)).toEqual(['russia-ukraine-2025']);
    expect(await stop(s.child)).toBe(0);
  });

  it('start --no-serve keeps the old behaviour; a bad port is invalid input (65)', () => {
    const db = path.join(tmp, 'noserve.db');
    const r = spawnSync(process.execPath, [BIN, 'start', '--db', db, '--no-serve', '--as-of', '2025-12-01'], { cwd: tmp, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Single negotiating text');
    expect(r.stdout).not.toContain('Accord workbench:');
    const bad = spawnSync(process.execPath, [BIN, 'serve', '--db', db, '--port', '99999', '--no-build'], { cwd: tmp, encoding: 'utf8' });
    expect(bad.status).toBe(65);
    expect(bad.stderr).toContain('port');
  });
});
