/**
 * Writes the report files a user asked for (JSON, Markdown, PDF) — never over one of the inputs:
 * the bundle is evidence. Each file is written to a temporary name beside it and renamed, so an
 * interrupted export never leaves half a report under the final name.
 */
import { realpath, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { ApiResult } from '../../../shared/api.ts';
import type { Report } from '../../../shared/report.ts';
import { markdownReport } from '../../../shared/reportText/markdownReport.ts';
import { writePdfReport } from './pdfReport.ts';

/** Where each format goes; absent formats are not written. */
export interface ReportTargets {
  json?: string;
  md?: string;
  pdf?: string;
}

async function realOrResolved(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return resolve(path);
  }
}

/** The report as the `tarsier.report/1` JSON text. */
export const jsonReport = (report: Report): string => `${JSON.stringify(report, null, 2)}\n`;

/** Null when the targets can be written: none is one of `inputs`, no two name the same file. */
export async function checkTargets(targets: ReportTargets, inputs: readonly string[]): Promise<string | null> {
  const inputPaths = new Set(await Promise.all(inputs.map(realOrResolved)));
  const seen = new Map<string, string>();
  for (const [format, path] of wantedOf(targets)) {
    const real = await realOrResolved(path);
    if (inputPaths.has(real)) return `report: --${format} ${path} is one of the bundles being read; Tarsier never writes over its input`;
    const other = seen.get(real);
    if (other) return `report: --${format} and --${other} both name ${path}`;
    seen.set(real, format);
  }
  return null;
}

const wantedOf = (targets: ReportTargets) => Object.entries(targets).filter((entry): entry is [keyof ReportTargets, string] => typeof entry[1] === 'string' && entry[1] !== '');

/**
 * Writes every target; fails (writing nothing) when a target is one of `inputs` or two targets
 * are the same file.
 */
export async function writeReports(report: Report, targets: ReportTargets, inputs: readonly string[]): Promise<ApiResult<string[]>> {
  const problem = await checkTargets(targets, inputs);
  if (problem) return { ok: false, error: problem };
  const written: string[] = [];
  for (const [format, path] of wantedOf(targets)) {
    const temp = join(dirname(resolve(path)), `.${basename(path)}.${process.pid}.partial`);
    try {
      if (format === 'pdf') await writePdfReport(report, temp);
      else await writeFile(temp, format === 'json' ? jsonReport(report) : markdownReport(report));
      await rename(temp, path);
      written.push(path);
    } catch (error) {
      await rm(temp, { force: true });
      return { ok: false, error: `report: could not write ${format.toUpperCase()} to ${path}: ${(error as Error).message}` };
    }
  }
  return { ok: true, value: written };
}
