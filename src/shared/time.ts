/**
 * Timestamp layouts and zone arithmetic. A format names its timestamp layout
 * (`YYYY-MM-DD HH:mm:ss.SSS`, `YYMMDD HH:mm:ss`, `MMM D HH:mm:ss`, `ISO8601`…) and
 * this module turns matching text into epoch milliseconds.
 */
import { epochMs, type EpochMs, type ZoneSpec } from './model.ts';
import { indexNamedGroups } from './regexGroups.ts';
import { auditStampMs, epochNumberMs, tai64nMs } from './time/epochs.ts';
import { parseOffset, zoneOffset } from './time/zones.ts';

export { parseOffset, zoneOffset } from './time/zones.ts';

/** Calendar fields read from a timestamp, before any zone is applied. */
export interface TimeParts {
  /** Full year, or `null` when the layout has none (syslog, klog). */
  year: number | null;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Offset east of UTC in minutes when the text carried one (`Z`, `+08:00`). */
  offsetMinutes: number | null;
}

/** A compiled layout: parses the timestamp text, or returns `null` when it does not fit. */
export type TimeParser = (text: string) => TimeParts | null;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

interface TokenSpec {
  pattern: string;
  apply: (parts: TimeParts, value: string) => boolean;
}

const numberInRange = (value: string, min: number, max: number): number | null => {
  const n = value.charCodeAt(0) === 32 ? Number(value.trim()) : +value;
  return Number.isInteger(n) && n >= min && n <= max ? n : null;
};

const setter =
  (field: 'month' | 'day' | 'hour' | 'minute' | 'second', min: number, max: number) =>
  (parts: TimeParts, value: string): boolean => {
    const n = numberInRange(value, min, max);
    if (n === null) return false;
    parts[field] = n;
    return true;
  };

const TOKENS: Record<string, TokenSpec> = {
  YYYY: { pattern: '\\d{4}', apply: (p, v) => ((p.year = Number(v)), true) },
  YY: { pattern: '\\d{2}', apply: (p, v) => ((p.year = 2000 + Number(v)), true) },
  MMM: {
    pattern: '[A-Za-z]{3}',
    apply: (p, v) => {
      const i = MONTHS.indexOf(v.toLowerCase());
      if (i < 0) return false;
      p.month = i + 1;
      return true;
    },
  },
  MM: { pattern: '\\d{2}', apply: setter('month', 1, 12) },
  M: { pattern: '\\d{1,2}', apply: setter('month', 1, 12) },
  DD: { pattern: '\\d{2}', apply: setter('day', 1, 31) },
  // `D` accepts syslog's space padding ("Apr  4").
  D: { pattern: '[ \\d]?\\d', apply: setter('day', 1, 31) },
  HH: { pattern: '\\d{2}', apply: setter('hour', 0, 23) },
  // `H` and `h` accept a space-padded hour (MySQL 5.5's `130909  9:18:33`).
  H: { pattern: '[ \\d]?\\d', apply: setter('hour', 0, 23) },
  // 12-hour clock; the `a` marker (AM/PM) is applied after every other token.
  h: { pattern: '[ \\d]?\\d', apply: setter('hour', 1, 12) },
  a: { pattern: '[AaPp][Mm]', apply: () => true },
  // A weekday name (ctime, `date(1)`): checked for shape only, the date decides.
  EEE: { pattern: '[A-Za-z]{3}', apply: () => true },
  mm: { pattern: '\\d{2}', apply: setter('minute', 0, 59) },
  // 60 is a leap second; it is folded into :59.
  ss: { pattern: '\\d{2}', apply: (p, v) => ((p.second = Math.min(59, Number(v))), Number(v) <= 60) },
  S: {
    pattern: '\\d{1,9}',
    apply: (p, v) => ((p.millisecond = Math.floor(Number(v.padEnd(3, '0').slice(0, 3)))), true),
  },
  // A zone name (`UTC`, `PDT`, `CST`) or offset as `date(1)` and PostgreSQL print it; an unknown
  // name leaves the time in the bundle zone.
  zzz: {
    pattern: '[A-Za-z]{1,5}|[+-]\\d{2}(?::?\\d{2})?',
    apply: (p, v) => ((p.offsetMinutes = zoneOffset(v)), true),
  },
  Z: {
    pattern: 'Z|z|[+-]\\d{2}:?(?:\\d{2})?',
    apply: (p, v) => {
      const o = parseOffset(v);
      if (o === null) return false;
      p.offsetMinutes = o;
      return true;
    },
  },
};

const TOKEN_ORDER = ['YYYY', 'YY', 'MMM', 'MM', 'M', 'DD', 'D', 'HH', 'H', 'h', 'mm', 'ss', 'zzz', 'Z', 'EEE', 'a'];

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Layouts with a name instead of tokens. */
const NAMED_LAYOUTS: Record<string, string> = {
  // Date (`-` or `/`), `T` or space, time, optional fraction (`.` or `,`), optional zone.
  ISO8601:
    '^(?<YYYY>\\d{4})[-/](?<MM>\\d{2})[-/](?<DD>\\d{2})[T ](?<HH>\\d{2}):(?<mm>\\d{2}):(?<ss>\\d{2})(?:[.,](?<S>\\d{1,9}))? ?(?<Z>Z|z|[+-]\\d{2}(?::?\\d{2})?)?$',
};

/**
 * Layouts that are counts, not calendars. Every epoch layout picks its unit by magnitude
 * (`epochNumberMs`): the name says what the writer documents, the number what it wrote.
 */
const COUNT_LAYOUTS: Record<string, (text: string) => number | null> = {
  epoch: epochNumberMs,
  'epoch-s': epochNumberMs,
  'epoch-ms': epochNumberMs,
  'epoch-us': epochNumberMs,
  'epoch-ns': epochNumberMs,
  audit: auditStampMs,
  tai64n: tai64nMs,
};

/**
 * Compiles a layout such as `YYYY-MM-DD HH:mm:ss.SSS`, `YYMMDD HH:mm:ss`, `MMM D HH:mm:ss`,
 * `DD/MMM/YYYY:HH:mm:ss Z`, `EEE MMM D HH:mm:ss zzz YYYY` (`date(1)`), `M/D/YYYY h:mm:ss a`, or
 * one of the named layouts `ISO8601`, `epoch` (also `epoch-s`, `-ms`, `-us`, `-ns`: the unit is
 * taken from the magnitude), `audit` and `tai64n`. A run of `S` reads a fraction of any length
 * (`.5`, `.123`, `.123456`); `zzz` is a zone name or offset, `EEE` a weekday, `h`/`a` 12-hour.
 * Returns a typed error instead of throwing when the layout is malformed.
 */
export function compileTimeLayout(layout: string): { ok: true; parse: TimeParser } | { ok: false; error: string } {
  const count = COUNT_LAYOUTS[layout];
  if (count) {
    return {
      ok: true,
      parse: (text) => {
        const ms = count(text);
        return ms === null || !Number.isFinite(ms) ? null : { ...utcParts(Math.floor(ms)), offsetMinutes: 0 };
      },
    };
  }
  let source: string;
  // Where the fraction starts when everything before it has a fixed width and it ends the
  // layout (`YYYY-MM-DD HH:mm:ss.SSS`): consecutive lines then differ in the fraction alone.
  let fractionAt = -1;
  const named = NAMED_LAYOUTS[layout];
  if (named) {
    source = named;
  } else {
    let out = '^';
    let i = 0;
    let width = 0;
    const seen = new Set<string>();
    while (i < layout.length) {
      if (layout[i] === 'S') {
        let j = i;
        while (layout[j] === 'S') j++;
        out += `(?<S>${TOKENS.S.pattern})`;
        seen.add('S');
        if (j === layout.length && width >= 0) fractionAt = width;
        i = j;
        continue;
      }
      const token = TOKEN_ORDER.find((t) => layout.startsWith(t, i));
      if (token) {
        if (seen.has(token)) return { ok: false, error: `time layout "${layout}": token ${token} appears twice` };
        seen.add(token);
        out += `(?<${token}>${TOKENS[token].pattern})`;
        i += token.length;
        width = width >= 0 && FIXED_WIDTH[token] !== undefined ? width + FIXED_WIDTH[token] : -1;
      } else {
        out += escapeRegex(layout[i]);
        i++;
        if (width >= 0) width++;
      }
    }
    const hasMonth = seen.has('MM') || seen.has('M') || seen.has('MMM');
    const hasDay = seen.has('DD') || seen.has('D');
    if (!hasMonth || !hasDay || !(seen.has('HH') || seen.has('H') || seen.has('h'))) {
      return { ok: false, error: `time layout "${layout}": needs at least month, day and hour` };
    }
    source = out + '$';
  }
  // Numbered captures: this runs once per log line.
  const { regex, index } = indexNamedGroups(source);
  const appliers = Object.entries(index).map(([name, i]) => [TOKENS[name].apply, i] as const);
  const meridiemIndex = index.a ?? -1;
  let lastText = '';
  let last: TimeParts | null = null;
  return {
    ok: true,
    parse: (text) => {
      if (last !== null && fractionAt > 0 && sameUpTo(text, lastText, fractionAt)) {
        const ms = fractionMs(text, fractionAt);
        return ms === null ? null : { ...last, millisecond: ms };
      }
      const m = regex.exec(text);
      if (!m) return null;
      const parts: TimeParts = {
        year: null,
        month: 1,
        day: 1,
        hour: 0,
        minute: 0,
        second: 0,
        millisecond: 0,
        offsetMinutes: null,
      };
      for (const [apply, i] of appliers) {
        const value = m[i];
        if (value !== undefined && !apply(parts, value)) return null;
      }
      if (meridiemIndex >= 0) {
        const pm = (m[meridiemIndex] ?? '').toLowerCase() === 'pm';
        parts.hour = (parts.hour % 12) + (pm ? 12 : 0);
      }
      if (fractionAt > 0) {
        lastText = text;
        last = { ...parts };
      }
      return parts;
    },
  };
}

/** Widths of the layout tokens that always take the same number of characters. */
const FIXED_WIDTH: Record<string, number> = { YYYY: 4, YY: 2, MMM: 3, MM: 2, DD: 2, HH: 2, mm: 2, ss: 2, EEE: 3 };

/** Whether the first `n` characters of `a` and `b` are the same (and both have them). */
function sameUpTo(a: string, b: string, n: number): boolean {
  if (a.length <= n || b.length <= n) return false;
  for (let i = n - 1; i >= 0; i--) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  return true;
}

/** The milliseconds of the fraction that runs from `at` to the end (1–9 digits), or null. */
function fractionMs(text: string, at: number): number | null {
  const digits = text.length - at;
  if (digits < 1 || digits > 9) return null;
  let ms = 0;
  for (let i = 0; i < 3; i++) {
    const c = i < digits ? text.charCodeAt(at + i) : 48;
    if (c < 48 || c > 57) return null;
    ms = ms * 10 + (c - 48);
  }
  for (let i = at + 3; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  return ms;
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

/** Offset of an IANA zone east of UTC, in minutes, at the given instant. */
function ianaOffsetMinutes(zone: string, utcMs: number): number | null {
  let fmt = zoneFormatters.get(zone);
  if (!fmt) {
    try {
      fmt = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      return null;
    }
    zoneFormatters.set(zone, fmt);
  }
  const f: Record<string, number> = {};
  for (const p of fmt.formatToParts(new Date(utcMs))) if (p.type !== 'literal') f[p.type] = Number(p.value);
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60000);
}

/** Checks a zone spec; returns an error message naming the bad value, or `null` when it is usable. */
export function checkZone(zone: ZoneSpec): string | null {
  if (zone === 'local' || zone === 'UTC' || parseOffset(zone) !== null) return null;
  return ianaOffsetMinutes(zone, 0) === null
    ? `unknown time zone "${zone}" (use local, UTC, +08:00 or an IANA name)`
    : null;
}

/**
 * Converts calendar fields to epoch milliseconds. An offset in the text wins; otherwise the
 * zone spec applies (`local` is this machine's zone). `year` must be resolved beforehand.
 */
export function partsToEpoch(parts: TimeParts & { year: number }, zone: ZoneSpec): EpochMs | null {
  const { year, month, day, hour, minute, second, millisecond } = parts;
  const naive = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  if (!Number.isFinite(naive)) return null;
  if (parts.offsetMinutes !== null) return epochMs(naive - parts.offsetMinutes * 60000);
  if (zone === 'UTC') return epochMs(naive);
  if (zone === 'local') {
    return epochMs(new Date(year, month - 1, day, hour, minute, second, millisecond).getTime());
  }
  const fixed = parseOffset(zone);
  if (fixed !== null) return epochMs(naive - fixed * 60000);
  // Two passes settle the offset across a DST change.
  let offset = ianaOffsetMinutes(zone, naive);
  if (offset === null) return null;
  const second1 = ianaOffsetMinutes(zone, naive - offset * 60000);
  if (second1 !== null) offset = second1;
  return epochMs(naive - offset * 60000);
}

/**
 * Picks the year for a year-less timestamp (syslog, klog): the latest year that does not put
 * the time more than a day after `reference` (the file's modification time, or the newest
 * time known in the bundle). A log is written before its file was last modified.
 */
export function resolveYear(parts: TimeParts, zone: ZoneSpec, reference: EpochMs): number {
  const refYear = new Date(reference).getUTCFullYear();
  for (const year of [refYear + 1, refYear, refYear - 1]) {
    const t = partsToEpoch({ ...parts, year }, zone);
    if (t !== null && t <= reference + 86_400_000) return year;
  }
  return refYear - 1;
}

/** The UTC calendar fields of epoch milliseconds. */
export function utcParts(ms: number): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
} {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
  };
}

/** Formats epoch milliseconds as ISO-8601 with an explicit offset, in the given zone. */
export function formatIso(time: EpochMs, zone: ZoneSpec = 'UTC'): string {
  let offset = 0;
  if (zone === 'local') offset = -new Date(time).getTimezoneOffset();
  else if (zone !== 'UTC') offset = parseOffset(zone) ?? ianaOffsetMinutes(zone, time) ?? 0;
  const shifted = new Date(time + offset * 60000).toISOString().slice(0, 23);
  if (offset === 0) return `${shifted}Z`;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${shifted}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
