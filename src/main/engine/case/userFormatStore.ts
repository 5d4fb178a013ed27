/**
 * Saves a format the engineer defined to the user's formats folder (platform/userFormats.ts) as
 * `<id>.json`, the same JSON as `resources/formats`. Each sample line without an expectation
 * gets one from what the format reads in it, so that the file carries its own check, as the
 * built-in formats do. Refused, with the field named: an id that is not a plain file name or
 * that a built-in format has, a spec that does not validate or compile, a sample it does not read.
 * Lists the folder's files (with why one does not load) and deletes one, for the UI's list.
 */
import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApiResult, DeletedFormat, UserFormatEntry, UserFormatList } from '../../../shared/api.ts';
import { compileFormat, type ParsedLine } from '../../../shared/formats/compileFormat.ts';
import type { FormatSample, FormatSpec } from '../../../shared/formats/formatSpec.ts';
import { formatIdProblem } from '../../../shared/formats/formatTrial.ts';
import { formatHazardProblem } from '../../../shared/formats/patternHazard.ts';
import { partsToEpoch } from '../../../shared/time.ts';
import { readJsonFile, writeJsonAtomic } from '../platform/jsonFile.ts';
import { builtinFormatIds, checkUserFormat } from '../platform/userFormats.ts';

/** Where a format was saved. */
export interface SavedFormat {
  id: string;
  path: string;
}

const fail = (error: string): ApiResult<SavedFormat> => ({ ok: false, error: `saveFormat: ${error}` });

/** The sample with what the format reads in its line (times as read with the bundle zone set to UTC), or why not. */
function withExpectation(
  sample: FormatSample,
  i: number,
  parse: (line: string) => ParsedLine | null,
): { ok: true; sample: FormatSample } | { ok: false; error: string } {
  const parsed = parse(sample.line);
  if (!parsed)
    return { ok: false, error: `format.samples[${i}].line is not read by "pattern": ${JSON.stringify(sample.line)}` };
  if (sample.expect) return { ok: true, sample };
  const expect: NonNullable<FormatSample['expect']> = {};
  if (parsed.time) {
    const year = parsed.time.year ?? new Date().getUTCFullYear();
    const time = partsToEpoch({ ...parsed.time, year }, 'UTC');
    if (time !== null) expect.time = new Date(time).toISOString();
  }
  if (parsed.level !== 'unknown') expect.level = parsed.level;
  expect.message = parsed.message;
  return { ok: true, sample: { ...sample, expect } };
}

/** Writes `spec` to `dir/<id>.json` (replacing the user's own format of that id, never a built-in one). */
export async function saveUserFormat(dir: string, spec: FormatSpec): Promise<ApiResult<SavedFormat>> {
  const idProblem = formatIdProblem(spec.id);
  if (idProblem) return fail(`format.id: ${idProblem}`);
  const builtin = builtinFormatIds();
  if (builtin.has(spec.id)) return fail(`format.id: "${spec.id}" is a built-in format's id; choose another id`);
  // Before the samples are run through it.
  const hazard = formatHazardProblem(spec);
  if (hazard) return fail(hazard);
  const compiled = compileFormat(spec);
  if (!compiled.ok) return fail(compiled.error);
  const samples: FormatSample[] = [];
  for (const [i, sample] of spec.samples.entries()) {
    const checked = withExpectation(sample, i, (line) => compiled.format.parse(line));
    if (!checked.ok) return fail(checked.error);
    samples.push(checked.sample);
  }
  const saved: FormatSpec = { ...spec, samples };
  const file = `${spec.id}.json`;
  const checked = checkUserFormat(saved, file, builtin);
  if (!checked.ok) return fail(checked.problems.join('; '));
  const path = join(dir, file);
  try {
    await writeJsonAtomic(path, saved);
  } catch (error) {
    return fail(`could not write ${path}: ${(error as Error).message}`);
  }
  return { ok: true, value: { id: spec.id, path } };
}

/** Every `*.json` file of the formats folder `dir`, by name, with why it does not load (null: none). */
export async function listUserFormats(dir: string | null): Promise<UserFormatList> {
  if (dir === null) return { dir, formats: [] };
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.json') && !name.startsWith('.')).sort();
  } catch {
    // No folder yet: nothing saved.
    return { dir, formats: [] };
  }
  const builtin = builtinFormatIds();
  const formats: UserFormatEntry[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const entry: UserFormatEntry = {
      id: name.replace(/\.json$/, ''),
      path,
      name: null,
      description: null,
      problem: null,
    };
    const read = await readSpec(path, name, builtin);
    if (read.ok) {
      entry.name = read.spec.name;
      entry.description = read.spec.description;
    } else entry.problem = read.problem;
    formats.push(entry);
  }
  return { dir, formats };
}

/** The spec in `path` when it loads as a user format, else why not. */
async function readSpec(
  path: string,
  name: string,
  builtin: ReadonlySet<string>,
): Promise<{ ok: true; spec: FormatSpec } | { ok: false; problem: string }> {
  const read = await readJsonFile(path);
  if (!read.ok) return { ok: false, problem: `format ${name}: ${read.problem}` };
  const value = read.value;
  const checked = checkUserFormat(value, name, builtin);
  return checked.ok ? { ok: true, spec: value as FormatSpec } : { ok: false, problem: checked.problems.join('; ') };
}

/**
 * Deletes `dir/<id>.json`, giving back its spec when it loaded (an undo saves it again). Refused,
 * naming the id: an id that is not a file name, a built-in format's id, a file that is not there.
 */
export async function deleteUserFormat(dir: string, id: string): Promise<ApiResult<DeletedFormat>> {
  const refuse = (error: string): ApiResult<DeletedFormat> => ({ ok: false, error: `deleteFormat: ${error}` });
  const idProblem = formatIdProblem(id);
  if (idProblem) return refuse(idProblem);
  const builtin = builtinFormatIds();
  if (builtin.has(id)) return refuse(`"${id}" is a built-in format (resources/formats), not one of yours`);
  const name = `${id}.json`;
  const path = join(dir, name);
  const read = await readSpec(path, name, builtin);
  try {
    await unlink(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return refuse(`no saved format "${id}" in ${dir}`);
    return refuse(`could not delete ${path}: ${(error as Error).message}`);
  }
  return { ok: true, value: { id, path, format: read.ok ? read.spec : null } };
}
