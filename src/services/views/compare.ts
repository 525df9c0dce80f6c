/**
 * The compare view's and the rounds stepper's data (issue 4), from stored versions:
 * - {@link compareView}: two versions aligned point by point (src/text/align.ts) with the overrides a
 *   person stored for that pair of versions (the `alignments` entity), each pair with its change kind,
 *   similarity and word diff, and the text of every point on both sides for a side-by-side display;
 * - {@link roundsView}: every version in date order with its bracket and alternative counts
 *   (src/text/brackets.ts) and what changed in them since the round before.
 */
import { currentVersion } from '../../analysis/positions.js';
import { compareIsoDates } from '../../model/dates.js';
import { AccordError, notFound } from '../../model/errors.js';
import type { Alignment, ProcessData, Provision, Version } from '../../model/schemas.js';
import { createHash } from 'node:crypto';
import { alignment, CHANGE_KINDS, type AlignmentPair, type AlignmentResult, type ChangeKind } from '../../text/align.js';
import { bracketChanges, textStatus, type BracketChanges, type StatusCounts, type StatusPoint, type VersionStatus } from '../../text/brackets.js';
import { walkWithKeys } from '../../text/provisions.js';

/** A version as the views name it. */
export interface VersionRef {
  id: string;
  document: string;
  /** The document's title. */
  title: string;
  label: string;
  date: string;
  proponents: string[];
}

/** A point (alignment unit) of one side, keyed as the alignment keys it (`21`, `#4`). */
export interface UnitText {
  key: string;
  /** The number as written, or null. */
  num: string | null;
  heading: string | null;
  text: string;
  lineage: string;
  status: string;
  /** Sub-points, depth first: key (`21.a`), label and text. */
  subs: { key: string; num: string | null; text: string }[];
}

/** The compare view of two versions. */
export interface CompareView {
  from: VersionRef;
  to: VersionRef;
  /** The stored alignment record of this pair of versions, if any (its id and overrides). */
  stored: Alignment | null;
  /** Id under which overrides of this pair are stored (the record's id, else `<from>--<to>`). */
  alignmentId: string;
  /** How unchanged was told from amended (see src/text/align.ts). */
  mode: 'verbatim' | 'paraphrase';
  sameNumbering: boolean;
  pairs: AlignmentPair[];
  /** Stored overrides naming provisions absent from either version (kept, not applied). */
  staleOverrides: { from: string[]; to: string[]; change: ChangeKind }[];
  /** Pairs per change kind. */
  counts: Record<ChangeKind, number>;
  /** Points of each side by key, in reading order. */
  units: { from: UnitText[]; to: UnitText[] };
}

/** One round of the text: a version with its counts and the change since the round before. */
export interface Round extends VersionRef {
  /** Position in date order, from 1. */
  round: number;
  counts: StatusCounts;
  perAxis: StatusPoint['status']['perAxis'];
  /** Brackets cleared, kept and added and alternative sets resolved since the previous round. */
  sincePrevious: StatusPoint['sincePrevious'] | null;
  /** True for the current single negotiating text (as of today). */
  current: boolean;
}

/** Versions in date order (ties: stored order). */
export function versionsByDate(data: ProcessData): Version[] {
  return data.versions
    .map((v, i) => ({ v, i }))
    .sort((a, b) => compareIsoDates(a.v.date, b.v.date) || a.i - b.i)
    .map((x) => x.v);
}

function refOf(data: ProcessData, v: Version): VersionRef {
  const title = data.documents.find((d) => d.id === v.document)?.title ?? v.document;
  return { id: v.id, document: v.document, title, label: v.label, date: v.date, proponents: v.proponents };
}

/** A version as the views name it: id, document and its title, label, date, proponents. */
export const versionRef = refOf;

/** The alignment units of a version (points; the top-level nodes when it has no points), with their texts. */
export function unitsOf(v: Version): UnitText[] {
  const keyed = walkWithKeys(v.provisions);
  const keyOf = new Map<Provision, string>(keyed.map((k) => [k.node, k.key]));
  const points = keyed.filter((k) => k.node.kind === 'point');
  const units = points.length ? points : keyed.filter((k) => k.depth === 0);
  const subsOf = (p: Provision): UnitText['subs'] => p.children.flatMap((c) => [{ key: keyOf.get(c)!, num: c.num, text: c.text }, ...subsOf(c)]);
  return units.map(({ key, node }) => ({ key, num: node.num, heading: node.heading, text: node.text, lineage: node.lineage, status: node.status, subs: subsOf(node) }));
}

function findVersion(data: ProcessData, id: string, field: string): Version {
  const v = data.versions.find((x) => x.id === id);
  if (!v) throw notFound(`no version "${id}" in process "${data.process.id}"`, { field });
  return v;
}

/**
 * The pair of versions compared by default: the current single negotiating text and the version
 * before it (its `basedOn`, else the round before it in date order); a lone version is compared
 * with itself. Throws `not_found` when the process has no version.
 */
export function defaultPair(data: ProcessData): { from: Version; to: Version } {
  const sorted = versionsByDate(data);
  const to = currentVersion(data) ?? sorted.at(-1);
  if (!to) throw notFound(`process "${data.process.id}" has no version to compare`, { field: 'to' });
  const based = to.basedOn ? data.versions.find((v) => v.id === to.basedOn) : undefined;
  const i = sorted.indexOf(to);
  return { from: based ?? (i > 0 ? sorted[i - 1]! : to), to };
}

/**
 * Align two stored versions with the stored overrides of that pair applied first (so a person's
 * decisions survive every re-alignment), then the provisions sharing a stored lineage id (their
 * stored `deleted` / `placeholder` status kept), then the rest by similarity (src/text/align.ts).
 * @throws AccordError `not_found` for an unknown version; `invalid_input` when the stored overrides
 *   claim one provision twice (from src/text/align.ts)
 */
export function compareView(data: ProcessData, fromId: string | undefined, toId: string | undefined): CompareView {
  let from: Version;
  let to: Version;
  if (fromId === undefined || toId === undefined) {
    const d = defaultPair(data);
    from = fromId !== undefined ? findVersion(data, fromId, 'from') : d.from;
    to = toId !== undefined ? findVersion(data, toId, 'to') : d.to;
  } else {
    from = findVersion(data, fromId, 'from');
    to = findVersion(data, toId, 'to');
  }
  const { stored, result: r } = storedAlignment(data, from, to);
  const counts = Object.fromEntries(CHANGE_KINDS.map((k) => [k, r.pairs.filter((p) => p.change === k).length])) as Record<ChangeKind, number>;
  return {
    from: refOf(data, from),
    to: refOf(data, to),
    stored,
    alignmentId: stored?.id ?? `${from.id}--${to.id}`.slice(0, 128),
    mode: r.mode,
    sameNumbering: r.sameNumbering,
    pairs: r.pairs,
    staleOverrides: r.staleOverrides,
    counts,
    units: { from: unitsOf(from), to: unitsOf(to) },
  };
}

/**
 * Align two stored versions as the Compare view does: the overrides stored for that pair of versions
 * (the `alignments` entity) first, then the provisions sharing a stored lineage id, then the rest by
 * similarity (src/text/align.ts); `diffs: false` leaves out the word diffs of the pairs.
 * @throws AccordError `invalid_input` when the stored overrides claim one provision twice
 */
export function storedAlignment(data: Pick<ProcessData, 'alignments'>, from: Version, to: Version, opts: { diffs?: boolean } = {}): { stored: Alignment | null; result: AlignmentResult } {
  const stored = (data.alignments ?? []).find((a) => a.from === from.id && a.to === to.id) ?? null;
  try {
    return { stored, result: alignment(from.provisions, to.provisions, { overrides: overridesOf(stored), lineage: true, diffs: opts.diffs }) };
  } catch (err) {
    if (err instanceof AccordError && err.code === 'invalid_input') {
      throw new AccordError('invalid_input', `the stored alignment decisions "${stored?.id}" conflict: ${err.message}; correct them through the alignments API`, { field: 'overrides' });
    }
    throw err;
  }
}

const overridesOf = (stored: Alignment | null) => (stored?.overrides ?? []).map((o) => ({ from: o.from, to: o.to, change: o.change }));

/**
 * What the rounds view derives from version texts, kept across process revisions: a version's text
 * status by the digest of its provisions, and the bracket changes between two versions by both
 * digests and the stored overrides of the pair. The values are pure functions of those keys, so a
 * write elsewhere in the process (or a new version) leaves them valid: adding a round aligns only
 * the new pairs. Bounded: least recently used dropped first.
 */
const DERIVED = new Map<string, VersionStatus | BracketChanges['summary']>();
const DERIVED_MAX = 2048;
const DIGESTS = new WeakMap<Version, string>();

function digestOf(v: Version): string {
  let d = DIGESTS.get(v);
  if (!d) DIGESTS.set(v, (d = createHash('sha256').update(JSON.stringify(v.provisions)).digest('base64url')));
  return d;
}

function derived<T extends VersionStatus | BracketChanges['summary']>(key: string, compute: () => T): T {
  const known = DERIVED.get(key) as T | undefined;
  if (known) {
    DERIVED.delete(key);
    DERIVED.set(key, known);
    return known;
  }
  const value = compute();
  DERIVED.set(key, value);
  if (DERIVED.size > DERIVED_MAX) DERIVED.delete(DERIVED.keys().next().value!);
  return value;
}

/** The bracket and alternative counts of a version's text (src/text/brackets.ts). */
function statusOf(v: Version): VersionStatus {
  return derived(`s:${digestOf(v)}`, () => textStatus(v.provisions));
}

/** Brackets cleared, kept and added and alternatives resolved from `from` to `to`, over their {@link storedAlignment}. */
function changesOf(data: ProcessData, from: Version, to: Version): BracketChanges['summary'] {
  const stored = (data.alignments ?? []).find((a) => a.from === from.id && a.to === to.id) ?? null;
  return derived(`c:${digestOf(from)}:${digestOf(to)}:${JSON.stringify(overridesOf(stored))}`, () =>
    bracketChanges(from.provisions, to.provisions, storedAlignment(data, from, to, { diffs: false }).result.pairs).summary,
  );
}

const ROUNDS = new WeakMap<ProcessData, Round[]>();

/**
 * Every version in date order with its text status and the changes since the round before, each
 * pair of rounds aligned as the Compare view aligns it ({@link storedAlignment}).
 * Memoised per loaded process object (the server's read cache hands out the same object until a
 * write), and per version text and pair of texts across writes (see `DERIVED` above).
 * @throws AccordError `invalid_input` when the stored overrides of a pair of rounds conflict
 */
export function roundsView(data: ProcessData): Round[] {
  const known = ROUNDS.get(data);
  if (known) return known;
  const rounds = computeRounds(data);
  ROUNDS.set(data, rounds);
  return rounds;
}

/**
 * {@link roundsView} with each version's text status and each pair of rounds computed in a turn of
 * the event loop of its own (one pair of a large text takes about a second to align): a server
 * answering it goes on answering other requests meanwhile. The same value, kept in the same caches;
 * the first of several callers at once computes, the others find its results.
 */
export async function roundsViewInTurns(data: ProcessData): Promise<Round[]> {
  const known = ROUNDS.get(data);
  if (known) return known;
  const sorted = versionsByDate(data);
  for (let i = 0; i < sorted.length; i++) {
    statusOf(sorted[i]!);
    if (i > 0) changesOf(data, sorted[i - 1]!, sorted[i]!);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return roundsView(data);
}

function computeRounds(data: ProcessData): Round[] {
  const sorted = versionsByDate(data);
  const cur = currentVersion(data);
  return sorted.map((v, i) => {
    const status = statusOf(v);
    return {
      ...refOf(data, v),
      round: i + 1,
      counts: status.total,
      perAxis: status.perAxis,
      sincePrevious: i > 0 ? changesOf(data, sorted[i - 1]!, v) : null,
      current: v.id === cur?.id,
    };
  });
}
