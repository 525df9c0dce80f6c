/**
 * Alignments of stored versions and the decisions people keep on them. The rule, once: between two
 * stored versions the person-confirmed pairs kept in the process's alignment decisions (entity kind
 * `alignments`, id `<from>--<to>`) are applied first, so they survive every re-alignment; then
 * provisions sharing a stored lineage id are paired; only the rest is aligned by similarity
 * (src/text/align.ts). Confirming, correcting or forgetting a pair changes that record in one
 * audited write. `accord compare A B` (stored versions), `GET /compare` and `POST /compare` are
 * adapters over this module.
 */
import { AccordError } from '../model/errors.js';
import type { Alignment, ProcessData, Version } from '../model/schemas.js';
import { alignment, type AlignmentOverride, type AlignmentResult, CHANGE_KINDS, type ChangeKind } from '../text/align.js';
import { aliasesOfParties } from '../text/similarity.js';
import type { ServiceContext } from './context.js';
import { alignmentId } from './versions.js';
import { type CompareView, compareView } from './views/compare.js';

/** A pair named by its two sides (provision keys or lineage ids; empty side for added/deleted). */
export interface PairSpec {
  from: string[];
  to: string[];
}

/** Decisions to store on the pair of versions. */
export interface Decisions {
  /** Pairs to confirm as they are (change kind: `change`, else what the aligner found). */
  confirm?: PairSpec[];
  change?: ChangeKind;
  /** Corrected pairs to store with their change kind. */
  override?: AlignmentOverride[];
  /** Stored pairs to remove. */
  forget?: PairSpec[];
  /** A note kept with the decisions stored by this call. */
  note?: string;
}

/** Options of {@link alignStored}. */
export interface AlignOptions {
  mode?: 'auto' | 'verbatim' | 'paraphrase';
  /** Extra party aliases for matching (`Kremlin` → `Russia`), over those of the process's parties. */
  aliases?: Record<string, string>;
  /** Overrides applied on top of the stored ones, not stored (e.g. from a file). */
  extra?: AlignmentOverride[];
  decisions?: Decisions;
}

/** What {@link alignStored} returns. */
export interface StoredAlignment {
  from: Version;
  to: Version;
  result: AlignmentResult;
  /** The decisions record applied (after this call's changes), or null when there is none. */
  decisions: Alignment | null;
  /** Whether this call changed the stored decisions. */
  changed: boolean;
}

const sameSet = (x: string[], y: string[]) => x.length === y.length && x.every((k) => y.includes(k));

/**
 * Put `add` into `list`: an override replaces every earlier one that names any of its provisions
 * (on the same side), so one provision is never claimed twice.
 */
export function mergeOverrides<T extends AlignmentOverride>(list: T[], add: T[]): T[] {
  let out = [...list];
  for (const o of add) {
    out = out.filter((x) => !x.from.some((k) => o.from.includes(k)) && !x.to.some((k) => o.to.includes(k)));
    out.push(o);
  }
  return out;
}

function version(data: ProcessData, id: string, field: string): Version {
  const v = data.versions.find((x) => x.id === id);
  if (!v) throw new AccordError('not_found', `no version "${id}" in process "${data.process.id}"`, { field });
  return v;
}

/**
 * Align two stored versions with their stored decisions, and store `opts.decisions` when given.
 * @throws AccordError `not_found` (version, a stored pair to forget), `usage` (a pair to confirm the
 *   aligner did not make, without a change kind), `invalid_input` (a decision naming a provision
 *   absent from both versions: nothing is stored)
 */
export async function alignStored(ctx: ServiceContext, pid: string, fromId: string, toId: string, opts: AlignOptions = {}): Promise<StoredAlignment> {
  const data = await ctx.store.loadProcess(pid);
  const from = version(data, fromId, 'from');
  const to = version(data, toId, 'to');
  const d = opts.decisions ?? {};
  if (d.change !== undefined && !(CHANGE_KINDS as readonly string[]).includes(d.change)) {
    throw new AccordError('usage', `change must be one of ${CHANGE_KINDS.join(', ')}, not "${d.change}"`, { field: 'change' });
  }
  const extra = opts.extra ?? [];
  // The process's parties say which other names stand for them (Party.aliases).
  const aliases = { ...aliasesOfParties(data.parties), ...(opts.aliases ?? {}) };
  const run = (overrides: AlignmentOverride[]) => alignment(from.provisions, to.provisions, { aliases, mode: opts.mode ?? 'auto', lineage: true, overrides });
  const id = alignmentId(from.id, to.id);
  const record = (await ctx.store.get(pid, 'alignments', id)) ?? null;
  const kept = record?.overrides ?? [];
  let result = run(mergeOverrides(kept, extra));
  const confirms = d.confirm ?? [];
  const explicit = d.override ?? [];
  const forgets = d.forget ?? [];
  if (confirms.length + explicit.length + forgets.length === 0) return { from, to, result, decisions: record, changed: false };
  const note = d.note ? { note: d.note } : {};
  const fresh: Alignment['overrides'] = [];
  for (const c of confirms) {
    const found = result.pairs.find((p) => sameSet(p.from, c.from) && sameSet(p.to, c.to));
    const change = d.change ?? found?.change;
    if (!change) {
      throw new AccordError('usage', `the alignment has no pair ${c.from.join('+') || '—'} → ${c.to.join('+') || '—'}; say what changed with a change kind (--change KIND)`, { field: 'confirm' });
    }
    fresh.push({ from: c.from, to: c.to, change, ...note });
  }
  for (const o of explicit) fresh.push({ ...o, ...note });
  for (const f of forgets) {
    if (!kept.some((o) => sameSet(o.from, f.from) && sameSet(o.to, f.to))) {
      throw new AccordError('not_found', `no stored decision ${f.from.join('+') || '—'} → ${f.to.join('+') || '—'} between ${from.id} and ${to.id}`, { field: 'forget' });
    }
  }
  let next = kept.filter((o) => !forgets.some((f) => sameSet(o.from, f.from) && sameSet(o.to, f.to)));
  next = mergeOverrides(next, fresh);
  result = run(mergeOverrides(next, extra));
  const stale = fresh.filter((o) => result.staleOverrides.includes(o));
  if (stale.length) {
    const o = stale[0]!;
    throw new AccordError('invalid_input', `${[...o.from, ...o.to].join(', ')}: no such provision key or lineage id in ${from.id} or ${to.id}; nothing was stored`, { field: confirms.length ? 'confirm' : 'override' });
  }
  const decisions: Alignment = { id, from: from.id, to: to.id, overrides: next, ...(record?.note ? { note: record.note } : {}) };
  if (next.length || record) await ctx.store.put(pid, 'alignments', decisions, { actor: ctx.actor });
  ctx.log?.info({ process: pid, alignment: id, decisions: next.length, actor: ctx.actor }, 'alignment decisions stored');
  return { from, to, result, decisions, changed: true };
}

/**
 * The compare view of two stored versions (default: the current single negotiating text and the
 * version before it), with the stored decisions applied; after `decisions`, when given, are stored.
 */
export async function compareVersions(ctx: ServiceContext, pid: string, q: { from?: string; to?: string }, decisions?: Decisions): Promise<CompareView> {
  if (decisions) {
    if (q.from === undefined || q.to === undefined) throw new AccordError('invalid_input', 'decisions need both versions: from and to', { field: q.from === undefined ? 'from' : 'to' });
    await alignStored(ctx, pid, q.from, q.to, { decisions });
  }
  return compareView(await ctx.store.loadProcess(pid), q.from, q.to);
}
