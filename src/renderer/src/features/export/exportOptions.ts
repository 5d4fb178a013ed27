/**
 * The export dialog's choices as plain functions (unit tested): toggling a format keeps the
 * formats in their usual order, the context field is cut to what the engine accepts, and the
 * redaction summary says what was masked.
 */
import {
  REPORT_FORMATS,
  type ExportedReport,
  type ExportOptions,
  type ReportFormat,
} from '../../../../shared/reportExport.ts';

/** The most context lines the engine takes around a pin. */
export const MAX_CONTEXT_LINES = 500;

/** The formats with `format` added (in REPORT_FORMATS order) or taken out. */
export function toggleFormat(formats: readonly ReportFormat[], format: ReportFormat): ReportFormat[] {
  return formats.includes(format)
    ? formats.filter((f) => f !== format)
    : REPORT_FORMATS.filter((f) => f === format || formats.includes(f));
}

/** What the number field holds as context lines: a whole number from 0 to the maximum (0 when not a number). */
export const contextLinesOf = (input: string): number =>
  Math.max(0, Math.min(MAX_CONTEXT_LINES, Math.floor(Number(input) || 0)));

/** The language select's value as a report language (English unless Chinese). */
export const languageOf = (value: string): ExportOptions['language'] => (value === 'zh' ? 'zh' : 'en');

/** Whether the report can be written: not while one is being written, and with a format to write. */
export const canExport = (options: ExportOptions, working: boolean): boolean => !working && options.formats.length > 0;

/** What the redaction did: off, nothing found, or how many of each kind were masked. */
export type RedactionOutcome = { kind: 'off' } | { kind: 'nothing' } | { kind: 'masked'; counts: [string, number][] };

export function redactionOutcome(report: ExportedReport): RedactionOutcome {
  if (!report.redaction) return { kind: 'off' };
  const counts = Object.entries(report.redaction.counts).map(([kind, n]): [string, number] => [kind, n ?? 0]);
  return counts.length === 0 ? { kind: 'nothing' } : { kind: 'masked', counts };
}
