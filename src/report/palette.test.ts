/**
 * The stance and agreement palettes stay apart for colour-blind readers: each fill is passed through
 * culori's simulations of protanopia, deuteranopia and tritanopia (the Machado, Oliveira & Fernandes
 * 2009 matrices at full severity) and every pair must keep a CIEDE2000 distance of at least
 * {@link MIN_DISTANCE}; each symbol must keep WCAG contrast ≥ 4.5:1 on its fill. The same checks run
 * the old palette to show that they discriminate (it fails them: its "accepts with conditions" and
 * "proposes alternative" are 2 ΔE apart for a protanope).
 */
import { differenceCiede2000, filterDeficiencyDeuter, filterDeficiencyProt, filterDeficiencyTrit, parse, wcagContrast, type Color } from 'culori';
import { describe, expect, it } from 'vitest';
import { AGREEMENT_SWATCH, STANCE_SWATCH, type Swatch, type Theme } from './palette.js';

/** Smallest CIEDE2000 distance allowed between two fills, under every vision (about 5× a just-noticeable difference). */
const MIN_DISTANCE = 15;

const deltaE = differenceCiede2000();
const VISIONS: Record<string, (c: Color) => Color> = {
  normal: (c) => c,
  protanopia: filterDeficiencyProt(1),
  deuteranopia: filterDeficiencyDeuter(1),
  tritanopia: filterDeficiencyTrit(1),
};

/** The closest pair of fills under each vision: `{ vision: [distance, "a/b"] }`. */
function closestPairs(fills: Record<string, string>): Record<string, [number, string]> {
  const keys = Object.keys(fills);
  const out: Record<string, [number, string]> = {};
  for (const [vision, simulate] of Object.entries(VISIONS)) {
    let best: [number, string] = [Infinity, ''];
    for (let i = 0; i < keys.length; i++)
      for (let j = i + 1; j < keys.length; j++) {
        const d = deltaE(simulate(parse(fills[keys[i]!]!)!), simulate(parse(fills[keys[j]!]!)!));
        if (d < best[0]) best = [d, `${keys[i]}/${keys[j]}`];
      }
    out[vision] = best;
  }
  return out;
}

const fillsOf = (s: Record<string, Swatch>) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.fill]));

describe('stance palette under colour-vision deficiencies', () => {
  for (const theme of ['light', 'dark'] as Theme[]) {
    it(`keeps every pair of ${theme} stance fills at least ${MIN_DISTANCE} ΔE00 apart for normal, protan, deutan and tritan vision`, () => {
      const worst = closestPairs(fillsOf(STANCE_SWATCH[theme]));
      for (const [vision, [d, pair]] of Object.entries(worst)) expect(d, `${theme} ${vision}: ${pair}`).toBeGreaterThanOrEqual(MIN_DISTANCE);
    });
    it(`keeps the ${theme} agreement fills (all accept, contested, unknown) apart`, () => {
      const worst = closestPairs(fillsOf(AGREEMENT_SWATCH[theme]));
      for (const [vision, [d, pair]] of Object.entries(worst)) expect(d, `${theme} ${vision}: ${pair}`).toBeGreaterThanOrEqual(MIN_DISTANCE);
    });
    it(`draws each ${theme} symbol at a WCAG contrast of at least 4.5:1 on its fill`, () => {
      for (const [k, s] of Object.entries({ ...STANCE_SWATCH[theme], ...AGREEMENT_SWATCH[theme] })) expect(wcagContrast(s.fill, s.ink), k).toBeGreaterThanOrEqual(4.5);
    });
  }

  it('discriminates: the previous green palette fails the same check (conditions vs alternative for a protanope)', () => {
    const old = { accepts: '#1a9850', 'accepts-with-conditions': '#a6d96a', 'proposes-alternative': '#fdd56a', rejects: '#d73027', undecided: '#c9c9c9', 'no-public-position': '#f0f0f0' };
    const worst = closestPairs(old);
    expect(worst.protanopia![0]).toBeLessThan(MIN_DISTANCE);
    expect(worst.protanopia![1]).toBe('accepts-with-conditions/proposes-alternative');
    // Hand-checked anchor of the distance itself: identical colours are 0 apart, black and white 100.
    expect(deltaE(parse('#000000')!, parse('#ffffff')!)).toBeCloseTo(100, 0);
  });
});
