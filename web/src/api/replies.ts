/**
 * Reply bodies of the API that the OpenAPI document describes in words only (the workbench views
 * and service replies), typed from the server modules that build them — type-only imports of
 * src/services, src/analysis and src/model, erased at build. Keys are `METHOD path` as in the
 * generated ./openapi.d.ts; a key that is not a path of the document fails the type check below.
 * Routes with a component schema (entities) take their generated type and are not listed.
 */
import type { StatusBriefing } from '../../../src/analysis/positions.js';
import type { Critique, Draft, Event, Person, Position } from '../../../src/model/schemas.js';
import type { SubmittedCritique } from '../../../src/services/critiques.js';
import type { CreatedDraft, DraftSummary, SavedDraft, TabledDraft } from '../../../src/services/drafts.js';
import type { ReportSummary, ReportView, ReviewResult } from '../../../src/services/reports.js';
import type { AboutMatrix, RecordedStance } from '../../../src/services/stances.js';
import type { AddVersionResult } from '../../../src/services/versions.js';
import type { LastActivity } from '../../../src/services/views/activity.js';
import type { AnalysisView } from '../../../src/services/views/analysis.js';
import type { CompareView, Round } from '../../../src/services/views/compare.js';
import type { Outline } from '../../../src/services/views/outline.js';
import type { PointGroup } from '../../../src/services/views/points.js';
import type { PointDetail, RecordEvent } from '../../../src/services/views/record.js';
import type { ReviseView, ResponseView, RoundsGrid } from '../../../src/services/views/onetext.js';
import type { RoundView } from '../../../src/services/views/round.js';
import type { TextPage } from '../../../src/services/views/text.js';
import type { ContestedPoint } from '../../../src/analysis/positions.js';
import type { paths } from './openapi.js';

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

/** What `POST /changes` wrote. */
export interface Written {
  written: { kind: string; id: string; outcome: 'created' | 'updated' }[];
}

/** Reply bodies by `METHOD path`. */
export interface Replies {
  'GET /api/health': { ok: boolean; dialect: string; defaultProcess: string | null; accounts: boolean };
  'GET /api/vocabulary': Vocabulary;
  'GET /api/processes/{pid}/outline': Outline;
  'GET /api/processes/{pid}/text': TextPage;
  'GET /api/processes/{pid}/points': PointGroup[];
  'GET /api/processes/{pid}/steps': { steps: string[] };
  'GET /api/processes/{pid}/activity': { asOf: string; last: LastActivity | null };
  'GET /api/processes/{pid}/matrix': AboutMatrix;
  'GET /api/processes/{pid}/contested': { asOf: string; version: string; contested: ContestedPoint[] };
  'GET /api/processes/{pid}/points/{lineage}': PointDetail;
  'GET /api/processes/{pid}/record': RecordEvent[];
  'GET /api/processes/{pid}/timeline': Event[];
  'GET /api/processes/{pid}/status': StatusBriefing;
  'GET /api/processes/{pid}/rounds': Round[];
  'GET /api/processes/{pid}/compare': CompareView;
  'POST /api/processes/{pid}/compare': CompareView;
  'GET /api/processes/{pid}/analysis': AnalysisView;
  'POST /api/processes/{pid}/analysis': AnalysisView;
  'PUT /api/processes/{pid}/analysis/{id}': AnalysisView;
  'GET /api/processes/{pid}/positions/{id}': Position;
  'GET /api/processes/{pid}/events/{id}': Event;
  'GET /api/processes/{pid}/persons/{id}': Person;
  'POST /api/processes/{pid}/changes': Written;
  'POST /api/processes/{pid}/stances': RecordedStance;
  'POST /api/processes/{pid}/texts': AddVersionResult;
  'GET /api/processes/{pid}/reports': ReportSummary[];
  'POST /api/processes/{pid}/reports': ReportView;
  'GET /api/processes/{pid}/reports/{id}': ReportView;
  'PUT /api/processes/{pid}/reports/{id}': ReviewResult & Partial<ReportView>;
  // The one-text procedure (src/server/routes/onetext.ts).
  'GET /api/processes/{pid}/drafts': DraftSummary[];
  'POST /api/processes/{pid}/drafts': CreatedDraft;
  'GET /api/processes/{pid}/drafts/{id}': Draft;
  'POST /api/processes/{pid}/drafts/{id}/edits': SavedDraft;
  'POST /api/processes/{pid}/drafts/{id}/fold': SavedDraft;
  'GET /api/processes/{pid}/drafts/{id}/revise': ReviseView;
  'POST /api/processes/{pid}/drafts/{id}/table': TabledDraft;
  'GET /api/processes/{pid}/critiques': Critique[];
  'POST /api/processes/{pid}/critiques': Critique;
  'GET /api/processes/{pid}/critiques/{id}': Critique;
  'PUT /api/processes/{pid}/critiques/{id}': Critique;
  'POST /api/processes/{pid}/critiques/{id}/submit': SubmittedCritique;
  'POST /api/processes/{pid}/critiques/{id}/publish': Critique;
  'GET /api/processes/{pid}/versions/{id}/response': ResponseView;
  'GET /api/processes/{pid}/versions/{id}/round': RoundView;
  'GET /api/processes/{pid}/rounds/grid': RoundsGrid;
}

/** Every key above names a method and path of the generated document (a stale key fails here). */
type Known = { [P in keyof paths]: { [M in 'get' | 'post' | 'put' | 'delete']: paths[P][M] extends { responses: unknown } ? `${Uppercase<M>} ${P & string}` : never }['get' | 'post' | 'put' | 'delete'] }[keyof paths];
type Stale = Exclude<keyof Replies, Known>;
/** Compile-time check: `never` unless a key of {@link Replies} is not in the document. */
export const NO_STALE_REPLIES: [Stale] extends [never] ? true : Stale = true;
