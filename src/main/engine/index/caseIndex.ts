/**
 * Everything Tarsier knows about the events of one case, in compact form: per-event facts in
 * typed arrays, every line in the compressed {@link TextStore}, the merged timeline, and —
 * once the worker is done — the postings, id table and message templates. Search, trace,
 * timeline windows, histograms, context and patterns all read from here.
 */
import MiniSearch from 'minisearch';
import { LEVELS, epochMs, lineNo, type EpochMs, type FileRecord } from '../../../shared/model.ts';
import type { MinedTemplate } from '../../../shared/patterns/templateMiner.ts';
import type { EventView } from '../../../shared/caseViews.ts';
import { ID_PREFIX, type IndexParts, type RequestIds } from './indexJob.ts';
import { Postings } from './postings.ts';
import type { TextStore } from './textStore.ts';
import { positionAtTime, type Timeline } from './timeline.ts';

/** Lines of an event that search looks at: the first and up to 500 continuation lines (what the assembler keeps). */
export const MAX_EVENT_LINES = 501;

/** One file as the index holds it. */
export interface IndexedFile {
  record: FileRecord;
  /** File id in the text store. */
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

/** The queryable index of one case. */
export class CaseIndex {
  postings: Postings | null = null;
  templateOf: Uint32Array | null = null;
  patterns: PatternInfo[] = [];
  requests: RequestIds = { term: new Uint32Array(0), role: new Uint8Array(0), roles: [null] };
  indexStats: IndexParts['stats'] | null = null;
  private patternSearch: MiniSearch<{ id: number; text: string }> | null = null;

  constructor(
    readonly files: readonly IndexedFile[],
    readonly components: readonly string[],
    readonly events: EventColumns,
    readonly store: TextStore,
    readonly timeline: Timeline,
    readonly zone: string,
  ) {}

  /** Number of events. */
  get size(): number {
    return this.events.time.length;
  }

  /** Whether the full-text index has arrived (before that, search scans). */
  get indexed(): boolean {
    return this.postings !== null;
  }

  /** Whether `key` is a request id the indexer saw. */
  isRequestId(key: string): boolean {
    const t = this.postings?.termId(ID_PREFIX + key);
    return t !== undefined && this.requests.term.includes(t);
  }

  /** Takes the worker's output. */
  attach(parts: IndexParts): void {
    this.postings = new Postings(parts.postings);
    this.templateOf = parts.templateOf;
    this.indexStats = parts.stats;
    this.requests = parts.requests;
    const first = new Float64Array(parts.templates.length).fill(Number.POSITIVE_INFINITY);
    const last = new Float64Array(parts.templates.length).fill(Number.NEGATIVE_INFINITY);
    const errors = new Uint32Array(parts.templates.length);
    const { time, level } = this.events;
    const errorRank = LEVELS.indexOf('error');
    for (let e = 0; e < this.size; e++) {
      const t = parts.templateOf[e];
      const at = time[e];
      if (at < first[t]) first[t] = at;
      if (at > last[t]) last[t] = at;
      if (level[e] >= errorRank) errors[t]++;
    }
    this.patterns = parts.templates.map((template) => ({
      ...template,
      firstTime: Number.isFinite(first[template.id]) ? epochMs(first[template.id]) : null,
      lastTime: Number.isFinite(last[template.id]) ? epochMs(last[template.id]) : null,
      errors: errors[template.id],
    }));
  }

  /**
   * What {@link CaseIndex.attach} was given, rebuilt from what the index holds (for the index
   * cache, which attaches it again on load); null before the full-text index has arrived.
   */
  attachedParts(): IndexParts | null {
    if (!this.postings || !this.templateOf || !this.indexStats) return null;
    const templates = this.patterns.map((p) => ({ id: p.id, text: p.text, tokens: p.tokens, count: p.count }));
    return { postings: this.postings.source, templateOf: this.templateOf, templates, requests: this.requests, stats: this.indexStats };
  }

  /** The file of an event. */
  fileOf(event: number): IndexedFile {
    return this.files[this.events.file[event]];
  }

  /** The lines of an event that search looks at, joined by '\n'. */
  eventText(event: number): string {
    return this.eventLines(event, MAX_EVENT_LINES).join('\n');
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
      text: this.store.readLines(f.store, line, 1)[0] ?? '',
    };
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

  /** Indexed words starting with `prefix` (never id keys: those start with a control character). */
  termsWithPrefix(prefix: string): string[] {
    return this.postings ? this.postings.withPrefix(prefix) : [];
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
}
