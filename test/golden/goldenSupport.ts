// Shared by the golden tests and by `update-golden.ts`, which writes their expected files:
// where the real data lives, how a file is read and turned into events, and the summaries and
// event projections that the expected JSON files hold.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectFile } from '../../src/shared/formats/detectFormat.ts';
import { assembleEvents } from '../../src/shared/formats/eventAssembler.ts';
import { loadFormats } from '../../src/main/engine/platform/resources.ts';
import { formatIso } from '../../src/shared/time.ts';
import { emptyLevelCounts, epochMs, type FileKind, type LevelCounts, type LogEvent } from '../../src/shared/model.ts';

export const GOLDEN_DIR = dirname(fileURLToPath(import.meta.url));
const PROJECT_DIR = resolve(GOLDEN_DIR, '..', '..');

/** The shared real-data folder (`../shared/realdata` next to the project), or `$TARSIER_REALDATA`. */
export const REALDATA_DIR = process.env.TARSIER_REALDATA
  ? resolve(process.env.TARSIER_REALDATA)
  : resolve(PROJECT_DIR, '..', 'shared', 'realdata');
/** One file of summaries (never log text), keyed by the real log's path under realdata/. */
export const REALDATA_SUMMARIES = join(GOLDEN_DIR, 'expected', 'real-log-summaries.json');
export const CASES_DIR = join(GOLDEN_DIR, 'cases');

/** How every golden file is read: zone-less times as UTC, year-less times before 2026-11-01. */
export const GOLDEN_CONTEXT = { zone: 'UTC', yearReference: epochMs(Date.UTC(2026, 10, 1)) } as const;

/** Splits file text into lines on CRLF or LF, dropping one trailing empty element. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Real log files the realdata golden test covers, as POSIX paths relative to {@link REALDATA_DIR}. */
export function realdataLogPaths(): string[] {
  const list = (dir: string, keep: (name: string) => boolean): string[] => {
    const full = join(REALDATA_DIR, dir);
    if (!existsSync(full)) return [];
    return readdirSync(full)
      .filter(keep)
      .sort()
      .map((name) => `${dir}/${name}`);
  };
  const isLog = (name: string) => name.endsWith('.log');
  return [
    ...list('openstack', isLog),
    ...list('loghub/OpenStack', (name) => name === 'OpenStack_2k.log'),
    ...list('loghub/OpenStack/split_by_file', isLog),
    ...list('cloudpods', isLog),
    ...list('k8s', (name) => isLog(name) && name.includes('klog')),
  ];
}

/** What detection and assembly made of one file. */
export interface Analysed {
  kind: FileKind;
  format: string | null;
  lines: string[];
  events: LogEvent[];
}

/** Detects the file's kind and format from its lines, then assembles its events. */
export function analyse(path: string, text: string): Analysed {
  const formats = loadFormats();
  const lines = splitLines(text);
  const detection = detectFile(path, lines, formats);
  const events = assembleEvents(lines, detection.format, GOLDEN_CONTEXT);
  return { kind: detection.kind, format: detection.format?.id ?? null, lines, events };
}

const iso = (time: number | null): string | null => (time === null ? null : formatIso(epochMs(time), 'UTC'));

/** A summary of one real file: no log text, only counts and times. */
export interface FileSummary {
  kind: FileKind;
  format: string | null;
  lines: number;
  events: number;
  levels: LevelCounts;
  /** Time of the first and of the last event, in file order. */
  firstEventTime: string | null;
  lastEventTime: string | null;
  /** Events that took continuation lines (tracebacks, stacks, wrapped text), and how many lines those were. */
  eventsWithContinuation: number;
  continuationLines: number;
}

export function summarise(analysed: Analysed): FileSummary {
  const levels = emptyLevelCounts();
  let eventsWithContinuation = 0;
  let continuationLines = 0;
  for (const event of analysed.events) {
    levels[event.level]++;
    if (event.lineCount > 1) {
      eventsWithContinuation++;
      continuationLines += event.lineCount - 1;
    }
  }
  return {
    kind: analysed.kind,
    format: analysed.format,
    lines: analysed.lines.length,
    events: analysed.events.length,
    levels,
    firstEventTime: iso(analysed.events[0]?.time ?? null),
    lastEventTime: iso(analysed.events.at(-1)?.time ?? null),
    eventsWithContinuation,
    continuationLines,
  };
}

/** One event as a golden case states it. */
export interface ExpectedEvent {
  line: number;
  lineCount: number;
  time: string | null;
  level: string;
  message: string;
  fields: Record<string, string>;
}

/** A golden case: the format detection must pick, and every event. */
export interface ExpectedCase {
  kind: FileKind;
  format: string | null;
  events: ExpectedEvent[];
}

export function projectCase(analysed: Analysed): ExpectedCase {
  return {
    kind: analysed.kind,
    format: analysed.format,
    events: analysed.events.map((event) => ({
      line: event.line,
      lineCount: event.lineCount,
      time: iso(event.time),
      level: event.level,
      message: event.message,
      fields: { ...event.fields },
    })),
  };
}

/** Input files of the golden cases (`cases/<name>.log`), sorted. */
export function caseNames(): string[] {
  return readdirSync(CASES_DIR)
    .filter((name) => name.endsWith('.log'))
    .map((name) => name.replace(/\.log$/, ''))
    .sort();
}

export function readCase(name: string): string {
  return readFileSync(join(CASES_DIR, `${name}.log`), 'utf8');
}

/** RFC 4180 CSV: quoted fields may hold commas, CR/LF and doubled quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
