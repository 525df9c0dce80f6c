/**
 * The forms of the Edit page on react-hook-form, checked before sending by the schema the server
 * parses the same request with (src/model/inputs.ts), through react-hook-form's zod resolver. A form
 * keeps its own values (strings as typed); `toBody` turns them into the request body, the resolver
 * parses that body with the server's schema, and a refusal is shown exactly as the server's would be
 * (useSave: the summary that takes the focus, each message beside its field, linked by
 * aria-describedby), so the form's checks and the server's speak with one voice.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { type FormEvent, type ReactNode, useMemo, useRef } from 'react';
import { type FieldErrors as RhfErrors, type FieldValues, type Resolver, useForm, type UseFormProps, type UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { type Problem, type SaveState, useSave } from './save.js';

/**
 * The field errors the resolver put in nested form (`{ persons: [{ name: { message } }] }`) as a
 * list of dotted paths (`persons.0.name`) with their messages, in the order the schema reported them.
 * Each path keeps the first message given for it.
 */
export function errorList(errors: RhfErrors, prefix = ''): Problem[] {
  const out: Problem[] = [];
  for (const [key, value] of Object.entries(errors)) {
    // `ref` is the field's DOM element (RHF adds it beside the message), never an error of its own.
    if (key === 'ref' || key === 'types' || !value || typeof value !== 'object') continue;
    const path = prefix ? `${prefix}.${key}` : key;
    const v = value as { message?: unknown; type?: unknown };
    if (typeof v.message === 'string' && typeof v.type === 'string') out.push({ field: path, message: v.message });
    else out.push(...errorList(value as RhfErrors, path));
  }
  return out;
}

export interface SchemaForm<V extends FieldValues, B> {
  /** The react-hook-form instance: `register`, `watch`, `setValue`, `reset`, `control`. */
  form: UseFormReturn<V, unknown, B>;
  /** The save's state (errors from the form's checks or the server, the confirmation, busy). */
  state: SaveState;
  /** The form's values as JSON: the save button reads "Saved" until they change. */
  snap: string;
  /** The form's submit handler: checks the body, then sends it with `send` (a second press while busy is ignored). */
  onSubmit: (e: FormEvent) => void;
  /** Forget the last save's outcome (after "record another"). */
  resetSave: () => void;
}

/**
 * A form of the Edit page whose request body is checked by `schema` (the server's schema of that
 * body; pass the same one the route parses) before `send` posts it. `toBody` builds the body from
 * the form's values: trimmed, empty optional fields left out. `send` returns the confirmation shown
 * beside the save button.
 */
export function useSchemaForm<V extends FieldValues, S extends z.ZodType>(opts: {
  defaultValues: UseFormProps<V>['defaultValues'];
  schema: S;
  toBody: (values: V) => z.input<S>;
  send: (body: z.input<S>, values: V) => Promise<ReactNode>;
}): SchemaForm<V, z.input<S>> {
  const latest = useRef(opts);
  latest.current = opts;
  const resolver = useMemo<Resolver<V, unknown, z.input<S>>>(() => {
    // raw: the body sent is the body built (the server applies the schema's defaults itself).
    const check = zodResolver(opts.schema as never, undefined, { raw: true }) as unknown as Resolver<FieldValues, unknown, z.input<S>>;
    return (values, context, options) => check(latest.current.toBody(values) as FieldValues, context, options as never) as never;
  }, [opts.schema]);
  // The summary takes the focus on a refusal (see Outcome), so react-hook-form does not move it.
  const form = useForm<V, unknown, z.input<S>>({ defaultValues: opts.defaultValues, resolver, mode: 'onSubmit', reValidateMode: 'onSubmit', shouldFocusError: false });
  const [state, run, resetSave, refuse] = useSave();
  const values = form.watch();
  const snap = JSON.stringify(values);
  const onSubmit = (e: FormEvent) => {
    if (state.busy) {
      e.preventDefault();
      return;
    }
    const at = snap;
    void form.handleSubmit(
      (body) => run(() => latest.current.send(body, form.getValues()), at),
      (errors) => refuse(errorList(errors)),
    )(e);
  };
  return { form, state, snap, onSubmit, resetSave };
}
