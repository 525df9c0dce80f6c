/**
 * The stance form: a party's stance on a point (or the whole document) as of a date, optionally with
 * the evidence it rests on and the source that reported it, saved together through `POST /stances`
 * (src/services/stances.ts: one transaction, the rules of src/model/stance.ts). A party delegate
 * records its own party's stances there; the access policy refuses another party's.
 */
import { type FormEvent, useRef, useState } from 'react';
import { ApiError, newId, type Position } from '../api.js';
import { useApi, useWrite } from '../api/queries.js';
import { Field, href, NamedOptions, partyName, useWorkbench, VocabOptions } from '../ui.js';
import { DATE_HINT, opt, sourceLabel, today } from './common.js';
import { Outcome, SaveActions, useSave } from './save.js';

/** The stance form; `editing` is the position changed (absent: a new stance, party and point from `params`). */
export function PositionForm({ params, editing }: { params: URLSearchParams; editing?: Position }) {
  const { pid, outline: data, vocab } = useWorkbench();
  const write = useWrite();
  const points = useApi('/api/processes/{pid}/points', { path: { pid } }).data ?? [];
  const sources = useApi('/api/processes/{pid}/sources', { path: { pid } }).data ?? [];
  const blank = () => ({
    id: editing?.id ?? '',
    party: editing?.party ?? params.get('party') ?? '',
    provision: editing?.provision ?? params.get('point') ?? '',
    stance: editing?.stance ?? '',
    asOf: editing?.asOf ?? today(),
    conditions: editing?.conditions ?? '',
    note: editing?.note ?? '',
    confidentialTo: editing && typeof editing.visibility === 'object' ? editing.visibility.confidentialTo : '',
    // Evidence is optional: a plain stance is a party, a point, a stance and a date.
    withEvidence: false,
    speaker: '',
    onBehalfOf: '',
    form: 'paraphrase',
    text: '',
    saidAt: '',
    attribution: 'on-record',
    event: '',
    sourceMode: 'new' as 'none' | 'existing' | 'new',
    sourceId: '',
    url: '',
    outlet: '',
    title: '',
    publishedAt: '',
  });
  const [f, setF] = useState(blank);
  const [state, run, resetSave] = useSave();
  // Ids fixed per form, so that saving again after a failure or a typo fix updates instead of duplicating.
  const ids = useRef({ pos: editing?.id ?? newId('pos'), evd: newId('evd'), src: newId('src') });
  // The party and point of the stance this form last saved (a new one, not `editing`): saving again
  // for another party or point records another stance, never replaces the saved one.
  const savedKey = useRef<string | null>(null);
  const key = `${f.party}|${f.provision}`;
  const another = !editing && savedKey.current !== null && savedKey.current !== key;
  const recordAnother = () => {
    ids.current = { pos: newId('pos'), evd: newId('evd'), src: newId('src') };
    savedKey.current = null;
    setF((x) => ({ ...blank(), party: x.party, asOf: x.asOf }));
    resetSave();
    requestAnimationFrame(() => (document.querySelector('[name="position.provision"]') as HTMLElement | null)?.focus());
  };
  const up = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (state.busy) return;
    if (another) ids.current = { pos: newId('pos'), evd: newId('evd'), src: newId('src') };
    void run(async () => {
      if (!f.party) throw new ApiError(422, 'invalid_input', 'choose a party', 'position.party');
      if (!f.stance) throw new ApiError(422, 'invalid_input', 'choose a stance', 'position.stance');
      const position = {
        ...(editing ?? {}),
        id: ids.current.pos,
        party: f.party,
        provision: opt(f.provision),
        stance: f.stance as Position['stance'],
        asOf: f.asOf.trim(),
        conditions: opt(f.conditions),
        note: opt(f.note),
        visibility: f.confidentialTo ? { confidentialTo: f.confidentialTo } : ('public' as const),
        evidence: editing ? [...editing.evidence] : [],
      };
      // The evidence speaks for the position's party, on its date, in its layer, unless it says
      // otherwise; a speaker named like a known person is that person (the service's rules).
      const evidence = f.withEvidence
        ? {
            id: ids.current.evd,
            speaker: f.speaker.trim(),
            onBehalfOf: opt(f.onBehalfOf),
            form: f.form as 'quote' | 'paraphrase',
            text: f.text.trim(),
            saidAt: opt(f.saidAt),
            attribution: f.attribution as 'on-record',
            sources: f.sourceMode === 'existing' && f.sourceId ? [f.sourceId] : [],
            event: opt(f.event),
          }
        : undefined;
      const source = f.withEvidence && f.sourceMode === 'new' ? { id: ids.current.src, url: f.url.trim(), outlet: opt(f.outlet), title: opt(f.title), publishedAt: opt(f.publishedAt) } : undefined;
      await write({ method: 'post', path: '/api/processes/{pid}/stances', params: { path: { pid } }, body: { position, ...(evidence ? { evidence } : {}), ...(source ? { source } : {}) } as never });
      if (!editing) savedKey.current = `${f.party}|${f.provision}`;
      const label = vocab.stances.find((s) => s.value === f.stance)?.label ?? f.stance;
      return (
        <>
          Saved: {partyName(data, f.party)} {label.toLowerCase()} on{' '}
          {f.provision ? (
            <>
              point <bdi>{points.flatMap((g) => g.points).find((x) => x.lineage === f.provision)?.label ?? f.provision}</bdi>
            </>
          ) : (
            'the document'
          )}{' '}
          as of {f.asOf}.{' '}
          <a href={href('positions', { asOf: f.asOf.length === 10 ? f.asOf : undefined })}>See the matrix</a>
          {f.provision ? (
            <>
              {' · '}
              <a href={href('text', { point: f.provision })}>See the point</a>
            </>
          ) : null}
        </>
      );
    }, JSON.stringify(f));
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
              <select {...a} value={f.party} onChange={up('party')} required>
                <option value="">Choose a party…</option>
                <NamedOptions items={data.parties} />
              </select>
            )}
          </Field>
          <Field label="Point" name="position.provision" errors={errors} hint="leave empty for a stance on the whole document">
            {(a) => (
              <select {...a} value={f.provision} onChange={up('provision')}>
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
              <select {...a} value={f.stance} onChange={up('stance')} required>
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
            {(a) => <input {...a} value={f.asOf} onChange={up('asOf')} inputMode="numeric" autoComplete="off" />}
          </Field>
          <Field label="Conditions" name="position.conditions" errors={errors}>
            {(a) => <input {...a} value={f.conditions} onChange={up('conditions')} dir="auto" />}
          </Field>
          <Field label="Visibility" name="position.visibility.confidentialTo" errors={errors}>
            {(a) => (
              <select {...a} value={f.confidentialTo} onChange={up('confidentialTo')}>
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
          {(a) => <textarea {...a} value={f.note} onChange={up('note')} rows={2} dir="auto" />}
        </Field>
      </fieldset>
      <fieldset>
        <legend>Evidence</legend>
        <div className="check">
          <input id="with-evidence" type="checkbox" checked={f.withEvidence} onChange={(e) => setF((x) => ({ ...x, withEvidence: e.target.checked }))} />
          <label htmlFor="with-evidence">{editing ? 'Add a new evidence item' : 'Attach evidence (who said it, when, where published)'}</label>
        </div>
        {editing && editing.evidence.length > 0 && <p className="muted small">Already attached: {editing.evidence.join(', ')}</p>}
        {f.withEvidence && (
          <>
            <div className="grid">
              <Field label="Speaker" name="evidence.speaker" errors={errors} hint="a known person's name, or a description such as “two officials”">
                {(a) => <input {...a} value={f.speaker} onChange={up('speaker')} list="persons-list" dir="auto" autoComplete="off" />}
              </Field>
              <datalist id="persons-list">
                {data.persons.map((p) => (
                  <option key={p.id} value={p.name} />
                ))}
              </datalist>
              <Field label="On behalf of" name="evidence.onBehalfOf" errors={errors} hint="default: the position's party">
                {(a) => (
                  <select {...a} value={f.onBehalfOf} onChange={up('onBehalfOf')}>
                    <option value="">(the position's party)</option>
                    <NamedOptions items={data.parties} />
                  </select>
                )}
              </Field>
              <Field label="Said on" name="evidence.saidAt" errors={errors} hint="default: the position's date">
                {(a) => <input {...a} value={f.saidAt} onChange={up('saidAt')} inputMode="numeric" autoComplete="off" />}
              </Field>
              <Field label="Form" name="evidence.form" errors={errors}>
                {(a) => (
                  <select {...a} value={f.form} onChange={up('form')}>
                    <option value="paraphrase">paraphrase</option>
                    <option value="quote">quote</option>
                  </select>
                )}
              </Field>
              <Field label="Attribution" name="evidence.attribution" errors={errors}>
                {(a) => (
                  <select {...a} value={f.attribution} onChange={up('attribution')}>
                    <VocabOptions terms={vocab.attributions} />
                  </select>
                )}
              </Field>
              <Field label="Said at event" name="evidence.event" errors={errors}>
                {(a) => (
                  <select {...a} value={f.event} onChange={up('event')}>
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
              {(a) => <textarea {...a} value={f.text} onChange={up('text')} rows={3} dir="auto" />}
            </Field>
            <fieldset className="inner">
              <legend>Source</legend>
              <div className="radios">
                {(['new', 'existing', 'none'] as const).map((m) => (
                  <label key={m} className="check">
                    <input type="radio" name="source-mode" checked={f.sourceMode === m} onChange={() => setF((x) => ({ ...x, sourceMode: m }))} />{' '}
                    {m === 'new' ? 'New source' : m === 'existing' ? 'Existing source' : 'No source'}
                  </label>
                ))}
              </div>
              {f.sourceMode === 'existing' && (
                <Field label="Source" name="evidence.sources.0" errors={errors}>
                  {(a) => (
                    <select {...a} value={f.sourceId} onChange={up('sourceId')}>
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
                    {(a) => <input {...a} value={f.url} onChange={up('url')} type="url" inputMode="url" autoComplete="off" />}
                  </Field>
                  <Field label="Outlet" name="source.outlet" errors={errors}>
                    {(a) => <input {...a} value={f.outlet} onChange={up('outlet')} dir="auto" />}
                  </Field>
                  <Field label="Title" name="source.title" errors={errors}>
                    {(a) => <input {...a} value={f.title} onChange={up('title')} dir="auto" />}
                  </Field>
                  <Field label="Published on" name="source.publishedAt" errors={errors} hint={DATE_HINT}>
                    {(a) => <input {...a} value={f.publishedAt} onChange={up('publishedAt')} inputMode="numeric" autoComplete="off" />}
                  </Field>
                </div>
              )}
            </fieldset>
          </>
        )}
      </fieldset>
      <SaveActions state={state} label={another ? 'Save as another stance' : savedKey.current ? 'Update the saved stance' : 'Save stance'} snap={JSON.stringify(f)}>
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

