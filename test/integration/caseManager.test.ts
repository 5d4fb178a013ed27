// The AnalyzerApi as the UI uses it, through the same dispatch the IPC and HTTP bridges use:
// open the generated incident bundle, wait for the findings, search, page the timeline, trace
// an id, page a file; bad payloads are refused with the method and the bad value named.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseManager } from '../../src/main/engine/case/caseManager.ts';
import type { ApiResult } from '../../src/shared/api.ts';
import type {
  CaseOverview,
  EventsPage,
  FileLinesPage,
  Histogram,
  SearchPage,
  TraceResult,
} from '../../src/shared/caseViews.ts';
import type { CaseStatus } from '../../src/shared/api.ts';
import { dispatchRequest } from '../../src/shared/ui/dispatch.ts';
import { generateBundle, type Manifest } from '../fixtures/generateBundle.ts';

let dir: string;
let manifest: Manifest;
const manager = new CaseManager();
let caseId: string;

async function call<T>(method: string, payload: unknown): Promise<ApiResult<T>> {
  return (await dispatchRequest(manager, method, payload)) as ApiResult<T>;
}
async function value<T>(method: string, payload: unknown): Promise<T> {
  const result = await call<T>(method, payload);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-api-'));
  const bundle = join(dir, 'case.tar.gz');
  manifest = await generateBundle({ seed: 7, targetBytes: 2_000_000, outPath: bundle });
  caseId = (await value<{ caseId: string }>('openCase', { paths: [bundle], zone: manifest.timeZone })).caseId;
  await manager.diagnosed(caseId);
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

const incident = (id: string) => manifest.incidents.find((i) => i.id === id)!;

describe('CaseManager through the dispatch', () => {
  it('reports the case indexed and diagnosed', async () => {
    const status = await value<CaseStatus>('caseStatus', { caseId });
    expect(status).toMatchObject({ indexed: true, diagnosed: true, zone: manifest.timeZone });
    expect(status.progress.phase).toBe('done');
  });

  it('fills the first page within a count budget, says when the total is a lower bound, and checks the budget', async () => {
    const q = '/[a-z]+ [0-9]/';
    const first = await value<SearchPage>('search', { caseId, query: q, limit: 20, countBudgetMs: 0 });
    const exact = await value<SearchPage>('search', { caseId, query: q, limit: 20 });
    expect(exact.totalExact).toBe(true);
    expect(first.totalExact).toBe(false);
    expect(first.total).toBeLessThan(exact.total);
    expect(first.hits.map((h) => h.id)).toEqual(exact.hits.map((h) => h.id));
    for (const bad of [-1, 1.5, '10', 600_001]) {
      const refused = await call('search', { caseId, query: q, countBudgetMs: bad });
      expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/^search: countBudgetMs must be/) });
    }
  });

  it('gives the overview: components by errors, findings, artifacts, stages, and ranks for a stage', async () => {
    const overview = await value<CaseOverview>('overview', { caseId });
    expect(overview.components[0].levels.error + overview.components[0].levels.critical).toBeGreaterThan(0);
    expect(overview.findings.map((f) => f.rule)).toContain('nova-cinder-attach-404');
    expect(overview.artifacts?.pods.length).toBe(1);
    expect(overview.stages.map((s) => s.id)).toContain('host-boot-block');
    expect(overview.trees?.trees.length).toBe(5);
    const ranked = await value<CaseOverview>('overview', { caseId, stage: 'install-register' });
    expect(ranked.stage?.id).toBe('install-register');
    expect(ranked.findings[0].stages.length === 0 || ranked.findings[0].stages.includes('install-register')).toBe(true);
    const bad = await call('overview', { caseId, stage: 'boot' });
    expect(bad).toEqual({ ok: false, error: 'overview: unknown stage "boot"' });
  });

  it('searches with the query language, and returns a syntax error with its position', async () => {
    const page = await value<SearchPage>('search', { caseId, query: '"Failed to attach"', limit: 50 });
    const key = incident('attach-volume-404');
    expect(page.syntaxError).toBeNull();
    expect(page.hits.some((h) => h.path === key.path && h.line === key.line)).toBe(true);
    expect(page.total).toBe(page.hits.length);
    const broken = await value<SearchPage>('search', { caseId, query: 'level:>=loud' });
    expect(broken.syntaxError).toMatchObject({ position: 8, length: 4 });
    expect(broken.syntaxError?.message).toMatch(/level/);
    expect(broken.total).toBe(0);
  });

  it('pages the merged timeline, from an offset or from a time', async () => {
    const first = await value<EventsPage>('events', { caseId, offset: 0, limit: 100 });
    expect(first.rows).toHaveLength(100);
    expect(first.rows.map((r) => r.position)).toEqual(first.rows.map((_, i) => i));
    const key = incident('attach-volume-404');
    const at = await value<EventsPage>('events', { caseId, at: Date.parse(key.time), limit: 20 });
    expect(at.rows[0].time).toBeGreaterThanOrEqual(Date.parse(key.time));
    expect(at.offset).toBe(at.rows[0].position);
  });

  it('traces a request id across modules', async () => {
    const key = incident('attach-volume-404');
    const trace = await value<TraceResult>('trace', { caseId, id: key.requestIds[0] });
    expect(trace.components).toEqual(expect.arrayContaining(['porter/porter-api', 'unicloud/unicloud-engine']));
    expect(trace.events.some((e) => e.path === key.path && e.line === key.line)).toBe(true);
  });

  it('pages a file with the events that start on its lines', async () => {
    const key = incident('attach-volume-404');
    const search = await value<SearchPage>('search', {
      caseId,
      query: '"Failed to attach volume" level:error component:unicloud-engine',
    });
    const hit = search.hits.find((h) => h.line === key.line)!;
    const page = await value<FileLinesPage>('fileLines', { caseId, file: hit.file, from: key.line - 2, count: 10 });
    expect(page.path).toBe(key.path);
    expect(page.lines[2]).toBe(key.text);
    expect(page.heads.find((h) => h.line === key.line)).toMatchObject({ level: 'error', event: hit.id });
    expect(page.heads.every((h) => h.line >= page.from && h.line < page.from + page.lines.length)).toBe(true);
  });

  it('counts events per component, level and time bin, for a query too', async () => {
    const all = await value<Histogram>('histogram', { caseId, bins: 48 });
    const total = all.rows.reduce((n, r) => n + r.counts.reduce((a, b) => a + b, 0), 0);
    expect(all.bins).toBe(48);
    expect(total).toBeGreaterThan(1000);
    const errors = await value<Histogram>('histogram', { caseId, bins: 48, query: 'level:>=error' });
    expect(errors.rows.every((r) => r.level === 'error' || r.level === 'critical')).toBe(true);
    const attach = await value<Histogram>('histogram', {
      caseId,
      bins: 10,
      query: '"Failed to attach volume" level:error',
    });
    expect(attach.rows.map((r) => r.component).sort()).toEqual(['porter/porter-api', 'unicloud/unicloud-engine']);
    expect(await call('histogram', { caseId, query: '"open' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^histogram: /),
    });
    expect(await call('histogram', { caseId, bins: 0 })).toEqual({
      ok: false,
      error: 'histogram: bins must be 1–2000, got 0',
    });
  });

  it('opens the demo bundle shipped in resources/samples, which has findings', async () => {
    const demo = await value<{ caseId: string; name: string }>('openDemo', {});
    expect(demo.name).toBe('demo-case.tar.gz');
    await manager.diagnosed(demo.caseId);
    const overview = await value<CaseOverview>('overview', { caseId: demo.caseId });
    expect(overview.findings.map((f) => f.rule)).toContain('nova-cinder-attach-404');
    expect(await call('openDemo', { path: '/etc/passwd' })).toEqual({
      ok: false,
      error: 'openDemo: payload must be {}, got {"path":"/etc/passwd"}',
    });
  });

  it('refuses bad payloads, naming the method and the value', async () => {
    expect(await call('fileLines', { caseId, file: 0, from: 0, count: 10 })).toEqual({
      ok: false,
      error: 'fileLines: from must be a 1-based line number, got 0',
    });
    expect(await call('search', { caseId, query: 'x', limit: 100000 })).toEqual({
      ok: false,
      error: 'search: limit must be 1–5000, got 100000',
    });
    expect(await call('trace', { caseId, id: '' })).toEqual({
      ok: false,
      error: 'trace: id must be a non-empty string of at most 200 characters, got ""',
    });
    expect(await call('events', { caseId: 'nope', limit: 5 })).toEqual({ ok: false, error: 'events: no case nope' });
    expect(await call('fileLines', { caseId, file: 99999, from: 1, count: 1 })).toEqual({
      ok: false,
      error: `fileLines: case ${caseId} has no file 99999`,
    });
  });
});
