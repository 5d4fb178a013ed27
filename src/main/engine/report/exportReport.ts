/**
 * Case → Export: composes the report of an open case from the UI's notes and choices, writes the
 * formats asked for in memory, and hands their bytes back for the UI to save. Nothing is written
 * to disk here, and nothing near the bundle.
 */
import { PassThrough } from 'node:stream';
import type { ApiResult, Inventory } from '../../../shared/api.ts';
import type { Report } from '../../../shared/report.ts';
import {
  MIME_TYPES,
  reportFileName,
  type ExportedReport,
  type ExportReportRequest,
  type ReportFormat,
} from '../../../shared/reportExport.ts';
import { markdownReport } from '../../../shared/reportText/markdownReport.ts';
import { epochMs } from '../../../shared/model.ts';
import { rankFindings, type Diagnosis } from '../diagnose/diagnoseCase.ts';
import type { CaseIndex } from '../index/caseIndex.ts';
import { loadStageTable } from '../platform/resources.ts';
import { composeReport } from './composeReport.ts';
import { jsonReport } from './writeReports.ts';

async function pdfBytes(report: Report): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  // Loaded when a PDF is asked for: pdfkit and its fonts take longer to load than a warm search.
  const { writePdfReport } = await import('./pdfReport.ts');
  await writePdfReport(report, sink);
  return Buffer.concat(chunks);
}

/** The report of a case in the formats asked for. */
export async function exportReport(
  index: CaseIndex,
  inventory: Inventory,
  diagnosis: Diagnosis | null,
  request: ExportReportRequest,
  generator: string,
): Promise<ApiResult<ExportedReport>> {
  const { options } = request;
  const stage = request.stage === null ? null : loadStageTable().stages.find((s) => s.id === request.stage);
  if (stage === undefined) return { ok: false, error: `exportReport: unknown stage "${request.stage}"` };
  const ranked =
    diagnosis && stage ? { ...diagnosis, stage, findings: rankFindings(diagnosis.findings, stage) } : diagnosis;
  const now = new Date();
  const report = composeReport(index, inventory, ranked, {
    notes: request.notes,
    contextLines: options.contextLines,
    language: options.language,
    generatedAt: epochMs(now.getTime()),
    generator,
    redaction:
      options.redactSecrets || options.redactNetwork
        ? { secrets: options.redactSecrets, network: options.redactNetwork }
        : null,
  });
  // From the report as written (redacted): a file name must not carry what the report masks.
  const base = report.case?.ticket.trim() || (options.redactNetwork ? 'case' : report.bundle?.name) || 'case';
  const files: ExportedReport['files'] = [];
  for (const format of options.formats) {
    let bytes: Buffer;
    try {
      bytes =
        format === 'pdf'
          ? await pdfBytes(report)
          : Buffer.from(format === 'md' ? markdownReport(report) : jsonReport(report), 'utf8');
    } catch (error) {
      return {
        ok: false,
        error: `exportReport: could not write the ${format.toUpperCase()}: ${(error as Error).message}`,
      };
    }
    files.push({
      format: format as ReportFormat,
      fileName: reportFileName(base, now, format),
      mimeType: MIME_TYPES[format],
      bytes: bytes.length,
      base64: bytes.toString('base64'),
    });
  }
  return {
    ok: true,
    value: { files, findings: report.findings.length, pins: report.pins.length, redaction: report.redaction },
  };
}
