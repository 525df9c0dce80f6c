/**
 * The text of a Word file (.docx) sent to the server, through mammoth (raw text, paragraphs on lines
 * of their own), for the plan parser. The archive is checked first by the same guard as a file the
 * CLI reads (src/store/zip-guard.ts: entry count and inflated size, in constant memory), and the
 * text it yields against the plan-text limit (src/model/limits.ts; raised by the same variables).
 */
import { AccordError, invalid } from '../model/errors.js';
import { bytesText, inputLimits, LIMIT_VARIABLES } from '../model/limits.js';
import { checkZip } from '../store/zip-guard.js';

/** Largest .docx accepted, in bytes (1 MiB). */
export const MAX_DOCX_BYTES = 1024 * 1024;

/**
 * The raw text of a .docx given as base64 (`field` names it in messages).
 * @throws AccordError `invalid_input` when it is not base64, larger than {@link MAX_DOCX_BYTES} or
 *   not a Word file; `too_large` when its archive inflates past the .docx limits or its text past
 *   the plan-text limit
 */
export async function docxText(base64: string, field = 'docx'): Promise<string> {
  if (!/^[A-Za-z0-9+/=\s]+$/.test(base64)) throw invalid('expected the .docx file as base64', { field });
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > MAX_DOCX_BYTES) throw invalid(`the .docx file is larger than ${MAX_DOCX_BYTES} bytes`, { field });
  // A .docx is a ZIP archive: it starts with "PK\x03\x04".
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) throw invalid('expected a Word file (.docx); this is not one', { field });
  const limits = inputLimits(process.env);
  try {
    await checkZip(bytes, limits, field);
  } catch (err) {
    // The guard names a file; here the upload is a field of the request.
    if (err instanceof AccordError) throw new AccordError(err.code, err.message, { field }, err.details);
    throw err;
  }
  const mammoth = (await import('mammoth')).default;
  let text: string;
  try {
    text = (await mammoth.extractRawText({ buffer: bytes })).value;
  } catch (err) {
    throw invalid(`cannot read the Word file: ${(err as Error).message}`, { field });
  }
  const size = Buffer.byteLength(text, 'utf8');
  if (size > limits.textBytes) throw new AccordError('too_large', `the Word file's text is ${bytesText(size)}, more than the ${bytesText(limits.textBytes)} allowed (raise ${LIMIT_VARIABLES.textBytes} to read it anyway)`, { field });
  return text;
}
