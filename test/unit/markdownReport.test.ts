/**
 * The Markdown report cannot be broken by what it quotes: customer lines in tables (line breaks
 * of every kind, pipes, HTML), the engineer's own text (headings, unclosed fences, comments,
 * setext underlines); and it says truthfully what was and was not redacted.
 */
import { describe, expect, it } from 'vitest';
import { emptyNotes } from '../../src/shared/caseNotes.ts';
import { cell, markdownReport, prose } from '../../src/shared/reportText/markdownReport.ts';
import { emptyReport } from '../support/emptyReport.ts';

const report = emptyReport;

/** The level-2 headings of a Markdown text, outside code fences. */
function sections(markdown: string): string[] {
  let fenced = false;
  return markdown.split('\n').filter((line) => {
    if (/^`{3,}/.test(line)) fenced = !fenced;
    return !fenced && line.startsWith('## ');
  });
}

describe('markdownReport', () => {
  it('keeps a table row on one line whatever line break or HTML the cell holds', () => {
    for (const text of ['a\rb', 'a\nb', 'a\r\nb', 'a\u2028b', 'a\u2029b']) expect(cell(text)).toBe('a ⏎ b');
    expect(cell('<script>alert(1)</script> a|b & c')).toBe('&lt;script>alert(1)&lt;/script> a\\|b &amp; c');
  });

  it('keeps all thirteen sections whatever the engineer wrote', () => {
    const hostile = [
      '# My heading',
      '```',
      'unclosed fence',
      '<!-- a comment that never ends',
      'Setext',
      '===',
      '<h1>html</h1>',
    ].join('\n');
    const md = markdownReport(
      report({ case: { ...emptyNotes(), statement: hostile, conclusion: hostile, language: 'en', contextLines: 50 } }),
    );
    expect(sections(md)).toHaveLength(13);
    expect(prose('# Title\n<b>x</b>\n===', '')).toBe('#### Title\n&lt;b>x&lt;/b>\n\\===');
  });

  it('lists the message patterns with their counts, or says there are none', () => {
    const none = markdownReport(report({}));
    expect(sections(none).some((h) => /^## \d+\. Message patterns$/.test(h))).toBe(true);
    expect(none).toContain('No message template has warnings or errors.');
    const md = markdownReport(
      report({
        patterns: [
          {
            id: 7,
            text: 'Failed to attach volume <*> to <*>',
            count: 12,
            errors: 9,
            warnings: 3,
            firstTime: '2025-09-18T16:24:31+08:00',
            lastTime: '2025-09-18T16:30:00+08:00',
            query: 'template:7',
          },
        ],
      }),
    );
    const at = md.search(/^## \d+\. Message patterns$/m);
    const section = md.slice(at, md.indexOf('\n## ', at + 3));
    expect(section).toMatch(/Failed to attach volume &lt;\*> to &lt;\*>.*\| 12 \| 9 \| 3 \|/);
    expect(section).not.toContain('No message template');
  });

  it('says when secrets were not masked, and what was', () => {
    const counts = { ip: 3 };
    const networkOnly = markdownReport(
      report({ redaction: { secrets: false, network: true, counts, total: 3, pseudonyms: 1 } }),
    );
    expect(networkOnly).toContain('Secrets were NOT masked');
    expect(networkOnly).not.toContain('Secrets were masked');
    const both = markdownReport(
      report({ redaction: { secrets: true, network: true, counts: { password: 2, ip: 3 }, total: 5, pseudonyms: 1 } }),
    );
    expect(both).toMatch(
      /Secrets were masked \(password × 2\)\. IP addresses, host names and e-mail addresses were replaced .*\(ip × 3\)/,
    );
    expect(markdownReport(report())).toContain('Redaction was off');
  });
});

describe('markdownReport counts and zone', () => {
  const file = (events: number) => ({
    path: 'a.log',
    module: 'm',
    component: 'c',
    format: 'plain',
    encoding: 'utf-8',
    lines: events,
    events,
    levels: { critical: 0, error: 0, warning: 0, info: 0, debug: 0, trace: 0, unknown: 0 },
  });

  it('says "1 event" and "1 file" for one, and the plural for more', () => {
    const one = markdownReport(report({ files: [file(1)] as never }));
    expect(one).toContain('in 1 file, 1 event.');
    expect(one).toContain('1 file read, 0 entries skipped, 0 problems.');
    expect(one).toContain('0 findings (');
    expect(one).toContain('(10 bytes, 0 files,');
    const two = markdownReport(report({ files: [file(1), file(1)] as never }));
    expect(two).toContain('in 2 files, 2 events.');
    const zh = markdownReport(
      report({ files: [file(1)] as never, case: { ...emptyNotes(), language: 'zh', contextLines: 50 } }),
    );
    expect(zh).toContain('1 个文件、1 条事件');
  });

  it('names the zone and its offset instead of "local"', () => {
    const bundle = {
      name: 'case.tar.gz',
      bytes: 10,
      sha256: null,
      fileCount: 0,
      firstTime: '2025-09-18T16:24:31.000+08:00',
      lastTime: '2025-09-18T16:30:00.000+08:00',
    };
    const shanghai = markdownReport(report({ zone: 'Asia/Shanghai', bundle, bundles: [bundle] }));
    expect(shanghai).toMatch(/Times in.*Asia\/Shanghai \(UTC\+08:00\)/);
    const fixed = markdownReport(report({ zone: '+05:30', bundle, bundles: [bundle] }));
    expect(fixed).toMatch(/Times in.*UTC\+05:30/);
    // A span across the DST change in Berlin shows both offsets.
    const dst = { ...bundle, firstTime: '2025-03-29T12:00:00.000Z', lastTime: '2025-03-31T12:00:00.000Z' };
    const berlin = markdownReport(report({ zone: 'Europe/Berlin', bundle: dst, bundles: [dst] }));
    expect(berlin).toMatch(/Europe\/Berlin \(UTC\+01:00 \/ UTC\+02:00\)/);
    const local = markdownReport(report({ zone: 'local', bundle, bundles: [bundle] }));
    expect(local).not.toMatch(/Times in[^\n]*\blocal\b/);
    expect(local).toMatch(/Times in[^\n]*\(UTC[+-]\d\d:\d\d\)|Times in[^\n]*UTC/);
  });

  it('names levels in the report language: the pin badge, key events, traces', () => {
    // What the line says does not matter here, only how its level is named.
    const text = 'ERROR nova.compute.manager [instance: 4b9f] Failed to attach volume';
    const pin = {
      path: 'nova/nova-compute.log',
      line: 7,
      time: '2025-09-18T16:24:31.000+08:00',
      level: 'error' as const,
      component: 'nova/nova-compute',
      text,
      note: '',
      context: [],
      query: 'path:nova/nova-compute.log line:7',
    };
    const event = { ...pin, source: { kind: 'pin' as const } };
    const zhCase = { ...emptyNotes(), language: 'zh' as const, contextLines: 50 };
    const zh = markdownReport(report({ case: zhCase, pins: [pin], timeline: { events: [event], chart: null } }));
    expect(zh).toContain('nova/nova-compute · 错误');
    expect(zh).toMatch(/\| 错误 \|/);
    expect(zh).not.toMatch(/· error\b|\| error \|/);
    expect(zh).toContain('| 事件数 |');
    const en = markdownReport(report({ pins: [pin], timeline: { events: [event], chart: null } }));
    expect(en).toContain('nova/nova-compute · error');
    expect(en).toContain('| Events |');
  });

  it('names the artifact columns and the appendix entries in Chinese in a Chinese report', () => {
    const source = { path: 'k8s/pods.txt', line: 1 };
    const pod = {
      namespace: 'onecloud',
      name: 'region-0',
      ready: 0,
      containers: 1,
      status: 'CrashLoopBackOff',
      restarts: 9,
      age: '2d',
      line: 2,
    };
    const artifacts = {
      goroutines: [{ source, total: 3, groups: [{ count: 3, state: 'IO wait', topFrame: 'database/sql.(*DB).conn' }] }],
      pods: [{ source, pods: [pod], notRunning: [pod], notReady: [], lastLine: 2 }],
      versions: [],
      stats: [
        {
          source,
          service: 'region',
          api: [],
          workers: [{ name: 'task', active: 8, max: 8, queue: 40, backlog: null, detached: null }],
          databases: [
            { name: 'yunioncloud', maxOpen: 100, open: 100, inUse: 100, idle: 0, waitCount: 7, waitDurationMs: 1 },
          ],
        },
      ],
    };
    const queries = [
      { what: 'finding cloudpods-queue-full in cloudpods/region', query: 'level:error' },
      { what: 'pin nova/nova-compute.log:7', query: 'file:x' },
      { what: 'trace req-1', query: 'id:req-1' },
    ];
    const versions = [{ component: 'region', version: 'v3.8.8', path: 'region-version.json' }];
    const zhCase = { ...emptyNotes(), language: 'zh' as const, contextLines: 50 };
    const zh = markdownReport(report({ case: zhCase, artifacts: artifacts as never, queries, versions }));
    for (const english of [
      'Version',
      'state',
      'top frame',
      'namespace',
      'restarts',
      'worker pool',
      'in use',
      'finding ',
      'pin ',
      'trace ',
    ])
      expect(zh, english).not.toContain(`${english}`);
    expect(zh).toContain('| 组件 | 版本 | 路径 |');
    expect(zh).toContain('| 命名空间 | Pod | 就绪 | 状态 | 重启次数 | 运行时长 |');
    expect(zh).toContain('数据库 yunioncloud：使用中 100/100，等待 7 次');
    expect(zh).toContain('| 发现 cloudpods-queue-full（cloudpods/region） |');
    expect(zh).toContain('| 标记行 nova/nova-compute.log:7 |');
    const en = markdownReport(report({ artifacts: artifacts as never, queries, versions }));
    expect(en).toContain('| namespace | pod | ready | status | restarts | age |');
    expect(en).toContain('| finding cloudpods-queue-full in cloudpods/region |');
    expect(en).toContain('db yunioncloud: 100/100 in use, 7 waits');
  });
});
