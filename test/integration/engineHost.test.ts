// The engine in its own process (host/): requests through the same dispatch, case events pushed
// instead of polled, the same answers as the engine in this process, and a clear failure when the
// process dies. Also the case events of CaseManager itself and their server-sent form in `serve`.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseManager } from '../../src/main/engine/case/caseManager.ts';
import { forkEngine } from '../../src/main/host/forkEngine.ts';
import { startBridge } from '../../src/main/server/server.ts';
import type { AnalyzerApi, ApiResult, CaseStatus } from '../../src/shared/api.ts';
import { CASE_EVENT_ROUTE, type CaseEvent, type CaseEventSource } from '../../src/shared/caseEvents.ts';

let dir: string;
let log: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-host-'));
  log = join(dir, 'app.log');
  const lines: string[] = [];
  for (let i = 0; i < 2000; i++)
    lines.push(
      `2025-09-18 16:${String(10 + (i % 50)).padStart(2, '0')}:31 ${i % 7 ? 'INFO' : 'ERROR'} req-${i} step ${i}`,
    );
  await writeFile(log, lines.join('\n') + '\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const value = <T>(result: ApiResult<T>): T => {
  if (!result.ok) throw new Error(result.error);
  return result.value;
};

/** Opens the log and collects the case's events until its findings are ready (no polling). */
async function openAndWatch(engine: AnalyzerApi & CaseEventSource): Promise<{ caseId: string; events: CaseEvent[] }> {
  const events: CaseEvent[] = [];
  let caseId = '';
  const diagnosed = new Promise<void>((resolve) => {
    const stop = engine.onCaseEvent((event) => {
      events.push(event);
      if (event.kind === 'status' && event.status.caseId === caseId && event.status.diagnosed) {
        stop();
        resolve();
      }
    });
  });
  caseId = value(await engine.openCase({ paths: [log], zone: 'UTC' })).caseId;
  await diagnosed;
  return { caseId, events: events.filter((e) => e.kind !== 'status' || e.status.caseId === caseId) };
}

const statuses = (events: CaseEvent[]): CaseStatus[] => events.flatMap((e) => (e.kind === 'status' ? [e.status] : []));

describe('case events of CaseManager', () => {
  it('pushes reading, done, indexed and diagnosed in that order, then closed', async () => {
    const manager = new CaseManager({});
    const { caseId, events } = await openAndWatch(manager);
    const seen = statuses(events);
    expect(seen[0].progress.phase).toBe('reading');
    const done = seen.findIndex((s) => s.progress.phase === 'done');
    const indexed = seen.findIndex((s) => s.indexed);
    const diagnosed = seen.findIndex((s) => s.diagnosed);
    expect(done).toBeGreaterThan(0);
    expect(indexed).toBeGreaterThanOrEqual(done);
    expect(diagnosed).toBeGreaterThan(indexed);
    expect(seen[seen.length - 1].progress.linesRead).toBe(2000);
    // Each push is newer than the one before (the page keeps the higher of answer and event).
    for (let i = 1; i < seen.length; i++) expect(seen[i].revision).toBeGreaterThan(seen[i - 1].revision);
    // The last pushed status is what caseStatus says.
    expect(value(await manager.caseStatus({ caseId }))).toEqual(seen[seen.length - 1]);
    const closed: CaseEvent[] = [];
    manager.onCaseEvent((e) => closed.push(e));
    await manager.closeCase({ caseId });
    expect(closed).toEqual([{ kind: 'closed', caseId }]);
  });

  it('wakes settled() and diagnosed() by events, and a closed case ends the wait', async () => {
    const manager = new CaseManager({});
    const { caseId } = value(await manager.openCase({ paths: [log], zone: 'UTC' }));
    const closedWait = manager.diagnosed('no-such-case');
    await expect(closedWait).resolves.toBeNull();
    expect((await manager.settled(caseId))?.phase).toBe('done');
    expect((await manager.diagnosed(caseId))?.error).toBeNull();
    await manager.closeCase({ caseId });
  });

  it('streams the same events to a page of `serve` as server-sent events', async () => {
    const manager = new CaseManager({});
    const bridge = await startBridge({ api: manager, port: 0, rendererDir: dir, allow: { paths: [log] } });
    try {
      const page = await fetch(bridge.url, { redirect: 'manual' });
      const cookie = page.headers.get('set-cookie')!.split(';')[0];
      const stream = await fetch(`${bridge.origin}${CASE_EVENT_ROUTE}`, { headers: { cookie } });
      expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const refused = await fetch(`${bridge.origin}${CASE_EVENT_ROUTE}`);
      expect(refused.status).toBe(403);
      await refused.body?.cancel();
      const opened = await fetch(`${bridge.origin}/api/openCase`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', origin: bridge.origin },
        body: JSON.stringify({ paths: [log], zone: 'UTC' }),
      });
      const { caseId } = value((await opened.json()) as ApiResult<{ caseId: string }>);
      const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = '';
      while (!text.includes('"diagnosed":true')) {
        const { value: chunk, done } = await reader.read();
        if (done) break;
        text += chunk;
      }
      const received = text
        .split('\n\n')
        .filter((block) => block.startsWith('data: '))
        .map((block) => JSON.parse(block.slice('data: '.length)) as CaseEvent);
      const seen = statuses(received).filter((s) => s.caseId === caseId);
      expect(seen[0].progress.phase).toBe('reading');
      expect(seen[seen.length - 1]).toMatchObject({ indexed: true, diagnosed: true });
      void reader.cancel();
    } finally {
      // An open stream must not hold the bridge's close.
      await bridge.close();
    }
  });
});

describe('engine host process', () => {
  it('answers as the engine in this process does, pushes its events, and fails clearly when it dies', async () => {
    const remote = forkEngine({});
    const local = new CaseManager({});
    try {
      const far = await openAndWatch(remote.api);
      const near = await openAndWatch(local);
      const seen = statuses(far.events);
      expect(seen[0].progress.phase).toBe('reading');
      expect(seen[seen.length - 1]).toMatchObject({ indexed: true, diagnosed: true });
      for (const query of ['level:error', 'req-7', 'step AND 1999']) {
        const a = value(await remote.api.search({ caseId: far.caseId, query }));
        const b = value(await local.search({ caseId: near.caseId, query }));
        expect(a.total, query).toBe(b.total);
        expect(a.hits.length, query).toBeGreaterThan(0);
        expect(a.hits.map((h) => h.text)).toEqual(b.hits.map((h) => h.text));
      }
      const overviewFar = value(await remote.api.overview({ caseId: far.caseId }));
      const overviewNear = value(await local.overview({ caseId: near.caseId }));
      expect(overviewFar.findings.map((f) => f.rule)).toEqual(overviewNear.findings.map((f) => f.rule));
      // The host validates payloads through the same dispatch.
      const bad = await remote.api.search({ caseId: '../x', query: 'a' });
      expect(bad).toEqual({ ok: false, error: expect.stringContaining('caseId') });

      remote.stop();
      const late = await remote.api.caseStatus({ caseId: far.caseId });
      expect(late.ok).toBe(false);
      if (!late.ok) expect(late.error).toMatch(/^caseStatus: the engine process ended \(killed by SIGTERM\)$/);
    } finally {
      remote.stop();
    }
  });
});
