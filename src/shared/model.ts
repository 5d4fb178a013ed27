/**
 * The data model shared by the engine, the CLI, the HTTP bridge and the renderer.
 * Pure types and tiny constructors only: no I/O, no Node, no DOM.
 */

declare const brand: unique symbol;
/** A nominal wrapper so that values with the same runtime type cannot be mixed up. */
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Milliseconds since the Unix epoch, UTC. */
export type EpochMs = Brand<number, 'EpochMs'>;
/** A 1-based physical line number inside one file. */
export type LineNo = Brand<number, 'LineNo'>;

/** Marks a number as epoch milliseconds. */
export const epochMs = (value: number): EpochMs => value as EpochMs;
/** Marks a number as a 1-based line number. */
export const lineNo = (value: number): LineNo => value as LineNo;

/** Normalised severity, ordered from least to most severe; `unknown` sorts below `trace`. */
export const LEVELS = ['unknown', 'trace', 'debug', 'info', 'warning', 'error', 'critical'] as const;
/** One normalised severity. */
export type Level = (typeof LEVELS)[number];
/** Count of events per level. */
export type LevelCounts = Record<Level, number>;

/** A fresh all-zero {@link LevelCounts}. */
export function emptyLevelCounts(): LevelCounts {
  return { unknown: 0, trace: 0, debug: 0, info: 0, warning: 0, error: 0, critical: 0 };
}

/** The rank of a level, for comparisons such as `level:>=warning`. */
export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

/**
 * What a file is, decided from its content (and only then its name). `har`: a browser's network
 * capture, read as one event per request.
 */
export type FileKind =
  'log' | 'har' | 'goroutine-dump' | 'pods-table' | 'version-json' | 'stats-json' | 'json' | 'config' | 'text';

/** Text encodings Tarsier detects and decodes. */
export type EncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'latin1';

/** Where a file sits in the product, from the seed's module and log-path tables. */
export interface ComponentInfo {
  /** Product module, e.g. `porter`, `hamal`, `cloudpods`, `nova`; `unknown` when nothing matched. */
  module: string;
  /** Component inside the module, e.g. `porter-api`, `vm-web01`, `region`. */
  component: string;
  /** Which rule of the component table matched (its id), or `fallback`. */
  rule: string;
}

/**
 * One event: a record that starts on a line matching the file's format, plus the
 * continuation lines (traceback, stack, wrapped message) that follow it.
 */
export interface LogEvent {
  /** First physical line of the event. */
  line: LineNo;
  /** Number of physical lines (1 + continuation lines). */
  lineCount: number;
  /** Event time, or `null` when neither the event nor anything before it in the file had one. */
  time: EpochMs | null;
  /** True when the time was inherited from an earlier event because this one had none. */
  timeInherited: boolean;
  level: Level;
  /** The first line, ANSI colour codes removed, cut to the line limit. */
  text: string;
  /** The message part of the first line (without timestamp, level, logger), when the format says where it is. */
  message: string;
  /** Named fields the format extracted (logger, pid, request id, caller…). Empty values are omitted. */
  fields: Readonly<Record<string, string>>;
  /** Continuation lines, ANSI removed. */
  continuation: readonly string[];
}

/** A problem met while reading one entry (the entry may still be partly read). */
export interface EntryProblem {
  path: string;
  reason: string;
}

/** One file of the bundle that was read (fully or partly). */
export interface FileRecord {
  /** Path inside the bundle, POSIX; nested archive members are `outer.zip!/inner/path`. */
  path: string;
  /** Which input bundle the file came from (index into the case's bundles). */
  bundle: number;
  bytes: number;
  kind: FileKind;
  module: string;
  component: string;
  /** Format id from `resources/formats`, or `none` for non-log files. */
  format: string;
  encoding: EncodingName;
  lines: number;
  events: number;
  firstTime: EpochMs | null;
  lastTime: EpochMs | null;
  levels: LevelCounts;
  /** Lines longer than the line limit, kept only up to the limit. */
  linesCut: number;
  /** Bytes that were not valid in the detected encoding (decoded as U+FFFD). */
  invalidBytes: number;
  /** Set when the entry could not be read to its end; the reason says where and why. */
  incomplete: string | null;
  /** Modification time from the archive or file system, when known. */
  modifiedTime: EpochMs | null;
  /** What the times of the file's events rest on beyond their text; absent when nothing was guessed. */
  timeGuess?: TimeGuess;
  /**
   * What the reader had to do differently to read the file right, e.g. `mixed encodings: 1 line
   * decoded as latin1 (line 17); the rest as utf-8`. Absent when there is nothing to say; each
   * note is also listed among the case's problems for this path.
   */
  notes?: string[];
}

/**
 * What was guessed to place a file's times. `year`: some timestamps had no year (syslog, klog);
 * it was taken from the full dates of the bundle's other files (`bundle-dates`, see
 * `yearEvidence`), from the file's modification time (`file-time`) or, lacking both, from the
 * input bundle's (`bundle-time`). `zone`: some had no offset and were read in the case's zone.
 */
export interface TimeGuess {
  year?: 'bundle-dates' | 'file-time' | 'bundle-time';
  /**
   * With `year`: the time the years were resolved against (each year-less time takes the latest
   * year that puts it at most a day after it) and the zone the times were read in.
   */
  yearReference?: { time: EpochMs; zone: ZoneSpec };
  /**
   * With `bundle-dates`: how many files with full dates gave the year, whether they are in the
   * file's own folder or anywhere in its bundle, and the latest of their times.
   */
  yearEvidence?: { files: number; scope: 'folder' | 'bundle'; latest: EpochMs };
  zone?: 'assumed';
  /**
   * What the engineer set for this file (shared/timeSettings.ts), in place of the guess: the zone
   * its zone-less times were read in, the year its year-less times were given.
   */
  set?: { zone?: ZoneSpec; year?: number };
}

/** An entry that was not read at all, and why. */
export interface SkippedEntry {
  path: string;
  reason: string;
}

/** Identity and extent of one input bundle. */
export interface BundleInfo {
  name: string;
  /** Absolute path on this machine. */
  source: string;
  bytes: number;
  /** sha256 of the bundle file; for a folder, `null`. */
  sha256: string | null;
  fileCount: number;
  firstTime: EpochMs | null;
  lastTime: EpochMs | null;
}

/** How zone-less timestamps are read: `local`, `UTC`, a fixed offset `+08:00`, or an IANA name. */
export type ZoneSpec = string;
