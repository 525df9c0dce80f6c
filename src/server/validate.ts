/**
 * Boundary validation for the HTTP API: run a zod schema from src/model over a request part and turn
 * failures into one `invalid_input` {@link AccordError} whose `field` names the first offending
 * field and whose `details` list every problem, each with its field and what was expected.
 */
import type { z } from 'zod';
import { AccordError, type ErrorDetail } from '../model/errors.js';

/** Dotted field path like `evidence[0].sources[1]` or `asOf`. */
export function fieldPath(p: readonly PropertyKey[]): string {
  let out = '';
  for (const k of p) out += typeof k === 'number' ? `[${k}]` : out ? `.${String(k)}` : String(k);
  return out;
}

/** A readable message for a zod issue, saying what was expected. */
export function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value' && 'values' in issue) {
    return `expected one of ${(issue.values as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  }
  if (issue.code === 'invalid_type' && /received undefined/i.test(issue.message)) return 'is required';
  if (issue.code === 'unrecognized_keys' && 'keys' in issue) return `unknown field(s) ${(issue.keys as string[]).map((k) => `"${k}"`).join(', ')}`;
  return issue.message;
}

/** The problems of a zod error as field-level details; `prefix` goes before every path. */
export function zodDetails(err: z.ZodError, prefix: PropertyKey[] = []): ErrorDetail[] {
  return err.issues.map((issue) => ({ field: fieldPath([...prefix, ...issue.path]) || undefined, message: issueMessage(issue) }));
}

/**
 * An `invalid_input` error from a list of problems: the message and field are the first problem's
 * (so a client can show it next to the field), `details` all of them.
 */
export function invalidFrom(details: ErrorDetail[], what: string): AccordError {
  const first = details[0] ?? { message: `invalid ${what}` };
  const msg = first.field ? `${first.field}: ${first.message}` : first.message;
  const more = details.length > 1 ? ` (and ${details.length - 1} more problem${details.length === 2 ? '' : 's'})` : '';
  return new AccordError('invalid_input', `invalid ${what}: ${msg}${more}`, first.field ? { field: first.field } : {}, details);
}

/** Parse `value` with `schema` or throw {@link invalidFrom}'s error naming the request part. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw invalidFrom(zodDetails(r.error), what);
}
