/** Small pieces the forms of the Edit page share: optional text, today's date, the date hint, a source's label. */
import type { Source } from '../api.js';

/** Undefined for an empty string (optional fields are omitted, not sent empty). */
export const opt = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim());

/** Today as an ISO day. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The hint under every date field. */
export const DATE_HINT = 'YYYY-MM-DD, or YYYY-MM / YYYY when only that is known';

/** A source as a picker names it: outlet (or URL), date, title. */
export const sourceLabel = (s: Pick<Source, 'outlet' | 'url' | 'publishedAt' | 'title'>) => `${s.outlet ?? s.url} ${s.publishedAt ? `(${s.publishedAt})` : ''} ${s.title ?? ''}`;
