/**
 * The report export of the AnalyzerApi (Case → Export): what the UI asks for, what it gets back
 * (the files' bytes, base64, so one answer travels over IPC and HTTP alike), and the check main
 * runs on every request. The engine composes the report; the UI only saves the files.
 */
import { z } from 'zod';
import { caseNotesSchema } from './caseNotes.ts';
import type { RedactionSummary } from './redact/redactor.ts';
import { caseIdSchema } from './caseId.ts';
import { mustBe, problemsOf } from './validation.ts';

export const REPORT_FORMATS = ['pdf', 'md', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Whether a value names a report format. */
export const isReportFormat = (value: unknown): value is ReportFormat => REPORT_FORMATS.includes(value as ReportFormat);

const exportOptionsSchema = z.object(
  {
    // The list is checked whole so that the message shows all of it, and repeats are dropped.
    formats: z
      .array(z.unknown(), { error: mustBe(`must list one or more of ${REPORT_FORMATS.join(', ')}`) })
      .min(1)
      .refine((formats) => formats.every(isReportFormat))
      .transform((formats) => [...new Set(formats as ReportFormat[])]),
    language: z.enum(['en', 'zh'], { error: mustBe('must be en or zh') }),
    /** Lines before and after each pinned line. */
    contextLines: z
      .int({ error: mustBe('must be a whole number from 0 to 500') })
      .min(0)
      .max(500),
    /** Mask secrets (on by default). */
    redactSecrets: z.boolean({ error: mustBe('must be true or false') }),
    /** Replace IPs, host names and e-mail addresses by consistent aliases. */
    redactNetwork: z.boolean({ error: mustBe('must be true or false') }),
  },
  { error: mustBe('must be an object') },
);

/** The choices of the export dialog (also kept with the case as its report draft). */
export type ExportOptions = z.output<typeof exportOptionsSchema>;

export const defaultExportOptions = (language: 'en' | 'zh'): ExportOptions => ({
  formats: ['pdf', 'md'],
  language,
  contextLines: 50,
  redactSecrets: true,
  redactNetwork: false,
});

/**
 * An export request from the renderer. The notes are taken as far as they have the right shape
 * (see `caseNotesSchema`); everything else must be right or the request is refused.
 */
export const exportReportRequestSchema = z.object(
  {
    caseId: caseIdSchema,
    /** The stage the findings are ranked for, or null. */
    stage: z.string({ error: mustBe('must be a string or null') }).nullable(),
    notes: caseNotesSchema,
    options: exportOptionsSchema,
  },
  { error: mustBe('must be an object') },
);

/** What the UI asks for: see {@link exportReportRequestSchema}. */
export type ExportReportRequest = z.output<typeof exportReportRequestSchema>;

/** One written file. */
export interface ExportedFile {
  format: ReportFormat;
  fileName: string;
  mimeType: string;
  bytes: number;
  base64: string;
}

export interface ExportedReport {
  files: ExportedFile[];
  findings: number;
  pins: number;
  redaction: RedactionSummary | null;
}

export const MIME_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  md: 'text/markdown;charset=utf-8',
  json: 'application/json',
};

/** A file name for the report: `tarsier-<ticket or bundle>-<yyyymmdd-hhmm>.<ext>`, safe on every OS. */
export function reportFileName(base: string, at: Date, format: ReportFormat): string {
  const safe =
    base
      .replace(/\.(tar\.gz|tgz|tar|zip|gz)$/i, '')
      .replace(/[^\p{L}\p{N}._-]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'case';
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}`;
  return `tarsier-${safe}-${stamp}.${format}`;
}

/** Checks an export request from the renderer; returns the clean request or what is wrong with it. */
export function checkExportRequest(
  value: unknown,
): { ok: true; request: ExportReportRequest } | { ok: false; error: string } {
  const checked = problemsOf(exportReportRequestSchema, value);
  return checked.ok
    ? { ok: true, request: checked.value }
    : { ok: false, error: `exportReport: ${checked.problems[0]}` };
}
