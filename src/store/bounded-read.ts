/**
 * Reading a user's file within a size limit (src/model/limits.ts): the size is checked before a
 * byte is read, so a file of any size is refused in constant memory and time; YAML aliases are
 * expanded up to a limit. Used by the bundle reader and, through src/cli/read-input.ts, by every
 * command that reads a file.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { AccordError } from '../model/errors.js';
import type { Document as YamlDocument } from 'yaml';
import { bytesText, LIMIT_VARIABLES } from '../model/limits.js';

/** The limit a read keeps to: at most `bytes`, raised with the environment variable `variable`. */
export interface ReadLimit {
  bytes: number;
  variable: string;
}

/**
 * Read a file whole, refusing before reading when it is larger than `limit.bytes`. `what` names
 * the file's role in messages ("plan", "CSV sheet"); `shown` is the name messages give the file
 * (default: `file`). Throws `not_found`, `invalid_input` (a folder or device) or `too_large`.
 */
export function readBoundedFile(file: string, what: string, limit: ReadLimit, shown: string = file): Buffer {
  if (!existsSync(file)) throw new AccordError('not_found', `file "${shown}" does not exist`, { file: shown });
  const st = statSync(file);
  if (!st.isFile()) throw new AccordError('invalid_input', `expected a ${what} file, found a folder or device`, { file: shown });
  if (st.size > limit.bytes) {
    throw new AccordError('too_large', `the ${what} is ${bytesText(st.size)}, more than the ${bytesText(limit.bytes)} allowed (raise ${limit.variable} to read it anyway)`, { file: shown });
  }
  return readFileSync(file);
}

/** The first `bytes` bytes of a file (fewer when it is shorter). */
export function readHead(file: string, bytes: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/**
 * The value of a parsed YAML document, expanding at most `maxAliases` aliases (the `yaml`
 * package's resource-exhaustion guard, which throws a bare ReferenceError past it). Throws
 * `too_large` naming the file and the variable that raises the limit.
 */
export function yamlValue(doc: YamlDocument, file: string, maxAliases: number): unknown {
  try {
    return doc.toJS({ maxAliasCount: maxAliases });
  } catch (e) {
    if (e instanceof ReferenceError && /excessive alias/i.test(e.message)) {
      throw new AccordError('too_large', `its aliases expand more than ${maxAliases} times, a sign of an alias bomb (raise ${LIMIT_VARIABLES.yamlAliases} to read it anyway)`, { file });
    }
    throw new AccordError('invalid_input', `not readable YAML: ${(e as Error).message}`, { file });
  }
}
