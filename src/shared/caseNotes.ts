/**
 * The engineer's own part of a case — ticket, customer, problem statement, pinned evidence with
 * notes, conclusion — as the Case tab edits it and the case report prints it.
 */
import type { Level } from './model.ts';

/** A line the engineer pinned as evidence. */
export interface Pin {
  /** Bundle path of the file (POSIX; `outer.zip!/inner` for nested archives). */
  path: string;
  /** 1-based line. */
  line: number;
  /** Index of the file in the inventory, when known (to open the viewer). */
  file: number | null;
  /** The line's text as it was pinned. */
  text: string;
  time: number | null;
  level: Level;
  /** `module/component`. */
  component: string;
  note: string;
  pinnedAt: number;
}

/** What the engineer writes about the case. */
export interface CaseNotes {
  ticket: string;
  customer: string;
  engineer: string;
  /** The problem as the customer saw it: error time, message, request or resource ids. */
  statement: string;
  /** Root cause and recommendations, or what is still unknown. */
  conclusion: string;
  pins: Pin[];
}

/** A case with nothing written yet. */
export const emptyNotes = (): CaseNotes => ({
  ticket: '',
  customer: '',
  engineer: '',
  statement: '',
  conclusion: '',
  pins: [],
});

const LEVEL_NAMES = new Set(['unknown', 'trace', 'debug', 'info', 'warning', 'error', 'critical']);
const MAX_TEXT = 100_000;
const MAX_PINS = 1000;

/**
 * Notes from untrusted JSON (a saved file, an IPC payload): what has the right shape is kept,
 * anything else dropped; texts are cut at 100 000 characters and pins at 1000.
 */
export function sanitizeNotes(value: unknown): CaseNotes {
  if (!value || typeof value !== 'object') return emptyNotes();
  const v = value as Record<string, unknown>;
  const text = (x: unknown): string => (typeof x === 'string' ? x.slice(0, MAX_TEXT) : '');
  const pins: Pin[] = [];
  for (const raw of Array.isArray(v.pins) ? v.pins.slice(0, MAX_PINS) : []) {
    if (!raw || typeof raw !== 'object') continue;
    const p = raw as Record<string, unknown>;
    if (typeof p.path !== 'string' || p.path === '' || !Number.isSafeInteger(p.line) || (p.line as number) < 1)
      continue;
    pins.push({
      path: p.path.slice(0, 4096),
      line: p.line as number,
      file: Number.isSafeInteger(p.file) && (p.file as number) >= 0 ? (p.file as number) : null,
      text: text(p.text),
      time: typeof p.time === 'number' && Number.isFinite(p.time) ? p.time : null,
      level: typeof p.level === 'string' && LEVEL_NAMES.has(p.level) ? (p.level as Level) : 'unknown',
      component: text(p.component),
      note: text(p.note),
      pinnedAt: typeof p.pinnedAt === 'number' && Number.isFinite(p.pinnedAt) ? p.pinnedAt : 0,
    });
  }
  return {
    ticket: text(v.ticket),
    customer: text(v.customer),
    engineer: text(v.engineer),
    statement: text(v.statement),
    conclusion: text(v.conclusion),
    pins,
  };
}

/** Same path and line: one pin. */
export const samePin = (a: Pick<Pin, 'path' | 'line'>, b: Pick<Pin, 'path' | 'line'>): boolean =>
  a.path === b.path && a.line === b.line;
