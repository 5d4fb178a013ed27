/**
 * What Tarsier keeps about a case between sessions, in the app's data folder (never in the
 * bundle): the engineer's notes and pins, the stage, the search and time range last used, the
 * report draft (the export choices) and the timeline's lanes (hidden, filtered, reordered). Keyed by the bundles' identity, so reopening the same bundle
 * brings it all back.
 */
import { z } from 'zod';
import { searchHistorySchema } from './preferences.ts';
import { caseNotesSchema, emptyNotes } from './caseNotes.ts';
import { isReportFormat, type ExportOptions, type ReportFormat } from './reportExport.ts';
import { timeSettingsSchema } from './timeSettings.ts';
import { mustBe } from './validation.ts';

// A saved draft from an older version may miss a choice or hold one no longer offered: each is
// taken when it fits and otherwise falls back to the export dialog's default.
const exportDraftSchema = z.object({
  formats: z
    .array(z.unknown())
    .catch([])
    .transform((list): ReportFormat[] => {
      const formats = list.filter(isReportFormat);
      return formats.length > 0 ? formats : ['pdf', 'md'];
    }),
  language: z.enum(['en', 'zh']).catch('en'),
  contextLines: z.int().min(0).max(500).catch(50),
  redactSecrets: z.boolean().catch(true),
  redactNetwork: z.boolean().catch(false),
}) satisfies z.ZodType<ExportOptions, unknown>;

/** Lane keys (`module/component`): what is not a name of a sane length is dropped. */
const laneKeys = z
  .array(z.unknown())
  .catch([])
  .transform((list) => list.filter((k): k is string => typeof k === 'string' && k.length <= 500).slice(0, 5000));

/** The timeline's lane arrangement (see renderer/src/features/timeline/laneView.ts). */
const timelineLanesSchema = z.object({
  hidden: laneKeys,
  order: laneKeys,
  filter: z
    .string()
    .transform((text) => text.slice(0, 200))
    .catch(''),
});

/**
 * A state from untrusted JSON (a saved file, a payload): it must be an object; of its fields,
 * what has the right shape is kept and the rest falls back to the empty state's.
 */
export const caseStateSchema = z.object(
  {
    notes: caseNotesSchema,
    stage: z.string().max(100).nullable().catch(null),
    query: z
      .string()
      .transform((query) => query.slice(0, 10_000))
      .catch(''),
    range: z
      .object({ from: z.number(), to: z.number() })
      .refine((range) => range.from <= range.to)
      .nullable()
      .catch(null),
    exportOptions: exportDraftSchema.nullable().catch(null),
    // Optional: states written before it (and their writers) have none.
    timelineLanes: timelineLanesSchema.nullable().optional().catch(null),
    // How the case's times are read (zone, per-file zone and year): written by the engine when
    // `reopenCase` is given settings; a save without it keeps the one kept before.
    time: timeSettingsSchema.nullable().optional().catch(null),
    // Optional too: the case's last searches, newest first.
    searchHistory: searchHistorySchema.optional().catch(undefined),
  },
  { error: mustBe('must be an object') },
);

/** What is kept about a case: see {@link caseStateSchema}. */
export type CaseState = z.output<typeof caseStateSchema>;

/** A case kept on this machine, for the start screen. */
export interface SavedCase {
  /** The bundles' identity (sha256s). */
  key: string;
  names: string[];
  paths: string[];
  ticket: string;
  pins: number;
  updatedAt: number;
}

export const emptyCaseState = (): CaseState => ({
  notes: emptyNotes(),
  stage: null,
  query: '',
  range: null,
  exportOptions: null,
});

/** A state from untrusted JSON; anything but an object gives the empty state. Never fails. */
export function sanitizeCaseState(value: unknown): CaseState {
  const parsed = caseStateSchema.safeParse(value);
  return parsed.success ? parsed.data : emptyCaseState();
}
