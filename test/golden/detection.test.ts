// Detection across all formats for the cases that decide between neighbours: JSON documents vs
// logs starting with '[', JSON lines with a panic inside, mixed files picked by counts, and the
// generic fallback never beating a specific format. Plus a guard against regex blow-ups.
import { describe, expect, it } from 'vitest';
import { detectFile, pickFormat } from '../../src/shared/formats/detectFormat.ts';
import { loadFormats } from '../../src/main/engine/platform/resources.ts';

const formats = loadFormats();
const detect = (path: string, lines: string[]) => {
  const d = detectFile(path, lines, formats);
  return [d.kind, d.format?.id ?? null];
};

describe('detection between neighbouring formats', () => {
  it('a log whose lines start with "[" is not a JSON array', () => {
    expect(
      detect('region.log', [
        '[info 220331 03:30:29 appsrv.(*Application).ServeHTTP(appsrv.go:246)] x',
        '[warning 220331 03:30:30 a.b(c.go:1)] y',
      ]),
    ).toEqual(['log', 'cloudpods']);
    expect(
      detect('hamal.log', ['[2025-09-18 16:24:31.123] [hamal] INFO a', '[2025-09-18 16:24:32.123] [hamal] ERROR b']),
    ).toEqual(['log', 'generic']);
  });

  it('JSON documents stay JSON, single-line or pretty-printed', () => {
    expect(
      detect('version.json', ['{"version":"v3.11.4","gitCommit":"abc","buildDate":"2024-01-01T00:00:00Z"}']),
    ).toEqual(['version-json', null]);
    expect(detect('stats', ['{', '  "stats": {', '    "request_count": 3', '  }', '}'])).toEqual(['stats-json', null]);
    expect(
      detect('list.json', [
        '[',
        '  {"time": "2025-09-18T08:24:31Z", "level": "info", "msg": "a"},',
        '  {"time": "2025-09-18T08:24:32Z", "level": "info", "msg": "b"}',
        ']',
      ]),
    ).toEqual(['json', null]);
  });

  it('a saved Cloudpods /version answer is version output, a log line like it is not', () => {
    expect(detect('region-version.txt', ['release/3.10(3f9d2c1ab25061208)', ''])).toEqual(['version-json', null]);
    expect(
      detect('region.log', ['release/3.10(3f9d2c1ab25061208)', '[info 220331 03:30:29 a.b(c.go:1)] started']),
    ).not.toEqual(['version-json', null]);
  });

  it('JSON lines with a Go panic in the middle are still a json-lines log', () => {
    const lines = [
      '{"level":"info","ts":1758183871.0,"msg":"a"}',
      '{"level":"error","ts":1758183872.0,"msg":"b"}',
      'panic: boom',
      '{"level":"info","ts":1758183873.0,"msg":"c"}',
    ];
    expect(detect('agent.log', lines)).toEqual(['log', 'json-lines']);
  });

  it('journald output: oslo records make oslo-journald, other units make syslog', () => {
    const oslo =
      'Apr 04 20:48:22 train devstack@n-api.service[10884]: ERROR nova.context [None req-fdaff415-48b9-44a7-b4c3-015214e80b90 None None] x';
    const tb =
      'Apr 04 20:48:22 train devstack@n-api.service[10884]: ERROR nova.context Traceback (most recent call last):';
    const sshd = 'Apr 04 20:48:23 train sshd[2231]: Accepted publickey for stack';
    expect(detect('n-api.log', [oslo, tb])).toEqual(['log', 'oslo-journald']);
    expect(detect('messages', [oslo, tb, sshd, sshd, sshd])).toEqual(['log', 'syslog-rfc3164']);
  });

  it('a Cloudpods pod log with Go std-log lines stays cloudpods; std-log lines alone are go-stdlog', () => {
    const cp = '[info 260609 04:05:08 options.parseOptions(options.go:392)] Set log level to "info"';
    const std = '2026/06/09 04:05:08 Allow hosts []';
    expect(detect('host.log', [cp, cp, std])).toEqual(['log', 'cloudpods']);
    expect(detect('exporter.log', [std, std])).toEqual(['log', 'go-stdlog']);
  });

  it('the generic fallback never beats a specific format that parses the sample', () => {
    for (const format of formats) {
      if (format.spec.fallback) continue;
      for (const sample of format.spec.samples) {
        const picked = pickFormat([sample.line.replace(/\x1b\[[0-9;]*m/g, '')], formats);
        expect(picked.format?.spec.fallback ?? false, `${format.id}: ${sample.line}`).toBe(false);
      }
    }
  });
});

describe('format regexes on hostile long lines', () => {
  // Catastrophic backtracking shows up as seconds, not milliseconds; the bound is generous.
  const n = 200_000;
  const inputs = [
    ' '.repeat(n),
    'time=2025-09-18T08:24:31Z ' + 'k=v '.repeat(n / 4),
    'time="2025-09-18T08:24:31Z" level=info msg="' + 'x\\"'.repeat(n / 3),
    '[info 220331 03:30:29 a' + '(b:1)'.repeat(n / 5),
    '2025-09-18 16:24:31,123 ERROR ' + 'a:'.repeat(n / 2),
    '2025-09-18 16:24:31,123 [1] ERROR ' + 'a'.repeat(n),
    '1 - - [10/Oct/2000:13:55:36 -0700] "' + '\\"'.repeat(n / 2),
    '<1>1 2003-10-11T22:14:15Z h a p m [' + 'x="\\"'.repeat(n / 5),
    'Apr 04 20:48:22 h u[1]: DEBUG l ' + '{{(pid=1) '.repeat(n / 10),
  ];
  it('every format answers within a second on 200 kB lines', () => {
    for (const line of inputs) {
      for (const format of formats) {
        const start = performance.now();
        format.parse(line);
        expect(performance.now() - start, `${format.id} on ${JSON.stringify(line.slice(0, 40))}`).toBeLessThan(1000);
      }
    }
  });
});
