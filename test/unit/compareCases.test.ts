// The pure comparison of two case summaries: exact output on small hand-built summaries
// (rates normalised by each case's span, alignment by first error or chosen event, templates
// matched by their masked text across ids, findings, versions, config, pods and goroutines).
import { describe, expect, it } from 'vitest';
import {
  compareCases,
  mapComparisonTimes,
  podWorkload,
  templateKey,
  type CaseSummary,
  type TemplateSummary,
} from '../../src/shared/compare/compareCases.ts';
import { parseConfigLines } from '../../src/shared/compare/configLines.ts';
import { redactJson } from '../../src/shared/redact/redactReport.ts';
import { bundleRelative } from '../../src/main/engine/compare/caseSummary.ts';
import { epochMs, type EpochMs, type FileRecord } from '../../src/shared/model.ts';
import { porterConf } from '../fixtures/fixedContent.ts';
import { DEFAULT_START, makeWorld } from '../fixtures/world.ts';

const T0 = Date.UTC(2025, 8, 18, 8, 0, 0);
const at = (minutes: number): EpochMs => epochMs(T0 + minutes * 60_000);

function summary(over: Partial<CaseSummary>): CaseSummary {
  return {
    name: 'x.tar.gz',
    span: { from: at(0), to: at(60) },
    firstError: null,
    templates: [],
    findings: [],
    versions: [],
    pods: [],
    goroutines: [],
    config: [],
    configFiles: [],
    ...over,
  };
}

function template(id: number, text: string, count: number, over: Partial<TemplateSummary> = {}): TemplateSummary {
  return { id, text, count, errors: 0, warnings: 0, firstTime: at(0), lastTime: at(60), ...over };
}

describe('compareCases: templates', () => {
  // A spans 60 minutes, B 30: the same count in B is twice the rate.
  const a = summary({
    templates: [
      template(0, 'Heartbeat from <*> ok', 60),
      template(1, 'Connection to <*> refused', 6, { errors: 6 }),
      template(2, 'Sync of <*> done', 30),
      template(3, 'Retrying <*> in <*> seconds', 20, { warnings: 20 }),
      template(4, 'Only in A <*>', 3),
    ],
  });
  const b = summary({
    span: { from: at(100), to: at(130) },
    templates: [
      // Ids differ per case; the text matches (runs of variables collapse to one).
      template(7, 'Heartbeat   from <*> <*> ok', 30),
      template(5, 'Connection to <*> refused', 30, { errors: 30 }),
      template(9, 'Sync of <*> done', 300),
      template(6, 'Retrying <*> in <*> seconds', 10, { warnings: 10 }),
      template(8, 'Volume <*> could not be found', 4, { errors: 4, firstTime: at(110), lastTime: at(120) }),
      template(10, 'Never seen', 0),
    ],
  });
  const c = compareCases(a, b, { kind: 'wall' });

  it('lists what only one case has, with its id in that case', () => {
    expect(c.templates.onlyB).toEqual([
      {
        text: 'Volume <*> could not be found',
        level: 'error',
        a: null,
        b: { id: 8, count: 4, errors: 4, warnings: 0, firstTime: at(110), lastTime: at(120), perMinute: 4 / 30 },
        ratio: null,
      },
    ]);
    expect(c.templates.onlyA.map((d) => [d.text, d.a?.id, d.a?.perMinute])).toEqual([['Only in A <*>', 4, 3 / 60]]);
  });

  it('normalises rates by each span, errors and warnings first, then the biggest change', () => {
    // Connection: 6/60 → 30/30 = ×10 (error); Retrying: 20/60 → 10/30 = ×1 (same, not listed);
    // Sync: 30/60 → 300/30 = ×20; Heartbeat: 60/60 → 30/30 = ×1.
    expect(c.templates.rateChanged.map((d) => [d.text, d.level, d.a?.id, d.b?.id, d.ratio])).toEqual([
      ['Connection to <*> refused', 'error', 1, 5, 10],
      ['Sync of <*> done', 'other', 2, 9, 20],
    ]);
    expect(c.templates.totals).toEqual({ onlyA: 1, onlyB: 1, rateChanged: 2, same: 2 });
    expect(c.a.templates).toBe(5);
    expect(c.b.templates).toBe(5);
  });

  it('keeps a small change or a rare template off the rate list', () => {
    const few = compareCases(
      summary({ templates: [template(0, 'rare <*>', 1), template(1, 'half <*>', 100)] }),
      summary({ templates: [template(0, 'rare <*>', 3), template(1, 'half <*>', 51)] }),
      { kind: 'wall' },
    );
    // 1 → 3 is ×3 but 4 events in all; 100 → 51 is not half.
    expect(few.templates.rateChanged).toEqual([]);
    expect(few.templates.totals.same).toBe(2);
    const halved = compareCases(
      summary({ templates: [template(1, 'half <*>', 100)] }),
      summary({ templates: [template(1, 'half <*>', 50)] }),
      { kind: 'wall' },
    );
    expect(halved.templates.rateChanged.map((d) => d.ratio)).toEqual([0.5]);
  });

  it('counts a span under a minute as one minute', () => {
    const short = compareCases(
      summary({ span: { from: at(0), to: at(0.1) }, templates: [template(0, 't', 6)] }),
      summary({ span: null, templates: [template(0, 't', 60)] }),
      { kind: 'wall' },
    );
    expect(short.templates.rateChanged.map((d) => [d.a?.perMinute, d.b?.perMinute, d.ratio])).toEqual([[6, 60, 10]]);
  });
});

describe('compareCases: alignment', () => {
  const a = summary({ firstError: at(42) });
  const b = summary({ span: { from: at(1000), to: at(1100) }, firstError: at(1010) });

  it('by wall time: no offset', () => {
    expect(compareCases(a, b, { kind: 'wall' }).alignment).toEqual({
      kind: 'wall',
      offsetMs: 0,
      anchorA: null,
      anchorB: null,
      fallback: null,
    });
  });

  it('by first error: B moved so its first error falls on A’s', () => {
    const c = compareCases(a, b, { kind: 'first-error' });
    expect(c.alignment).toEqual({
      kind: 'first-error',
      offsetMs: -968 * 60_000,
      anchorA: at(42),
      anchorB: at(1010),
      fallback: null,
    });
    expect(c.b.firstError! + c.alignment.offsetMs).toBe(c.a.firstError);
  });

  it('by first error without an error in A: wall time, said', () => {
    expect(compareCases(summary({}), b, { kind: 'first-error' }).alignment).toEqual({
      kind: 'first-error',
      offsetMs: 0,
      anchorA: null,
      anchorB: null,
      fallback: 'case A has no error: aligned by wall time',
    });
  });

  it('by a chosen event in each', () => {
    expect(compareCases(a, b, { kind: 'event', a: at(10), b: at(1005) }).alignment.offsetMs).toBe(-995 * 60_000);
  });
});

describe('compareCases: findings, versions, config, pods, goroutines', () => {
  const finding = (rule: string, component: string, count: number, severity: 'error' | 'warning' = 'error') => ({
    rule,
    title: { en: rule, zh: rule },
    severity,
    module: 'porter',
    component,
    count,
    firstTime: at(1),
    lastTime: at(2),
  });
  const pod = (name: string, status: string, restarts: number, ready = 1) => ({
    namespace: 'onecloud',
    name,
    status,
    ready,
    containers: 1,
    restarts,
    path: 'cloudpods/kubectl_get_pods.txt',
  });
  const a = summary({
    findings: [finding('rabbitmq-down', 'porter-api', 3), finding('db-timeout', 'porter-api', 1)],
    versions: [
      { service: 'region', version: 'v3.8.8', path: 'cloudpods/region-version.json' },
      { service: 'host', version: 'v3.8.8', path: 'cloudpods/host-version.json' },
    ],
    configFiles: ['etc/porter/porter.conf', 'etc/only-a.conf'],
    config: [
      { path: 'etc/porter/porter.conf', key: 'DEFAULT.api_workers', value: '4' },
      { path: 'etc/porter/porter.conf', key: 'DEFAULT.debug', value: 'False' },
      { path: 'etc/porter/porter.conf', key: 'migration.sync_interval', value: '3600' },
      { path: 'etc/only-a.conf', key: 'x', value: '1' },
    ],
    pods: [
      pod('default-region-65f4b4445d-lqklc', 'Running', 0),
      pod('default-host-8nkh5', 'Running', 2),
      pod('default-web-849dc55988-bxlws', 'Running', 1),
      pod('default-glance-0', 'Running', 0),
      pod('default-glance-1', 'Running', 0),
    ],
    goroutines: [
      { topFrame: 'main.sleepLoop', state: 'chan receive', count: 10 },
      { topFrame: 'net/http.(*conn).serve', state: 'IO wait', count: 4 },
    ],
  });
  const b = summary({
    findings: [finding('db-timeout', 'porter-api', 9), finding('pod-crashloop', 'region', 1, 'warning')],
    versions: [
      { service: 'region', version: 'v3.8.9', path: 'cloudpods/region-version.json' },
      { service: 'host', version: 'v3.8.8', path: 'cloudpods/host-version.json' },
      { service: 'porter', version: '3.2.1', path: 'porter-3.2.1.tar.gz' },
    ],
    configFiles: ['etc/porter/porter.conf', 'etc/only-b.ini'],
    config: [
      { path: 'etc/porter/porter.conf', key: 'DEFAULT.api_workers', value: '8' },
      { path: 'etc/porter/porter.conf', key: 'DEFAULT.debug', value: 'False' },
      { path: 'etc/porter/porter.conf', key: 'migration.snapshot_retention', value: '3' },
      { path: 'etc/only-b.ini', key: 'y', value: '2' },
    ],
    pods: [
      // Recreated with a new name: matched by its workload.
      pod('default-region-7d9c6b5f8-x2k9p', 'CrashLoopBackOff', 7, 0),
      pod('default-host-8nkh5', 'Running', 2),
      pod('default-web-849dc55988-bxlws', 'Running', 1),
      pod('default-glance-0', 'Running', 3),
      pod('default-glance-1', 'Running', 0),
      pod('default-new-6f7d8c9b4-abcde', 'Pending', 0, 0),
    ],
    goroutines: [
      { topFrame: 'main.sleepLoop', state: 'chan receive', count: 10 },
      { topFrame: 'net/http.(*conn).serve', state: 'IO wait', count: 400 },
      { topFrame: 'database/sql.(*DB).conn', state: 'select', count: 50 },
    ],
  });
  const c = compareCases(a, b, { kind: 'wall' });

  it('findings by rule and component', () => {
    expect(c.findings.onlyA.map((f) => [f.rule, f.component, f.count])).toEqual([['rabbitmq-down', 'porter-api', 3]]);
    expect(c.findings.onlyB.map((f) => [f.rule, f.component, f.severity])).toEqual([
      ['pod-crashloop', 'region', 'warning'],
    ]);
    expect(c.a.findings).toBe(2);
  });

  it('versions that differ', () => {
    expect(c.versions).toEqual([
      { service: 'porter', a: null, b: '3.2.1' },
      { service: 'region', a: 'v3.8.8', b: 'v3.8.9' },
    ]);
  });

  it('config values of the same file, and files only one case has', () => {
    expect(c.config).toEqual({
      changed: [
        { path: 'etc/porter/porter.conf', key: 'DEFAULT.api_workers', a: '4', b: '8' },
        { path: 'etc/porter/porter.conf', key: 'migration.snapshot_retention', a: null, b: '3' },
        { path: 'etc/porter/porter.conf', key: 'migration.sync_interval', a: '3600', b: null },
      ],
      onlyA: ['etc/only-a.conf'],
      onlyB: ['etc/only-b.ini'],
    });
  });

  it('pods: status changed and restarts up, by workload when one pod each, else by name', () => {
    expect(c.pods).toEqual([
      {
        namespace: 'onecloud',
        key: 'default-region',
        a: { name: 'default-region-65f4b4445d-lqklc', status: 'Running', ready: 1, containers: 1, restarts: 0 },
        b: { name: 'default-region-7d9c6b5f8-x2k9p', status: 'CrashLoopBackOff', ready: 0, containers: 1, restarts: 7 },
        restartsUp: 7,
        statusChanged: true,
      },
      {
        namespace: 'onecloud',
        key: 'default-glance-0',
        a: { name: 'default-glance-0', status: 'Running', ready: 1, containers: 1, restarts: 0 },
        b: { name: 'default-glance-0', status: 'Running', ready: 1, containers: 1, restarts: 3 },
        restartsUp: 3,
        statusChanged: false,
      },
      {
        namespace: 'onecloud',
        key: 'default-new',
        a: null,
        b: { name: 'default-new-6f7d8c9b4-abcde', status: 'Pending', ready: 0, containers: 1, restarts: 0 },
        restartsUp: 0,
        statusChanged: false,
      },
    ]);
  });

  it('goroutine groups whose size differs, biggest change first', () => {
    expect(c.goroutines).toEqual([
      { topFrame: 'net/http.(*conn).serve', state: 'IO wait', a: 4, b: 400 },
      { topFrame: 'database/sql.(*DB).conn', state: 'select', a: 0, b: 50 },
    ]);
  });
});

describe('helpers', () => {
  it('templateKey collapses spaces and runs of variables', () => {
    expect(templateKey('  a  <*> <*>  b <*>')).toBe('a <*> b <*>');
  });

  it('podWorkload strips a Deployment or DaemonSet suffix, keeps a StatefulSet ordinal', () => {
    expect(podWorkload('default-region-65f4b4445d-lqklc')).toBe('default-region');
    expect(podWorkload('default-host-8nkh5')).toBe('default-host');
    expect(podWorkload('default-glance-0')).toBe('default-glance-0');
  });

  it('mapComparisonTimes maps every time', () => {
    const c = compareCases(
      summary({ firstError: at(1), templates: [template(0, 'x', 3, { errors: 3 })] }),
      summary({ firstError: at(2), templates: [template(0, 'y', 3)] }),
      { kind: 'first-error' },
    );
    const mapped = mapComparisonTimes(c, (t) => (t === null ? null : `T${(t - T0) / 60_000}`));
    expect(mapped.a).toMatchObject({ from: 'T0', to: 'T60', firstError: 'T1' });
    expect(mapped.alignment).toMatchObject({ anchorA: 'T1', anchorB: 'T2' });
    expect(mapped.templates.onlyA[0].a).toMatchObject({ firstTime: 'T0', lastTime: 'T60' });
    expect(mapped.templates.onlyB[0].b).toMatchObject({ firstTime: 'T0', lastTime: 'T60' });
  });
});

describe('parseConfigLines', () => {
  it('reads an oslo.config file as section.key, secrets masked', () => {
    const entries = parseConfigLines('etc/porter/porter.conf', porterConf(makeWorld(1, DEFAULT_START)));
    expect(entries.slice(0, 5)).toEqual([
      { key: 'DEFAULT.debug', value: 'False' },
      { key: 'DEFAULT.log_dir', value: '/var/log/porter' },
      { key: 'DEFAULT.transport_url', value: 'rabbit://[REDACTED:connection-string]@10.20.0.10:5672/' },
      { key: 'DEFAULT.api_workers', value: '4' },
      {
        key: 'database.connection',
        value: 'mysql+pymysql://[REDACTED:connection-string]@10.20.0.10/porter?charset=utf8',
      },
    ]);
    expect(Object.fromEntries(entries.map((e) => [e.key, e.value]))).toMatchObject({
      'keystone_authtoken.username': 'porter',
      'keystone_authtoken.password': '[REDACTED:password]',
      'migration.sync_interval': '3600',
      'migration.target_access_key': '[REDACTED:access-key]',
      'migration.target_secret_key': '[REDACTED:secret-key]',
    });
    expect(entries).toHaveLength(18);
  });

  it('reads the top level of YAML only, and nothing of other files', () => {
    const yaml = ['# c', 'replicaCount: 1', 'image:', '  repository: nginx', 'tag: v1.2 # pinned', '---', '- item'];
    expect(parseConfigLines('chart/values.yaml', yaml)).toEqual([
      { key: 'replicaCount', value: '1' },
      { key: 'tag', value: 'v1.2' },
    ]);
    expect(parseConfigLines('var/log/messages', ['a = b'])).toEqual([]);
  });
});

describe('bundleRelative', () => {
  const file = (path: string, bundle: number) => ({ path, bundle }) as FileRecord;
  it('drops the top folder every file of a bundle shares, per bundle', () => {
    const relative = bundleRelative({
      files: [
        file('sosreport-node1/etc/a.conf', 0),
        file('sosreport-node1/var/log/x.log', 0),
        file('etc/b.conf', 1),
        file('var/log/y.log', 1),
      ],
    });
    expect(relative('sosreport-node1/etc/a.conf')).toBe('etc/a.conf');
    expect(relative('etc/b.conf')).toBe('etc/b.conf');
  });
});

describe('redactJson', () => {
  it('masks secrets and aliases addresses in a comparison, leaving Tarsier’s own words', () => {
    const c = compareCases(
      summary({
        configFiles: ['etc/porter/porter.conf'],
        config: [{ path: 'etc/porter/porter.conf', key: 'DEFAULT.transport_url', value: 'rabbit://10.20.0.10:5672/' }],
      }),
      summary({
        configFiles: ['etc/porter/porter.conf'],
        config: [{ path: 'etc/porter/porter.conf', key: 'DEFAULT.transport_url', value: 'rabbit://10.20.0.11:5672/' }],
        findings: [
          {
            rule: 'rabbitmq-down',
            title: { en: 'RabbitMQ at 10.20.0.11 down', zh: 'RabbitMQ 不可用' },
            severity: 'error',
            module: 'porter',
            component: 'porter-api',
            count: 1,
            firstTime: null,
            lastTime: null,
          },
        ],
      }),
      { kind: 'wall' },
    );
    const { value, redaction } = redactJson(c, { secrets: true, network: true });
    expect(value.config.changed).toEqual([
      {
        path: 'etc/porter/porter.conf',
        key: 'DEFAULT.transport_url',
        a: 'rabbit://[ip-1]:5672/',
        b: 'rabbit://[ip-2]:5672/',
      },
    ]);
    // A rule's id, severity and title are Tarsier's words.
    expect(value.findings.onlyB[0]).toMatchObject({
      rule: 'rabbitmq-down',
      severity: 'error',
      title: { en: 'RabbitMQ at 10.20.0.11 down' },
    });
    expect(redaction.counts.ip).toBe(2);
    // The input is not changed.
    expect(c.config.changed[0].a).toBe('rabbit://10.20.0.10:5672/');
  });
});
