/**
 * Runs a rule's example lines: each `match` example must match the rule's query and each
 * `noMatch` example must not. The line's level is read the way a bundle would be read (the
 * best-fitting log format), so an example also shows the rule works on real formatting.
 */
import { emptyArtifacts, type CaseArtifacts } from '../artifacts/artifactModel.ts';
import { readArtifactBlocks, readArtifactJson } from '../artifacts/readArtifacts.ts';
import type { CompiledFormat } from '../formats/compileFormat.ts';
import { pickFormat } from '../formats/detectFormat.ts';
import { compileMatcher, type EventFacts } from '../search/matchEvent.ts';
import { checkArtifacts } from './artifactFindings.ts';
import { splitComponent } from './finding.ts';
import type { CompiledRule, RuleExample } from './ruleSpec.ts';

/** The event an example line stands for. */
export function exampleEvent(example: RuleExample, formats: readonly CompiledFormat[]): EventFacts {
  const line = example.line ?? '';
  let level = example.level;
  if (level === undefined) {
    const { format } = pickFormat([line], formats);
    level = format?.parse(line)?.level ?? 'unknown';
  }
  const [module, component] = splitComponent(example.component ?? 'unknown/unknown');
  return {
    text: [line, ...(example.continuation ?? [])].join('\n'),
    level,
    module,
    component,
    path: `${module}/${component}.log`,
    time: null,
  };
}

/** Every example of a query rule that does not behave, as a sentence naming the rule and the line. */
export function checkQueryExamples(rule: CompiledRule, formats: readonly CompiledFormat[]): string[] {
  if (!rule.query) return [];
  const matches = compileMatcher(rule.query, { zone: 'UTC', reference: null });
  const problems: string[] = [];
  for (const [expected, list] of [
    [true, rule.spec.examples.match],
    [false, rule.spec.examples.noMatch],
  ] as const) {
    for (const example of list) {
      const event = exampleEvent(example, formats);
      if (matches(event) !== expected) {
        problems.push(
          `rule ${rule.spec.id}: ${expected ? 'does not match' : 'matches'} its ${expected ? 'match' : 'noMatch'} example (level ${event.level}, component ${event.module}/${event.component}): ${event.text.slice(0, 200)}`,
        );
      }
    }
  }
  return problems;
}

/** The artifacts an example block holds (a JSON answer, or dumps and tables in text). */
export function exampleArtifacts(example: RuleExample): CaseArtifacts {
  const artifacts = emptyArtifacts();
  const text = example.text ?? '';
  const source = { path: 'example.txt', line: 1 };
  if (!/^\s*[{[]/.test(text) || !readArtifactJson(text, source, null, artifacts))
    readArtifactBlocks(text.split(/\r?\n/), source, null, artifacts);
  return artifacts;
}

/** Every example of an artifact rule that does not behave. */
export function checkArtifactExamples(rule: CompiledRule): string[] {
  const artifact = rule.spec.artifact;
  if (!artifact) return [];
  const problems: string[] = [];
  for (const [expected, list] of [
    [true, rule.spec.examples.match],
    [false, rule.spec.examples.noMatch],
  ] as const) {
    for (const example of list) {
      const hits = checkArtifacts(exampleArtifacts(example), artifact.check, artifact.min);
      if (hits.length > 0 !== expected) {
        problems.push(
          `rule ${rule.spec.id}: check ${artifact.check} ${expected ? 'finds nothing in' : `finds ${hits.map((h) => h.text).join('; ')} in`} its ${expected ? 'match' : 'noMatch'} example: ${(example.text ?? '').slice(0, 200)}`,
        );
      }
    }
  }
  return problems;
}
