/**
 * Builds the index of one segment (a file, or up to 16 MiB of one) while its lines stream by:
 * every line to the spool, every event's facts into typed arrays, every token into postings
 * (words, word pairs, ids), every message into a shape for the template miner. What it returns
 * is plain data of typed arrays and a few strings, so it crosses from a worker thread to the
 * main thread by transfer, not by copy; its postings are never merged with other segments'
 * (only a file's line offsets are laid end to end, by sealCase.ts).
 */
import { extractIds, idKeys } from '../../../shared/ids/extractIds.ts';
import type { EventCutter } from '../../../shared/formats/eventAssembler.ts';
import { LEVELS, type Level } from '../../../shared/model.ts';
import { scratchOf } from '../../../shared/search/matchEvent.ts';
import { shapeKey } from '../../../shared/patterns/messageShape.ts';
import type { StandingQuery } from './standingQueries.ts';
import {
  forEachToken,
  indexKey,
  isIndexed,
  isPairable,
  isUuid,
  MAX_INDEXED_TOKEN,
  MAX_PAIR_SEPARATOR,
  pairKey,
} from '../../../shared/search/tokenize.ts';
import type { LineSink } from '../ingest/fileIngest.ts';
import type { SpoolWriter } from '../ingest/spoolWriter.ts';
import { HASH_BASE, hashRange, ID, PAIR, pairHash, TermTable, WORD } from './termTable.ts';

/** Ids live in the same postings as words, behind this prefix so that they never meet. */
export const ID_PREFIX = '\u0001';
/** How a word is given to the term table (its kind; not part of the packed term). */
const WORD_PREFIX = '\u0000';
const HEX32 = /^[0-9a-f]{32}$/;

/** Lines of an event that are indexed and searched: the first and up to 500 continuation lines. */
export const MAX_EVENT_LINES = 501;

/** The sorted terms of a segment, packed into one string (no object per term). */
export interface PackedTerms {
  text: string;
  /** Term t is text[offsets[t] … offsets[t+1]). */
  offsets: Uint32Array;
}

/** Everything a segment holds, as transferable plain data. */
export interface SegmentData {
  /** Spool file (by writer number) and where the segment's text starts in it. */
  spool: number;
  textStart: number;
  /** Byte offset of each line from `textStart`; one more entry marks the end. */
  lineOffsets: Float64Array;
  /** Per event: first line (1-based, in its file), line count, time (NaN: none), level rank, shape. */
  line: Uint32Array;
  lineCount: Uint32Array;
  time: Float64Array;
  level: Uint8Array;
  shape: Uint32Array;
  /** Per shape: its first message (the template miner's input) and how many events have it. */
  shapeMessages: string[];
  shapeCounts: Uint32Array;
  terms: PackedTerms;
  /** Term t's delta-varint event ids are postings[postingOffsets[t] … postingOffsets[t+1]). */
  postingOffsets: Uint32Array;
  counts: Uint32Array;
  postings: Uint8Array;
  /** Sorted positions of the terms that are request ids. */
  requests: Uint32Array;
  /**
   * Per standing query (in the order given), the local events that match it, ascending; null when
   * none do (most, in most segments: an empty array each cost ~150 bytes a file per query).
   */
  hits: (Uint32Array | null)[];
  stats: { terms: number; postings: number; chars: number };
}

/** The standing queries a segment answers, and which of them its file's events may match. */
export interface SegmentStanding {
  queries: readonly StandingQuery[];
  /** Per level rank, the queries an event at that level may match (see standingQueries.ts). */
  candidates: number[][];
  file: { module: string; component: string; path: string };
}

const LEVEL_RANK: Record<string, number> = Object.fromEntries(LEVELS.map((level, i) => [level, i]));

// ASCII classes for the line scanner: word characters (as the tokenizer's), hex digits; and
// each byte folded to lowercase. One class table, so that a byte costs one lookup.
const WORD_CHAR = new Uint8Array(256);
const HEX_CHAR = new Uint8Array(256);
for (let c = 48; c <= 57; c++) WORD_CHAR[c] = HEX_CHAR[c] = 1;
for (let c = 65; c <= 90; c++) WORD_CHAR[c] = WORD_CHAR[c + 32] = 1;
for (let c = 65; c <= 70; c++) HEX_CHAR[c] = HEX_CHAR[c + 32] = 1;
WORD_CHAR[95] = 1;
const IS_WORD = 1;
const IS_HEX = 2;
const IS_DIGIT = 4;
const CLASS = new Uint8Array(256);
for (let c = 0; c < 256; c++)
  CLASS[c] = (WORD_CHAR[c] ? IS_WORD : 0) | (HEX_CHAR[c] ? IS_HEX : 0) | (c >= 48 && c <= 57 ? IS_DIGIT : 0);
const FOLD = new Uint8Array(256);
for (let c = 0; c < 256; c++) FOLD[c] = c >= 65 && c <= 90 ? c + 32 : c;

/** Whether `b[i, i + 36)` (before `end`) is a UUID, any case. */
function uuidAt(b: Uint8Array, i: number, end: number): boolean {
  if (i + 36 > end) return false;
  for (let k = 0; k < 36; k++) {
    const c = b[i + k];
    if (k === 8 || k === 13 || k === 18 || k === 23) {
      if (c !== 45) return false;
    } else if (HEX_CHAR[c] !== 1) return false;
  }
  return true;
}

/** End of an IPv4 address whose first octet ends at `dot` (a '.'), or -1 (the tokenizer's IPv4 rule). */
function ipv4End(b: Uint8Array, dot: number, end: number): number {
  let i = dot;
  for (let group = 0; group < 3; group++) {
    if (i >= end || b[i] !== 46) return -1;
    i++;
    const from = i;
    while (i < end && i - from < 4) {
      const c = b[i];
      if (c < 48 || c > 57) break;
      i++;
    }
    const digits = i - from;
    if (digits === 0 || digits > 3) return -1;
  }
  // Not followed by a digit, or by '.' and a digit.
  const next = i < end ? b[i] : 0;
  if (next >= 48 && next <= 57) return -1;
  if (next === 46 && i + 1 < end) {
    const after = b[i + 1];
    if (after >= 48 && after <= 57) return -1;
  }
  return i;
}

/** Lowercase `b[at, at + word.length)` (before `end`) equals `word` (lowercase ASCII letters). */
function startsWithAt(b: Uint8Array, at: number, end: number, word: string): boolean {
  if (at < 0 || at + word.length > end) return false;
  for (let k = 0; k < word.length; k++) if ((b[at + k] | 32) !== word.charCodeAt(k)) return false;
  return true;
}

/** Whether `[_-]?id` is at `at`. */
function idAfter(b: Uint8Array, at: number, end: number): boolean {
  const c = at < end ? b[at] : 0;
  return startsWithAt(b, c === 95 || c === 45 ? at + 1 : at, end, 'id');
}

/**
 * Whether the id extractor could find an id in a line that the tokens do not already give:
 * request or trace keys and their values, host names, Cloudpods access-line rids. Only such
 * lines pay for the extractor. `b[i, i + len)` is a word token, `next` the byte after it.
 */
function mayHaveKeyedIds(b: Uint8Array, i: number, len: number, next: number, end: number): boolean {
  const c = b[i] | 32;
  if (len === 3 && next === 32) {
    // `<status> <rid> <METHOD>` of a Cloudpods access line: 3 digits, a space, 6 hex.
    if (b[i] < 49 || b[i] > 53 || i + 10 > end) return false;
    for (let k = i + 4; k < i + 10; k++) if (HEX_CHAR[b[k]] !== 1) return false;
    return true;
  }
  if (len < 4) return false;
  // Request and trace keys all end in `id` (or are `traceparent`): request_id, x-request-id, trace-id.
  if (c === 114) return startsWithAt(b, i, end, 'request') && idAfter(b, i + 7, end);
  if (c === 116)
    return startsWithAt(b, i, end, 'trace') && (idAfter(b, i + 5, end) || startsWithAt(b, i + 5, end, 'parent'));
  if (c === 103) return startsWithAt(b, i, end, 'global');
  // host, hostname, host_name, node…, followed by a key separator or a space.
  if (c === 104 || c === 110) {
    if (len > 9 || !startsWithAt(b, i, end, c === 104 ? 'host' : 'node')) return false;
    const after = i + len < end ? b[i + len] : 0;
    // `:` `=` quotes, or whitespace (space, tab, vertical tab, form feed, CR).
    return after === 58 || after === 61 || after === 34 || after === 39 || after === 32 || (after >= 9 && after <= 13);
  }
  return false;
}

/** Per-event facts while a segment is built: one row of numbers per event (one array type, fast to fill). */
const ROW = 5;
const LINE = 0;
const LINES = 1;
const TIME = 2;
const LEVEL = 3;
const SHAPE = 4;

/** The {@link LineSink} that indexes one segment. */
export class SegmentBuilder implements LineSink {
  // Small to start, doubled as needed: a bundle of 100,000 one-line files builds 100,000 segments.
  private offsets = new Float64Array(1 << 8);
  private lines = 0;
  private rows = new Float64Array(ROW << 8);
  private readonly shapes = new Map<number, number>();
  private readonly shapeMessages: string[] = [];
  private shapeCounts = new Uint32Array(256);
  private readonly terms = new TermTable();
  /** Term ids that are request ids. */
  private readonly requestTerms = new Set<number>();
  /** Request ids the line being scanned seems to hold (see scanAscii). */
  private readonly lineRequests: number[] = [];
  private readonly textStart: number;
  private event = -1;
  private linesInEvent = 0;
  private chars = 0;
  private readonly hits: number[][];
  /**
   * The current event's lines while standing queries wait for it (null: none can match it).
   * `candidates` null: chosen when the event ends, by its final level (a record format's event
   * learns its level after the head).
   */
  private pending: { lines: string[]; candidates: number[] | null; level: Level; time: number | null } | null = null;
  /** A record format's current event: its message, whose shape is taken when the event ends. */
  private provisionalMessage: string | null = null;

  constructor(
    private readonly spool: SpoolWriter,
    private readonly spoolNumber: number,
    private readonly standing: SegmentStanding | null = null,
    /** Index every line the general way (tests compare it with the ASCII scanner). */
    private readonly general = false,
  ) {
    this.textStart = spool.position;
    this.hits = (standing?.queries ?? []).map(() => []);
  }

  line(text: string, number: number, head: boolean, cutter: EventCutter): void {
    if (this.lines === this.offsets.length) this.offsets = grow(this.offsets, this.lines * 2);
    this.offsets[this.lines++] = this.spool.writeLine(text) - this.textStart;
    // A line before the first event (a directive line, see EventCutter) is kept as text only.
    if (!head && this.event < 0) return;
    if (head) {
      if (this.pending) this.answer();
      if (this.provisionalMessage !== null) this.settleShape();
      const e = ++this.event;
      const r = e * ROW;
      if (r + ROW > this.rows.length) this.rows = grow(this.rows, this.rows.length * 2);
      const rows = this.rows;
      rows[r + LINE] = number;
      rows[r + LINES] = 1;
      rows[r + TIME] = cutter.time ?? Number.NaN;
      rows[r + LEVEL] = LEVEL_RANK[cutter.level] ?? 0;
      this.linesInEvent = 1;
      if (cutter.provisional) {
        // Time, level and message may still come from the event's later lines (see EventCutter.revised).
        this.provisionalMessage = cutter.message;
        if (this.standing && this.standing.queries.length > 0)
          this.pending = { lines: [text], candidates: null, level: cutter.level, time: cutter.time };
      } else {
        rows[r + SHAPE] = this.shapeOf(cutter.message);
        const candidates = this.standing?.candidates[rows[r + LEVEL]];
        if (candidates && candidates.length > 0)
          this.pending = { lines: [text], candidates, level: cutter.level, time: cutter.time };
      }
    } else {
      const r = this.event * ROW;
      this.rows[r + LINES]++;
      if (cutter.revised) {
        this.rows[r + TIME] = cutter.time ?? Number.NaN;
        this.rows[r + LEVEL] = LEVEL_RANK[cutter.level] ?? 0;
        this.provisionalMessage = cutter.message;
        if (this.pending) {
          this.pending.level = cutter.level;
          this.pending.time = cutter.time;
        }
      }
      if (++this.linesInEvent > MAX_EVENT_LINES) return;
      this.pending?.lines.push(text);
    }
    this.chars += text.length + 1;
    const keyed = this.general ? -1 : this.scanAscii(this.spool.bytes, this.spool.lineStart, this.spool.lineEnd);
    if (keyed < 0) this.scanAny(text);
    else if (keyed > 0) this.addKeyedIds(text);
  }

  /**
   * Indexes an ASCII line in one pass over its bytes (as written to the spool), as the tokenizer
   * (shared/search/tokenize.ts) and {@link SegmentBuilder.scanAny} would: words, UUIDs and
   * 32-hex tokens as ids, IPv4 kept whole, word pairs. Returns -1 at the first non-ASCII byte
   * (the caller starts the line again the general way; repeats are ignored), else 1 when the
   * line may hold ids only the extractor finds, else 0.
   */
  private scanAscii(b: Uint8Array, from: number, end: number): number {
    const terms = this.terms;
    const e = this.event;
    const requests = this.lineRequests;
    requests.length = 0;
    let keyed = 0;
    let prevStart = -1;
    let prevEnd = -1;
    let prevHash = 0;
    let i = from;
    while (i < end) {
      const c = b[i];
      if ((CLASS[c] & IS_WORD) === 0) {
        if (c >= 128) return -1;
        i++;
        continue;
      }
      // The token's hash is made on the way (see termTable.ts: polynomial over folded bytes).
      let j = i + 1;
      const k = CLASS[c];
      let hex = (k >> 1) & 1;
      let digits = (k >> 2) & 1;
      let h = FOLD[c];
      while (j < end) {
        const d = b[j];
        const kd = CLASS[d];
        if ((kd & IS_WORD) === 0) {
          if (d >= 128) return -1;
          break;
        }
        hex += (kd >> 1) & 1;
        digits += (kd >> 2) & 1;
        h = (Math.imul(h, HASH_BASE) + FOLD[d]) | 0;
        j++;
      }
      const len = j - i;
      const next = j < end ? b[j] : 0;
      if (next === 45 && len === 8 && hex === 8 && uuidAt(b, i, end)) {
        const after = i + 36 < end ? b[i + 36] : 0;
        if (after >= 128) return -1;
        if (WORD_CHAR[after] !== 1) {
          const t = terms.addRange(ID, b, i, i + 36, hashRange(b, i, i + 36), e);
          // `req-<uuid>` / `greq-<uuid>` at a word start: a request id (unless the id extractor
          // reads the line: then it decides, as a key's value may take the id for itself).
          if (i - 4 >= from && b[i - 1] === 45 && startsWithAt(b, i - 4, end, 'req')) {
            const before = i - 5;
            const p = before >= from ? b[before] : 0;
            if (
              before < from ||
              WORD_CHAR[p] !== 1 ||
              ((p | 32) === 103 && (before === from || WORD_CHAR[b[before - 1]] !== 1))
            )
              requests.push(t);
          }
          prevStart = -1;
          i += 36;
          continue;
        }
      } else if (next === 46 && len <= 3 && digits === len && (i === from || b[i - 1] !== 46)) {
        const stop = ipv4End(b, j, end);
        if (stop > 0) {
          const ip = hashRange(b, i, stop);
          terms.addRange(WORD, b, i, stop, ip, e);
          if (prevStart >= 0 && i - prevEnd <= MAX_PAIR_SEPARATOR)
            terms.addRange(PAIR, b, prevStart, stop, pairHash(b, prevHash, prevEnd, i, ip, stop - i), e);
          prevStart = i;
          prevEnd = stop;
          prevHash = ip;
          i = stop;
          continue;
        }
      }
      if (keyed === 0 && mayHaveKeyedIds(b, i, len, next, end)) keyed = 1;
      if (digits === len) {
        // Digits are not words; 32 of them may be an id (as 32-hex tokens are).
        if (len === 32) terms.addRange(ID, b, i, j, h, e);
        prevStart = -1;
      } else if (len >= 8 && hex === len && digits > 0) {
        // Long hex (hashes, checksums, user and project ids) is not a word; 32-hex may be an id.
        if (len === 32) terms.addRange(ID, b, i, j, h, e);
        prevStart = -1;
      } else if (len > MAX_INDEXED_TOKEN) {
        terms.addRange(WORD, b, i, i + MAX_INDEXED_TOKEN, hashRange(b, i, i + MAX_INDEXED_TOKEN), e);
        prevStart = -1;
      } else {
        terms.addRange(WORD, b, i, j, h, e);
        if ((len === 4 || len === 8 || len === 12) && hex === len) {
          prevStart = -1;
        } else {
          if (prevStart >= 0 && i - prevEnd <= MAX_PAIR_SEPARATOR)
            terms.addRange(PAIR, b, prevStart, j, pairHash(b, prevHash, prevEnd, i, h, len), e);
          prevStart = i;
          prevEnd = j;
          prevHash = h;
        }
      }
      i = j;
    }
    if (keyed === 0) for (const t of requests) this.requestTerms.add(t);
    return keyed;
  }

  /** Indexes any line (non-ASCII: Unicode case, Han) through the tokenizer and the id extractor. */
  private scanAny(text: string): void {
    const terms = this.terms;
    const e = this.event;
    const lower = text.toLowerCase();
    let prev: string | null = null;
    let prevEnd = 0;
    forEachToken(lower, (token, start) => {
      if (token.length === 36 && isUuid(token)) {
        terms.add(ID_PREFIX + token, e);
        prev = null;
        return;
      }
      if (!isIndexed(token)) {
        if (token.length === 32 && HEX32.test(token)) terms.add(ID_PREFIX + token, e);
        prev = null;
        return;
      }
      terms.add(WORD_PREFIX + indexKey(token), e);
      if (!isPairable(token)) {
        prev = null;
        return;
      }
      if (prev !== null && start - prevEnd <= MAX_PAIR_SEPARATOR)
        terms.add(pairKey(prev, lower.slice(prevEnd, start), token), e);
      prev = token;
      prevEnd = start + token.length;
    });
    this.addKeyedIds(text);
  }

  /** Ids only the extractor finds: request/trace key values, hosts, Cloudpods rids (and request uuids). */
  private addKeyedIds(text: string): void {
    const e = this.event;
    for (const found of extractIds(text)) {
      if (found.kind === 'ip') continue;
      const keys = idKeys(found);
      for (const key of keys) {
        if (found.kind === 'request' && key.startsWith('req-')) continue;
        const t = this.terms.add(ID_PREFIX + key, e);
        if (found.kind === 'request' && key === keys[0]) this.requestTerms.add(t);
        if (found.kind === 'request' && keys[0].startsWith('req-') && key === keys[1]) this.requestTerms.add(t);
      }
    }
  }

  /** The local shape of a message, counted once more. */
  private shapeOf(message: string): number {
    const key = shapeKey(message);
    let s = this.shapes.get(key);
    if (s === undefined) {
      s = this.shapeMessages.length;
      this.shapes.set(key, s);
      this.shapeMessages.push(message);
      if (s === this.shapeCounts.length) this.shapeCounts = grow(this.shapeCounts, s * 2);
    }
    this.shapeCounts[s]++;
    return s;
  }

  /** Gives the record event that just ended the shape of its final message. */
  private settleShape(): void {
    this.rows[this.event * ROW + SHAPE] = this.shapeOf(this.provisionalMessage!);
    this.provisionalMessage = null;
  }

  /** Tests the event that just ended against the standing queries that may match it. */
  private answer(): void {
    const pending = this.pending!;
    this.pending = null;
    const { queries, file } = this.standing!;
    const candidates = pending.candidates ?? this.standing!.candidates[LEVEL_RANK[pending.level] ?? 0];
    if (candidates.length === 0) return;
    const scratch = scratchOf({
      text: pending.lines.join('\n'),
      level: pending.level,
      module: file.module,
      component: file.component,
      path: file.path,
      time: pending.time,
    });
    for (const q of candidates) if (queries[q].test(scratch)) this.hits[q].push(this.event);
  }

  /** Events so far. */
  get events(): number {
    return this.event + 1;
  }

  /** Bytes of text so far. */
  get bytes(): number {
    return this.spool.position - this.textStart;
  }

  /** The finished segment; the builder is spent afterwards. */
  finish(): SegmentData {
    if (this.pending) this.answer();
    if (this.provisionalMessage !== null) this.settleShape();
    const totalBytes = this.spool.position - this.textStart;
    const lineOffsets = new Float64Array(this.lines + 1);
    lineOffsets.set(this.offsets.subarray(0, this.lines));
    lineOffsets[this.lines] = totalBytes;
    const n = this.event + 1;
    const line = new Uint32Array(n);
    const lineCount = new Uint32Array(n);
    const time = new Float64Array(n);
    const level = new Uint8Array(n);
    const shape = new Uint32Array(n);
    const rows = this.rows;
    for (let e = 0, r = 0; e < n; e++, r += ROW) {
      line[e] = rows[r + LINE];
      lineCount[e] = rows[r + LINES];
      time[e] = rows[r + TIME];
      level[e] = rows[r + LEVEL];
      shape[e] = rows[r + SHAPE];
    }
    const postingsCount = this.terms.postings;
    const termCount = this.terms.size;
    const built = this.terms.finish();
    const requestTerm = new Uint32Array([...this.requestTerms].map((t) => built.position[t]).sort((a, b) => a - b));
    return {
      spool: this.spoolNumber,
      textStart: this.textStart,
      lineOffsets,
      line,
      lineCount,
      time,
      level,
      shape,
      shapeMessages: this.shapeMessages,
      shapeCounts: this.shapeCounts.slice(0, this.shapeMessages.length),
      terms: { text: built.text, offsets: built.offsets },
      postingOffsets: built.postingOffsets,
      counts: built.counts,
      postings: built.postings,
      requests: requestTerm,
      hits: this.hits.map((h) => (h.length === 0 ? null : Uint32Array.from(h))),
      stats: { terms: termCount, postings: postingsCount, chars: this.chars },
    };
  }
}

function grow<T extends Uint32Array<ArrayBuffer> | Float64Array<ArrayBuffer>>(array: T, size: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(size);
  bigger.set(array);
  return bigger;
}

/** The typed arrays of a segment, for `postMessage`'s transfer list. */
export function segmentTransfer(segment: SegmentData): ArrayBuffer[] {
  return [
    segment.lineOffsets,
    segment.line,
    segment.lineCount,
    segment.time,
    segment.level,
    segment.shape,
    segment.shapeCounts,
    segment.terms.offsets,
    segment.postingOffsets,
    segment.counts,
    segment.postings,
    segment.requests,
    ...segment.hits.filter((h) => h !== null),
  ].map((a) => a.buffer as ArrayBuffer);
}
