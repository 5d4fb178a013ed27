// The case library (issue 18 part 2) through CaseManager and the one API contract: three saved
// cases built from the compare pair (test/fixtures/comparePair.ts) and a third bundle written here
// with known shared templates, each opened once and reused by every test of the file.
//
//   A  node-a.tar.gz  errors: Volume … could not be found          findings: 3 (k8s ×2, unexplained)
//   B  node-b.tar.gz  errors: Volume … not found, VolumeLimitExceeded  findings: 4 (+ quota)
//   C  node-c/        errors: both of B's; warning: Database connection lost   findings: quota, unexplained
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseManager } from '../../src/main/engine/case/caseManager.ts';
import type { ApiResult } from '../../src/shared/api.ts';
import type { LibraryCase, LibraryFile, LibraryHit, LibraryMatches } from '../../src/shared/library/libraryModel.ts';
import { dispatchRequest } from '../../src/shared/ui/dispatch.ts';
import { writeComparePair } from '../fixtures/comparePair.ts';
import { oslo, osloCtx } from '../fixtures/records.ts';
import { localTime } from '../fixtures/timefmt.ts';

const NOT_FOUND = 'Volume <*> could not be found. (HTTP <*>) (Request-ID: <*>)';
const QUOTA =
  "VolumeLimitExceeded: Maximum number of volumes allowed (<*>) exceeded for quota 'volumes'. (HTTP <*>) (Request-ID: <*>)";
const DB_LOST = 'Database connection lost, retrying in <*> seconds';
const PASSWORD = 'Tr0ub4dor&3xyz';
const TOKEN = 'ghp_0123456789abcdefABCDEF0123456789abcd';
const IP = '10.23.45.67';

let dir: string;
let data: string;
let manager: CaseManager;
const ids = { a: '', b: '', c: '' };
const paths = { a: '', b: '', c: '' };
const keys = { a: '', b: '', c: '' };
const pinLine = { a: '' };

const call = async <T>(api: CaseManager, method: string, payload: unknown): Promise<T> => {
  const result = (await dispatchRequest(api, method, payload)) as ApiResult<T>;
  if (!result.ok) throw new Error(result.error);
  return result.value;
};

/** C: the two error templates of B and a warning of its own, in a folder. */
async function writeCaseC(root: string): Promise<string> {
  const folder = join(root, 'node-c');
  const logDir = join(folder, 'opt/installer/production/logs/porter');
  await mkdir(logDir, { recursive: true });
  const t0 = localTime(2025, 10, 2, 9, 0, 0);
  const id = (n: number, p: string) => `${p}${n}-aaaa-4bbb-8ccc-dddddddddddd`;
  const lines: string[] = [];
  for (let i = 0; i < 5; i++) {
    const ctx = osloCtx(`req-${id(i, '0000000')}`, 'admin', 'service');
    const at = t0 + i * 60_000;
    lines.push(
      oslo(
        at,
        411,
        'ERROR',
        'porter.api.v1.hosts',
        ctx,
        `Volume ${id(i, '1111111')} could not be found. (HTTP 404) (Request-ID: req-${id(i, '2222222')})`,
      ).text,
      oslo(
        at + 1000,
        411,
        'ERROR',
        'porter.api.v1.hosts',
        ctx,
        `VolumeLimitExceeded: Maximum number of volumes allowed (50) exceeded for quota 'volumes'. (HTTP 413) (Request-ID: req-${id(i, '3333333')})`,
      ).text,
      oslo(at + 2000, 411, 'WARNING', 'porter.db', null, `Database connection lost, retrying in ${i + 1} seconds`).text,
    );
  }
  await writeFile(join(logDir, 'porter-api.log'), `${lines.join('\n')}\n`);
  return folder;
}

const state = (notes: Record<string, unknown>) => ({ notes, stage: null, query: '', range: null, exportOptions: null });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-library-'));
  data = join(dir, 'data');
  const pair = await writeComparePair(join(dir, 'bundles'));
  const c = await writeCaseC(join(dir, 'bundles'));
  manager = new CaseManager({ cacheDir: null, dataDir: data, userFormatsDir: null, userRulesDir: null });
  Object.assign(paths, { a: pair.a, b: pair.b, c });
  for (const [name, path] of [
    ['a', pair.a],
    ['b', pair.b],
    ['c', c],
  ] as const)
    ids[name] = (await call<{ caseId: string }>(manager, 'openCase', { paths: [path], zone: '+08:00' })).caseId;
  await Promise.all(Object.values(ids).map((id) => manager.diagnosed(id)));
  // A pinned line of A as the events view shows it.
  const hits = await call<{ hits: { text: string; file: number; line: number }[] }>(manager, 'search', {
    caseId: ids.a,
    query: '"could not be found"',
  });
  pinLine.a = hits.hits[0].text;
  const inventoryA = await call<{ files: { path: string }[] }>(manager, 'inventory', { caseId: ids.a });
  await call(manager, 'saveCaseState', {
    caseId: ids.a,
    state: state({
      ticket: 'TCK-4711',
      customer: 'Acme Bank',
      statement: 'Volumes fail to attach after the migration',
      conclusion: `Cinder quota exhausted on the target (checked from ${IP}).\nRaised the quota; token ${TOKEN} rotated.`,
      pins: [
        {
          path: inventoryA.files[hits.hits[0].file].path,
          line: hits.hits[0].line,
          text: pinLine.a,
          note: `password=${PASSWORD} was in the request`,
        },
      ],
    }),
  });
  await call(manager, 'saveCaseState', {
    caseId: ids.b,
    state: state({ ticket: 'TCK-4800', conclusion: '存储配额已满，扩容后恢复正常。\n第二行' }),
  });
  // C: nothing of the engineer's, but errors: still kept.
  await call(manager, 'saveCaseState', { caseId: ids.c, state: state({}) });
  for (const name of ['a', 'b', 'c'] as const) {
    const cases = await call<{ key: string; names: string[] }[]>(manager, 'savedCases', {});
    keys[name] = cases.find((s) => s.names[0] === (name === 'c' ? 'node-c' : `node-${name}.tar.gz`))!.key;
  }
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

const matches = (caseId: string) => call<LibraryMatches>(manager, 'libraryMatches', { caseId });
const firstName = (m: LibraryMatches) =>
  m.similar.map((s) => [s.ref.names[0], s.sharedTemplates, s.sharedFindings.length]);

describe('case library', () => {
  it('keeps the three saved cases, the one without notes for its errors', async () => {
    const listed = await call<{ dir: string; cases: { key: string; ticket: string }[]; problems: string[] }>(
      manager,
      'libraryCases',
      {},
    );
    expect(listed.dir).toBe(join(data, 'library'));
    expect(listed.problems).toEqual([]);
    expect(listed.cases.map((c) => c.key).sort()).toEqual([keys.a, keys.b, keys.c].sort());
    const files = (await readdir(join(data, 'library'))).sort();
    expect(files).toEqual([keys.a, keys.b, keys.c].map((k) => `${k}.json`).sort());
    const c = JSON.parse(await readFile(join(data, 'library', `${keys.c}.json`), 'utf8')) as LibraryCase;
    expect(c.templates).toEqual([
      { text: NOT_FOUND, level: 'error', count: 5 },
      { text: QUOTA, level: 'error', count: 5 },
      { text: DB_LOST, level: 'warning', count: 5 },
    ]);
    expect(c.findings.map((f) => f.rule).sort()).toEqual(['target-quota-exceeded', 'unexplained-errors']);
  });

  it('ranks similar past cases by shared templates, then shared findings, its own left out', async () => {
    const b = await matches(ids.b);
    expect(b.size).toBe(2);
    expect(firstName(b)).toEqual([
      ['node-c', 2, 2],
      ['node-a.tar.gz', 1, 3],
    ]);
    expect(b.similar[0].overlap).toBe(1);
    expect(b.similar[1].overlap).toBe(0.5);
    expect(b.similar[0].examples).toEqual([NOT_FOUND, QUOTA]);
    // One template shared with each: B (3 findings in common) before C (1).
    expect(firstName(await matches(ids.a))).toEqual([
      ['node-b.tar.gz', 1, 3],
      ['node-c', 1, 1],
    ]);
    expect(firstName(await matches(ids.c))).toEqual([
      ['node-b.tar.gz', 2, 2],
      ['node-a.tar.gz', 1, 1],
    ]);
  });

  it('says where a finding and a template were seen before', async () => {
    const b = await matches(ids.b);
    expect(b.findings['k8s-pod-restarts']).toEqual([
      {
        key: keys.a,
        ticket: 'TCK-4711',
        names: ['node-a.tar.gz'],
        savedAt: expect.any(Number),
        conclusion: `Cinder quota exhausted on the target (checked from ${IP}).`,
        origin: 'local',
      },
    ]);
    expect(b.templates[QUOTA].map((r) => r.key)).toEqual([keys.c]);
    // Newest first: C was saved after A.
    expect(b.templates[NOT_FOUND].map((r) => r.key)).toEqual([keys.c, keys.a]);
    expect(Object.keys(b.templates).sort()).toEqual([NOT_FOUND, QUOTA].sort());
  });

  it('finds cases by ticket, fuzzy words and a two-character Chinese word', async () => {
    const search = (query: string) => call<LibraryHit[]>(manager, 'searchLibrary', { query });
    expect((await search('TCK-4711')).map((h) => h.ref.key)).toEqual([keys.a]);
    const zh = await search('扩容');
    expect(zh.map((h) => h.ref.key)).toEqual([keys.b]);
    expect(zh[0].fields).toEqual(['conclusion']);
    // 配额 is in B's conclusion and in the Chinese title of the quota finding B and C share.
    const quota = await search('配额');
    expect(quota.map((h) => h.ref.key).sort()).toEqual([keys.b, keys.c].sort());
    expect(quota.find((h) => h.ref.key === keys.b)?.fields).toEqual(['conclusion', 'findings']);
    expect(quota.find((h) => h.ref.key === keys.c)?.fields).toEqual(['findings']);
    expect(zh[0].ref.conclusion).toBe('存储配额已满，扩容后恢复正常。');
    // A typo, and a prefix.
    expect((await search('exhausetd')).map((h) => h.ref.key)).toEqual([keys.a]);
    const prefix = await search('VolumeLimit');
    expect(prefix.map((h) => h.ref.key).sort()).toEqual([keys.b, keys.c].sort());
    expect(prefix[0].fields).toContain('templates');
    expect(prefix[0].excerpt).toBe(QUOTA);
    const pinned = await search('attach migration');
    expect(pinned.map((h) => h.ref.key)).toEqual([keys.a]);
    expect(pinned[0].fields).toEqual(['problem']);
    expect(await search('nowhere-to-be-found')).toEqual([]);
  });

  it('counts the past cases, templates and pinned lines a query matches', async () => {
    const count = (query: string) =>
      call<{ cases: number; templates: number; pins: number; refs: { key: string }[] }>(
        manager,
        'libraryQueryMatches',
        {
          query,
        },
      );
    const quota = await count('VolumeLimitExceeded');
    expect([quota.cases, quota.templates, quota.pins]).toEqual([2, 2, 0]);
    expect(quota.refs.map((r) => r.key).sort()).toEqual([keys.b, keys.c].sort());
    const found = await count('"could not be found"');
    expect([found.cases, found.templates, found.pins]).toEqual([3, 3, 1]);
    const warning = await count('level:warning connection');
    expect([warning.cases, warning.templates, warning.pins]).toEqual([1, 1, 0]);
    // Asked from case B's rule dialog, B's own entry is no past case.
    const fromB = await call<{ cases: number; refs: { key: string }[] }>(manager, 'libraryQueryMatches', {
      query: 'VolumeLimitExceeded',
      caseId: ids.b,
    });
    expect(fromB.cases).toBe(1);
    expect(fromB.refs.map((r) => r.key)).toEqual([keys.c]);
    const bad = await dispatchRequest(manager, 'libraryQueryMatches', { query: 'level:' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/^libraryQueryMatches: /);
  });

  it('survives a restart: a new engine on the same data folder has the same library', async () => {
    const again = new CaseManager({ cacheDir: null, dataDir: data, userFormatsDir: null, userRulesDir: null });
    const before = await call<{ cases: unknown[] }>(manager, 'libraryCases', {});
    const after = await call<{ cases: unknown[]; problems: string[] }>(again, 'libraryCases', {});
    expect(after.cases).toEqual(before.cases);
    expect(after.problems).toEqual([]);
    expect((await call<LibraryHit[]>(again, 'searchLibrary', { query: '扩容' })).map((h) => h.ref.key)).toEqual([
      keys.b,
    ]);
  });

  it('exports and imports the library as one file, round trip', async () => {
    const exported = await call<{ fileName: string; text: string; cases: number }>(manager, 'exportLibrary', {
      redactSecrets: false,
    });
    expect(exported.fileName).toMatch(/^tarsier-library-\d{4}-\d{2}-\d{2}\.json$/);
    expect(exported.cases).toBe(3);
    const file = JSON.parse(exported.text) as LibraryFile;
    expect(file.format).toBe('tarsier.library/1');
    expect(file.redacted).toEqual({ secrets: false, network: false });
    const fresh = new CaseManager({
      cacheDir: null,
      dataDir: join(dir, 'fresh'),
      userFormatsDir: null,
      userRulesDir: null,
    });
    expect(await call(fresh, 'importLibrary', { library: file })).toEqual({ added: 3, updated: 0, problems: [] });
    const back = JSON.parse(
      (await call<{ text: string }>(fresh, 'exportLibrary', { redactSecrets: false })).text,
    ) as LibraryFile;
    expect(back.cases).toEqual(file.cases.map((c) => ({ ...c, origin: 'imported' })));
    // Again: nothing is newer, so nothing changes, and each case left out says why.
    const twice = await call<{ added: number; updated: number; problems: string[] }>(fresh, 'importLibrary', {
      library: file,
    });
    expect([twice.added, twice.updated]).toEqual([0, 0]);
    expect(twice.problems).toHaveLength(3);
    expect(twice.problems.find((p) => p.includes('TCK-4711'))).toMatch(/^cases\[\d\] \(TCK-4711\): not newer than/);
    // A newer copy replaces the one kept.
    const newer = { ...file, cases: [{ ...file.cases[0], savedAt: file.cases[0].savedAt + 1, conclusion: 'newer' }] };
    expect(await call(fresh, 'importLibrary', { library: newer })).toEqual({ added: 0, updated: 1, problems: [] });
  });

  it('redacts the export (secrets by default, addresses when asked), the library itself unchanged', async () => {
    const text = (await call<{ text: string }>(manager, 'exportLibrary', {})).text;
    const file = JSON.parse(text) as LibraryFile;
    expect(file.redacted).toEqual({ secrets: true, network: false });
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(TOKEN);
    expect(text).toContain(IP);
    const a = file.cases.find((c) => c.key === keys.a)!;
    expect(a.pins[0].note).toContain('[REDACTED:');
    expect(a.conclusion).toContain('[REDACTED:');
    const network = (await call<{ text: string }>(manager, 'exportLibrary', { redactNetwork: true })).text;
    expect(network).not.toContain(IP);
    expect(network).not.toContain(PASSWORD);
    const kept = JSON.parse(await readFile(join(data, 'library', `${keys.a}.json`), 'utf8')) as LibraryCase;
    expect(kept.pins[0].note).toBe(`password=${PASSWORD} was in the request`);
    expect(kept.conclusion).toContain(TOKEN);
  });

  it('skips a damaged library file and names it', async () => {
    const damaged = join(dir, 'damaged');
    await cp(join(data, 'library'), join(damaged, 'library'), { recursive: true });
    const broken = 'f'.repeat(64);
    await writeFile(join(damaged, 'library', `${broken}.json`), '{"key": "fff');
    const wrong = JSON.parse(await readFile(join(data, 'library', `${keys.c}.json`), 'utf8')) as Record<
      string,
      unknown
    >;
    await writeFile(
      join(damaged, 'library', `${'e'.repeat(64)}.json`),
      JSON.stringify({ ...wrong, key: 'e'.repeat(64), savedAt: 'today' }),
    );
    const engine = new CaseManager({ cacheDir: null, dataDir: damaged, userFormatsDir: null, userRulesDir: null });
    const listed = await call<{ cases: { key: string }[]; problems: string[] }>(engine, 'libraryCases', {});
    expect(listed.cases.map((c) => c.key).sort()).toEqual([keys.a, keys.b, keys.c].sort());
    expect(listed.problems).toHaveLength(2);
    expect(listed.problems[0]).toMatch(new RegExp(`^library/${'e'.repeat(64)}\\.json\\.savedAt: must be a number`));
    expect(listed.problems[1]).toMatch(new RegExp(`^library/${broken}\\.json: not valid JSON`));
  });

  it('refuses a file that is not a library and names each bad case of one', async () => {
    const refused = await dispatchRequest(manager, 'importLibrary', {
      library: { format: 'tarsier.report/1', cases: [] },
    });
    expect(refused).toEqual({
      ok: false,
      error:
        'importLibrary: format must be "tarsier.library/1", got "tarsier.report/1": this is not a Tarsier library file',
    });
    const file = JSON.parse((await call<{ text: string }>(manager, 'exportLibrary', {})).text) as LibraryFile;
    const bad = structuredClone(file.cases[1]) as unknown as { key: string; templates: { text: unknown }[] };
    bad.key = 'd'.repeat(64);
    bad.templates[0].text = 5;
    const target = new CaseManager({
      cacheDir: null,
      dataDir: join(dir, 'bad-import'),
      userFormatsDir: null,
      userRulesDir: null,
    });
    const result = await call<{ added: number; problems: string[] }>(target, 'importLibrary', {
      library: { ...file, cases: [file.cases[0], bad, { key: 'nope' }] },
    });
    expect(result.added).toBe(1);
    expect(result.problems[0]).toBe('cases[1].templates[0].text: must be a string');
    expect(result.problems.slice(1)).toContain('cases[2].key: must be a case key (64 hex digits), got "nope"');
    expect(result.problems.slice(1)).toContain('cases[2].ticket: must be a string (missing)');
  });

  it('forgets a case removed from the library, and one forgotten by key', async () => {
    expect(await call(manager, 'deleteLibraryCase', { key: keys.c })).toEqual({ removed: true });
    expect(await call(manager, 'deleteLibraryCase', { key: keys.c })).toEqual({ removed: false });
    // Saved again in this session, it is not put back.
    await call(manager, 'saveCaseState', { caseId: ids.c, state: state({ conclusion: 'still C' }) });
    expect((await matches(ids.b)).similar.map((s) => s.ref.key)).toEqual([keys.a]);
    await call(manager, 'forgetCase', { paths: [paths.a], key: keys.a });
    const listed = await call<{ cases: { key: string }[] }>(manager, 'libraryCases', {});
    expect(listed.cases.map((c) => c.key)).toEqual([keys.b]);
    expect((await readdir(join(data, 'library'))).sort()).toEqual([`${keys.b}.json`]);
  });
});
