/**
 * Lineage for a newly imported version: which provisions of the version it is based on each of its
 * provisions continues, so that positions, events and analysis keyed by lineage id follow a point
 * across renumbering, merges and splits (PRODUCT.md, "Provision").
 *
 * Rules, on top of the pair rules of ./align.ts (module doc, "Lineage"):
 *  - **Points** take the lineage {@link alignment} gives them (`toLineage`): unchanged, amended and
 *    moved points inherit; a merge inherits its most similar source; a split's closest piece inherits
 *    and the other pieces get `<lineage>.s<n>`. Person-confirmed overrides are applied first.
 *  - **Sub-points** of a point that inherited (1:1, as the principal of a merge or as the closest
 *    piece of a split) are aligned with the source point's sub-points by the same method; those
 *    found unchanged, amended or moved inherit (recursively for deeper levels).
 *  - **Axes** inherit from the base's axis with the same key (`axis I`, `axis <heading>`).
 *  - Everything else is new and gets the default `<document>-<key>` (docs/bundle.md); when that id is
 *    already used by another provision (in `taken`, or earlier in the same version), `-n2`, `-n3`…
 *    is appended until it is free. A provision that inherits also takes the source's PA-X topics
 *    when it has none of its own.
 */
import type { Provision } from '../model/schemas.js';
import { alignment, type AlignmentOverride, type AlignmentPair, type ChangeKind } from './align.js';
import { toProvisions, walkWithKeys } from './provisions.js';
import type { FeatureOptions } from './similarity.js';
import type { ParsedProvision } from './types.js';

/** Options of {@link carryLineage}. */
export interface CarryOptions extends FeatureOptions {
  /** Raw text the new version was parsed from (lets the aligner read `**bold**` and `*( … )*` markup). */
  source?: string;
  /** Person-confirmed pairs between the base and the new version (keys or lineage ids). */
  overrides?: AlignmentOverride[];
  /** Lineage ids already used in the process; a new provision never reuses one. */
  taken?: Iterable<string>;
}

/** What {@link carryLineage} returns. */
export interface CarryResult {
  /** The new version's provisions with lineage ids (and inherited topics). */
  provisions: Provision[];
  /** The alignment pairs used (empty without a base). */
  pairs: AlignmentPair[];
  /** Provisions (any kind) that inherited a lineage id from the base. */
  inherited: number;
  /** Provisions that got a new lineage id. */
  fresh: number;
  /** Count of point pairs per change kind. */
  changes: Partial<Record<ChangeKind, number>>;
}

/** Change kinds under which a sub-point keeps its source's lineage. */
const INHERITING = new Set<ChangeKind>(['unchanged', 'amended', 'moved']);

/**
 * Give the provisions of a new version of document `documentId` their lineage ids, carrying them
 * across from `base` (the version it is based on, possibly of another document) by aligning the two.
 * Without a base every provision gets a new id. Pure; throws what {@link alignment} throws
 * (`invalid_input` when two overrides claim one provision).
 */
export function carryLineage(base: Provision[] | null, parsed: ParsedProvision[], documentId: string, opts: CarryOptions = {}): CarryResult {
  const { provisions } = toProvisions(parsed, documentId);
  const keyedNew = walkWithKeys(provisions);
  const given = new Map<Provision, Provision>(); // new node → base node it continues
  const givenLineage = new Map<Provision, string>();
  let pairs: AlignmentPair[] = [];
  const changes: Partial<Record<ChangeKind, number>> = {};

  if (base) {
    const res = alignment(base, parsed, { sourceB: opts.source, overrides: opts.overrides, diffs: false, synonyms: opts.synonyms, aliases: opts.aliases });
    pairs = res.pairs;
    const baseByLineage = new Map<string, Provision>();
    const keyedBase = walkWithKeys(base);
    for (const k of keyedBase) if (!baseByLineage.has(k.node.lineage)) baseByLineage.set(k.node.lineage, k.node);
    const newByKey = new Map(keyedNew.map((k) => [k.key, k.node]));
    for (const p of pairs) {
      changes[p.change] = (changes[p.change] ?? 0) + 1;
      p.toLineage?.forEach((lin, i) => {
        const node = newByKey.get(p.to[i]!);
        if (!node) return;
        givenLineage.set(node, lin);
        const src = baseByLineage.get(lin);
        if (src) given.set(node, src);
      });
    }
    // Sub-points of inheriting points: aligned among themselves, recursively.
    const inheritChildren = (node: Provision, src: Provision) => {
      if (!node.children.length || !src.children.length) return;
      const newKids = walkWithKeys(node.children);
      const srcKids = walkWithKeys(src.children);
      const nb = new Map(newKids.map((k) => [k.key, k.node]));
      const sb = new Map(srcKids.map((k) => [k.key, k.node]));
      for (const p of alignment(src.children, node.children, { diffs: false, synonyms: opts.synonyms, aliases: opts.aliases }).pairs) {
        if (p.from.length !== 1 || p.to.length !== 1 || !INHERITING.has(p.change)) continue;
        const n = nb.get(p.to[0]!);
        const s = sb.get(p.from[0]!);
        if (!n || !s || given.has(n)) continue;
        given.set(n, s);
        givenLineage.set(n, s.lineage);
        inheritChildren(n, s);
      }
    };
    for (const [node, src] of [...given]) inheritChildren(node, src);
    // Axes with the same key.
    const baseAxes = new Map(keyedBase.filter((k) => k.node.kind === 'axis').map((k) => [k.key, k.node]));
    for (const k of keyedNew)
      if (k.node.kind === 'axis') {
        const s = baseAxes.get(k.key);
        if (s) {
          given.set(k.node, s);
          givenLineage.set(k.node, s.lineage);
        }
      }
  }

  const taken = new Set(opts.taken ?? []);
  const inheritedIds = new Set(givenLineage.values());
  const usedHere = new Set<string>();
  let inherited = 0;
  let fresh = 0;
  const assign = (p: Provision): Provision => {
    let lineage = givenLineage.get(p);
    if (lineage !== undefined && !usedHere.has(lineage)) inherited++;
    else {
      const base0 = p.lineage; // the default `<document>-<key>`
      lineage = base0;
      for (let n = 2; usedHere.has(lineage) || taken.has(lineage) || inheritedIds.has(lineage); n++) lineage = `${base0}-n${n}`;
      fresh++;
    }
    usedHere.add(lineage);
    const src = given.get(p);
    const topics = p.topics.length || !src || src.lineage !== lineage ? p.topics : [...src.topics];
    return { ...p, lineage, topics, children: p.children.map(assign) };
  };
  return { provisions: provisions.map(assign), pairs, inherited, fresh, changes };
}
