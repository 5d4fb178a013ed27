// One pipeline, three faces (issue 14's acceptance): the same bundle opened through the CLI,
// through the IPC adapter (dispatchRequest over CaseManager, as the app's main process does) and
// through `serve`'s HTTP bridge gives the same inventory, findings and search results.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseManager } from '../../src/main/engine/case/caseManager.ts';
import { startBridge } from '../../src/main/server/server.ts';
import type { ApiResult, CaseStatus, Inventory } from '../../src/shared/api.ts';
import type { CaseOverview, SearchPage } from '../../src/shared/caseViews.ts';
import type { Report } from '../../src/shared/report.ts';
import { dispatchRequest } from '../../src/shared/ui/dispatch.ts';
import { generateBundle } from '../fixtures/generateBundle.ts';
import { runCli } from '../support/runCli.ts';

const QUERY = 'level:>=warning volume';
let dir: string;
let bundle: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-faces-'));
  bundle = join(dir, 'case.tar.gz');
  await generateBundle({ seed: 21, targetBytes: 1_200_000, outPath: bundle });
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

/** What the three faces must agree on. */
interface Seen {
  files: { path: string; events: number }[];
  findings: { rule: string; count: number }[];
  search: { total: number; first: string[] };
}

const filesOf = (files: { path: string; events: number }[]) =>
  files.map((f) => ({ path: f.path, events: f.events })).sort((a, b) => (a.path < b.path ? -1 : 1));
const findingsOf = (findings: { rule: string; count: number }[]) =>
  findings
    .map((f) => ({ rule: f.rule, count: f.count }))
    .sort((a, b) => (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : a.count - b.count));

/** Opens the bundle through an API (in-process or over HTTP), waits for the findings, and reads what the others read. */
async function throughApi(call: <T>(method: string, payload: unknown) => Promise<ApiResult<T>>): Promise<Seen> {
  const value = async <T>(method: string, payload: unknown): Promise<T> => {
    const result = await call<T>(method, payload);
    if (!result.ok) throw new Error(`${method}: ${result.error}`);
    return result.value;
  };
  const { caseId } = await value<{ caseId: string }>('openCase', { paths: [bundle], zone: 'UTC' });
  // Waiting on the API's own answer, as the UI does; the read ends on its own.
  while (!(await value<CaseStatus>('caseStatus', { caseId })).diagnosed)
    await new Promise((resolve) => setTimeout(resolve, 50));
  const overview = await value<CaseOverview>('overview', { caseId });
  const inventory = await value<Inventory>('inventory', { caseId });
  const page = await value<SearchPage>('search', { caseId, query: QUERY, limit: 5 });
  return {
    files: filesOf(inventory.files),
    findings: findingsOf(overview.findings),
    search: { total: page.total, first: page.hits.map((h) => h.text) },
  };
}

describe('one pipeline, three faces', () => {
  it('the CLI, the IPC adapter and serve see the same inventory, findings and search results', async () => {
    // The CLI: analyze's JSON report, and search's JSON.
    const report = join(dir, 'report.json');
    const hits = join(dir, 'hits.json');
    expect((await runCli(['analyze', bundle, '--quiet', '--zone', 'UTC', '--no-cache', '--json', report])).code).toBe(
      0,
    );
    expect(
      (
        await runCli([
          'search',
          bundle,
          QUERY,
          '--quiet',
          '--zone',
          'UTC',
          '--no-cache',
          '--limit',
          '5',
          '--json',
          hits,
        ])
      ).code,
    ).toBe(0);
    const analyzed = JSON.parse(await readFile(report, 'utf8')) as Report;
    const searched = JSON.parse(await readFile(hits, 'utf8')) as { total: number; hits: { text: string }[] };
    const cli: Seen = {
      files: filesOf(analyzed.files),
      findings: findingsOf(analyzed.findings),
      search: { total: searched.total, first: searched.hits.map((h) => h.text) },
    };

    // The app's main process: requests dispatched to a CaseManager, as ipc.ts does.
    const ipcManager = new CaseManager({});
    const ipc = await throughApi((method, payload) => dispatchRequest(ipcManager, method, payload) as never);

    // serve: the same requests as JSON over the loopback bridge, with its token.
    const bridge = await startBridge({
      api: new CaseManager({}),
      port: 0,
      rendererDir: dir,
      initialCaseId: null,
      maxUploadBytes: 2 ** 20,
      allow: { paths: [bundle] },
    });
    const token = new URL(bridge.url).searchParams.get('token')!;
    const origin = new URL(bridge.url).origin;
    try {
      const served = await throughApi(async (method, payload) => {
        const response = await fetch(`${origin}/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Tarsier-Token': token },
          body: JSON.stringify(payload),
        });
        return (await response.json()) as never;
      });
      expect(cli.files.length).toBeGreaterThan(5);
      expect(cli.findings.length).toBeGreaterThan(0);
      expect(cli.search.total).toBeGreaterThan(0);
      expect(ipc).toEqual(cli);
      expect(served).toEqual(cli);
    } finally {
      await bridge.close();
    }
  });
});
