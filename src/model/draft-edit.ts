/**
 * Editing a draft's point tree, pure (the one-text procedure): the edits of {@link DraftOpParsed}
 * applied to a tree of provisions, keeping every lineage id. The drafts service applies them on the
 * server (src/services/drafts.ts); nothing else changes a draft's tree.
 *
 * Rules, once:
 * - **Lineage.** A provision keeps its lineage id through every edit (wording, number, move). A new
 *   provision gets `<document>-<number>` (or `<parent lineage>.<number>` for a sub-point), a split's
 *   second piece `<lineage>.s<n>` (the convention of src/text/lineage.ts); `-n2`, `-n3`… is appended
 *   while the id is used anywhere in the process. A merge keeps the first provision's lineage.
 * - **Links.** Splits and merges of provisions that came from the base version are recorded as
 *   alignment decisions (`links`: base lineages → draft lineages, change `split` or `merged`), one
 *   per group of related provisions; they are stored with the version when it is tabled, so every
 *   comparison shows them as splits and merges rather than additions and deletions.
 * - **Brackets and alternatives** are read from the text (`[…]` spans, `Option A: … / Option B: …`),
 *   as the plan parser reads them; their proponents are kept by the bracketed words (then by order)
 *   and by option label unless the edit names them.
 * - **Text status** follows the text (bracketed, alternatives, proposed) unless a person set it to
 *   agreed, agreed ad referendum, placeholder or deleted, which an edit of the wording keeps.
 * - **Structure.** Axes sit at the top level, points at the top level or under an axis, sub-points
 *   under a point or a sub-point; nothing moves under itself.
 * Bad edits throw `invalid_input` naming `ops[i].<field>` (`not_found` for an unknown lineage), and
 * leave the input untouched (trees are copied along the edited path only).
 */
import { AccordError, invalid } from './errors.js';
import type { DraftOpParsed } from './inputs.js';
import type { Alternative, BracketSpan, PairOverride, Provision, ProvisionKind, TextStatus } from './schemas.js';
import { findAlternatives, findBrackets } from '../text/parse.js';
import { defaultLineage, impliedStatus } from '../text/provisions.js';

/** A draft's tree and its links (see the module doc). */
export interface DraftTree {
  provisions: Provision[];
  links: PairOverride[];
}

/** What the edits need to know about the process. */
export interface EditContext {
  /** The document the draft will be a version of (new lineage ids start with it). */
  documentId: string;
  /** Lineage ids of the version the draft revises (links name these on their `from` side). */
  base: ReadonlySet<string>;
  /** Lineage ids used by any stored version: a new provision never takes one. */
  taken: ReadonlySet<string>;
  /** Party ids of the process (proponents must be among them); absent: not checked. */
  parties?: ReadonlySet<string>;
}

/** What {@link applyDraftOps} returns. */
export interface EditResult extends DraftTree {
  /** Lineage ids of the provisions an edit created or changed (in the new tree), in edit order. */
  touched: string[];
  /** True when an edit changed the shape of the tree (add, delete, move, split, merge, renumber). */
  structural: boolean;
}

/** Text statuses read from the text; the others are set by a person and kept. */
const AUTO_STATUS: ReadonlySet<TextStatus> = new Set(['proposed', 'bracketed', 'alternatives']);

type Path = number[];

/** The path (indices from the top) of the provision with `lineage`, or undefined. */
export function findPath(tree: readonly Provision[], lineage: string): Path | undefined {
  const walk = (ps: readonly Provision[], prefix: Path): Path | undefined => {
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i]!;
      if (p.lineage === lineage) return [...prefix, i];
      const hit = p.children.length ? walk(p.children, [...prefix, i]) : undefined;
      if (hit) return hit;
    }
    return undefined;
  };
  return walk(tree, []);
}

/** The provision at `path`. */
function at(tree: readonly Provision[], path: Path): Provision {
  let list = tree;
  let node: Provision | undefined;
  for (const i of path) {
    node = list[i]!;
    list = node.children;
  }
  return node!;
}

/** A copy of the list `path` points into (the top level for `[]`), changed by `fn`; ancestors copied, the rest shared. */
function withList(tree: Provision[], parentPath: Path, fn: (list: Provision[]) => Provision[]): Provision[] {
  if (!parentPath.length) return fn(tree.slice());
  const [i, ...rest] = parentPath;
  const copy = tree.slice();
  const node = copy[i!]!;
  copy[i!] = { ...node, children: withList(node.children, rest, fn) };
  return copy;
}

/** A copy of the tree with the node at `path` replaced by `fn(node)`. */
function withNode(tree: Provision[], path: Path, fn: (p: Provision) => Provision): Provision[] {
  const idx = path[path.length - 1]!;
  return withList(tree, path.slice(0, -1), (list) => {
    list[idx] = fn(list[idx]!);
    return list;
  });
}

/** Every lineage id of a tree. */
export function lineagesOf(tree: readonly Provision[]): Set<string> {
  const out = new Set<string>();
  const walk = (ps: readonly Provision[]) => {
    for (const p of ps) {
      out.add(p.lineage);
      walk(p.children);
    }
  };
  walk(tree);
  return out;
}

/** Whether a provision of `kind` may sit under `parent` (null: the top level). */
export function fits(kind: ProvisionKind, parent: ProvisionKind | null): boolean {
  if (kind === 'axis') return parent === null;
  if (kind === 'point') return parent === null || parent === 'axis';
  return parent === 'point' || parent === 'subpoint';
}

/**
 * The brackets and alternatives of `text` with proponents: given ones first (by span order, by
 * label), else those of the old spans with the same words (then the same position), else none.
 */
export function readMarks(
  text: string,
  old: { brackets: BracketSpan[]; alternatives: Alternative[] },
  given: { bracketProponents?: string[][]; alternativeProponents?: Record<string, string[]> } = {},
): { brackets: BracketSpan[]; alternatives: Alternative[] } {
  const spans = findBrackets(text).spans;
  const used = new Set<number>();
  const brackets = spans.map((s, i) => {
    const explicit = given.bracketProponents?.[i];
    if (explicit) return { ...s, proponents: [...explicit] };
    let k = old.brackets.findIndex((b, j) => !used.has(j) && b.text === s.text);
    if (k < 0 && old.brackets.length === spans.length && !used.has(i)) k = i;
    if (k < 0) return s;
    used.add(k);
    return { ...s, proponents: [...old.brackets[k]!.proponents] };
  });
  const alternatives = findAlternatives(text).map((a) => ({
    ...a,
    proponents: [...(given.alternativeProponents?.[a.label] ?? old.alternatives.find((o) => o.label === a.label)?.proponents ?? [])],
  }));
  return { brackets, alternatives };
}

/** A provision with new wording (and marks read from it); a status set by hand is kept. */
export function reword(p: Provision, text: string, given: { status?: TextStatus; bracketProponents?: string[][]; alternativeProponents?: Record<string, string[]> } = {}): Provision {
  const marks = readMarks(text, p, given);
  const status = given.status ?? (AUTO_STATUS.has(p.status) ? impliedStatus(marks) : p.status);
  return { ...p, text, ...marks, status };
}

/** `<base>`, else `<base>-n2`, `-n3`… : the first id not in `used`. */
function freeId(base: string, used: (id: string) => boolean): string {
  let id = base;
  for (let n = 2; used(id); n++) id = `${base}-n${n}`;
  return id;
}

/** Id-safe form of a number for a lineage id. */
const idPart = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_');

/** Letters a, b, … z, aa, ab … for the n-th (0-based) sub-point. */
function letter(n: number): string {
  let s = '';
  for (let k = n + 1; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(97 + ((k - 1) % 26)) + s;
  return s;
}

/** Options text `Option A: … / Option B: …` after the part of `text` before any option. */
function withOptions(text: string, options: { label: string; text: string }[]): string {
  const first = findAlternatives(text).length ? text.search(/(?<![\p{L}\p{N}])(?:option|alternative|variant)\s+(?:[A-Z]|\d{1,2})\s*(?:[:.)]|\s[—–-])/iu) : -1;
  const lead = (first >= 0 ? text.slice(0, first) : text).replace(/[\s:;,/]+$/, '');
  const opts = options.map((o) => `Option ${o.label}: ${o.text.trim()}`).join(' / ');
  if (!opts) return lead;
  return lead ? `${lead}: ${opts}` : opts;
}

/** Index of the link whose `to` side holds `lineage`, or -1. */
const linkOf = (links: PairOverride[], lineage: string) => links.findIndex((l) => l.to.includes(lineage));

/** The change kind of a link group: merged when several base provisions meet, else split. */
const kindOf = (from: string[]): 'merged' | 'split' => (from.length > 1 ? 'merged' : 'split');

/**
 * The links to store with a tabled version: sides cut to lineages of the base and of the final tree,
 * groups of one provision on each side dropped (lineage pairing finds those).
 */
export function normaliseLinks(links: PairOverride[], base: ReadonlySet<string>, tree: readonly Provision[]): PairOverride[] {
  const inTree = lineagesOf(tree);
  return links
    .map((l) => ({ ...l, from: l.from.filter((x) => base.has(x)), to: l.to.filter((x) => inTree.has(x)) }))
    .filter((l) => l.from.length && l.to.length && l.from.length + l.to.length > 2)
    .map((l) => ({ ...l, change: kindOf(l.from) }));
}

/**
 * Apply `ops` in order to a draft's tree (see the module doc). Pure: the input is not changed.
 * @throws AccordError `not_found` (field `ops[i].lineage` etc.) for a lineage not in the draft;
 *   `invalid_input` for a provision out of place, a split or bracket outside the text, a merge of
 *   different kinds, an unknown proponent
 */
export function applyDraftOps(state: DraftTree, ops: readonly DraftOpParsed[], ctx: EditContext): EditResult {
  let tree = state.provisions;
  let links = state.links.map((l) => ({ ...l, from: [...l.from], to: [...l.to] }));
  const touched: string[] = [];
  let structural = false;
  const inDraft = lineagesOf(tree);
  const used = (id: string) => inDraft.has(id) || ctx.taken.has(id);

  ops.forEach((op, i) => {
    const f = (field: string) => ({ field: `ops[${i}].${field}` });
    const locate = (lineage: string, field = 'lineage'): Path => {
      const p = findPath(tree, lineage);
      if (!p) throw new AccordError('not_found', `no provision with lineage "${lineage}" in the draft`, f(field));
      return p;
    };
    const checkParties = (ids: string[], field: string) => {
      if (!ctx.parties) return;
      const bad = ids.find((x) => !ctx.parties!.has(x));
      if (bad !== undefined) throw invalid(`unknown party "${bad}"`, f(field));
    };
    const parentKind = (parentPath: Path | null): ProvisionKind | null => (parentPath ? at(tree, parentPath).kind : null);

    switch (op.op) {
      case 'set': {
        const path = locate(op.lineage);
        op.bracketProponents?.forEach((ps, k) => checkParties(ps, `bracketProponents[${k}]`));
        for (const [label, ps] of Object.entries(op.alternativeProponents ?? {})) checkParties(ps, `alternativeProponents.${label}`);
        tree = withNode(tree, path, (p) => {
          let q = p;
          if (op.num !== undefined) q = { ...q, num: op.num };
          if (op.heading !== undefined) q = { ...q, heading: op.heading };
          if (op.topics !== undefined) q = { ...q, topics: [...new Set(op.topics)] };
          const rewording = op.text !== undefined || op.bracketProponents !== undefined || op.alternativeProponents !== undefined;
          if (rewording) q = reword(q, op.text ?? q.text, { ...(op.status ? { status: op.status } : {}), ...(op.bracketProponents ? { bracketProponents: op.bracketProponents } : {}), ...(op.alternativeProponents ? { alternativeProponents: op.alternativeProponents } : {}) });
          else if (op.status !== undefined) q = { ...q, status: op.status };
          return q;
        });
        touched.push(op.lineage);
        break;
      }
      case 'add': {
        const parentPath = op.parent === null ? null : locate(op.parent, 'parent');
        const pk = parentKind(parentPath);
        if (!fits(op.kind, pk)) throw invalid(`a ${op.kind} cannot sit ${pk ? `under a ${pk}` : 'at the top level'}`, f('parent'));
        const num = op.num ?? null;
        const stem = op.kind === 'axis' ? defaultLineage(ctx.documentId, `axis ${num ?? op.heading ?? 'new'}`) : op.kind === 'subpoint' && op.parent ? `${op.parent}.${idPart(num ?? 'new')}` : defaultLineage(ctx.documentId, num ?? 'new');
        const lineage = freeId(stem.slice(0, 120), used);
        const node = reword({ kind: op.kind, num, heading: op.heading ?? null, text: '', lineage, status: 'proposed', brackets: [], alternatives: [], topics: [], children: [] }, op.text);
        tree = withList(tree, parentPath ?? [], (list) => {
          list.splice(Math.min(op.index ?? list.length, list.length), 0, node);
          return list;
        });
        inDraft.add(lineage);
        touched.push(lineage);
        structural = true;
        break;
      }
      case 'delete': {
        const path = locate(op.lineage);
        const gone = lineagesOf([at(tree, path)]);
        tree = withList(tree, path.slice(0, -1), (list) => {
          list.splice(path[path.length - 1]!, 1);
          return list;
        });
        for (const l of links) l.to = l.to.filter((x) => !gone.has(x));
        links = links.filter((l) => l.to.length);
        for (const g of gone) inDraft.delete(g);
        structural = true;
        break;
      }
      case 'move': {
        const path = locate(op.lineage);
        const node = at(tree, path);
        if (op.parent !== null && lineagesOf([node]).has(op.parent)) throw invalid('a provision cannot move under itself', f('parent'));
        const pk = op.parent === null ? null : at(tree, locate(op.parent, 'parent')).kind;
        if (!fits(node.kind, pk)) throw invalid(`a ${node.kind} cannot sit ${pk ? `under a ${pk}` : 'at the top level'}`, f('parent'));
        tree = withList(tree, path.slice(0, -1), (list) => {
          list.splice(path[path.length - 1]!, 1);
          return list;
        });
        const target = op.parent === null ? [] : findPath(tree, op.parent)!;
        tree = withList(tree, target, (list) => {
          list.splice(Math.min(op.index, list.length), 0, node);
          return list;
        });
        touched.push(op.lineage);
        structural = true;
        break;
      }
      case 'split': {
        const path = locate(op.lineage);
        const node = at(tree, path);
        const head = node.text.slice(0, op.at).trim();
        const tail = node.text.slice(op.at).trim();
        if (op.at >= node.text.length || !head || !tail) throw invalid(`split at ${op.at} leaves one part empty: give an offset inside the text (1–${Math.max(1, node.text.length - 1)})`, f('at'));
        let n = 2;
        while (used(`${node.lineage}.s${n}`)) n++;
        const lineage = `${node.lineage}.s${n}`;
        const first = reword(node, head);
        const second = reword({ ...node, num: op.num !== undefined ? op.num : node.num ? `${node.num} bis` : null, heading: null, lineage, children: [], status: AUTO_STATUS.has(node.status) ? node.status : 'proposed' }, tail);
        tree = withList(tree, path.slice(0, -1), (list) => {
          const k = path[path.length - 1]!;
          list.splice(k, 1, first, second);
          return list;
        });
        inDraft.add(lineage);
        const li = linkOf(links, node.lineage);
        if (li >= 0) {
          const l = links[li]!;
          l.to.splice(l.to.indexOf(node.lineage) + 1, 0, lineage);
          l.change = kindOf(l.from);
        } else if (ctx.base.has(node.lineage)) links.push({ from: [node.lineage], to: [node.lineage, lineage], change: 'split' });
        touched.push(node.lineage, lineage);
        structural = true;
        break;
      }
      case 'merge': {
        if (op.with === op.lineage) throw invalid('a provision cannot merge with itself', f('with'));
        const path = locate(op.lineage);
        const otherPath = locate(op.with, 'with');
        const a = at(tree, path);
        const b = at(tree, otherPath);
        if (a.kind !== b.kind) throw invalid(`a ${a.kind} merges only with another ${a.kind}, not with a ${b.kind}`, f('with'));
        if (lineagesOf([b]).has(a.lineage) || lineagesOf([a]).has(b.lineage)) throw invalid('a provision cannot merge with one it holds', f('with'));
        const text = [a.text, b.text].filter(Boolean).join(' ');
        const merged = reword({ ...a, topics: [...new Set([...a.topics, ...b.topics])], children: [...a.children, ...b.children] }, text, {
          bracketProponents: readMarks(text, { brackets: [...a.brackets, ...b.brackets], alternatives: [] }).brackets.map((s) => s.proponents),
          alternativeProponents: Object.fromEntries([...b.alternatives, ...a.alternatives].map((x) => [x.label, x.proponents])),
        });
        tree = withList(tree, otherPath.slice(0, -1), (list) => {
          list.splice(otherPath[otherPath.length - 1]!, 1);
          return list;
        });
        tree = withNode(tree, findPath(tree, a.lineage)!, () => merged);
        inDraft.delete(b.lineage);
        const ia = linkOf(links, a.lineage);
        const ib = linkOf(links, b.lineage);
        const from = [...new Set([...(ia >= 0 ? links[ia]!.from : ctx.base.has(a.lineage) ? [a.lineage] : []), ...(ib >= 0 ? links[ib]!.from : ctx.base.has(b.lineage) ? [b.lineage] : [])])];
        const to = [...new Set([...(ia >= 0 ? links[ia]!.to : [a.lineage]), ...(ib >= 0 ? links[ib]!.to : [])])].filter((x) => x !== b.lineage);
        links = links.filter((_, k) => k !== ia && k !== ib);
        if (from.length) links.push({ from, to, change: kindOf(from) });
        touched.push(a.lineage);
        structural = true;
        break;
      }
      case 'bracket': {
        const path = locate(op.lineage);
        const node = at(tree, path);
        if (op.end > node.text.length || op.start >= op.end) throw invalid(`the span ${op.start}–${op.end} is not inside the text (0–${node.text.length})`, f('end'));
        checkParties(op.proponents, 'proponents');
        const t = node.text;
        const text = `${t.slice(0, op.start)}[${t.slice(op.start, op.end)}]${t.slice(op.end)}`;
        // Proponents of the spans that were there stay; the new span (the one starting at `start`) gets the given ones.
        const kept = readMarks(text, node).brackets.map((s) => (s.start === op.start && s.end === op.end + 2 ? [...op.proponents] : s.proponents));
        tree = withNode(tree, path, (p) => reword(p, text, { bracketProponents: kept }));
        touched.push(op.lineage);
        break;
      }
      case 'alternatives': {
        const path = locate(op.lineage);
        op.options.forEach((o, k) => checkParties(o.proponents, `options[${k}].proponents`));
        const labels = op.options.map((o) => o.label);
        if (new Set(labels).size !== labels.length) throw invalid('each option needs its own label', f('options'));
        tree = withNode(tree, path, (p) => reword(p, withOptions(p.text, op.options), { alternativeProponents: Object.fromEntries(op.options.map((o) => [o.label, o.proponents])) }));
        touched.push(op.lineage);
        break;
      }
      case 'renumber': {
        let n = 0;
        // Sub-points keep their family: numbered under a point whose first sub-point is numbered, else lettered.
        const visit = (ps: Provision[]): Provision[] =>
          ps.map((p, k) => {
            let num = p.num;
            if (p.kind === 'point') num = String(++n);
            else if (p.kind === 'subpoint') num = /^\d+$/.test(ps[0]?.num ?? '') ? String(k + 1) : letter(k);
            if (num !== p.num) touched.push(p.lineage);
            return { ...p, num, children: visit(p.children) };
          });
        tree = visit(tree);
        structural = true;
        break;
      }
    }
  });
  return { provisions: tree, links, touched: [...new Set(touched)].filter((l) => inDraft.has(l)), structural };
}
