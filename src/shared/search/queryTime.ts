/**
 * Time values of the search query language (`after:` / `before:`): an absolute timestamp with an
 * optional zone, a relative offset, or both. Kept apart from the parser so the calendar rules
 * can be read (and tested) on their own.
 */
import { epochMs, type EpochMs, type ZoneSpec } from '../model.ts';
import { partsToEpoch } from '../time.ts';

/** Calendar fields of an absolute query time, as typed (no zone applied). */
export interface TimeOfDay {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** What a time bound is measured from. */
export type TimeAnchor =
  /** `zone` is `'UTC'` for `Z`, `'+08:00'` style for offsets, `null` when none was typed (the case's zone applies). */
  | { kind: 'absolute'; parts: TimeOfDay; zone: string | null }
  /** Relative to a reference time the caller supplies (e.g. the selected event). */
  | { kind: 'reference' };

/** A parsed time value, or a message saying what is wrong with it. */
export type TimeValueParse = { ok: true; anchor: TimeAnchor; offsetMs: number } | { ok: false; message: string };

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 } as const;
type Unit = keyof typeof UNIT_MS;

// The zone group needs two hour digits and the offset group a unit letter, so `-0500` is a zone
// and `-5m` / `-500m` an offset; the regex backtracks out of a zone that would strand a unit.
const ABSOLUTE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?(?:([+-]\d{1,15})(ms|s|m|h|d))?$/;
const RELATIVE = /^([+-]\d{1,15})(ms|s|m|h|d)$/;

const HINT = 'use 2025-09-18, 2025-09-18T16:24:31.123, an optional Z or +08:00, and/or an offset like -5m or +2h';

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function offsetMs(amount: string, unit: string): number | null {
  const ms = Number(amount) * UNIT_MS[unit as Unit];
  // `|| 0` turns -0 into 0, so `-0m` and `+0m` give equal trees.
  return Number.isSafeInteger(ms) ? ms || 0 : null;
}

function normalizeZone(zone: string): string | { error: string } {
  if (zone === 'Z' || zone === 'z') return 'UTC';
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  if (hours > 23 || minutes > 59) return { error: `zone ${zone} is out of range` };
  return `${zone[0]}${digits.slice(0, 2)}:${String(minutes).padStart(2, '0')}`;
}

/** Parses the value of `after:` / `before:` (without the field name). */
export function parseTimeValue(text: string): TimeValueParse {
  const rel = RELATIVE.exec(text);
  if (rel) {
    const ms = offsetMs(rel[1], rel[2]);
    if (ms === null) return { ok: false, message: `offset ${text} is too large` };
    return { ok: true, anchor: { kind: 'reference' }, offsetMs: ms };
  }
  const m = ABSOLUTE.exec(text);
  if (!m) return { ok: false, message: `"${text}" is not a time (${HINT})` };
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? '0'));
  const parts: TimeOfDay = {
    year,
    month,
    day,
    hour,
    minute,
    second,
    millisecond: m[7] ? Number(`${m[7]}00`.slice(0, 3)) : 0,
  };
  // Years below 1000 are typos in a log search, and Date.UTC would read 0–99 as 1900–1999.
  if (year < 1000) return { ok: false, message: `year ${m[1]} is out of range (1000-9999)` };
  if (month < 1 || month > 12) return { ok: false, message: `month ${m[2]} is out of range (1-12)` };
  const maxDay = daysInMonth(year, month);
  if (day < 1 || day > maxDay)
    return { ok: false, message: `day ${m[3]} is out of range (1-${maxDay} for ${m[1]}-${m[2].padStart(2, '0')})` };
  if (hour > 23) return { ok: false, message: `hour ${m[4]} is out of range (0-23)` };
  if (minute > 59) return { ok: false, message: `minute ${m[5]} is out of range (0-59)` };
  if (second > 59) return { ok: false, message: `second ${m[6]} is out of range (0-59)` };
  let zone: string | null = null;
  if (m[8]) {
    const z = normalizeZone(m[8]);
    if (typeof z !== 'string') return { ok: false, message: z.error };
    zone = z;
  }
  const ms = m[9] ? offsetMs(m[9], m[10]) : 0;
  if (ms === null) return { ok: false, message: `offset ${m[9]}${m[10]} is too large` };
  return { ok: true, anchor: { kind: 'absolute', parts, zone }, offsetMs: ms };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function formatOffset(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const abs = Math.abs(ms);
  // The largest unit that divides exactly keeps the text short and the value exact.
  const unit = (['d', 'h', 'm', 's'] as const).find((u) => abs % UNIT_MS[u] === 0) ?? 'ms';
  return `${sign}${abs / UNIT_MS[unit]}${unit}`;
}

/** Formats a time value so that {@link parseTimeValue} reads it back to the same anchor and offset. */
export function formatTimeValue(anchor: TimeAnchor, offset: number): string {
  if (anchor.kind === 'reference') return formatOffset(offset);
  const p = anchor.parts;
  let text = `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
  // Trailing zero fields are left out: `2025-09-18T16:24` reads back to the same parts.
  if (p.hour || p.minute || p.second || p.millisecond) {
    text += `T${pad(p.hour)}:${pad(p.minute)}`;
    if (p.second || p.millisecond) text += `:${pad(p.second)}`;
    if (p.millisecond) text += `.${pad(p.millisecond, 3)}`;
  }
  if (anchor.zone !== null) text += anchor.zone === 'UTC' ? 'Z' : anchor.zone;
  return offset === 0 ? text : text + formatOffset(offset);
}

/**
 * The instant a time bound stands for: an absolute anchor read in its own zone, or in `zone`
 * (the case's zone) when it has none; a reference anchor measured from `reference`.
 * `null` when the anchor is relative and no reference is available.
 */
export function resolveTimeAnchor(
  anchor: TimeAnchor,
  offset: number,
  zone: ZoneSpec,
  reference: EpochMs | null,
): EpochMs | null {
  if (anchor.kind === 'reference') return reference === null ? null : epochMs(reference + offset);
  const base = partsToEpoch({ ...anchor.parts, offsetMinutes: null }, anchor.zone ?? zone);
  return base === null ? null : epochMs(base + offset);
}
