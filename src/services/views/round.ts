/**
 * What one round of the text did, for the Text view's round stepper: a version against the version
 * it revises — what changed point by point (the compare view's alignment: stored decisions, shared
 * lineage, then text, src/text/align.ts), who asked for each change (the submitted answers of the
 * parties to the earlier version, with what the new version did about each: the response view's
 * outcomes, ./onetext.ts), which brackets of the earlier version were cleared and which were added
 * (src/text/brackets.ts over the same alignment), and how many answers each party had answered.
 * Pure over loaded data the caller has cut to what the viewer may see.
 */
import { compareIsoDates } from '../../model/dates.js';
import { notFound } from '../../model/errors.js';
import type { BracketSpan, Critique, CritiqueStance, ProcessData, Provision, Version } from '../../model/schemas.js';
import { bracketChanges, type BracketFate } from '../../text/brackets.js';
import type { ChangeKind } from '../../text/align.js';
import type { DiffOp } from '../../text/diff.js';
import { walkWithKeys } from '../../text/provisions.js';
import { type CompareView, compareView, type VersionRef, versionRef } from './compare.js';
import { type Outcome, type ResponseView, responseView } from './onetext.js';

/** A provision on one side of a change. */
export interface RoundSide {
  lineage: string;
  num: string | null;
  text: string;
}

/** One answer to the earlier version on a point that changed, and what the version did about it. */
export interface RoundAsk {
  party: string;
  critique: string;
  stance: CritiqueStance;
  /** The wording the party proposed, if any. */
  amendment: string | null;
  conditions: string | null;
  outcome: Outcome;
}

/** One change of the round (a pair of the alignment other than `unchanged`). */
export interface RoundChange {
  change: ChangeKind;
  /** Also renumbered or moved under another axis. */
  moved: boolean;
  from: RoundSide[];
  to: RoundSide[];
  /** Word diff from the earlier wording to the new (amended, merged, split); null otherwise. */
  diff: DiffOp[] | null;
  /** The answers on the earlier point(s) that the viewer may see, with their outcome. */
  askedBy: RoundAsk[];
}

/** A bracket of the round: cleared from the earlier version, or added by the new one. */
export interface RoundBracket {
  /** The provision holding it (in the earlier version when cleared, in the new one when added). */
  lineage: string;
  num: string | null;
  text: string;
  proponents: string[];
  /** For a cleared bracket: `agreed` (the words stay, unbracketed), `dropped` (the words are gone), `provision-deleted`. */
  fate: Exclude<BracketFate['fate'], 'kept'> | 'added';
}

/** What a round did (see the module doc). */
export interface RoundView {
  version: VersionRef;
  /** The version revised (the new version's `basedOn`, else the previous version of its document), or null for a first version. */
  from: VersionRef | null;
  /** Changes in the reading order of the alignment. */
  changes: RoundChange[];
  /** Pairs of the alignment by kind of change (unchanged included). */
  counts: Record<ChangeKind, number> | null;
  brackets: { cleared: RoundBracket[]; kept: number; added: RoundBracket[] };
  /** Per party: answers to the earlier version the viewer may see, and how many ended each way. */
  answered: ResponseView['byParty'];
}

/** The version `v` revises: its `basedOn` when stored, else the latest earlier version of its document (stored order breaks ties). */
export function revisedBy(data: ProcessData, v: Version): Version | undefined {
  if (v.basedOn) return data.versions.find((x) => x.id === v.basedOn);
  const i = data.versions.indexOf(v);
  const earlier = data.versions.filter((x, j) => x.document === v.document && x !== v && (compareIsoDates(x.date, v.date) < 0 || (compareIsoDates(x.date, v.date) === 0 && j < i)));
  return earlier.sort((a, b) => compareIsoDates(a.date, b.date)).at(-1);
}

/** Nodes of a tree by alignment key (src/text/provisions.ts). */
const byKey = (tree: Provision[]) => new Map(walkWithKeys(tree).map((k) => [k.key, k.node]));

const side = (nodes: Map<string, Provision>, keys: string[]): RoundSide[] =>
  keys.flatMap((k) => {
    const n = nodes.get(k);
    return n ? [{ lineage: n.lineage, num: n.num, text: n.text }] : [];
  });

/** The proponents of the bracket of `node` over the words `text` (none when it is not found). */
const proponentsOf = (node: Provision | undefined, text: string): string[] => node?.brackets.find((b: BracketSpan) => b.text === text)?.proponents ?? [];

/**
 * What version `versionId` did as a round (see {@link RoundView}); `critiques` are the critiques the
 * viewer may see (only the submitted answers to the version revised count).
 * @throws AccordError `not_found` for an unknown version
 */
export function roundView(data: ProcessData, versionId: string, critiques: Critique[]): RoundView {
  const version = data.versions.find((v) => v.id === versionId);
  if (!version) throw notFound(`no version "${versionId}" in process "${data.process.id}"`, { field: 'id' });
  const base = revisedBy(data, version);
  if (!base) return { version: versionRef(data, version), from: null, changes: [], counts: null, brackets: { cleared: [], kept: 0, added: [] }, answered: [] };
  const cmp: CompareView = compareView(data, base.id, version.id);
  const response = responseView(data, version.id, critiques, { base, cmp });
  const a = byKey(base.provisions);
  const b = byKey(version.provisions);
  const changes: RoundChange[] = cmp.pairs
    .filter((p) => p.change !== 'unchanged')
    .map((p) => {
      const from = side(a, p.from);
      const lineages = new Set(from.map((f) => f.lineage));
      return {
        change: p.change,
        moved: p.change === 'moved' || p.moved === true,
        from,
        to: side(b, p.to),
        diff: p.diff ?? null,
        askedBy: response.rows.filter((r) => lineages.has(r.provision)).map((r) => ({ party: r.party, critique: r.critique, stance: r.stance, amendment: r.amendment, conditions: r.conditions, outcome: r.outcome })),
      };
    });
  const bc = bracketChanges(base.provisions, version.provisions, cmp.pairs);
  const cleared: RoundBracket[] = bc.brackets
    .filter((x): x is BracketFate & { fate: RoundBracket['fate'] } => x.fate !== 'kept')
    .map((x) => {
      const n = a.get(x.key);
      return { lineage: n?.lineage ?? x.key, num: n?.num ?? null, text: x.text, proponents: proponentsOf(n, x.text), fate: x.fate };
    });
  const added: RoundBracket[] = bc.added.map((x) => {
    const n = b.get(x.key);
    return { lineage: n?.lineage ?? x.key, num: n?.num ?? null, text: x.text, proponents: proponentsOf(n, x.text), fate: 'added' };
  });
  return { version: versionRef(data, version), from: versionRef(data, base), changes, counts: cmp.counts, brackets: { cleared, kept: bc.summary.kept, added }, answered: response.byParty };
}
