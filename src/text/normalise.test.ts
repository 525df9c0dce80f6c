/**
 * normalise.ts: collapsing whitespace keeps a single plain space untouched (for speed on large
 * texts) but must give exactly what collapsing every whitespace run would give.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collapseSpaces, foldForComparison } from './normalise.js';

// Strings mixing letters with every kind of whitespace JavaScript's \s knows (tabs, newlines,
// no-break, ideographic and zero-width-no-break spaces, line and paragraph separators).
const piece = fc.constantFrom('a', 'Б', 'ع', '.', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u2028', '\u2029');
const messy = fc.array(piece, { maxLength: 40 }).map((xs) => xs.join(''));

describe('collapseSpaces', () => {
  it('equals replacing every whitespace run by one space, then trimming (fast-check)', () => {
    fc.assert(fc.property(messy, (s) => {
        expect(collapseSpaces(s)).toBe(s.replace(/\s+/g, ' ').trim());
      }));
  });

  it('hand-checked cases', () => {
    expect(collapseSpaces('  a \t\n b\u00a0c  ')).toBe('a b c');
    expect(collapseSpaces('a b')).toBe('a b');
    expect(collapseSpaces('\n')).toBe('');
  });

  it('foldForComparison leaves no tab, newline or double space', () => {
    fc.assert(fc.property(messy, (s) => {
        expect(foldForComparison(s)).not.toMatch(/[^\S ]| {2}/);
      }));
  });
});
