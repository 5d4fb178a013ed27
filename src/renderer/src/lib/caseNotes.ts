/**
 * The engineer's notes of a case, as the views use them. They are kept by the engine with the
 * rest of the case's state (caseState / saveCaseState), under the engine's one key of a case
 * (the bundles' identity); the types and their checks live in shared/caseNotes.ts.
 *
 * Also the notes file: exported as JSON (the shape `tarsier analyze --notes FILE` reads: ticket,
 * customer, engineer, statement, conclusion, pins) or Markdown, and imported by merging into the
 * case's notes by pin identity (same path and line), with a preview of what changes. No React:
 * unit tested in test/unit/caseNotesFile.test.ts.
 */
import { emptyNotes, samePin, sanitizeNotes, type CaseNotes, type Pin } from '../../../shared/caseNotes.ts';

export { emptyNotes, samePin, type CaseNotes, type Pin } from '../../../shared/caseNotes.ts';

/** The text fields of the notes, in the order the Case tab shows them. */
export const NOTE_FIELDS = ['ticket', 'customer', 'engineer', 'statement', 'conclusion'] as const;
export type NoteField = (typeof NOTE_FIELDS)[number];

/** The notes as a JSON file (2-space indented, a final newline). */
export function notesToJson(notes: CaseNotes): string {
  return `${JSON.stringify(notes, null, 2)}\n`;
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();
/** A fence longer than any run of backticks in the text. */
const fence = (text: string): string =>
  '`'.repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));

/** The notes as Markdown: the fields, then each pin with its line in a code block and its note. */
export function notesToMarkdown(notes: CaseNotes, title: string): string {
  const out: string[] = [`# ${oneLine(title) || 'Case notes'}`, ''];
  const meta: [string, string][] = [
    ['Ticket', notes.ticket],
    ['Customer', notes.customer],
    ['Engineer', notes.engineer],
  ];
  for (const [label, value] of meta) if (value.trim() !== '') out.push(`- **${label}:** ${oneLine(value)}`);
  if (out.length > 2) out.push('');
  if (notes.statement.trim() !== '') out.push('## Problem statement', '', notes.statement.trim(), '');
  out.push(`## Pinned evidence (${notes.pins.length})`, '');
  notes.pins.forEach((pin, i) => {
    const when = pin.time === null ? '' : ` — ${new Date(pin.time).toISOString()}`;
    out.push(`### ${i + 1}. \`${pin.path}:${pin.line}\`${when}`, '');
    if (pin.text !== '') {
      const f = fence(pin.text);
      out.push(f, pin.text, f, '');
    }
    if (pin.note.trim() !== '') out.push(pin.note.trim(), '');
  });
  if (notes.conclusion.trim() !== '') out.push('## Conclusion', '', notes.conclusion.trim(), '');
  return `${out.join('\n').trimEnd()}\n`;
}

export type NotesParse = { ok: true; notes: CaseNotes } | { ok: false; error: string };

const KNOWN = new Set<string>([...NOTE_FIELDS, 'pins']);
const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : typeof value;

/**
 * A notes file's text, checked: JSON, an object with at least one of the notes' fields, text
 * fields that are text, and pins that each have a path and a line. The error says which part.
 */
export function parseNotesFile(text: string): NotesParse {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, error: `it is not JSON (${(error as Error).message})` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { ok: false, error: `it holds ${describe(value)}, not an object with ticket, statement, pins…` };
  const record = value as Record<string, unknown>;
  if (!Object.keys(record).some((k) => KNOWN.has(k)))
    return { ok: false, error: 'it has none of ticket, customer, engineer, statement, conclusion or pins' };
  for (const field of NOTE_FIELDS)
    if (field in record && typeof record[field] !== 'string')
      return { ok: false, error: `"${field}" is ${describe(record[field])}, not text` };
  if ('pins' in record) {
    if (!Array.isArray(record.pins)) return { ok: false, error: `"pins" is ${describe(record.pins)}, not a list` };
    for (const [i, pin] of record.pins.entries()) {
      const p = pin as Record<string, unknown> | null;
      if (p === null || typeof p !== 'object' || Array.isArray(p))
        return { ok: false, error: `pins[${i}] is ${describe(pin)}, not an object` };
      if (typeof p.path !== 'string' || p.path === '') return { ok: false, error: `pins[${i}] has no "path"` };
      if (typeof p.line !== 'number' || !Number.isInteger(p.line) || p.line < 1)
        return { ok: false, error: `pins[${i}] ("${p.path}") has no "line" of 1 or more` };
    }
  }
  // The `analyze --notes` shape carries pins with only path, line and note: the rest gets defaults.
  const pins = Array.isArray(record.pins)
    ? record.pins.map((p) => ({
        file: null,
        text: '',
        time: null,
        level: 'unknown',
        component: '',
        note: '',
        pinnedAt: 0,
        ...(p as object),
      }))
    : [];
  return { ok: true, notes: sanitizeNotes({ ...emptyNotes(), ...record, pins }) };
}

/** What an import would change, and the notes after it. */
export interface NotesMerge {
  merged: CaseNotes;
  /** Pins that are new to the case. */
  added: Pin[];
  /** Pins already in the case whose note the file replaces. */
  overwritten: Pin[];
  /** Pins already in the case with the same note (or none in the file). */
  same: number;
  /** Text fields the file replaces (it has a different, non-empty value). */
  fields: NoteField[];
}

/**
 * `incoming` merged into `current`: new pins are added at the end; a pin of the same path and
 * line takes the file's note when it has one; a text field takes the file's when it is not empty.
 */
export function mergeNotes(current: CaseNotes, incoming: CaseNotes): NotesMerge {
  const added: Pin[] = [];
  const overwritten: Pin[] = [];
  let same = 0;
  const pins = [...current.pins];
  const seen: Pin[] = [];
  for (const pin of incoming.pins) {
    // A pin the file repeats counts once (its first occurrence).
    if (seen.some((p) => samePin(p, pin))) continue;
    seen.push(pin);
    const at = pins.findIndex((p) => samePin(p, pin));
    if (at < 0) {
      added.push(pin);
      pins.push(pin);
    } else if (pin.note.trim() !== '' && pin.note !== pins[at].note) {
      overwritten.push(pin);
      pins[at] = { ...pins[at], note: pin.note };
    } else same++;
  }
  const merged: CaseNotes = { ...current, pins };
  const fields: NoteField[] = [];
  for (const field of NOTE_FIELDS) {
    const value = incoming[field];
    if (value.trim() !== '' && value !== current[field]) {
      fields.push(field);
      merged[field] = value;
    }
  }
  return { merged, added, overwritten, same, fields };
}
