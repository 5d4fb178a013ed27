/**
 * The engineer's pins as the report prints them: each pinned line with ±N lines of its own file,
 * read from the index (the bundle is not opened again), and a search that finds it in Tarsier.
 */
import type { Pin } from '../../../shared/caseNotes.ts';
import { Redactor } from '../../../shared/redact/redactor.ts';
import type { ReportLine, ReportPin } from '../../../shared/report.ts';
import { parseQuery, quote } from '../../../shared/search/queryLanguage.ts';
import type { CaseIndex } from '../index/caseIndex.ts';
import { eventAtLine } from '../index/casePages.ts';
import { searchEvents } from '../index/searchIndex.ts';

/** How much of each pin's file the report reads. */
export interface PinWindow {
  /** Lines printed before and after each pinned line. */
  contextLines: number;
  /** Whether the report will be redacted with secrets masked. */
  secrets: boolean;
  /** Whether it will be redacted at all. */
  redacted: boolean;
}

/** Lines read above a pin for redaction only, to find the start of a key block. */
const KEY_LOOKBACK = 200;

/** The pins, in the engineer's order. */
export function reportPins(
  index: CaseIndex,
  pins: readonly Pin[],
  window: PinWindow,
  iso: (t: number | null) => string | null,
): ReportPin[] {
  // Redaction sees more of each pin's file than is printed: a key block that starts above the window is still masked.
  const before = window.redacted ? Math.max(window.contextLines, KEY_LOOKBACK) : window.contextLines;
  const phraseSafe = window.secrets ? secretFree : () => true;
  return pins.map((pin) => {
    const context = fileLines(index, pin.path, pin.line - before, before + window.contextLines + 1);
    const text = context.find((l) => l.line === pin.line)?.text ?? pin.text;
    return {
      path: pin.path,
      line: pin.line,
      // Pins saved before the file viewer gave its pins a time take the time of the event holding the line.
      time: iso(pin.time ?? timeOfLine(index, pin.path, pin.line)),
      level: pin.level,
      component: pin.component,
      text,
      note: pin.note,
      context,
      query: lineQuery(index, pin.path, pin.line, text, phraseSafe),
    };
  });
}

/**
 * `count` lines of a file of the case from line `from` (moved into the file when it starts
 * before or after it); none when the file is not in the case or has no text.
 */
function fileLines(index: CaseIndex, path: string, from: number, count: number): ReportLine[] {
  const f = index.files.find((file) => file.record.path === path);
  if (!f) return [];
  const total = f.record.lines;
  const start = Math.min(Math.max(1, from), Math.max(1, total));
  const n = Math.max(0, Math.min(count, total - start + 1));
  const lines = f.store >= 0 && n > 0 ? index.store.readLines(f.store, start, n) : [];
  return lines.map((text, i) => ({ line: start + i, text }));
}

/** The time of the event whose lines hold `line` of the file at `path`; null when none does or it has no time. */
function timeOfLine(index: CaseIndex, path: string, line: number): number | null {
  const file = index.files.findIndex((f) => f.record.path === path);
  const event = file < 0 ? null : eventAtLine(index, file, line);
  if (event === null) return null;
  const time = index.events.time[event];
  return Number.isNaN(time) ? null : time;
}

/** Whether a phrase holds no secret (a query must not carry one, and queries are not masked inside their quotes). */
function secretFree(phrase: string): boolean {
  return new Redactor({ secrets: true, network: false }).redact(phrase) === phrase;
}

/** At most this many characters of a line go into its phrase. */
const PHRASE_CHARS = 80;

/** Up to PHRASE_CHARS of `text` from `from`, ended at a word's end (a phrase must not cut a word). */
function phraseAt(text: string, from: number): string {
  const rest = text.slice(from, from + PHRASE_CHARS + 1);
  if (rest.length <= PHRASE_CHARS) return rest.trim();
  const cut = rest.slice(0, PHRASE_CHARS).search(/[\p{L}\p{N}_]+$/u);
  return (cut > 0 ? rest.slice(0, cut) : rest.slice(0, PHRASE_CHARS)).trim();
}

/**
 * A search that finds this line: its file and a phrase (an exact piece of the line), checked
 * against the index — the message after a bracketed context, else the text after the time and
 * pid; when no phrase finds it, the file alone.
 */
export function lineQuery(
  index: CaseIndex,
  path: string,
  line: number,
  text: string,
  phraseSafe: (phrase: string) => boolean = () => true,
): string {
  const fileOnly = `file:${quote(path)}`;
  const afterContext = text.indexOf('] ');
  const afterClock = text.search(/(?<=^[\d\s.:/T+-]*)[^\d\s.:/T+-]/u);
  const starts = [afterContext >= 0 ? afterContext + 2 : -1, afterClock, 0].filter(
    (at, i, all) => at >= 0 && at < text.length && all.indexOf(at) === i,
  );
  for (const start of starts) {
    const phrase = phraseAt(text, start);
    if (phrase.length < 3 || !phraseSafe(phrase)) continue;
    const candidate = `${fileOnly} ${quote(phrase)}`;
    const parsed = parseQuery(candidate);
    if (!parsed.ok) continue;
    const hits = searchEvents(index, parsed.query, { limit: 1000 }).hits;
    if (hits.some((h) => h.path === path && h.line <= line && line < h.line + h.lineCount)) return candidate;
  }
  return fileOnly;
}
