/** Per-file conversion of parsed timestamps to epoch milliseconds (split from time.ts for its length). */
import { epochMs, type EpochMs, type ZoneSpec } from '../model.ts';
import { partsToEpoch, resolveYear, type TimeParts } from '../time.ts';

/**
 * Converts parsed timestamps of one file to epoch milliseconds, remembering the last second it
 * converted: consecutive log lines share their second far more often than not, and the zone
 * arithmetic (`Date`, `Intl`) is what converting costs. Year-less times get their year from
 * {@link resolveYear} against the file's reference time.
 */
export class EpochConverter {
  private year = -1;
  private month = -1;
  private day = -1;
  private hour = -1;
  private minute = -1;
  private second = -1;
  private offset: number | null = null;
  private zone = '';
  private base: number | null = null;
  private readonly years = new Map<number, number>();

  /** True once a time without a year was converted: its year was guessed from the reference. */
  yearGuessed = false;

  constructor(private readonly yearReference: EpochMs) {}

  /** The epoch of `parts` read in `zone`; `parts.year` is filled in when the text had none. */
  epoch(parts: TimeParts, zone: ZoneSpec): EpochMs | null {
    if (parts.year === null) {
      parts.year = this.yearOf(parts, zone);
      this.yearGuessed = true;
    }
    const { year, month, day, hour, minute, second, offsetMinutes } = parts;
    if (
      year !== this.year ||
      second !== this.second ||
      minute !== this.minute ||
      hour !== this.hour ||
      day !== this.day ||
      month !== this.month ||
      offsetMinutes !== this.offset ||
      zone !== this.zone
    ) {
      this.base = partsToEpoch({ ...parts, year, millisecond: 0 }, zone);
      this.year = year;
      this.month = month;
      this.day = day;
      this.hour = hour;
      this.minute = minute;
      this.second = second;
      this.offset = offsetMinutes;
      this.zone = zone;
    }
    return this.base === null ? null : epochMs(this.base + parts.millisecond);
  }

  private yearOf(parts: TimeParts, zone: ZoneSpec): number {
    // The year only depends on the day, except within a couple of days of the reference.
    const key = parts.month * 32 + parts.day;
    const known = this.years.get(key);
    if (known !== undefined) return known;
    const year = resolveYear(parts, zone, this.yearReference);
    const at = partsToEpoch({ ...parts, year }, zone);
    if (at !== null && Math.abs(at - this.yearReference) > 3 * 86_400_000 && this.years.size < 1024)
      this.years.set(key, year);
    return year;
  }
}
