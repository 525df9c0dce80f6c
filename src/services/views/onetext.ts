/**
 * The views of the one-text procedure, pure over loaded data that the caller has already cut to
 * what the viewer may see:
 * - {@link reviseView}: per point of a draft, the tabled wording, the draft's, and every party's
 *   submitted answer with its amendment as a word diff — what the mediator revises from;
 * - {@link responseView}: "what each party asked and what the new version did about it" — each
 *   answer to a version against what its successor made of the point (adopted, bracketed, amended,
 *   unchanged, split, merged, deleted), with an export as Markdown or CSV;
 * - {@link roundsGrid}: the picture of the rounds, points × versions of a document with each cell's
 *   text status and whether its wording changed.
 */
import { STANCE_LABEL } from '../../analysis/positions.js';
import { mergeWording } from '../../model/amendment.js';
import { compareIsoDates } from '../../model/dates.js';
import { notFound } from '../../model/errors.js';
import type { BracketSpan, Critique, CritiqueStance, Draft, ProcessData, Provision, TextStatus, Version } from '../../model/schemas.js';
import { walkProvisions } from '../../model/schemas.js';
import { OUTCOME_LABEL, type Outcome } from '../../model/vocabulary.js';
import { type DiffOp, wordDiff } from '../../text/diff.js';
import { type CompareView, compareView, type VersionRef, versionRef } from './compare.js';

/** One party's answer on a point, for display. */
export interface AnswerView {
  critique: string;
  party: string;
  stance: CritiqueStance;
  conditions: string | null;
  amendment: string | null;
  /** The amendment as a word diff of the tabled wording (null without an amendment). */
  diff: DiffOp[] | null;
  note: string | null;
  submittedAt: string | null;
  /** Whether the critique is public (published by the party). */
  published: boolean;
  /** How the draft took the amendment in, if it did. */
  folded: 'accepted' | 'bracketed' | null;
}

/** One provision of the revise view. */
export interface ReviseRow {
  lineage: string;
  kind: Provision['kind'];
  depth: number;
  /** The provision in the version revised, or null when the draft added it. */
  tabled: { num: string | null; text: string; status: TextStatus } | null;
  /** The provision in the draft, or null when the draft deleted or merged it away. */
  draft: { num: string | null; heading: string | null; text: string; status: TextStatus; brackets: BracketSpan[] } | null;
  answers: AnswerView[];
}

/** The revise view of a draft. */
export interface ReviseView {
  draft: { id: string; document: string; basedOn: string | null; title: string | null; status: Draft['status']; updatedAt: string };
  version: VersionRef | null;
  /** The submitted critiques of the version revised, as the viewer may see them. */
  critiques: { id: string; party: string; submittedAt: string | null; answers: number; published: boolean }[];
  rows: ReviseRow[];
}

/** Points and sub-points of a tree with their depth, in reading order. */
function units(tree: Provision[]): { node: Provision; depth: number }[] {
  const out: { node: Provision; depth: number }[] = [];
  const visit = (ps: Provision[], depth: number) => {
    for (const p of ps) {
      if (p.kind !== 'axis') out.push({ node: p, depth });
      visit(p.children, p.kind === 'axis' ? depth : depth + 1);
    }
  };
  visit(tree, 0);
  return out;
}

function answerView(c: Critique, a: Critique['answers'][number], tabled: string | undefined, folded: Draft['folded']): AnswerView {
  return {
    critique: c.id,
    party: c.party,
    stance: a.stance,
    conditions: a.conditions ?? null,
    amendment: a.amendment ?? null,
    diff: a.amendment !== undefined && tabled !== undefined ? wordDiff(tabled, a.amendment) : null,
    note: a.note ?? null,
    submittedAt: c.submittedAt ?? null,
    published: c.visibility === 'public',
    folded: folded.find((f) => f.critique === c.id && f.provision === a.provision)?.how ?? null,
  };
}

/**
 * The revise view of `draft`: its provisions in reading order (then those of the version revised
 * that it no longer holds), each with the tabled and the draft wording and the submitted answers of
 * `critiques` (the visible critiques of the process; those of other versions are ignored).
 */
export function reviseView(data: ProcessData, draft: Draft, critiques: Critique[]): ReviseView {
  const base = draft.basedOn ? data.versions.find((v) => v.id === draft.basedOn) : undefined;
  const mine = critiques.filter((c) => base && c.version === base.id && c.status === 'submitted');
  const baseNodes = new Map(base ? units(base.provisions).map((u) => [u.node.lineage, u]) : []);
  const rows: ReviseRow[] = [];
  const seen = new Set<string>();
  const row = (lineage: string, kind: Provision['kind'], depth: number, d: Provision | null): ReviseRow => {
    const t = baseNodes.get(lineage)?.node;
    return {
      lineage,
      kind,
      depth,
      tabled: t ? { num: t.num, text: t.text, status: t.status } : null,
      draft: d ? { num: d.num, heading: d.heading, text: d.text, status: d.status, brackets: d.brackets } : null,
      answers: mine.flatMap((c) => c.answers.filter((a) => a.provision === lineage).map((a) => answerView(c, a, t?.text, draft.folded))),
    };
  };
  for (const u of units(draft.provisions)) {
    seen.add(u.node.lineage);
    rows.push(row(u.node.lineage, u.node.kind, u.depth, u.node));
  }
  for (const [lineage, u] of baseNodes) if (!seen.has(lineage)) rows.push(row(lineage, u.node.kind, u.depth, null));
  return {
    draft: { id: draft.id, document: draft.document, basedOn: draft.basedOn ?? null, title: draft.title ?? null, status: draft.status, updatedAt: draft.updatedAt },
    version: base ? versionRef(data, base) : null,
    critiques: mine.map((c) => ({ id: c.id, party: c.party, submittedAt: c.submittedAt ?? null, answers: c.answers.length, published: c.visibility === 'public' })),
    rows,
  };
}

export { OUTCOME_LABEL, type Outcome } from '../../model/vocabulary.js';

/** One answer and what the next version did about it. */
export interface ResponseRow extends AnswerView {
  provision: string;
  /** Number (or heading) of the point in the version answered. */
  label: string;
  /** The tabled wording answered. */
  asked: string;
  outcome: Outcome;
  /** The point in the new version (several after a split, the merged point after a merge), or none. */
  now: { lineage: string; num: string | null; text: string }[];
  /** Word diff from the wording answered to the new wording (null when unchanged or gone). */
  change: DiffOp[] | null;
}

/** The response view of a version. */
export interface ResponseView {
  version: VersionRef;
  /** The version answered (the new version's base), or null when it has none. */
  basedOn: VersionRef | null;
  rows: ResponseRow[];
  /** Per party: answers and how many ended each way. */
  byParty: { party: string; asked: number; outcomes: Partial<Record<Outcome, number>> }[];
}

const canon = (s: string) => s.replace(/\s+/g, ' ').trim();

/** What `now` (the new wording) did about an answer on `before` (the tabled one). */
function outcomeOf(party: string, amendment: string | undefined, before: Provision, now: Provision, moved: boolean): Outcome {
  if (now.text === before.text) return moved ? 'moved' : 'unchanged';
  if (amendment !== undefined) {
    if (canon(now.text) === canon(amendment)) return 'adopted';
    const m = mergeWording(before.text, now.text, amendment);
    if (m.ok && m.text === now.text) return 'adopted';
  }
  const newBracket = now.brackets.some((b) => b.proponents.includes(party) && !before.brackets.some((o) => o.text === b.text && o.proponents.includes(party)));
  if (newBracket) return 'bracketed';
  return 'amended';
}

/**
 * What `versionId` did about the answers to the version it is based on: each submitted answer of
 * `critiques` (the visible critiques) with the outcome, found through the comparison of the two
 * versions (stored alignment decisions, shared lineage, then text: src/text/align.ts). A caller that
 * has compared the two versions already passes the version revised (`base`) and the comparison (`cmp`).
 * @throws AccordError `not_found` for an unknown version
 */
export function responseView(data: ProcessData, versionId: string, critiques: Critique[], known: { base?: Version; cmp?: CompareView } = {}): ResponseView {
  const version = data.versions.find((v) => v.id === versionId);
  if (!version) throw notFound(`no version "${versionId}" in process "${data.process.id}"`, { field: 'id' });
  const base = known.base ?? (version.basedOn ? data.versions.find((v) => v.id === version.basedOn) : undefined);
  if (!base) return { version: versionRef(data, version), basedOn: null, rows: [], byParty: [] };
  const cmp: CompareView = known.cmp ?? compareView(data, base.id, version.id);
  const before = new Map([...walkProvisions(base.provisions)].map((p) => [p.lineage, p]));
  const after = new Map([...walkProvisions(version.provisions)].map((p) => [p.lineage, p]));
  const pairOf = (lineage: string) => cmp.pairs.find((p) => p.fromLineage?.includes(lineage));
  const rows: ResponseRow[] = [];
  const answered = critiques.filter((c) => c.version === base.id && c.status === 'submitted');
  for (const c of answered) {
    for (const a of c.answers) {
      const was = before.get(a.provision);
      if (!was) continue;
      const pair = pairOf(a.provision);
      const same = after.get(a.provision);
      let outcome: Outcome;
      let now: Provision[];
      if (pair?.change === 'split') {
        now = (pair.toLineage ?? []).map((l) => after.get(l)).filter((x): x is Provision => x !== undefined);
        outcome = 'split';
      } else if (!same) {
        now = pair?.change === 'merged' ? (pair.toLineage ?? []).map((l) => after.get(l)).filter((x): x is Provision => x !== undefined) : [];
        outcome = now.length ? 'merged' : 'deleted';
      } else {
        now = [same];
        outcome = same.status === 'deleted' ? 'deleted' : outcomeOf(c.party, a.amendment, was, same, pair?.change === 'moved' || pair?.moved === true);
      }
      const newText = now.map((p) => p.text).join(' ');
      rows.push({
        ...answerView(c, a, was.text, []),
        provision: a.provision,
        label: was.num ?? was.heading ?? a.provision,
        asked: was.text,
        outcome,
        now: now.map((p) => ({ lineage: p.lineage, num: p.num, text: p.text })),
        change: now.length && newText !== was.text ? wordDiff(was.text, newText) : null,
      });
    }
  }
  const parties = [...new Set(rows.map((r) => r.party))];
  const byParty = parties.map((party) => {
    const mine = rows.filter((r) => r.party === party);
    const outcomes: Partial<Record<Outcome, number>> = {};
    for (const r of mine) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
    return { party, asked: mine.length, outcomes };
  });
  return { version: versionRef(data, version), basedOn: versionRef(data, base), rows, byParty };
}

/** A CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The response view as CSV: one row per answer. */
export function responseCsv(v: ResponseView, partyName: (id: string) => string): string {
  const head = ['party', 'point', 'stance', 'conditions', 'proposed wording', 'note', 'outcome', 'new wording'];
  const lines = [head.join(',')];
  for (const r of v.rows) {
    lines.push([partyName(r.party), r.label, STANCE_LABEL[r.stance], r.conditions ?? '', r.amendment ?? '', r.note ?? '', OUTCOME_LABEL[r.outcome], r.now.map((n) => n.text).join(' / ')].map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Markdown text of a word diff: deletions ~~struck~~, insertions **bold**. */
function mdDiff(ops: DiffOp[]): string {
  return ops.map((o) => (o.op === 'equal' ? o.text : o.text.trim() ? `${o.text.match(/^\s*/)![0]}${o.op === 'insert' ? `**${o.text.trim()}**` : `~~${o.text.trim()}~~`}${o.text.match(/\s*$/)![0]}` : o.text)).join('');
}

/** The response view as Markdown: per party, each answer and what the version did about it. */
export function responseMarkdown(v: ResponseView, partyName: (id: string) => string): string {
  const L: string[] = [`# What each party asked and what ${v.version.title} ${v.version.label} did about it`, ''];
  if (!v.basedOn) return [...L, `${v.version.label} revises no earlier version.`, ''].join('\n');
  L.push(`Answers to ${v.basedOn.label} (${v.basedOn.date}); ${v.version.label} tabled ${v.version.date}.`, '');
  for (const p of v.byParty) {
    L.push(`## ${partyName(p.party)}`, '', `${p.asked} point${p.asked === 1 ? '' : 's'} answered: ${Object.entries(p.outcomes).map(([k, n]) => `${n} ${OUTCOME_LABEL[k as Outcome]}`).join(', ')}.`, '');
    for (const r of v.rows.filter((x) => x.party === p.party)) {
      L.push(`- **Point ${r.label}** — ${STANCE_LABEL[r.stance]}${r.conditions ? ` (conditions: ${r.conditions})` : ''}. ${r.amendment ? `Proposed: ${r.diff ? mdDiff(r.diff) : r.amendment}. ` : ''}${r.note ? `Note: ${r.note}. ` : ''}→ *${OUTCOME_LABEL[r.outcome]}*${r.change ? `: ${mdDiff(r.change)}` : ''}`);
    }
    L.push('');
  }
  return L.join('\n');
}

/** One cell of the rounds picture. */
export interface GridCell {
  num: string | null;
  status: TextStatus;
  /** Against the previous version that held the point: `new`, `reworded`, or `same`. */
  change: 'new' | 'reworded' | 'same';
}

/** The picture of the rounds: points × versions of one document. */
export interface RoundsGrid {
  document: { id: string; title: string };
  versions: { id: string; label: string; date: string }[];
  rows: { lineage: string; label: string; cells: (GridCell | null)[] }[];
}

/**
 * Points × versions of `documentId` (default: the document of the latest version of the single
 * negotiating text, else of the latest version), versions in date order, points in the order the
 * versions hold them (a point a version adds stands after the point before it).
 * @throws AccordError `not_found` (unknown document, or no version at all)
 */
export function roundsGrid(data: ProcessData, documentId?: string): RoundsGrid {
  const sorted = data.versions.map((v, i) => ({ v, i })).sort((a, b) => compareIsoDates(a.v.date, b.v.date) || a.i - b.i).map((x) => x.v);
  const docId = documentId ?? (data.process.singleText && sorted.some((v) => v.document === data.process.singleText) ? data.process.singleText : sorted.at(-1)?.document);
  const doc = data.documents.find((d) => d.id === docId);
  if (!doc) throw notFound(docId ? `no document "${docId}" in process "${data.process.id}"` : `process "${data.process.id}" has no version`, { field: 'document' });
  const versions = sorted.filter((v) => v.document === doc.id);
  const order: string[] = [];
  const label = new Map<string, string>();
  const maps = versions.map((v) => {
    const m = new Map<string, Provision>();
    let last = -1;
    let unnumbered = 0;
    for (const p of walkProvisions(v.provisions)) {
      if (p.kind !== 'point') continue;
      m.set(p.lineage, p);
      label.set(p.lineage, p.num ?? `#${++unnumbered}`);
      const at = order.indexOf(p.lineage);
      if (at >= 0) last = at;
      else order.splice(++last, 0, p.lineage);
    }
    return m;
  });
  const rows = order.map((lineage) => {
    let prev: Provision | undefined;
    const cells = maps.map((m) => {
      const p = m.get(lineage);
      if (!p) return null;
      const text = [...walkProvisions([p])].map((x) => x.text).join(' ');
      const before = prev ? [...walkProvisions([prev])].map((x) => x.text).join(' ') : undefined;
      prev = p;
      return { num: p.num, status: p.status, change: before === undefined ? 'new' : before === text ? 'same' : 'reworded' } as GridCell;
    });
    return { lineage, label: label.get(lineage)!, cells };
  });
  return { document: { id: doc.id, title: doc.title }, versions: versions.map((v) => ({ id: v.id, label: v.label, date: v.date })), rows };
}
