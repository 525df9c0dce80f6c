/**
 * The person form: a negotiator, envoy or spokesperson with aliases and posts (on behalf of which
 * party, from when to when), saved through `POST /changes`; a new person's id is made from the name.
 */
import { useRef } from 'react';
import { useFieldArray } from 'react-hook-form';
import type { Person } from '../api.js';
import { useWrite } from '../api/queries.js';
import { Field, href, NamedOptions, useWorkbench } from '../ui.js';
import { opt } from './common.js';
import { Outcome, SaveActions } from './save.js';
import { ChangesInput } from './schemas.js';
import { useSchemaForm } from './schema-form.js';

interface PersonValues {
  person: { name: string; aliases: string; memberships: { onBehalfOf: string; post: string; from: string; to: string }[] };
}

function slug(s: string): string {
  return (
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'person'
  );
}

/** The person form; `editing` is the person changed (absent: a new person). */
export function PersonForm({ editing }: { editing?: Person }) {
  const { pid, outline: data } = useWorkbench();
  const write = useWrite();
  const idRef = useRef<string | null>(editing?.id ?? null);
  // A new person's id is made from the name, kept once saved (saving again updates that person).
  const idFor = (name: string) => {
    if (idRef.current) return idRef.current;
    const base = slug(name);
    let id = base;
    for (let n = 2; data.persons.some((p) => p.id === id); n++) id = `${base}-${n}`;
    return id;
  };
  const { form, state, snap, onSubmit } = useSchemaForm({
    schema: ChangesInput,
    defaultValues: {
      person: {
        name: editing?.name ?? '',
        aliases: (editing?.aliases ?? []).join('; '),
        memberships: (editing?.memberships ?? []).map((m) => ({ onBehalfOf: m.onBehalfOf, post: m.post, from: m.from ?? '', to: m.to ?? '' })),
      },
    } satisfies PersonValues,
    toBody: ({ person: f }: PersonValues) => ({
      persons: [
        {
          id: idFor(f.name),
          name: f.name.trim(),
          aliases: f.aliases
            .split(';')
            .map((s) => s.trim())
            .filter(Boolean),
          memberships: f.memberships.map((m) => ({ onBehalfOf: opt(m.onBehalfOf), post: m.post.trim(), from: opt(m.from), to: opt(m.to) })),
        },
      ],
    }),
    send: async (body) => {
      const person = body.persons![0] as Pick<Person, 'id' | 'name'>;
      await write({ method: 'post', path: '/api/processes/{pid}/changes', params: { path: { pid } }, body: body as never });
      idRef.current = person.id;
      return (
        <>
          Saved {person.name}. <a href={href('record', { person: person.id })}>See their events</a>
        </>
      );
    },
  });
  const posts = useFieldArray({ control: form.control, name: 'person.memberships' });
  const errors = state.errors;
  const reg = form.register;
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="form-h" className="edit-form">
      <h2 id="form-h">{editing ? `Change ${editing.name}` : 'New person'}</h2>
      <Outcome state={state} />
      <div className="grid">
        <Field label="Name" name="person.name" errors={errors}>
          {(a) => <input {...a} {...reg('person.name')} dir="auto" />}
        </Field>
        <Field label="Aliases" name="person.aliases" errors={errors} hint="separated by semicolons, e.g. the Kremlin spokesman; Peskov">
          {(a) => <input {...a} {...reg('person.aliases')} dir="auto" />}
        </Field>
      </div>
      <fieldset>
        <legend>Posts</legend>
        {posts.fields.map((m, i) => (
          <div className="row" key={m.id} role="group" aria-label={`Post ${i + 1}`}>
            <Field label="On behalf of" name={`person.memberships.${i}.onBehalfOf`} errors={errors}>
              {(a) => (
                <select {...a} {...reg(`person.memberships.${i}.onBehalfOf`)}>
                  <option value="">Choose a party…</option>
                  <NamedOptions items={data.parties} />
                </select>
              )}
            </Field>
            <Field label="Post" name={`person.memberships.${i}.post`} errors={errors}>
              {(a) => <input {...a} {...reg(`person.memberships.${i}.post`)} dir="auto" />}
            </Field>
            <Field label="From" name={`person.memberships.${i}.from`} errors={errors}>
              {(a) => <input {...a} {...reg(`person.memberships.${i}.from`)} inputMode="numeric" />}
            </Field>
            <Field label="To" name={`person.memberships.${i}.to`} errors={errors}>
              {(a) => <input {...a} {...reg(`person.memberships.${i}.to`)} inputMode="numeric" />}
            </Field>
            <button type="button" className="icon" aria-label={`Remove post ${i + 1}`} onClick={() => posts.remove(i)}>
              ✕
            </button>
          </div>
        ))}
        <button type="button" onClick={() => posts.append({ onBehalfOf: '', post: '', from: '', to: '' })}>
          + Add a post
        </button>
      </fieldset>
      <SaveActions state={state} label="Save person" snap={snap} />
    </form>
  );
}

