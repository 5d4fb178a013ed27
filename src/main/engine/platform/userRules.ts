/**
 * The engineer's own diagnostic rules: `<data folder>/rules/<id>.json`, the same JSON as
 * `resources/rules` (and as `tarsier analyze --rules DIR` reads). They run beside the built-in
 * ones on every diagnosis, marked as the user's. A broken file is reported and left out, never
 * fatal: one bad rule must not stop a case from being diagnosed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { jsonFileProblem } from './jsonFile.ts';
import { join } from 'node:path';
import { checkArtifactExamples, checkQueryExamples } from '../../../shared/rules/ruleExamples.ts';
import { compileRule, validateRuleSpec, type CompiledRule, type RuleSpec } from '../../../shared/rules/ruleSpec.ts';
import { loadFormats, loadRules, loadStageTable } from './resources.ts';

/** The folder of the user's rules inside a data folder. */
export function userRulesDir(dataDir: string): string {
  return join(dataDir, 'rules');
}

/** The ids of the built-in rules (`resources/rules`), which a user rule may not take. */
export function builtinRuleIds(): Set<string> {
  return new Set(loadRules().map((rule) => rule.spec.id));
}

/**
 * Checks one user rule as parsed from `file`: the schema (every problem, each naming the field),
 * the id against the file name and the built-in ids, that it compiles, and that its examples
 * behave (each `match` line matches, each `noMatch` line does not). Returns the compiled rule,
 * marked as the user's, or every problem found.
 */
export function checkUserRule(
  value: unknown,
  file: string,
  builtin: ReadonlySet<string> = builtinRuleIds(),
): { ok: true; rule: CompiledRule } | { ok: false; problems: string[] } {
  const stageIds = new Set(loadStageTable().stages.map((stage) => stage.id));
  const problems = validateRuleSpec(value, file, stageIds);
  if (problems.length > 0) return { ok: false, problems };
  const spec = value as RuleSpec;
  if (builtin.has(spec.id))
    return { ok: false, problems: [`rule ${file}: "id" "${spec.id}" is a built-in rule's id; choose another id`] };
  const compiled = compileRule(spec);
  if (!compiled.ok) return { ok: false, problems: [compiled.error] };
  const rule: CompiledRule = { ...compiled.rule, user: true };
  const examples = [...checkQueryExamples(rule, loadFormats()), ...checkArtifactExamples(rule)];
  if (examples.length > 0) return { ok: false, problems: examples.map((problem) => `${problem} ("examples")`) };
  return { ok: true, rule };
}

/** The `*.json` file names of `dir` in order ([] when there is no folder). */
export function ruleFileNames(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
      .sort();
  } catch {
    // No folder yet: no user rules.
    return [];
  }
}

/** What a user rules folder holds. */
export interface UserRules {
  /** The rules that load, in file-name order, each marked `user`. */
  rules: CompiledRule[];
  /** One line per file left out, naming the file and what is wrong with it. */
  problems: string[];
}

/** Reads the user rules of `dir` (null: none). Never throws. */
export function loadUserRules(dir: string | null): UserRules {
  const rules: CompiledRule[] = [];
  const problems: string[] = [];
  if (dir === null) return { rules, problems };
  const names = ruleFileNames(dir);
  if (names.length === 0) return { rules, problems };
  const builtin = builtinRuleIds();
  for (const name of names) {
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    } catch (error) {
      problems.push(`rule ${name} in ${dir}: ${jsonFileProblem(error)}`);
      continue;
    }
    const checked = checkUserRule(value, name, builtin);
    if (checked.ok) rules.push(checked.rule);
    else problems.push(...checked.problems.map((problem) => `${problem} (in ${dir})`));
  }
  return { rules, problems };
}

/** The built-in rules followed by the user's; null when the user has none (the built-in ones alone). */
export function rulesWithUser(dir: string | null): CompiledRule[] | null {
  const user = loadUserRules(dir).rules;
  return user.length === 0 ? null : [...loadRules(), ...user];
}
