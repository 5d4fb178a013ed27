/** Human-readable sizes and durations, shared by the CLI and the UI. */

/** `1536` → `1.5 KB`. Binary multiples, one decimal below 10. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** The words of {@link formatDuration}: English abbreviations by default, Chinese for the UI in zh. */
export interface DurationUnits {
  ms: string;
  s: string;
  min: string;
  h: string;
  d: string;
  mo: string;
  y: string;
}

export const DURATION_UNITS_EN: DurationUnits = { ms: 'ms', s: 's', min: 'min', h: 'h', d: 'd', mo: 'mo', y: 'y' };
export const DURATION_UNITS_ZH: DurationUnits = {
  ms: '毫秒',
  s: '秒',
  min: '分钟',
  h: '小时',
  d: '天',
  mo: '个月',
  y: '年',
};

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** An average Gregorian year and month: a duration has no calendar to count on. */
const YEAR_MS = 365.2425 * DAY_MS;
const MONTH_MS = YEAR_MS / 12;

/**
 * A duration in its two largest units, from milliseconds to years: `350 ms`, `4.2 s`, `2 min 5 s`,
 * `3 h 20 min`, `4 d 2 h`, `5 mo 12 d`, `11 y 2 mo`. The smaller unit is rounded (so never `60 s`)
 * and left out when zero (`3 h`, not `3 h 0 min`).
 */
export function formatDuration(ms: number, units: DurationUnits = DURATION_UNITS_EN): string {
  const u = units;
  if (!Number.isFinite(ms)) return `? ${u.s}`;
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  const two = (big: number, bigUnit: string, small: number, smallUnit: string): string =>
    `${sign}${big} ${bigUnit}${small > 0 ? ` ${small} ${smallUnit}` : ''}`;
  /** `abs` as whole `big` units and the rest rounded to `small` units, carrying a full one. */
  const split = (big: number, small: number): [number, number] => {
    const smalls = Math.round(abs / small);
    const per = Math.round(big / small);
    return [Math.floor(smalls / per), smalls % per];
  };
  if (abs < 1) return `${sign}${abs === 0 ? 0 : Number(abs.toFixed(1))} ${u.ms}`;
  if (Math.round(abs) < SECOND_MS) return `${sign}${Math.round(abs)} ${u.ms}`;
  if (abs < 10 * SECOND_MS - 50) return `${sign}${Number((abs / SECOND_MS).toFixed(1))} ${u.s}`;
  if (Math.round(abs / SECOND_MS) < 60) return `${sign}${Math.round(abs / SECOND_MS)} ${u.s}`;
  if (Math.round(abs / SECOND_MS) < 3600) {
    const [m, s] = split(MINUTE_MS, SECOND_MS);
    return two(m, u.min, s, u.s);
  }
  if (Math.round(abs / MINUTE_MS) < 24 * 60) {
    const [h, m] = split(HOUR_MS, MINUTE_MS);
    return two(h, u.h, m, u.min);
  }
  if (Math.round(abs / HOUR_MS) < 60 * 24) {
    const [d, h] = split(DAY_MS, HOUR_MS);
    return two(d, u.d, h, u.h);
  }
  const days = Math.round(abs / DAY_MS);
  if (days < Math.round(YEAR_MS / DAY_MS)) {
    const mo = Math.floor(days / (MONTH_MS / DAY_MS));
    const d = Math.round(days - mo * (MONTH_MS / DAY_MS));
    return d >= Math.round(MONTH_MS / DAY_MS) ? two(mo + 1, u.mo, 0, u.d) : two(mo, u.mo, d, u.d);
  }
  const months = Math.round(abs / MONTH_MS);
  return two(Math.floor(months / 12), u.y, months % 12, u.mo);
}

/**
 * Time left for work that has done `done` of `total` units in `elapsedMs`, assuming the rate so
 * far holds; null while too little is done (under 2% or under a second) for a fair guess.
 */
export function estimateRemainingMs(done: number, total: number, elapsedMs: number): number | null {
  if (total <= 0 || done <= 0 || elapsedMs < 1000 || done / total < 0.02) return null;
  if (done >= total) return 0;
  return Math.round((elapsedMs * (total - done)) / done);
}
