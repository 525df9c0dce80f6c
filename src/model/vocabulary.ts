/**
 * Plain constants of the vocabulary (src/model/schemas.ts has the zod schemas and the types). They
 * sit apart so that modules needing only them — the status briefing, the store — load without the
 * validation library, which keeps quick CLI commands quick. schemas.ts re-exports them.
 */
import type { EntityKind, Stance } from './schemas.js';

/** Support score of each stance in [-1, 1] for agreement measures; null where unknown. */
export const STANCE_SUPPORT: Record<Stance, number | null> = {
  accepts: 1,
  'accepts-with-conditions': 0.5,
  'proposes-alternative': -0.5,
  rejects: -1,
  undecided: null,
  'no-public-position': null,
};

/** Every entity kind of a process, in the order stores and bundles list them. */
export const ENTITY_KINDS: EntityKind[] = [
  'parties',
  'persons',
  'documents',
  'versions',
  'sources',
  'evidence',
  'positions',
  'events',
  'domains',
  'alignments',
  'reports',
  'drafts',
  'critiques',
];

/** What a version did about one answer to the version before it (src/services/views/onetext.ts `responseView`). */
export type Outcome = 'adopted' | 'bracketed' | 'amended' | 'unchanged' | 'moved' | 'split' | 'merged' | 'deleted';

/** Words for each {@link Outcome}. */
export const OUTCOME_LABEL: Record<Outcome, string> = {
  adopted: 'wording adopted',
  bracketed: 'bracketed with this reading',
  amended: 'reworded otherwise',
  unchanged: 'left unchanged',
  moved: 'moved, wording unchanged',
  split: 'split',
  merged: 'merged into another point',
  deleted: 'deleted',
};
