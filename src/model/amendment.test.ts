import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bracketReadings, mergeWording } from './amendment.js';

const squash = (s: string) => s.replace(/\s+/g, ' ').replace(/\s+([.,;])/g, '$1').trim();

/** Replace each bracketed reading group of `text` (in order) by one side of `readings`. */
function choose(text: string, readings: { tabled: string; amended: string }[], side: 'tabled' | 'amended'): string {
  let k = 0;
  let out = text;
  for (const r of readings) {
    const group = [r.tabled && `[${r.tabled}]`, r.amended && `[${r.amended}]`].filter(Boolean).join(' ');
    const at = out.indexOf(group, k);
    expect(at).toBeGreaterThanOrEqual(0);
    out = out.slice(0, at) + r[side] + out.slice(at + group.length);
    k = at + r[side].length;
  }
  return out;
}

describe('bracketReadings', () => {
  it('writes the tabled and the amended words side by side in brackets (hand-checked)', () => {
    expect(bracketReadings('Forces withdraw thirty kilometres from the line.', 'Forces withdraw twenty kilometres from the line.')).toEqual({
      text: 'Forces withdraw [thirty] [twenty] kilometres from the line.',
      readings: [{ tabled: 'thirty', amended: 'twenty' }],
    });
    expect(bracketReadings('Elections are held within a year.', 'Elections are held within a year under observation.').text).toBe('Elections are held within a year [under observation].');
    expect(bracketReadings('Same words.', 'Same words.')).toEqual({ text: 'Same words.', readings: [] });
  });

  it('gives back either wording when each group is read one way (property)', () => {
    const words = fc.constantFrom('the', 'parties', 'withdraw', 'forces', 'within', 'thirty', 'twenty', 'days', 'of', 'signature', 'observers', 'are', 'invited');
    const sentence = fc.array(words, { minLength: 1, maxLength: 14 }).map((w) => `${w.join(' ')}.`);
    fc.assert(
      fc.property(sentence, sentence, (tabled, amended) => {
        const r = bracketReadings(tabled, amended);
        expect(squash(choose(r.text, r.readings, 'tabled'))).toBe(squash(tabled));
        expect(squash(choose(r.text, r.readings, 'amended'))).toBe(squash(amended));
      }),
      { numRuns: 300 },
    );
  });
});

describe('mergeWording', () => {
  it('changes the words the amendment changes, where the draft still has them (hand-checked)', () => {
    expect(mergeWording('A b c d e f.', 'A b c d e f.', 'A b c d E f.')).toEqual({ ok: true, text: 'A b c d E f.' });
    expect(mergeWording('A b c d e f.', 'A B c d e f.', 'A b c d E f.')).toEqual({ ok: true, text: 'A B c d E f.' });
    // Both changed the same word differently: nothing is merged.
    expect(mergeWording('A b c d e f.', 'A B c d e f.', 'A x c d e f.')).toEqual({ ok: false, conflicts: 1 });
    // The same change on both sides is no conflict.
    expect(mergeWording('A b c.', 'A x c.', 'A x c.')).toEqual({ ok: true, text: 'A x c.' });
  });

  it('is the amendment on an untouched draft and the draft for an empty amendment (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (t, c) => {
        expect(mergeWording(t, t, c)).toEqual({ ok: true, text: c });
        expect(mergeWording(t, c, t)).toEqual({ ok: true, text: c });
      }),
    );
  });
});
