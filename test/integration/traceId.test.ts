// Tracing ids across the files of a generated bundle whose manifest says where every planted
// incident line is: hop-0 events against the evidence and against a brute-force scan of every
// event's ids, the second hop through the workflow execution id, and the request summaries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseIndex } from '../../src/main/engine/index/caseIndex.ts';
import { requestsOfInterest, traceId, type TraceResult } from '../../src/main/engine/index/traceId.ts';
import { extractIds, type FoundId } from '../../src/shared/ids/extractIds.ts';
import { LEVELS } from '../../src/shared/model.ts';
import type { Manifest, ManifestEvidence, ManifestIncident } from '../fixtures/generateBundle.ts';
import { openGeneratedCase, oracleKeysOf, type GeneratedCase } from '../support/generatedCase.ts';

let generated: GeneratedCase | null = null;
let manifest: Manifest;
let index: CaseIndex;
/** Per event: every id found in its text, and every lookup key of those ids. */
let found: FoundId[][];
let keys: Set<string>[];
/** Key → the events that carry it, ascending. */
const byKey = new Map<string, number[]>();

beforeAll(async () => {
  generated = await openGeneratedCase('tarsier-trace-');
  ({ manifest, index } = generated);
  found = [];
  keys = [];
  for (let e = 0; e < index.size; e++) {
    const ids = extractIds(index.eventText(e));
    found.push(ids);
    keys.push(new Set(ids.flatMap(oracleKeysOf)));
    for (const k of keys[e]) {
      const list = byKey.get(k);
      if (list) list.push(e);
      else byKey.set(k, [e]);
    }
  }
});

afterAll(async () => {
  await generated?.remove();
});

const incident = (id: string): ManifestIncident => manifest.incidents.find((i) => i.id === id)!;
const componentOf = (path: string): string => {
  const f = manifest.files.find((m) => m.path === path)!;
  return `${f.module}/${f.component}`;
};
/** The event holding an evidence line (head or continuation line). */
const holds = (e: { path: string; line: number; lineCount: number }, ev: ManifestEvidence) =>
  e.path === ev.path && e.line <= ev.line && ev.line < e.line + e.lineCount;
/** Evidence lines that carry `id`, in time order (oslo lines start with a sortable timestamp). */
const evidenceWith = (inc: ManifestIncident, id: string) =>
  inc.evidence
    .filter((ev) => ev.text.toLowerCase().includes(id.toLowerCase()))
    .sort((a, b) =>
      a.text.slice(0, 23) < b.text.slice(0, 23) ? -1 : a.text.slice(0, 23) > b.text.slice(0, 23) ? 1 : 0,
    );
const unique = <T>(xs: T[]): T[] => [...new Set(xs)];
const bruteForce = (key: string): number[] => [...(byKey.get(key) ?? [])];

/** What every trace must satisfy, whatever the id. */
function checkShape(trace: TraceResult): void {
  const { rank } = index.timeline;
  const ids = trace.events.map((e) => e.id);
  expect(new Set(ids).size, 'no event twice').toBe(ids.length);
  for (let i = 1; i < trace.events.length; i++) {
    expect(rank[trace.events[i].id], 'timeline order').toBeGreaterThan(rank[trace.events[i - 1].id]);
    expect(trace.events[i].position).toBe(rank[trace.events[i].id]);
  }
  const times = trace.events.map((e) => e.time).filter((t) => t !== null);
  for (let i = 1; i < times.length; i++) expect(times[i], 'nondecreasing times').toBeGreaterThanOrEqual(times[i - 1]);
  expect(trace.firstTime).toBe(times.length ? Math.min(...times) : null);
  expect(trace.lastTime).toBe(times.length ? Math.max(...times) : null);
  expect(trace.components).toEqual(unique(trace.events.map((e) => `${e.module}/${e.component}`)));
  expect(trace.errors).toBe(trace.events.filter((e) => LEVELS.indexOf(e.level) >= LEVELS.indexOf('error')).length);
  // Hop 0 is exactly the events that carry the key; hop 1 events carry a followed id.
  expect(trace.events.filter((e) => e.hop === 0).map((e) => e.id)).toEqual(
    bruteForce(trace.key).sort((a, b) => rank[a] - rank[b]),
  );
  const followed = new Map(trace.related.filter((r) => r.followed).map((r) => [r.id, r]));
  for (const e of trace.events.filter((x) => x.hop === 1)) {
    expect(e.via, `event ${e.id}`).not.toBeNull();
    expect(followed.has(e.via!), `via ${e.via}`).toBe(true);
    expect(keys[e.id].has(e.via!), `event ${e.id} carries ${e.via}`).toBe(true);
  }
  for (const r of trace.related) {
    expect(r.events, r.id).toBe(bruteForce(r.id).length);
    expect(r.together, r.id).toBe(trace.events.filter((e) => e.hop === 0 && keys[e.id].has(r.id)).length);
  }
}

describe('traceId on the generated bundle', () => {
  it('follows the attach-volume-404 request through porter-api, unicloud-engine, atomy-unicloud and mistral', () => {
    const inc = incident('attach-volume-404');
    const req = inc.requestIds[0];
    const trace = traceId(index, req);
    checkShape(trace);
    expect(trace).toMatchObject({ id: req, key: req, kind: 'request' });
    const hop0 = trace.events.filter((e) => e.hop === 0);
    const evidence = evidenceWith(inc, req);
    expect(evidence.length).toBeGreaterThanOrEqual(7);
    for (const ev of evidence)
      expect(
        hop0.some((e) => holds(e, ev)),
        `${ev.path}:${ev.line}`,
      ).toBe(true);
    const expected = unique(evidence.map((ev) => componentOf(ev.path)));
    expect(expected).toEqual([
      'porter/porter-api',
      'unicloud/unicloud-engine',
      'atomy/atomy-unicloud',
      'mistral/mistral-server',
    ]);
    expect(unique(hop0.map((e) => `${e.module}/${e.component}`))).toEqual(expected);
    expect(trace.components).toEqual(expected);
    expect(trace.errors).toBeGreaterThanOrEqual(3);

    // The workflow execution id leads to the mistral lines that carry only it.
    const execution = inc.relatedIds[1];
    expect(trace.related.find((r) => r.id === execution)).toMatchObject({
      kind: 'resource',
      role: 'execution',
      followed: true,
    });
    const viaExecution = trace.events.filter((e) => e.hop === 1 && e.via === execution);
    expect(viaExecution.length).toBeGreaterThanOrEqual(3);
    for (const e of viaExecution) {
      expect(e.component).toBe('mistral-server');
      expect(index.eventText(e.id)).toContain(execution);
      expect(index.eventText(e.id)).not.toContain(req);
    }
    // The Nova request id the failure names is followed too; the user and project are not.
    expect(trace.related.find((r) => r.id === inc.requestIds[1])).toMatchObject({ kind: 'request', followed: true });
    expect(trace.related.filter((r) => r.role === 'user' || r.role === 'project').every((r) => !r.followed)).toBe(true);
  });

  it('traces every request id of every incident to all the evidence that carries it', () => {
    const withRequests = manifest.incidents.filter((i) => i.requestIds.length > 0);
    expect(withRequests.map((i) => i.id).sort()).toEqual([
      'attach-volume-404',
      'hamal-agentless-404',
      'porter-sync-task-timeout',
      'target-quota-exceeded',
    ]);
    for (const inc of withRequests) {
      for (const req of inc.requestIds) {
        const trace = traceId(index, req);
        checkShape(trace);
        const hop0 = trace.events.filter((e) => e.hop === 0);
        const evidence = evidenceWith(inc, req);
        expect(evidence.length, `${inc.id} ${req}`).toBeGreaterThan(0);
        for (const ev of evidence)
          expect(
            hop0.some((e) => holds(e, ev)),
            `${inc.id} ${req} ${ev.path}:${ev.line}`,
          ).toBe(true);
        expect(unique(hop0.map((e) => `${e.module}/${e.component}`)), `${inc.id} ${req}`).toEqual(
          unique(evidence.map((ev) => componentOf(ev.path))),
        );
      }
    }
  });

  it('reads what was typed: case, spaces, a bare request uuid, a resource uuid, an IP', () => {
    const inc = incident('attach-volume-404');
    const req = inc.requestIds[0];
    const plain = traceId(index, req);
    const shouted = traceId(index, `  ${req.toUpperCase()} `);
    expect(shouted.key).toBe(req);
    expect(shouted.events).toEqual(plain.events);
    const bare = traceId(index, req.slice(4));
    expect(bare.events.filter((e) => e.hop === 0).map((e) => e.id)).toEqual(
      plain.events.filter((e) => e.hop === 0).map((e) => e.id),
    );
    const volume = traceId(index, inc.relatedIds[0]);
    checkShape(volume);
    expect(volume.kind).toBe('resource');
    expect(volume.events.filter((e) => e.hop === 0).length).toBeGreaterThanOrEqual(5);
    const ip = traceId(index, `${incident('agent-connection-timeout').relatedIds[1]}:9300`);
    checkShape(ip);
    expect(ip).toMatchObject({ key: '10.20.0.15', kind: 'ip' });
    expect(ip.events.length).toBeGreaterThanOrEqual(4);
  });

  it('does not follow anything when told not to, and finds nothing for an unknown id', () => {
    const req = incident('attach-volume-404').requestIds[0];
    const still = traceId(index, req, { follow: false });
    expect(still.events.every((e) => e.hop === 0)).toBe(true);
    expect(still.related.every((r) => !r.followed)).toBe(true);
    expect(still.related.length).toBeGreaterThan(0);
    const none = traceId(index, 'req-00000000-0000-4000-8000-000000000000');
    expect(none).toMatchObject({ events: [], related: [], components: [], errors: 0, firstTime: null, lastTime: null });
  });
});

describe('requestsOfInterest on the generated bundle', () => {
  it('equals a brute-force count over every event', () => {
    const role = new Map<string, string | null>();
    found.forEach((ids) => ids.forEach((f) => f.kind === 'request' && !role.has(f.value) && role.set(f.value, f.role)));
    const want = [...role].flatMap(([id, r]) => {
      const events = bruteForce(id);
      const levels = events.map((e) => LEVELS[index.events.level[e]]);
      const errors = levels.filter((l) => l === 'error' || l === 'critical').length;
      const warnings = levels.filter((l) => l === 'warning').length;
      if (errors + warnings === 0) return [];
      const times = events.map((e) => index.events.time[e]).filter((t) => !Number.isNaN(t));
      const components = unique(events.map((e) => index.components[index.fileOf(e).component])).sort();
      return [
        {
          id,
          role: r,
          components,
          events: events.length,
          errors,
          warnings,
          firstTime: times.length ? Math.min(...times) : null,
          lastTime: times.length ? Math.max(...times) : null,
        },
      ];
    });
    want.sort(
      (a, b) =>
        b.errors - a.errors ||
        b.warnings - a.warnings ||
        b.components.length - a.components.length ||
        (a.id < b.id ? -1 : 1),
    );
    const got = requestsOfInterest(index, 100_000);
    expect(got).toEqual(want);
    expect(requestsOfInterest(index, 3)).toEqual(want.slice(0, 3));
    // The incidents' requests that reach a warning or an error are there; the hamal request is not
    // (its ERROR line has no request context, `[-]`).
    const listed = (req: string) => got.some((r) => r.id === req);
    for (const req of [...incident('attach-volume-404').requestIds, ...incident('target-quota-exceeded').requestIds])
      expect(listed(req), req).toBe(true);
    expect(listed(incident('hamal-agentless-404').requestIds[0])).toBe(false);
    const attach = got.find((r) => r.id === incident('attach-volume-404').requestIds[0])!;
    expect(attach.components).toEqual([
      'atomy/atomy-unicloud',
      'mistral/mistral-server',
      'porter/porter-api',
      'unicloud/unicloud-engine',
    ]);
    expect(attach.errors).toBe(3);
  });
});
