/**
 * Diagnoses an indexed case: runs the query rules over the index, reads the artifacts, runs
 * the artifact rules over them, and returns every finding (most severe first) with the
 * artifacts. Optionally ranks everything for one stage of the seed's table.
 */
import type { Inventory } from '../../../shared/api.ts';
import type { CaseArtifacts } from '../../../shared/artifacts/artifactModel.ts';
import { artifactFindings } from '../../../shared/rules/artifactFindings.ts';
import { compareFindings, type Finding } from '../../../shared/rules/finding.ts';
import type { CompiledRule } from '../../../shared/rules/ruleSpec.ts';
import { rankByStage, suggestTriage, type Stage, type TriageSuggestion } from '../../../shared/rules/stages.ts';
import type { CaseIndex } from '../index/caseIndex.ts';
import { loadClassifier, loadRules, loadTopology, loadTriageTrees } from '../platform/resources.ts';
import { collectArtifacts, EMBEDDED_QUERY } from './collectArtifacts.ts';
import { evaluateRules } from './evaluateRules.ts';
import { unexplainedFindings } from './unexplainedFindings.ts';

/** What the diagnosis found. */
export interface Diagnosis {
  findings: Finding[];
  artifacts: CaseArtifacts;
  /** The stage everything was ranked for, if any. */
  stage: Stage | null;
  /** Where the findings lead in the seed's decision trees. */
  triage: TriageSuggestion[];
}

/** Options of {@link diagnoseCase}. */
export interface DiagnoseOptions {
  /** Default: every rule of `resources/rules`. */
  rules?: readonly CompiledRule[];
  /** Rank findings for this stage (its rules, then its High Priority components, first). */
  stage?: Stage | null;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Add the unexplained-template findings (default true). */
  unexplained?: boolean;
}

/**
 * The queries the diagnosis asks (every rule's, its partner's, the embedded-artifact search):
 * given to the reader, they are answered while the bundle is read.
 */
export function diagnosisQueries(rules: readonly CompiledRule[] = loadRules()): string[] {
  const out = [EMBEDDED_QUERY];
  for (const rule of rules) {
    if (rule.spec.query) out.push(rule.spec.query);
    if (rule.spec.requires) out.push(rule.spec.requires.query);
  }
  return out;
}

/** The rules that fired, per category they were found under (a placed rule walks its side's tree). */
function firedByCategory(findings: readonly Finding[]): Map<string, Set<string>> {
  const fired = new Map<string, Set<string>>();
  for (const f of findings) {
    let rules = fired.get(f.category);
    if (!rules) fired.set(f.category, (rules = new Set()));
    rules.add(f.rule);
  }
  return fired;
}

/** Runs every rule over the case. */
export function diagnoseCase(index: CaseIndex, inventory: Inventory, options: DiagnoseOptions = {}): Diagnosis {
  const rules = options.rules ?? loadRules();
  const topology = loadTopology();
  const findings = evaluateRules(index, rules, {
    signal: options.signal,
    onProgress: options.onProgress,
    topology,
  });
  const artifacts = collectArtifacts(index, inventory, options.signal);
  const byPath = new Map(index.files.map((f) => [f.record.path, f.record]));
  const classifier = loadClassifier();
  const componentOf = (path: string) => {
    const record = byPath.get(path);
    return record ? { module: record.module, component: record.component } : classifier.classify(path);
  };
  findings.push(...artifactFindings(artifacts, rules, componentOf));
  // What no rule explains: the standing-out warning/error templates, as low-confidence leads.
  if (options.unexplained !== false) findings.push(...unexplainedFindings(index, findings, topology));
  // The engineer's own rules are marked as such wherever their findings are shown.
  const userRules = new Set(rules.filter((rule) => rule.user).map((rule) => rule.spec.id));
  if (userRules.size > 0) for (const f of findings) if (userRules.has(f.rule)) f.userRule = true;
  findings.sort(compareFindings);
  const stage = options.stage ?? null;
  const triage = suggestTriage(loadTriageTrees(), firedByCategory(findings));
  return { findings: stage ? rankFindings(findings, stage) : findings, artifacts, stage, triage };
}

/** Findings for one stage: the stage's own rules and components first, then by severity. */
export function rankFindings(findings: readonly Finding[], stage: Stage): Finding[] {
  return rankByStage(
    findings,
    stage,
    (f) => ({ stages: f.stages, component: `${f.module}/${f.component}` }),
    compareFindings,
  );
}
