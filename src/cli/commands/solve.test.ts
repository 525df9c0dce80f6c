import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../main.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SHARED = fileURLToPath(new URL('../../../../shared/negotiation-domains/', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-solve-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Run `accord …` in-process; returns the exit code and what it printed. */
async function accord(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    const code = await main(['node', 'accord', ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('accord solve', () => {
  it('solves a folder of GENIUS XML files and prints the contract JSON on the 0–1 scale', async () => {
    const ref = JSON.parse(readFileSync(path.join(SHARED, 'reference-solutions.jsonl'), 'utf8').split('\n')[0]!) as {
      pareto_size: number;
      profiles: string[];
      nash: { utils: number[] }[];
    };
    const r = await accord('solve', path.join(SHARED, 'genius-xml/anac2010_EnglandZimbabwe'), '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Record<string, unknown> & { parties: string[]; paretoSize: number; nash: { utilities: Record<string, number>; outcome: Record<string, string> } };
    expect(Object.keys(j).slice(0, 7)).toEqual(['parties', 'paretoSize', 'nash', 'kalaiSmorodinsky', 'egalitarian', 'utilitarian', 'infeasible']);
    expect(j.parties).toEqual(ref.profiles);
    expect(j.paretoSize).toBe(ref.pareto_size);
    ref.profiles.forEach((p, i) => expect(Math.abs(j.nash.utilities[p]! - ref.nash[0]!.utils[i]!)).toBeLessThan(1e-4));
    expect(j.nash.outcome['size-of-fund']).toBe('10-billion');
    expect(j.infeasible).toBeNull();
  });

  it('solves the example bundle; the human output marks estimates and explains each package', async () => {
    const r = await accord('solve', path.join(ROOT, 'examples/russia-ukraine-2025'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Profiles marked as estimates: us, ru, ua, eu/);
    expect(r.out).toMatch(/^nash: /m);
    expect(r.out).toMatch(/distance from best:/);
  });

  it('reports the smallest moves for an infeasible domain, and maps bad input to exit codes', async () => {
    const file = path.join(tmp, 'blocked.yaml');
    writeFileSync(
      file,
      [
        'id: blocked',
        'name: blocked',
        'issues:',
        '  - { id: x, name: x, options: [{ id: a, label: a }, { id: b, label: b }] }',
        'profiles:',
        '  - { party: p, weights: { x: 1 }, values: { x: { a: 100, b: 0 } }, redLines: { x: [b] } }',
        '  - { party: q, weights: { x: 1 }, values: { x: { a: 0, b: 100 } }, redLines: { x: [a] } }',
      ].join('\n'),
    );
    const r = await accord('solve', file, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { nash: unknown; infeasible: { blockedIssues: string[]; redLines: { count: number } } };
    expect(j.nash).toBeNull();
    expect(j.infeasible.blockedIssues).toEqual(['x']);
    expect(j.infeasible.redLines.count).toBe(1);

    writeFileSync(file, 'id: bad\nname: bad\nissues: []\nprofiles: []\n');
    const bad = await accord('solve', file, '--json');
    expect(bad.code).toBe(65);
    expect(JSON.parse(bad.out).error.code).toBe('invalid_input');
    expect((await accord('solve', path.join(tmp, 'missing'))).code).toBe(66);
    expect((await accord('solve', file, '--engine', 'magic')).code).toBe(64);
  });
});
