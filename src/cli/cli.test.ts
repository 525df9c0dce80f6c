/**
 * The `accord` command end to end: spawned as a user would run it (bin/accord.mjs: the built CLI, see scripts/build-cli.mjs).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'bin/accord.mjs');
const CORPUS = path.resolve(ROOT, '../shared/corpus');
const EXAMPLE = path.join(ROOT, 'examples/russia-ukraine-2025');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function accord(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: tmp, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('accord CLI', () => {
  it('prints help for the program and for each command, exit 0', () => {
    const r = accord('--help');
    expect(r.code).toBe(0);
    for (const c of ['parse', 'import', 'export', 'plan', 'positions', 'contested', 'timeline', 'status']) expect(r.out).toContain(c);
    const p = accord('positions', '--help');
    expect(p.code).toBe(0);
    expect(p.out).toContain('--as-of');
  });

  it('rejects an unknown option with the usage exit code 64', () => {
    const r = accord('status', '--bogus');
    expect(r.code).toBe(64);
    expect(r.err).toContain('unknown option');
  });

  it('parses a plan to the JSON contract', () => {
    const r = accord('parse', path.join(CORPUS, 'plan-28/layout-a-numbered-letters.txt'), '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    const points = j.provisions.flatMap((p: any) => (p.kind === 'axis' ? p.children : [p]));
    expect(points.map((p: any) => p.num)).toEqual(Array.from({ length: 28 }, (_, i) => String(i + 1)));
    expect(Object.keys(points[20])).toEqual(['kind', 'num', 'heading', 'text', 'children']);
    expect(points[20].children.map((c: any) => c.num)).toEqual(['a', 'b', 'c', 'd']);
    expect(Array.isArray(j.warnings)).toBe(true);
  });

  it('names a missing file with exit code 66', () => {
    const r = accord('parse', 'no-such-plan.txt');
    expect(r.code).toBe(66);
    expect(r.err).toContain('no-such-plan.txt');
    expect(r.err).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
  });

  it('imports the example, answers status/positions/contested/timeline, and exports a bundle', () => {
    const db = path.join(tmp, 'ex.db');
    const imp = accord('import', EXAMPLE, '--db', db, '--json');
    expect(imp.code).toBe(0);
    const counts = JSON.parse(imp.out).counts;
    expect(counts.events).toBe(43);

    const st = accord('status', '--db', db, '--as-of', '2025-12-01', '--json');
    expect(st.code).toBe(0);
    const b = JSON.parse(st.out);
    expect(b.currentVersion.id).toBe('us-28-v1');
    expect(b.totals.points).toBe(28);
    expect(b.lastHeld.start <= '2025-12-01').toBe(true);

    const human = accord('status', '--db', db, '--as-of', '2025-12-01');
    expect(human.out).toContain('Agreement per axis');
    expect(human.out).toContain('Last meeting held');

    const pos = accord('positions', '--db', db, '--as-of', '2025-11-22', '--json');
    const m = JSON.parse(pos.out);
    expect(m.rows).toHaveLength(28);
    expect(m.parties.map((p: any) => p.id)).toEqual(expect.arrayContaining(['us', 'ru', 'ua']));

    const tl = accord('timeline', '--db', db, '--status', 'postponed', '--json');
    expect(JSON.parse(tl.out).map((e: any) => e.status)).toEqual(['postponed', 'postponed', 'postponed']);

    const con = accord('contested', '--db', db, '--json');
    expect(con.code).toBe(0);
    expect(JSON.parse(con.out).contested.length).toBeGreaterThan(0);

    const out = path.join(tmp, 'exported');
    expect(accord('export', out, '--db', db).code).toBe(0);
    expect(existsSync(path.join(out, 'texts/us-28-v1.md'))).toBe(true);
  });

  it('refuses a mistyped --db instead of creating an empty store (66), and answers usage errors in JSON under --json', () => {
    const r = accord('verify', '--db', path.join(tmp, 'typo.db'));
    expect(r.code).toBe(66);
    expect(r.err).toContain('no Accord store at');
    expect(existsSync(path.join(tmp, 'typo.db'))).toBe(false);
    const u = accord('positions', '--json', '--asof', '2025');
    expect(u.code).toBe(64);
    expect(JSON.parse(u.out).error).toMatchObject({ code: 'usage' });
    expect(accord('parse', tmp).code).toBe(65); // a folder where a file was expected
  });

  it('rejects a bad date option naming the field, exit 65', () => {
    const r = accord('positions', '--db', path.join(tmp, 'ex.db'), '--as-of', '2025-13-40');
    expect(r.code).toBe(65);
    expect(r.err).toContain('as-of');
    expect(r.err).toContain('month 13');
  });

  it('rejects a broken bundle whole and leaves the store byte-for-byte unchanged', () => {
    const db = path.join(tmp, 'keep.db');
    expect(accord('import', path.join(ROOT, 'src/store/fixtures/mini'), '--db', db).code).toBe(0);
    const before = readFileSync(db);
    const dir = path.join(tmp, 'broken');
    cpSync(EXAMPLE, dir, { recursive: true });
    const f = path.join(dir, 'positions.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace(/party: ua\b/, 'party: atlantis'));
    const r = accord('import', dir, '--db', db, '--json');
    expect(r.code).toBe(65);
    const err = JSON.parse(r.out).error;
    expect(err.code).toBe('invalid_input');
    expect(err.details[0]).toMatchObject({ file: 'positions.yaml', message: 'unknown party "atlantis"' });
    expect(err.details[0].line).toBeGreaterThan(0);
    expect(readFileSync(db).equals(before)).toBe(true);
    expect(statSync(db).size).toBe(before.length);
  });
});
