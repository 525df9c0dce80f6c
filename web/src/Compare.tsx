/**
 * Compare (issue 4): two versions side by side, point by point as the alignment pairs them, each pair
 * with its change kind (symbol and words), its similarity and a word-level diff (deletions struck
 * through, insertions underlined, each also announced in words); and a decision control per pair —
 * confirm it, change its kind, or re-map it — stored as an alignment override through the API, so it
 * holds every time the two versions are aligned again.
 */
import { type FormEvent, Fragment, type ReactNode, useEffect, useRef, useState } from 'react';
import { sideRuns } from '../../src/text/diff.js';
import { ApiError, type AlignmentPair, type CompareView as View, type DiffOp, type UnitText } from './api.js';
import { useApi, useWrite } from './api/queries.js';
import { href, partyShort, useWorkbench } from './ui.js';

/** Change kinds with their symbol and words (never colour alone). */
export const CHANGE: Record<string, { symbol: string; label: string }> = {
  unchanged: { symbol: '=', label: 'unchanged' },
  amended: { symbol: '✎', label: 'amended' },
  moved: { symbol: '⇅', label: 'moved' },
  merged: { symbol: '⋈', label: 'merged' },
  split: { symbol: '⋔', label: 'split' },
  added: { symbol: '+', label: 'added' },
  deleted: { symbol: '−', label: 'deleted' },
};
const KINDS = Object.keys(CHANGE);

/** Whether a diff changes any word (not only spacing). */
export const rewords = (ops: DiffOp[] | undefined): boolean => Boolean(ops?.some((o) => o.op !== 'equal' && o.text.trim() !== ''));

function ChangeMark({ change, moved, reworded }: { change: string; moved?: boolean; reworded?: boolean }) {
  const c = CHANGE[change] ?? { symbol: '?', label: change };
  return (
    <span className={`change change-${change}`} data-change={change}>
      <span aria-hidden="true" className="change-symbol">
        {c.symbol}
      </span>{' '}
      <span className="change-label">{c.label}</span>
      {moved && change !== 'moved' ? <span className="small change-also"> and moved</span> : null}
      {reworded && (change === 'moved' || change === 'unchanged') ? <span className="small change-also" data-reworded=""> wording changed</span> : null}
    </span>
  );
}

/** Similarity as a whole percentage; a pair whose words differ never reads 100%. */
export function similarityLabel(similarity: number, reworded: boolean): string {
  const pct = Math.round(similarity * 100);
  return reworded && pct >= 100 ? 'over 99%' : `${pct}%`;
}

/**
 * One side of a diff: kept text plus this side's changes, marked by element, style and words; a
 * phrase changed word by word is one mark, its inner spaces included (src/text/diff.ts `sideRuns`).
 */
function DiffSide({ ops, side }: { ops: DiffOp[]; side: 'old' | 'new' }) {
  const Mark = side === 'old' ? 'del' : 'ins';
  const words = side === 'old' ? 'deleted' : 'inserted';
  return (
    <p className="diff-text" dir="auto">
      {sideRuns(ops, side).map((r, i) =>
        r.changed ? (
          <Mark key={i}>
            <span className="sr-only">[{words}: </span>
            {r.text}
            <span className="sr-only">]</span>
          </Mark>
        ) : (
          <Fragment key={i}>{r.text}</Fragment>
        ),
      )}
    </p>
  );
}

function UnitBody({ u }: { u: UnitText }) {
  return (
    <div className="unit-text" dir="auto">
      {u.heading ? <strong>{u.heading} </strong> : null}
      {u.text}
      {u.subs.length > 0 && (
        <ul className="unit-subs">
          {u.subs.map((s) => (
            <li key={s.key}>
              <span className="num">{s.num ?? '•'}</span> {s.text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A pair's side: the point numbers, then the diff (when the pair has one) or the plain texts. */
function Side({ keys, units, pair, side }: { keys: string[]; units: Map<string, UnitText>; pair: AlignmentPair; side: 'old' | 'new' }) {
  if (!keys.length) return <span className="muted small">— none —</span>;
  const us = keys.map((k) => units.get(k)).filter((u): u is UnitText => Boolean(u));
  const label = keys.map((k) => units.get(k)?.num ?? k).join(' + ');
  const showDiff = rewords(pair.diff);
  return (
    <div className="side">
      <span className="point-label">{label}</span>
      {us.some((u) => u.status === 'placeholder' || u.status === 'deleted') && <span className="tstatus">{us.find((u) => u.status !== 'proposed')?.status}</span>}
      {showDiff ? <DiffSide ops={pair.diff!} side={side} /> : us.map((u) => <UnitBody key={u.key} u={u} />)}
    </div>
  );
}

const splitKeys = (s: string) =>
  s
    .split(/[,\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** The decision form of one pair: confirm, change kind, or re-map. */
/** An alignment record as the decision control saves it. */
type AlignmentRecord = { id: string; from: string; to: string; note?: string; overrides: { from: string[]; to: string[]; change: string; note?: string }[] };

/** Save an alignment record (create it, or replace the stored one); the compare view is fetched again after. */
function useSaveAlignment(): (record: AlignmentRecord, exists: boolean) => Promise<unknown> {
  const { pid } = useWorkbench();
  const write = useWrite();
  return (record, exists) =>
    exists
      ? write({ method: 'put', path: '/api/processes/{pid}/alignments/{id}', params: { path: { pid, id: record.id } }, body: record as never })
      : write({ method: 'post', path: '/api/processes/{pid}/alignments', params: { path: { pid } }, body: record as never });
}

function Decide({ pair, view, index, onSaved, onClose }: { pair: AlignmentPair; view: View; index: number; onSaved: (msg: string) => Promise<void>; onClose: () => void }) {
  const saveAlignment = useSaveAlignment();
  const [change, setChange] = useState(pair.change);
  const [from, setFrom] = useState(pair.from.join(', '));
  const [to, setTo] = useState(pair.to.join(', '));
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  const fromKeys = new Set(view.units.from.flatMap((u) => [u.key, ...u.subs.map((s) => s.key)]));
  const toKeys = new Set(view.units.to.flatMap((u) => [u.key, ...u.subs.map((s) => s.key)]));
  const id = `decide-${index}`;

  const save = async (o: { from: string[]; to: string[]; change: string }, what: string) => {
    const errs: Record<string, string> = {};
    const badFrom = o.from.filter((k) => !fromKeys.has(k));
    const badTo = o.to.filter((k) => !toKeys.has(k));
    if (badFrom.length) errs.from = `not a point of ${view.from.label}: ${badFrom.join(', ')}`;
    if (badTo.length) errs.to = `not a point of ${view.to.label}: ${badTo.join(', ')}`;
    if (!o.from.length && !o.to.length) errs.from = 'name at least one point';
    if (o.change === 'added' && o.from.length) errs.change = 'an added point has no point in the earlier version: empty “From” or choose another kind';
    if (o.change === 'deleted' && o.to.length && !view.units.to.some((u) => o.to.includes(u.key) && u.status !== 'proposed')) errs.change = 'a deleted point has no point in the later version: empty “To” or choose another kind';
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      // A new decision replaces earlier ones about any of the same points.
      const kept = (view.stored?.overrides ?? []).filter((x) => !x.from.some((k) => o.from.includes(k)) && !x.to.some((k) => o.to.includes(k)));
      const record = { id: view.alignmentId, from: view.from.id, to: view.to.id, overrides: [...kept, { ...o, ...(note.trim() ? { note: note.trim() } : {}) }] };
      await saveAlignment({ ...record, ...(view.stored?.note ? { note: view.stored.note } : {}) }, Boolean(view.stored));
      await onSaved(what);
    } catch (err) {
      setErrors({ form: err instanceof ApiError ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    try {
      const overrides = (view.stored?.overrides ?? []).filter((x) => !(x.from.join() === pair.from.join() && x.to.join() === pair.to.join()));
      await saveAlignment({ id: view.alignmentId, from: view.from.id, to: view.to.id, overrides }, true);
      await onSaved('Decision removed; the pair is aligned automatically again.');
    } catch (err) {
      setErrors({ form: err instanceof ApiError ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save({ from: splitKeys(from), to: splitKeys(to), change }, 'Decision saved.');
  };
  const err = (k: string) =>
    errors[k] ? (
      <span className="inline-error" id={`${id}-${k}-err`}>
        {errors[k]}
      </span>
    ) : null;
  return (
    <form className="decide" onSubmit={submit} aria-label={`Decision on pair ${pair.from.join('+') || '—'} → ${pair.to.join('+') || '—'}`} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="decide-row">
        <button type="button" ref={first} disabled={busy} onClick={() => void save({ from: pair.from, to: pair.to, change: pair.change }, 'Pair confirmed.')}>
          <span aria-hidden="true">✔</span> Confirm as {CHANGE[pair.change]?.label ?? pair.change}
        </button>
        {pair.overridden && (
          <button type="button" disabled={busy} onClick={() => void remove()}>
            Remove decision
          </button>
        )}
      </div>
      <fieldset>
        <legend>Change the kind or re-map</legend>
        <div className="decide-row">
          <div className="control">
            <label htmlFor={`${id}-from`}>From ({view.from.label})</label>
            <input id={`${id}-from`} name="from" value={from} onChange={(e) => setFrom(e.target.value)} aria-invalid={Boolean(errors.from)} aria-describedby={errors.from ? `${id}-from-err` : `${id}-hint`} size={10} />
            {err('from')}
          </div>
          <div className="control">
            <label htmlFor={`${id}-to`}>To ({view.to.label})</label>
            <input id={`${id}-to`} name="to" value={to} onChange={(e) => setTo(e.target.value)} aria-invalid={Boolean(errors.to)} aria-describedby={errors.to ? `${id}-to-err` : `${id}-hint`} size={10} />
            {err('to')}
          </div>
          <div className="control">
            <label htmlFor={`${id}-change`}>Change</label>
            <select id={`${id}-change`} name="change" value={change} onChange={(e) => setChange(e.target.value as typeof change)} aria-invalid={Boolean(errors.change)} aria-describedby={errors.change ? `${id}-change-err` : undefined}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {CHANGE[k]!.symbol} {CHANGE[k]!.label}
                </option>
              ))}
            </select>
            {err('change')}
          </div>
          <div className="control">
            <label htmlFor={`${id}-note`}>Note (optional)</label>
            <input id={`${id}-note`} name="note" value={note} onChange={(e) => setNote(e.target.value)} dir="auto" />
          </div>
          <button type="submit" className="primary" disabled={busy}>
            Save decision
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
        <p className="hint small muted" id={`${id}-hint`}>
          Point numbers separated by commas (e.g. 12, 13 or 21.a); leave one side empty for an added or deleted point.
        </p>
      </fieldset>
      {errors.form && (
        <p role="alert" className="alert">
          {errors.form}
        </p>
      )}
    </form>
  );
}

/** The Compare view (`#/compare?from=…&to=…&changed=1`): see the module comment. */
export function CompareView({ params }: { params: URLSearchParams }) {
  const { pid, outline, navigate, canEdit } = useWorkbench();
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const changedOnly = params.get('changed') === '1';
  const q = useApi('/api/processes/{pid}/compare', { path: { pid }, query: { from, to } }, { keepPrevious: true });
  const view = q.data ?? null;
  const err = q.error ? q.error.message : null;
  const [open, setOpen] = useState<number | null>(null);
  const [message, setMessage] = useState('');

  const set = (p: Record<string, string | undefined>) => navigate('compare', { from: view?.from.id ?? from, to: view?.to.id ?? to, changed: changedOnly ? '1' : undefined, ...p });
  const unitsA = new Map(view?.units.from.map((u) => [u.key, u]) ?? []);
  const unitsB = new Map(view?.units.to.map((u) => [u.key, u]) ?? []);
  const pairs = (view?.pairs ?? []).map((p, i) => ({ p, i })).filter(({ p }) => !changedOnly || p.change !== 'unchanged');
  const versionOption = (id: string) => {
    const v = outline.versions.find((x) => x.id === id)!;
    return `${v.title}, ${v.label} (${v.date})`;
  };

  const saved = async (msg: string) => {
    const keep = open;
    setOpen(null);
    setMessage(msg);
    setTimeout(() => (document.querySelector(`[data-pair-index="${keep}"] .decide-button`) as HTMLElement | null)?.focus(), 300);
  };

  return (
    <section aria-labelledby="compare-h" className="view compare">
      <h1 id="compare-h" tabIndex={-1}>
        Compare
      </h1>
      <form className="toolbar" aria-label="Versions compared" onSubmit={(e) => e.preventDefault()}>
        <div className="control">
          <label htmlFor="cmp-from">Earlier version (A)</label>
          <select id="cmp-from" className="version-select" value={view?.from.id ?? from ?? ''} onChange={(e) => set({ from: e.target.value })}>
            {outline.versions.map((v) => (
              <option key={v.id} value={v.id}>
                {versionOption(v.id)}
              </option>
            ))}
          </select>
        </div>
        <button type="button" onClick={() => view && set({ from: view.to.id, to: view.from.id })} aria-label="Swap the two versions">
          ⇄ Swap
        </button>
        <div className="control">
          <label htmlFor="cmp-to">Later version or counter-proposal (B)</label>
          <select id="cmp-to" className="version-select" value={view?.to.id ?? to ?? ''} onChange={(e) => set({ to: e.target.value })}>
            {outline.versions.map((v) => (
              <option key={v.id} value={v.id}>
                {versionOption(v.id)}
              </option>
            ))}
          </select>
        </div>
        <div className="control check">
          <input id="cmp-changed" type="checkbox" checked={changedOnly} onChange={(e) => set({ changed: e.target.checked ? '1' : undefined })} />
          <label htmlFor="cmp-changed">Changes only</label>
        </div>
      </form>
      {err && (
        <p role="alert" className="alert">
          {err}
        </p>
      )}
      <p role="status" aria-live="polite" className={message ? 'saved' : 'sr-only'}>
        {message}
      </p>
      {!view ? (
        !err && <p role="status">Aligning…</p>
      ) : (
        <>
          <p className="lede" id="cmp-summary">
            <a href={href('text', { version: view.from.id })} dir="auto">
              {view.from.title}, {view.from.label}
            </a>{' '}
            ({view.from.date}
            {view.from.proponents.length ? `, ${view.from.proponents.map((x) => partyShort(outline, x)).join(', ')}` : ''}) →{' '}
            <a href={href('text', { version: view.to.id })} dir="auto">
              {view.to.title}, {view.to.label}
            </a>{' '}
            ({view.to.date}
            {view.to.proponents.length ? `, ${view.to.proponents.map((x) => partyShort(outline, x)).join(', ')}` : ''}) · {view.pairs.length} pairs,{' '}
            {view.mode === 'paraphrase' ? 'independent renderings compared by substance' : 'wording compared word for word'}
            {view.stored?.overrides.length ? ` · ${view.stored.overrides.length} decided by a person` : ''}.
          </p>
          <ul className="legend change-counts" aria-label="Pairs by change kind">
            {KINDS.filter((k) => view.counts[k as keyof typeof view.counts]).map((k) => (
              <li key={k} data-change={k}>
                <ChangeMark change={k} />: {view.counts[k as keyof typeof view.counts]}
              </li>
            ))}
            <li className="small muted">
              <del>struck through</del> deleted · <ins>underlined</ins> inserted
            </li>
          </ul>
          {view.staleOverrides.length > 0 && (
            <p className="alert" role="note">
              {view.staleOverrides.length} stored decision{view.staleOverrides.length === 1 ? '' : 's'} name points not found in these versions and are not applied.
            </p>
          )}
          <table className="data compare-table">
            <caption className="sr-only">
              Points of {view.from.label} (left) aligned with points of {view.to.label} (right), with the change between them
            </caption>
            <thead>
              <tr>
                <th scope="col" className="col-side">
                  A: <span dir="auto">{view.from.title}</span>, {view.from.label}
                </th>
                <th scope="col" className="col-change">
                  Change
                </th>
                <th scope="col" className="col-side">
                  B: <span dir="auto">{view.to.title}</span>, {view.to.label}
                </th>
              </tr>
            </thead>
            <tbody>
              {pairs.map(({ p, i }) => (
                <Fragment key={i}>
                  <tr data-pair-index={i} data-from={p.from.join(',')} data-to={p.to.join(',')} className={`pair pair-${p.change}${p.overridden ? ' overridden' : ''}`}>
                    <td>
                      <Side keys={p.from} units={unitsA} pair={p} side="old" />
                    </td>
                    <td className="pair-change">
                      <ChangeMark change={p.change} moved={p.moved} reworded={rewords(p.diff)} />
                      {p.change !== 'added' && p.change !== 'deleted' ? <span className="small muted block">similarity {similarityLabel(p.similarity, rewords(p.diff))}</span> : null}
                      {p.overridden ? (
                        <span className="decided small block">
                          <span aria-hidden="true">✔</span> decided by a person
                        </span>
                      ) : null}
                      {canEdit && (
                        <button
                          type="button"
                          className="link-button small block decide-button"
                          aria-expanded={open === i}
                          aria-controls={open === i ? `decide-row-${i}` : undefined}
                          onClick={() => {
                            setMessage('');
                            setOpen(open === i ? null : i);
                          }}
                        >
                          Decide<span className="sr-only"> on pair {p.from.join('+') || 'none'} → {p.to.join('+') || 'none'}</span>
                        </button>
                      )}
                    </td>
                    <td>
                      <Side keys={p.to} units={unitsB} pair={p} side="new" />
                    </td>
                  </tr>
                  {open === i && (
                    <tr id={`decide-row-${i}`} className="decide-tr">
                      <td colSpan={3}>
                        <Decide pair={p} view={view} index={i} onSaved={saved} onClose={() => setOpen(null)} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
          {pairs.length === 0 && <p className="muted">No pair matches the filter.</p>}
        </>
      )}
    </section>
  );
}
