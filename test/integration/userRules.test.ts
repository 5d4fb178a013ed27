// A rule the engineer makes from a line, through CaseManager as the UI calls it: the query
// proposed from the line's template matches it (and not the healthy line next to it);
// saveRule writes it to the data folder's rules/, refusing a broken rule with every bad field
// named; the case read again (reopenCase) has its finding, marked as a user rule; the same file
// works unchanged with `tarsier analyze --rules DIR`; rules are listed, exported, imported
// (all or none) and deleted.
import { readFile, mkdtemp, rm, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseManager } from '../../src/main/engine/case/caseManager.ts';
import { loadUserRules } from '../../src/main/engine/platform/userRules.ts';
import type { ApiResult, DeletedRule, ImportedRules, UserRuleList } from '../../src/shared/api.ts';
import type { CaseOverview, EventView, SearchPage } from '../../src/shared/caseViews.ts';
import type { Report } from '../../src/shared/report.ts';
import { proposeRuleQuery, ruleSpecFromDraft, type RuleLine } from '../../src/shared/rules/ruleFromLine.ts';
import { dispatchRequest } from '../../src/shared/ui/dispatch.ts';
import { buildTarGz } from '../support/archives.ts';
import { runCli } from '../support/runCli.ts';

// realdata/openstack/insights-core_cinder_log_samples.log lines 9–13 (a real oslo.log excerpt).
const PATH = 'var/log/cinder/volume.log';
const LINES = [
  '2015-06-19 07:31:41.026 7947 INFO cinder.volume.manager [-] Updating volume status',
  '2015-11-27 11:22:45.416 16656 INFO oslo.messaging._drivers.impl_rabbit [-] Connecting to AMQP server on 169.254.10.22:5672',
  '2015-11-27 11:22:45.426 16656 INFO oslo.messaging._drivers.impl_rabbit [-] Connected to AMQP server on 169.254.10.22:5672',
  '2015-11-27 11:23:07.146 16656 INFO cinder.volume.manager [req-a8c22cdb-e21b-497f-affe-9380478decae - - - - -] Updating volume status',
  '2015-11-27 11:23:07.148 16656 WARNING cinder.volume.manager [req-a8c22cdb-e21b-497f-affe-9380478decae - - - - -] Unable to update stats, LVMISCSIDriver -2.0.0 (config name rbd) driver is uninitialized.',
];

let dir: string;
let dataDir: string;
let bundle: string;
let manager: CaseManager;

async function call<T>(method: string, payload: unknown): Promise<ApiResult<T>> {
  return (await dispatchRequest(manager, method, payload)) as ApiResult<T>;
}
async function value<T>(method: string, payload: unknown): Promise<T> {
  const result = await call<T>(method, payload);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}
async function diagnosed(caseId: string): Promise<CaseOverview> {
  await manager.diagnosed(caseId);
  return value<CaseOverview>('overview', { caseId });
}
const lineOf = (event: EventView): RuleLine => ({
  text: event.text,
  ...(event.message !== undefined ? { message: event.message } : {}),
  level: event.level,
  module: event.module,
  component: event.component,
  path: event.path,
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-userrules-'));
  dataDir = join(dir, 'data');
  bundle = join(dir, 'cinder.tar.gz');
  await writeFile(bundle, await buildTarGz([{ name: PATH, data: LINES.join('\n') + '\n' }]));
  manager = new CaseManager({ dataDir, cacheDir: join(dataDir, 'index-cache') });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

let ruleFile = '';
let rule: Record<string, unknown> = {};

describe('a rule made from a line', () => {
  it('is proposed from the line, saved, and fires marked as a user rule when the case is read again', async () => {
    const { caseId } = await value<{ caseId: string }>('openCase', { paths: [bundle], zone: 'UTC' });
    const before = await diagnosed(caseId);
    expect(before.findings.some((f) => f.userRule)).toBe(false);

    const found = await value<SearchPage>('search', { caseId, query: '"driver is uninitialized"' });
    const event = found.hits[0];
    const healthy = (await value<SearchPage>('search', { caseId, query: '"Updating volume status"' })).hits[0];
    const query = proposeRuleQuery(lineOf(event))!;
    expect(query).toBe(
      '"Unable to update stats, LVMISCSIDriver" "config name rbd) driver is uninitialized" level:>=warning',
    );
    // The live count the dialog shows.
    expect((await value<SearchPage>('search', { caseId, query, limit: 1 })).total).toBe(1);

    rule = ruleSpecFromDraft({
      id: 'user-cinder-stats',
      title: { en: 'Cinder cannot update its stats', zh: 'Cinder 无法更新统计' },
      severity: 'error',
      category: 'target',
      stages: [],
      query,
      advice: { en: 'Check the volume driver configuration.', zh: '检查卷驱动配置。' },
      match: lineOf(event),
      noMatch: lineOf(healthy),
    });
    const saved = await value<{ id: string; path: string }>('saveRule', { rule });
    ruleFile = join(dataDir, 'rules', 'user-cinder-stats.json');
    expect(saved).toEqual({ id: 'user-cinder-stats', path: ruleFile });
    expect(JSON.parse(await readFile(ruleFile, 'utf8'))).toEqual(rule);
    expect(loadUserRules(join(dataDir, 'rules'))).toMatchObject({ problems: [], rules: [{ user: true }] });

    const again = await value<{ caseId: string }>('reopenCase', { caseId });
    const after = await diagnosed(again.caseId);
    const mine = after.findings.find((f) => f.rule === 'user-cinder-stats');
    expect(mine).toMatchObject({ userRule: true, severity: 'error', count: 1, component: event.component });
    expect(mine!.evidence[0].text).toBe(LINES[4]);
    // The built-in rules are not marked.
    expect(after.findings.filter((f) => f.rule !== 'user-cinder-stats').every((f) => f.userRule === undefined)).toBe(
      true,
    );
  }, 120_000);

  it('works unchanged with tarsier analyze --rules DIR, marked in the JSON and Markdown reports', async () => {
    const json = join(dir, 'report.json');
    const md = join(dir, 'report.md');
    const run = await runCli([
      'analyze',
      bundle,
      '--quiet',
      '--zone',
      'UTC',
      '--rules',
      join(dataDir, 'rules'),
      '--json',
      json,
      '--md',
      md,
    ]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(await readFile(json, 'utf8')) as Report;
    expect(report.findings.find((f) => f.rule === 'user-cinder-stats')).toMatchObject({ userRule: true, count: 1 });
    expect(report.findings.filter((f) => f.userRule).map((f) => f.rule)).toEqual(['user-cinder-stats']);
    expect(await readFile(md, 'utf8')).toMatch(/user-cinder-stats` · user rule/);
  }, 120_000);

  it('refuses a broken rule, naming every bad field, and a built-in id', async () => {
    const bad = await call('saveRule', {
      rule: { ...rule, id: 'user-bad', severity: 'fatal', title: { en: 'x', zh: '' }, query: '"unclosed' },
    });
    expect(bad.ok).toBe(false);
    const error = (bad as { error: string }).error;
    expect(error).toMatch(/^saveRule: rule user-bad\.json: /);
    expect(error).toMatch(/"severity" must be one of critical, error, warning, info, got "fatal"/);
    expect(error).toMatch(/"title"/);
    expect(error).toMatch(/"query"/);
    const builtin = await call('saveRule', { rule: { ...rule, id: 'connection-refused' } });
    expect(builtin).toEqual({
      ok: false,
      error: expect.stringMatching(/"connection-refused" is a built-in rule's id/),
    });
    const examples = await call('saveRule', {
      rule: { ...rule, id: 'user-never', query: '"no such words anywhere"' },
    });
    expect(examples).toEqual({ ok: false, error: expect.stringMatching(/does not match its match example/) });
    expect((await readdir(join(dataDir, 'rules'))).sort()).toEqual(['user-cinder-stats.json']);
  });

  it('lists, exports, imports (all or none) and deletes the rules', async () => {
    const list = await value<UserRuleList>('userRules', {});
    expect(list.rules.map((r) => [r.id, r.problem])).toEqual([['user-cinder-stats', null]]);
    const exported = list.rules.map((r) => r.spec!);

    const refused = await call('importRules', {
      rules: [
        { ...exported[0], id: 'user-copy' },
        { ...exported[0], id: 'user-broken', category: 'weather' },
      ],
    });
    expect(refused).toEqual({ ok: false, error: expect.stringMatching(/\[1\] rule user-broken\.json: "category"/) });
    expect(await readdir(join(dataDir, 'rules'))).toEqual(['user-cinder-stats.json']);

    const imported = await value<ImportedRules>('importRules', { rules: [{ ...exported[0], id: 'user-copy' }] });
    expect(imported.ids).toEqual(['user-copy']);
    expect((await value<UserRuleList>('userRules', {})).rules.map((r) => r.id)).toEqual([
      'user-cinder-stats',
      'user-copy',
    ]);

    const deleted = await value<DeletedRule>('deleteRule', { id: 'user-copy' });
    expect(deleted.rule?.id).toBe('user-copy');
    expect(await call('deleteRule', { id: 'connection-refused' })).toEqual({
      ok: false,
      error: expect.stringMatching(/built-in rule/),
    });
    expect(await readdir(join(dataDir, 'rules'))).toEqual(['user-cinder-stats.json']);
  });
});
