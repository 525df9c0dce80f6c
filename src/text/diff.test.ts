import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applySide, changedWords, redline, sideRuns, wordDiff } from './diff.js';

describe('wordDiff', () => {
  it('gives each side back exactly as written, spaces and punctuation included (property)', () => {
    const word = fc.oneof(fc.stringMatching(/^[a-z]{1,6}$/), fc.stringMatching(/^\d{1,3}(,\d{3})?$/), fc.constantFrom(',', '.', ';', '(', ')'));
    const text = fc.array(fc.tuple(word, fc.constantFrom('', ' ', '  ', '\n')), { maxLength: 14 }).map((ts) => ts.map(([w, s]) => w + s).join(''));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const ops = wordDiff(a, b);
        expect(applySide(ops, 'old')).toBe(a);
        expect(applySide(ops, 'new')).toBe(b);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a number and its thousands separator together on each side (hand-checked)', () => {
    const ops = wordDiff('capped at 600,000 troops', 'capped at 800,000 troops');
    expect(applySide(ops, 'old')).toBe('capped at 600,000 troops');
    expect(changedWords(ops)).toEqual({ inserted: ['800'], deleted: ['600'] });
    expect(redline(ops, false)).toBe('capped at [-600-]{+800+},000 troops');
    // jsdiff's diffWords gave the old side "the quick brown fox " here (a trailing space it never had).
    expect(applySide(wordDiff('the quick brown fox', 'the quick red fox jumps'), 'old')).toBe('the quick brown fox');
  });
});

describe('sideRuns', () => {
  it('joins the changes of a side split only by spaces into one run, and gives the side back exactly (property)', () => {
    const word = fc.oneof(fc.stringMatching(/^[a-z]{1,6}$/), fc.constantFrom(',', '.', '('));
    const text = fc.array(fc.tuple(word, fc.constantFrom('', ' ', '  ', '\n')), { maxLength: 14 }).map((ts) => ts.map(([w, s]) => w + s).join(''));
    fc.assert(
      fc.property(text, text, fc.constantFrom('old' as const, 'new' as const), (a, b, side) => {
        const runs = sideRuns(wordDiff(a, b), side);
        expect(runs.map((r) => r.text).join('')).toBe(side === 'old' ? a : b);
        runs.forEach((r, i) => {
          expect(r.text).not.toBe('');
          if (i > 0) expect(r.changed).not.toBe(runs[i - 1]!.changed);
          // A kept run between two changed runs holds a word or a sign, never only spaces.
          if (!r.changed && i > 0 && i < runs.length - 1) expect(r.text.trim()).not.toBe('');
        });
      }),
      { numRuns: 300 },
    );
  });

  it('marks a phrase replaced word by word as one run on each side (hand-checked)', () => {
    const ops = wordDiff('provide reliable security guarantees to Ukraine', 'provide strong and lasting guarantees to Ukraine');
    expect(sideRuns(ops, 'new')).toEqual([
      { changed: false, text: 'provide ' },
      { changed: true, text: 'strong and lasting' },
      { changed: false, text: ' guarantees to Ukraine' },
    ]);
    expect(sideRuns(ops, 'old')).toEqual([
      { changed: false, text: 'provide ' },
      { changed: true, text: 'reliable security' },
      { changed: false, text: ' guarantees to Ukraine' },
    ]);
  });
});
