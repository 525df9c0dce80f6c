import { describe, expect, it } from 'vitest';
import { AccordError } from '../model/errors.js';
import { compileDomain, utilitiesOf, validateDomain, type DomainInput } from './domain.js';

const good: DomainInput = {
  id: 'd',
  name: 'toy',
  issues: [
    { id: 'cap', name: 'army cap', provision: 'us-28-6', options: [{ id: 'c600', label: '600,000' }, { id: 'c800', label: '800,000' }] },
    { id: 'nato', name: 'NATO', options: [{ id: 'never', label: 'never' }, { id: 'open', label: 'left open' }, { id: 'later', label: 'later' }] },
  ],
  profiles: [
    { party: 'ua', weights: { cap: 2, nato: 6 }, values: { cap: { c600: 20, c800: 100 }, nato: { never: 0, open: 100, later: 60 } }, reservation: 30, redLines: { nato: ['never'] }, estimate: true, note: 'estimate' },
  ],
};

describe('validateDomain', () => {
  it('accepts a good domain and applies defaults', () => {
    const d = validateDomain(good);
    expect(d.scale).toBe(100);
    expect(d.profiles[0]!.visibility).toBe('public');
  });

  it('collects every problem with its field path and the file', () => {
    const bad = {
      ...good,
      issues: [...good.issues, { id: 'cap', name: 'dup', options: [{ id: 'x', label: 'x' }, { id: 'x', label: 'y' }] }],
      profiles: [
        { party: 'ua', weights: { cap: 1, nope: 2 }, values: { cap: { c600: 20, zzz: 1 } }, redLines: { nato: ['bogus'] }, reservation: 120 },
      ],
    };
    try {
      validateDomain(bad, 'domain.yaml');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AccordError);
      const err = e as AccordError;
      expect(err.code).toBe('invalid_input');
      expect(err.location.file).toBe('domain.yaml');
      // Schema errors come first (reservation out of range); fix that and cross-references are reported.
      expect(err.details.map((d) => d.field)).toContain('profiles[0].reservation');
    }
    try {
      validateDomain({ ...bad, profiles: [{ ...bad.profiles[0]!, reservation: 10 }] }, 'domain.yaml');
      expect.unreachable();
    } catch (e) {
      const fields = (e as AccordError).details.map((d) => d.field);
      expect(fields).toEqual(
        expect.arrayContaining([
          'issues[2].id',
          'issues[2].options[1].id',
          'profiles[0].weights.nope',
          'profiles[0].values.cap.zzz',
          'profiles[0].values.cap.c800',
          'profiles[0].redLines.nato[0]',
        ]),
      );
    }
  });
});

describe('compileDomain', () => {
  it('normalises weights and sums weighted values (hand-checked)', () => {
    const c = compileDomain(validateDomain(good));
    // weights 2:6 → 0.25, 0.75. Package (800k, left open): 0.25·100 + 0.75·100 = 100; (600k, later): 5 + 45 = 50.
    expect(utilitiesOf(c, [1, 1])[0]).toBe(100);
    expect(utilitiesOf(c, [0, 2])[0]).toBeCloseTo(50, 8);
    expect(c.redLine[1]![0]).toEqual([0]);
    expect(c.reservation[0]).toBe(30);
  });
});
