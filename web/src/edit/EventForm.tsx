/**
 * The event form: a meeting, call or other event of the record with its place, attendees (by name:
 * a known person's name is that person), the versions tabled and its sources, saved through
 * `POST /changes`.
 */
import { type FormEvent, useRef, useState } from 'react';
import { type Event, newId } from '../api.js';
import { useApi, useWrite } from '../api/queries.js';
import { Field, href, NamedOptions, useWorkbench, VocabOptions } from '../ui.js';
import { DATE_HINT, opt, sourceLabel } from './common.js';
import { Outcome, SaveActions, useSave } from './save.js';

interface AttendeeRow {
  person: string;
  party: string;
  role: string;
}

/** The event form; `editing` is the event changed (absent: a new event). */
export function EventForm({ editing }: { editing?: Event }) {
  const { pid, outline: data, vocab } = useWorkbench();
  const write = useWrite();
  const sources = useApi('/api/processes/{pid}/sources', { path: { pid } }).data ?? [];
  const nameOf = (id: string) => data.persons.find((p) => p.id === id)?.name ?? id;
  const [f, setF] = useState(() => ({
    title: editing?.title ?? '',
    kind: editing?.kind ?? 'meeting',
    status: editing?.status ?? 'scheduled',
    start: editing?.start ?? '',
    end: editing?.end ?? '',
    approximate: editing?.approximate ?? false,
    city: editing?.place?.city ?? '',
    country: editing?.place?.country ?? '',
    venue: editing?.place?.venue ?? '',
    summary: editing?.summary ?? '',
    cameo: editing?.cameo ?? '',
    tabled: editing?.tabled ?? ([] as string[]),
    sources: editing?.sources ?? ([] as string[]),
    attendees: (editing?.attendees ?? []).map((a) => ({ person: nameOf(a.person), party: a.party ?? '', role: a.role ?? '' })) as AttendeeRow[],
  }));
  const [state, run] = useSave();
  const idRef = useRef(editing?.id ?? newId('ev'));
  const up = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  const personByName = new Map(data.persons.map((p) => [p.name.toLowerCase(), p.id]));
  const setAtt = (i: number, k: keyof AttendeeRow, v: string) => setF((x) => ({ ...x, attendees: x.attendees.map((a, j) => (j === i ? { ...a, [k]: v } : a)) }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (state.busy) return;
    void run(async () => {
      const id = idRef.current;
      const place = { city: opt(f.city), country: opt(f.country), venue: opt(f.venue) };
      const event = {
        ...(editing ?? {}),
        id,
        title: f.title.trim(),
        kind: f.kind,
        status: f.status,
        start: f.start.trim(),
        end: opt(f.end),
        approximate: f.approximate,
        place: place.city || place.country || place.venue ? place : undefined,
        attendees: f.attendees
          .filter((a) => a.person.trim())
          .map((a) => ({ person: personByName.get(a.person.trim().toLowerCase()) ?? a.person.trim(), party: opt(a.party), role: opt(a.role) })),
        tabled: f.tabled,
        sources: f.sources,
        summary: opt(f.summary),
        cameo: opt(f.cameo),
      };
      await write({ method: 'post', path: '/api/processes/{pid}/changes', params: { path: { pid } }, body: { events: [event] } as never });
      return (
        <>
          Saved the event “{event.title}”. <a href={href('record', { event: id })}>See it on the record</a>
        </>
      );
    }, JSON.stringify(f));
  };
  const errors = state.errors;
  return (
    <form onSubmit={submit} noValidate aria-labelledby="form-h" className="edit-form">
      <h2 id="form-h">{editing ? `Change event “${editing.title}”` : 'New event'}</h2>
      <Outcome state={state} />
      <div className="grid">
        <Field label="Title" name="event.title" errors={errors}>
          {(a) => <input {...a} value={f.title} onChange={up('title')} dir="auto" />}
        </Field>
        <Field label="Kind" name="event.kind" errors={errors}>
          {(a) => (
            <select {...a} value={f.kind} onChange={up('kind')}>
              <VocabOptions terms={vocab.eventKinds} />
            </select>
          )}
        </Field>
        <Field label="Status" name="event.status" errors={errors}>
          {(a) => (
            <select {...a} value={f.status} onChange={up('status')}>
              <VocabOptions terms={vocab.eventStatuses} asIs />
            </select>
          )}
        </Field>
        <Field label="Start" name="event.start" errors={errors} hint={DATE_HINT}>
          {(a) => <input {...a} value={f.start} onChange={up('start')} inputMode="numeric" autoComplete="off" />}
        </Field>
        <Field label="End" name="event.end" errors={errors} hint="optional">
          {(a) => <input {...a} value={f.end} onChange={up('end')} inputMode="numeric" autoComplete="off" />}
        </Field>
        <div className="field check">
          <input id="ev-approx" type="checkbox" checked={f.approximate} onChange={(e) => setF((x) => ({ ...x, approximate: e.target.checked }))} />
          <label htmlFor="ev-approx">The date is approximate</label>
        </div>
        <Field label="City" name="event.place.city" errors={errors}>
          {(a) => <input {...a} value={f.city} onChange={up('city')} dir="auto" />}
        </Field>
        <Field label="Country" name="event.place.country" errors={errors}>
          {(a) => <input {...a} value={f.country} onChange={up('country')} dir="auto" />}
        </Field>
        <Field label="Venue" name="event.place.venue" errors={errors}>
          {(a) => <input {...a} value={f.venue} onChange={up('venue')} dir="auto" />}
        </Field>
        <Field label="CAMEO code" name="event.cameo" errors={errors} hint="e.g. 046 negotiate, 044 meet at a third location">
          {(a) => <input {...a} value={f.cameo} onChange={up('cameo')} inputMode="numeric" />}
        </Field>
      </div>
      <Field label="Summary" name="event.summary" errors={errors}>
        {(a) => <textarea {...a} value={f.summary} onChange={up('summary')} rows={3} dir="auto" />}
      </Field>
      <fieldset>
        <legend>Attendees</legend>
        <datalist id="persons-list-ev">
          {data.persons.map((p) => (
            <option key={p.id} value={p.name} />
          ))}
        </datalist>
        {f.attendees.map((a, i) => (
          <div className="row" key={i} role="group" aria-label={`Attendee ${i + 1}`}>
            <Field label="Person" name={`event.attendees.${i}.person`} errors={errors}>
              {(x) => <input {...x} value={a.person} onChange={(e) => setAtt(i, 'person', e.target.value)} list="persons-list-ev" dir="auto" />}
            </Field>
            <Field label="Party" name={`event.attendees.${i}.party`} errors={errors}>
              {(x) => (
                <select {...x} value={a.party} onChange={(e) => setAtt(i, 'party', e.target.value)}>
                  <option value="">(from the person's post)</option>
                  <NamedOptions items={data.parties} />
                </select>
              )}
            </Field>
            <Field label="Role" name={`event.attendees.${i}.role`} errors={errors}>
              {(x) => <input {...x} value={a.role} onChange={(e) => setAtt(i, 'role', e.target.value)} dir="auto" />}
            </Field>
            <button type="button" className="icon" aria-label={`Remove attendee ${i + 1}`} onClick={() => setF((x) => ({ ...x, attendees: x.attendees.filter((_, j) => j !== i) }))}>
              ✕
            </button>
          </div>
        ))}
        <button type="button" onClick={() => setF((x) => ({ ...x, attendees: [...x.attendees, { person: '', party: '', role: '' }] }))}>
          + Add an attendee
        </button>
      </fieldset>
      <fieldset>
        <legend>Versions tabled</legend>
        <div className="checks">
          {data.versions.map((v) => (
            <label key={v.id} className="check">
              <input
                type="checkbox"
                checked={f.tabled.includes(v.id)}
                onChange={(e) => setF((x) => ({ ...x, tabled: e.target.checked ? [...x.tabled, v.id] : x.tabled.filter((t) => t !== v.id) }))}
              />{' '}
              {v.title}, {v.label}
            </label>
          ))}
        </div>
      </fieldset>
      <Field label="Sources" name="event.sources" errors={errors} hint="hold Ctrl (or ⌘) to choose several">
        {(a) => (
          <select
            {...a}
            multiple
            size={6}
            value={f.sources}
            onChange={(e) => setF((x) => ({ ...x, sources: [...e.target.selectedOptions].map((o) => o.value) }))}
          >
            {sources.map((s) => (
              <option key={s.id} value={s.id}>
                {sourceLabel(s)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <SaveActions state={state} label="Save event" snap={JSON.stringify(f)} />
    </form>
  );
}

