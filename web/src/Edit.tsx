/**
 * Editing (`#/edit?form=position|event|person&…`): the forms to record or change a stance (with its
 * evidence and source), an event, a person — one module each under ./edit/. The item changed is read
 * by its own route (`GET /positions/{id}`, `/events/{id}`, `/persons/{id}`) before its form opens;
 * the pickers name things from the outline. Saves validate everything before writing anything; the
 * server's field-level errors are shown next to the fields, and nothing typed is lost on a failed save.
 */
import type { ReactNode } from 'react';
import { useApi } from './api/queries.js';
import { EventForm } from './edit/EventForm.js';
import { PersonForm } from './edit/PersonForm.js';
import { PositionForm } from './edit/PositionForm.js';
import { href, NamedOptions, useWorkbench } from './ui.js';

const FORMS = [
  { id: 'position', label: 'Position' },
  { id: 'event', label: 'Event' },
  { id: 'person', label: 'Person' },
] as const;

/** The form, once the item it changes has arrived (a loading line or the error until then). */
function Opened<T>({ id, q, children }: { id: string; q: { data?: T; error: { message: string } | null }; children: (item: T | undefined) => ReactNode }) {
  if (!id) return <>{children(undefined)}</>;
  if (q.error)
    return (
      <p role="alert" className="alert">
        {q.error.message}
      </p>
    );
  if (!q.data) return <p role="status">Loading…</p>;
  return <>{children(q.data)}</>;
}

export function EditView({ params }: { params: URLSearchParams }) {
  const { pid, outline: data, navigate } = useWorkbench();
  const form = FORMS.some((x) => x.id === params.get('form')) ? params.get('form')! : 'position';
  const ids = { position: form === 'position' ? (params.get('position') ?? '') : '', event: form === 'event' ? (params.get('event') ?? '') : '', person: form === 'person' ? (params.get('person') ?? '') : '' };
  const position = useApi('/api/processes/{pid}/positions/{id}', { path: { pid, id: ids.position } }, { enabled: ids.position !== '' });
  const event = useApi('/api/processes/{pid}/events/{id}', { path: { pid, id: ids.event } }, { enabled: ids.event !== '' });
  const person = useApi('/api/processes/{pid}/persons/{id}', { path: { pid, id: ids.person } }, { enabled: ids.person !== '' });
  // Remount a form when what it edits changes, so its state starts from the chosen item.
  const key = `${form}:${params.get('position') ?? ''}:${params.get('event') ?? ''}:${params.get('person') ?? ''}:${params.get('party') ?? ''}:${params.get('point') ?? ''}`;
  return (
    <section aria-labelledby="edit-h" className="view">
      <h1 id="edit-h" tabIndex={-1}>
        Edit
      </h1>
      <nav aria-label="Forms" className="subnav">
        <ul className="tabs small-tabs">
          {FORMS.map((x) => (
            <li key={x.id}>
              <a href={href('edit', { form: x.id })} aria-current={form === x.id ? 'page' : undefined}>
                {x.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {form === 'event' && (
        <div className="toolbar">
          <label htmlFor="pick-event">Event to change</label>
          <select id="pick-event" value={params.get('event') ?? ''} onChange={(e) => navigate('edit', { form: 'event', event: e.target.value || undefined })}>
            <option value="">(new event)</option>
            {data.events.map((e) => (
              <option key={e.id} value={e.id}>
                {e.start} {e.title}
              </option>
            ))}
          </select>
        </div>
      )}
      {form === 'person' && (
        <div className="toolbar">
          <label htmlFor="pick-person">Person to change</label>
          <select id="pick-person" value={params.get('person') ?? ''} onChange={(e) => navigate('edit', { form: 'person', person: e.target.value || undefined })}>
            <option value="">(new person)</option>
            <NamedOptions items={data.persons} sorted />
          </select>
        </div>
      )}
      {form === 'position' && (
        <Opened id={ids.position} q={position}>
          {(item) => <PositionForm key={key} params={params} editing={item} />}
        </Opened>
      )}
      {form === 'event' && (
        <Opened id={ids.event} q={event}>
          {(item) => <EventForm key={key} editing={item} />}
        </Opened>
      )}
      {form === 'person' && (
        <Opened id={ids.person} q={person}>
          {(item) => <PersonForm key={key} editing={item} />}
        </Opened>
      )}
    </section>
  );
}
