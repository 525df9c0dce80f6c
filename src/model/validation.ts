/**
 * THE converter from zod validation failures to Accord's field-level {@link ErrorDetail}s, with
 * messages a person can act on ("must not be empty", "expected one of …", "must be a full web
 * address …") instead of zod's defaults. Used at every boundary that parses input through the
 * schemas of ./schemas.ts: the HTTP API, the bundle reader, the CLI and the services; the browser
 * shows these messages as they come.
 */
import type { z } from 'zod';
import { AccordError, type ErrorDetail } from './errors.js';

/** Dotted field path like `evidence[0].sources[1]` or `asOf`. */
export function fieldPath(p: readonly PropertyKey[]): string {
  let out = '';
  for (const k of p) out += typeof k === 'number' ? `[${k}]` : out ? `.${String(k)}` : String(k);
  return out;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const article = (what: string) => (/^[aeiou]/.test(what) ? `an ${what}` : `a ${what}`);

/** A readable message for one zod issue, saying what was expected. */
export function issueMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (/received undefined/i.test(issue.message)) return 'is required';
      return `expected ${article(String(issue.expected))}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? 'must not be empty' : `needs at least ${plural(min, 'character')}`;
      if (issue.origin === 'array' || issue.origin === 'set') return min <= 1 ? 'needs at least one item' : `needs at least ${plural(min, 'item')}`;
      return issue.inclusive === false ? `must be more than ${min}` : `must be at least ${min}`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `must be at most ${plural(max, 'character')}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `takes at most ${plural(max, 'item')}`;
      return issue.inclusive === false ? `must be less than ${max}` : `must be at most ${max}`;
    }
    case 'invalid_format':
      if (issue.format === 'url') return 'must be a full web address starting with http:// or https:// (for example https://example.org/report)';
      if (issue.format === 'email') return 'must be an e-mail address';
      if (issue.format === 'regex') return /^Invalid/.test(issue.message) ? 'has characters or a form that is not allowed here' : issue.message;
      return /^Invalid/.test(issue.message) ? `must be ${article(issue.format)}` : issue.message;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'invalid_union':
      return 'matches none of the allowed forms';
    default:
      return issue.message;
  }
}

/** The problems of a zod error as field-level details; `prefix` goes before every path. */
export function zodDetails(err: z.ZodError, prefix: readonly PropertyKey[] = []): ErrorDetail[] {
  return err.issues.map((issue) => {
    const field = fieldPath([...prefix, ...issue.path]);
    return { ...(field ? { field } : {}), message: issueMessage(issue) };
  });
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

/** Parse `value` with `schema` or throw {@link invalidFrom}'s error naming what was parsed. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw invalidFrom(zodDetails(r.error), what);
}
