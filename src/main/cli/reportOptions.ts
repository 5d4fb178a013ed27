/**
 * The report options of `tarsier analyze`: output files, redaction, the case's notes (a JSON file
 * and/or single fields), context lines and language — checked before the bundle is read, so a
 * typo does not cost a long read.
 */
import { readFile } from 'node:fs/promises';
import type { ApiResult } from '../../shared/api.ts';
import { emptyNotes, sanitizeNotes } from '../../shared/caseNotes.ts';
import { DEFAULT_CONTEXT_LINES, MAX_CONTEXT_LINES, type ComposeOptions } from '../engine/report/composeReport.ts';
import type { ReportTargets } from '../engine/report/writeReports.ts';

/** parseArgs options. */
export const REPORT_OPTIONS = {
  json: { type: 'string' },
  md: { type: 'string' },
  pdf: { type: 'string' },
  redact: { type: 'boolean', default: false },
  'redact-network': { type: 'boolean', default: false },
  notes: { type: 'string' },
  ticket: { type: 'string' },
  customer: { type: 'string' },
  engineer: { type: 'string' },
  context: { type: 'string' },
  lang: { type: 'string', default: 'en' },
} as const;

type Values = {
  [K in keyof typeof REPORT_OPTIONS]?: (typeof REPORT_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string;
};

export interface ReportSetup {
  targets: ReportTargets;
  compose: Omit<ComposeOptions, 'generatedAt' | 'generator'>;
}

export async function reportSetupOf(values: Values): Promise<ApiResult<ReportSetup>> {
  const lang = values.lang ?? 'en';
  if (lang !== 'en' && lang !== 'zh') return { ok: false, error: `--lang must be en or zh, got "${lang}"` };
  let contextLines = DEFAULT_CONTEXT_LINES;
  if (values.context !== undefined) {
    contextLines = Number(values.context);
    if (!Number.isInteger(contextLines) || contextLines < 0 || contextLines > MAX_CONTEXT_LINES)
      return {
        ok: false,
        error: `--context must be a whole number from 0 to ${MAX_CONTEXT_LINES}, got "${values.context}"`,
      };
  }
  let notes = emptyNotes();
  if (values.notes !== undefined) {
    try {
      notes = sanitizeNotes(JSON.parse(await readFile(values.notes, 'utf8')));
    } catch (error) {
      return { ok: false, error: `--notes ${values.notes}: ${(error as Error).message}` };
    }
  }
  for (const field of ['ticket', 'customer', 'engineer'] as const)
    if (values[field] !== undefined) notes[field] = values[field]!;
  const network = values['redact-network'] === true;
  return {
    ok: true,
    value: {
      targets: { json: values.json, md: values.md, pdf: values.pdf },
      compose: {
        notes,
        contextLines,
        language: lang,
        redaction: values.redact || network ? { secrets: true, network } : null,
      },
    },
  };
}
