/**
 * Reduced-precision ISO 8601 calendar dates (ISO 8601-1:2019 §5.2.2.2 "reduced precision"):
 * `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. Reports often give only a month ("in November"), so every date
 * in Accord may be reduced. Comparison treats a reduced date as the interval it denotes.
 */

/** Precision of an {@link IsoDate}. */
export type DatePrecision = 'year' | 'month' | 'day';

/** A string `YYYY`, `YYYY-MM` or `YYYY-MM-DD` that names a real calendar date. */
export type IsoDate = string;

const RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Days in a month of the proleptic Gregorian calendar. */
function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Why `s` is not a valid reduced-precision date, or null when it is.
 * E.g. `2025-13-40` → "month 13 is not between 01 and 12".
 */
export function isoDateProblem(s: string): string | null {
  const m = RE.exec(s);
  if (!m) return `"${s}" is not an ISO 8601 date (expected YYYY, YYYY-MM or YYYY-MM-DD)`;
  const year = Number(m[1]);
  if (m[2] !== undefined) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return `"${s}": month ${m[2]} is not between 01 and 12`;
    if (m[3] !== undefined) {
      const day = Number(m[3]);
      const max = daysIn(year, month);
      if (day < 1 || day > max) return `"${s}": day ${m[3]} is not between 01 and ${max}`;
    }
  }
  return null;
}

/** True when `s` is a valid reduced-precision ISO date. */
export function isIsoDate(s: string): boolean {
  return isoDateProblem(s) === null;
}

/** The precision of a valid date. */
export function precisionOf(d: IsoDate): DatePrecision {
  return d.length === 4 ? 'year' : d.length === 7 ? 'month' : 'day';
}

/** First day denoted by a date: `2025-11` → `2025-11-01`. */
export function startOf(d: IsoDate): string {
  if (d.length === 4) return `${d}-01-01`;
  if (d.length === 7) return `${d}-01`;
  return d;
}

/** Last day denoted by a date: `2025-11` → `2025-11-30`. */
export function endOf(d: IsoDate): string {
  if (d.length === 4) return `${d}-12-31`;
  if (d.length === 7) {
    const [y, m] = d.split('-').map(Number) as [number, number];
    return `${d}-${String(daysIn(y, m)).padStart(2, '0')}`;
  }
  return d;
}

/**
 * Order two dates by their first day, then by precision (coarser first). Returns <0, 0, >0.
 * `2025-11` sorts before `2025-11-01`, which sorts before `2025-11-02`.
 */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  const sa = startOf(a);
  const sb = startOf(b);
  if (sa !== sb) return sa < sb ? -1 : 1;
  return a.length - b.length;
}

/**
 * True when something dated `d` is known by `asOf` (inclusive): a reduced date counts once its
 * first day has come, since that is when it could first have been reported.
 */
export function isOnOrBefore(d: IsoDate, asOf: IsoDate): boolean {
  return startOf(d) <= endOf(asOf);
}

/** Today in UTC as `YYYY-MM-DD`. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Add whole days to a day-precision date. */
export function addDays(d: string, days: number): string {
  const t = Date.parse(startOf(d) + 'T00:00:00Z') + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
