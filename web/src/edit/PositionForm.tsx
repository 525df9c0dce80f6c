/**
 * The stance form: a party's stance on a point (or the whole document) as of a date, optionally with
 * the evidence it rests on and the source that reported it, saved together through `POST /stances`
 * (src/services/stances.ts: one transaction, the rules of src/model/stance.ts). A party delegate
 * records its own party's stances there; the access policy refuses another party's.
 */
import { type FormEvent, useRef } from 'react';
import { newId, type Position } from '../api.js';
import { useApi, useWrite } from '../api/queries.js';
import { Field, href, NamedOptions, partyName, useWorkbench, VocabOptions } from '../ui.js';
import { DATE_HINT, opt, sourceLabel, today } from './common.js';
import { Outcome, SaveActions } from './save.js';
import { StanceInput } from './schemas.js';
import { useSchemaForm } from './schema-form.js';

/** The stance form's values as typed; field names are their paths (`position.asOf`), the request body's own. */
interface StanceValues {
  position: { party: string; provision: string; stance: string; asOf: string; conditions: string; note: string; visibility: { confidentialTo: string } };
  /** Evidence is optional: a plain stance is a party, a point, a stance and a date. */
  withEvidence: boolean;
  evidence: { speaker: string; onBehalfOf: string; form: string; text: string; saidAt: string; attribution: string; event: string; sources: string[] };
  sourceMode: 'none' | 'existing' | 'new';
  source: { url: string; outlet: string; title: string; publishedAt: string };
}

/** The stance form; `editing` is the position changed (absent: a new stance, party and point from `params`). */
export function PositionForm({ params, editing }: { params: URLSearchParams; editing?: Position }) {
  const { pid, outline: data, vocab } = useWorkbench();
  const write = useWrite();
  const points = useApi('/api/processes/{pid}/points', { path: { pid } }).data ?? [];
  const sources = useApi('/api/processes/{pid}/sources', { path: { pid } }).data ?? [];
  const blank = (): StanceValues => ({
    position: {
      party: editing?.party ?? params.get('party') ?? '',
      provision: editing?.provision ?? params.get('point') ?? '',
      stance: editing?.stance ?? '',
      asOf: editing?.asOf ?? today(),
      conditions: editing?.conditions ?? '',
      note: editing?.note ?? '',
      visibility: { confidentialTo: editing && typeof editing.visibility === 'object' ? editing.visibility.confidentialTo : '' },
    },
    withEvidence: false,
    evidence: { speaker: '', onBehalfOf: '', form: 'paraphrase', text: '', saidAt: '', attribution: 'on-record', event: '', sources: [''] },
    sourceMode: 'new',
    source: { url: '', outlet: '', title: '', publishedAt: '' },
  });
  // Ids fixed per form, so that saving again after a failure or a typo fix updates instead of duplicating.
  const ids = useRef({ pos: editing?.id ?? newId('pos'), evd: newId('evd'), src: newId('src') });
  // The party and point of the stance this form last saved (a new one, not `editing`): saving again
  // for another party or point records another stance, never replaces the saved one.
  const savedKey = useRef<string | null>(null);
  const { form, state, snap, onSubmit, resetSave } = useSchemaForm({
    schema: StanceInput,
    defaultValues: blank(),
    toBody: (f: StanceValues) => {
      const p = f.position;
      // A required field left empty is left out, so that the schema's refusal reads "required".
      const position = {
        ...(editing ?? {}),
        id: ids.current.pos,
        party: opt(p.party) as string,
        provision: opt(p.provision),
        stance: opt(p.stance) as Position['stance'],
        asOf: opt(p.asOf),
        conditions: opt(p.conditions),
        note: opt(p.note),
        visibility: p.visibility.confidentialTo ? { confidentialTo: p.visibility.confidentialTo } : ('public' as const),
        evidence: editing ? [...editing.evidence] : [],
      };
      // The evidence speaks for the position's party, on its date, in its layer, unless it says
      // otherwise; a speaker named like a known person is that person (the service's rules).
      const e = f.evidence;
      const evidence = f.withEvidence
        ? {
            id: ids.current.evd,
            speaker: e.speaker.trim(),
            onBehalfOf: opt(e.onBehalfOf),
            form: e.form as 'quote' | 'paraphrase',
            text: e.text.trim(),
            saidAt: opt(e.saidAt),
            attribution: e.attribution as 'on-record',
            sources: f.sourceMode === 'existing' && e.sources[0] ? [e.sources[0]] : [],
            event: opt(e.event),
          }
        : undefined;
      const s = f.source;
      const source = f.withEvidence && f.sourceMode === 'new' ? { id: ids.current.src, url: s.url.trim(), outlet: opt(s.outlet), title: opt(s.title), publishedAt: opt(s.publishedAt) } : undefined;
      return { position, ...(evidence ? { evidence } : {}), ...(source ? { source } : {}) };
    },
    send: async (body, f) => {
      await write({ method: 'post', path: '/api/processes/{pid}/stances', params: { path: { pid } }, body: body as never });
      const { party, provision, stance, asOf } = f.position;
      if (!editing) savedKey.current = `${party}|${provision}`;
      const label = vocab.stances.find((s) => s.value === stance)?.label ?? stance;
      return (
        <>
          Saved: {partyName(data, party)} {label.toLowerCase()} on{' '}
          {provision ? (
            <>
              point <bdi>{points.flatMap((g) => g.points).find((x) => x.lineage === provision)?.label ?? provision}</bdi>
            </>
          ) : (
            'the document'
          )}{' '}
          as of {asOf}.{' '}
          <a href={href('positions', { asOf: asOf.length === 10 ? asOf : undefined })}>See the matrix</a>
          {provision ? (
            <>
              {' · '}
              <a href={href('text', { point: provision })}>See the point</a>
            </>
          ) : null}
        </>
      );
    },
  });
  const reg = form.register;
  const f = form.watch();
  const key = `${f.position.party}|${f.position.provision}`;
  const another = !editing && savedKey.current !== null && savedKey.current !== key;
  const recordAnother = () => {
    ids.current = { pos: newId('pos'), evd: newId('evd'), src: newId('src') };
    savedKey.current = null;
    const fresh = blank();
    form.reset({ ...fresh, position: { ...fresh.position, party: f.position.party, asOf: f.position.asOf } });
    resetSave();
    requestAnimationFrame(() => (document.querySelector('[name="position.provision"]') as HTMLElement | null)?.focus());
  };
  const submit = (e: FormEvent) => {
    if (another && !state.busy) ids.current = { pos: newId('pos'), evd: newId('evd'), src: newId('src') };
    onSubmit(e);
  };

  const errors = state.errors;
  return (
    <form onSubmit={submit} noValidate aria-labelledby="form-h" className="edit-form">
      <h2 id="form-h">{editing ? `Change position ${editing.id}` : 'Record a stance'}</h2>
      <Outcome state={state} />
      <fieldset>
        <legend>Position</legend>
        <div className="grid">
          <Field label="Party" name="position.party" errors={errors}>
            {(a) => (
              <select {...a} {...reg('position.party')} required>
                <option value="">Choose a party…</option>
                <NamedOptions items={data.parties} />
              </select>
            )}
          </Field>
          <Field label="Point" name="position.provision" errors={errors} hint="leave empty for a stance on the whole document">
            {(a) => (
              <select {...a} value={f.position.provision} onChange={(e) => form.setValue('position.provision', e.target.value)}>
                <option value="">(the whole document)</option>
                {points.map((g) => (
                  <optgroup key={g.version} label={g.label}>
                    {g.points.map((p) => (
                      <option key={p.lineage} value={p.lineage}>
                        {p.label}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            )}
          </Field>
          <Field label="Stance" name="position.stance" errors={errors}>
            {(a) => (
              <select {...a} {...reg('position.stance')} required>
                <option value="">Choose a stance…</option>
                {vocab.stances.map((s) => (
                  <option key={s.value} value={s.value}>
                    {s.symbol} {s.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="As of" name="position.asOf" errors={errors} hint={DATE_HINT}>
            {(a) => <input {...a} {...reg('position.asOf')} inputMode="numeric" autoComplete="off" />}
          </Field>
          <Field label="Conditions" name="position.conditions" errors={errors}>
            {(a) => <input {...a} {...reg('position.conditions')} dir="auto" />}
          </Field>
          <Field label="Visibility" name="position.visibility.confidentialTo" errors={errors}>
            {(a) => (
              <select {...a} {...reg('position.visibility.confidentialTo')}>
                <option value="">Public</option>
                {data.parties.map((p) => (
                  <option key={p.id} value={p.id}>
                    Confidential to {p.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field label="Note" name="position.note" errors={errors}>
          {(a) => <textarea {...a} {...reg('position.note')} rows={2} dir="auto" />}
        </Field>
      </fieldset>
      <fieldset>
        <legend>Evidence</legend>
        <div className="check">
          <input id="with-evidence" type="checkbox" {...reg('withEvidence')} />
          <label htmlFor="with-evidence">{editing ? 'Add a new evidence item' : 'Attach evidence (who said it, when, where published)'}</label>
        </div>
        {editing && editing.evidence.length > 0 && <p className="muted small">Already attached: {editing.evidence.join(', ')}</p>}
        {f.withEvidence && (
          <>
            <div className="grid">
              <Field label="Speaker" name="evidence.speaker" errors={errors} hint="a known person's name, or a description such as “two officials”">
                {(a) => <input {...a} {...reg('evidence.speaker')} list="persons-list" dir="auto" autoComplete="off" />}
              </Field>
              <datalist id="persons-list">
                {data.persons.map((p) => (
                  <option key={p.id} value={p.name} />
                ))}
              </datalist>
              <Field label="On behalf of" name="evidence.onBehalfOf" errors={errors} hint="default: the position's party">
                {(a) => (
                  <select {...a} {...reg('evidence.onBehalfOf')}>
                    <option value="">(the position's party)</option>
                    <NamedOptions items={data.parties} />
                  </select>
                )}
              </Field>
              <Field label="Said on" name="evidence.saidAt" errors={errors} hint="default: the position's date">
                {(a) => <input {...a} {...reg('evidence.saidAt')} inputMode="numeric" autoComplete="off" />}
              </Field>
              <Field label="Form" name="evidence.form" errors={errors}>
                {(a) => (
                  <select {...a} {...reg('evidence.form')}>
                    <option value="paraphrase">paraphrase</option>
                    <option value="quote">quote</option>
                  </select>
                )}
              </Field>
              <Field label="Attribution" name="evidence.attribution" errors={errors}>
                {(a) => (
                  <select {...a} {...reg('evidence.attribution')}>
                    <VocabOptions terms={vocab.attributions} />
                  </select>
                )}
              </Field>
              <Field label="Said at event" name="evidence.event" errors={errors}>
                {(a) => (
                  <select {...a} {...reg('evidence.event')}>
                    <option value="">(none)</option>
                    {data.events
                      .slice()
                      .reverse()
                      .map((ev) => (
                        <option key={ev.id} value={ev.id}>
                          {ev.start} {ev.title}
                        </option>
                      ))}
                  </select>
                )}
              </Field>
            </div>
            <Field label="What was said" name="evidence.text" errors={errors}>
              {(a) => <textarea {...a} {...reg('evidence.text')} rows={3} dir="auto" />}
            </Field>
            <fieldset className="inner">
              <legend>Source</legend>
              <div className="radios">
                {(['new', 'existing', 'none'] as const).map((m) => (
                  <label key={m} className="check">
                    <input type="radio" {...reg('sourceMode')} value={m} />{' '}
                    {m === 'new' ? 'New source' : m === 'existing' ? 'Existing source' : 'No source'}
                  </label>
                ))}
              </div>
              {f.sourceMode === 'existing' && (
                <Field label="Source" name="evidence.sources.0" errors={errors}>
                  {(a) => (
                    <select {...a} value={f.evidence.sources[0] ?? ''} onChange={(e) => form.setValue('evidence.sources.0', e.target.value)}>
                      <option value="">Choose a source…</option>
                      {sources.map((s) => (
                        <option key={s.id} value={s.id}>
                          {sourceLabel(s)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              )}
              {f.sourceMode === 'new' && (
                <div className="grid">
                  <Field label="URL" name="source.url" errors={errors}>
                    {(a) => <input {...a} {...reg('source.url')} type="url" inputMode="url" autoComplete="off" />}
                  </Field>
                  <Field label="Outlet" name="source.outlet" errors={errors}>
                    {(a) => <input {...a} {...reg('source.outlet')} dir="auto" />}
                  </Field>
                  <Field label="Title" name="source.title" errors={errors}>
                    {(a) => <input {...a} {...reg('source.title')} dir="auto" />}
                  </Field>
                  <Field label="Published on" name="source.publishedAt" errors={errors} hint={DATE_HINT}>
                    {(a) => <input {...a} {...reg('source.publishedAt')} inputMode="numeric" autoComplete="off" />}
                  </Field>
                </div>
              )}
            </fieldset>
          </>
        )}
      </fieldset>
      <SaveActions state={state} label={another ? 'Save as another stance' : savedKey.current ? 'Update the saved stance' : 'Save stance'} snap={snap}>
        {!editing && state.saved && (
          <button type="button" onClick={recordAnother} data-record-another="">
            + Record another stance
          </button>
        )}
      </SaveActions>
      {another && <p className="muted small">The stance saved before stays as it is; this one is recorded beside it.</p>}
    </form>
  );
}

