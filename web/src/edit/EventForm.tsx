/**
 * The event form: a meeting, call or other event of the record with its place, attendees (by name:
 * a known person's name is that person), the versions tabled and its sources, saved through
 * `POST /changes`.
 */
import { useRef } from 'react';
import { useFieldArray } from 'react-hook-form';
import { type Event, newId } from '../api.js';
import { useApi, useWrite } from '../api/queries.js';
import { Field, href, NamedOptions, useWorkbench, VocabOptions } from '../ui.js';
import { DATE_HINT, opt, sourceLabel } from './common.js';
import { Outcome, SaveActions } from './save.js';
import { ChangesInput } from './schemas.js';
import { useSchemaForm } from './schema-form.js';

interface EventValues {
  event: {
    title: string;
    kind: string;
    status: string;
    start: string;
    end: string;
    approximate: boolean;
    place: { city: string; country: string; venue: string };
    summary: string;
    cameo: string;
    tabled: string[];
    sources: string[];
    /** Attendees by name as typed: a known person's name is that person. */
    attendees: { person: string; party: string; role: string }[];
  };
}

/** The event form; `editing` is the event changed (absent: a new event). */
export function EventForm({ editing }: { editing?: Event }) {
  const { pid, outline: data, vocab } = useWorkbench();
  const write = useWrite();
  const sources = useApi('/api/processes/{pid}/sources', { path: { pid } }).data ?? [];
  const nameOf = (id: string) => data.persons.find((p) => p.id === id)?.name ?? id;
  const idRef = useRef(editing?.id ?? newId('ev'));
  const personByName = new Map(data.persons.map((p) => [p.name.toLowerCase(), p.id]));
  const { form, state, snap, onSubmit } = useSchemaForm({
    schema: ChangesInput,
    defaultValues: {
      event: {
        title: editing?.title ?? '',
        kind: editing?.kind ?? 'meeting',
        status: editing?.status ?? 'scheduled',
        start: editing?.start ?? '',
        end: editing?.end ?? '',
        approximate: editing?.approximate ?? false,
        place: { city: editing?.place?.city ?? '', country: editing?.place?.country ?? '', venue: editing?.place?.venue ?? '' },
        summary: editing?.summary ?? '',
        cameo: editing?.cameo ?? '',
        tabled: editing?.tabled ?? [],
        sources: editing?.sources ?? [],
        attendees: (editing?.attendees ?? []).map((a) => ({ person: nameOf(a.person), party: a.party ?? '', role: a.role ?? '' })),
      },
    } satisfies EventValues,
    toBody: ({ event: f }: EventValues) => {
      const place = { city: opt(f.place.city), country: opt(f.place.country), venue: opt(f.place.venue) };
      return {
        events: [
          {
            ...(editing ?? {}),
            id: idRef.current,
            title: f.title.trim(),
            kind: f.kind,
            status: f.status,
            start: opt(f.start),
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
          },
        ],
      };
    },
    send: async (body) => {
      const event = body.events![0] as Pick<Event, 'id' | 'title'>;
      await write({ method: 'post', path: '/api/processes/{pid}/changes', params: { path: { pid } }, body: body as never });
      return (
        <>
          Saved the event “{event.title}”. <a href={href('record', { event: event.id })}>See it on the record</a>
        </>
      );
    },
  });
  const attendees = useFieldArray({ control: form.control, name: 'event.attendees' });
  const reg = form.register;
  const tabled = form.watch('event.tabled');
  const errors = state.errors;
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="form-h" className="edit-form">
      <h2 id="form-h">{editing ? `Change event “${editing.title}”` : 'New event'}</h2>
      <Outcome state={state} />
      <div className="grid">
        <Field label="Title" name="event.title" errors={errors}>
          {(a) => <input {...a} {...reg('event.title')} dir="auto" />}
        </Field>
        <Field label="Kind" name="event.kind" errors={errors}>
          {(a) => (
            <select {...a} {...reg('event.kind')}>
              <VocabOptions terms={vocab.eventKinds} />
            </select>
          )}
        </Field>
        <Field label="Status" name="event.status" errors={errors}>
          {(a) => (
            <select {...a} {...reg('event.status')}>
              <VocabOptions terms={vocab.eventStatuses} asIs />
            </select>
          )}
        </Field>
        <Field label="Start" name="event.start" errors={errors} hint={DATE_HINT}>
          {(a) => <input {...a} {...reg('event.start')} inputMode="numeric" autoComplete="off" />}
        </Field>
        <Field label="End" name="event.end" errors={errors} hint="optional">
          {(a) => <input {...a} {...reg('event.end')} inputMode="numeric" autoComplete="off" />}
        </Field>
        <div className="field check">
          <input id="ev-approx" type="checkbox" {...reg('event.approximate')} />
          <label htmlFor="ev-approx">The date is approximate</label>
        </div>
        <Field label="City" name="event.place.city" errors={errors}>
          {(a) => <input {...a} {...reg('event.place.city')} dir="auto" />}
        </Field>
        <Field label="Country" name="event.place.country" errors={errors}>
          {(a) => <input {...a} {...reg('event.place.country')} dir="auto" />}
        </Field>
        <Field label="Venue" name="event.place.venue" errors={errors}>
          {(a) => <input {...a} {...reg('event.place.venue')} dir="auto" />}
        </Field>
        <Field label="CAMEO code" name="event.cameo" errors={errors} hint="e.g. 046 negotiate, 044 meet at a third location">
          {(a) => <input {...a} {...reg('event.cameo')} inputMode="numeric" />}
        </Field>
      </div>
      <Field label="Summary" name="event.summary" errors={errors}>
        {(a) => <textarea {...a} {...reg('event.summary')} rows={3} dir="auto" />}
      </Field>
      <fieldset>
        <legend>Attendees</legend>
        <datalist id="persons-list-ev">
          {data.persons.map((p) => (
            <option key={p.id} value={p.name} />
          ))}
        </datalist>
        {attendees.fields.map((a, i) => (
          <div className="row" key={a.id} role="group" aria-label={`Attendee ${i + 1}`}>
            <Field label="Person" name={`event.attendees.${i}.person`} errors={errors}>
              {(x) => <input {...x} {...reg(`event.attendees.${i}.person`)} list="persons-list-ev" dir="auto" />}
            </Field>
            <Field label="Party" name={`event.attendees.${i}.party`} errors={errors}>
              {(x) => (
                <select {...x} {...reg(`event.attendees.${i}.party`)}>
                  <option value="">(from the person's post)</option>
                  <NamedOptions items={data.parties} />
                </select>
              )}
            </Field>
            <Field label="Role" name={`event.attendees.${i}.role`} errors={errors}>
              {(x) => <input {...x} {...reg(`event.attendees.${i}.role`)} dir="auto" />}
            </Field>
            <button type="button" className="icon" aria-label={`Remove attendee ${i + 1}`} onClick={() => attendees.remove(i)}>
              ✕
            </button>
          </div>
        ))}
        <button type="button" onClick={() => attendees.append({ person: '', party: '', role: '' })}>
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
                checked={tabled.includes(v.id)}
                onChange={(e) => form.setValue('event.tabled', e.target.checked ? [...tabled, v.id] : tabled.filter((t) => t !== v.id))}
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
            // Controlled: the options arrive after the form is drawn, and must show the chosen ones.
            value={form.watch('event.sources')}
            onChange={(e) => form.setValue('event.sources', [...e.target.selectedOptions].map((o) => o.value))}
          >
            {sources.map((s) => (
              <option key={s.id} value={s.id}>
                {sourceLabel(s)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <SaveActions state={state} label="Save event" snap={snap} />
    </form>
  );
}

