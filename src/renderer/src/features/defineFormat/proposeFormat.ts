/**
 * Proposes a format from one sample line: finds the timestamp (a run of digits and separators,
 * or a syslog `MMM D` date, whose layout is guessed in the layout language of shared/time.ts and
 * kept only when that layout reads it back), the level word (shared/levels.ts) and the message,
 * and turns the marks into a regex with the named groups `ts`, `level` and `msg`. The engineer can
 * move the marks or edit the regex; {@link draftProblem} says what keeps a draft from being saved.
 */
import type { FormatSpec } from '../../../../shared/formats/formatSpec.ts';
import { formatIdProblem } from '../../../../shared/formats/formatTrial.ts';
import { LEVEL_WORD } from '../../../../shared/levels.ts';
import { compileTimeLayout } from '../../../../shared/time.ts';
import { orderedMarks, type Marks, type Span } from './formatMarks.ts';

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
// Digit groups joined by one separator each (a space too: "2025-12-07 01:02:03"), an optional
// syslog month in front, an optional zone behind.
const CANDIDATE = new RegExp(
  `(?:\\b${MONTH} +)?\\d(?:\\d|[-/.:,T|_ ]\\d)*(?: ?(?:Z|[+-]\\d{2}:?\\d{2}))?(?![\\dA-Za-z])`,
  'g',
);

/** Whether `layout` reads `text` whole. */
function reads(layout: string, text: string): boolean {
  const compiled = compileTimeLayout(layout);
  return compiled.ok && compiled.parse(text) !== null;
}

/** The layout tokens of a date's groups (`[4, 2, 2]` → YYYY, MM, DD), or null when it is not a date. */
function dateTokens(groups: string[], separator: string): string[] | null {
  const widths = groups.map((g) => g.length);
  const pad = (g: string, two: string, one: string) => (g.length === 1 ? one : two);
  if (groups.length === 1 && widths[0] === 8) return ['YYYYMMDD'];
  if (groups.length === 1 && widths[0] === 6) return ['YYMMDD'];
  if (groups.length !== 3) return null;
  if (widths[0] === 4) return ['YYYY', pad(groups[1], 'MM', 'M'), pad(groups[2], 'DD', 'D')];
  if (widths[2] !== 4 || widths[0] > 2 || widths[1] > 2) return null;
  // Day first unless written with slashes (US) and the first number can be a month.
  const monthFirst = separator === '/' && Number(groups[0]) <= 12;
  const [first, second] = monthFirst
    ? [pad(groups[0], 'MM', 'M'), pad(groups[1], 'DD', 'D')]
    : [pad(groups[0], 'DD', 'D'), pad(groups[1], 'MM', 'M')];
  return [first, second, 'YYYY'];
}

/**
 * Guesses the layout of a timestamp (`2025-12-07 01:02:03.123` → `YYYY-MM-DD HH:mm:ss.SSS`,
 * `07.12.2025|01:02:03` → `DD.MM.YYYY|HH:mm:ss`, `Dec  7 01:02:03` → `MMM D HH:mm:ss`), or null
 * when it has no date and time or the guess does not read it back.
 */
export function guessLayout(text: string): string | null {
  // `D` reads syslog's padded day ("Dec  7"): one space in the layout whatever the padding.
  const syslog = new RegExp(`^${MONTH} +\\d{1,2} \\d{1,2}:\\d{2}:\\d{2}([.,]\\d+)?$`).exec(text);
  if (syslog) {
    const fraction = syslog[1] ? `${syslog[1][0]}${'S'.repeat(syslog[1].length - 1)}` : '';
    const layout = `MMM D HH:mm:ss${fraction}`;
    return reads(layout, text) ? layout : null;
  }
  const m = /^(.*?)([ T|_:-]?)(\d{1,2}):(\d{2}):(\d{2})(?:([.,])(\d{1,9}))?( ?)(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (!m) return null;
  const [, date, join, hour, , , fractionMark, fraction, zoneSpace, zone] = m;
  const separator = /[-/.]/.exec(date)?.[0] ?? '';
  const groups = separator ? date.split(separator) : [date];
  if (groups.some((g) => !/^\d+$/.test(g))) return null;
  const tokens = dateTokens(groups, separator);
  if (!tokens) return null;
  let layout = `${tokens.join(separator)}${join}${hour.length === 1 ? 'H' : 'HH'}:mm:ss`;
  if (fraction) layout += `${fractionMark}${'S'.repeat(fraction.length)}`;
  if (zone) layout += `${zoneSpace}Z`;
  return reads(layout, text) ? layout : null;
}

/** The timestamp of a line: the first candidate run (or its longest front part) whose layout can be guessed. */
export function findTimestamp(line: string): { span: Span; layout: string } | null {
  for (const match of line.matchAll(CANDIDATE)) {
    const run = match[0];
    // Cut at the separators from the end: "2025-12-07 01:02:03 42" is a time and then a number.
    for (let end = run.length; end > 0; end = run.slice(0, end).search(/[-/.:,T|_ ]\d*$/)) {
      const layout = guessLayout(run.slice(0, end));
      if (layout) return { span: { start: match.index, end: match.index + end }, layout };
    }
  }
  return null;
}

/** Marks proposed for a line: its time, its level word, and the message after them. */
export function proposeMarks(line: string): { marks: Marks; layout: string | null } {
  const marks: Marks = {};
  const time = findTimestamp(line);
  if (time) marks.ts = time.span;
  const after = time ? time.span.end : 0;
  const level = new RegExp(LEVEL_WORD.source, 'gi');
  level.lastIndex = after;
  const word = level.exec(line);
  if (word) marks.level = { start: word.index, end: word.index + word[0].length };
  let start = word ? word.index + word[0].length : after;
  // The message starts after the separators that follow the level or the time (": ", "] ", " | ").
  while (start < line.length && /[\s:|\]\-)>,;]/.test(line[start])) start++;
  if (start < line.length) marks.msg = { start, end: line.length };
  return { marks, layout: time?.layout ?? null };
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Text between marks as a regex: spaces and numbers of any length, the rest as written. */
function between(text: string): string {
  return text.replace(/(\s+)|(\d+)|([^\s\d]+)/g, (_, space, digits, other) =>
    space ? '\\s+' : digits ? '\\d+' : escape(other as string),
  );
}

/** The timestamp text as a regex: its digit groups by width, month names as letters, padding as spaces. */
function timestampRegex(text: string): string {
  return text.replace(/(\d+)|([A-Za-z]{2,})|( +)|(.)/g, (_, digits, word, spaces, other) => {
    if (digits) {
      const width = (digits as string).length;
      return width <= 2 ? '\\d{1,2}' : width === 4 ? '\\d{4}' : width === 6 || width === 8 ? `\\d{${width}}` : '\\d+';
    }
    if (word) return '[A-Za-z]+';
    if (spaces) return ' +';
    return escape(other as string);
  });
}

/** The regex of a line's marks: `^`, the text before each mark generalised, a named group per mark. */
export function patternFrom(line: string, marks: Marks): string {
  let out = '^';
  let at = 0;
  const ordered = orderedMarks(marks);
  ordered.forEach(({ kind, span }, i) => {
    out += between(line.slice(at, span.start));
    const text = line.slice(span.start, span.end);
    const last = i === ordered.length - 1;
    if (kind === 'ts') out += `(?<ts>${timestampRegex(text)})`;
    else if (kind === 'level') out += '(?<level>[A-Za-z]+)';
    else out += last && span.end === line.length ? '(?<msg>.*)' : '(?<msg>.*?)';
    at = span.end;
  });
  const tail = line.slice(at);
  const last = ordered[ordered.length - 1];
  if (last?.kind === 'msg' && tail !== '') out += `${between(tail)}$`;
  return out;
}

/** A format id from a file's name: `var/log/acme/Gateway.log.1` → `gateway`. */
export function formatIdFrom(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1).replace(/(\.(log|txt|out|err|\d+|gz))+$/i, '');
  const id = name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, 64);
  return id === '' ? 'my-format' : id;
}

/** What the engineer edits in the dialog. */
export interface FormatDraft {
  id: string;
  name: string;
  pattern: string;
  layout: string;
  /** The sample line and the file it comes from. */
  line: string;
  path: string;
}

/** Why a draft cannot be tried or saved, by the field at fault, or null. */
export type DraftProblem =
  | { field: 'id'; detail: string }
  | { field: 'pattern'; detail: string }
  | { field: 'noTimeGroup' }
  | { field: 'layout'; detail: string }
  | { field: 'sampleMissed' }
  | { field: 'sampleTime'; detail: string };

/** The named groups a pattern has. */
const groupsOf = (pattern: string): Set<string> =>
  new Set([...pattern.matchAll(/\(\?<([A-Za-z_]\w*)>/g)].map((m) => m[1]));

/** The first problem of a draft, in the order of the dialog's fields; the id last (it matters only to save). */
export function draftProblem(draft: FormatDraft, { forSaving = true } = {}): DraftProblem | null {
  let regex: RegExp;
  try {
    regex = new RegExp(draft.pattern);
  } catch (error) {
    return { field: 'pattern', detail: (error as Error).message };
  }
  if (!groupsOf(draft.pattern).has('ts')) return { field: 'noTimeGroup' };
  const layout = compileTimeLayout(draft.layout);
  if (!layout.ok) return { field: 'layout', detail: layout.error };
  const match = regex.exec(draft.line);
  if (!match) return { field: 'sampleMissed' };
  const ts = match.groups?.ts ?? '';
  if (layout.parse(ts) === null) return { field: 'sampleTime', detail: ts };
  const idProblem = forSaving ? formatIdProblem(draft.id) : null;
  return idProblem ? { field: 'id', detail: idProblem } : null;
}

/** The format file of a draft: the regex's groups decide which of time, level and message it names. */
export function formatSpecFrom(draft: FormatDraft): FormatSpec {
  const groups = groupsOf(draft.pattern);
  const id = draft.id.trim();
  return {
    id,
    name: draft.name.trim() || id,
    description: `Defined in Tarsier from a line of ${draft.path}`,
    specificity: 60,
    pattern: draft.pattern,
    time: { group: 'ts', layout: draft.layout },
    ...(groups.has('level') ? { level: { group: 'level' } } : {}),
    ...(groups.has('msg') ? { message: 'msg' } : {}),
    samples: [{ line: draft.line, source: `bundle file ${draft.path}` }],
  };
}
