/**
 * Saves a rule the engineer made (from a line, or imported from a file) to the user's rules
 * folder (platform/userRules.ts) as `<id>.json`, the same JSON as `resources/rules`, so the file
 * also works unchanged with `tarsier analyze --rules DIR`. Refused, with every problem and the
 * field it is in (one per line): a spec the schema rejects, a built-in rule's id, a query that
 * does not parse, examples that do not behave. Lists the folder (with why a file does not load),
 * deletes one rule, and imports many at once (all or none).
 */
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApiResult, DeletedRule, ImportedRules, UserRuleEntry, UserRuleList } from '../../../shared/api.ts';
import type { RuleSpec } from '../../../shared/rules/ruleSpec.ts';
import { readJsonFile, writeJsonAtomic } from '../platform/jsonFile.ts';
import { builtinRuleIds, checkUserRule, ruleFileNames } from '../platform/userRules.ts';

/** Where a rule was saved. */
export interface SavedRule {
  id: string;
  path: string;
}

const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The id of a parsed rule when it is a plain file name, else null. */
const idOf = (value: unknown): string | null => {
  const id = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).id : undefined;
  return typeof id === 'string' && RULE_ID.test(id) && id.length <= 80 ? id : null;
};

/** The rule as saved: the file's own `$schema` dropped (the folder is not next to the schema). */
function withoutSchemaPath(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const { $schema: _schema, ...rest } = value as Record<string, unknown>;
  void _schema;
  return rest;
}

/** Every problem of `value` as a rule saved to `<id>.json`, or the spec. */
function check(
  value: unknown,
  builtin: ReadonlySet<string>,
): { ok: true; spec: RuleSpec } | { ok: false; problems: string[] } {
  const id = idOf(value);
  // Without a usable id there is no file name: the schema names the id's problem with the rest.
  const checked = checkUserRule(value, `${id ?? 'new-rule'}.json`, builtin);
  if (!checked.ok) return checked;
  return { ok: true, spec: checked.rule.spec };
}

/** Writes `value` to `dir/<id>.json` (replacing the user's own rule of that id, never a built-in one). */
export async function saveUserRule(dir: string, value: unknown): Promise<ApiResult<SavedRule>> {
  const checked = check(withoutSchemaPath(value), builtinRuleIds());
  if (!checked.ok) return { ok: false, error: `saveRule: ${checked.problems.join('\n')}` };
  const path = join(dir, `${checked.spec.id}.json`);
  try {
    await writeJsonAtomic(path, checked.spec);
  } catch (error) {
    return { ok: false, error: `saveRule: could not write ${path}: ${(error as Error).message}` };
  }
  return { ok: true, value: { id: checked.spec.id, path } };
}

/**
 * Saves every rule of `values` (a rules file: one rule or a JSON array of them), or none when
 * one of them is refused: each problem names the rule's place in the list and the field.
 */
export async function importUserRules(dir: string, values: unknown[]): Promise<ApiResult<ImportedRules>> {
  const builtin = builtinRuleIds();
  const problems: string[] = [];
  const specs: RuleSpec[] = [];
  const ids = new Set<string>();
  values.forEach((value, i) => {
    const checked = check(withoutSchemaPath(value), builtin);
    if (!checked.ok) problems.push(...checked.problems.map((problem) => `[${i}] ${problem}`));
    else if (ids.has(checked.spec.id)) problems.push(`[${i}] rule ${checked.spec.id}: "id" is given twice in the file`);
    else {
      ids.add(checked.spec.id);
      specs.push(checked.spec);
    }
  });
  if (values.length === 0) problems.push('the file holds no rule');
  if (problems.length > 0) return { ok: false, error: `importRules: ${problems.join('\n')}` };
  const saved: string[] = [];
  for (const spec of specs) {
    const path = join(dir, `${spec.id}.json`);
    try {
      await writeJsonAtomic(path, spec);
    } catch (error) {
      return { ok: false, error: `importRules: could not write ${path}: ${(error as Error).message}` };
    }
    saved.push(spec.id);
  }
  return { ok: true, value: { dir, ids: saved } };
}

/** The spec in `path` when it loads as a user rule, else why not. */
async function readSpec(
  path: string,
  name: string,
  builtin: ReadonlySet<string>,
): Promise<{ ok: true; spec: RuleSpec } | { ok: false; problem: string }> {
  const read = await readJsonFile(path);
  if (!read.ok) return { ok: false, problem: `rule ${name}: ${read.problem}` };
  const value = read.value;
  const checked = checkUserRule(value, name, builtin);
  return checked.ok ? { ok: true, spec: checked.rule.spec } : { ok: false, problem: checked.problems.join('; ') };
}

/** Every `*.json` file of the rules folder `dir`, by name, with its spec or why it does not load (null: none). */
export async function listUserRules(dir: string | null): Promise<UserRuleList> {
  if (dir === null) return { dir, rules: [] };
  const builtin = builtinRuleIds();
  const rules: UserRuleEntry[] = [];
  for (const name of ruleFileNames(dir)) {
    const path = join(dir, name);
    const read = await readSpec(path, name, builtin);
    rules.push({
      id: name.replace(/\.json$/, ''),
      path,
      spec: read.ok ? read.spec : null,
      problem: read.ok ? null : read.problem,
    });
  }
  return { dir, rules };
}

/** Deletes `dir/<id>.json`, giving back its spec when it loaded (an undo saves it again). */
export async function deleteUserRule(dir: string, id: string): Promise<ApiResult<DeletedRule>> {
  const refuse = (error: string): ApiResult<DeletedRule> => ({ ok: false, error: `deleteRule: ${error}` });
  if (!RULE_ID.test(id)) return refuse(`id must be a rule id (kebab-case), got ${JSON.stringify(id)}`);
  const builtin = builtinRuleIds();
  if (builtin.has(id)) return refuse(`"${id}" is a built-in rule (resources/rules), not one of yours`);
  const name = `${id}.json`;
  const path = join(dir, name);
  const read = await readSpec(path, name, builtin);
  try {
    await unlink(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return refuse(`no saved rule "${id}" in ${dir}`);
    return refuse(`could not delete ${path}: ${(error as Error).message}`);
  }
  return { ok: true, value: { id, path, rule: read.ok ? read.spec : null } };
}
