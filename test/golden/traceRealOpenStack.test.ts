// Tracing request ids across the real loghub OpenStack logs (nova-api, nova-compute, nova-scheduler,
// read from ../shared/realdata at test time, never copied into the project). The dataset's
// request_id_correlation.json lists the 43 request ids seen in more than one file, with the number
// of lines carrying each id per file; traceId must find exactly those lines.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { CaseIndex } from '../../src/main/engine/index/caseIndex.ts';
import { indexCase } from '../../src/main/engine/index/indexCase.ts';
import { requestsOfInterest, traceId } from '../../src/main/engine/index/traceId.ts';
import { REALDATA_DIR } from './goldenSupport.ts';
import { describeRealdata, REALDATA_MISSING } from './realdataSuite.ts';

const OPENSTACK = join(REALDATA_DIR, 'loghub', 'OpenStack');
const SPLIT = join(OPENSTACK, 'split_by_file');

interface Correlation {
  distinct_request_ids: number;
  request_ids_in_more_than_one_file: number;
  request_ids_on_more_than_one_line: number;
  /** Request id → file (base name without `.log`) → lines carrying it. */
  cross_file_request_ids: Record<string, Record<string, number>>;
}

let index: CaseIndex;
let correlation: Correlation;
/** File base name → its raw lines. */
const raw = new Map<string, string[]>();

beforeAll(async () => {
  if (REALDATA_MISSING) return;
  if (!existsSync(SPLIT)) throw new Error(`no ${SPLIT}: set TARSIER_REALDATA to the shared realdata folder`);
  correlation = JSON.parse(readFileSync(join(OPENSTACK, 'request_id_correlation.json'), 'utf8')) as Correlation;
  for (const name of readdirSync(SPLIT).filter((n) => n.endsWith('.log'))) {
    raw.set(
      name.replace(/\.log$/, ''),
      readFileSync(join(SPLIT, name), 'utf8')
        .split('\n')
        .filter((l) => l !== ''),
    );
  }
  const result = await indexCase([SPLIT], { zone: 'UTC', indexMode: 'inline' });
  if (!result.ok) throw new Error(result.error);
  index = result.value.index;
});

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1).replace(/\.log$/, '');
const linesWith = (id: string): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const [file, lines] of raw) {
    const n = lines.filter((l) => l.includes(id)).length;
    if (n > 0) out[file] = n;
  }
  return out;
};

describeRealdata('trace on the real OpenStack logs (loghub, split by file)', () => {
  it('the real data is there', () => {
    expect(existsSync(SPLIT), `no ${SPLIT} (set TARSIER_REALDATA)`).toBe(true);
    expect([...raw.keys()].sort()).toEqual(['nova-api', 'nova-compute', 'nova-scheduler']);
  });

  it('indexes the three nova files, one line per event', () => {
    expect(
      index.files.map((f) => [baseName(f.record.path), `${f.record.module}/${f.record.component}`, f.count]),
    ).toEqual([
      ['nova-api', 'nova/nova-api', raw.get('nova-api')!.length],
      ['nova-compute', 'nova/nova-compute', raw.get('nova-compute')!.length],
      ['nova-scheduler', 'nova/nova-scheduler', raw.get('nova-scheduler')!.length],
    ]);
    // The correlation file counts lines; here every event is one line, so lines = events.
    expect(index.events.lineCount.every((n) => n === 1)).toBe(true);
  });

  it('the correlation file counts lines that carry the id', () => {
    const ids = Object.keys(correlation.cross_file_request_ids);
    expect(ids).toHaveLength(43);
    expect(correlation.request_ids_in_more_than_one_file).toBe(43);
    for (const id of ids) expect(linesWith(id), id).toEqual(correlation.cross_file_request_ids[id]);
  });

  it('traces each of the 43 cross-file request ids to exactly the listed lines, in time order', () => {
    for (const [id, perFile] of Object.entries(correlation.cross_file_request_ids)) {
      const trace = traceId(index, id);
      expect(trace.key, id).toBe(id);
      expect(trace.kind, id).toBe('request');
      const hop0 = trace.events.filter((e) => e.hop === 0);
      const counts: Record<string, number> = {};
      for (const e of hop0) counts[baseName(e.path)] = (counts[baseName(e.path)] ?? 0) + 1;
      expect(counts, id).toEqual(perFile);
      for (const e of hop0) expect(raw.get(baseName(e.path))![e.line - 1], `${id} ${e.path}:${e.line}`).toContain(id);
      for (let i = 1; i < trace.events.length; i++) {
        expect(trace.events[i].time!, id).toBeGreaterThanOrEqual(trace.events[i - 1].time!);
        expect(trace.events[i].position, id).toBeGreaterThan(trace.events[i - 1].position);
      }
      expect(new Set(hop0.map((e) => e.component)), id).toEqual(new Set(['nova-api', 'nova-compute']));
      expect(trace.components, id).toEqual(expect.arrayContaining(['nova/nova-api', 'nova/nova-compute']));
      expect(trace.errors, id).toBe(0);
      // The user and project (32-hex oslo context ids) are on a thousand lines: shown, never followed.
      for (const r of trace.related.filter((x) => x.role === 'user' || x.role === 'project'))
        expect(r.followed, `${id} ${r.id}`).toBe(false);
    }
  });

  it('agrees with the dataset’s statistics over every request id in the files', () => {
    const all = new Set<string>();
    for (const lines of raw.values())
      for (const l of lines)
        for (const m of l.matchAll(/req-[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}/g)) all.add(m[0]);
    expect(all.size).toBe(correlation.distinct_request_ids);
    let multiFile = 0;
    let multiLine = 0;
    for (const id of all) {
      const hop0 = traceId(index, id, { follow: false }).events;
      expect(hop0.length, id).toBe(Object.values(linesWith(id)).reduce((a, b) => a + b, 0));
      if (new Set(hop0.map((e) => e.path)).size > 1) multiFile++;
      if (hop0.length > 1) multiLine++;
    }
    expect(multiFile).toBe(correlation.request_ids_in_more_than_one_file);
    expect(multiLine).toBe(correlation.request_ids_on_more_than_one_line);
  });

  it('requestsOfInterest lists the one request that reaches a warning', () => {
    const warned = new Set<string>();
    for (const l of raw.get('nova-compute')!) if (/ WARNING /.test(l)) warned.add(/\[(req-[0-9a-f-]{36}) /.exec(l)![1]);
    const got = requestsOfInterest(index);
    expect(got.map((r) => r.id)).toEqual([...warned]);
    const [only] = got;
    const lines = raw.get('nova-compute')!.filter((l) => l.includes(only.id));
    expect(only).toMatchObject({
      role: null,
      components: ['nova/nova-compute'],
      events: lines.length,
      errors: 0,
      warnings: lines.filter((l) => / WARNING /.test(l)).length,
      firstTime: Date.parse(`${lines[0].slice(0, 23).replace(' ', 'T')}Z`),
      lastTime: Date.parse(`${lines[lines.length - 1].slice(0, 23).replace(' ', 'T')}Z`),
    });
  });
});
