/**
 * A delegation's critique of a tabled version (`#/onetext?critique=ID`): per point, no answer or
 * agree / agree with a reservation (its conditions) / propose an amendment (the whole point as the
 * party would word it) / reject, with a note. Saved while written (seen by the party alone),
 * submitted to the mediator's team (which records the party's positions as of the date, the
 * answers as their evidence), and published when the party wants it public.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useFieldArray, useForm, useWatch, type Control } from 'react-hook-form';
import { z } from 'zod';
import type { Critique, Provision, Version } from '../../../../src/model/schemas.js';
import { useApi, useTagged, useWrite } from '../../api/queries.js';
import { href, partyName, ProvisionText, useWorkbench } from '../../ui.js';
import { clock, CRITIQUE_STANCES, failed, flatten, provisionName, type SaveState, SaveStatus } from './common.js';

const Answer = z
  .object({
    provision: z.string(),
    stance: z.enum(['', 'accepts', 'accepts-with-conditions', 'proposes-alternative', 'rejects']),
    conditions: z.string().trim(),
    amendment: z.string().trim(),
    note: z.string().trim(),
  })
  .superRefine((a, ctx) => {
    if (a.stance === 'accepts-with-conditions' && !a.conditions) ctx.addIssue({ code: 'custom', path: ['conditions'], message: 'say what your reservation is' });
    if (a.stance === 'proposes-alternative' && !a.amendment) ctx.addIssue({ code: 'custom', path: ['amendment'], message: 'give the wording you propose' });
  });
const CritiqueValues = z.object({ answers: z.array(Answer), note: z.string().trim(), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD') });
type CritiqueValues = z.infer<typeof CritiqueValues>;

/** The answers of the form as the API takes them (points left unanswered dropped). */
function answersOf(v: CritiqueValues): Critique['answers'] {
  return v.answers
    .filter((a) => a.stance !== '')
    .map((a) => ({
      provision: a.provision,
      stance: a.stance as Critique['answers'][number]['stance'],
      ...(a.stance === 'accepts-with-conditions' && a.conditions ? { conditions: a.conditions } : {}),
      ...(a.stance === 'proposes-alternative' && a.amendment ? { amendment: a.amendment } : {}),
      ...(a.note ? { note: a.note } : {}),
    }));
}

export function CritiqueEditor({ id }: { id: string }) {
  const wb = useWorkbench();
  const q = useTagged('/api/processes/{pid}/critiques/{id}', { path: { pid: wb.pid, id } });
  const versionId = q.data?.data.version ?? '';
  const v = useApi('/api/processes/{pid}/versions/{id}', { path: { pid: wb.pid, id: versionId } }, { enabled: Boolean(versionId) });
  if (q.isError) {
    return (
      <section>
        <h1 tabIndex={-1}>Critique</h1>
        <p role="alert" className="alert">
          {q.error.message}
        </p>
        <p>
          <a href={href('onetext')}>Back to the rounds</a>
        </p>
      </section>
    );
  }
  if (!q.data?.etag || !v.data) return <p role="status">Loading the critique…</p>;
  return <CritiqueForm critique={q.data.data} etag={q.data.etag} version={v.data as unknown as Version} />;
}

function CritiqueForm({ critique, etag: firstTag, version }: { critique: Critique; etag: string; version: Version }) {
  const wb = useWorkbench();
  const write = useWrite();
  const [etag, setEtag] = useState(firstTag);
  const [state, setState] = useState<Pick<Critique, 'status' | 'submittedAt' | 'visibility'>>(critique);
  const [save, setSave] = useState<SaveState>({ state: 'idle' });
  const points = flatten(version.provisions).filter((r) => r.p.kind !== 'axis');
  const given = new Map(critique.answers.map((a) => [a.provision, a]));
  const form = useForm<CritiqueValues>({
    resolver: zodResolver(CritiqueValues),
    defaultValues: {
      note: critique.note ?? '',
      date: critique.submittedAt ?? new Date().toISOString().slice(0, 10),
      answers: points.map(({ p }) => {
        const a = given.get(p.lineage);
        return { provision: p.lineage, stance: a?.stance ?? '', conditions: a?.conditions ?? '', amendment: a?.amendment ?? '', note: a?.note ?? '' };
      }),
    },
  });
  const { fields } = useFieldArray({ control: form.control, name: 'answers' });
  const versionName = `${wb.outline.documents.find((d) => d.id === version.document)?.title ?? version.document} ${version.label}`;
  const published = state.visibility === 'public';

  const saveDraft = form.handleSubmit(async (v) => {
    setSave({ state: 'saving' });
    try {
      const r = await write({ method: 'put', path: '/api/processes/{pid}/critiques/{id}', params: { path: { pid: wb.pid, id: critique.id } }, body: { answers: answersOf(v), note: v.note || null } as never, ifMatch: etag });
      setEtag(r.etag ?? etag);
      setSave({ state: 'saved', at: clock() });
    } catch (err) {
      setSave(failed(err));
    }
  });
  const submit = form.handleSubmit(async (v) => {
    setSave({ state: 'saving' });
    try {
      const r = await write({ method: 'post', path: '/api/processes/{pid}/critiques/{id}/submit', params: { path: { pid: wb.pid, id: critique.id } }, body: { date: v.date, answers: answersOf(v) as never, note: v.note || null }, ifMatch: etag });
      setEtag(r.data.etag);
      setState(r.data.critique);
      setSave({ state: 'saved', at: clock(), what: `Submitted to the mediator’s team (${r.data.positions.length} positions recorded)` });
    } catch (err) {
      setSave(failed(err));
    }
  });
  const publish = async () => {
    setSave({ state: 'saving' });
    try {
      const r = await write({ method: 'post', path: '/api/processes/{pid}/critiques/{id}/publish', params: { path: { pid: wb.pid, id: critique.id } }, ifMatch: etag });
      setEtag(r.etag ?? etag);
      setState(r.data);
      setSave({ state: 'saved', at: clock(), what: 'Published' });
    } catch (err) {
      setSave(failed(err));
    }
  };

  return (
    <section className="onetext">
      <h1 tabIndex={-1}>
        Critique of {versionName} by {partyName(wb.outline, critique.party)}
      </h1>
      <p className="lede">
        {state.status === 'submitted' ? `Submitted on ${state.submittedAt}` : 'Being written: only your delegation sees it'} ·{' '}
        {published ? 'public' : state.status === 'submitted' ? 'seen by your delegation and the mediator’s team' : 'not yet shared'} · <a href={href('onetext')}>All rounds</a>
      </p>
      <form onSubmit={submit} noValidate aria-label={`Critique of ${versionName}`}>
        <ol className="ot-critique">
          {fields.map((f, i) => (
            <AnswerRow key={f.id} i={i} p={points[i]!.p} depth={points[i]!.depth} control={form.control} form={form} />
          ))}
        </ol>
        <div className="field">
          <label htmlFor="critique-note">Covering note</label>
          <textarea id="critique-note" rows={2} dir="auto" {...form.register('note')} />
        </div>
        <div className="field">
          <label htmlFor="critique-date">Date of the submission</label>
          <input id="critique-date" type="date" {...form.register('date')} aria-invalid={Boolean(form.formState.errors.date)} />
          {form.formState.errors.date && <span className="error">{form.formState.errors.date.message}</span>}
        </div>
        {Object.keys(form.formState.errors).length > 0 && (
          <p role="alert" className="alert">
            Some answers are incomplete: see the points marked below.
          </p>
        )}
        <SaveStatus s={save} />
        <div className="ot-actions">
          {state.status !== 'submitted' && (
            <button type="button" onClick={() => void saveDraft()}>
              Save without submitting
            </button>
          )}
          <button type="submit">{state.status === 'submitted' ? 'Submit again' : 'Submit to the mediator'}</button>
          {state.status === 'submitted' && !published && (
            <button type="button" onClick={() => void publish()}>
              Publish
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

/** One point's answer: the wording tabled, the stance, and the field the stance asks for. */
function AnswerRow({ i, p, depth, control, form }: { i: number; p: Provision; depth: number; control: Control<CritiqueValues>; form: ReturnType<typeof useForm<CritiqueValues>> }) {
  const stance = useWatch({ control, name: `answers.${i}.stance` });
  // An amendment starts from the wording tabled, to be changed where the party wants it changed.
  useEffect(() => {
    if (stance === 'proposes-alternative' && !form.getValues(`answers.${i}.amendment`)) form.setValue(`answers.${i}.amendment`, p.text);
  }, [stance, form, i, p.text]);
  const errs = form.formState.errors.answers?.[i];
  const uid = `a-${i}`;
  const name = provisionName(p);
  return (
    <li className="ot-answer card" style={{ marginInlineStart: `${depth * 1}rem` }} data-lineage={p.lineage}>
      <fieldset>
        <legend>
          <strong>{name}</strong>
        </legend>
        <p className="ot-text" dir="auto" id={`${uid}-text`}>
          <ProvisionText p={p} />
        </p>
        <div className="ot-stances" role="radiogroup" aria-label={`Your answer on ${name}`} aria-describedby={`${uid}-text`}>
          <label className="ot-check">
            <input type="radio" value="" {...form.register(`answers.${i}.stance`)} /> No answer
          </label>
          {CRITIQUE_STANCES.map((s) => (
            <label key={s.value} className="ot-check" title={s.hint}>
              <input type="radio" value={s.value} {...form.register(`answers.${i}.stance`)} /> {s.label}
            </label>
          ))}
        </div>
        {stance === 'accepts-with-conditions' && (
          <div className="field">
            <label htmlFor={`${uid}-cond`}>Your reservation on {name}</label>
            <textarea id={`${uid}-cond`} rows={2} dir="auto" {...form.register(`answers.${i}.conditions`)} aria-invalid={Boolean(errs?.conditions)} aria-describedby={errs?.conditions ? `${uid}-cond-err` : undefined} />
            {errs?.conditions && (
              <span className="error" id={`${uid}-cond-err`}>
                {errs.conditions.message}
              </span>
            )}
          </div>
        )}
        {stance === 'proposes-alternative' && (
          <div className="field">
            <label htmlFor={`${uid}-amend`}>Your wording of {name}</label>
            <textarea
              id={`${uid}-amend`}
              rows={3}
              dir="auto"
              {...form.register(`answers.${i}.amendment`)}
              aria-invalid={Boolean(errs?.amendment)}
              aria-describedby={`${uid}-amend-hint${errs?.amendment ? ` ${uid}-amend-err` : ''}`}
            />
            <span className="hint" id={`${uid}-amend-hint`}>
              The whole point as you would word it; the mediator sees the words you changed.
            </span>
            {errs?.amendment && (
              <span className="error" id={`${uid}-amend-err`}>
                {errs.amendment.message}
              </span>
            )}
          </div>
        )}
        {stance !== '' && (
          <div className="field">
            <label htmlFor={`${uid}-note`}>Note on {name}</label>
            <input id={`${uid}-note`} dir="auto" {...form.register(`answers.${i}.note`)} />
          </div>
        )}
      </fieldset>
    </li>
  );
}
