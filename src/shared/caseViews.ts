/**
 * What the UI asks of an open case and gets back: events as rows, search pages, traces, file
 * pages and the overview. Shared by the engine (which builds them) and the renderer (which
 * shows them); plain JSON, times as epoch milliseconds.
 */
import type { CaseArtifacts } from './artifacts/artifactModel.ts';
import type { IdKind } from './ids/extractIds.ts';
import type { EpochMs, Level, LevelCounts, LineNo } from './model.ts';
import type { Finding } from './rules/finding.ts';
import type { LocalizedText } from './rules/ruleSpec.ts';
import type { StageEntry, TriageSuggestion, TriageTrees } from './rules/stages.ts';

/** One event as views and the CLI show it. */
export interface EventView {
  id: number;
  /** Position on the merged timeline. */
  position: number;
  time: EpochMs | null;
  level: Level;
  module: string;
  component: string;
  path: string;
  /** Index of the file in the inventory. */
  file: number;
  line: LineNo;
  lineCount: number;
  /** The first line. */
  text: string;
  /**
   * The message, without the prefix the list shows in columns of its own (time, level, pid,
   * logger, request context): a later line's for record formats (java.util.logging's level line,
   * journal export's MESSAGE, wevtutil's description), else the first line's body as its format
   * reads it (`shared/formats/messageBody.ts`); absent when the whole first line is the message.
   */
  message?: string;
}

/** An event of a trace. */
export interface TraceEvent extends EventView {
  /** 0: carries the traced id; 1: reached through `via`. */
  hop: 0 | 1;
  via: string | null;
}

/** An id seen on the traced events. */
export interface RelatedId {
  id: string;
  kind: IdKind;
  role: string | null;
  /** Traced events that carry it. */
  together: number;
  /** Events in the whole case that carry it. */
  events: number;
  /** Whether its events were added to the trace as hop 1. */
  followed: boolean;
}

/** Every event carrying an id, in time order, with the ids seen with it. */
export interface TraceResult {
  id: string;
  /** The index key looked up. */
  key: string;
  kind: IdKind | null;
  events: TraceEvent[];
  related: RelatedId[];
  components: string[];
  errors: number;
  firstTime: EpochMs | null;
  lastTime: EpochMs | null;
}

/** One page of search hits, in time order. */
export interface SearchPage {
  query: string;
  /** Set when the query does not parse: where and why (nothing else is filled). */
  syntaxError: { message: string; position: number; length: number } | null;
  /** Hits in all; a lower bound when `totalExact` is false (the count stopped at its budget). */
  total: number;
  totalExact: boolean;
  byComponent: { component: string; count: number }[];
  offset: number;
  hits: EventView[];
  /** False while the full-text index is still being built (the search was a scan). */
  indexed: boolean;
  tookMs: number;
}

/** How long the UI's first request for a query lets the total be counted: the page comes first, an exact total follows. */
export const FIRST_COUNT_BUDGET_MS = 10;

/** One page of the merged timeline. */
export interface EventsPage {
  total: number;
  offset: number;
  rows: EventView[];
}

/** Lines of one file, for the viewer (files are paged, never sent whole). */
export interface FileLinesPage {
  file: number;
  path: string;
  module: string;
  component: string;
  /** Physical lines of the file. */
  total: number;
  /** 1-based number of `lines[0]`. */
  from: number;
  lines: string[];
  /** Level of each line that starts an event (1-based line → level), for decorations. */
  heads: { line: number; level: Level; event: number }[];
}

/** Counts per component × level × time bin (the timeline's lanes and its level histogram). */
export interface Histogram {
  from: EpochMs;
  to: EpochMs;
  binMs: number;
  bins: number;
  /** One row per component (`module/component`) and level that has events in range. */
  rows: { component: string; level: Level; counts: number[] }[];
}

/** Errors and warnings of one component. */
export interface ComponentSummary {
  module: string;
  component: string;
  files: number;
  lines: number;
  levels: LevelCounts;
  firstTime: EpochMs | null;
  lastTime: EpochMs | null;
}

/** What the overview shows. */
export interface CaseOverview {
  /** The full-text index is attached (search is fast, findings can be computed). */
  indexed: boolean;
  /** Findings and artifacts are ready. */
  diagnosed: boolean;
  components: ComponentSummary[];
  /** Most severe first, or ranked for `stage`. */
  findings: Finding[];
  artifacts: CaseArtifacts | null;
  triage: TriageSuggestion[];
  trees: TriageTrees | null;
  stages: { id: string; name: LocalizedText }[];
  /** The stage the findings were ranked for, with its table rows. */
  stage: { id: string; name: LocalizedText; entries: StageEntry[] } | null;
}
