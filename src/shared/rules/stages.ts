/**
 * The seed's stage table (`resources/stages.json`, 000 §5) and decision trees
 * (`resources/triage.json`, 000 §4): their shapes, their checks, and ranking by stage.
 */
import { compileGlob } from '../glob.ts';
import type { Category, LocalizedText } from './ruleSpec.ts';

/** One row of the stage table: a service component and the logs to read for it. */
export interface StageEntry {
  service: string;
  owner: string;
  log: string;
  /** `module/component` globs as Tarsier classifies bundle paths. */
  components: string[];
  /** Where the log lives on the customer's machines, as the seed writes it. */
  paths: string[];
  highPriority: boolean;
  note?: LocalizedText;
}

/** One stage of a run (install, image creation, data sync, host boot, cleanup, monitoring). */
export interface Stage {
  id: string;
  name: LocalizedText;
  entries: StageEntry[];
}

/** `resources/stages.json`. */
export interface StageTable {
  description: string;
  source: string;
  stages: Stage[];
}

/** A node of a decision tree. */
export type TriageNode =
  | { kind: 'question'; text: LocalizedText; branches: { label: LocalizedText; next: string; rules?: string[] }[] }
  | { kind: 'handling'; text: LocalizedText; handling: LocalizedText; next: string }
  | { kind: 'outcome'; outcome: 'resolved' | 'unresolved'; text: LocalizedText };

/** One decision tree of the seed (install, source, target, product…). */
export interface TriageTree {
  id: string;
  category: Category;
  title: LocalizedText;
  source: string;
  start: string;
  nodes: Record<string, TriageNode>;
}

/** `resources/triage.json`. */
export interface TriageTrees {
  description: string;
  source: string;
  trees: TriageTree[];
}

/**
 * Checks that every tree can be walked: the start and every `next` exist, every node is
 * reachable, and every walk ends in an outcome (no cycles); with `ruleIds`, that the rules a
 * branch names exist. Returns the problems found.
 */
export function checkTriageTrees(doc: TriageTrees, ruleIds?: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const tree of doc.trees) {
    const say = (what: string) => problems.push(`triage tree ${tree.id}: ${what}`);
    const nextOf = (node: TriageNode): string[] =>
      node.kind === 'question' ? node.branches.map((b) => b.next) : node.kind === 'handling' ? [node.next] : [];
    if (!tree.nodes[tree.start]) say(`start node "${tree.start}" does not exist`);
    for (const [id, node] of Object.entries(tree.nodes)) {
      for (const next of nextOf(node)) if (!tree.nodes[next]) say(`node "${id}" leads to missing node "${next}"`);
      if (node.kind === 'question' && node.branches.length < 2) say(`question "${id}" needs at least two branches`);
      if (node.kind === 'question' && ruleIds) {
        for (const rule of node.branches.flatMap((b) => b.rules ?? []))
          if (!ruleIds.has(rule)) say(`question "${id}" names unknown rule "${rule}"`);
      }
    }
    const reached = new Set<string>();
    const walk = (id: string, path: string[]): void => {
      if (path.includes(id)) {
        say(`cycle ${[...path, id].join(' → ')}`);
        return;
      }
      const node = tree.nodes[id];
      if (!node) return;
      reached.add(id);
      for (const next of nextOf(node)) walk(next, [...path, id]);
    };
    walk(tree.start, []);
    for (const id of Object.keys(tree.nodes))
      if (!reached.has(id)) say(`node "${id}" cannot be reached from "${tree.start}"`);
  }
  return problems;
}

/** How a component figures in a stage: 2 = a High Priority log, 1 = a log of the stage, 0 = not listed. */
export function stageWeight(stage: Stage, component: string): number {
  let weight = 0;
  for (const entry of stage.entries) {
    if (!entry.components.some((glob) => compileGlob(glob)(component))) continue;
    weight = Math.max(weight, entry.highPriority ? 2 : 1);
  }
  return weight;
}

/**
 * Orders items for a stage: those the stage names first (rules of the stage or of any stage,
 * then High Priority components, then other components of the stage), the rest after; ties
 * keep `compare`'s order.
 */
export function rankByStage<T>(
  items: readonly T[],
  stage: Stage,
  facts: (item: T) => { stages: readonly string[]; component: string },
  compare: (a: T, b: T) => number,
): T[] {
  const weights = new Map<string, number>();
  const weightOf = (component: string) => {
    let w = weights.get(component);
    if (w === undefined) weights.set(component, (w = stageWeight(stage, component)));
    return w;
  };
  const score = (item: T) => {
    const f = facts(item);
    // A rule for any stage (no stages listed) belongs to this one too.
    return (f.stages.length === 0 || f.stages.includes(stage.id) ? 4 : 0) + weightOf(f.component);
  };
  return [...items].sort((a, b) => score(b) - score(a) || compare(a, b));
}

/**
 * The branch of a question that the findings point to: the one naming most of the rules that
 * fired (by rule id), or null when none of its rules fired.
 */
export function suggestedBranch(
  node: Extract<TriageNode, { kind: 'question' }>,
  firedRules: ReadonlySet<string>,
): number | null {
  let best: number | null = null;
  let bestCount = 0;
  node.branches.forEach((branch, i) => {
    const count = (branch.rules ?? []).filter((r) => firedRules.has(r)).length;
    if (count > bestCount) {
      best = i;
      bestCount = count;
    }
  });
  return best;
}

/** One step of a suggested walk: the question and the answer the findings chose. */
export interface TriageStep {
  question: LocalizedText;
  answer: LocalizedText;
  /** The rules that fired and pointed to this answer. */
  rules: string[];
}

/** Where the findings lead in one decision tree. */
export interface TriageSuggestion {
  tree: string;
  category: Category;
  title: LocalizedText;
  steps: TriageStep[];
  /** The handling reached (what to do), if the walk got to one. */
  handling: { text: LocalizedText; handling: LocalizedText } | null;
}

/**


 */
export function suggestTriage(
  doc: TriageTrees,
  fired: ReadonlySet<string> | ReadonlyMap<string, ReadonlySet<string>>,
): TriageSuggestion[] {
  const suggestions: TriageSuggestion[] = [];
  const none = new Set<string>();
  for (const tree of doc.trees) {
    // Rules by category: a rule whose finding was placed on another side walks that side's tree.
    const firedRules = fired instanceof Map ? (fired.get(tree.category) ?? none) : (fired as ReadonlySet<string>);
    const steps: TriageStep[] = [];
    let handling: TriageSuggestion['handling'] = null;
    const seen = new Set<string>();
    let id: string | null = tree.start;
    while (id !== null && !seen.has(id)) {
      seen.add(id);
      const node: TriageNode | undefined = tree.nodes[id];
      if (!node || node.kind === 'outcome') break;
      if (node.kind === 'handling') {
        handling ??= { text: node.text, handling: node.handling };
        id = node.next;
        continue;
      }
      const at = suggestedBranch(node, firedRules);
      if (at === null) break;
      const branch: { label: LocalizedText; next: string; rules?: string[] } = node.branches[at];
      steps.push({
        question: node.text,
        answer: branch.label,
        rules: (branch.rules ?? []).filter((r) => firedRules.has(r)),
      });
      id = branch.next;
    }
    if (steps.length > 0)
      suggestions.push({ tree: tree.id, category: tree.category, title: tree.title, steps, handling });
  }
  return suggestions;
}
