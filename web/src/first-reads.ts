/**
 * The reads each view makes on its first render, known before React has arrived: the entry script
 * (./main.tsx) starts them as soon as health names the process (./api/early.ts), so the view's data
 * travels while the scripts download and compile, instead of after the first render. Free of React.
 *
 * Each entry must ask for exactly the path and parameters the view's own `useApi` call asks for
 * on a fresh page (no "view as" layer chosen yet): the query cache matches them by
 * `requestKey` (an `undefined` member counts as absent, so `query: { viewAs: undefined }` is
 * `query: {}`, which is not the same as no `query` at all). A read listed wrongly costs nothing but
 * a wasted request; web/e2e-workbench.test.ts checks on a cold load of every view that each read is
 * made once and starts before the outline has answered.
 */
import type { Params, PathsWith } from './api/client.js';
import { RECORD_PAGE } from './record-page.js';

/** One read: a GET path and its parameters, as a view's `useApi(path, params)` names them. */
export interface FirstRead {
  path: PathsWith<'get'>;
  params: unknown;
}

const read = <P extends PathsWith<'get'>>(path: P, params: Params<'get', P>): FirstRead => ({ path, params });

/** A parameter of the route, `undefined` when absent or empty (as the views pass them on). */
const opt = (q: URLSearchParams, name: string) => q.get(name) || undefined;

/** The first reads of each view, from the process id and the route's query (see the module comment). */
const FIRST_READS: Record<string, (pid: string, q: URLSearchParams) => FirstRead[]> = {
  overview: (pid) => [
    read('/api/processes/{pid}/status', { path: { pid }, query: {} }),
    read('/api/processes/{pid}/matrix', { path: { pid }, query: {} }),
    read('/api/processes/{pid}/timeline', { path: { pid } }),
  ],
  text: (pid, q) => [read('/api/processes/{pid}/text', { path: { pid }, query: { version: q.get('version') ?? undefined, asOf: q.get('asOf') ?? undefined } })],
  compare: (pid, q) => [read('/api/processes/{pid}/compare', { path: { pid }, query: { from: q.get('from') ?? undefined, to: q.get('to') ?? undefined } })],
  onetext: (pid, q) =>
    // The rounds grid only: the draft, critique and revision editors read other things.
    q.get('draft') || q.get('critique') || q.get('revise') ? [] : [read('/api/processes/{pid}/rounds/grid', { path: { pid }, query: q.get('document') ? { document: q.get('document')! } : {} })],
  positions: (pid, q) => [
    read('/api/processes/{pid}/matrix', { path: { pid }, query: { asOf: opt(q, 'asOf'), version: opt(q, 'version') } }),
    read('/api/processes/{pid}/steps', { path: { pid }, query: {} }),
  ],
  analysis: (pid, q) => [read('/api/processes/{pid}/analysis', { path: { pid }, query: { domain: q.get('domain') ?? undefined } })],
  // The first page, as ../Record.tsx asks for it through useApiPages (limit added to its query).
  record: (pid, q) => [
    read('/api/processes/{pid}/record', {
      path: { pid },
      query: {
        party: opt(q, 'party'),
        person: opt(q, 'person'),
        status: (q.get('status') ?? '').split(',').filter(Boolean).join(',') || undefined,
        sort: q.get('order') === 'oldest' ? undefined : '-date',
        limit: String(RECORD_PAGE),
      },
    }),
  ],
  reports: (pid) => [read('/api/processes/{pid}/reports', { path: { pid } })],
  edit: (pid) => [read('/api/processes/{pid}/points', { path: { pid } }), read('/api/processes/{pid}/sources', { path: { pid } })],
};

/** The reads the view `view` makes first with the route query `q`, for the process `pid` (none for a view not listed). */
export function firstReadsOf(view: string, q: URLSearchParams, pid: string): FirstRead[] {
  return FIRST_READS[view]?.(pid, q) ?? [];
}
