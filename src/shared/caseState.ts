/**
 * What Tarsier keeps about a case between sessions, in the app's data folder (never in the
 * bundle): the engineer's notes and pins, the stage, the search and time range last used, and the
 * report draft (the export choices). Keyed by the bundles' identity, so reopening the same bundle
 * brings it all back.
 */
import { sanitizeNotes, type CaseNotes } from './caseNotes.ts';
import { REPORT_FORMATS, type ExportOptions, type ReportFormat } from './reportExport.ts';

export interface CaseState {
  notes: CaseNotes;
  stage: string | null;
  query: string;
  range: { from: number; to: number } | null;
  exportOptions: ExportOptions | null;
}

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
  notes: sanitizeNotes(null),
  stage: null,
  query: '',
  range: null,
  exportOptions: null,
});

/** A state from untrusted JSON (a saved file, a payload): what has the right shape is kept. */
export function sanitizeCaseState(value: unknown): CaseState {
  if (!value || typeof value !== 'object') return emptyCaseState();
  const v = value as Record<string, unknown>;
  const r = v.range as Record<string, unknown> | null | undefined;
  const range =
    r &&
    typeof r === 'object' &&
    Number.isFinite(r.from) &&
    Number.isFinite(r.to) &&
    (r.from as number) <= (r.to as number)
      ? { from: r.from as number, to: r.to as number }
      : null;
  const o = v.exportOptions as Record<string, unknown> | null | undefined;
  let exportOptions: ExportOptions | null = null;
  if (o && typeof o === 'object') {
    const formats = (Array.isArray(o.formats) ? o.formats : []).filter((f): f is ReportFormat =>
      REPORT_FORMATS.includes(f as ReportFormat),
    );
    exportOptions = {
      formats: formats.length > 0 ? formats : ['pdf', 'md'],
      language: o.language === 'zh' ? 'zh' : 'en',
      contextLines:
        Number.isInteger(o.contextLines) && (o.contextLines as number) >= 0 && (o.contextLines as number) <= 500
          ? (o.contextLines as number)
          : 50,
      redactSecrets: o.redactSecrets !== false,
      redactNetwork: o.redactNetwork === true,
    };
  }
  return {
    notes: sanitizeNotes(v.notes),
    stage: typeof v.stage === 'string' && v.stage.length <= 100 ? v.stage : null,
    query: typeof v.query === 'string' ? v.query.slice(0, 10_000) : '',
    range,
    exportOptions,
  };
}
