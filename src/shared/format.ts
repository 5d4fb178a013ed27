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

/** `83_000` → `1m 23s`; below a minute `4.2s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h ${m}m` : `${m}m ${s % 60}s`;
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
