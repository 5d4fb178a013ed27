// The report's "Compared with" section as Markdown, in English and Chinese, against the files in
// test/golden/expected/comparison/ (rewrite them with TARSIER_UPDATE_GOLDEN=1 and read the diff).
// The comparison is made by the pure compareCases from hand-built summaries that have something
// in every part: templates only in A and B and with changed rates, findings, versions, config,
// pods, goroutine groups, and an alignment by first error.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareCases, mapComparisonTimes, type CaseSummary } from '../../src/shared/compare/compareCases.ts';
import { epochMs, type EpochMs } from '../../src/shared/model.ts';
import { comparisonOutline } from '../../src/shared/reportText/comparisonBlocks.ts';
import { markdownOutline, markdownReport } from '../../src/shared/reportText/markdownReport.ts';
import { formatIso } from '../../src/shared/time.ts';
import { emptyReport } from '../support/emptyReport.ts';
import { GOLDEN_DIR } from './goldenSupport.ts';

const EXPECTED = join(GOLDEN_DIR, 'expected', 'comparison');
const T0 = Date.UTC(2025, 8, 18, 0, 0, 0);
const at = (minutes: number): EpochMs => epochMs(T0 + minutes * 60_000);

const base: Omit<CaseSummary, 'name' | 'span' | 'firstError'> = {
  templates: [],
  findings: [],
  versions: [],
  pods: [],
  goroutines: [],
  config: [],
  configFiles: [],
};
const a: CaseSummary = {
  ...base,
  name: 'sosreport-node1.tar.xz',
  span: { from: at(0), to: at(120) },
  firstError: at(30),
  templates: [
    { id: 0, text: 'Boot host <*> requested', count: 120, errors: 0, warnings: 0, firstTime: at(0), lastTime: at(120) },
    {
      id: 1,
      text: 'Volume <*> could not be found. (HTTP <*>)',
      count: 4,
      errors: 4,
      warnings: 0,
      firstTime: at(30),
      lastTime: at(90),
    },
    {
      id: 2,
      text: 'Agent <*> heartbeat late by <*> s',
      count: 40,
      errors: 0,
      warnings: 40,
      firstTime: at(5),
      lastTime: at(115),
    },
    {
      id: 3,
      text: 'Sync task <*> finished | <*> blocks',
      count: 12,
      errors: 0,
      warnings: 0,
      firstTime: at(2),
      lastTime: at(110),
    },
  ],
  findings: [
    {
      rule: 'agent-connection-timeout',
      title: { en: 'Agent cannot reach the gateway', zh: '代理无法连接网关' },
      severity: 'error',
      module: 'egisplus-agent',
      component: 'linux_agent',
      count: 3,
      firstTime: at(31),
      lastTime: at(60),
    },
  ],
  versions: [{ service: 'region', version: 'v3.8.8-20220330.0', path: 'cloudpods/region-version.json' }],
  pods: [
    {
      namespace: 'onecloud',
      name: 'default-region-65f4b4445d-lqklc',
      status: 'Running',
      ready: 1,
      containers: 1,
      restarts: 0,
      path: 'kubectl_get_pods.txt',
    },
  ],
  goroutines: [{ topFrame: 'yunion.io/x/onecloud/pkg/appsrv.(*SWorkerManager).run', state: 'chan receive', count: 12 }],
  configFiles: ['etc/porter/porter.conf', 'etc/hamal/hamal.ini'],
  config: [
    { path: 'etc/porter/porter.conf', key: 'DEFAULT.api_workers', value: '4' },
    { path: 'etc/porter/porter.conf', key: 'keystone_authtoken.password', value: '[REDACTED:password]' },
  ],
};
const b: CaseSummary = {
  ...base,
  name: 'sosreport-node2.tar.xz',
  span: { from: at(1440), to: at(1500) },
  firstError: at(1445),
  templates: [
    {
      id: 5,
      text: 'Boot host <*> requested',
      count: 60,
      errors: 0,
      warnings: 0,
      firstTime: at(1440),
      lastTime: at(1500),
    },
    {
      id: 4,
      text: 'Volume <*> could not be found. (HTTP <*>)',
      count: 20,
      errors: 20,
      warnings: 0,
      firstTime: at(1445),
      lastTime: at(1499),
    },
    {
      id: 7,
      text: 'Agent <*> heartbeat late by <*> s',
      count: 20,
      errors: 0,
      warnings: 20,
      firstTime: at(1441),
      lastTime: at(1490),
    },
    {
      id: 6,
      text: "VolumeLimitExceeded: quota 'volumes' exceeded (HTTP <*>)",
      count: 3,
      errors: 3,
      warnings: 0,
      firstTime: at(1470),
      lastTime: at(1480),
    },
  ],
  findings: [
    {
      rule: 'target-quota-exceeded',
      title: { en: 'Target platform quota exceeded', zh: '目标平台配额超限' },
      severity: 'error',
      module: 'storplus',
      component: 'storplus-engine',
      count: 3,
      firstTime: at(1470),
      lastTime: at(1480),
    },
  ],
  versions: [{ service: 'region', version: 'v3.8.9-20220415.0', path: 'cloudpods/region-version.json' }],
  pods: [
    {
      namespace: 'onecloud',
      name: 'default-region-7d9c6b5f8-x2k9p',
      status: 'CrashLoopBackOff',
      ready: 0,
      containers: 1,
      restarts: 7,
      path: 'kubectl_get_pods.txt',
    },
  ],
  goroutines: [
    { topFrame: 'yunion.io/x/onecloud/pkg/appsrv.(*SWorkerManager).run', state: 'chan receive', count: 480 },
  ],
  configFiles: ['etc/porter/porter.conf'],
  config: [
    { path: 'etc/porter/porter.conf', key: 'DEFAULT.api_workers', value: '8' },
    { path: 'etc/porter/porter.conf', key: 'keystone_authtoken.password', value: '[REDACTED:password]' },
  ],
};

const comparison = mapComparisonTimes(compareCases(a, b, { kind: 'first-error' }), (t) =>
  t === null ? null : formatIso(t, '+08:00'),
);

/** The section of a report's Markdown, from its heading to the next section's. */
function section(markdown: string, heading: RegExp): string {
  const start = markdown.search(heading);
  expect(start, 'the section is there').toBeGreaterThan(0);
  const next = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, next < 0 ? undefined : next + 1);
}

function golden(name: string, actual: string): void {
  const path = join(EXPECTED, name);
  if (process.env.TARSIER_UPDATE_GOLDEN === '1') {
    mkdirSync(EXPECTED, { recursive: true });
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('"Compared with" in the Markdown report', () => {
  for (const language of ['en', 'zh'] as const) {
    it(`prints every part of the comparison (${language})`, () => {
      const report = emptyReport({ comparison });
      const markdown = markdownReport(report, language);
      const title = language === 'en' ? 'Compared with' : '对比';
      const text = section(markdown, new RegExp(`^## \\d+\\. ${title}$`, 'm'));
      golden(`section.${language}.md`, text);
      // The contents list it, after Artifacts.
      expect(markdown).toMatch(new RegExp(`\\d+\\. \\[${title}\\]`));
      // `tarsier compare --md` prints the same blocks under its own title.
      const alone = markdownOutline(comparisonOutline(comparison, language));
      expect(alone.slice(alone.indexOf('\n\n') + 2).trimEnd()).toBe(text.slice(text.indexOf('\n\n') + 2).trimEnd());
    });
  }

  it('is left out of a report made without a comparison', () => {
    expect(markdownReport(emptyReport())).not.toContain('Compared with');
  });
});
