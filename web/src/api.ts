/**
 * The workbench's client of the Accord HTTP API (/api, see /api/openapi.json). Types come from the
 * server's own modules (type-only imports, erased at build time), so the UI and the API cannot drift.
 */
import type { ContestedPoint, PositionsMatrix, StatusBriefing } from '../../src/analysis/positions.js';
import type { ErrorDetail } from '../../src/model/errors.js';
import type { ProcessData } from '../../src/model/schemas.js';
import type { PointDetail, RecordEvent } from '../../src/services/views/record.js';
import type { AnalysisResult, AnalysisSolution, AnalysisView } from '../../src/services/views/analysis.js';
import type { CompareView, Round, UnitText } from '../../src/services/views/compare.js';
import type { AlignmentPair } from '../../src/text/align.js';
import type { DiffOp } from '../../src/text/diff.js';

export type { ContestedPoint, PointDetail, PositionsMatrix, ProcessData, RecordEvent, StatusBriefing };
export type { AlignmentPair, AnalysisResult, AnalysisSolution, AnalysisView, CompareView, DiffOp, Round, UnitText };
export type {
  Alignment,
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

export { ApiError, csrfToken, newId, setUnauthenticatedHandler } from './api/client.js';
import { ApiError, csrfToken, signalUnauthenticated } from './api/client.js';
import type { Vocabulary } from './api/replies.js';

/** The controlled vocabularies served by /api/vocabulary (one definition, in ./api/replies.ts). */
export type { Vocabulary };

/** Header that must echo the CSRF token on state-changing requests. */
const CSRF_HEADER = 'x-csrf-token';

async function request<T>(method: string, url: string, body?: unknown, opts: { quiet401?: boolean } = {}): Promise<T> {
  let res: Response;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') {
    const token = csrfToken();
    if (token) headers[CSRF_HEADER] = token;
  }
  try {
    res = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(0, 'network', `the workbench server did not answer (${(err as Error).message})`);
  }
  const type = res.headers.get('content-type') ?? '';
  const payload: unknown = type.includes('json') ? await res.json() : await res.text();
  if (res.status === 401 && !opts.quiet401) signalUnauthenticated();
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

/** The signed-in session of a team server (`GET /api/session`). */
export interface SessionInfo {
  user: string;
  memberships: { processId: string; role: string; party?: string }[];
  csrf: string;
  expiresAt: string;
}

/** The caller's access in one process (`GET /api/processes/:pid/me`). */
export interface Me {
  user: string;
  role: string;
  party: string | null;
  /** Parties whose confidential layer the caller sees. */
  sees: string[];
}

/** Calls of the API the workbench makes outside the typed client (./api/client.ts): the session, the caller's access, the briefing's URL. */
export const api = {
  /** The session: signed in (team server), `unauthenticated` (401, team server), or `not_found` (404: a local workbench without accounts). */
  session: () => request<SessionInfo>('GET', '/api/session', undefined, { quiet401: true }),
  signIn: (username: string, password: string) => request<SessionInfo>('POST', '/api/session', { username, password }, { quiet401: true }),
  signOut: () => request<{ signedOut: boolean }>('DELETE', '/api/session'),
  me: (pid: string) => request<Me>('GET', `/api/processes/${enc(pid)}/me`),
  /** URL of the briefing page (HTML) or its PDF, for a link that opens in a new tab. */
  briefingUrl: (pid: string, q: { asOf?: string; viewAs?: string; format?: 'pdf' } = {}) => `/api/processes/${enc(pid)}/briefing${qs(q)}`,
};
