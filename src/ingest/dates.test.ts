/**
 * Dates: every relative expression in the corpus' expected date tables resolves, in its article, to
 * the expected ISO date (or `start/end` range); plus hand-checked cases of the rules in ./dates.ts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findDateMentions, mentionValue, resolveWeekday, weekendRange } from './dates.js';
import { prepareText } from './text.js';

const DIR = fileURLToPath(new URL('../../../shared/corpus/articles/', import.meta.url));
const tables = readdirSync(DIR)
  .filter((f) => f.endsWith('.expected.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(DIR + f, 'utf8')) as { article: string; dateline_date: string; relative_dates: Record<string, string> });

const rows = tables.flatMap((t) => Object.entries(t.relative_dates).map(([expr, value]) => ({ article: t.article, published: t.dateline_date, expr, value })));

function resolveIn(text: string, published: string, expr: string): string | null {
  const prep = prepareText(text);
  const ms = findDateMentions(prep.work, published, prep.bodyFrom, prep.bodyTo, prep.dateline ? [prep.dateline] : []);
  const at = text.indexOf(expr);
  if (at < 0) throw new Error(`"${expr}" not found in the article`);
  const m = ms.find((x) => x.from < at + expr.length && x.to > at);
  return m ? mentionValue(m) : null;
}

describe('relative dates of the corpus articles', () => {
  it('has a table to test', () => expect(rows.length).toBeGreaterThanOrEqual(30));
  it.each(rows)('$article: "$expr" → $value', ({ article, published, expr, value }) => {
    const text = readFileSync(DIR + article, 'utf8');
    expect(resolveIn(text, published, expr)).toBe(value);
  });
});

describe('date rules, hand-checked', () => {
  const one = (text: string, published: string) => {
    const ms = findDateMentions(text, published);
    return ms.map(mentionValue);
  };
  it('resolves weekdays by tense: past back, future forward', () => {
    // 2025-11-19 is a Wednesday.
    expect(resolveWeekday('2025-11-19', 1, 'past')).toBe('2025-11-17');
    expect(resolveWeekday('2025-11-19', 4, 'future')).toBe('2025-11-20');
    expect(resolveWeekday('2025-11-19', 3, 'past')).toBe('2025-11-19');
    expect(resolveWeekday('2025-11-19', 5, 'unknown')).toBe('2025-11-21');
    expect(one('The envoy met the minister on Friday.', '2025-11-19')).toEqual(['2025-11-14']);
    expect(one('The envoy will meet the minister on Friday.', '2025-11-19')).toEqual(['2025-11-21']);
  });
  it('reads "today (Wednesday)" as one date', () => {
    expect(one('Talks resumed today (Wednesday) in Geneva.', '2025-11-19')).toEqual(['2025-11-19']);
  });
  it('gives weeks and weekends as Monday–Sunday and Saturday–Sunday ranges', () => {
    expect(one('The delegation is expected next week.', '2025-11-26')).toEqual(['2025-12-01/2025-12-07']);
    expect(one('They met last weekend.', '2025-11-19')).toEqual(['2025-11-15/2025-11-16']);
    expect(weekendRange('2025-11-23', 'past')).toEqual(['2025-11-22', '2025-11-23']);
    expect(weekendRange('2025-11-19', 'next')).toEqual(['2025-11-22', '2025-11-23']);
  });
  it('reads "from October 24 to 26" as a range and anchors "a day after" and "the same day"', () => {
    expect(one('They talked in Miami from October 24 to 26.', '2025-11-19')).toEqual(['2025-10-24/2025-10-26']);
    expect(one('He spoke on Friday, a day after the envoy arrived. The Council met the same day.', '2025-11-21')).toEqual(['2025-11-21', '2025-11-20', '2025-11-21']);
  });
  it('drops times of day, durations and "now"', () => {
    expect(one('The meeting lasted five hours and ended after midnight; the 28 points are now 19.', '2025-12-03')).toEqual([]);
    expect(one('Zelensky sat down with Erdogan.', '2025-11-19')).toEqual([]);
  });
});

describe('a count of days that governs a noun is a duration, not a date', () => {
  it.each([
    ['After five days of talks the two sides signed.', null],
    ['After two weeks of negotiations they agreed.', null],
    ['Five days later they met again.', '2025-06-15'],
  ])('%s', (text, want) => {
    const ms = findDateMentions(text, '2025-06-10');
    expect(ms.length ? mentionValue(ms[0]!) : null).toBe(want);
  });
});
