/**
 * The .docx guard (./zip-guard.ts) on archives built here (test/support/zip.ts): true inflated
 * sizes are counted whatever the headers declare, limits are kept, damaged archives are refused,
 * and a Word file within the limits reaches mammoth intact.
 */
import { describe, expect, it } from 'vitest';
import mammoth from 'mammoth';
import { AccordError } from '../model/errors.js';
import { DEFAULT_LIMITS } from '../model/limits.js';
import { repeatedDeflate, zip } from '../../test/support/zip.js';
import { checkZip } from './zip-guard.js';

const KB = 1024;
const TYPES = Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
const RELS = Buffer.from('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
const body = (text: string) =>
  Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`);
/** A Word file of one paragraph: deflated content types and body, stored relationships. */
const wordFile = (text: string) =>
  zip([
    { name: '[Content_Types].xml', data: TYPES },
    { name: '_rels/.rels', data: RELS, stored: true },
    { name: 'word/document.xml', data: body(text) },
  ]);
const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(AccordError);
  return e as AccordError;
};

describe('checkZip', () => {
  it('passes a Word file, counting its entries and inflated bytes, and mammoth reads it', async () => {
    const buf = wordFile('1. The parties agree.');
    const summary = await checkZip(buf, DEFAULT_LIMITS, 'ok.docx');
    expect(summary).toEqual({ entries: 3, inflatedBytes: TYPES.length + RELS.length + body('1. The parties agree.').length });
    expect((await mammoth.extractRawText({ buffer: buf })).value.trim()).toBe('1. The parties agree.');
  });

  it('counts what entries really inflate to, not what their headers declare', async () => {
    const lying = zip([{ name: 'word/document.xml', deflated: repeatedDeflate(Buffer.alloc(64 * KB, 0x41), 16), declaredSize: 10 }]);
    expect((await checkZip(lying, DEFAULT_LIMITS, 'x.docx')).inflatedBytes).toBe(1024 * KB);
    const e = await refusal(checkZip(lying, { ...DEFAULT_LIMITS, docxInflatedBytes: 1000 * KB }, 'x.docx'));
    expect(e.code).toBe('too_large');
    expect(e.location.file).toBe('x.docx');
  });

  it('refuses more entries than allowed, before inflating any', async () => {
    const many = zip(Array.from({ length: 11 }, (_, i) => ({ name: `p${i}.xml`, data: Buffer.from('x') })));
    expect((await checkZip(many, { ...DEFAULT_LIMITS, docxEntries: 11 }, 'm.docx')).entries).toBe(11);
    const e = await refusal(checkZip(many, { ...DEFAULT_LIMITS, docxEntries: 10 }, 'm.docx'));
    expect(e.code).toBe('too_large');
    expect(e.message).toContain('11 entries');
  });

  it('refuses what is not a readable zip: no end record, a damaged stream, an unknown method', async () => {
    expect((await refusal(checkZip(Buffer.from('plain text, not a zip archive at all.'), DEFAULT_LIMITS, 't.docx'))).code).toBe('invalid_input');
    const damaged = zip([{ name: 'word/document.xml', deflated: { stream: Buffer.from([0xff, 0xff, 0xff, 0xff]), size: 4, crc: 0 } }]);
    expect((await refusal(checkZip(damaged, DEFAULT_LIMITS, 'd.docx'))).message).toContain('does not inflate');
    const method = zip([{ name: 'a.xml', data: Buffer.from('abc'), stored: true }]);
    method.writeUInt16LE(12, 30 + 5 + 3 + 10); // central directory entry: method 12 (bzip2)
    expect((await refusal(checkZip(method, DEFAULT_LIMITS, 'b.docx'))).message).toContain('compression method 12');
  });
});
