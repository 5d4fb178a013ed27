// Acceptance of the diagnostics on the generated incident bundle: every planted incident (one or
// more per category) raises a finding of its category in its component, and that finding covers
// the incident's key line (its query finds it, or its artifact evidence names it). Also the
// parts of rule evaluation the rule files alone do not show: `requires`, `minCount`, stages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoseCase, rankFindings, type Diagnosis } from '../../src/main/engine/diagnose/diagnoseCase.ts';
import { evaluateRules } from '../../src/main/engine/diagnose/evaluateRules.ts';
import { matchingEvents } from '../../src/main/engine/index/searchIndex.ts';
import { loadStageTable } from '../../src/main/engine/platform/resources.ts';
import { composeReport } from '../../src/main/engine/report/composeReport.ts';
import { epochMs } from '../../src/shared/model.ts';
import { parseQuery } from '../../src/shared/search/queryLanguage.ts';
import { compileRule, type RuleSpec } from '../../src/shared/rules/ruleSpec.ts';
import type { Finding } from '../../src/shared/rules/finding.ts';
import { openGeneratedCase, type GeneratedCase } from '../support/generatedCase.ts';

let generated: GeneratedCase;
let diagnosis: Diagnosis;

beforeAll(async () => {
  generated = await openGeneratedCase('tarsier-diagnose-');
  diagnosis = diagnoseCase(generated.index, generated.inventory);
}, 120_000);
afterAll(() => generated?.remove());

/** Event id of a line, or -1. */
function eventAt(path: string, line: number): number {
  const { index } = generated;
  const file = index.files.findIndex((f) => f.record.path === path);
  if (file < 0) return -1;
  const f = index.files[file];
  for (let e = f.first; e < f.first + f.count; e++)
    if (index.events.line[e] <= line && line < index.events.line[e] + index.events.lineCount[e]) return e;
  return -1;
}

function covers(finding: Finding, path: string, line: number): boolean {
  if (finding.query === null) return finding.evidence.some((e) => e.path === path && e.line === line);
  const parsed = parseQuery(finding.query);
  if (!parsed.ok) throw new Error(`${finding.rule}: ${parsed.error.message}`);
  const event = eventAt(path, line);
  return event >= 0 && matchingEvents(generated.index, parsed.query).events.has(event);
}

function spec(id: string, query: string, extra: Partial<RuleSpec> = {}): RuleSpec {
  return {
    id,
    title: { en: id, zh: id },
    severity: 'error',
    category: 'product',
    stages: [],
    query,
    advice: { en: 'a', zh: 'b' },
    references: [],
    examples: { match: [], noMatch: [] },
    ...extra,
  };
}
function compiled(s: RuleSpec) {
  const result = compileRule(s);
  if (!result.ok) throw new Error(result.error);
  return result.rule;
}

describe('diagnostics on the generated incident bundle', () => {
  it('plants an incident of every category', () => {
    expect(new Set(generated.manifest.incidents.map((i) => i.category))).toEqual(
      new Set(['install', 'source', 'target', 'product', 'platform']),
    );
  });

  it('raises, for every incident, a finding of its category in its component that covers its key line', () => {
    const missing: string[] = [];
    for (const incident of generated.manifest.incidents) {
      const found = diagnosis.findings.filter(
        (f) =>
          f.category === incident.category &&
          f.module === incident.module &&
          (f.component === incident.component || f.evidence.some((e) => e.path === incident.path)),
      );
      if (!found.some((f) => covers(f, incident.path, incident.line))) {
        missing.push(
          `${incident.id} (${incident.category}, ${incident.module}/${incident.component}, ${incident.path}:${incident.line}); findings there: ${
            diagnosis.findings
              .filter((f) => f.module === incident.module)
              .map((f) => `${f.rule}/${f.category}`)
              .join(', ') || 'none'
          }`,
        );
      }
    }
    expect(missing).toEqual([]);
  });

  it('gives each finding real evidence lines, times in order, and the request ids of the incident', () => {
    for (const finding of diagnosis.findings) {
      expect(finding.count).toBeGreaterThanOrEqual(finding.evidence.length);
      expect(finding.evidence.length).toBeGreaterThan(0);
      if (finding.firstTime !== null) expect(finding.lastTime!).toBeGreaterThanOrEqual(finding.firstTime);
      for (const e of finding.evidence.filter((x) => x.event >= 0)) {
        expect(generated.index.eventLines(e.event, 1)[0]).toBe(e.text);
        expect(generated.index.fileOf(e.event).record.path).toBe(e.path);
      }
    }
    const attach = generated.manifest.incidents.find((i) => i.id === 'attach-volume-404')!;
    const onKey = diagnosis.findings.find(
      (f) => f.rule === 'nova-cinder-attach-404' && f.component === attach.component,
    )!;
    expect(onKey.evidence.map((e) => e.line)).toContain(attach.line);
    expect(onKey.requestIds).toContain(attach.requestIds[0]);
  });

  it('reads the artifacts: the region dump, the pods table, the version', () => {
    const { artifacts } = diagnosis;
    expect(
      artifacts.goroutines.some(
        (d) => d.form === 'profile' && d.source.path.endsWith('default-region-65f4b4445d-lqklc.log'),
      ),
    ).toBe(true);
    expect(artifacts.pods[0].notRunning.map((p) => p.name)).toContain('onecloud-operator-c79f98c6c-lndnb');
    expect(artifacts.versions.some((v) => v.gitVersion === 'v3.8.8-20220330.0')).toBe(true);
  });

  it('requires: keeps only events with a partner in the time window or on the same request', () => {
    const { index } = generated;
    const attach = generated.manifest.incidents.find((i) => i.id === 'attach-volume-404')!;
    const base = spec('t-base', 'level:>=error "Failed to attach volume"');
    const alone = evaluateRules(index, [compiled(base)]);
    const near = evaluateRules(index, [
      compiled({ ...base, id: 't-near', requires: { query: '"RUNNING -> ERROR"', within: '10s' } }),
    ]);
    const far = evaluateRules(index, [
      compiled({
        ...base,
        id: 't-far',
        requires: { query: '"RUNNING -> ERROR" -"attach_volume" -"attach_volumes"', within: '10s' },
      }),
    ]);
    const sameRequest = evaluateRules(index, [
      compiled({ ...base, id: 't-req', requires: { query: 'component:porter-api "Boot host"', sameRequest: true } }),
    ]);
    const otherRequest = evaluateRules(index, [
      compiled({
        ...base,
        id: 't-other',
        requires: { query: `component:porter-api "Boot host" -id:${attach.requestIds[0]}`, sameRequest: true },
      }),
    ]);
    const total = (fs: Finding[]) => fs.reduce((n, f) => n + f.count, 0);
    expect(total(alone)).toBeGreaterThan(0);
    expect(total(near)).toBeGreaterThan(0);
    expect(total(far)).toBeLessThan(total(near));
    expect(total(sameRequest)).toBeGreaterThan(0);
    expect(total(otherRequest)).toBeLessThan(total(sameRequest));
  });

  it('requires: an event is never its own partner', () => {
    // Both queries match the same single event: without another event there is no partner.
    const attach = generated.manifest.incidents.find((i) => i.id === 'attach-volume-404')!;
    const self = spec('t-self', `level:>=error "Failed to attach volume" component:${attach.component}`, {
      requires: { query: `"Failed to attach volume" component:${attach.component} level:>=error`, within: '1h' },
    });
    const alone = evaluateRules(generated.index, [compiled({ ...self, requires: undefined })]);
    expect(alone.reduce((n, f) => n + f.count, 0)).toBe(1);
    expect(evaluateRules(generated.index, [compiled(self)])).toEqual([]);
    // The same request id written as req-<uuid> in one event and as a bare uuid in none: pairing
    // goes through the same lookup keys as trace (the porter-api line carries the req- form).
    const viaRequest = evaluateRules(generated.index, [
      compiled({ ...self, id: 't-req2', requires: { query: 'component:porter-api "Boot host"', sameRequest: true } }),
    ]);
    expect(viaRequest.reduce((n, f) => n + f.count, 0)).toBe(1);
  });

  it('shows the traceback line a rule matched below the first line', () => {
    const hamal = generated.manifest.incidents.find((i) => i.id === 'hamal-agentless-404')!;
    const finding = diagnosis.findings.find(
      (f) => f.rule === 'openstack-resource-not-found' && f.component === hamal.component,
    )!;
    const evidence = finding.evidence.find((e) => e.line === hamal.line)!;
    expect(evidence.text).toContain('Unhandled error type');
    expect(evidence.match?.text).toContain('NotFound: The resource could not be found. (HTTP 404)');
    expect(evidence.match?.line).toBe(hamal.evidence.find((e) => e.text.includes('NotFound: The resource'))?.line);
    // A rule whose words are on the first line shows no separate match line.
    expect(
      diagnosis.findings.find((f) => f.rule === 'keystoneauth-notfound-unhandled')?.evidence[0].match,
    ).toBeUndefined();
  });

  it('the last evidence line is the latest timed event, matching lastTime', () => {
    for (const finding of diagnosis.findings.filter((f) => f.lastTime !== null)) {
      const last = finding.evidence[finding.evidence.length - 1];
      expect(last.time, finding.rule).toBe(finding.lastTime);
    }
  });

  it('minCount: a rule below its count raises nothing', () => {
    const once = compiled(spec('t-once', '"WorkerManager task has been busy for"'));
    const count = evaluateRules(generated.index, [once])[0].count;
    expect(count).toBeGreaterThan(1);
    expect(evaluateRules(generated.index, [compiled({ ...once.spec, minCount: count })])).toHaveLength(1);
    expect(evaluateRules(generated.index, [compiled({ ...once.spec, minCount: count + 1 })])).toHaveLength(0);
  });

  it('--stage ranks the stage rules and High Priority components first, and lists its files', () => {
    const stage = loadStageTable().stages.find((s) => s.id === 'host-boot-block')!;
    const ranked = rankFindings(diagnosis.findings, stage);
    expect(ranked).toHaveLength(diagnosis.findings.length);
    expect(ranked[0].stages).toContain('host-boot-block');
    expect(['unicloud-engine', 'atomy-unicloud']).toContain(ranked[0].component);
    const report = composeReport(
      generated.index,
      generated.inventory,
      { ...diagnosis, findings: ranked, stage },
      { generatedAt: epochMs(0), generator: 'test' },
    );
    expect(report.stage?.files[0]).toMatchObject({ highPriority: true });
    expect(report.stage?.files.map((f) => f.component)).toContain('porter-api');
    expect(report.findings[0].stage).toBe('host-boot-block');
    expect(report.findings.every((f) => f.advice.zh.length > 0 && f.title.en.length > 0)).toBe(true);
  });
});
