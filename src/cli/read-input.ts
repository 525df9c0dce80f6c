/**
 * Reading the files a command is given, within the limits of src/model/limits.ts (raised with the
 * `ACCORD_MAX_*` variables): the size is checked before anything is read (src/store/bounded-read.ts),
 * a .docx's zip structure before mammoth inflates it (src/store/zip-guard.ts), and its extracted text
 * against the plan-text limit. Every refusal is an AccordError naming the file (exit 65 for an
 * input too large or malformed, 66 for a missing one).
 */
import { AccordError } from '../model/errors.js';
import { bytesText, inputLimits, type InputLimits, LIMIT_VARIABLES, readLimit } from '../model/limits.js';
import { readBoundedFile } from '../store/bounded-read.js';
import { checkZip } from '../store/zip-guard.js';

export { readHead } from '../store/bounded-read.js';

/** The limits in force for this process (defaults, raised by the environment). */
export function currentLimits(): InputLimits {
  return inputLimits(process.env);
}

/** A plan text file (.txt, .md) read whole within the plan-text limit. Throws `not_found`, `invalid_input`, `too_large`. */
export function readTextFile(file: string, what: string, limits: InputLimits = currentLimits()): Buffer {
  return readBoundedFile(file, what, readLimit(limits, 'textBytes'));
}

/** A data file (CSV, XML, YAML, JSON) read whole within the data-file limit. Throws `not_found`, `invalid_input`, `too_large`. */
export function readDataFile(file: string, what: string, limits: InputLimits = currentLimits()): Buffer {
  return readBoundedFile(file, what, readLimit(limits, 'fileBytes'));
}

/**
 * The raw text of a .docx: the archive is checked (entry count, inflated size, whatever its
 * headers declare) before mammoth reads it, and the text it yields against the plan-text limit.
 * Throws `not_found`, `too_large` or `invalid_input` naming the file.
 */
export async function readDocxText(file: string, limits: InputLimits = currentLimits()): Promise<string> {
  const buf = readDataFile(file, 'Word file', limits);
  await checkZip(buf, limits, file);
  const mammoth = (await import('mammoth')).default;
  let text: string;
  try {
    text = (await mammoth.extractRawText({ buffer: buf })).value;
  } catch (e) {
    throw new AccordError('invalid_input', `cannot read Word file: ${(e as Error).message}`, { file });
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.textBytes) {
    throw new AccordError('too_large', `the Word file's text is ${bytesText(bytes)}, more than the ${bytesText(limits.textBytes)} allowed (raise ${LIMIT_VARIABLES.textBytes} to read it anyway)`, { file });
  }
  return text;
}
