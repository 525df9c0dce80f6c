/**
 * Test support: a minimal zip writer (PKWARE APPNOTE 6.3.10 §4.3: local headers, central directory,
 * end record; no ZIP64) for building .docx files on the fly, hostile ones included: an entry is
 * given either as bytes (stored, or deflated here) or as an already deflated stream with its true
 * inflated size and CRC, and the sizes a header declares can be set to lie.
 */
import { crc32, deflateRawSync } from 'node:zlib';

/** One archive entry. */
export interface ZipEntry {
  name: string;
  /** Bytes to store (method 0) or deflate here (method 8, the default). */
  data?: Buffer;
  /** An already deflated (raw) stream, with the size and CRC-32 of what it inflates to. */
  deflated?: { stream: Buffer; size: number; crc: number };
  /** Store `data` instead of deflating it. */
  stored?: boolean;
  /** Inflated size written in the headers, when it should lie (default: the true size). */
  declaredSize?: number;
}

/** A zip archive holding `entries`, in order. */
export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    let method = 8;
    let body: Buffer;
    let size: number;
    let crc: number;
    if (e.deflated) {
      ({ stream: body, size, crc } = e.deflated);
    } else {
      const data = e.data ?? Buffer.alloc(0);
      size = data.length;
      crc = crc32(data);
      if (e.stored) {
        method = 0;
        body = data;
      } else body = deflateRawSync(data);
    }
    const declared = e.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/**
 * A raw deflate stream of `chunk` repeated `times` times, built without inflating anything: the
 * chunk is deflated once as a full-flush block sequence (no back-reference reaches before it), that
 * sequence is repeated, and a final empty block closes the stream. Returns the stream with the
 * inflated size and CRC-32, so that a gigabyte costs a few hundred kilobytes and no gigabyte of memory.
 */
export function repeatedDeflate(chunk: Buffer, times: number): { stream: Buffer; size: number; crc: number } {
  const block = deflateRawSync(chunk, { finishFlush: 3 /* Z_FULL_FLUSH */ });
  const final = Buffer.from([0x03, 0x00]); // a final, empty block with fixed codes
  let crc = 0;
  for (let i = 0; i < times; i++) crc = crc32(chunk, crc);
  return { stream: Buffer.concat([...Array.from({ length: times }, () => block), final]), size: chunk.length * times, crc };
}
