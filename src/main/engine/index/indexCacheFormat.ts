/**
 * The on-disk layout of an index cache file (see indexCache.ts for what goes in it and when):
 *
 *   header   32 bytes: magic "TARSIERIDX", u16 format version, u32 metadata length,
 *            u32 crc32 of the metadata, u64 metadata offset, u32 reserved (0); little-endian
 *   sections raw bytes, one after another: the typed arrays exactly as they sit in memory
 *            (little-endian), the postings' terms as text blocks, the text store's deflated chunks
 *   metadata JSON: inventory, file table, components, zone, templates, stats, and for every
 *            section its offset, length and crc32
 *
 * The metadata comes last because the sections are streamed from the live index without first
 * being measured or encoded as a whole; the header, written last, points at it. Every length is
 * checked against the file size and every byte against a crc32 on load, so a truncated, torn or
 * damaged file is reported, never half-loaded.
 */
import type { FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import type { Inventory } from '../../../shared/api.ts';
import type { FileRecord } from '../../../shared/model.ts';
import type { MinedTemplate } from '../../../shared/patterns/templateMiner.ts';
import type { IndexParts } from './indexJob.ts';
import type { TextStoreSnapshot } from './textStore.ts';

export const MAGIC = 'TARSIERIDX';
/** Bump on any change to the layout or to what the engine puts in an index (it is also part of the cache key). */
export const FORMAT_VERSION = 1;
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

/** How a block of terms is encoded (UTF-16 when the block holds a lone surrogate, which UTF-8 would lose). */
export interface TermBlock {
  terms: number;
  bytes: number;
  encoding: 'utf8' | 'utf16le';
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
    if (!s || !whole(s.offset) || !whole(s.bytes) || !whole(s.crc)) throw new CorruptCache(`section ${name} is missing or malformed`);
    if (s.offset < HEADER_BYTES || s.offset + s.bytes > this.end) throw new CorruptCache(`section ${name} lies outside the file`);
    return s;
  }

  /** A typed array of exactly `length` elements. */
  async array<T extends ArrayBufferView>(name: string, type: TypedArrayOf<T>, length: number): Promise<T> {
    const s = this.info(name);
    if (s.bytes !== length * type.BYTES_PER_ELEMENT) throw new CorruptCache(`section ${name} has ${s.bytes} bytes, expected ${length} × ${type.BYTES_PER_ELEMENT}`);
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
    if (sizes.reduce((a, b) => a + b, 0) !== s.bytes) throw new CorruptCache(`section ${name}: pieces do not add up to its ${s.bytes} bytes`);
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

/** A lone UTF-16 surrogate (which a UTF-8 round trip would turn into U+FFFD). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Characters per block of terms (a block is decoded into one string on load). */
const TERM_BLOCK_CHARS = 8 << 20;

/**
 * Writes the terms as text blocks (section `name`) and their lengths in UTF-16 code units
 * (section `name.lengths`); returns the blocks for the metadata.
 */
export async function writeTerms(writer: SectionWriter, name: string, terms: readonly string[]): Promise<TermBlock[]> {
  const lengths = new Uint32Array(terms.length);
  for (let t = 0; t < terms.length; t++) lengths[t] = terms[t].length;
  await writer.array(`${name}.lengths`, lengths);
  const blocks: TermBlock[] = [];
  writer.begin(name);
  let from = 0;
  while (from < terms.length) {
    let to = from;
    let chars = 0;
    while (to < terms.length && (chars < TERM_BLOCK_CHARS || to === from)) chars += terms[to++].length;
    const text = terms.slice(from, to).join('');
    const encoding = LONE_SURROGATE.test(text) ? 'utf16le' : 'utf8';
    const bytes = Buffer.from(text, encoding);
    await writer.write(bytes);
    blocks.push({ terms: to - from, bytes: bytes.length, encoding });
    from = to;
  }
  writer.end();
  return blocks;
}

/** Reads back what {@link writeTerms} wrote. */
export async function readTerms(reader: SectionReader, name: string, count: number, blocks: readonly TermBlock[]): Promise<string[]> {
  const lengths = await reader.array(`${name}.lengths`, Uint32Array, count);
  if (!Array.isArray(blocks) || blocks.reduce((n, b) => n + b.terms, 0) !== count) throw new CorruptCache(`${name}: blocks do not hold ${count} terms`);
  const pieces = await reader.pieces(
    name,
    blocks.map((b) => b.bytes),
  );
  const terms = new Array<string>(count);
  let t = 0;
  blocks.forEach((block, i) => {
    if (block.encoding !== 'utf8' && block.encoding !== 'utf16le') throw new CorruptCache(`${name}: unknown encoding ${String(block.encoding)}`);
    const text = pieces[i].toString(block.encoding);
    pieces[i] = Buffer.alloc(0);
    let at = 0;
    for (let k = 0; k < block.terms; k++, t++) {
      const end = at + lengths[t];
      if (end > text.length) throw new CorruptCache(`${name}: term lengths overrun their block`);
      terms[t] = text.slice(at, end);
      at = end;
    }
    if (at !== text.length) throw new CorruptCache(`${name}: term lengths do not fill their block`);
  });
  return terms;
}

/** The metadata block of a cache file. */
export interface Meta {
  format: number;
  key: string;
  zone: string;
  inventory: Inventory;
  /** `record` is an index into `inventory.files` (always, today) or the record itself. */
  files: { record: number | FileRecord; store: number; first: number; count: number; component: number }[];
  components: string[];
  events: number;
  store: { files: { lines: number; chunks: number }[]; compressedBytes: number; rawChars: number };
  templates: MinedTemplate[];
  roles: (string | null)[];
  requests: number;
  stats: IndexParts['stats'];
  terms: { count: number; blocks: TermBlock[] };
  sections: Record<string, SectionInfo>;
}

/** Shallow checks of the metadata's shape (the crc32 has vouched for its bytes). */
export function checkMeta(meta: Meta, key: string): void {
  const count = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  if (typeof meta !== 'object' || meta === null) throw new CorruptCache('metadata is not an object');
  if (meta.format !== FORMAT_VERSION) throw new CorruptCache(`version: metadata of format ${String(meta.format)}`);
  if (meta.key !== key) throw new CorruptCache('the file belongs to another key');
  if (!count(meta.events) || !count(meta.requests) || !count(meta.terms?.count)) throw new CorruptCache('metadata counts are malformed');
  const inv = meta.inventory;
  if (!inv || ![inv.bundles, inv.files, inv.skipped, inv.problems].every(Array.isArray)) throw new CorruptCache('inventory is malformed');
  if (![meta.files, meta.components, meta.templates, meta.roles, meta.store?.files].every(Array.isArray)) throw new CorruptCache('metadata lists are malformed');
  if (typeof meta.zone !== 'string' || typeof meta.sections !== 'object' || meta.sections === null || typeof meta.stats !== 'object') throw new CorruptCache('metadata is malformed');
}

/** Compressed text read per buffer on load. */
const TEXT_SLAB_BYTES = 64 << 20;

/** The text store's chunks: the chunk table, then the compressed bytes in slabs of up to 64 MiB. */
export async function readStore(r: SectionReader, meta: Meta): Promise<TextStoreSnapshot> {
  const total = meta.store.files.reduce((a, f) => a + f.chunks, 0);
  if (!Number.isSafeInteger(total)) throw new CorruptCache('text store table is malformed');
  const firstLine = await r.array('text.firstLine', Uint32Array, total);
  const lineCount = await r.array('text.lineCount', Uint32Array, total);
  const bytes = await r.array('text.bytes', Uint32Array, total);
  const slabSizes: number[] = [];
  const slabOf = new Uint32Array(total);
  let size = 0;
  for (let c = 0; c < total; c++) {
    if (size > 0 && size + bytes[c] > TEXT_SLAB_BYTES) {
      slabSizes.push(size);
      size = 0;
    }
    slabOf[c] = slabSizes.length;
    size += bytes[c];
  }
  if (size > 0 || slabSizes.length === 0) slabSizes.push(size);
  const slabs = await r.pieces('text.data', slabSizes);
  let c = 0;
  let at = 0;
  const files = meta.store.files.map((f) => {
    const chunks: TextStoreSnapshot['files'][number]['chunks'] = [];
    for (let k = 0; k < f.chunks; k++, c++) {
      if (c > 0 && slabOf[c] !== slabOf[c - 1]) at = 0;
      chunks.push({ firstLine: firstLine[c], lineCount: lineCount[c], data: slabs[slabOf[c]].subarray(at, at + bytes[c]) });
      at += bytes[c];
    }
    return { lines: f.lines, chunks };
  });
  return { files, compressedBytes: meta.store.compressedBytes, rawChars: meta.store.rawChars };
}
