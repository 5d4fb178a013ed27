/**
 * The postings of a whole case, read across its segments: each segment keeps its own sorted
 * terms and delta-varint event ids (local ids), and the case numbers a segment's events from
 * its `base`. A lookup is a binary search per segment; nothing is merged, so a segment built by
 * a worker thread is searchable as it arrives.
 */
import type { Bitmap } from './bitmap.ts';
import type { PackedTerms } from './segmentBuilder.ts';

/** The index part of one segment. */
export interface SegmentPostings {
  /** Case event id of the segment's local event 0. */
  base: number;
  terms: PackedTerms;
  postingOffsets: Uint32Array;
  counts: Uint32Array;
  postings: Uint8Array;
  /** Sorted positions of the terms that are request ids. */
  requests: Uint32Array;
}

/** The term at position `t` of packed terms. */
export function termAt(terms: PackedTerms, t: number): string {
  return terms.text.slice(terms.offsets[t], terms.offsets[t + 1]);
}

/** Compares term `t` with `key` as JS compares strings, without building the term's string. */
function compareTerm(terms: PackedTerms, t: number, key: string): number {
  const text = terms.text;
  const from = terms.offsets[t];
  const length = terms.offsets[t + 1] - from;
  const n = Math.min(length, key.length);
  for (let i = 0; i < n; i++) {
    const d = text.charCodeAt(from + i) - key.charCodeAt(i);
    if (d !== 0) return d;
  }
  return length - key.length;
}

/** Position of the first term ≥ `key`. */
function lowerBound(terms: PackedTerms, key: string): number {
  let lo = 0;
  let hi = terms.offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareTerm(terms, mid, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The position of `key` in a segment's terms, or -1. */
export function termIndex(terms: PackedTerms, key: string): number {
  const at = lowerBound(terms, key);
  return at < terms.offsets.length - 1 && compareTerm(terms, at, key) === 0 ? at : -1;
}

/** Calls `visit` with each local event id of term `t` of a segment, ascending. */
export function forEachLocal(segment: SegmentPostings, t: number, visit: (local: number) => void): void {
  const data = segment.postings;
  let at = segment.postingOffsets[t];
  const end = segment.postingOffsets[t + 1];
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

// A segment of few terms (a small file's) carries a 256-bit Bloom filter of them: a bundle of
// 200,000 small files has 200,000 segments, and a binary search in each per term looked up made
// diagnosing it take minutes. A large segment (its filter would be all ones) is always searched.
const BLOOM_WORDS = 8;
const BLOOM_MAX_TERMS = 48;

/** Two bit positions (0–255) of a string's chars `text[from…to)`: FNV-1a, split. */
function bloomBits(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Postings over all segments of a case. */
export class CasePostings {
  private filters: Uint32Array | null = null;

  constructor(readonly segments: readonly SegmentPostings[]) {}

  /** Per segment, BLOOM_WORDS words: the filter of its terms (all ones for a large segment). */
  private bloom(): Uint32Array {
    if (this.filters) return this.filters;
    const filters = new Uint32Array(this.segments.length * BLOOM_WORDS);
    this.segments.forEach((s, i) => {
      const at = i * BLOOM_WORDS;
      const n = s.terms.offsets.length - 1;
      if (n > BLOOM_MAX_TERMS) {
        filters.fill(0xffffffff, at, at + BLOOM_WORDS);
        return;
      }
      for (let t = 0; t < n; t++) {
        const h = bloomBits(s.terms.text, s.terms.offsets[t], s.terms.offsets[t + 1]);
        filters[at + ((h & 0xff) >>> 5)] |= 1 << (h & 31);
        filters[at + (((h >>> 8) & 0xff) >>> 5)] |= 1 << ((h >>> 8) & 31);
      }
    });
    this.filters = filters;
    return filters;
  }

  /** The segments that may hold `key` (all that do, and a few that do not), by index. */
  private *candidates(key: string): Generator<SegmentPostings> {
    const filters = this.bloom();
    const h = bloomBits(key, 0, key.length);
    const w1 = (h & 0xff) >>> 5;
    const m1 = 1 << (h & 31);
    const w2 = ((h >>> 8) & 0xff) >>> 5;
    const m2 = 1 << ((h >>> 8) & 31);
    for (let i = 0, at = 0; i < this.segments.length; i++, at += BLOOM_WORDS) {
      if ((filters[at + w1] & m1) !== 0 && (filters[at + w2] & m2) !== 0) yield this.segments[i];
    }
  }

  /** How many events contain the term. */
  count(key: string): number {
    let n = 0;
    for (const s of this.candidates(key)) {
      const t = termIndex(s.terms, key);
      if (t >= 0) n += s.counts[t];
    }
    return n;
  }

  /** Calls `visit` with every case event id containing the term, ascending. */
  forEach(key: string, visit: (event: number) => void): void {
    for (const s of this.candidates(key)) {
      const t = termIndex(s.terms, key);
      if (t < 0) continue;
      const base = s.base;
      forEachLocal(s, t, (local) => visit(base + local));
    }
  }

  /** Adds the events containing the term to `into`; returns how many there were. */
  addTo(key: string, into: Bitmap): number {
    let n = 0;
    this.forEach(key, (e) => {
      into.add(e);
      n++;
    });
    return n;
  }

  /** The case event ids containing the term, ascending. */
  events(key: string): number[] {
    const out: number[] = [];
    this.forEach(key, (e) => out.push(e));
    return out;
  }

  /** Distinct terms starting with `prefix`, sorted. */
  withPrefix(prefix: string): string[] {
    const found = new Set<string>();
    for (const s of this.segments) {
      const n = s.terms.offsets.length - 1;
      for (let t = lowerBound(s.terms, prefix); t < n; t++) {
        const term = termAt(s.terms, t);
        if (!term.startsWith(prefix)) break;
        found.add(term);
      }
    }
    return [...found].sort();
  }

  /** Whether `key` (with the id prefix) is a request id in some segment. */
  isRequest(key: string): boolean {
    for (const s of this.candidates(key)) {
      const t = termIndex(s.terms, key);
      if (t >= 0 && sortedIncludes(s.requests, t)) return true;
    }
    return false;
  }
}

function sortedIncludes(sorted: Uint32Array, value: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] === value;
}
