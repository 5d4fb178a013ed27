/**
 * The terms and postings of one segment while it is built. A term is a prefix code (word, id or
 * word pair) followed by characters; it is looked up straight from a range of the line being
 * indexed (ASCII letters folded to lowercase on the way), so that a token seen before costs a
 * hash and a comparison, not a string: a log line has thirty tokens and a segment sees most of
 * them thousands of times. Postings are delta varints in block chains of one byte arena (a term
 * seen once costs 16 bytes); {@link TermTable.finish} sorts the terms and packs everything.
 */

/** Term kinds, stored as the term's first character. */
export const WORD = 0;
export const ID = 1;
export const PAIR = 2;

const FIRST_BLOCK = 16;
const MAX_BLOCK = 4096;
const HEADER = 4;
// Per-term fields side by side in one Int32Array (one cache line per term, monomorphic access):
// where its characters are, its postings chain (head block, current block start and end, write
// position), the last event recorded and the count.
const START = 0;
const LENGTH = 1;
const HEAD = 2;
const BLOCK_START = 3;
const BLOCK_END = 4;
const WRITE = 5;
const LAST = 6;
const COUNT = 7;
const FIELDS = 8;

/**
 * The polynomial hash base. A range's hash is `P[to] - P[from] * HASH_BASE^(to - from)` (mod 2^32)
 * over prefix hashes `P` of the line (see {@link LineHasher}), so every token and word pair of a
 * line is hashed in O(1) after one pass over its characters.
 */
export const HASH_BASE = 0x01000193;

/** Spreads a range hash and a kind over the table's bits (murmur3's finaliser). */
function mix(hash: number, kind: number): number {
  let h = (hash + Math.imul(kind, 0x9e3779b9)) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

const POWERS = new Int32Array(128);
POWERS[0] = 1;
for (let i = 1; i < POWERS.length; i++) POWERS[i] = Math.imul(POWERS[i - 1], HASH_BASE);

/** The hash of `bytes[from, to)` (A–Z folded): the polynomial {@link TermTable.add} computes over a key's characters. */
export function hashRange(bytes: Uint8Array, from: number, to: number): number {
  let h = 0;
  for (let i = from; i < to; i++) {
    const c = bytes[i];
    h = (Math.imul(h, HASH_BASE) + (c >= 65 && c <= 90 ? c + 32 : c)) | 0;
  }
  return h;
}

/**
 * The hash of a word pair `bytes[aEnd - ?, …)`: word a (hash `a`), the separator
 * `bytes[aEnd, bStart)`, word b (hash `b`, `bLength` bytes), as {@link hashRange} of the whole.
 */
export function pairHash(
  bytes: Uint8Array,
  a: number,
  aEnd: number,
  bStart: number,
  b: number,
  bLength: number,
): number {
  let h = a;
  for (let i = aEnd; i < bStart; i++) h = (Math.imul(h, HASH_BASE) + bytes[i]) | 0;
  return (Math.imul(h, POWERS[bLength]) + b) | 0;
}

/** A finished table: sorted terms and their postings, plus where each built term went. */
export interface FinishedTerms {
  /** Sorted terms, each with its prefix character (`\u0000` is dropped: words have none). */
  text: string;
  offsets: Uint32Array;
  postingOffsets: Uint32Array;
  counts: Uint32Array;
  postings: Uint8Array;
  /** Sorted position of each term by the id {@link TermTable.add} returned. */
  position: Uint32Array;
}

/** Terms and postings of one segment under construction. */
export class TermTable {
  // Small to start (a one-line file makes a segment too), doubled as needed.
  private chars = new Uint16Array(1 << 10);
  private charsUsed = 0;
  private meta = new Int32Array(64 * FIELDS);
  /** Open addressing: per slot the term's hash and its id + 1 (0: empty), side by side. */
  private slots = new Int32Array(128 * 2);
  private mask = 127;
  private arena = new Uint8Array(1 << 10);
  private used = 0;
  /** Distinct terms. */
  size = 0;
  /** (term, event) pairs recorded. */
  postings = 0;

  /**
   * Records that `event` contains the term `kind` + `bytes[from, to)` (ASCII) with A–Z folded to
   * lowercase, whose range hash ({@link hashRange}) is `hash`; returns the term's id. Events
   * must come in nondecreasing order.
   */
  addRange(kind: number, line: Uint8Array, from: number, to: number, hash: number, event: number): number {
    const h = mix(hash, kind);
    const len = to - from + 1;
    const slots = this.slots;
    const mask = this.mask;
    let at = h & mask;
    for (;;) {
      const t = slots[2 * at + 1] - 1;
      if (t < 0) break;
      if (slots[2 * at] === h && this.meta[t * FIELDS + LENGTH] === len && this.sameRange(t, kind, line, from, to)) {
        this.post(t, event);
        return t;
      }
      at = (at + 1) & mask;
    }
    const t = this.insert(h, len, at);
    const chars = this.chars;
    let w = this.meta[t * FIELDS + START];
    chars[w++] = kind;
    for (let i = from; i < to; i++) {
      const c = line[i];
      chars[w++] = c >= 65 && c <= 90 ? c + 32 : c;
    }
    this.post(t, event);
    return t;
  }

  /** {@link TermTable.addRange} for a term given whole (`key`'s first character is the kind, characters as they are). */
  add(key: string, event: number): number {
    let hash = 0;
    for (let i = 1; i < key.length; i++) hash = (Math.imul(hash, HASH_BASE) + key.charCodeAt(i)) | 0;
    const h = mix(hash, key.charCodeAt(0));
    const len = key.length;
    let at = h & this.mask;
    for (;;) {
      const t = this.slots[2 * at + 1] - 1;
      if (t < 0) break;
      if (this.slots[2 * at] === h && this.meta[t * FIELDS + LENGTH] === len && this.sameKey(t, key)) {
        this.post(t, event);
        return t;
      }
      at = (at + 1) & this.mask;
    }
    const t = this.insert(h, len, at);
    const start = this.meta[t * FIELDS + START];
    for (let i = 0; i < len; i++) this.chars[start + i] = key.charCodeAt(i);
    this.post(t, event);
    return t;
  }

  private sameRange(t: number, kind: number, line: Uint8Array, from: number, to: number): boolean {
    const chars = this.chars;
    let s = this.meta[t * FIELDS + START];
    if (chars[s++] !== kind) return false;
    for (let i = from; i < to; i++, s++) {
      const c = line[i];
      if (chars[s] !== (c >= 65 && c <= 90 ? c + 32 : c)) return false;
    }
    return true;
  }

  private sameKey(t: number, key: string): boolean {
    const chars = this.chars;
    const s = this.meta[t * FIELDS + START];
    for (let i = 0; i < key.length; i++) if (chars[s + i] !== key.charCodeAt(i)) return false;
    return true;
  }

  private insert(h: number, len: number, at: number): number {
    const t = this.size++;
    if ((t + 1) * FIELDS > this.meta.length) {
      const bigger = new Int32Array(this.meta.length * 2);
      bigger.set(this.meta);
      this.meta = bigger;
    }
    if (this.charsUsed + len > this.chars.length) {
      const bigger = new Uint16Array(Math.max(this.chars.length * 2, this.charsUsed + len));
      bigger.set(this.chars.subarray(0, this.charsUsed));
      this.chars = bigger;
    }
    const block = this.alloc(FIRST_BLOCK);
    const meta = this.meta;
    const f = t * FIELDS;
    meta[f + START] = this.charsUsed;
    meta[f + LENGTH] = len;
    meta[f + HEAD] = block;
    meta[f + BLOCK_START] = block;
    meta[f + BLOCK_END] = block + FIRST_BLOCK;
    meta[f + WRITE] = block + HEADER;
    meta[f + LAST] = -1;
    meta[f + COUNT] = 0;
    this.charsUsed += len;
    this.slots[2 * at] = h;
    this.slots[2 * at + 1] = t + 1;
    if (this.size * 2 > this.mask + 1) this.rehash();
    return t;
  }

  private post(t: number, event: number): void {
    const meta = this.meta;
    const f = t * FIELDS;
    const last = meta[f + LAST];
    if (last === event) return;
    let delta = event - last;
    meta[f + LAST] = event;
    meta[f + COUNT]++;
    this.postings++;
    let w = meta[f + WRITE];
    for (;;) {
      if (w === meta[f + BLOCK_END]) w = this.nextBlock(t);
      if (delta < 0x80) {
        this.arena[w++] = delta;
        break;
      }
      this.arena[w++] = (delta & 0x7f) | 0x80;
      delta = Math.floor(delta / 128);
    }
    meta[f + WRITE] = w;
  }

  private nextBlock(t: number): number {
    const f = t * FIELDS;
    const previous = this.meta[f + BLOCK_START];
    const size = Math.min((this.meta[f + BLOCK_END] - previous) * 2, MAX_BLOCK);
    const start = this.alloc(size);
    writeInt32(this.arena, previous, start);
    this.meta[f + BLOCK_START] = start;
    this.meta[f + BLOCK_END] = start + size;
    return start + HEADER;
  }

  private alloc(size: number): number {
    if (this.used + size > this.arena.length) {
      const bigger = new Uint8Array(Math.max(this.arena.length * 2, this.used + size));
      bigger.set(this.arena.subarray(0, this.used));
      this.arena = bigger;
    }
    const start = this.used;
    this.used += size;
    return start;
  }

  private rehash(): void {
    const old = this.slots;
    const size = (this.mask + 1) * 2;
    const slots = new Int32Array(size * 2);
    const mask = size - 1;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i + 1] === 0) continue;
      let at = old[i] & mask;
      while (slots[2 * at + 1] !== 0) at = (at + 1) & mask;
      slots[2 * at] = old[i];
      slots[2 * at + 1] = old[i + 1];
    }
    this.slots = slots;
    this.mask = mask;
  }

  /** Where a term's text starts: a word's stored kind (0) is not part of its text. */
  private textStart(t: number): number {
    const s = this.meta[t * FIELDS + START];
    return this.chars[s] === WORD ? s + 1 : s;
  }

  /** The length of a term's text. */
  private textLength(t: number): number {
    const s = this.meta[t * FIELDS + START];
    return this.meta[t * FIELDS + LENGTH] - (this.chars[s] === WORD ? 1 : 0);
  }

  /**
   * Compares terms a and b as their packed strings compare in JS (UTF-16 code units): ids and
   * pairs keep their kind (1, 2) as first character, so they sort before words.
   */
  private compare(a: number, b: number): number {
    const chars = this.chars;
    const sa = this.textStart(a);
    const sb = this.textStart(b);
    const la = this.textLength(a);
    const lb = this.textLength(b);
    const n = Math.min(la, lb);
    for (let i = 0; i < n; i++) {
      const d = chars[sa + i] - chars[sb + i];
      if (d !== 0) return d;
    }
    return la - lb;
  }

  /**
   * The terms in sorted order: by a number made of each term's first four characters (7 bits
   * each, up to the first one past ASCII, so the order is kept) with the term id below it, sorted
   * natively; then each run of terms sharing that number by comparing them whole.
   */
  private sortedOrder(): Uint32Array {
    const n = this.size;
    const order = new Uint32Array(n);
    if (n >= 1 << 24) {
      for (let t = 0; t < n; t++) order[t] = t;
      return order.sort((a, b) => this.compare(a, b));
    }
    const keys = new Float64Array(n);
    const prefix = new Float64Array(n);
    const chars = this.chars;
    for (let t = 0; t < n; t++) {
      const start = this.textStart(t);
      const length = this.textLength(t);
      // Characters from 127 up all count as 127, and nothing after the first of them counts
      // (two terms that differ there must still tie, so that the comparison decides).
      let key = 0;
      let wide = false;
      for (let i = 0; i < 4; i++) {
        const c = wide || i >= length ? 0 : Math.min(chars[start + i], 127);
        if (c === 127) wide = true;
        key = key * 128 + c;
      }
      prefix[t] = key;
      keys[t] = key * (1 << 24) + t;
    }
    keys.sort();
    for (let k = 0; k < n; k++) order[k] = keys[k] % (1 << 24);
    for (let from = 0; from < n;) {
      let to = from + 1;
      while (to < n && prefix[order[to]] === prefix[order[from]]) to++;
      if (to - from > 1) order.subarray(from, to).sort((a, b) => this.compare(a, b));
      from = to;
    }
    return order;
  }

  /** Sorts the terms and packs terms and postings; the table is spent afterwards. */
  finish(): FinishedTerms {
    const n = this.size;
    const order = this.sortedOrder();
    const position = new Uint32Array(n);
    const offsets = new Uint32Array(n + 1);
    const postingOffsets = new Uint32Array(n + 1);
    const counts = new Uint32Array(n);
    let textLength = 0;
    let postingBytes = 0;
    let wide = false;
    const chars = this.chars;
    for (let k = 0; k < n; k++) {
      const t = order[k];
      position[t] = k;
      offsets[k] = textLength;
      textLength += this.textLength(t);
      postingOffsets[k] = postingBytes;
      postingBytes += this.payloadBytes(t);
      counts[k] = this.meta[t * FIELDS + COUNT];
    }
    offsets[n] = textLength;
    postingOffsets[n] = postingBytes;
    const packed = new Uint16Array(textLength);
    const postings = new Uint8Array(postingBytes);
    for (let k = 0; k < n; k++) {
      const t = order[k];
      const start = this.textStart(t);
      const length = this.textLength(t);
      let w = offsets[k];
      for (let i = start; i < start + length; i++) {
        const c = chars[i];
        if (c > 255) wide = true;
        packed[w++] = c;
      }
      this.copyPostings(t, postings, postingOffsets[k]);
    }
    const text = wide
      ? Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength).toString('utf16le')
      : Buffer.from(packed).toString('latin1');
    this.chars = new Uint16Array(0);
    this.arena = new Uint8Array(0);
    return { text, offsets, postingOffsets, counts, postings, position };
  }

  private payloadBytes(t: number): number {
    const f = t * FIELDS;
    let bytes = 0;
    let block = this.meta[f + HEAD];
    let size = FIRST_BLOCK;
    const tail = this.meta[f + BLOCK_START];
    while (block !== tail) {
      bytes += size - HEADER;
      block = readInt32(this.arena, block);
      size = Math.min(size * 2, MAX_BLOCK);
    }
    return bytes + this.meta[f + WRITE] - tail - HEADER;
  }

  private copyPostings(t: number, into: Uint8Array, at: number): void {
    const f = t * FIELDS;
    let block = this.meta[f + HEAD];
    let size = FIRST_BLOCK;
    const tail = this.meta[f + BLOCK_START];
    for (;;) {
      const end = block === tail ? this.meta[f + WRITE] : block + size;
      into.set(this.arena.subarray(block + HEADER, end), at);
      at += end - block - HEADER;
      if (block === tail) break;
      block = readInt32(this.arena, block);
      size = Math.min(size * 2, MAX_BLOCK);
    }
  }
}

function writeInt32(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value & 0xff;
  bytes[at + 1] = (value >>> 8) & 0xff;
  bytes[at + 2] = (value >>> 16) & 0xff;
  bytes[at + 3] = (value >>> 24) & 0xff;
}

function readInt32(bytes: Uint8Array, at: number): number {
  return bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24);
}
