/** Level words as written by common loggers, mapped to Tarsier's normalised levels. */
import type { Level } from './model.ts';

const WORDS: Record<string, Level> = {
  trace: 'trace',
  t: 'trace',
  debug: 'debug',
  dbg: 'debug',
  d: 'debug',
  fine: 'debug',
  finer: 'trace',
  finest: 'trace',
  verbose: 'debug',
  info: 'info',
  information: 'info',
  i: 'info',
  notice: 'info',
  audit: 'info',
  warn: 'warning',
  warning: 'warning',
  w: 'warning',
  error: 'error',
  err: 'error',
  e: 'error',
  severe: 'error',
  fatal: 'critical',
  f: 'critical',
  critical: 'critical',
  crit: 'critical',
  panic: 'critical',
  p: 'critical',
  alert: 'critical',
  emerg: 'critical',
  emergency: 'critical',
};

/** Maps a level word (any case) to a {@link Level}; unknown words give `unknown`. */
export function normalizeLevel(word: string | undefined, extra?: Record<string, Level>): Level {
  if (!word) return 'unknown';
  if (extra) {
    const hit = extra[word] ?? extra[word.toUpperCase()];
    if (hit) return hit;
  }
  return WORDS[word.toLowerCase()] ?? 'unknown';
}

/** Finds the first whole-word level in free text (the generic fallback format). */
export const LEVEL_WORD = /\b(TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|FATAL|CRITICAL|CRIT|PANIC|SEVERE)\b/i;

/** The syslog numeric severities (RFC 5424 §6.2.1). */
export function syslogSeverity(priority: number): Level {
  const severity = priority % 8;
  if (severity <= 2) return 'critical';
  if (severity === 3) return 'error';
  if (severity === 4) return 'warning';
  if (severity <= 6) return 'info';
  return 'debug';
}
