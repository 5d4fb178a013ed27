/**
 * The year of year-less times (syslog, klog) from the best evidence in the bundle.
 *
 * A file is read in one streaming pass with the year resolved against its modification time (or
 * the input bundle's when it has none plausible): nothing else is known yet. Real bundles often
 * lie there: zip stores 1980 when it has no time, and a collector that copies the logs stamps
 * them all with the day the bundle was made, so `Dec 31 23:59:59` lands in the wrong year. Once
 * every file is read, {@link settleYears} looks at the files whose times carry a full date, in the
 * same folder first, else in the same input bundle, and re-times the year-less files whose own
 * modification time does not agree with them. Year-less files are few and small, so re-timing them
 * after the pass (rather than a pre-pass over the archive, which a `.tar.gz` cannot do without
 * decompressing twice, or holding every file until the end) keeps the read streaming.
 */
import type { Inventory } from '../api.ts';
import type { EpochMs, FileRecord, TimeGuess, ZoneSpec } from '../model.ts';
import { formatIso, partsToEpoch, resolveYear, type TimeParts } from '../time.ts';

const DAY = 86_400_000;
/** A modification time earlier than this is a placeholder (zip's 1980, the epoch), not a time. */
export const MIN_PLAUSIBLE_MTIME = Date.UTC(1995, 0, 1);
/**
 * How far a year-less file may run past the latest full-dated time of its neighbours (the files
 * of a bundle are collected together; a week covers a log that kept going a little longer).
 */
export const EVIDENCE_SLACK_MS = 7 * DAY;
/**
 * How far after its neighbours' latest full-dated time a file's modification time may be and
 * still be believed. Later, it is the day the bundle was made, not the day the log was written.
 */
export const MTIME_AGREES_MS = 30 * DAY;

/** The full-dated files a year-less file takes its year from. */
export interface YearEvidence {
  files: number;
  scope: 'folder' | 'bundle';
  latest: EpochMs;
}

/** What a year-less file's year should rest on. */
export interface YearDecision {
  year: NonNullable<TimeGuess['year']>;
  reference: EpochMs;
  evidence?: YearEvidence;
}

const folderOf = (path: string): string => path.slice(0, path.lastIndexOf('/') + 1);

/** Whether a file's times carry their own full date (events with times, no year guessed). */
export function hasFullDates(file: FileRecord): boolean {
  return file.lastTime !== null && file.timeGuess?.year === undefined;
}

/** Whether a modification time is a time at all (not zip's 1980, not the epoch). */
export function plausibleMtime(mtime: EpochMs | null): mtime is EpochMs {
  return mtime !== null && mtime > MIN_PLAUSIBLE_MTIME;
}

/** The full-dated files of each input bundle and of each folder, counted once for every file to ask. */
export class EvidenceTable {
  private readonly bundles = new Map<number, { files: number; latest: number }>();
  private readonly folders = new Map<string, { files: number; latest: number }>();

  constructor(files: readonly FileRecord[]) {
    for (const file of files) {
      if (!hasFullDates(file)) continue;
      add(this.bundles, file.bundle, file.lastTime!);
      add(this.folders, `${file.bundle}:${folderOf(file.path)}`, file.lastTime!);
    }
  }

  /** The evidence for `file`: full-dated files of its folder, else of its input bundle; null when none. */
  evidenceFor(file: FileRecord): YearEvidence | null {
    const folder = this.folders.get(`${file.bundle}:${folderOf(file.path)}`);
    if (folder) return { files: folder.files, scope: 'folder', latest: folder.latest as EpochMs };
    const bundle = this.bundles.get(file.bundle);
    if (bundle) return { files: bundle.files, scope: 'bundle', latest: bundle.latest as EpochMs };
    return null;
  }
}

function add<K>(map: Map<K, { files: number; latest: number }>, key: K, latest: number): void {
  const seen = map.get(key);
  if (seen) {
    seen.files++;
    seen.latest = Math.max(seen.latest, latest);
  } else map.set(key, { files: 1, latest });
}

/**
 * Decides the reference for a year-less file: its own modification time when it is plausible and
 * agrees with the evidence (not more than {@link MTIME_AGREES_MS} after it), else the evidence's
 * latest time (plus {@link EVIDENCE_SLACK_MS}), else the input bundle's time `bundleTime`.
 */
export function decideYear(mtime: EpochMs | null, evidence: YearEvidence | null, bundleTime: EpochMs): YearDecision {
  if (plausibleMtime(mtime) && (evidence === null || mtime <= evidence.latest + MTIME_AGREES_MS))
    return { year: 'file-time', reference: mtime };
  if (evidence) return { year: 'bundle-dates', reference: (evidence.latest + EVIDENCE_SLACK_MS) as EpochMs, evidence };
  return { year: 'bundle-time', reference: bundleTime };
}

const QUARTER = 15 * 60_000;

/**
 * Maps times read against one reference to the times they have against another: the calendar
 * fields are read back in `zone`, and the year resolved again. Zone offsets change on a quarter
 * hour, and a year is decided per day (except near the reference), so a quarter hour of time is
 * mapped at once: one zone lookup per quarter hour of log rather than per event.
 */
export function yearRemapper(zone: ZoneSpec, to: EpochMs): (time: number) => number {
  const years = new Map<number, number>();
  const quarters = new Map<number, number>();
  const exact = (time: number): number => {
    const iso = formatIso(time as EpochMs, zone);
    const m = /^(-?\d+)-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)\.(\d\d\d)/.exec(iso);
    if (!m) return time;
    const parts: TimeParts = {
      year: null,
      month: Number(m[2]),
      day: Number(m[3]),
      hour: Number(m[4]),
      minute: Number(m[5]),
      second: Number(m[6]),
      millisecond: Number(m[7]),
      offsetMinutes: null,
    };
    const key = parts.month * 32 + parts.day;
    let year = years.get(key);
    if (year === undefined) {
      year = resolveYear(parts, zone, to);
      const at = partsToEpoch({ ...parts, year }, zone);
      // Near the reference the hour decides; elsewhere the day does.
      if (at !== null && Math.abs(at - to) > 3 * DAY) years.set(key, year);
    }
    if (year === Number(m[1])) return time;
    return partsToEpoch({ ...parts, year }, zone) ?? time;
  };
  return (time) => {
    if (!Number.isFinite(time)) return time;
    // Near the reference the year may change within a quarter hour: every time on its own.
    if (Math.abs(time - to) < 4 * DAY) return exact(time);
    const start = Math.floor(time / QUARTER) * QUARTER;
    let shift = quarters.get(start);
    if (shift === undefined) {
      shift = exact(start) - start;
      if (quarters.size > 100_000) quarters.clear();
      quarters.set(start, shift);
    }
    return time + shift;
  };
}

/**
 * Maps times read with some year to the same calendar fields in `year` (the year the engineer set
 * for a file's year-less times, see shared/timeSettings.ts), read back and placed in `zone`. As
 * in {@link yearRemapper}, a quarter hour of log is mapped at once.
 */
export function yearSetter(zone: ZoneSpec, year: number): (time: number) => number {
  const quarters = new Map<number, number>();
  const exact = (time: number): number => {
    const iso = formatIso(time as EpochMs, zone);
    const m = /^(-?\d+)-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)\.(\d\d\d)/.exec(iso);
    if (!m || Number(m[1]) === year) return time;
    const at = partsToEpoch(
      {
        year,
        month: Number(m[2]),
        day: Number(m[3]),
        hour: Number(m[4]),
        minute: Number(m[5]),
        second: Number(m[6]),
        millisecond: Number(m[7]),
        offsetMinutes: null,
      },
      zone,
    );
    return at ?? time;
  };
  return (time) => {
    if (!Number.isFinite(time)) return time;
    const start = Math.floor(time / QUARTER) * QUARTER;
    let shift = quarters.get(start);
    if (shift === undefined) {
      shift = exact(start) - start;
      if (quarters.size > 100_000) quarters.clear();
      quarters.set(start, shift);
    }
    return time + shift;
  };
}

/**
 * Re-times a file's events: `remap` maps one event time; returns the file's new first and last
 * times (null when it has none). Given by the caller, which holds the events.
 */
export type Retime = (file: FileRecord, remap: (time: number) => number) => { first: number; last: number } | null;

/**
 * After every file of `inventory` is read: gives each file whose year was guessed the best
 * reference ({@link decideYear}), or the year the engineer set (`timeGuess.set.year`, see
 * {@link yearSetter}), re-times those whose reference changed through `retime`, and
 * sets their `timeGuess` and the bundles' spans. Returns how many files were re-timed.
 */
export function settleYears(inventory: Inventory, retime: Retime): number {
  // Year-less files are not evidence, so one re-timed file is not evidence for another.
  const table = new EvidenceTable(inventory.files);
  let changed = 0;
  for (const file of inventory.files) {
    const guess = file.timeGuess;
    if (!guess?.year || !guess.yearReference) continue;
    const setYear = guess.set?.year;
    if (setYear !== undefined) {
      // The engineer's year wins over any evidence.
      const span = retime(file, yearSetter(guess.yearReference.zone, setYear));
      if (span) {
        file.firstTime = span.first as EpochMs;
        file.lastTime = span.last as EpochMs;
      }
      changed++;
      continue;
    }
    // A 'file-time' guess never falls back to the bundle's time (its mtime is plausible), so the
    // reference of the guess is the bundle's time whenever that is needed.
    const decision = decideYear(file.modifiedTime, table.evidenceFor(file), guess.yearReference.time);
    guess.year = decision.year;
    if (decision.evidence) guess.yearEvidence = decision.evidence;
    if (decision.reference === guess.yearReference.time) continue;
    const zone = guess.yearReference.zone;
    guess.yearReference = { time: decision.reference, zone };
    const span = retime(file, yearRemapper(zone, decision.reference));
    if (span) {
      file.firstTime = span.first as EpochMs;
      file.lastTime = span.last as EpochMs;
    }
    changed++;
  }
  if (changed > 0) respan(inventory);
  return changed;
}

/**
 * Sets each bundle's span from its files. `bundles` holds the inputs that were read, in input
 * order, and a file's `bundle` is its input's index: the indices with files, in order, are the
 * bundles with a file count above zero.
 */
function respan(inventory: Inventory): void {
  const spans = new Map<number, { first: number | null; last: number | null }>();
  for (const f of inventory.files) {
    const span = spans.get(f.bundle) ?? { first: null, last: null };
    if (f.firstTime !== null && (span.first === null || f.firstTime < span.first)) span.first = f.firstTime;
    if (f.lastTime !== null && (span.last === null || f.lastTime > span.last)) span.last = f.lastTime;
    spans.set(f.bundle, span);
  }
  const order = [...spans.keys()].sort((a, b) => a - b);
  let next = 0;
  for (const bundle of inventory.bundles) {
    if (bundle.fileCount === 0) continue;
    const span = spans.get(order[next++]!);
    if (!span) return;
    bundle.firstTime = span.first as EpochMs | null;
    bundle.lastTime = span.last as EpochMs | null;
  }
}
