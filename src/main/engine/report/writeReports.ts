/**
 * Writes the report files a user asked for (JSON, Markdown, PDF) — never over one of the inputs:
 * the bundle is evidence. Each file is written to a temporary name beside it and renamed, so an
 * interrupted export never leaves half a report under the final name.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { ApiResult } from '../../../shared/api.ts';
import type { Report } from '../../../shared/report.ts';
import { markdownReport } from '../../../shared/reportText/markdownReport.ts';

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

/** Whether `path` is `folder` or lies inside it (both real paths). */
const within = (path: string, folder: string): boolean => {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * Null when the targets can be written: none is one of `inputs` or lies inside an input folder
 * (a folder bundle is evidence too), and no two name the same file.
 */
export async function checkTargets(targets: ReportTargets, inputs: readonly string[]): Promise<string | null> {
  const inputPaths = await Promise.all(inputs.map(realOrResolved));
  const seen = new Map<string, string>();
  for (const [format, path] of wantedOf(targets)) {
    // The folder's real path: a target through a symlink into a bundle is still inside it.
    const real = join(await realOrResolved(dirname(resolve(path))), basename(path));
    const input = inputPaths.find((p) => within(real, p));
    if (input !== undefined)
      return `report: --${format} ${path} is ${real === input ? 'one of the inputs' : `inside ${input}, one of the inputs`}; Tarsier never writes into what it reads`;
    const other = seen.get(real);
    if (other) return `report: --${format} and --${other} both name ${path}`;
    const unwritable = await unwritableTarget(path);
    if (unwritable) return `report: --${format} ${path}: ${unwritable}`;
    seen.set(real, format);
  }
  return null;
}

/** Why a report could not be written at `path` (its folder missing or read-only, or it is a folder), or null. */
async function unwritableTarget(path: string): Promise<string | null> {
  const folder = dirname(resolve(path));
  try {
    if (!(await stat(folder)).isDirectory()) return `${folder} is not a folder`;
  } catch {
    return `the folder ${folder} does not exist`;
  }
  try {
    await access(folder, constants.W_OK);
  } catch {
    return `the folder ${folder} is not writable`;
  }
  try {
    if ((await stat(path)).isDirectory()) return 'is a folder';
  } catch {
    // Not there yet: it will be made.
  }
  return null;
}

const wantedOf = (targets: ReportTargets) =>
  Object.entries(targets).filter(
    (entry): entry is [keyof ReportTargets, string] => typeof entry[1] === 'string' && entry[1] !== '',
  );

/** Writes `text` to `path` through a temporary name beside it, so no half-written file has the name. */
export async function writeAtomic(path: string, text: string): Promise<void> {
  const temp = join(
    dirname(resolve(path)),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.partial`,
  );
  try {
    await writeFile(temp, text);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Writes every target; fails (writing nothing) when a target is one of `inputs` or two targets
 * are the same file.
 */
export async function writeReports(
  report: Report,
  targets: ReportTargets,
  inputs: readonly string[],
): Promise<ApiResult<string[]>> {
  const problem = await checkTargets(targets, inputs);
  if (problem) return { ok: false, error: problem };
  const written: string[] = [];
  for (const [format, path] of wantedOf(targets)) {
    const temp = join(
      dirname(resolve(path)),
      `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.partial`,
    );
    try {
      // Loaded only for a PDF: pdfkit takes longer to load than a warm search or compare runs.
      if (format === 'pdf') await (await import('./pdfReport.ts')).writePdfReport(report, temp);
      else await writeFile(temp, format === 'json' ? jsonReport(report) : markdownReport(report));
      await rename(temp, path);
      written.push(path);
    } catch (error) {
      await rm(temp, { force: true });
      return {
        ok: false,
        error: `report: could not write ${format.toUpperCase()} to ${path}: ${(error as Error).message}`,
      };
    }
  }
  return { ok: true, value: written };
}
