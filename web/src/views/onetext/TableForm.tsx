/**
 * "Table this draft": the form that makes a draft an immutable version (`POST /drafts/:id/table`)
 * with its label, date, the event of the record where it is tabled and its proponents; then opens
 * the comparison of the new version with the one it revises.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import type { Draft } from '../../../../src/model/schemas.js';
import { messageOf } from '../../api/client.js';
import { useWrite } from '../../api/queries.js';
import { useWorkbench } from '../../ui.js';

const TableValues = z.object({
  label: z.string().trim().max(200, 'at most 200 characters'),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD'),
  event: z.string(),
  proponents: z.array(z.string()),
  note: z.string().trim(),
});
type TableValues = z.infer<typeof TableValues>;

/** The table form of a draft (see the module doc). */
export function TableForm({ draft }: { draft: Pick<Draft, 'id' | 'document' | 'basedOn'> }) {
  const wb = useWorkbench();
  const write = useWrite();
  const [error, setError] = useState<string | null>(null);
  const doc = wb.outline.documents.find((d) => d.id === draft.document);
  const form = useForm<TableValues>({
    resolver: zodResolver(TableValues),
    defaultValues: { label: '', date: new Date().toISOString().slice(0, 10), event: '', proponents: doc?.proponents ?? [], note: '' },
  });
  const errs = form.formState.errors;
  const submit = form.handleSubmit(async (v) => {
    setError(null);
    try {
      const r = await write({
        method: 'post',
        path: '/api/processes/{pid}/drafts/{id}/table',
        params: { path: { pid: wb.pid, id: draft.id } },
        body: { date: v.date, ...(v.label ? { label: v.label } : {}), ...(v.event ? { event: v.event } : {}), ...(v.proponents.length ? { proponents: v.proponents } : {}), ...(v.note ? { note: v.note } : {}) },
      });
      await wb.reload();
      wb.navigate('compare', { from: draft.basedOn ?? undefined, to: r.data.version.id });
    } catch (err) {
      setError(messageOf(err));
    }
  });
  const id = (n: string) => `table-${n}-${draft.id}`;
  return (
    <form className="ot-table card" onSubmit={submit} noValidate aria-labelledby={id('h')}>
      <h2 id={id('h')}>Table this draft as the next version</h2>
      <p className="small">The version is final once tabled: the parties see it and may critique it.</p>
      <div className="ot-row">
        <div className="field">
          <label htmlFor={id('label')}>Label</label>
          <input id={id('label')} placeholder="v2" {...form.register('label')} aria-describedby={id('label-hint')} />
          <span className="hint" id={id('label-hint')}>
            empty: the next number
          </span>
        </div>
        <div className="field">
          <label htmlFor={id('date')}>Date tabled</label>
          <input id={id('date')} type="date" {...form.register('date')} aria-invalid={Boolean(errs.date)} />
          {errs.date && <span className="error">{errs.date.message}</span>}
        </div>
        <div className="field">
          <label htmlFor={id('event')}>Tabled at</label>
          <select id={id('event')} {...form.register('event')}>
            <option value="">no event of the record</option>
            {wb.outline.events.map((e) => (
              <option key={e.id} value={e.id}>
                {e.start} · {e.title}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset className="ot-proponents">
        <legend>Tabled by</legend>
        {wb.outline.parties.map((p) => (
          <label key={p.id} className="ot-check">
            <input type="checkbox" value={p.id} {...form.register('proponents')} /> {p.short ?? p.name}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={id('note')}>Note</label>
        <input id={id('note')} {...form.register('note')} />
      </div>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={form.formState.isSubmitting}>
        Table the version
      </button>
    </form>
  );
}
