// Every rule in resources/rules: it loads (schema, query, stages), its example lines behave,
// and together the rules cover what issue 4 asks for. Adding a rule is adding a file: this
// test picks it up.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  loadFormats,
  loadRuleSpecs,
  loadRules,
  loadStageTable,
  loadTopology,
  loadTriageTrees,
  resourcesDir,
} from '../../src/main/engine/platform/resources.ts';
import { checkArtifactExamples, checkQueryExamples, exampleEvent } from '../../src/shared/rules/ruleExamples.ts';
import { ARTIFACT_CHECKS, CATEGORIES, validateRuleSpec } from '../../src/shared/rules/ruleSpec.ts';
import { checkTriageTrees, suggestedBranch, suggestTriage } from '../../src/shared/rules/stages.ts';

const rules = loadRules();
const formats = loadFormats();

describe('rule files', () => {
  it('all load and compile', () => {
    expect(loadRuleSpecs().length).toBe(rules.length);
    expect(rules.length).toBeGreaterThan(0);
  });

  for (const rule of rules.filter((r) => r.query)) {
    it(`${rule.spec.id}: examples match and counter-examples do not`, () => {
      expect(checkQueryExamples(rule, formats)).toEqual([]);
    });
  }

  // A placed rule's examples say where they are: the side given on the example, else the rule's
  // own category (a line that names no peer keeps it).
  for (const rule of rules.filter((r) => r.spec.placement)) {
    it(`${rule.spec.id}: each example is placed where it says`, () => {
      const topology = loadTopology();
      const got = rule.spec.examples.match.map((example) => {
        const event = exampleEvent(example, formats);
        const place = topology.place({
          placement: rule.spec.placement!,
          module: event.module,
          component: event.component,
          text: event.text,
        });
        return {
          line: event.text.slice(0, 120),
          side: place?.side ?? null,
          category: place ? topology.categoryOf(place.side) : rule.spec.category,
        };
      });
      const expected = rule.spec.examples.match.map((example, i) => ({
        line: got[i].line,
        side: example.side ?? got[i].side,
        category: example.side ? topology.categoryOf(example.side) : rule.spec.category,
      }));
      expect(got).toEqual(expected);
    });
  }

  for (const rule of rules.filter((r) => r.spec.artifact)) {
    it(`${rule.spec.id}: the artifact check finds its examples and not its counter-examples`, () => {
      expect(checkArtifactExamples(rule)).toEqual([]);
    });
  }

  it('the schema lists exactly the fields and checks the loader accepts', () => {
    const schema = JSON.parse(readFileSync(join(resourcesDir(), 'schema', 'rule.schema.json'), 'utf8'));
    const stageIds = new Set(loadStageTable().stages.map((s) => s.id));
    const minimal = {
      id: 'x',
      title: { en: 'a', zh: 'b' },
      severity: 'error',
      category: 'install',
      stages: [],
      query: 'a',
      advice: { en: 'a', zh: 'b' },
      references: [],
      examples: { match: [{ line: 'a', source: 's' }], noMatch: [{ line: 'b', source: 's' }] },
    };
    expect(validateRuleSpec(minimal, 'x.json', stageIds)).toEqual([]);
    for (const key of Object.keys(schema.properties)) {
      if (key === '$schema' || key in minimal) continue;
      // An optional field of the schema is accepted by the loader (not reported as unknown).
      const value =
        key === 'requires'
          ? { query: 'b', within: '5m' }
          : key === 'minCount'
            ? 2
            : key === 'artifact'
              ? undefined
              : null;
      if (value === undefined) continue;
      expect(
        validateRuleSpec({ ...minimal, [key]: value }, 'x.json', stageIds).filter((p) => p.includes('unknown field')),
      ).toEqual([]);
    }
    expect(validateRuleSpec({ ...minimal, extra: 1 }, 'x.json', stageIds)).toEqual([
      'rule x.json: unknown field "extra"',
    ]);
    // Nested objects are closed too, as the schema's additionalProperties: false says.
    expect(
      validateRuleSpec({ ...minimal, requires: { query: 'b', within: '5m', window: '5m' } }, 'x.json', stageIds),
    ).toEqual(['rule x.json: "requires": unknown field "window"']);
    expect(schema.properties.requires.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties.requires.properties).sort()).toEqual(['query', 'sameRequest', 'within']);
    expect(Object.keys(schema.properties.artifact.properties).sort()).toEqual(['check', 'min']);
    expect(schema.properties.category.enum).toEqual([...CATEGORIES]);
    expect(schema.properties.artifact.properties.check.enum).toEqual([...ARTIFACT_CHECKS]);
    expect(schema.required.sort()).toEqual([
      'advice',
      'category',
      'examples',
      'id',
      'references',
      'severity',
      'stages',
      'title',
    ]);
  });

  it('bad rule files are reported with the file and the field', () => {
    const stageIds = new Set(['host-boot-block']);
    const bad = {
      id: 'Bad_Id',
      title: { en: 'a' },
      severity: 'fatal',
      category: 'network',
      stages: ['boot'],
      query: '"unterminated',
      requires: { query: 'x', within: '5 minutes' },
      advice: 'fix it',
      references: [],
      examples: { match: [], noMatch: [{ source: 's' }] },
    };
    const problems = validateRuleSpec(bad, 'bad.json', stageIds);
    for (const expected of [
      '"id" must be kebab-case',
      '"title" must be',
      '"advice" must be',
      '"severity" must be one of',
      '"category" must be one of',
      'unknown stage "boot"',
      '"query":',
      '"requires.within" must be a duration',
      '"examples.match" must hold',
      '"examples.noMatch[0]": give "line"',
    ]) {
      expect(
        problems.some((p) => p.startsWith('rule bad.json: ') && p.includes(expected)),
        expected,
      ).toBe(true);
    }
  });
});

describe('stages and triage', () => {
  it('stages.json holds the seed §5 table, then the Cloudpods scenarios', () => {
    const table = loadStageTable();
    expect(table.stages.map((s) => s.id).filter((id) => !id.startsWith('cloudpods-'))).toEqual([
      'install-register',
      'gateway-image-block',
      'gateway-image-object',
      'gateway-image-generic',
      'data-sync-block',
      'data-sync-object',
      'host-boot-block',
      'host-boot-object',
      'host-cleanup',
      'monitoring',
    ]);
    const boot = table.stages.find((s) => s.id === 'host-boot-block')!;
    expect(boot.entries.filter((e) => e.highPriority).map((e) => e.log)).toEqual(['unicloud-engine', 'atomy-unicloud']);
    for (const stage of table.stages) {
      expect(stage.name.zh.length).toBeGreaterThan(0);
      expect(stage.entries.length).toBeGreaterThan(0);
      expect(
        stage.entries.some((e) => e.highPriority),
        stage.id,
      ).toBe(true);
    }
  });

  it('the decision trees can be walked to an outcome from every node', () => {
    const doc = loadTriageTrees();
    expect(checkTriageTrees(doc, new Set(rules.map((r) => r.spec.id)))).toEqual([]);
    // Every rule is reachable from the guided triage of its own category.
    const named = new Map(
      doc.trees.map((t) => [
        t.category,
        new Set(
          Object.values(t.nodes).flatMap((n) =>
            n.kind === 'question' ? n.branches.flatMap((b) => b.rules ?? []) : [],
          ),
        ),
      ]),
    );
    expect(
      rules.filter((r) => !named.get(r.spec.category)?.has(r.spec.id)).map((r) => `${r.spec.id} (${r.spec.category})`),
    ).toEqual([]);
    expect(doc.trees.map((t) => t.category).sort()).toEqual(['install', 'platform', 'product', 'source', 'target']);
  });

  it('findings suggest the branch that names their rules', () => {
    const install = loadTriageTrees().trees.find((t) => t.id === 'install')!;
    const question = install.nodes[install.start];
    if (question.kind !== 'question') throw new Error('install starts with a question');
    expect(suggestedBranch(question, new Set(['install-package-md5-mismatch']))).toBe(2);
    expect(
      suggestedBranch(question, new Set(['install-disk-full', 'install-port-in-use', 'install-permission-denied'])),
    ).toBe(1);
    expect(suggestedBranch(question, new Set(['go-panic']))).toBeNull();
  });

  it('the findings walk each tree to its handling as far as their rules lead', () => {
    const doc = loadTriageTrees();
    const walked = suggestTriage(
      doc,
      new Set(['install-package-md5-mismatch', 'target-quota-exceeded', 'k8s-pod-not-running']),
    );
    expect(walked.map((t) => t.tree)).toEqual(['install', 'target', 'platform']);
    expect(walked[0].steps.map((s) => s.answer.en)).toEqual(['Package MD5 check failed']);
    expect(walked[0].steps[0].rules).toEqual(['install-package-md5-mismatch']);
    expect(walked[0].handling?.handling.zh).toBe('重新下载或获取正确安装包并验证MD5');
    expect(walked[1].handling?.handling.en).toMatch(/cloud platform team/);
    expect(suggestTriage(doc, new Set())).toEqual([]);
  });

  it('a broken tree is reported', () => {
    const doc = loadTriageTrees();
    const tree = structuredClone(doc.trees[0]);
    tree.nodes['orphan'] = {
      kind: 'handling',
      text: { en: 'x', zh: 'x' },
      handling: { en: 'x', zh: 'x' },
      next: 'nowhere',
    };
    const question = Object.values(tree.nodes).find((n) => n.kind === 'question');
    if (question?.kind === 'question') question.branches[0].rules = ['no-such-rule'];
    const problems = checkTriageTrees({ ...doc, trees: [tree] }, new Set(rules.map((r) => r.spec.id)));
    expect(problems.some((p) => p.includes('names unknown rule "no-such-rule"'))).toBe(true);
    expect(problems).toContain(`triage tree ${tree.id}: node "orphan" leads to missing node "nowhere"`);
    expect(problems).toContain(`triage tree ${tree.id}: node "orphan" cannot be reached from "${tree.start}"`);
  });
});
