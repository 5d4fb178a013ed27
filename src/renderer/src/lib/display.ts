/** Display helpers for times and names (the viewer's local zone). Sizes and durations: src/shared/format.ts. */

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `2025-09-18 16:24:31` in this computer's zone. */
export function formatLocalTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** `2025-09-18 16:24:31 → 16:30:02` (the date once when both ends share it); `null` when unknown. */
export function formatSpan(first: number | null, last: number | null): string | null {
  if (first === null) return null;
  const start = formatLocalTime(first);
  if (last === null || last === first) return start;
  const end = formatLocalTime(last);
  return end.slice(0, 10) === start.slice(0, 10) ? `${start} → ${end.slice(11)}` : `${start} → ${end}`;
}

/** This computer's UTC offset, e.g. `UTC+08:00`. */
export function localZoneLabel(at = Date.now()): string {
  const offset = -new Date(at).getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const name = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}${name && name !== 'UTC' ? ` (${name})` : ''}`;
}

/** The last part of a path (`/a/b/case.tar.gz` → `case.tar.gz`), for titles. */
export function baseName(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '');
  return trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1) || path;
}

/** `a.tar.gz`, `a.tar.gz + 2 more`. */
export function namesLabel(names: readonly string[]): string {
  if (names.length === 0) return '';
  return names.length === 1 ? names[0] : `${names[0]} + ${names.length - 1}`;
}

/** `⌘` on macOS, `Ctrl` elsewhere. */
export const modKey = (): string => (/Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl');
