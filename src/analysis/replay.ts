/**
 * Replay of a process round by round: the versions in date order, the events at which each was
 * tabled, the positions taken against each, and the text status (brackets and alternatives) with
 * what each version cleared. Pure functions over {@link ProcessData}; callers filter confidential
 * items through the access policy first (positions are also filtered here by `viewerParty`).
 */
import { compareIsoDates, isOnOrBefore } from '../model/dates.js';
import { type Alignment, type Event, type Position, type ProcessData, STANCE_SUPPORT, type Stance, type Version, walkProvisions } from '../model/schemas.js';
import { alignVersions } from '../text/align.js';
import { bracketChanges, textStatus, type BracketChanges, type VersionStatus } from '../text/brackets.js';
import { currentVersion, visibleTo } from './positions.js';

/** Versions sorted by date (reduced precision: coarser first), ties in stored order. */
export function versionsInDateOrder(versions: Version[]): Version[] {
  return versions
    .map((v, i) => ({ v, i }))
    .sort((a, b) => compareIsoDates(a.v.date, b.v.date) || a.i - b.i)
    .map((x) => x.v);
}

/** How {@link versionOfPosition} decided. */
export type AboutRule = 'version' | 'document' | 'lineage' | 'current';

/** The version a position was about, and by which rule. */
export interface PositionAbout {
  version: Version;
  rule: AboutRule;
}

/**
 * The latest of `vs` dated on or before `asOf`; among several with that same date, the one stored
 * first (a stance taken on that day predates a version imported later with the same date).
 */
const latestBy = (vs: Version[], asOf: string) => {
  const last = versionsInDateOrder(vs.filter((v) => isOnOrBefore(v.date, asOf))).at(-1);
  return last && vs.find((v) => compareIsoDates(v.date, last.date) === 0 && isOnOrBefore(v.date, asOf));
};
const earliest = (vs: Version[]) => versionsInDateOrder(vs)[0];

/** The lineages of every provision of a version, computed once per version object (versions are never mutated). */
const LINEAGES = new WeakMap<Version, Set<string>>();
function lineagesOf(v: Version): Set<string> {
  let set = LINEAGES.get(v);
  if (!set) {
    set = new Set();
    for (const n of walkProvisions(v.provisions)) set.add(n.lineage);
    LINEAGES.set(v, set);
  }
  return set;
}

/**
 * Which version a position was about:
 *  1. `document` names a version → that version (`version`);
 *  2. `document` names a document → its latest version dated on or before the position's `asOf`
 *     (with several on that date, the one stored first: the stance predates a later import of the
 *     same day), or its first version when the stance predates every version (a reaction to a leak) (`document`);
 *  3. otherwise, by the provision's lineage: the current text as of `asOf` when it holds the lineage,
 *     else the latest version on or before `asOf` holding it, else the first one holding it (`lineage`);
 *  4. a stance on nothing in particular → the current text as of `asOf` (`current`).
 * Dates compare as intervals (src/model/dates.ts). Returns undefined when no version fits (e.g. the
 * document has no version yet).
 */
export function versionOfPosition(data: Pick<ProcessData, 'process' | 'documents' | 'versions'>, p: Position): PositionAbout | undefined {
  if (p.document !== undefined) {
    const v = data.versions.find((x) => x.id === p.document);
    if (v) return { version: v, rule: 'version' };
    const own = data.versions.filter((x) => x.document === p.document);
    const d = latestBy(own, p.asOf) ?? earliest(own);
    if (d) return { version: d, rule: 'document' };
    if (data.documents.some((x) => x.id === p.document)) return undefined;
  }
  const cur = currentVersion(data as ProcessData, p.asOf); // reads only process, documents and versions
  if (p.provision === undefined) return cur ? { version: cur, rule: 'current' } : undefined;
  const holds = (v: Version) => lineagesOf(v).has(p.provision!);
  if (cur && holds(cur)) return { version: cur, rule: 'lineage' };
  const withIt = data.versions.filter(holds);
  const v = latestBy(withIt, p.asOf) ?? earliest(withIt);
  return v ? { version: v, rule: 'lineage' } : undefined;
}

/** Positions counted against one version. */
export interface RoundPositions {
  total: number;
  byStance: Partial<Record<Stance, number>>;
  byParty: Record<string, number>;
  /** Positions with a negative support score (rejects, proposes an alternative). */
  opposed: number;
}

/** One round of a replay: a version with where it was tabled and what was said about it. */
export interface Round {
  /** 1-based, in date order. */
  round: number;
  version: { id: string; label: string; date: string; document: string; title: string; kind: string; proponents: string[]; basedOn: string | null };
  /** Whether this version was the current text (see {@link currentVersion}) on its own date. */
  current: boolean;
  /** Events whose `tabled` list names the version, in date order. */
  tabledAt: { id: string; title: string; start: string; end?: string; status: Event['status']; city?: string }[];
  positions: RoundPositions;
  /** Points in the version. */
  points: number;
}

/**
 * The rounds of a process: every version in date order with the events it was tabled at and the
 * counts of (visible) positions taken against it ({@link versionOfPosition}).
 */
export function replayRounds(data: ProcessData, opts: { viewerParty?: string } = {}): Round[] {
  const counts = new Map<string, RoundPositions>();
  for (const p of data.positions) {
    if (!visibleTo(p.visibility, opts.viewerParty)) continue;
    const about = versionOfPosition(data, p);
    if (!about) continue;
    const c = counts.get(about.version.id) ?? { total: 0, byStance: {}, byParty: {}, opposed: 0 };
    c.total++;
    c.byStance[p.stance] = (c.byStance[p.stance] ?? 0) + 1;
    c.byParty[p.party] = (c.byParty[p.party] ?? 0) + 1;
    if ((STANCE_SUPPORT[p.stance] ?? 0) < 0) c.opposed++;
    counts.set(about.version.id, c);
  }
  const docs = new Map(data.documents.map((d) => [d.id, d]));
  const events = [...data.events].sort((a, b) => compareIsoDates(a.start, b.start));
  return versionsInDateOrder(data.versions).map((v, i) => ({
    round: i + 1,
    version: {
      id: v.id,
      label: v.label,
      date: v.date,
      document: v.document,
      title: docs.get(v.document)?.title ?? v.document,
      kind: docs.get(v.document)?.kind ?? 'plan',
      proponents: v.proponents,
      basedOn: v.basedOn ?? null,
    },
    current: currentVersion(data, v.date)?.id === v.id,
    tabledAt: events
      .filter((e) => e.tabled.includes(v.id))
      .map((e) => ({ id: e.id, title: e.title, start: e.start, ...(e.end ? { end: e.end } : {}), status: e.status, ...(e.place?.city ? { city: e.place.city } : {}) })),
    positions: counts.get(v.id) ?? { total: 0, byStance: {}, byParty: {}, opposed: 0 },
    points: [...walkProvisions(v.provisions)].filter((n) => n.kind === 'point').length,
  }));
}

/** One version in a {@link bracketsOverTime} report. */
export interface BracketRound {
  version: { id: string; label: string; date: string; document: string };
  status: VersionStatus;
  /** Against the previous version in date order (absent for the first). */
  sincePrevious?: { from: string } & BracketChanges;
}

/**
 * Text status over time: bracket and alternative counts per version and per axis, in date order
 * (optionally only the versions of some documents), with the brackets and alternatives each version
 * cleared, kept or added against the one before it. The two versions are aligned with the stored
 * alignment decisions between them applied (./text/align.ts).
 */
export function bracketsOverTime(data: ProcessData, opts: { documents?: string[] } = {}): BracketRound[] {
  const decisions = new Map<string, Alignment>((data.alignments ?? []).map((a) => [`${a.from}\u0000${a.to}`, a]));
  const vs = versionsInDateOrder(data.versions).filter((v) => !opts.documents || opts.documents.includes(v.document));
  return vs.map((v, i) => {
    const out: BracketRound = { version: { id: v.id, label: v.label, date: v.date, document: v.document }, status: textStatus(v.provisions) };
    const prev = vs[i - 1];
    if (prev) {
      const overrides = decisions.get(`${prev.id}\u0000${v.id}`)?.overrides ?? [];
      const pairs = alignVersions(prev.provisions, v.provisions, { overrides, diffs: false });
      out.sincePrevious = { from: prev.id, ...bracketChanges(prev.provisions, v.provisions, pairs) };
    }
    return out;
  });
}
