/**
 * What trying a format on one file of a case gives back (the `tryFormat` method), and the rule
 * for the id of a format the engineer saves (it becomes a file name in the data folder).
 */
import type { EpochMs, Level } from '../model.ts';

/** Most lines of a file a trial reads: enough to judge a format, quick enough to run per keystroke. */
export const TRIAL_MAX_LINES = 20_000;
/** How long a trial may run before it stops and says so. */
export const TRIAL_BUDGET_MS = 1500;
/** How many parsed and unmatched lines a trial shows. */
export const TRIAL_SHOWN_LINES = 8;

/** One line the format read. */
export interface TrialParsedLine {
  /** 1-based line number in the file. */
  line: number;
  /** Null when the line matched but its time did not read in the layout. */
  time: EpochMs | null;
  level: Level;
  message: string;
}

/** The effect of a format on one file. */
export interface FormatTrial {
  file: number;
  path: string;
  /** Lines of the file, and how many the trial read (fewer when it stopped at a limit). */
  totalLines: number;
  linesTried: number;
  /** Why the trial stopped before the end of the file (the line limit, the time budget), or null. */
  stopped: 'lineLimit' | 'timeBudget' | null;
  /** Non-empty lines the pattern matched (event heads), of them with a time read, and with a known level. */
  matched: number;
  timed: number;
  leveled: number;
  /** Non-empty lines it did not match (continuations, or lines the pattern misses). */
  unmatched: number;
  /** The first lines read, as the format reads them. */
  parsed: TrialParsedLine[];
  /** The first lines it did not match. */
  unmatchedLines: { line: number; text: string }[];
}

const FORMAT_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** Why `id` cannot name a user format (it is a file name: lower-case letters, digits, `-`, `_`), or null. */
export function formatIdProblem(id: string): string | null {
  return FORMAT_ID.test(id)
    ? null
    : `"id" must be 1–64 lower-case letters, digits, "-" or "_", starting with a letter or digit, got ${JSON.stringify(id)}`;
}
