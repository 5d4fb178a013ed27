// Real logs that a clone of the project alone still has: the copies in test/fixtures/vendored
// (lnav's BSD-2-Clause test logs, Apache-2.0 OpenStack samples; see its README for where each
// came from). The real-data tests on ../shared skip without it; these never do. The OpenStack
// copies share their expected summaries with realdata.test.ts; the lnav table below was written
// from a run and checked by hand against the files.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, GOLDEN_DIR, REALDATA_DIR, REALDATA_SUMMARIES, summarise, type FileSummary } from './goldenSupport.ts';
import { describeRealdata } from './realdataSuite.ts';

const VENDORED = resolve(GOLDEN_DIR, '..', 'fixtures', 'vendored');
const LNAV = join(VENDORED, 'lnav');
const OPENSTACK = join(VENDORED, 'openstack');
const HAR = join(VENDORED, 'har');

const logsIn = (dir: string) =>
  readdirSync(dir)
    .filter((name) => name !== 'LICENSE' && !name.startsWith('.') && !name.endsWith('.md'))
    .sort();
const load = (dir: string, name: string) => analyse(name, readFileSync(join(dir, name), 'utf8'));

type Level = keyof FileSummary['levels'];
interface Expected {
  kind: string;
  format: string | null;
  lines: number;
  events: number;
  /** Events with a time. */
  timed: number;
  /** Events per level; levels not named have none. */
  levels: Partial<Record<Level, number>>;
}

// prettier-ignore
const LNAV_EXPECTED: Record<string, Expected> = {
  'logfile_access_log.0': { kind: 'log', format: 'access-log', lines: 3, events: 3, timed: 3, levels: { info: 2, warning: 1 } },
  'logfile_bunyan.0': { kind: 'log', format: 'json-lines', lines: 10, events: 10, timed: 10, levels: { debug: 9, info: 1 } },
  'logfile_crlf.0': { kind: 'log', format: 'colon-levels', lines: 2, events: 2, timed: 2, levels: { debug: 1, warning: 1 } },
  'logfile_ecs_log.json': { kind: 'log', format: 'json-lines', lines: 5, events: 5, timed: 5, levels: { debug: 1, info: 1, warning: 1, error: 1, critical: 1 } },
  'logfile_generic.1': { kind: 'log', format: 'generic', lines: 2, events: 2, timed: 2, levels: { info: 1, error: 1 } },
  'logfile_glog.0': { kind: 'log', format: 'klog', lines: 7, events: 7, timed: 7, levels: { error: 2, info: 4, warning: 1 } },
  'logfile_grafana.0': { kind: 'log', format: 'logfmt', lines: 5, events: 5, timed: 5, levels: { info: 5 } },
  'logfile_haproxy.0': { kind: 'log', format: 'haproxy', lines: 17, events: 17, timed: 17, levels: { info: 13, unknown: 4 } },
  'logfile_invalid_utf8.0': { kind: 'log', format: 'colon-levels', lines: 6, events: 1, timed: 1, levels: { info: 1 } },
  'logfile_java.0': { kind: 'log', format: 'generic', lines: 20, events: 20, timed: 20, levels: { info: 20 } },
  'logfile_json.json': { kind: 'log', format: 'json-lines', lines: 14, events: 14, timed: 14, levels: { trace: 1, debug: 1, info: 2, warning: 1, error: 1, critical: 2, unknown: 6 } },
  'logfile_leveltest.0': { kind: 'log', format: 'generic', lines: 8, events: 8, timed: 8, levels: { trace: 1, debug: 1, info: 1, warning: 1, critical: 1, unknown: 3 } },
  'logfile_logfmt.0': { kind: 'log', format: 'logfmt', lines: 5, events: 5, timed: 5, levels: { error: 2, warning: 1, info: 2 } },
  'logfile_multiline.0': { kind: 'log', format: 'colon-levels', lines: 3, events: 2, timed: 2, levels: { debug: 1, error: 1 } },
  'logfile_rollover.2': { kind: 'log', format: 'syslog-rfc3164', lines: 375, events: 375, timed: 375, levels: { unknown: 375 } },
  'logfile_rust_tracing.0': { kind: 'log', format: 'json-lines', lines: 5, events: 5, timed: 5, levels: { trace: 1, info: 2, warning: 1, error: 1 } },
  'logfile_syslog.0': { kind: 'log', format: 'syslog-rfc3164', lines: 4, events: 4, timed: 4, levels: { unknown: 4 } },
  'logfile_syslog.1': { kind: 'log', format: 'syslog-rfc3164', lines: 4, events: 4, timed: 4, levels: { unknown: 4 } },
  'logfile_syslog.3': { kind: 'log', format: 'syslog-rfc3164', lines: 17, events: 7, timed: 7, levels: { unknown: 2, info: 5 } },
};

describe('vendored real logs (test/fixtures/vendored)', () => {
  it('each folder has its licence, and the README names every file', () => {
    const readme = readFileSync(join(VENDORED, 'README.md'), 'utf8');
    for (const dir of [LNAV, OPENSTACK, HAR]) {
      expect(existsSync(join(dir, 'LICENSE')), `${dir}/LICENSE`).toBe(true);
      for (const name of logsIn(dir)) {
        // The insights-core files are listed as one row with the services named.
        const listed = name.startsWith('insights-core_')
          ? readme.includes(name.replace(/^insights-core_|_log_samples\.log$/g, ''))
          : readme.includes(name);
        expect(listed, `${name} is not in test/fixtures/vendored/README.md`).toBe(true);
      }
    }
  });

  it('the lnav table covers every vendored lnav log', () => {
    expect(Object.keys(LNAV_EXPECTED).sort()).toEqual(logsIn(LNAV));
  });

  for (const [name, expected] of Object.entries(LNAV_EXPECTED)) {
    it(`lnav ${name}: ${expected.format ?? expected.kind}, ${expected.timed} of ${expected.events} events timed`, () => {
      const analysed = load(LNAV, name);
      const summary = summarise(analysed);
      const levels = Object.fromEntries(Object.entries(summary.levels).filter(([, n]) => n > 0));
      expect({
        kind: summary.kind,
        format: summary.format,
        lines: summary.lines,
        events: summary.events,
        timed: analysed.events.filter((e) => e.time !== null).length,
        levels,
      }).toEqual(expected);
    });
  }

  it('every lnav file detected as a log has a time on each of its lines (heads and their continuations)', () => {
    for (const name of logsIn(LNAV)) {
      const { kind, lines, events } = load(LNAV, name);
      if (kind !== 'log') continue;
      const timedLines = events.filter((e) => e.time !== null).reduce((n, e) => n + e.lineCount, 0);
      expect(timedLines / lines.length, name).toBe(1);
    }
  });

  it('continuation lines join their head: the indented line, and the tab-indented syslog notices', () => {
    const multiline = load(LNAV, 'logfile_multiline.0');
    expect(multiline.events.map((e) => [e.line, e.lineCount, e.level])).toEqual([
      [1, 2, 'debug'],
      [3, 1, 'error'],
    ]);
    const syslog = load(LNAV, 'logfile_syslog.3');
    expect(syslog.events.reduce((n, e) => n + e.lineCount, 0)).toBe(17);
    expect(syslog.events.filter((e) => e.lineCount > 1).every((e) => e.continuation[0].startsWith('\t'))).toBe(true);
  });

  const summaries = JSON.parse(readFileSync(REALDATA_SUMMARIES, 'utf8')) as Record<string, FileSummary>;
  for (const name of logsIn(OPENSTACK)) {
    it(`openstack/${name}: the summary realdata.test.ts expects of ../shared's copy`, () => {
      const expected = summaries[`openstack/${name}`];
      expect(expected, `no summary for openstack/${name} in ${REALDATA_SUMMARIES}`).toBeDefined();
      expect(summarise(load(OPENSTACK, name))).toEqual(expected);
    });
  }

  it('the nova journald traceback is one event of 29 lines, followed by the WARNING record', () => {
    const { format, events } = load(OPENSTACK, 'nova_down-cell_devstack_journald_traceback.log');
    expect(format).toBe('oslo-journald');
    expect(events.map((e) => [e.line, e.lineCount, e.level])).toEqual([
      [1, 29, 'error'],
      [30, 1, 'warning'],
    ]);
    expect(events[0].fields.rid).toBe('req-fdaff415-48b9-44a7-b4c3-015214e80b90');
  });

  it('the mistral traceback joins its ERROR head; the TRACE-prefixed neutron traceback joins its first TRACE line', () => {
    const mistral = load(OPENSTACK, 'insights-core_mistral_log_samples.log');
    const tb = mistral.events.find((e) => e.message === 'Traceback (most recent call last):');
    expect(tb?.lineCount).toBe(7);
    const neutron = load(OPENSTACK, 'insights-core_neutron_metadata_agent_log_samples.log');
    expect(neutron.events.map((e) => [e.line, e.lineCount, e.level])).toEqual([
      [1, 1, 'warning'],
      [2, 1, 'error'],
      [3, 6, 'error'],
    ]);
  });
});

// Where ../shared is there, the copies must still be byte for byte what it holds.
describeRealdata('vendored copies match ../shared', () => {
  const sources: [string, string][] = [
    [LNAV, resolve(REALDATA_DIR, '..', 'peers', 'lnav', 'test')],
    [OPENSTACK, join(REALDATA_DIR, 'openstack')],
  ];
  for (const [copies, source] of sources) {
    it(`${copies} = ${source}`, () => {
      for (const name of logsIn(copies))
        expect(readFileSync(join(copies, name)).equals(readFileSync(join(source, name))), name).toBe(true);
    });
  }
});
