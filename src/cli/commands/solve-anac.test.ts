import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bruteForce } from '../../analysis/brute.js';
import { compileDomain } from '../../analysis/domain.js';
import { runAccord } from '../../../test/support/cli.js';
import { loadDomainFrom } from './solve.js';

const SHARED = fileURLToPath(new URL('../../../../shared/negotiation-domains/genius-xml/', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'accord-solve-anac-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const accord = (...args: string[]) => runAccord(args);

interface Out {
  parties: string[];
  paretoSize: number | null;
  nash: { utilities: Record<string, number> } | null;
  kalaiSmorodinsky: { utilities: Record<string, number> } | null;
  egalitarian: { utilities: Record<string, number> } | null;
  utilitarian: { utilities: Record<string, number> } | null;
}

// Every GENIUS folder of the shared set (ANAC 2010/2011/2015 and the laptop domain; Vacation holds
// integer issues), each copied beside a pareto.xml and a readme as ANAC ships them, run
// through `accord solve --frontier --json` as a user runs it and checked against an exhaustive
// enumeration of its packages (src/analysis/brute.ts: criteria in floating point, the frontier in
// exact rational arithmetic).
describe('accord solve on every shared ANAC folder, with pareto.xml and a readme beside it', () => {
  for (const name of readdirSync(SHARED).sort()) {
    it(`${name}: the four packages and paretoSize equal exhaustive enumeration`, { timeout: 180_000 }, async () => {
      const dir = path.join(tmp, name);
      mkdirSync(dir, { recursive: true });
      for (const f of readdirSync(path.join(SHARED, name))) copyFileSync(path.join(SHARED, name, f), path.join(dir, f));
      writeFileSync(path.join(dir, 'pareto.xml'), '<?xml version="1.0"?>\n<pareto><point u1="0.5" u2="0.5"/></pareto>\n');
      writeFileSync(path.join(dir, 'readme.txt'), 'notes\n');
      const r = await accord('solve', dir, '--json', '--frontier');
      expect(r.code).toBe(0);
      expect(r.err).toMatch(/pareto\.xml: not a GENIUS domain or profile: skipped/);
      const got = JSON.parse(r.out) as Out;

      const c = compileDomain(loadDomainFrom(path.join(SHARED, name), { onWarning: () => {} }));
      const bf = bruteForce(c);
      expect(got.paretoSize).toBe(bf.frontier.length);
      const rsv = c.reservation; // 0–100; the CLI prints GENIUS utilities on 0–1
      const u = (s: { utilities: Record<string, number> } | null) => got.parties.map((p) => s!.utilities[p]! * 100);
      const M = bf.ideal!;
      const S = got.parties.map((_, p) => p).filter((p) => M[p]! - rsv[p]! > 1e-6);
      const close = (a: number, b: number | null) => expect(Math.abs(a - b!)).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(b!)));
      close(Math.min(...u(got.egalitarian).map((x, p) => x - rsv[p]!)), bf.egalitarian);
      close(u(got.utilitarian).reduce((a, b) => a + b, 0), bf.utilitarian);
      const ks = u(got.kalaiSmorodinsky);
      close(Math.min(...S.map((p) => (ks[p]! - rsv[p]!) / (M[p]! - rsv[p]!))), bf.kalaiSmorodinsky);
      const nash = u(got.nash);
      close(S.reduce((a, p) => a + Math.log(nash[p]! - rsv[p]!), 0), bf.nash);
    });
  }
});
