// Golden summaries of the real public logs in ../shared/realdata (read at test time, never copied
// into the project): detected kind and format, line and event counts, level counts, first and
// last event time, and how many events took continuation lines. The expected summaries were
// generated once by `npx tsx test/golden/update-golden.ts` and checked by hand against the data.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadFormats } from '../../src/main/engine/platform/resources.ts';
import {
  analyse,
  REALDATA_DIR,
  REALDATA_SUMMARIES,
  realdataLogPaths,
  splitLines,
  summarise,
  type FileSummary,
} from './goldenSupport.ts';
import { describeRealdata } from './realdataSuite.ts';

const summaries = JSON.parse(readFileSync(REALDATA_SUMMARIES, 'utf8')) as Record<string, FileSummary>;

describeRealdata('real logs from ../shared/realdata', () => {
  // CI and every developer have ../shared beside the project; a missing folder is a failure, not a skip.
  it('the real data is there', () => {
    expect(existsSync(REALDATA_DIR), `no ${REALDATA_DIR} (set TARSIER_REALDATA)`).toBe(true);
  });
  const paths = realdataLogPaths();

  it('covers every real log, and every expected summary has its log', () => {
    expect(paths.length).toBeGreaterThan(20);
    const expected = Object.keys(summaries).sort();
    expect(expected, 'run `npx tsx test/golden/update-golden.ts` and check the new summaries by hand').toEqual(
      [...paths].sort(),
    );
  });

  for (const path of paths) {
    it(`${path} summary`, () => {
      const analysed = analyse(path, readFileSync(join(REALDATA_DIR, path), 'utf8'));
      expect(summarise(analysed)).toEqual(summaries[path]);
    });
  }

  // Facts checked by hand when the summaries were written, kept as explicit assertions.
  const load = (path: string) => analyse(path, readFileSync(join(REALDATA_DIR, path), 'utf8'));

  it('the nova journald traceback is one event of 29 lines, followed by the WARNING record', () => {
    const { format, events } = load('openstack/nova_down-cell_devstack_journald_traceback.log');
    expect(format).toBe('oslo-journald');
    expect(events.map((e) => [e.line, e.lineCount, e.level])).toEqual([
      [1, 29, 'error'],
      [30, 1, 'warning'],
    ]);
    expect(events[0].continuation[0]).toContain('ERROR nova.context Traceback (most recent call last):');
    expect(events[0].fields.rid).toBe('req-fdaff415-48b9-44a7-b4c3-015214e80b90');
  });

  it('the mistral traceback joins its ERROR head; the old TRACE-prefixed neutron traceback joins its first TRACE line', () => {
    const mistral = load('openstack/insights-core_mistral_log_samples.log');
    const tb = mistral.events.find((e) => e.message === 'Traceback (most recent call last):');
    expect(tb?.lineCount).toBe(7);
    expect(tb?.continuation.at(-2)).toContain('ActionException: HeatAction.stacks.get failed');
    const neutron = load('openstack/insights-core_neutron_metadata_agent_log_samples.log');
    expect(neutron.events.map((e) => [e.line, e.lineCount, e.level])).toEqual([
      [1, 1, 'warning'],
      [2, 1, 'error'],
      [3, 6, 'error'],
    ]);
  });

  it('the Cloudpods region log with an embedded goroutine profile is a cloudpods log; the profile continues the last record', () => {
    const { kind, format, events } = load('cloudpods/region_log_with_goroutine_profile_debug1.log');
    expect([kind, format]).toEqual(['log', 'cloudpods']);
    expect(events.map((e) => e.lineCount)).toEqual([1, 1, 43]);
    expect(events[2].continuation[0]).toBe('goroutine profile: total 83');
    expect(events.map((e) => e.fields.rid)).toEqual(['c3ee55', 'f7dcf7', '3985fa']);
  });

  it('the Cloudpods format switch: YYMMDD lines in the bundle zone, YYYY-MM-DD lines in UTC, the Go std log line its own event', () => {
    const { format, events } = load('cloudpods/issue24997_default-host_startup.log');
    expect(format).toBe('cloudpods');
    expect(events).toHaveLength(12);
    expect(events.every((e) => e.lineCount === 1)).toBe(true);
    expect(events[11].message).toBe('Allow hosts []');
    expect(new Date(events[11].time!).toISOString()).toBe('2026-06-09T04:05:08.000Z');
  });

  it('the PDF-wrapped Cloudpods doc fails only on the wrapped record', () => {
    const path = 'cloudpods/doc_poderror_colored_short_level_WRAPPED.log';
    const lines = splitLines(readFileSync(join(REALDATA_DIR, path), 'utf8'));
    const cloudpods = loadFormats().find((f) => f.id === 'cloudpods')!;
    // Of the two records the doc hard-wrapped, the first lost its caller to the wrap
    // ("[I 200618 16:13:32" alone on line 1); the [F …] record on line 10 still parses.
    const heads = lines.map((line, i) => (cloudpods.parse(line) ? i + 1 : 0)).filter((n) => n > 0);
    expect(heads).toEqual([10]);
    expect(lines.filter((line) => line.startsWith('['))).toHaveLength(2);
    // One head line in eleven is too few for detection to call the file a log: it is text
    // (not a JSON array because it starts with '[').
    const { kind, format } = load(path);
    expect([kind, format]).toEqual(['text', null]);
  });

  it('the klog banner continues the deprecation warning', () => {
    const { format, events } = load('k8s/openshift_cco_pr914_kube-rbac-proxy_klog_excerpt.log');
    expect(format).toBe('klog');
    expect(events.map((e) => [e.line, e.lineCount, e.level])).toEqual([
      [1, 7, 'warning'],
      [8, 1, 'info'],
      [9, 1, 'info'],
      [10, 1, 'info'],
    ]);
  });
});
