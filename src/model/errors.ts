/**
 * The catalogue of Accord's domain errors.
 *
 * Every failure a user can cause is an {@link AccordError} with one of the stable codes below.
 * The codes are mapped once to HTTP statuses ({@link httpStatusOf}) and once to CLI exit codes
 * ({@link exitCodeOf}); nothing else in the code base decides statuses or exit codes.
 * Messages are written for the user: they name the file, line and field and say what was expected,
 * and they never carry a stack trace.
 */

/** Stable error codes. Never rename one: scripts and API clients match on them. */
export const ERROR_CODES = [
  /** Input failed validation (schema, date, vocabulary, reference to an unknown entity). */
  'invalid_input',
  /** The command line or request was malformed (unknown option, missing argument). */
  'usage',
  /** A named entity (process, version, party, file…) does not exist or is not visible. */
  'not_found',
  /** The change conflicts with stored state (duplicate id, immutable version). */
  'conflict',
  /**
   * A conditional write found the entity changed since the writer read it (a stale `If-Match`
   * ETag): nothing was written; read it again and reapply the change.
   */
  'precondition_failed',
  /** No valid session. */
  'unauthenticated',
  /** The session is valid but the policy forbids the action. */
  'forbidden',
  /** A request body or input file is larger than allowed. */
  'too_large',
  /** Too many requests (login rate limit). */
  'rate_limited',
  /** Stored data failed an integrity check (hash chain broken). */
  'integrity',
  /** The solver or analysis could not answer (e.g. a non-linear profile). */
  'unsupported',
  /** A bug or an unexpected environment failure. */
  'internal',
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Where in the user's input an error lies; every part optional. Lines are 1-based. */
export interface ErrorLocation {
  file?: string;
  line?: number;
  column?: number;
  /** Dotted path of the offending field, e.g. `positions[3].party`. */
  field?: string;
}

/** A problem found while validating input; several are collected before failing. */
export interface ErrorDetail extends ErrorLocation {
  message: string;
}

/**
 * A user-facing error with a stable {@link ErrorCode}.
 * `details` lists every problem found when validation collected more than one.
 */
export class AccordError extends Error {
  readonly code: ErrorCode;
  readonly location: ErrorLocation;
  readonly details: ErrorDetail[];

  constructor(code: ErrorCode, message: string, location: ErrorLocation = {}, details: ErrorDetail[] = []) {
    super(message);
    this.name = 'AccordError';
    this.code = code;
    this.location = location;
    this.details = details;
  }

  /** The message prefixed by its location, as printed by the CLI: `file:line: field: message`. */
  describe(): string {
    const lines = [formatDetail({ ...this.location, message: this.message })];
    for (const d of this.details) lines.push('  ' + formatDetail(d));
    return lines.join('\n');
  }

  /** The JSON shape used by the API and by `--json`: `{code, message, field?, file?, line?, details?}`. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { code: this.code, message: this.message };
    if (this.location.field !== undefined) out.field = this.location.field;
    if (this.location.file !== undefined) out.file = this.location.file;
    if (this.location.line !== undefined) out.line = this.location.line;
    if (this.details.length) out.details = this.details;
    return out;
  }
}

/** Render one located message as `file:line: field: message`, omitting absent parts. */
export function formatDetail(d: ErrorDetail): string {
  let where = '';
  if (d.file) where += d.file;
  if (d.line !== undefined) where += (where ? ':' : 'line ') + d.line;
  const parts = [where, d.field, d.message].filter((p) => p !== undefined && p !== '');
  return parts.join(': ');
}

/** Shorthand constructors. */
export const invalid = (message: string, location: ErrorLocation = {}, details: ErrorDetail[] = []) =>
  new AccordError('invalid_input', message, location, details);
export const notFound = (message: string, location: ErrorLocation = {}) => new AccordError('not_found', message, location);
export const conflict = (message: string, location: ErrorLocation = {}) => new AccordError('conflict', message, location);

/**
 * The answer to a create whose id is taken: one message whether the item holding the id is visible
 * to the caller or lies in a layer it cannot see, so that trying an id tells apart only taken and
 * free, never hidden and visible. `field` names the id (default `id`).
 */
export const idTaken = (id: string, field = 'id') => conflict(`the id "${id}" is already taken; choose another id, or leave it out to have one chosen`, { field });
export const preconditionFailed = (message: string, location: ErrorLocation = {}) => new AccordError('precondition_failed', message, location);

const HTTP: Record<ErrorCode, number> = {
  invalid_input: 422,
  usage: 400,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  unauthenticated: 401,
  forbidden: 403,
  too_large: 413,
  rate_limited: 429,
  integrity: 500,
  unsupported: 422,
  internal: 500,
};

/**
 * CLI exit codes, following BSD sysexits where one fits:
 * 0 ok, 1 a check found a problem (e.g. `verify`), 64 usage, 65 invalid data, 66 missing input,
 * 69 unsupported, 70 internal, 73 conflict, 75 try again (EX_TEMPFAIL: rate limited, or the entity
 * changed since it was read), 77 permission.
 */
const EXIT: Record<ErrorCode, number> = {
  invalid_input: 65,
  usage: 64,
  not_found: 66,
  conflict: 73,
  precondition_failed: 75,
  unauthenticated: 77,
  forbidden: 77,
  too_large: 65,
  rate_limited: 75,
  integrity: 1,
  unsupported: 69,
  internal: 70,
};

/** The HTTP status for an error code. */
export function httpStatusOf(code: ErrorCode): number {
  return HTTP[code];
}

/** The CLI exit code for an error code (see the table in README, "Exit codes"). */
export function exitCodeOf(code: ErrorCode): number {
  return EXIT[code];
}

/** Wrap anything thrown into an AccordError; unknown errors become `internal` without their stack. */
export function toAccordError(err: unknown): AccordError {
  if (err instanceof AccordError) return err;
  // File-system mistakes are the user's, not bugs: say which path and what was wrong with it.
  const sys = err as { code?: unknown; path?: unknown; syscall?: unknown } | null;
  if (sys && typeof sys.code === 'string' && /^E[A-Z]+$/.test(sys.code)) {
    const file = typeof sys.path === 'string' ? sys.path : undefined;
    const why: Record<string, [ErrorCode, string]> = {
      ENOENT: ['not_found', 'no such file or folder'],
      ENOTDIR: ['not_found', 'a part of the path is not a folder'],
      EISDIR: ['invalid_input', 'is a folder, expected a file'],
      EEXIST: ['conflict', 'already exists (and is not a folder)'],
      EACCES: ['forbidden', 'permission denied'],
      EPERM: ['forbidden', 'operation not permitted'],
      ENOSPC: ['internal', 'no space left on the device'],
    };
    const hit = why[sys.code];
    if (hit) return new AccordError(hit[0], file ? `${file}: ${hit[1]}` : `${hit[1]} (${(err as Error).message})`, file ? { file } : {});
  }
  const message = err instanceof Error ? err.message : String(err);
  return new AccordError('internal', `unexpected failure: ${message}`);
}
