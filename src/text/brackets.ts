/**
 * Text status over time: how much of a negotiating text is still bracketed or in alternatives,
 * per version and per axis, and which brackets a revision cleared — the progress measure that
 * trackers of multilateral drafts (e.g. COP negotiating texts) report as "brackets remaining".
 *
 * A bracket is a `[...]` span of a provision (`brackets`, found by the parser); an alternative
 * set is a provision's `Option A / Option B` list (`alternatives`). Counts are over every node
 * (axis, point, sub-point). Nodes outside any axis are counted under the axis key `null`.
 */
import type { Provision } from '../model/schemas.js';
import { alignVersions, type AlignmentPair, type AlignOptions } from './align.js';
import { walkWithKeys } from './provisions.js';
import type { ParsedProvision } from './types.js';

type Node = ParsedProvision | Provision;

/** Bracket and alternative counts of a set of provisions. */
export interface StatusCounts {
  /** Provisions counted (axes excluded). */
  provisions: number;
  /** `[...]` spans. */
  brackets: number;
  /** Provisions with at least one bracket. */
  bracketedProvisions: number;
  /** Labelled options (Option A, Option B…), summed over provisions. */
  alternatives: number;
  /** Provisions offering alternatives. */
  provisionsWithAlternatives: number;
  /** Provisions with neither brackets nor alternatives. */
  cleanProvisions: number;
}

/** Counts of one axis. */
export interface AxisStatus {
  /** Axis key (`axis I`, `axis <heading>`), or null for provisions outside any axis. */
  axis: string | null;
  heading: string | null;
  counts: StatusCounts;
}

/** Counts of one version, in total and per axis (axes in reading order). */
export interface VersionStatus {
  total: StatusCounts;
  perAxis: AxisStatus[];
}

const empty = (): StatusCounts => ({ provisions: 0, brackets: 0, bracketedProvisions: 0, alternatives: 0, provisionsWithAlternatives: 0, cleanProvisions: 0 });

function add(c: StatusCounts, n: Node): void {
  c.provisions++;
  c.brackets += n.brackets.length;
  if (n.brackets.length) c.bracketedProvisions++;
  c.alternatives += n.alternatives.length;
  if (n.alternatives.length) c.provisionsWithAlternatives++;
  if (!n.brackets.length && !n.alternatives.length) c.cleanProvisions++;
}

/** Bracket and alternative counts of a version, in total and per axis. */
export function textStatus(provisions: Node[]): VersionStatus {
  const total = empty();
  const perAxis: AxisStatus[] = [];
  let outside: AxisStatus | null = null;
  const keyed = walkWithKeys(provisions as (Node & { children: Node[] })[]);
  const keyOf = new Map<Node, string>(keyed.map((k) => [k.node, k.key]));
  const visit = (nodes: Node[], axis: AxisStatus | null) => {
    for (const n of nodes) {
      if (n.kind === 'axis') {
        const a: AxisStatus = { axis: keyOf.get(n)!, heading: n.heading, counts: empty() };
        perAxis.push(a);
        visit(n.children, a);
        continue;
      }
      let target = axis;
      if (!target) {
        if (!outside) perAxis.push((outside = { axis: null, heading: null, counts: empty() }));
        target = outside;
      }
      add(total, n);
      add(target.counts, n);
      visit(n.children, target);
    }
  };
  visit(provisions, null);
  return { total, perAxis };
}

/** What became of one bracket of version A in version B. */
export interface BracketFate {
  /** Key of A's provision holding the bracket (`3`, `21.a`). */
  key: string;
  /** The bracketed text, without the brackets. */
  text: string;
  /**
   * `kept`: B still brackets the same words; `agreed`: the words stand in B without brackets;
   * `dropped`: the words are gone from B (the provision survives); `provision-deleted`: the
   * provision itself was deleted.
   */
  fate: 'kept' | 'agreed' | 'dropped' | 'provision-deleted';
  /** B provision(s) the bracket's provision was aligned with. */
  to: string[];
}

/** What became of one alternative set of version A in version B. */
export interface AlternativeFate {
  key: string;
  labels: string[];
  /** `open`: B still offers alternatives; `resolved`: B settled on one wording; `provision-deleted`. */
  fate: 'open' | 'resolved' | 'provision-deleted';
  /** For `resolved`: the label whose text B adopted, when one option's text appears in B. */
  chosen?: string;
  to: string[];
}

/** Brackets cleared and added between two versions. */
export interface BracketChanges {
  /** Every bracket of A with its fate; cleared = fate other than `kept`. */
  brackets: BracketFate[];
  /** Brackets of B with no bracket of the same words in A's aligned provision: newly disputed language. */
  added: { key: string; text: string }[];
  alternatives: AlternativeFate[];
  /** Counts: brackets of A cleared in B, kept, added in B; alternative sets resolved. */
  summary: { cleared: number; kept: number; added: number; alternativesResolved: number };
}

const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * Which brackets of A were cleared in B. Provisions are matched through the alignment of the two
 * versions (`pairs`, computed with {@link alignVersions} when not given): a bracket in a point or
 * in one of its sub-points follows its point. Word matching ignores case and punctuation.
 */
export function bracketChanges(a: Node[], b: Node[], pairs?: AlignmentPair[], opts: AlignOptions = {}): BracketChanges {
  const ps = pairs ?? alignVersions(a, b, { ...opts, diffs: false });
  const ka = walkWithKeys(a as (Node & { children: Node[] })[]);
  const kb = walkWithKeys(b as (Node & { children: Node[] })[]);
  const nodeB = new Map(kb.map((k) => [k.key, k.node]));
  // Each A key → the B keys of its point's pair; sub-point keys resolve through their point.
  const pairOf = new Map<string, AlignmentPair>();
  for (const p of ps) for (const k of p.from) pairOf.set(k, p);
  const pointKey = (key: string) => (pairOf.has(key) ? key : key.split('.')[0]!);
  // Gather B text and brackets of a pair's B side (nodes and their descendants).
  const bSide = (keys: string[]) => {
    const nodes: Node[] = [];
    const walk = (n: Node) => (nodes.push(n), n.children.forEach(walk));
    for (const k of keys) {
      const n = nodeB.get(k);
      if (n) walk(n);
    }
    return {
      text: norm(nodes.map((n) => n.text).join(' ')),
      brackets: new Set(nodes.flatMap((n) => n.brackets.map((x) => norm(x.text)))),
      alternatives: nodes.flatMap((n) => n.alternatives),
    };
  };
  const brackets: BracketFate[] = [];
  const alternatives: AlternativeFate[] = [];
  const seenB = new Map<string, Set<string>>(); // B key → bracket texts accounted for by A
  for (const { key, node } of ka) {
    if (!node.brackets.length && !node.alternatives.length) continue;
    const p = pairOf.get(pointKey(key));
    const to = p?.to ?? [];
    const deleted = !p || p.change === 'deleted' || !to.length;
    const side = bSide(to);
    for (const br of node.brackets) {
      const t = norm(br.text);
      let fate: BracketFate['fate'];
      if (deleted) fate = 'provision-deleted';
      else if (side.brackets.has(t)) fate = 'kept';
      else if (t && side.text.includes(t)) fate = 'agreed';
      else fate = 'dropped';
      brackets.push({ key, text: br.text, fate, to });
      if (fate === 'kept') for (const k of to) (seenB.get(k) ?? seenB.set(k, new Set()).get(k)!).add(t);
    }
    if (node.alternatives.length) {
      const labels = node.alternatives.map((x) => x.label);
      if (deleted) alternatives.push({ key, labels, fate: 'provision-deleted', to });
      else if (side.alternatives.length) alternatives.push({ key, labels, fate: 'open', to });
      else {
        const chosen = node.alternatives.find((x) => norm(x.text) && side.text.includes(norm(x.text)));
        alternatives.push({ key, labels, fate: 'resolved', to, ...(chosen ? { chosen: chosen.label } : {}) });
      }
    }
  }
  // New brackets in B.
  const bToA = new Map<string, string[]>();
  for (const p of ps) for (const k of p.to) bToA.set(k, p.from);
  const bPoint = (key: string) => (bToA.has(key) ? key : key.split('.')[0]!);
  const added: { key: string; text: string }[] = [];
  for (const { key, node } of kb)
    for (const br of node.brackets) {
      const t = norm(br.text);
      const known = seenB.get(bPoint(key))?.has(t) || seenB.get(key)?.has(t);
      if (!known) added.push({ key, text: br.text });
    }
  const cleared = brackets.filter((x) => x.fate !== 'kept').length;
  return {
    brackets,
    added,
    alternatives,
    summary: {
      cleared,
      kept: brackets.length - cleared,
      added: added.length,
      alternativesResolved: alternatives.filter((x) => x.fate !== 'open').length,
    },
  };
}

/** One version in a {@link statusOverTime} series. */
export interface VersionInput {
  id: string;
  /** ISO 8601 date (reduced precision allowed); informational. */
  date?: string;
  provisions: Node[];
}

/** One row of a text-status series. */
export interface StatusPoint {
  id: string;
  date?: string;
  status: VersionStatus;
  /** Against the previous version in the series (absent for the first). */
  sincePrevious?: BracketChanges['summary'];
}

/**
 * Text status of a sequence of versions (in the order given, e.g. round by round), each with the
 * brackets cleared and added since the version before it.
 */
export function statusOverTime(versions: VersionInput[], opts: AlignOptions = {}): StatusPoint[] {
  return versions.map((v, i) => {
    const out: StatusPoint = { id: v.id, status: textStatus(v.provisions) };
    if (v.date !== undefined) out.date = v.date;
    if (i > 0) out.sincePrevious = bracketChanges(versions[i - 1]!.provisions, v.provisions, undefined, opts).summary;
    return out;
  });
}
