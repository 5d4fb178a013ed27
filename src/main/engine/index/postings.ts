/**
 * The exact-match index: for every term, the sorted ids of the events that contain it, stored
 * as delta-encoded varints (about 1.3 bytes per posting instead of 8 for a JS number).
 *
 * While building, each term's list is a chain of blocks in one growing byte arena (blocks
 * double from 16 bytes to 4 KiB, so a term seen once costs 16 bytes and no object of its own);
 * {@link PostingsBuilder.finish} packs the chains into one contiguous buffer.
 */
import type { Bitmap } from './bitmap.ts';
import { Growable } from './growable.ts';

const FIRST_BLOCK = 16;
const MAX_BLOCK = 4096;
const HEADER = 4;

/** The finished index, as plain data that can cross a worker boundary. */
export interface PostingsData {
  /** Sorted (by UTF-16 code units), so that lookups and prefix ranges are binary searches. */
  terms: string[];
  /** Term t's varints are bytes offsets[t] … offsets[t+1]-1 of data. */
  offsets: Uint32Array;
  counts: Uint32Array;
  data: Uint8Array;
}

/** Builds postings from (term, event) pairs given in nondecreasing event order. */
export class PostingsBuilder {
  private readonly ids = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly head = new Growable(Int32Array);
  private readonly blockStart = new Growable(Int32Array);
  private readonly blockEnd = new Growable(Int32Array);
  private readonly write = new Growable(Int32Array);
  private readonly last = new Growable(Int32Array);
  private readonly count = new Growable(Uint32Array);
  private arena = new Uint8Array(1 << 20);
  private used = 0;
  postings = 0;

  /** Records that `event` contains `term` (repeats for the same event are ignored). */
  add(term: string, event: number): void {
    let t = this.ids.get(term);
    if (t === undefined) {
      t = this.terms.length;
      this.ids.set(term, t);
      this.terms.push(term);
      const start = this.alloc(FIRST_BLOCK);
      this.head.push(start);
      this.blockStart.push(start);
      this.blockEnd.push(start + FIRST_BLOCK);
      this.write.push(start + HEADER);
      this.last.push(-1);
      this.count.push(0);
    } else if (this.last.get(t) === event) {
      return;
    }
    let delta = event - this.last.get(t);
    this.last.set(t, event);
    this.count.set(t, this.count.get(t) + 1);
    this.postings++;
    let w = this.write.get(t);
    for (;;) {
      if (w === this.blockEnd.get(t)) w = this.nextBlock(t);
      if (delta < 0x80) {
        this.arena[w++] = delta;
        break;
      }
      this.arena[w++] = (delta & 0x7f) | 0x80;
      delta = Math.floor(delta / 128);
    }
    this.write.set(t, w);
  }

  /** Distinct terms so far. */
  get termCount(): number {
    return this.terms.length;
  }

  /** Bytes held by the arena. */
  get arenaBytes(): number {
    return this.arena.length;
  }

  /** Packs every chain into one buffer, terms sorted. The builder is spent afterwards. */
  finish(): PostingsData {
    const n = this.terms.length;
    const terms = this.terms;
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (terms[a] < terms[b] ? -1 : terms[a] > terms[b] ? 1 : 0));
    this.ids.clear();
    const offsets = new Uint32Array(n + 1);
    const counts = new Uint32Array(n);
    let total = 0;
    for (let k = 0; k < n; k++) {
      offsets[k] = total;
      total += this.payloadBytes(order[k]);
      counts[k] = this.count.get(order[k]);
    }
    offsets[n] = total;
    const data = new Uint8Array(total);
    for (let k = 0; k < n; k++) {
      const t = order[k];
      let at = offsets[k];
      let block = this.head.get(t);
      let size = FIRST_BLOCK;
      const tail = this.blockStart.get(t);
      for (;;) {
        const end = block === tail ? this.write.get(t) : block + size;
        data.set(this.arena.subarray(block + HEADER, end), at);
        at += end - block - HEADER;
        if (block === tail) break;
        block = readInt32(this.arena, block);
        size = Math.min(size * 2, MAX_BLOCK);
      }
    }
    this.arena = new Uint8Array(0);
    return { terms: order.map((t) => terms[t]), offsets, counts, data };
  }

  private payloadBytes(t: number): number {
    let bytes = 0;
    let block = this.head.get(t);
    let size = FIRST_BLOCK;
    const tail = this.blockStart.get(t);
    while (block !== tail) {
      bytes += size - HEADER;
      block = readInt32(this.arena, block);
      size = Math.min(size * 2, MAX_BLOCK);
    }
    return bytes + this.write.get(t) - tail - HEADER;
  }

  private nextBlock(t: number): number {
    const previous = this.blockStart.get(t);
    const size = Math.min((this.blockEnd.get(t) - previous) * 2, MAX_BLOCK);
    const start = this.alloc(size);
    writeInt32(this.arena, previous, start);
    this.blockStart.set(t, start);
    this.blockEnd.set(t, start + size);
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

/** Read side of {@link PostingsData}: lookups are binary searches over the sorted terms (no map to build or hold). */
export class Postings {
  constructor(readonly source: PostingsData) {}

  /** Position of the first term ≥ `term`. */
  private lowerBound(term: string): number {
    const terms = this.source.terms;
    let lo = 0;
    let hi = terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (terms[mid] < term) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The term's id, or undefined when no event contains it. */
  termId(term: string): number | undefined {
    const at = this.lowerBound(term);
    return this.source.terms[at] === term ? at : undefined;
  }

  /** Terms starting with `prefix`, in order. */
  withPrefix(prefix: string): string[] {
    const terms = this.source.terms;
    const out: string[] = [];
    for (let at = this.lowerBound(prefix); at < terms.length && terms[at].startsWith(prefix); at++) out.push(terms[at]);
    return out;
  }

  /** How many events contain the term. */
  count(term: string): number {
    const t = this.termId(term);
    return t === undefined ? 0 : this.source.counts[t];
  }

  /** Calls `visit` with each event id of term `t`, in increasing order. */
  forEachOf(t: number, visit: (event: number) => void): void {
    const { data, offsets } = this.source;
    let at = offsets[t];
    const end = offsets[t + 1];
    let event = -1;
    while (at < end) {
      let delta = 0;
      let scale = 1;
      let byte;
      do {
        byte = data[at++];
        delta += (byte & 0x7f) * scale;
        scale *= 128;
      } while (byte & 0x80);
      event += delta;
      visit(event);
    }
  }

  /** Adds the events containing `term` to `into`; returns how many there were. */
  addTo(term: string, into: Bitmap): number {
    const t = this.termId(term);
    if (t === undefined) return 0;
    this.forEachOf(t, (e) => into.add(e));
    return this.source.counts[t];
  }

  /** The event ids containing `term`, ascending. */
  events(term: string): number[] {
    const out: number[] = [];
    const t = this.termId(term);
    if (t !== undefined) this.forEachOf(t, (e) => out.push(e));
    return out;
  }

  /** Every term, in id order. */
  get terms(): readonly string[] {
    return this.source.terms;
  }
}
