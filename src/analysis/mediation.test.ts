import { describe, expect, it } from 'vitest';
import { compileDomain, utilitiesOf, validateDomain, type DomainInput } from './domain.js';
import { simulateMediation } from './mediation.js';

// Three issues, two parties. a cares about x, b about y; z is a trade-off.
const raw: DomainInput = {
  id: 'm',
  name: 'm',
  issues: [
    { id: 'x', name: 'x', options: [{ id: 'x0', label: 'draft' }, { id: 'x1', label: 'better for a' }] },
    { id: 'y', name: 'y', options: [{ id: 'y0', label: 'draft' }, { id: 'y1', label: 'better for b' }, { id: 'y2', label: 'hurts a' }] },
    { id: 'z', name: 'z', options: [{ id: 'z0', label: 'draft' }, { id: 'z1', label: 'a wins' }, { id: 'z2', label: 'b wins' }] },
  ],
  profiles: [
    { party: 'a', weights: { x: 1, y: 1, z: 1 }, values: { x: { x0: 0, x1: 90 }, y: { y0: 50, y1: 50, y2: 0 }, z: { z0: 50, z1: 100, z2: 0 } } },
    { party: 'b', weights: { x: 1, y: 1, z: 1 }, values: { x: { x0: 30, x1: 30 }, y: { y0: 0, y1: 90, y2: 100 }, z: { z0: 50, z1: 0, z2: 100 } } },
  ],
};

describe('single-text mediation', () => {
  it('hill-climbing adopts only changes nobody objects to, steepest first, and stops at a unanimous local optimum', async () => {
    const d = validateDomain(raw);
    const res = await simulateMediation(d, { variant: 'hill-climbing' });
    expect(res.start).toEqual({ x: 'x0', y: 'y0', z: 'z0' });
    // Round 1: x0→x1 (a +30, b 0) and y0→y1 (a 0, b +30) tie on total; the first found (x) is taken.
    // y0→y2 is refused (a −16.7); z changes always hurt someone.
    expect(res.rounds.map((r) => `${r.issue}:${r.to}`)).toEqual(['x:x1', 'y:y1']);
    expect(res.rounds.every((r) => r.accepted)).toBe(true);
    expect(res.end).toEqual({ x: 'x1', y: 'y1', z: 'z0' });
    expect(res.stoppedBecause).toBe('no-unanimous-improvement');
    // No single change from the end point leaves both no worse and one better.
    const c = compileDomain(d);
    const end = [1, 1, 0];
    const u0 = utilitiesOf(c, end);
    for (let i = 0; i < 3; i++)
      for (let o = 0; o < c.contrib[i]!.length; o++) {
        if (o === end[i]) continue;
        const next = end.slice();
        next[i] = o;
        const u1 = utilitiesOf(c, next);
        const improves = u1[0]! >= u0[0]! - 1e-9 && u1[1]! >= u0[1]! - 1e-9 && (u1[0]! > u0[0]! + 1e-9 || u1[1]! > u0[1]! + 1e-9);
        expect(improves).toBe(false);
      }
    // Nash (zero reservations) maximises u_a·u_b: brute force over the 18 packages picks (x1, y1, z0)
    // with utilities (63.33, 56.67); the end point coincides, so the distance is zero.
    expect(res.distanceFromNash!.issuesDiffering).toBe(0);
    expect(res.distanceFromNash!.euclidean).toBeCloseTo(0, 9);
  });

  it('the veto variant records vetoed proposals and who vetoed them', async () => {
    const d = validateDomain(raw);
    const res = await simulateMediation(d, { variant: 'veto' });
    const vetoed = res.rounds.filter((r) => !r.accepted);
    // On y the mediator's best joint gain is y2 (a −16.7, b +33.3): a vetoes it.
    expect(vetoed.some((r) => r.issue === 'y' && r.to === 'y2' && r.vetoedBy.join() === 'a')).toBe(true);
    expect(res.rounds.filter((r) => r.accepted).map((r) => `${r.issue}:${r.to}`)).toContain('x:x1');
    expect(res.nash).not.toBeNull();
  });

  it('starts from a given package and rejects unknown options', async () => {
    const d = validateDomain(raw);
    const res = await simulateMediation(d, { start: { z: 'z1' } });
    expect(res.start.z).toBe('z1');
    await expect(simulateMediation(d, { start: { z: 'nope' } })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
