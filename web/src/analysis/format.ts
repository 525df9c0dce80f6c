/** Small helpers of the Analysis page: the edited domain's type, option letters, number format, ids. */
import type { DomainInput } from '../../../src/analysis/domain.js';

/** The domain as the page edits it (a stored domain has an id). */
export type Draft = DomainInput & { id: string };
/** One party's profile of a {@link Draft}. */
export type Profile = Draft['profiles'][number];

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** The letter of option `i` (A, B, …; past Z its number). */
export const letter = (i: number) => LETTERS[i] ?? String(i + 1);
/** A utility or value with `digits` decimals; `–` when there is none. */
export const fmt = (x: number | undefined | null, digits = 1) => (x === undefined || x === null || Number.isNaN(x) ? '–' : x.toFixed(digits));
/** A deep copy of plain JSON data. */
export const clone = <T,>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
/** `s` usable in an element id. */
export const safeId = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_');
