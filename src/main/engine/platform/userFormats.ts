/**
 * The engineer's own log formats: `<data folder>/formats/<id>.json` (or a folder given with
 * `--formats`), the same JSON as `resources/formats`. They are read next to the built-in ones
 * whenever a case is read. A broken file is reported and left out, never fatal: one bad format
 * must not stop a bundle from being read. Their hash is part of the index cache's key, so a
 * format saved or changed makes the next open read the bundle again.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileFormat, type CompiledFormat } from '../../../shared/formats/compileFormat.ts';
import { validateFormatSpec, type FormatSpec } from '../../../shared/formats/formatSpec.ts';
import { formatHazardProblem } from '../../../shared/formats/patternHazard.ts';
import { loadFormats } from './resources.ts';

/** The folder of the user's formats inside a data folder. */
export function userFormatsDir(dataDir: string): string {
  return join(dataDir, 'formats');
}

/** What a user formats folder holds. */
export interface UserFormats {
  /** The formats that load, in file-name order. */
  formats: CompiledFormat[];
  /** One line per file left out, naming the file and what is wrong with it. */
  problems: string[];
  /** sha256 over every `*.json` file's name and bytes; empty when there is none (no folder, an empty one). */
  hash: string;
}

/** The ids of the built-in formats (`resources/formats`), which a user format may not take. */
export function builtinFormatIds(): Set<string> {
  return new Set(loadFormats().map((f) => f.id));
}

const jsonNames = (dir: string): string[] => {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
      .sort();
  } catch {
    // No folder yet: no user formats.
    return [];
  }
};

/**
 * Checks one user format as parsed from `file`: the schema, the id against the file name and the
 * built-in ids, that its regexes cannot hang a read (shared/formats/patternHazard.ts), and that it compiles. Returns the compiled format or every problem found.
 */
export function checkUserFormat(
  value: unknown,
  file: string,
  builtin: ReadonlySet<string>,
): { ok: true; format: CompiledFormat } | { ok: false; problems: string[] } {
  const problems = validateFormatSpec(value, file);
  if (problems.length > 0) return { ok: false, problems };
  const spec = value as FormatSpec;
  if (spec.id !== file.replace(/\.json$/, ''))
    return { ok: false, problems: [`format ${file}: "id" must equal the file name, got "${spec.id}"`] };
  if (builtin.has(spec.id))
    return {
      ok: false,
      problems: [`format ${file}: "id" "${spec.id}" is a built-in format's id; choose another id`],
    };
  // Before it is compiled or run: one such regex would hang the read on a long line.
  const hazard = formatHazardProblem(spec);
  if (hazard) return { ok: false, problems: [`format ${file}: ${hazard}`] };
  const compiled = compileFormat(spec);
  if (!compiled.ok) return { ok: false, problems: [`format ${file}: ${compiled.error}`] };
  return { ok: true, format: compiled.format };
}

/** Reads the user formats of `dir` (null: none). Never throws. */
export function loadUserFormats(dir: string | null): UserFormats {
  const hash = createHash('sha256');
  const formats: CompiledFormat[] = [];
  const problems: string[] = [];
  const names = dir === null ? [] : jsonNames(dir);
  if (dir === null || names.length === 0) return { formats, problems, hash: '' };
  const builtin = builtinFormatIds();
  for (const name of names) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(dir, name));
    } catch (error) {
      problems.push(`format ${name} in ${dir}: could not be read: ${(error as Error).message}`);
      continue;
    }
    hash.update(`${name}\n`).update(bytes).update('\n');
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      problems.push(`format ${name} in ${dir}: not valid JSON: ${(error as Error).message}`);
      continue;
    }
    const checked = checkUserFormat(value, name, builtin);
    if (checked.ok) formats.push(checked.format);
    else problems.push(...checked.problems.map((problem) => `${problem} (in ${dir})`));
  }
  return { formats, problems, hash: hash.digest('hex') };
}

/** The built-in formats followed by the user's (null: the built-in ones alone). */
export function formatsWithUser(dir: string | null): CompiledFormat[] {
  const builtin = loadFormats();
  return dir === null ? builtin : [...builtin, ...loadUserFormats(dir).formats];
}
