/**
 * A .docx is a zip archive (ISO/IEC 29500-2, Open Packaging Conventions) that mammoth inflates
 * whole. Before mammoth sees it, {@link checkZip} reads the archive's central directory (PKWARE
 * APPNOTE 6.3.10 §4.3) and inflates every entry itself as a stream, counting and discarding the
 * output, so that an archive with too many entries, or whose entries inflate past the limit —
 * whatever sizes its headers declare — is refused with `too_large` in constant memory, after
 * inflating at most the limit. ZIP64 archives and compression
 * methods other than stored (0) and deflate (8) are refused: Word writes neither.
 */
import { createInflateRaw } from 'node:zlib';
import { AccordError } from '../model/errors.js';
import { bytesText, type InputLimits, LIMIT_VARIABLES } from '../model/limits.js';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const bad = (file: string, why: string) => new AccordError('invalid_input', `not a readable .docx (zip) file: ${why}`, { file });
const tooLarge = (file: string, why: string, variable: string) => new AccordError('too_large', `${why}; a Word file holds far less (raise ${variable} to read it anyway)`, { file });

/** What {@link checkZip} found: the number of entries and their total inflated size in bytes. */
export interface ZipSummary {
  entries: number;
  inflatedBytes: number;
}

/**
 * Check a zip archive against the .docx limits. Throws `too_large` (too many entries, or inflating
 * past `docxInflatedBytes`) or `invalid_input` (not a zip, ZIP64, an unknown method, a damaged entry).
 */
export async function checkZip(buf: Buffer, limits: Pick<InputLimits, 'docxEntries' | 'docxInflatedBytes'>, file: string): Promise<ZipSummary> {
  // The end-of-central-directory record: in the last 22 + 65,535 (comment) bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw bad(file, 'no end of central directory');
  const total = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (total === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw bad(file, 'a ZIP64 archive (Word files are never that large)');
  if (total > limits.docxEntries) throw tooLarge(file, `the archive holds ${total} entries, more than the ${limits.docxEntries} allowed`, LIMIT_VARIABLES.docxEntries);
  if (cdOffset + cdSize > buf.length) throw bad(file, 'the central directory lies outside the file');
  let at = cdOffset;
  let inflated = 0;
  for (let n = 0; n < total; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) throw bad(file, `central directory entry ${n + 1} is damaged`);
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    at += 46 + nameLen + extraLen + commentLen;
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) throw bad(file, `entry "${name}" has no local header`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + compressed > buf.length) throw bad(file, `entry "${name}" runs past the end of the file`);
    const data = buf.subarray(start, start + compressed);
    const budget = limits.docxInflatedBytes - inflated;
    let size: number;
    if (method === 0) size = data.length;
    else if (method === 8) {
      // Inflated and counted: the declared size is not trusted.
      const r = await inflatedSize(data, budget);
      if (typeof r !== 'number') throw bad(file, `entry "${name}" does not inflate (${r.message})`);
      size = r;
    } else throw bad(file, `entry "${name}" uses compression method ${method}`);
    inflated += size;
    if (inflated > limits.docxInflatedBytes) {
      throw tooLarge(file, `its entries inflate to more than ${bytesText(limits.docxInflatedBytes)} (at "${name}")`, LIMIT_VARIABLES.docxInflatedBytes);
    }
  }
  return { entries: total, inflatedBytes: inflated };
}

/**
 * The size `data` (a raw deflate stream) inflates to, counted in 1 MiB chunks that are discarded;
 * inflating stops as soon as the count passes `budget` (the result is then `budget + 1`). An Error
 * when the stream is damaged.
 */
function inflatedSize(data: Buffer, budget: number): Promise<number | Error> {
  return new Promise((resolve) => {
    const z = createInflateRaw({ chunkSize: 1024 * 1024 });
    let n = 0;
    z.on('data', (chunk: Buffer) => {
      n += chunk.length;
      if (n > budget) {
        z.destroy();
        resolve(budget + 1);
      }
    });
    z.on('error', (e) => resolve(e));
    z.on('end', () => resolve(n));
    z.end(data);
  });
}
