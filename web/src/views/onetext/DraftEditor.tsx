/**
 * The draft editor of the mediator's team (`#/onetext?draft=ID`): the point tree of a draft of the
 * next version, each point opened in turn to edit its wording, number and status, move it (up,
 * down, under another axis), split it at the caret, bracket the selected words with the parties
 * that want them, give it Option A/B alternatives, delete it or add a point after it. Every action
 * is one conditional save (`POST /drafts/:id/edits` with the entity tag last read): a save by
 * someone else meanwhile is reported, never overwritten. Lineage ids are kept by the server.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { z } from 'zod';
import type { Draft, Provision } from '../../../../src/model/schemas.js';
import type { DraftOp } from '../../../../src/model/inputs.js';
import { useTagged, useWrite } from '../../api/queries.js';
import { href, partyShort, ProvisionText, TextStatusBadge, useWorkbench, vocabLabel } from '../../ui.js';
import { clock, failed, flatten, provisionName, type SaveState, SaveStatus } from './common.js';
import { TableForm } from './TableForm.js';

const PointForm = z.object({
  num: z.string().trim().max(32, 'at most 32 characters'),
  text: z.string().max(100_000, 'at most 100,000 characters'),
  status: z.string(),
});
type PointForm = z.infer<typeof PointForm>;

const AltForm = z.object({
  options: z.array(z.object({ label: z.string().regex(/^([A-Z]|\d{1,2})$/, 'one capital letter or a number'), text: z.string().trim().min(1, 'give the wording of the option'), proponents: z.array(z.string()) })).max(12),
});
type AltForm = z.infer<typeof AltForm>;

/** Replace the provisions a save touched (by lineage) in a tree. */
function withTouched(tree: Provision[], touched: Provision[]): Provision[] {
  const by = new Map(touched.map((p) => [p.lineage, p]));
  const fix = (ps: Provision[]): Provision[] => ps.map((p) => (by.has(p.lineage) ? { ...by.get(p.lineage)!, children: fix(p.children) } : { ...p, children: fix(p.children) }));
  return fix(tree);
}

export function DraftEditor({ id }: { id: string }) {
  const wb = useWorkbench();
  const q = useTagged('/api/processes/{pid}/drafts/{id}', { path: { pid: wb.pid, id } });
  const write = useWrite();
  const [doc, setDoc] = useState<{ draft: Draft; etag: string } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [save, setSave] = useState<SaveState>({ state: 'idle' });

  useEffect(() => {
    if (q.data && q.data.etag && (!doc || doc.draft.id !== q.data.data.id)) setDoc({ draft: q.data.data, etag: q.data.etag });
  }, [q.data, doc]);

  if (q.isError) {
    return (
      <section>
        <h1 tabIndex={-1}>Draft</h1>
        <p role="alert" className="alert">
          {q.error.message}
        </p>
        <p>
          <a href={href('onetext')}>Back to the rounds</a>
        </p>
      </section>
    );
  }
  if (!doc) return <p role="status">Loading the draft…</p>;
  const { draft, etag } = doc;
  const base = wb.outline.versions.find((v) => v.id === draft.basedOn);
  const tabled = draft.status === 'tabled';

  /** Apply edits in one conditional save; true when saved. */
  const apply = async (ops: DraftOp[], what: string): Promise<boolean> => {
    setSave({ state: 'saving' });
    try {
      const r = await write({ method: 'post', path: '/api/processes/{pid}/drafts/{id}/edits', params: { path: { pid: wb.pid, id } }, body: { ops } as never, ifMatch: etag });
      const reply = r.data;
      setDoc({ draft: reply.draft ?? { ...draft, provisions: withTouched(draft.provisions, reply.touched), updatedAt: reply.updatedAt }, etag: reply.etag });
      setSave({ state: 'saved', at: clock(), what });
      return true;
    } catch (err) {
      setSave(failed(err));
      return false;
    }
  };

  const rows = flatten(draft.provisions);
  const axes = rows.filter((r) => r.p.kind === 'axis');

  return (
    <section className="onetext">
      <h1 tabIndex={-1}>
        Draft{draft.title ? `: ${draft.title}` : ''} {tabled && <span className="badge">tabled as {draft.tabledAs}</span>}
      </h1>
      <p className="lede">
        Revises {base ? `${base.title} ${base.label} (${base.date})` : 'no version'} · visible to the mediator’s team only · {rows.filter((r) => r.p.kind === 'point').length} points.{' '}
        <a href={href('onetext', { revise: id })}>Critiques side by side</a> · <a href={href('onetext')}>All rounds</a>
      </p>
      <SaveStatus s={save} />
      <ol className="ot-tree" aria-label="Points of the draft">
        {rows.map(({ p, depth, parent, index }) => {
          const siblings = parent === null ? draft.provisions : rows.find((r) => r.p.lineage === parent)!.p.children;
          const isOpen = open === p.lineage;
          return (
            <li key={p.lineage} className={`ot-node ot-${p.kind}${isOpen ? ' ot-open' : ''}`} style={{ marginInlineStart: `${depth * 1.2}rem` }} data-lineage={p.lineage}>
              <div className="ot-node-head">
                <span className="ot-num">{provisionName(p)}</span> <TextStatusBadge status={p.status} />
                {!isOpen && (
                  <p className="ot-text" dir="auto">
                    <ProvisionText p={p} />
                  </p>
                )}
                {!tabled && (
                  <button type="button" className="link-button" aria-expanded={isOpen} onClick={() => setOpen(isOpen ? null : p.lineage)}>
                    {isOpen ? 'Close' : 'Edit'}
                    <span className="sr-only"> {provisionName(p)}</span>
                  </button>
                )}
              </div>
              {isOpen && (
                <NodeEditor
                  key={p.lineage}
                  p={p}
                  parent={parent}
                  index={index}
                  siblings={siblings.length}
                  axes={axes.map((a) => ({ lineage: a.p.lineage, name: provisionName(a.p) }))}
                  apply={apply}
                  onDeleted={() => setOpen(null)}
                />
              )}
            </li>
          );
        })}
      </ol>
      {!tabled && (
        <p>
          <button type="button" onClick={() => void apply([{ op: 'add', kind: axes.length ? 'axis' : 'point', parent: null, text: '', ...(axes.length ? { heading: 'New section' } : {}) }], 'Added')}>
            Add a {axes.length ? 'section' : 'point'} at the end
          </button>{' '}
          <button type="button" onClick={() => void apply([{ op: 'renumber' }], 'Renumbered')}>
            Renumber the points
          </button>
        </p>
      )}
      {!tabled && <TableForm draft={draft} />}
    </section>
  );
}

/** The editor of one open provision. */
function NodeEditor(props: { p: Provision; parent: string | null; index: number; siblings: number; axes: { lineage: string; name: string }[]; apply: (ops: DraftOp[], what: string) => Promise<boolean>; onDeleted: () => void }) {
  const { p, apply } = props;
  const wb = useWorkbench();
  const textRef = useRef<HTMLTextAreaElement | null>(null);
  const [proponents, setProponents] = useState<string[]>([]);
  const [target, setTarget] = useState('');
  const [showAlt, setShowAlt] = useState(false);
  const form = useForm<PointForm>({ resolver: zodResolver(PointForm), defaultValues: { num: p.num ?? '', text: p.text, status: '' } });
  // After a save the form shows the wording as stored (brackets added, a split's first half).
  useEffect(() => form.reset({ num: p.num ?? '', text: p.text, status: '' }), [p, form]);
  const { ref: textRegRef, ...textReg } = form.register('text');
  const errs = form.formState.errors;
  const uid = p.lineage.replace(/[^A-Za-z0-9_-]/g, '_');

  /** The wording in the form as a `set` edit (saved first, so that offsets match what is shown). */
  const setOp = (v: PointForm): DraftOp => ({ op: 'set', lineage: p.lineage, text: v.text, num: v.num.trim() || null, ...(v.status ? { status: v.status as never } : {}) });
  const selection = () => ({ start: textRef.current?.selectionStart ?? 0, end: textRef.current?.selectionEnd ?? 0 });
  const parties = wb.outline.parties;

  return (
    <div className="ot-editor">
      <form
        onSubmit={form.handleSubmit((v) => void apply([setOp(v)], 'Saved'))}
        aria-label={`Edit ${provisionName(p)}`}
        noValidate
      >
        <div className="ot-row">
          <div className="field">
            <label htmlFor={`num-${uid}`}>Number</label>
            <input id={`num-${uid}`} {...form.register('num')} size={6} aria-invalid={Boolean(errs.num)} />
          </div>
          <div className="field">
            <label htmlFor={`status-${uid}`}>Text status</label>
            <select id={`status-${uid}`} {...form.register('status')}>
              <option value="">read from the text ({vocabLabel(p.status)})</option>
              {wb.vocab.textStatuses.map((s) => (
                <option key={s} value={s}>
                  {vocabLabel(s)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="field">
          <label htmlFor={`text-${uid}`}>{p.kind === 'axis' ? 'Text under the heading' : 'Wording'}</label>
          <textarea
            id={`text-${uid}`}
            rows={4}
            dir="auto"
            {...textReg}
            ref={(el) => {
              textRegRef(el);
              textRef.current = el;
            }}
            aria-describedby={`text-hint-${uid}`}
          />
          <span className="hint" id={`text-hint-${uid}`}>
            Square brackets mark disputed words. To split or bracket, put the caret or select words here first.
          </span>
          {errs.text && <span className="error">{errs.text.message}</span>}
        </div>
        <fieldset className="ot-proponents">
          <legend>Parties that want the bracketed words</legend>
          {parties.map((x) => (
            <label key={x.id} className="ot-check">
              <input type="checkbox" checked={proponents.includes(x.id)} onChange={(e) => setProponents((ps) => (e.target.checked ? [...ps, x.id] : ps.filter((y) => y !== x.id)))} /> {x.short ?? x.name}
            </label>
          ))}
        </fieldset>
        <div className="ot-actions">
          <button type="submit">Save wording</button>
          <button
            type="button"
            onClick={form.handleSubmit(async (v) => {
              const { start, end } = selection();
              if (end <= start) return form.setError('text', { message: 'select the words to bracket first' });
              await apply([setOp(v), { op: 'bracket', lineage: p.lineage, start, end, proponents }], 'Bracketed');
            })}
          >
            Bracket selected words
          </button>
          <button
            type="button"
            onClick={form.handleSubmit(async (v) => {
              const { start } = selection();
              if (start <= 0 || start >= v.text.length) return form.setError('text', { message: 'put the caret where the second point should begin' });
              await apply([setOp(v), { op: 'split', lineage: p.lineage, at: start }], 'Split');
            })}
          >
            Split at the caret
          </button>
          <button type="button" aria-expanded={showAlt} onClick={() => setShowAlt((s) => !s)}>
            Option A/B alternatives
          </button>
        </div>
      </form>
      {showAlt && <AlternativesForm p={p} apply={apply} />}
      <div className="ot-actions" role="group" aria-label={`Move or remove ${provisionName(p)}`}>
        <button type="button" disabled={props.index === 0} onClick={() => void apply([{ op: 'move', lineage: p.lineage, parent: props.parent, index: props.index - 1 }], 'Moved up')}>
          Move up
        </button>
        <button type="button" disabled={props.index >= props.siblings - 1} onClick={() => void apply([{ op: 'move', lineage: p.lineage, parent: props.parent, index: props.index + 1 }], 'Moved down')}>
          Move down
        </button>
        {p.kind === 'point' && props.axes.length > 0 && (
          <span className="ot-inline">
            <label htmlFor={`move-${uid}`}>Move under</label>{' '}
            <select id={`move-${uid}`} value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">choose a section…</option>
              {props.axes
                .filter((a) => a.lineage !== props.parent)
                .map((a) => (
                  <option key={a.lineage} value={a.lineage}>
                    {a.name}
                  </option>
                ))}
            </select>{' '}
            <button type="button" disabled={!target} onClick={() => void apply([{ op: 'move', lineage: p.lineage, parent: target, index: 10_000 }], 'Moved')}>
              Move
            </button>
          </span>
        )}
        <button type="button" onClick={() => void apply([{ op: 'add', kind: p.kind === 'axis' ? 'point' : p.kind, parent: p.kind === 'axis' ? p.lineage : props.parent, index: p.kind === 'axis' ? 0 : props.index + 1, text: '' }], 'Added a point')}>
          Add a point {p.kind === 'axis' ? 'at the start' : 'after'}
        </button>
        <button
          type="button"
          className="danger"
          onClick={async () => {
            if (await apply([{ op: 'delete', lineage: p.lineage }], 'Deleted')) props.onDeleted();
          }}
        >
          Delete
        </button>
      </div>
      {p.brackets.length > 0 && (
        <p className="small">
          Brackets: {p.brackets.map((b, i) => `[${b.text}]${b.proponents.length ? ` (${b.proponents.map((x) => partyShort(wb.outline, x)).join(', ')})` : ''}`).join(' · ')}
        </p>
      )}
    </div>
  );
}

/** Option A/B alternatives of a point, each with its proponents (none: the alternatives are removed). */
function AlternativesForm({ p, apply }: { p: Provision; apply: (ops: DraftOp[], what: string) => Promise<boolean> }) {
  const wb = useWorkbench();
  const form = useForm<AltForm>({
    resolver: zodResolver(AltForm),
    defaultValues: { options: p.alternatives.length ? p.alternatives.map((a) => ({ label: a.label, text: a.text, proponents: a.proponents })) : [{ label: 'A', text: p.text, proponents: [] }, { label: 'B', text: '', proponents: [] }] },
  });
  const { fields, append, remove } = useFieldArray({ control: form.control, name: 'options' });
  const errs = form.formState.errors.options;
  const uid = p.lineage.replace(/[^A-Za-z0-9_-]/g, '_');
  return (
    <form className="ot-alt" noValidate aria-label={`Alternatives of ${provisionName(p)}`} onSubmit={form.handleSubmit((v) => void apply([{ op: 'alternatives', lineage: p.lineage, options: v.options }], 'Alternatives saved'))}>
      {fields.map((f, i) => (
        <fieldset key={f.id}>
          <legend>Option {form.watch(`options.${i}.label`) || i + 1}</legend>
          <div className="ot-row">
            <div className="field">
              <label htmlFor={`alt-l-${uid}-${i}`}>Label</label>
              <input id={`alt-l-${uid}-${i}`} size={3} {...form.register(`options.${i}.label`)} aria-invalid={Boolean(errs?.[i]?.label)} />
              {errs?.[i]?.label && <span className="error">{errs[i]!.label!.message}</span>}
            </div>
          </div>
          <div className="field">
            <label htmlFor={`alt-t-${uid}-${i}`}>Wording</label>
            <textarea id={`alt-t-${uid}-${i}`} rows={2} dir="auto" {...form.register(`options.${i}.text`)} aria-invalid={Boolean(errs?.[i]?.text)} />
            {errs?.[i]?.text && <span className="error">{errs[i]!.text!.message}</span>}
          </div>
          <div className="ot-proponents" role="group" aria-label={`Parties that want option ${i + 1}`}>
            {wb.outline.parties.map((x) => (
              <label key={x.id} className="ot-check">
                <input type="checkbox" value={x.id} {...form.register(`options.${i}.proponents`)} /> {x.short ?? x.name}
              </label>
            ))}
          </div>
          <button type="button" className="link-button" onClick={() => remove(i)}>
            Remove option {i + 1}
          </button>
        </fieldset>
      ))}
      <div className="ot-actions">
        <button type="button" onClick={() => append({ label: String.fromCharCode(65 + fields.length), text: '', proponents: [] })}>
          Add an option
        </button>
        <button type="submit">Save alternatives</button>
      </div>
    </form>
  );
}
