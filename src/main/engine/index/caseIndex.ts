/**
 * Everything Tarsier knows about the events of one case, in compact form: per-event facts in
 * typed arrays, every line in the spool files (read back by offset), the merged timeline, the
 * postings of every segment, the request ids and the message templates. Search, trace,
 * timeline windows, histograms, context and patterns all read from here.
 */
import MiniSearch from 'minisearch';
import { LEVELS, epochMs, lineNo, type EpochMs, type FileRecord } from '../../../shared/model.ts';
import type { MinedTemplate } from '../../../shared/patterns/templateMiner.ts';
import type { EventView } from '../../../shared/caseViews.ts';
import { extractIds, idKeys } from '../../../shared/ids/extractIds.ts';
import { Bitmap } from './bitmap.ts';
import type { CasePostings } from './casePostings.ts';
import { ID_PREFIX, MAX_EVENT_LINES } from './segmentBuilder.ts';
import type { SpoolStore } from './spoolStore.ts';
import { positionAtTime, type Timeline } from './timeline.ts';
import { RECORD_MESSAGE_LINES, recordMessage } from '../../../shared/formats/eventAssembler.ts';
import type { CompiledFormat } from '../../../shared/formats/compileFormat.ts';
import { messageBody } from '../../../shared/formats/messageBody.ts';
import { loadFormats } from '../platform/resources.ts';

let builtinFormats: Map<string, CompiledFormat> | null = null;

/** The built-in format of that id (a user's format, or `none`, gives null: its lines are shown whole). */
function builtinFormat(id: string): CompiledFormat | null {
  builtinFormats ??= new Map(loadFormats().map((format) => [format.id, format]));
  return builtinFormats.get(id) ?? null;
}

/** The built-in format of that id when it reads facts after the head line (a `record` block). */
function recordFormat(id: string): CompiledFormat | null {
  const format = builtinFormat(id);
  return format?.record ? format : null;
}

export { ID_PREFIX, MAX_EVENT_LINES } from './segmentBuilder.ts';

/** One file as the index holds it. */
export interface IndexedFile {
  record: FileRecord;
  /** The file's segment in the spool store; -1 when it has no text. */
  store: number;
  /** Event ids first … first + count - 1. */
  first: number;
  count: number;
  /** Index into {@link CaseIndex.components}. */
  component: number;
}

/** Per-event facts, one entry per event id. */
export interface EventColumns {
  file: Uint32Array;
  line: Uint32Array;
  lineCount: Uint32Array;
  /** Epoch ms; NaN when the event has no time. */
  time: Float64Array;
  /** Index into LEVELS. */
  level: Uint8Array;
}

export type { EventView } from '../../../shared/caseViews.ts';

/** A message template with where and when it occurs. */
export interface PatternInfo extends MinedTemplate {
  firstTime: EpochMs | null;
  lastTime: EpochMs | null;
  /** Events at error level or above. */
  errors: number;
}

/** Sizes of the index, for the bench and the cache. */
export interface IndexStats {
  events: number;
  terms: number;
  postings: number;
  chars: number;
}

/** The queryable index of one case. */
export class CaseIndex {
  readonly patterns: PatternInfo[];
  /** Hits of the queries answered while the case was read (standingQueries.ts), by query text; ascending event ids. */
  readonly standing = new Map<string, Uint32Array>();
  private patternSearch: MiniSearch<{ id: number; text: string }> | null = null;

  constructor(
    readonly files: readonly IndexedFile[],
    readonly components: readonly string[],
    readonly events: EventColumns,
    readonly store: SpoolStore,
    readonly timeline: Timeline,
    readonly zone: string,
    readonly postings: CasePostings,
    /** Template id of each event. */
    readonly templateOf: Uint32Array,
    templates: readonly MinedTemplate[],
    readonly indexStats: IndexStats,
  ) {
    this.patterns = patternsOf(templates, templateOf, events);
  }

  /** Number of events. */
  get size(): number {
    return this.events.time.length;
  }

  /** Whether the full-text index is there (always: segments are indexed as they are read). */
  get indexed(): boolean {
    return true;
  }

  /** Whether `key` is a request id the indexer saw. */
  isRequestId(key: string): boolean {
    const { term } = idTerm(key);
    return term.startsWith(ID_PREFIX) && this.postings.isRequest(term);
  }

  /** The events that carry the id `key` (normalised, as the id extractor gives it), ascending. */
  idEvents(key: string): number[] {
    const { term, exact } = idTerm(key);
    const events = this.postings.events(term);
    if (exact) return events;
    return events.filter((e) => extractIds(this.eventText(e)).some((found) => idKeys(found).includes(key)));
  }

  /** The file of an event. */
  fileOf(event: number): IndexedFile {
    return this.files[this.events.file[event]];
  }

  /** The lines of an event that search looks at, joined by '\n'. */
  eventText(event: number): string {
    const f = this.fileOf(event);
    return (
      this.store.readText(f.store, this.events.line[event], Math.min(this.events.lineCount[event], MAX_EVENT_LINES)) ??
      ''
    );
  }

  /** Up to `max` physical lines of an event. */
  eventLines(event: number, max = Number.POSITIVE_INFINITY): string[] {
    const f = this.fileOf(event);
    return this.store.readLines(f.store, this.events.line[event], Math.min(this.events.lineCount[event], max));
  }

  /** The view of one event. */
  view(event: number): EventView {
    const f = this.fileOf(event);
    const t = this.events.time[event];
    const line = this.events.line[event];
    const text = this.store.readText(f.store, line, 1) ?? '';
    return {
      id: event,
      position: this.timeline.rank[event],
      time: Number.isNaN(t) ? null : epochMs(t),
      level: LEVELS[this.events.level[event]],
      module: f.record.module,
      component: f.record.component,
      path: f.record.path,
      file: this.events.file[event],
      line: lineNo(line),
      lineCount: this.events.lineCount[event],
      text,
      ...(this.recordMessage(f, line, this.events.lineCount[event]) ?? this.bodyOf(f, text)),
    };
  }

  /** `{ message }` of an event whose format reads it from a later line (see `recordMessage`); null: none. */
  private recordMessage(f: IndexedFile, line: number, lineCount: number): { message: string } | null {
    if (lineCount < 2 || f.store < 0) return null;
    const format = recordFormat(f.record.format);
    if (!format) return null;
    const lines = this.store.readLines(f.store, line, Math.min(lineCount, RECORD_MESSAGE_LINES));
    const message = recordMessage(format, lines);
    return message === null ? null : { message };
  }

  /**
   * `{ message }`: the first line without the prefix the list shows in other columns, read with
   * the file's format at page time (a regex per row shown, nothing kept per event); `{}` when
   * the whole line is the message (see `messageBody`).
   */
  private bodyOf(f: IndexedFile, text: string): { message?: string } {
    const message = messageBody(builtinFormat(f.record.format), text);
    return message === null ? {} : { message };
  }

  /** Events at timeline positions offset … offset + limit - 1. */
  window(offset: number, limit: number): EventView[] {
    const out: EventView[] = [];
    const end = Math.min(this.size, offset + limit);
    for (let p = Math.max(0, offset); p < end; p++) out.push(this.view(this.timeline.order[p]));
    return out;
  }

  /** The timeline position of the first event at or after `time`. */
  positionAt(time: number): number {
    return positionAtTime(this.timeline.keys, time);
  }

  /** `before` events before and `after` events after `event` in its own file (the seed's `grep -C`). */
  context(event: number, before: number, after: number): EventView[] {
    const f = this.fileOf(event);
    const from = Math.max(f.first, event - before);
    const to = Math.min(f.first + f.count - 1, event + after);
    const out: EventView[] = [];
    for (let e = from; e <= to; e++) out.push(this.view(e));
    return out;
  }

  /** Indexed words starting with `prefix` (never id or pair keys: those start with a control character). */
  termsWithPrefix(prefix: string): string[] {
    return this.postings.withPrefix(prefix);
  }

  /** Message templates whose text matches `text` (MiniSearch over the templates, prefix and fuzzy). */
  searchPatterns(text: string, limit = 50): PatternInfo[] {
    if (!this.patternSearch) {
      const search = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], storeFields: [] });
      search.addAll(this.patterns.map((p) => ({ id: p.id, text: p.text.replaceAll('<*>', ' ') })));
      this.patternSearch = search;
    }
    return this.patternSearch
      .search(text, { prefix: true, fuzzy: 0.2, combineWith: 'AND' })
      .slice(0, limit)
      .map((hit) => this.patterns[hit.id as number]);
  }

  /** The events matching a query answered while reading, as a bitmap; null when it was not one of them. */
  standingHits(text: string): Bitmap | null {
    const hits = this.standing.get(text);
    if (!hits) return null;
    const b = new Bitmap(this.size);
    for (const e of hits) b.add(e);
    return b;
  }

  /** Closes the spool files (reading lines opens them again). */
  close(): void {
    this.store.close();
  }
}

/**
 * The index term under which the events carrying an id are found, and whether they are exactly
 * those events. UUIDs and the ids only the extractor finds (request and trace key values, hosts,
 * Cloudpods rids) are exact; a request id `req-<uuid>` is found through its uuid, an IPv4
 * through its word, a 32-hex id through every 32-hex token: candidates the extractor confirms.
 */
export function idTerm(key: string): { term: string; exact: boolean } {
  const request = REQUEST_ID.exec(key);
  if (request) return { term: ID_PREFIX + request[1], exact: false };
  if (UUID_KEY.test(key)) return { term: ID_PREFIX + key, exact: true };
  if (IPV4_KEY.test(key)) return { term: key, exact: false };
  return { term: ID_PREFIX + key, exact: !HEX32_KEY.test(key) };
}

const REQUEST_ID = /^g?req-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const UUID_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const IPV4_KEY = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const HEX32_KEY = /^[0-9a-f]{32}$/;

/** Each template's count, first and last time and errors, from the events that have it. */
function patternsOf(templates: readonly MinedTemplate[], templateOf: Uint32Array, events: EventColumns): PatternInfo[] {
  const n = templates.length;
  const first = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const last = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const errors = new Uint32Array(n);
  const counts = new Uint32Array(n);
  const { time, level } = events;
  const errorRank = LEVELS.indexOf('error');
  for (let e = 0; e < templateOf.length; e++) {
    const t = templateOf[e];
    counts[t]++;
    const at = time[e];
    if (at < first[t]) first[t] = at;
    if (at > last[t]) last[t] = at;
    if (level[e] >= errorRank) errors[t]++;
  }
  return templates.map((template) => ({
    ...template,
    count: counts[template.id],
    firstTime: Number.isFinite(first[template.id]) ? epochMs(first[template.id]) : null,
    lastTime: Number.isFinite(last[template.id]) ? epochMs(last[template.id]) : null,
    errors: errors[template.id],
  }));
}
