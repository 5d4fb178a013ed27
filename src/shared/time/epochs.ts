/**
 * Timestamps that are counts rather than calendars: epoch numbers in any unit, journald's
 * `__REALTIME_TIMESTAMP`, the kernel audit stamp `audit(1709604932.118:4310)` and daemontools'
 * TAI64N labels (`@4000000052e6f1fa0d3d9c34`).
 */

/**
 * Epoch milliseconds of an epoch number whose unit is chosen by its magnitude: seconds below
 * 10^11 (up to year 5138), milliseconds below 10^14, microseconds below 10^17, else nanoseconds.
 * A writer's declared unit is not trusted: zap, pino and journald disagree, and a millisecond
 * epoch read as seconds would land in year 56145. Null for an empty or non-numeric value.
 */
export function epochNumberMs(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,20}(?:\.\d+)?$/.test(trimmed)) return null;
  const n = Number(trimmed);
  if (!Number.isFinite(n)) return null;
  if (n < 1e11) return n * 1000;
  if (n < 1e14) return n;
  if (n < 1e17) return n / 1000;
  return n / 1e6;
}

/** `audit(1709604932.118:4310)` (or the bare `1709604932.118:4310`) to epoch milliseconds. */
export function auditStampMs(text: string): number | null {
  const m = /^(?:audit\()?(\d{9,11})\.(\d{3}):\d+\)?$/.exec(text.trim());
  return m ? Number(m[1]) * 1000 + Number(m[2]) : null;
}

// A TAI64 label is 2^62 + TAI seconds since 1970; TAI ran 10 s ahead of UTC in 1972, and
// tai64nlocal subtracts those 10 s and no later leap seconds: the same is done here.
const TAI64_BASE = 2n ** 62n + 10n;

/** A TAI64N label `@` + 24 hex digits to epoch milliseconds; null when it is not one. */
export function tai64nMs(text: string): number | null {
  const m = /^@?([0-9a-f]{16})([0-9a-f]{8})$/i.exec(text.trim());
  if (!m) return null;
  const seconds = BigInt(`0x${m[1]}`) - TAI64_BASE;
  const nanos = Number.parseInt(m[2], 16);
  if (nanos >= 1e9) return null;
  return Number(seconds) * 1000 + Math.floor(nanos / 1e6);
}
