/**
 * The Patterns view's data: each message template with its count, first and last time, level
 * mix, a sparkline over the case span and a search that shows its events.
 */
/** Buckets of a pattern's sparkline over the case's time span. */
export const SPARK_BUCKETS = 40;

/** One template as the Patterns view shows it. */
export interface PatternSummary {
  id: number;
  /** Tokens joined by a space, variables as `<*>`. */
  text: string;
  count: number;
  firstTime: number | null;
  lastTime: number | null;
  /** Events at error level or above. */
  errors: number;
  /** Events at warning level. */
  warnings: number;
  /** Timed events per bucket, {@link SPARK_BUCKETS} buckets from the case's first to its last time. */
  sparkline: number[];
  /** A search that shows the template's events (`template:ID`). */
  query: string;
}

/** The templates of a case, most warnings and errors first, then the most frequent. */
export interface PatternList {
  patterns: PatternSummary[];
  /** How many templates the case has (the list may be cut at the request's limit). */
  total: number;
  /** The case's time span the sparklines cover; null when no event has a time. */
  from: number | null;
  to: number | null;
}

/** The search that shows a template's events. */
export const templateQuery = (id: number): string => `template:${id}`;
