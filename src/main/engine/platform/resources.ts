/**
 * Finds and loads Tarsier's data files (`resources/formats`, `resources/rules`,
 * `resources/components.json`, `stages.json`, `triage.json`) from
 * disk, so that adding a format is adding a file. Works from the sources (tests), from `out/`
 * (the CLI and the app) and from a packaged app's resources folder.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileFormat, type CompiledFormat } from '../../../shared/formats/compileFormat.ts';
import {
  compileComponentTable,
  type ComponentClassifier,
  type ComponentTable,
} from '../../../shared/components/classifyPath.ts';
import { validateFormatSpec, type FormatSpec } from '../../../shared/formats/formatSpec.ts';
import { Topology } from '../../../shared/rules/faultPlace.ts';
import { compileRule, validateRuleSpec, type CompiledRule, type RuleSpec } from '../../../shared/rules/ruleSpec.ts';
import type { StageTable, TriageTrees } from '../../../shared/rules/stages.ts';

/** Locates the `resources` folder: `$TARSIER_RESOURCES`, else the nearest ancestor that has one. */
export function resourcesDir(): string {
  const fromEnv = process.env.TARSIER_RESOURCES;
  if (fromEnv) return resolve(fromEnv);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'formats'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`resources: no resources/formats folder above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/**
 * Reads every `*.json` file of `dir` (schema files excepted) in file-name order, each checked by
 * `validate` and its "id" against the file name; throws with every problem found, each naming
 * the file.
 */
function readDataFiles<T extends { id: string }>(
  dir: string,
  what: string,
  validate: (value: unknown, file: string) => string[],
): T[] {
  const specs: T[] = [];
  const problems: string[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.json') && !n.endsWith('.schema.json'))
    .sort()) {
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    } catch (error) {
      problems.push(`${what} ${name}: not valid JSON: ${(error as Error).message}`);
      continue;
    }
    const found = validate(value, name);
    if (found.length > 0) problems.push(...found);
    else if ((value as T).id !== name.replace(/\.json$/, ''))
      problems.push(`${what} ${name}: "id" must equal the file name, got "${(value as T).id}"`);
    else specs.push(value as T);
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return specs;
}

/** Reads every `resources/formats/*.json` file, validated, in file-name order. */
export function loadFormatSpecs(dir = join(resourcesDir(), 'formats')): FormatSpec[] {
  return readDataFiles<FormatSpec>(dir, 'format', validateFormatSpec);
}

let cached: CompiledFormat[] | null = null;

/** All formats, compiled once per process. */
export function loadFormats(): CompiledFormat[] {
  if (cached) return cached;
  const compiled: CompiledFormat[] = [];
  for (const spec of loadFormatSpecs()) {
    const result = compileFormat(spec);
    if (!result.ok) throw new Error(result.error);
    compiled.push(result.format);
  }
  cached = compiled;
  return compiled;
}

let classifier: ComponentClassifier | null = null;

/** The component table of `resources/components.json`, compiled once per process. */
export function loadComponentTable(): ComponentTable {
  return JSON.parse(readFileSync(join(resourcesDir(), 'components.json'), 'utf8')) as ComponentTable;
}

/** The path → module/component classifier, compiled once per process. */
export function loadClassifier(): ComponentClassifier {
  if (classifier) return classifier;
  const result = compileComponentTable(loadComponentTable());
  if (!result.ok) throw new Error(result.error);
  classifier = result.classifier;
  return classifier;
}

let stageTable: StageTable | null = null;

/** `resources/stages.json`: the seed's stage → component → log table (read once per process). */
export function loadStageTable(): StageTable {
  stageTable ??= JSON.parse(readFileSync(join(resourcesDir(), 'stages.json'), 'utf8')) as StageTable;
  return stageTable;
}

let topology: Topology | null = null;

/** `resources/topology.json`: where each side is and who fixes what there (compiled once). */
export function loadTopology(): Topology {
  if (topology) return topology;
  const compiled = Topology.compile(JSON.parse(readFileSync(join(resourcesDir(), 'topology.json'), 'utf8')));
  if (!compiled.ok) throw new Error(compiled.error);
  topology = compiled.topology;
  return topology;
}

/** `resources/triage.json`: the seed's decision trees. */
export function loadTriageTrees(): TriageTrees {
  return JSON.parse(readFileSync(join(resourcesDir(), 'triage.json'), 'utf8')) as TriageTrees;
}

/**
 * Reads every `*.json` rule in `dir` (default `resources/rules`), validated; the JSON schema
 * file is skipped. Throws with every problem found, each naming the file.
 */
export function loadRuleSpecs(dir = join(resourcesDir(), 'rules')): RuleSpec[] {
  const stageIds = new Set(loadStageTable().stages.map((s) => s.id));
  return readDataFiles<RuleSpec>(dir, 'rule', (value, file) => validateRuleSpec(value, file, stageIds));
}

let rules: CompiledRule[] | null = null;

/** All rules of `resources/rules`, compiled once per process. */
export function loadRules(): CompiledRule[] {
  if (rules) return rules;
  const compiled: CompiledRule[] = [];
  for (const spec of loadRuleSpecs()) {
    const result = compileRule(spec);
    if (!result.ok) throw new Error(result.error);
    compiled.push(result.rule);
  }
  rules = compiled;
  return compiled;
}
