/**
 * The workbench's client of the Accord HTTP API (/api, see /api/openapi.json). Types come from the
 * server's own modules (type-only imports, erased at build time), so the UI and the API cannot drift.
 */
import type { ContestedPoint, PositionsMatrix, StatusBriefing } from '../../src/analysis/positions.js';
import type { ErrorDetail } from '../../src/model/errors.js';
import type { ProcessData } from '../../src/model/schemas.js';
import type { PointDetail, RecordEvent } from '../../src/server/views.js';

export type { ContestedPoint, PointDetail, PositionsMatrix, ProcessData, RecordEvent, StatusBriefing };
export type {
  Event,
  Evidence,
  Party,
  Person,
  Position,
  Provision,
  Source,
  Stance,
  Version,
} from '../../src/model/schemas.js';

/** The controlled vocabularies served by /api/vocabulary. */
export interface Vocabulary {
  stances: { value: string; label: string; symbol: string }[];
  eventStatuses: string[];
  eventKinds: string[];
  attributions: string[];
  textStatuses: string[];
  documentKinds: string[];
  processRoles: string[];
}

/** An error reply of the API: stable code, message, and the offending field when known. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(0, 'network', `the workbench server did not answer (${(err as Error).message})`);
  }
  const type = res.headers.get('content-type') ?? '';
  const payload: unknown = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    const e = (payload as { error?: { code: string; message: string; field?: string; details?: ErrorDetail[] } }).error;
    throw new ApiError(res.status, e?.code ?? 'internal', e?.message ?? `request failed with status ${res.status}`, e?.field, e?.details ?? []);
  }
  return payload as T;
}

/** Query string from the defined values of `q`. */
export function qs(q: Record<string, string | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

const enc = encodeURIComponent;

/** Calls of the API the workbench makes. */
export const api = {
  health: () => request<{ ok: boolean; defaultProcess: string | null }>('GET', '/api/health'),
  vocabulary: () => request<Vocabulary>('GET', '/api/vocabulary'),
  exportProcess: (pid: string) => request<ProcessData>('GET', `/api/processes/${enc(pid)}/export`),
  status: (pid: string, q: { asOf?: string; viewAs?: string } = {}) => request<StatusBriefing>('GET', `/api/processes/${enc(pid)}/status${qs(q)}`),
  matrix: (pid: string, q: { asOf?: string; version?: string; viewAs?: string } = {}) =>
    request<PositionsMatrix>('GET', `/api/processes/${enc(pid)}/matrix${qs(q)}`),
  point: (pid: string, lineage: string, q: { asOf?: string; version?: string; viewAs?: string } = {}) =>
    request<PointDetail>('GET', `/api/processes/${enc(pid)}/points/${enc(lineage)}${qs(q)}`),
  record: (pid: string, q: { status?: string; party?: string; person?: string; from?: string; to?: string; viewAs?: string } = {}) =>
    request<RecordEvent[]>('GET', `/api/processes/${enc(pid)}/record${qs(q)}`),
  changes: (pid: string, body: Record<string, unknown[]>) =>
    request<{ written: { kind: string; id: string; outcome: string }[] }>('POST', `/api/processes/${enc(pid)}/changes`, body),
};

/** A short random id suffix for new entities (`pos-1a2b3c4d`). */
export function newId(prefix: string): string {
  const bytes = new Uint8Array(4);
  crypto.getRandomValues(bytes);
  return `${prefix}-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
