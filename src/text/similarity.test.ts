/**
 * similarity.ts: number words are read from a table of number words only — a word that happens to
 * name a property of every JavaScript object ("constructor", "toString") is an ordinary word.
 */
import { describe, expect, it } from 'vitest';
import { aliasesOfParties, canonicalText, extractFeatures, keyNumbers, stem } from './similarity.js';

describe('number words', () => {
  it('reads English and foreign number words as numbers', () => {
    expect(canonicalText('Within thirty days')).toBe('within 30 days');
    expect([...keyNumbers('twenty observers')]).toEqual(['20']);
    expect([...extractFeatures('cinq observateurs', { language: 'fr' }).numbers]).toEqual(['5']);
  });

  it('leaves words that are object properties alone', () => {
    for (const w of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__']) {
      expect(canonicalText(`the ${w} of the road`)).toBe(`the ${w.toLowerCase()} of the road`);
      expect(extractFeatures(`The ${w} of the road`).numbers.size).toBe(0);
      expect(extractFeatures(`le ${w} de la route`, { language: 'fr' }).numbers.size).toBe(0);
      expect(keyNumbers(`the ${w}`).size).toBe(0);
    }
  });
});

describe('aliasesOfParties', () => {
  it('maps each other name of a party to its name, first party first, ignoring one-letter names', () => {
    const parties = [
      { name: 'Government of X', aliases: ['the Capital', 'GoX', 'A'] },
      { name: 'Front', aliases: ['the capital', 'the Front'] },
    ];
    expect(aliasesOfParties(parties)).toEqual({ 'the capital': 'Government of X', gox: 'Government of X', 'the front': 'Front' });
  });

  it('knows no party by itself: without aliases a metonym stays a word of its own', () => {
    const plain = extractFeatures('The Capital agrees');
    expect([...plain.terms.keys()]).not.toContain(stem('government'));
    const read = extractFeatures('The Capital agrees', { aliases: aliasesOfParties([{ name: 'Government', aliases: ['the Capital'] }]) });
    expect([...read.terms.keys()]).toContain(stem('government'));
  });
});

describe('order-of-magnitude terms', () => {
  const mags = (s: string) => [...extractFeatures(s).terms.keys()].filter((k) => k.startsWith('#~')).sort();
  it('gives an amended figure the term of its order of magnitude, so a changed cap still meets its provision', () => {
    expect(mags('Armed forces are capped at 600,000 personnel.')).toEqual(['#~e5']);
    expect(mags('Peacetime strength: 800 000.')).toEqual(['#~e5']);
    expect(mags('A fund of US$100 billion')).toEqual(['#~e11']);
    expect(mags('at least 15% of seats, later 20 per cent')).toEqual(['#~%']);
  });
  it('gives none to small counts and ratios, which tell provisions apart poorly', () => {
    expect(mags('within 30 days, split 50:50, in 2 phases')).toEqual([]);
  });
});
