/**
 * A saved user rule in the rule dialog: the line it was made from (its first must-match
 * example) and the spec saved from the edited fields.
 */
import { LEVELS } from '../../../../shared/model.ts';
import type { RuleLine } from '../../../../shared/rules/ruleFromLine.ts';
import type { RuleSpec } from '../../../../shared/rules/ruleSpec.ts';

type Example = RuleSpec['examples']['match'][number];

/** An example line of a rule file as a line of the case it was taken from (`source: case file …`). */
function lineOfExample(example: Example | undefined): RuleLine | null {
  if (example?.line === undefined) return null;
  const [module = '', component = ''] = (example.component ?? '').split('/');
  const path = /^case file (.+)$/.exec(example.source ?? '')?.[1] ?? '';
  const level = example.level && (LEVELS as readonly string[]).includes(example.level) ? example.level : 'unknown';
  return { text: example.line, level, module, component, path };
}

/** The line a saved rule was made from: its first must-match example (null for an artifact rule). */
export function ruleLineOfSpec(spec: RuleSpec): RuleLine | null {
  return spec.query === undefined ? null : lineOfExample(spec.examples.match[0]);
}

/** The saved rule's first must-not-match line (the dialog keeps it while the query leaves it out). */
export function savedNoMatchOf(spec: RuleSpec): RuleLine | null {
  return spec.query === undefined ? null : lineOfExample(spec.examples.noMatch[0]);
}

/**
 * A saved rule with the dialog's fields over it: what the dialog does not show stays as saved
 * (a second stage, more examples, `requires`, `minCount`, references); the must-not-match
 * examples are the saved ones unless `healthy` (the query now matches the saved one, and a
 * healthy line of this case took its place).
 */
export function editedSpec(
  spec: RuleSpec,
  drafted: Record<string, unknown>,
  { stageKept, healthy }: { stageKept: boolean; healthy: boolean },
): Record<string, unknown> {
  const examples = drafted.examples as { noMatch: unknown[] };
  return {
    ...spec,
    id: spec.id,
    title: drafted.title,
    severity: drafted.severity,
    category: drafted.category,
    stages: stageKept ? spec.stages : drafted.stages,
    query: drafted.query,
    advice: drafted.advice,
    examples: { match: spec.examples.match, noMatch: healthy ? examples.noMatch : spec.examples.noMatch },
  };
}
