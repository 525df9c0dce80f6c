import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runAccord } from '../../../test/support/cli.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SHARED = fileURLToPath(new URL('../../../../shared/negotiation-domains/', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-solve-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Run `accord …` in-process; returns the exit code and what it printed. */
const accord = (...args: string[]) => runAccord(args);

describe('accord solve', () => {
  it('solves a folder of GENIUS XML files and prints the contract JSON on the 0–1 scale', async () => {
    const ref = JSON.parse(readFileSync(path.join(SHARED, 'reference-solutions.jsonl'), 'utf8').split('\n')[0]!) as {
      pareto_size: number;
      profiles: string[];
      nash: { utils: number[] }[];
    };
    const r = await accord('solve', path.join(SHARED, 'genius-xml/anac2010_EnglandZimbabwe'), '--json', '--frontier');
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

  it('computes the frontier only on demand: without --frontier paretoSize is null and the packages are the same', async () => {
    const dir = path.join(SHARED, 'genius-xml/anac2010_ItexvsCypress');
    const plain = JSON.parse((await accord('solve', dir, '--json')).out) as { paretoSize: number | null; nash: unknown; details: { pareto: { computed: boolean }; definitions: Record<string, string> } };
    const full = JSON.parse((await accord('solve', dir, '--json', '--frontier')).out) as { paretoSize: number; nash: unknown; details: { pareto: { computed: boolean; distinct: number; points: unknown[] } } };
    expect(plain.paretoSize).toBeNull();
    expect(plain.details.pareto.computed).toBe(false);
    expect(plain.details.definitions.kalaiSmorodinsky).toMatch(/smallest normalised gain/);
    expect(plain.nash).toEqual(full.nash);
    // NegMAS 0.15.7 lists 18 frontier points on this domain (reference-solutions.jsonl).
    expect(full.paretoSize).toBe(18);
    expect(full.details.pareto.points).toHaveLength(18);
  });

  it('a missing path exits 66 naming it once; a domain that is not XML exits 65 naming the file and line', async () => {
    const missing = path.join(tmp, 'no-such-folder');
    const r = await accord('solve', missing);
    expect(r.code).toBe(66);
    expect(r.err.split(missing).length - 1).toBe(1);
    const dir = path.join(tmp, 'ez-broken-domain');
    mkdirSync(dir, { recursive: true });
    const src = path.join(SHARED, 'genius-xml/anac2010_EnglandZimbabwe');
    for (const f of readdirSync(src)) copyFileSync(path.join(src, f), path.join(dir, f));
    writeFileSync(path.join(dir, 'EnglandZimbabwe_domain.xml'), 'this is <not xml');
    const b = await accord('solve', dir);
    expect(b.code).toBe(65);
    expect(b.err).toContain(`${path.join(dir, 'EnglandZimbabwe_domain.xml')}:1:`);
    expect(b.err).toMatch(/not well-formed XML at line 1/);
  });

  it('reads an ANAC folder with pareto.xml and a readme beside the domain; a non-linear folder exits 69 saying "non-linear"', async () => {
    const src = path.join(SHARED, 'genius-xml/anac2010_EnglandZimbabwe');
    const dir = path.join(tmp, 'ez-with-pareto');
    mkdirSync(dir, { recursive: true });
    for (const f of readdirSync(src)) copyFileSync(path.join(src, f), path.join(dir, f));
    writeFileSync(path.join(dir, 'pareto.xml'), '<?xml version="1.0"?>\n<pareto>\n  <point u1="0.91" u2="0.73"/>\n</pareto>\n');
    writeFileSync(path.join(dir, 'readme.xml'), '<readme>Domain notes</readme>\n');
    const r = await accord('solve', dir, '--json');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/pareto\.xml: not a GENIUS domain or profile: skipped/);
    expect((JSON.parse(r.out) as { parties: string[] }).parties).toEqual(['England', 'Zimbabwe']);

    const nl = path.join(tmp, 'nonlinear');
    mkdirSync(nl, { recursive: true });
    writeFileSync(path.join(nl, 'domain.xml'), '<negotiation_template><utility_space><objective index="0" name="o"><issue index="1" name="A" type="integer" lowerbound="0" upperbound="9"/></objective></utility_space></negotiation_template>');
    const profile = '<utility_space type="nonlinear"><objective index="0" name="o"><issue index="1" name="A" type="integer" lowerbound="0" upperbound="9"/></objective><utility maxutility="10"><ufun type="PlainUfun"><hyperRectangle utility="3"><INCLUDES index="1" min="0" max="2"/></hyperRectangle></ufun></utility></utility_space>';
    writeFileSync(path.join(nl, 'agent1.xml'), profile);
    writeFileSync(path.join(nl, 'agent2.xml'), profile);
    writeFileSync(path.join(nl, 'pareto.xml'), '<pareto/>');
    const bad = await accord('solve', nl, '--json');
    expect(bad.code).toBe(69);
    const e = JSON.parse(bad.out) as { error: { code: string; message: string } };
    expect(e.error.code).toBe('unsupported');
    expect(e.error.message).toMatch(/non-linear/);
  });

  it('solves the ANAC 2015 Vacation folder (integer issues); states a discount factor, applies it only when asked', async () => {
    const vac = await accord('solve', path.join(SHARED, 'genius-xml/anac2015_Vacation'), '--json', '--frontier');
    expect(vac.code).toBe(0);
    // 131 distinct points, as exact brute force finds (src/analysis/genius.test.ts).
    expect((JSON.parse(vac.out) as { paretoSize: number }).paretoSize).toBe(131);

    const src = path.join(SHARED, 'genius-xml/anac2010_ItexvsCypress');
    const dir = path.join(tmp, 'discounted');
    mkdirSync(dir, { recursive: true });
    for (const f of readdirSync(src)) {
      const text = readFileSync(path.join(src, f), 'utf8');
      writeFileSync(path.join(dir, f), /evaluation=/.test(text) ? text.replace(/<\/utility_space>\s*$/, '<discount_factor value="0.5"/>\n</utility_space>\n') : text);
    }
    const ignored = await accord('solve', dir, '--json');
    expect(ignored.code).toBe(0);
    expect(ignored.err).toMatch(/discount factor 0\.5 ignored/);
    const plain = JSON.parse((await accord('solve', src, '--json')).out) as { egalitarian: { utilities: Record<string, number> } };
    const ig = JSON.parse(ignored.out) as { egalitarian: { utilities: Record<string, number> }; details: { warnings: { message: string }[] } };
    expect(ig.egalitarian.utilities).toEqual(plain.egalitarian.utilities);
    expect(ig.details.warnings.length).toBe(2);
    const applied = JSON.parse((await accord('solve', dir, '--json', '--discount-at', '1')).out) as { egalitarian: { utilities: Record<string, number> } };
    // At t = 1 every utility is halved (δ^1 = 0.5), reservations too, so the same package halves.
    for (const [k, v] of Object.entries(plain.egalitarian.utilities)) expect(applied.egalitarian.utilities[k]).toBeCloseTo(v / 2, 9);
    expect((await accord('solve', dir, '--discount-at', '2')).code).toBe(64);
  });

  it('--measures and --package report the domain measures and how a draft stands', async () => {
    const file = path.join(tmp, 'draft.yaml');
    writeFileSync(
      file,
      [
        'id: draft',
        'name: draft',
        'issues:',
        '  - { id: x, name: x, options: [{ id: x0, label: x0 }, { id: x1, label: x1 }, { id: x2, label: x2 }] }',
        'profiles:',
        '  - { party: a, weights: { x: 1 }, values: { x: { x0: 20, x1: 50, x2: 90 } } }',
        '  - { party: b, weights: { x: 1 }, values: { x: { x0: 30, x1: 60, x2: 40 } } }',
      ].join('\n'),
    );
    const r = await accord('solve', file, '--json', '--measures', '--package', 'x=x0');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as {
      paretoSize: number;
      details: {
        measures: { conflict: { a: string; b: string; level: number; winWin: number }[]; opposition: { level: number } };
        package: { feasible: boolean; pareto: { optimal: boolean; commonGain: number; totalGain: number } };
      };
    };
    // Frontier: x1 (50, 60) and x2 (90, 40); x0 (20, 30) is dominated by both.
    expect(j.paretoSize).toBe(2);
    // Pairs (x0,x1) same order, (x0,x2) same order, (x1,x2) opposite: conflict 1/3, win-win 2/3.
    expect(j.details.measures.conflict).toEqual([expect.objectContaining({ a: 'a', b: 'b', level: 1 / 3, winWin: 2 / 3 })]);
    // Opposition: best_a = 90, best_b = 60; x1 is at √((1 − 50/90)² + 0) = 4/9, x2 at √(0 + (1 − 40/60)²) = 1/3.
    expect(j.details.measures.opposition.level).toBeCloseTo(1 / 3, 12);
    expect(j.details.package).toMatchObject({ feasible: true, pareto: { optimal: false, commonGain: 30, totalGain: 80 } });
    const human = await accord('solve', file, '--package', 'x=x2');
    expect(human.out).toMatch(/Given package: a 90\.0, b 40\.0/);
    expect(human.out).toMatch(/Pareto-optimal/);
    expect((await accord('solve', file, '--package', 'x=nope')).code).toBe(64);
    expect((await accord('solve', file, '--package', 'y=x0')).code).toBe(64);
  });
});
