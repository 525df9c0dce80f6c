/** `accord compare` end to end, spawned as a user runs it (bin/accord.mjs through tsx). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const BIN = path.join(ROOT, 'bin/accord.mjs');
const CORPUS = path.resolve(ROOT, '../shared/corpus');
const A = path.join(CORPUS, 'plan-28/layout-a-numbered-letters.txt');
const C = path.join(CORPUS, 'plan-28/layout-c-thematic-bullets.txt');
const E3 = path.join(CORPUS, 'counter-proposals/e3-reuters-2025-11-23.md');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-compare-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function accord(env: Record<string, string | undefined>, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: tmp, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: undefined, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('accord compare', () => {
  it('maps each of the 31 bullets of layout c to its point(s) as expected.json says (--json contract)', () => {
    const r = accord({ NO_COLOR: '1' }, 'compare', A, C, '--json');
    expect(r.code).toBe(0);
    const pairs = JSON.parse(r.out).pairs as { from: string[]; to: string[]; change: string; similarity: number; parts?: { from: string[]; to: string[] }[] }[];
    for (const p of pairs) {
      expect(['unchanged', 'amended', 'moved', 'merged', 'split', 'added', 'deleted']).toContain(p.change);
      expect(p.similarity).toBeGreaterThanOrEqual(0);
      expect(p.similarity).toBeLessThanOrEqual(1);
    }
    const expected = JSON.parse(readFileSync(path.join(CORPUS, 'plan-28/expected.json'), 'utf8'));
    const want = (expected.layouts['layout-c-thematic-bullets.txt'].bullets_in_order as { points: (number | string)[][] }[])
      .flatMap((g) => g.points)
      .map((ps) => ps.map((x) => String(x).replace(/^(\d+)([a-z])$/, '$1.$2')));
    const got = want.map((_, i) => {
      const key = `#${i + 1}`;
      const pair = pairs.find((p) => p.to.includes(key));
      return pair?.parts?.find((x) => x.to.includes(key))?.from ?? pair?.from ?? [];
    });
    expect(got).toEqual(want);
  });

  it('prints a plain redline without colour when NO_COLOR is set or stdout is not a terminal', () => {
    for (const env of [{ NO_COLOR: '1' }, { NO_COLOR: undefined }]) {
      const r = accord(env, 'compare', A, E3);
      expect(r.code).toBe(0);
      expect(r.out).not.toContain('\x1b[');
      expect(r.out).toMatch(/^6 → 6 {2}amended/m);
      expect(r.out).toMatch(/\[-[^\]]*600-\]\{\+800\+\}/);
      expect(r.out).toMatch(/^3 → 3 {2}deleted/m);
      expect(r.out).toMatch(/\d+ unchanged, \d+ amended/);
    }
  });

  it('applies an overrides file and warns about stale overrides', () => {
    const file = path.join(tmp, 'overrides.json');
    writeFileSync(file, JSON.stringify([{ from: ['5'], to: ['5'], change: 'amended' }, { from: ['99'], to: ['1'], change: 'moved' }]));
    const r = accord({ NO_COLOR: '1' }, 'compare', A, E3, '--json', '--overrides', file);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).pairs.find((p: { from: string[] }) => p.from[0] === '5')).toMatchObject({ to: ['5'], change: 'amended' });
    expect(r.err).toContain('"99"');
    writeFileSync(file, JSON.stringify([{ from: '5', to: ['5'], change: 'amended' }]));
    const bad = accord({ NO_COLOR: '1' }, 'compare', A, E3, '--overrides', file);
    expect(bad.code).toBe(65);
    expect(bad.err).toContain('[0]');
  });

  it('reports a missing version with exit code 66', () => {
    const r = accord({ NO_COLOR: '1' }, 'compare', A, 'no-such-version');
    expect(r.code).toBe(66);
    expect(r.err).toContain('no-such-version');
  });

  it('between stored versions pairs shared lineage ids first and keeps stored statuses (example imported)', () => {
    const db = path.join(tmp, 'example.db');
    expect(accord({}, 'import', path.join(ROOT, 'examples/russia-ukraine-2025'), '--db', db).code).toBe(0);
    const pairs = (a: string, b: string) => {
      const r = accord({ NO_COLOR: '1' }, 'compare', a, b, '--db', db, '--json');
      expect(r.code, r.err).toBe(0);
      return JSON.parse(r.out).pairs as { from: string[]; to: string[]; change: string }[];
    };
    const fw = pairs('us-28-v1', 'framework-20-v1');
    const to = (ps: typeof fw, from: string) => ps.find((p) => p.from.length === 1 && p.from[0] === from);
    expect([to(fw, '6')?.to, to(fw, '16')?.to, to(fw, '28')?.to, to(fw, '8')?.to]).toEqual([['4'], ['6'], ['20'], []]);
    const e3 = pairs('us-28-v1', 'e3-counter-v1');
    expect(e3.filter((p) => p.change === 'deleted').map((p) => p.from)).toEqual([['3'], ['26']]);
    expect(e3.every((p) => p.from.join() === p.to.join())).toBe(true); // 15, 17, 22, 23, 27 kept, not deleted + added
  });
});
