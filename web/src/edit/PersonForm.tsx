/**
 * The person form: a negotiator, envoy or spokesperson with aliases and posts (on behalf of which
 * party, from when to when), saved through `POST /changes`; a new person's id is made from the name.
 */
import { type FormEvent, useRef, useState } from 'react';
import type { Person } from '../api.js';
import { useWrite } from '../api/queries.js';
import { Field, href, NamedOptions, useWorkbench } from '../ui.js';
import { opt } from './common.js';
import { Outcome, SaveActions, useSave } from './save.js';

interface MembershipRow {
  onBehalfOf: string;
  post: string;
  from: string;
  to: string;
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
  const [f, setF] = useState(() => ({
    name: editing?.name ?? '',
    aliases: (editing?.aliases ?? []).join('; '),
    memberships: (editing?.memberships ?? []).map((m) => ({ onBehalfOf: m.onBehalfOf, post: m.post, from: m.from ?? '', to: m.to ?? '' })) as MembershipRow[],
  }));
  const [state, run] = useSave();
  const idRef = useRef<string | null>(editing?.id ?? null);
  const setM = (i: number, k: keyof MembershipRow, v: string) => setF((x) => ({ ...x, memberships: x.memberships.map((m, j) => (j === i ? { ...m, [k]: v } : m)) }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (state.busy) return;
    void run(async () => {
      let id = idRef.current;
      if (!id) {
        const base = slug(f.name);
        id = base;
        for (let n = 2; data.persons.some((p) => p.id === id); n++) id = `${base}-${n}`;
      }
      const chosen = id;
      const person = {
        id,
        name: f.name.trim(),
        aliases: f.aliases
          .split(';')
          .map((s) => s.trim())
          .filter(Boolean),
        memberships: f.memberships.map((m) => ({ onBehalfOf: m.onBehalfOf, post: m.post.trim(), from: opt(m.from), to: opt(m.to) })),
      };
      await write({ method: 'post', path: '/api/processes/{pid}/changes', params: { path: { pid } }, body: { persons: [person] } as never });
      idRef.current = chosen;
      return (
        <>
          Saved {person.name}. <a href={href('record', { person: id })}>See their events</a>
        </>
      );
    }, JSON.stringify(f));
  };
  const errors = state.errors;
  return (
    <form onSubmit={submit} noValidate aria-labelledby="form-h" className="edit-form">
      <h2 id="form-h">{editing ? `Change ${editing.name}` : 'New person'}</h2>
      <Outcome state={state} />
      <div className="grid">
        <Field label="Name" name="person.name" errors={errors}>
          {(a) => <input {...a} value={f.name} onChange={(e) => setF((x) => ({ ...x, name: e.target.value }))} dir="auto" />}
        </Field>
        <Field label="Aliases" name="person.aliases" errors={errors} hint="separated by semicolons, e.g. the Kremlin spokesman; Peskov">
          {(a) => <input {...a} value={f.aliases} onChange={(e) => setF((x) => ({ ...x, aliases: e.target.value }))} dir="auto" />}
        </Field>
      </div>
      <fieldset>
        <legend>Posts</legend>
        {f.memberships.map((m, i) => (
          <div className="row" key={i} role="group" aria-label={`Post ${i + 1}`}>
            <Field label="On behalf of" name={`person.memberships[${i}].onBehalfOf`} errors={errors}>
              {(a) => (
                <select {...a} value={m.onBehalfOf} onChange={(e) => setM(i, 'onBehalfOf', e.target.value)}>
                  <option value="">Choose a party…</option>
                  <NamedOptions items={data.parties} />
                </select>
              )}
            </Field>
            <Field label="Post" name={`person.memberships[${i}].post`} errors={errors}>
              {(a) => <input {...a} value={m.post} onChange={(e) => setM(i, 'post', e.target.value)} dir="auto" />}
            </Field>
            <Field label="From" name={`person.memberships[${i}].from`} errors={errors}>
              {(a) => <input {...a} value={m.from} onChange={(e) => setM(i, 'from', e.target.value)} inputMode="numeric" />}
            </Field>
            <Field label="To" name={`person.memberships[${i}].to`} errors={errors}>
              {(a) => <input {...a} value={m.to} onChange={(e) => setM(i, 'to', e.target.value)} inputMode="numeric" />}
            </Field>
            <button type="button" className="icon" aria-label={`Remove post ${i + 1}`} onClick={() => setF((x) => ({ ...x, memberships: x.memberships.filter((_, j) => j !== i) }))}>
              ✕
            </button>
          </div>
        ))}
        <button type="button" onClick={() => setF((x) => ({ ...x, memberships: [...x.memberships, { onBehalfOf: '', post: '', from: '', to: '' }] }))}>
          + Add a post
        </button>
      </fieldset>
      <SaveActions state={state} label="Save person" snap={JSON.stringify(f)} />
    </form>
  );
}

