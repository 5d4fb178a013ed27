/**
 * The engineer's own part of a case — ticket, customer, problem statement, pinned evidence with
 * notes, conclusion — as the Case tab edits it and the case report prints it.
 */
import { z } from 'zod';
import { LEVELS } from './model.ts';
import './validation.ts';

const MAX_TEXT = 100_000;
const MAX_PINS = 1000;

// Notes come back from files and payloads written by older versions or edited by hand: a field
// of the wrong shape is dropped to its empty value instead of failing the whole case.
const text = z
  .string()
  .transform((value) => value.slice(0, MAX_TEXT))
  .catch('');

const pinSchema = z.object({
  /** Bundle path of the file (POSIX; `outer.zip!/inner` for nested archives). */
  path: z
    .string()
    .min(1)
    .transform((path) => path.slice(0, 4096)),
  /** 1-based line. */
  line: z.int().min(1),
  /** Index of the file in the inventory, when known (to open the viewer). */
  file: z.int().min(0).nullable().catch(null),
  /** The line's text as it was pinned. */
  text,
  time: z.number().nullable().catch(null),
  level: z.enum(LEVELS).catch('unknown'),
  /** `module/component`. */
  component: text,
  note: text,
  pinnedAt: z.number().catch(0),
});

/** A line the engineer pinned as evidence. */
export type Pin = z.output<typeof pinSchema>;

const notesSchema = z.object({
  ticket: text,
  customer: text,
  engineer: text,
  /** The problem as the customer saw it: error time, message, request or resource ids. */
  statement: text,
  /** Root cause and recommendations, or what is still unknown. */
  conclusion: text,
  pins: z
    .array(z.unknown())
    .catch([])
    .transform((list) =>
      list.slice(0, MAX_PINS).flatMap((raw) => {
        const pin = pinSchema.safeParse(raw);
        return pin.success ? [pin.data] : [];
      }),
    ),
});

/** What the engineer writes about the case. */
export type CaseNotes = z.output<typeof notesSchema>;

/**
 * Notes from untrusted JSON (a saved file, an IPC payload): what has the right shape is kept,
 * anything else dropped; texts are cut at 100 000 characters and pins at 1000. A pin without a
 * path and a line is dropped, not the notes; anything but an object gives empty notes.
 */
export const caseNotesSchema = notesSchema.catch(() => emptyNotes());

/** A case with nothing written yet. */
export const emptyNotes = (): CaseNotes => ({
  ticket: '',
  customer: '',
  engineer: '',
  statement: '',
  conclusion: '',
  pins: [],
});

/** Notes from untrusted JSON; see {@link caseNotesSchema}. Never fails. */
export function sanitizeNotes(value: unknown): CaseNotes {
  return caseNotesSchema.parse(value);
}

/** Same path and line: one pin. */
export const samePin = (a: Pick<Pin, 'path' | 'line'>, b: Pick<Pin, 'path' | 'line'>): boolean =>
  a.path === b.path && a.line === b.line;
