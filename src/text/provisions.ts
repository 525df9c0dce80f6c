/**
 * From a parsed plan to the model's provisions: keys, lineage ids and text status.
 * See docs/bundle.md ("Provision keys") for the key and default-lineage rules.
 */
import type { Provision, TextStatus } from '../model/schemas.js';
import type { ParsedProvision } from './types.js';

/** Per-provision metadata that a bundle may set (keyed by provision key). */
export interface ProvisionMeta {
  lineage?: string;
  topics?: string[];
  status?: TextStatus;
  /** Proponents per bracket (same order as the bracketed spans). */
  bracketProponents?: string[][];
  /** Proponents per alternative label. */
  alternativeProponents?: Record<string, string[]>;
}

/** Key of every node of a tree, parents first, in reading order; same order as {@link walkWithKeys}. */
export function provisionKeys(tree: { kind: string; num: string | null; heading: string | null; children: any[] }[]): string[] {
  return walkWithKeys(tree).map((x) => x.key);
}

/**
 * Walk a provision tree yielding each node with its key: points by number (`21`) or `#k` (k-th
 * unnumbered point in reading order), subpoints `<point key>.<num or #k among siblings>`, axes
 * `axis <num or heading>`. A repeated key gets `~2`, `~3`… so keys are unique.
 */
export function walkWithKeys<T extends { kind: string; num: string | null; heading: string | null; children: T[] }>(
  tree: T[],
): { key: string; node: T; depth: number }[] {
  const out: { key: string; node: T; depth: number }[] = [];
  const seen = new Map<string, number>();
  let unnumbered = 0;
  const unique = (k: string) => {
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    return n === 1 ? k : `${k}~${n}`;
  };
  const visit = (nodes: T[], parentKey: string | null, depth: number) => {
    let sib = 0;
    for (const node of nodes) {
      let key: string;
      if (node.kind === 'axis') key = `axis ${node.num ?? node.heading ?? '?'}`;
      else if (node.kind === 'point') key = node.num ?? `#${++unnumbered}`;
      else {
        sib++;
        key = `${parentKey ?? ''}.${node.num ?? '#' + sib}`;
      }
      key = unique(key);
      out.push({ key, node, depth });
      visit(node.children, node.kind === 'axis' ? null : key, depth + 1);
    }
  };
  visit(tree, null, 0);
  return out;
}

/** Default lineage id of a provision: `<documentId>-<key>` with spaces, `#` and `~` made id-safe. */
export function defaultLineage(documentId: string, key: string): string {
  return `${documentId}-${key.replace(/[\s#~]+/g, '-').replace(/[^A-Za-z0-9._-]/g, '_')}`.replace(/-+/g, '-');
}

/** Text status implied by the text itself. */
export function impliedStatus(p: { brackets: unknown[]; alternatives: unknown[] }): TextStatus {
  if (p.alternatives.length) return 'alternatives';
  if (p.brackets.length) return 'bracketed';
  return 'proposed';
}

/**
 * Turn a parsed tree into model provisions for `documentId`, applying `meta` by key.
 * Unknown keys in `meta` are returned in `unusedMeta` so callers can warn about them.
 */
export function toProvisions(
  parsed: ParsedProvision[],
  documentId: string,
  meta: Record<string, ProvisionMeta> = {},
): { provisions: Provision[]; unusedMeta: string[] } {
  const used = new Set<string>();
  const keyed = walkWithKeys(parsed);
  const keyOf = new Map<ParsedProvision, string>(keyed.map((k) => [k.node, k.key]));
  const convert = (p: ParsedProvision): Provision => {
    const key = keyOf.get(p)!;
    const m = meta[key];
    if (m) used.add(key);
    const brackets = p.brackets.map((b, i) => ({ ...b, proponents: m?.bracketProponents?.[i] ?? b.proponents ?? [] }));
    const alternatives = p.alternatives.map((a) => ({ ...a, proponents: m?.alternativeProponents?.[a.label] ?? a.proponents ?? [] }));
    return {
      kind: p.kind,
      num: p.num,
      heading: p.heading,
      text: p.text,
      lineage: m?.lineage ?? defaultLineage(documentId, key),
      status: m?.status ?? impliedStatus(p),
      brackets,
      alternatives,
      topics: m?.topics ?? [],
      children: p.children.map(convert),
    };
  };
  const provisions = parsed.map(convert);
  return { provisions, unusedMeta: Object.keys(meta).filter((k) => !used.has(k)) };
}

/** The metadata needed to rebuild `provisions` from their text: only what differs from defaults. */
export function metaOf(provisions: Provision[], documentId: string): Record<string, ProvisionMeta> {
  const out: Record<string, ProvisionMeta> = {};
  for (const { key, node } of walkWithKeys(provisions)) {
    const m: ProvisionMeta = {};
    if (node.lineage !== defaultLineage(documentId, key)) m.lineage = node.lineage;
    if (node.topics.length) m.topics = node.topics;
    if (node.status !== impliedStatus(node)) m.status = node.status;
    if (node.brackets.some((b) => b.proponents.length)) m.bracketProponents = node.brackets.map((b) => b.proponents);
    const alt = node.alternatives.filter((a) => a.proponents.length);
    if (alt.length) m.alternativeProponents = Object.fromEntries(alt.map((a) => [a.label, a.proponents]));
    if (Object.keys(m).length) out[key] = m;
  }
  return out;
}
