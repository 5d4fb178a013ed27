/**
 * The report export of the AnalyzerApi (Case → Export): what the UI asks for, what it gets back
 * (the files' bytes, base64, so one answer travels over IPC and HTTP alike), and the check main
 * runs on every request. The engine composes the report; the UI only saves the files.
 */
import { sanitizeNotes, type CaseNotes } from './caseNotes.ts';
import type { RedactionSummary } from './redact/redactor.ts';

export const REPORT_FORMATS = ['pdf', 'md', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The choices of the export dialog (also kept with the case as its report draft). */
export interface ExportOptions {
  formats: ReportFormat[];
  language: 'en' | 'zh';
  /** Lines before and after each pinned line. */
  contextLines: number;
  /** Mask secrets (on by default). */
  redactSecrets: boolean;
  /** Replace IPs, host names and e-mail addresses by consistent aliases. */
  redactNetwork: boolean;
}

export const defaultExportOptions = (language: 'en' | 'zh'): ExportOptions => ({
  formats: ['pdf', 'md'],
  language,
  contextLines: 50,
  redactSecrets: true,
  redactNetwork: false,
});

export interface ExportReportRequest {
  caseId: string;
  notes: CaseNotes;
  /** The stage the findings are ranked for, or null. */
  stage: string | null;
  options: ExportOptions;
}

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
  if (!value || typeof value !== 'object') return { ok: false, error: 'exportReport: the request must be an object' };
  const v = value as Record<string, unknown>;
  if (typeof v.caseId !== 'string' || v.caseId === '')
    return { ok: false, error: `exportReport: caseId must be a non-empty string, got ${JSON.stringify(v.caseId)}` };
  if (v.stage !== null && typeof v.stage !== 'string')
    return { ok: false, error: `exportReport: stage must be a string or null, got ${JSON.stringify(v.stage)}` };
  const o = v.options as Record<string, unknown> | undefined;
  if (!o || typeof o !== 'object') return { ok: false, error: 'exportReport: options must be an object' };
  const formats = Array.isArray(o.formats) ? o.formats : [];
  if (formats.length === 0 || !formats.every((f): f is ReportFormat => REPORT_FORMATS.includes(f as ReportFormat))) {
    return {
      ok: false,
      error: `exportReport: formats must list one or more of ${REPORT_FORMATS.join(', ')}, got ${JSON.stringify(o.formats)}`,
    };
  }
  if (o.language !== 'en' && o.language !== 'zh')
    return { ok: false, error: `exportReport: language must be en or zh, got ${JSON.stringify(o.language)}` };
  if (!Number.isInteger(o.contextLines) || (o.contextLines as number) < 0 || (o.contextLines as number) > 500) {
    return {
      ok: false,
      error: `exportReport: contextLines must be a whole number from 0 to 500, got ${JSON.stringify(o.contextLines)}`,
    };
  }
  if (typeof o.redactSecrets !== 'boolean' || typeof o.redactNetwork !== 'boolean')
    return { ok: false, error: 'exportReport: redactSecrets and redactNetwork must be true or false' };
  return {
    ok: true,
    request: {
      caseId: v.caseId,
      stage: v.stage as string | null,
      notes: sanitizeNotes(v.notes),
      options: {
        formats: [...new Set(formats)],
        language: o.language,
        contextLines: o.contextLines as number,
        redactSecrets: o.redactSecrets,
        redactNetwork: o.redactNetwork,
      },
    },
  };
}
