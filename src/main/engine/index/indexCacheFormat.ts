/**
 * The on-disk layout of an index cache file (see indexCache.ts for what goes in it and when):
 *
 *   header   32 bytes: magic "TARSIERIDX", u16 format version, u32 metadata length,
 *            u32 crc32 of the metadata, u64 metadata offset, u32 reserved (0); little-endian
 *   sections raw bytes, one after another: the typed arrays exactly as they sit in memory
 *            (little-endian); each segment's arrays laid end to end in one section per kind,
 *            the segments' packed terms as Latin-1 or UTF-16 bytes
 *   metadata JSON: inventory, file table, components, zone, templates, stats, the segment
 *            table, the spool files (name and size), and for every section its offset, length
 *            and crc32
 *
 * The metadata comes last because the sections are streamed from the live index without first
 * being measured or encoded as a whole; the header, written last, points at it. Every length is
 * checked against the file size and every byte against a crc32 on load, so a truncated, torn or
 * damaged file is reported, never half-loaded. The spool files the index points into are checked
 * by their size only (reading them whole would cost what the cache saves).
 */
import type { FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import type { Inventory } from '../../../shared/api.ts';
import type { MinedTemplate } from '../../../shared/patterns/templateMiner.ts';
import type { IndexStats } from './caseIndex.ts';

export const MAGIC = 'TARSIERIDX';
/** Bump on any change to the layout or to what the engine puts in an index (it is also part of the cache key). */
export const FORMAT_VERSION = 5;
export const HEADER_BYTES = 32;

/** The fixed-size start of a cache file. */
export interface Header {
  version: number;
  metaLength: number;
  metaCrc: number;
  metaOffset: number;
}

/** Encodes a header. */
export function encodeHeader(header: Header): Buffer {
  const b = Buffer.alloc(HEADER_BYTES);
  b.write(MAGIC, 0, 'latin1');
  b.writeUInt16LE(header.version, 10);
  b.writeUInt32LE(header.metaLength, 12);
  b.writeUInt32LE(header.metaCrc, 16);
  b.writeBigUInt64LE(BigInt(header.metaOffset), 20);
  return b;
}

/** Decodes a header; a string says why the bytes are not one (`version:` prefix: another format version). */
export function decodeHeader(b: Buffer): Header | string {
  if (b.length < HEADER_BYTES) return `shorter than the ${HEADER_BYTES}-byte header`;
  if (b.toString('latin1', 0, MAGIC.length) !== MAGIC) return 'not an index cache file (bad magic)';
  const version = b.readUInt16LE(10);
  if (version !== FORMAT_VERSION) return `version: format ${version}, this build reads ${FORMAT_VERSION}`;
  const metaOffset = b.readBigUInt64LE(20);
  if (metaOffset > BigInt(Number.MAX_SAFE_INTEGER)) return 'metadata offset out of range';
  return { version, metaLength: b.readUInt32LE(12), metaCrc: b.readUInt32LE(16), metaOffset: Number(metaOffset) };
}

/** Where one section sits and its checksum. */
export interface SectionInfo {
  offset: number;
  bytes: number;
  crc: number;
}

const WRITE_BUFFER = 1 << 20;
/** Larger pieces go to the file as they are (no copy). */
const DIRECT_WRITE = 256 << 10;
/** The most one read or write call moves (the OS caps a call near 2 GiB). */
const IO_PIECE = 64 << 20;

/** Appends sections to a file through a small buffer, recording offset, length and crc32 of each. */
export class SectionWriter {
  readonly sections: Record<string, SectionInfo> = {};
  private readonly buffer = Buffer.allocUnsafe(WRITE_BUFFER);
  private used = 0;
  private flushedTo: number;
  private current: { name: string; offset: number; crc: number } | null = null;

  constructor(
    private readonly handle: FileHandle,
    start: number,
  ) {
    this.flushedTo = start;
  }

  /** The logical end of what was written. */
  get position(): number {
    return this.flushedTo + this.used;
  }

  begin(name: string): void {
    if (this.current) throw new Error(`index cache: section ${this.current.name} is still open`);
    this.current = { name, offset: this.position, crc: 0 };
  }

  end(): void {
    const c = this.current!;
    this.sections[c.name] = { offset: c.offset, bytes: this.position - c.offset, crc: c.crc >>> 0 };
    this.current = null;
  }

  /** A whole section holding one typed array's bytes. */
  async array(name: string, values: ArrayBufferView): Promise<void> {
    this.begin(name);
    await this.write(values);
    this.end();
  }

  async write(values: ArrayBufferView): Promise<void> {
    const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    if (bytes.length === 0) return;
    if (this.current) this.current.crc = crc32(bytes, this.current.crc);
    if (bytes.length >= DIRECT_WRITE) {
      await this.flush();
      await writeAll(this.handle, bytes, this.flushedTo);
      this.flushedTo += bytes.length;
      return;
    }
    if (this.used + bytes.length > this.buffer.length) await this.flush();
    this.buffer.set(bytes, this.used);
    this.used += bytes.length;
  }

  async flush(): Promise<void> {
    if (this.used === 0) return;
    await writeAll(this.handle, this.buffer.subarray(0, this.used), this.flushedTo);
    this.flushedTo += this.used;
    this.used = 0;
  }
}

async function writeAll(handle: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, done, Math.min(IO_PIECE, bytes.length - done), position + done);
    if (bytesWritten <= 0) throw new Error('index cache: write made no progress');
    done += bytesWritten;
  }
}

/** A file that is not a well-formed cache file (the loader turns this into a typed error). */
export class CorruptCache extends Error {}

/** Fills `target` from `position`; a short file is corrupt. */
export async function readExactly(handle: FileHandle, target: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < target.length) {
    const { bytesRead } = await handle.read(target, done, Math.min(IO_PIECE, target.length - done), position + done);
    if (bytesRead <= 0) throw new CorruptCache(`file ends inside a section (at byte ${position + done})`);
    done += bytesRead;
  }
}

type TypedArrayOf<T> = { new (length: number): T; readonly BYTES_PER_ELEMENT: number };

/** Reads the sections of a file whose metadata says where they are, checking bounds and crc32. */
export class SectionReader {
  constructor(
    private readonly handle: FileHandle,
    private readonly sections: Record<string, SectionInfo>,
    /** Sections must lie between the header and this offset (the metadata). */
    private readonly end: number,
  ) {}

  /** The section's place, checked against the file. */
  info(name: string): SectionInfo {
    const s = this.sections[name] as SectionInfo | undefined;
    const whole = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
    if (!s || !whole(s.offset) || !whole(s.bytes) || !whole(s.crc))
      throw new CorruptCache(`section ${name} is missing or malformed`);
    if (s.offset < HEADER_BYTES || s.offset + s.bytes > this.end)
      throw new CorruptCache(`section ${name} lies outside the file`);
    return s;
  }

  /** A typed array of exactly `length` elements. */
  async array<T extends ArrayBufferView>(name: string, type: TypedArrayOf<T>, length: number): Promise<T> {
    const s = this.info(name);
    if (s.bytes !== length * type.BYTES_PER_ELEMENT)
      throw new CorruptCache(`section ${name} has ${s.bytes} bytes, expected ${length} × ${type.BYTES_PER_ELEMENT}`);
    const values = new type(length);
    const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    await readExactly(this.handle, bytes, s.offset);
    if (crc32(bytes) >>> 0 !== s.crc) throw new CorruptCache(`section ${name} is damaged (checksum)`);
    return values;
  }

  /**
   * Reads a section in consecutive pieces of the given sizes (which must add up to it), each in a
   * buffer of its own; the checksum covers them all.
   */
  async pieces(name: string, sizes: readonly number[]): Promise<Buffer[]> {
    const s = this.info(name);
    if (sizes.reduce((a, b) => a + b, 0) !== s.bytes)
      throw new CorruptCache(`section ${name}: pieces do not add up to its ${s.bytes} bytes`);
    const out: Buffer[] = [];
    let at = s.offset;
    let crc = 0;
    for (const size of sizes) {
      const piece = Buffer.allocUnsafeSlow(size);
      await readExactly(this.handle, piece, at);
      crc = crc32(piece, crc);
      out.push(piece);
      at += size;
    }
    if (crc >>> 0 !== s.crc) throw new CorruptCache(`section ${name} is damaged (checksum)`);
    return out;
  }
}

/** One file's text as the metadata describes it: its range of a spool file and its line count. */
export interface TextMeta {
  spool: number;
  textStart: number;
  lines: number;
}

/** One segment of the index (postings) as the metadata describes it. */
export interface SegmentMeta {
  /** Case event id of the segment's first event. */
  base: number;
  terms: number;
  /** Packed terms: characters, and their encoding in the `segments.termText` section. */
  termChars: number;
  termEncoding: 'latin1' | 'utf16le';
  postingBytes: number;
  requests: number;
}

/** The metadata block of a cache file. */
export interface Meta {
  format: number;
  key: string;
  zone: string;
  inventory: Inventory;
  /** `record` is an index into `inventory.files`. */
  files: { record: number; store: number; first: number; count: number; component: number }[];
  components: string[];
  events: number;
  templates: MinedTemplate[];
  stats: IndexStats;
  /** The spool files of the case (in the cache entry's folder), by writer number, with their sizes. */
  spool: { name: string; bytes: number }[];
  texts: TextMeta[];
  segments: SegmentMeta[];
  sections: Record<string, SectionInfo>;
}

/** Shallow checks of the metadata's shape (the crc32 has vouched for its bytes). */
export function checkMeta(meta: Meta, key: string): void {
  const count = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  if (typeof meta !== 'object' || meta === null) throw new CorruptCache('metadata is not an object');
  if (meta.format !== FORMAT_VERSION) throw new CorruptCache(`version: metadata of format ${String(meta.format)}`);
  if (meta.key !== key) throw new CorruptCache('the file belongs to another key');
  if (!count(meta.events)) throw new CorruptCache('metadata counts are malformed');
  const inv = meta.inventory;
  if (!inv || ![inv.bundles, inv.files, inv.skipped, inv.problems].every(Array.isArray))
    throw new CorruptCache('inventory is malformed');
  if (![meta.files, meta.components, meta.templates, meta.spool, meta.texts, meta.segments].every(Array.isArray))
    throw new CorruptCache('metadata lists are malformed');
  for (const t of meta.texts) {
    if (![t.spool, t.textStart, t.lines].every(count)) throw new CorruptCache('text table is malformed');
    if (t.spool >= meta.spool.length) throw new CorruptCache('a text names a spool file that is not there');
  }
  for (const g of meta.segments) {
    if (
      ![g.base, g.terms, g.termChars, g.postingBytes, g.requests].every(count) ||
      (g.termEncoding !== 'latin1' && g.termEncoding !== 'utf16le')
    )
      throw new CorruptCache('segment table is malformed');
  }
  for (const f of meta.spool)
    if (typeof f?.name !== 'string' || !/^spool-[a-z0-9-]+\.txt$/.test(f.name) || !count(f.bytes))
      throw new CorruptCache('spool table is malformed');
  if (
    typeof meta.zone !== 'string' ||
    typeof meta.sections !== 'object' ||
    meta.sections === null ||
    typeof meta.stats !== 'object'
  )
    throw new CorruptCache('metadata is malformed');
}
