// The on-disk index cache: a saved and reloaded index answers exactly like the one built by
// reading (inventory, timeline pages, searches, traces, file pages, histograms, patterns); a bad
// entry is a typed error, never a crash; the key changes with the bundle; old entries are
// evicted; and a CaseManager with a cache folder opens a bundle it read before from the cache.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import {
  appendFile,
  copyFile,
  mkdir,
  mkdtemp,
  readFile,
  rm,
  stat,
  truncate,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseManager } from '../../src/main/engine/case/caseManager.ts';
import { eventsPage, fileLinesPage, searchPage } from '../../src/main/engine/index/casePages.ts';
import { dataDir } from '../../src/main/engine/platform/dataDir.ts';
import { openCase } from '../../src/main/engine/case/openCase.ts';
import {
  bundleFingerprint,
  cacheEntryDir,
  evictIndexCache,
  FORMAT_VERSION,
  holdCacheEntry,
  loadIndexCache,
  makeCacheEntry,
  saveIndexCache,
  type CachedCase,
} from '../../src/main/engine/index/indexCache.ts';
import { indexCase } from '../../src/main/engine/index/indexCase.ts';
import { matchingEvents } from '../../src/main/engine/index/searchIndex.ts';
import { histogram, patternsInRange } from '../../src/main/engine/index/timelineStats.ts';
import { requestsOfInterest, traceId } from '../../src/main/engine/index/traceId.ts';
import type { ApiResult, CaseStatus, Inventory } from '../../src/shared/api.ts';
import type { CaseOverview, SearchPage } from '../../src/shared/caseViews.ts';
import { parseQuery } from '../../src/shared/search/queryLanguage.ts';
import { REALDATA_DIR } from '../golden/goldenSupport.ts';
import { REALDATA_MISSING, REALDATA_SKIP_REASON } from '../golden/realdataSuite.ts';
import { generateBundle, type Manifest } from '../fixtures/generateBundle.ts';

let dir: string;
let bundle: string;
let manifest: Manifest;
let original: CachedCase;
let cacheDir: string;
let key: string;

/** The parts of a search page that do not depend on how long it took. */
const page = (p: SearchPage) => ({ ...p, tookMs: 0 });

/** Everything the UI and the diagnosis ask of an index, at many places. */
function answers(c: CachedCase, queries: string[], ids: string[]) {
  const { index } = c;
  const n = index.size;
  const offsets = [0, 1, Math.floor(n / 3), Math.floor(n / 2), Math.max(0, n - 50)];
  const middle = index.view(index.timeline.order[Math.floor(n / 2)]).time ?? 0;
  const only = (q: string) => {
    const parsed = parseQuery(q);
    if (!parsed.ok) throw new Error(q);
    return matchingEvents(index, parsed.query).events;
  };
  const bigFiles = index.files
    .map((f, i) => ({ i, lines: f.record.lines }))
    .filter((f) => f.lines > 0)
    .slice(0, 12);
  return {
    inventory: c.inventory,
    size: n,
    zone: index.zone,
    components: index.components,
    indexed: index.indexed,
    stats: index.indexStats,
    events: offsets.map((o) => eventsPage(index, o, 50)),
    eventsAt: eventsPage(index, 0, 20, middle),
    searches: queries.flatMap((q) => [page(searchPage(index, q, 0, 100)), page(searchPage(index, q, 5, 10))]),
    traces: ids.map((id) => traceId(index, id)),
    requests: requestsOfInterest(index, 50),
    files: bigFiles.flatMap((f) => [
      fileLinesPage(index, f.i, 1, 40),
      fileLinesPage(index, f.i, Math.max(1, f.lines - 30), 60),
    ]),
    histograms: [histogram(index, { bins: 48 }), histogram(index, { bins: 200, only: only('level:>=warning') })],
    patterns: patternsInRange(index, { limit: 30 }),
    patternSearch: index.searchPatterns('volume', 20).map((p) => p.id),
    prefixes: index.termsWithPrefix('att').slice(0, 50),
    eventTexts: offsets.map((o) => index.eventText(index.timeline.order[Math.min(o, n - 1)])),
  };
}

const incident = (id: string) => manifest.incidents.find((i) => i.id === id)!;

function queriesOf(m: Manifest): string[] {
  const key = incident('attach-volume-404');
  return [
    'volume',
    'attach volume',
    '"Failed to attach"',
    '"could not be found"',
    'level:error',
    'level:>=warning component:unicloud-*',
    `id:${key.requestIds[0]}`,
    key.requestIds[0],
    '/Failed to attach volume [0-9a-f-]{36}/',
    'volu*',
    '拒绝访问',
    '-level:info timeout OR refused',
    ...m.incidents.slice(0, 4).flatMap((i) => i.keywords.slice(0, 1).map((k) => `"${k}"`)),
  ];
}

const idsOf = (m: Manifest) => [...new Set(m.incidents.flatMap((i) => [...i.requestIds, ...i.relatedIds]))].slice(0, 8);

/** Reads `paths` into the cache entry `name` of `folder` (spooling there) and saves its index. */
async function indexedInto(folder: string, name: string, paths: string[], zone: string): Promise<CachedCase> {
  const result = await indexCase(paths, { zone, indexMode: 'inline', spoolDir: await makeCacheEntry(folder, name) });
  if (!result.ok) throw new Error(result.error);
  const cached = { inventory: result.value.inventory, index: result.value.index };
  const saved = await saveIndexCache(folder, name, cached, { budgetBytes: null });
  if (!saved.ok) throw new Error(saved.error.message);
  return cached;
}

const indexFile = (folder: string, name: string) => join(cacheEntryDir(folder, name), 'index.tidx');

/** A copy of the cache entry of `key` as entry `as` of `folder` (its spool files and index). */
async function copyEntry(folder: string, as: string, index: Buffer | null = null): Promise<string> {
  const entry = await makeCacheEntry(folder, as);
  for (const name of readdirSync(cacheEntryDir(cacheDir, key))) {
    if (name === 'index.tidx' && index) await writeFile(join(entry, name), index);
    else await copyFile(join(cacheEntryDir(cacheDir, key), name), join(entry, name));
  }
  return entry;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-cache-'));
  bundle = join(dir, 'case.tar.gz');
  cacheDir = join(dir, 'cache');
  manifest = await generateBundle({ seed: 3, targetBytes: 1_500_000, outPath: bundle });
  const opened = await openCase([bundle], {
    zone: manifest.timeZone,
    indexMode: 'inline',
    cacheDir,
    cacheBudgetBytes: null,
  });
  if (!opened.ok) throw new Error(opened.error);
  original = { inventory: opened.value.inventory, index: opened.value.index };
  key = (await bundleFingerprint([bundle], { zone: manifest.timeZone }))!;
  expect(opened.value.cache).toEqual({ dir: cacheDir, key, hit: false, note: null });
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('saveIndexCache / loadIndexCache', () => {
  it('keeps one entry folder under the key: the spool files and the index, no temporary file', async () => {
    expect(readdirSync(cacheDir)).toEqual([key]);
    expect(readdirSync(cacheEntryDir(cacheDir, key)).sort()).toEqual(
      ['index.tidx', ...original.index.store.files].sort(),
    );
    const head = (await readFile(indexFile(cacheDir, key))).subarray(0, 12);
    expect(head.toString('latin1', 0, 10)).toBe('TARSIERIDX');
    expect(head.readUInt16LE(10)).toBe(FORMAT_VERSION);
    // Private to the user: the text of a customer's bundle.
    expect(statSync(cacheEntryDir(cacheDir, key)).mode & 0o077).toBe(0);
    expect(statSync(indexFile(cacheDir, key)).mode & 0o077).toBe(0);
  });

  it('loads an index that answers exactly like the one built by reading', async () => {
    const loaded = await loadIndexCache(cacheDir, key);
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(loaded.value.index.indexed).toBe(true);
    expect(loaded.value.index.size).toBe(original.index.size);
    const queries = queriesOf(manifest);
    const ids = idsOf(manifest);
    const want = answers(original, queries, ids);
    expect(want.searches.filter((s) => s.total > 0).length).toBeGreaterThan(8);
    expect(want.traces.filter((t) => t.events.length > 0).length).toBeGreaterThan(2);
    expect(answers(loaded.value, queries, ids)).toEqual(want);
    // The diagnosis built on the loaded index finds the same things.
    const { diagnoseCase } = await import('../../src/main/engine/diagnose/diagnoseCase.ts');
    const findings = (c: CachedCase) => diagnoseCase(c.index, c.inventory).findings;
    expect(findings(loaded.value)).toEqual(findings(original));
  });

  it('keeps files cut into many segments: the reloaded index answers as the read one', async () => {
    const folder = join(dir, 'segmented');
    const read = await openCase([bundle], {
      zone: manifest.timeZone,
      cacheDir: folder,
      cacheBudgetBytes: null,
      segmentBytes: 10_000,
      threads: 2,
    });
    if (!read.ok) throw new Error(read.error);
    expect(read.value.index.postings.segments.length).toBeGreaterThan(original.index.postings.segments.length + 20);
    const loaded = await loadIndexCache(folder, read.value.cache.key!);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const queries = queriesOf(manifest);
    const ids = idsOf(manifest);
    const want = answers({ inventory: read.value.inventory, index: read.value.index }, queries, ids);
    expect(answers(loaded.value, queries, ids)).toEqual(want);
    // And the same answers as the index read in one segment per file.
    const { stats: _a, ...segmented } = want;
    const { stats: _b, ...whole } = answers(original, queries, ids);
    expect(segmented).toEqual(whole);
  });

  it('loads the same typed arrays and postings, byte for byte', async () => {
    const loaded = await loadIndexCache(cacheDir, key);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const a = original.index;
    const b = loaded.value.index;
    expect(b.events).toEqual(a.events);
    expect(b.timeline).toEqual(a.timeline);
    expect(b.templateOf).toEqual(a.templateOf);
    expect(b.patterns).toEqual(a.patterns);
    expect(b.postings.segments.map((s) => ({ ...s }))).toEqual(a.postings.segments.map((s) => ({ ...s })));
    expect(b.store.segments).toEqual(a.store.segments);
    expect(b.store.files).toEqual(a.store.files);
  });

  it('refuses to save an index whose text is not in the cache entry', async () => {
    const elsewhere = await indexCase([bundle], { zone: manifest.timeZone, indexMode: 'inline' });
    if (!elsewhere.ok) throw new Error(elsewhere.error);
    const saved = await saveIndexCache(join(dir, 'never'), 'bare', {
      inventory: elsewhere.value.inventory,
      index: elsewhere.value.index,
    });
    expect(saved).toMatchObject({ ok: false, error: { kind: 'incomplete' } });
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it('reports a missing, truncated, foreign, other-version or damaged entry as a typed error', async () => {
    const good = await readFile(indexFile(cacheDir, key));
    const bad = join(dir, 'bad');
    await mkdir(bad, { recursive: true });
    // Each damaged copy under the right key, in a folder of its own.
    const attempt = async (name: string, bytes: Buffer | null, as = key) => {
      await mkdir(join(bad, name));
      if (bytes) await copyEntry(join(bad, name), as, bytes);
      return loadIndexCache(join(bad, name), key);
    };
    expect(await attempt('missing', null)).toMatchObject({ ok: false, error: { kind: 'missing' } });
    expect(await attempt('empty', Buffer.alloc(0))).toMatchObject({ ok: false, error: { kind: 'corrupt' } });
    expect(await attempt('half', good.subarray(0, Math.floor(good.length / 2)))).toMatchObject({
      ok: false,
      error: { kind: 'corrupt', message: expect.stringMatching(/truncated/) },
    });
    expect(await attempt('headonly', good.subarray(0, 32))).toMatchObject({ ok: false, error: { kind: 'corrupt' } });
    const magic = Buffer.from(good);
    magic.write('NOTTARSIER', 0, 'latin1');
    expect(await attempt('magic', magic)).toMatchObject({
      ok: false,
      error: { kind: 'corrupt', message: expect.stringMatching(/magic/) },
    });
    const version = Buffer.from(good);
    version.writeUInt16LE(FORMAT_VERSION + 1, 10);
    expect(await attempt('version', version)).toMatchObject({ ok: false, error: { kind: 'version' } });
    // One flipped byte in the middle of the data (a section) and in the metadata at the end.
    const data = Buffer.from(good);
    data[Math.floor(good.length / 3)] ^= 0x55;
    expect(await attempt('data', data)).toMatchObject({
      ok: false,
      error: { kind: 'corrupt', message: expect.stringMatching(/checksum/) },
    });
    const meta = Buffer.from(good);
    meta[good.length - 10] ^= 0x55;
    expect(await attempt('meta', meta)).toMatchObject({
      ok: false,
      error: { kind: 'corrupt', message: expect.stringMatching(/checksum/) },
    });
    // An entry of another key (copied or renamed) is not taken for this one.
    expect(await attempt('otherkey', good, 'other')).toMatchObject({ ok: false, error: { kind: 'missing' } });
    await copyEntry(bad, 'other');
    expect(await loadIndexCache(bad, 'other')).toMatchObject({
      ok: false,
      error: { kind: 'corrupt', message: expect.stringMatching(/another key/) },
    });
    const garbage = Buffer.alloc(4096, 0x41);
    expect(await attempt('garbage', garbage)).toMatchObject({ ok: false, error: { kind: 'corrupt' } });
    // The text the index points into: a spool file gone or cut short.
    const spool = original.index.store.files[0];
    await mkdir(join(bad, 'nospool'));
    await rm(join(await copyEntry(join(bad, 'nospool'), key), spool));
    expect(await loadIndexCache(join(bad, 'nospool'), key)).toMatchObject({
      ok: false,
      error: { kind: 'corrupt', message: expect.stringMatching(/spool file .* is missing/) },
    });
    await mkdir(join(bad, 'shortspool'));
    await truncate(join(await copyEntry(join(bad, 'shortspool'), key), spool), 100);
    expect(await loadIndexCache(join(bad, 'shortspool'), key)).toMatchObject({
      ok: false,
      error: { kind: 'corrupt', message: expect.stringMatching(/bytes, the index expects/) },
    });
  });

  if (REALDATA_MISSING) console.warn(`index cache round trip of the real logs: ${REALDATA_SKIP_REASON}`);
  it.skipIf(REALDATA_MISSING)(
    `round-trips the real public logs (OpenStack, cloudpods) too${REALDATA_MISSING ? ` — ${REALDATA_SKIP_REASON}` : ''}`,
    async () => {
      const openstack = join(REALDATA_DIR, 'loghub', 'OpenStack', 'split_by_file');
      const cloudpods = join(REALDATA_DIR, 'cloudpods');
      expect(existsSync(openstack), `no ${openstack} (set TARSIER_REALDATA)`).toBe(true);
      const realDir = join(dir, 'real-cache');
      const real = await indexedInto(realDir, 'realdata', [openstack, cloudpods], 'UTC');
      const loaded = await loadIndexCache(realDir, 'realdata');
      if (!loaded.ok) throw new Error(loaded.error.message);
      const correlation = JSON.parse(await readFile(join(openstack, '..', 'request_id_correlation.json'), 'utf8')) as {
        cross_file_request_ids: Record<string, unknown>;
      };
      const ids = Object.keys(correlation.cross_file_request_ids).slice(0, 8);
      expect(ids.length).toBe(8);
      const queries = [
        'level:>=warning',
        'instance',
        '"HTTP/1.1"',
        'GET',
        'nova*',
        `id:${ids[0]}`,
        'component:*compute* -GET',
        '/req-[0-9a-f]{8}/',
      ];
      const want = answers(real, queries, ids);
      expect(want.traces.every((t) => t.events.length > 1)).toBe(true);
      expect(want.searches.filter((q) => q.total > 0).length).toBe(2 * queries.length);
      expect(answers(loaded.value, queries, ids)).toEqual(want);
    },
  );
});

describe('bundleFingerprint', () => {
  it('is stable for the same file and zone, and changes with the zone, the mtime, the size and the file', async () => {
    const copy = join(dir, 'fp.tar.gz');
    await copyFile(bundle, copy);
    const zone = manifest.timeZone;
    const first = await bundleFingerprint([copy], { zone });
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(await bundleFingerprint([copy], { zone })).toBe(first);
    expect(await bundleFingerprint([join(dir, '.', 'fp.tar.gz')], { zone })).toBe(first);
    expect(await bundleFingerprint([copy], { zone: 'UTC' })).not.toBe(first);
    expect(await bundleFingerprint([copy, bundle], { zone })).not.toBe(first);
    expect(await bundleFingerprint([bundle], { zone })).not.toBe(first);
    const s = await stat(copy);
    await utimes(copy, s.atime, new Date(s.mtimeMs + 5000));
    const touched = await bundleFingerprint([copy], { zone });
    expect(touched).not.toBe(first);
    await appendFile(copy, Buffer.alloc(1));
    await utimes(copy, s.atime, new Date(s.mtimeMs + 5000));
    expect(await bundleFingerprint([copy], { zone })).not.toBe(touched);
  });

  it('is null for a folder (not cached) and for a path that does not exist', async () => {
    expect(await bundleFingerprint([dir])).toBeNull();
    expect(await bundleFingerprint([bundle, dir])).toBeNull();
    expect(await bundleFingerprint([join(dir, 'nope.tar.gz')])).toBeNull();
    expect(await bundleFingerprint([])).toBeNull();
  });
});

describe('evictIndexCache', () => {
  /** An entry folder `name` of `bytes` bytes of spool, finished (with an index) or not, last used `age` days ago. */
  async function entry(folder: string, name: string, bytes: number, age: number, finished = true): Promise<void> {
    const path = await makeCacheEntry(folder, name);
    const when = new Date(Date.now() - age * 86_400_000);
    await writeFile(join(path, 'spool-x-0.txt'), Buffer.alloc(bytes));
    await utimes(join(path, 'spool-x-0.txt'), when, when);
    if (finished) {
      await writeFile(join(path, 'index.tidx'), Buffer.alloc(10));
      await utimes(join(path, 'index.tidx'), when, when);
    }
  }

  it('deletes the least recently used entries until the folder fits the budget, and stale unfinished ones', async () => {
    const evict = join(dir, 'evict');
    await mkdir(evict);
    for (const [name, age] of [
      ['a', 4],
      ['b', 3],
      ['c', 2],
      ['d', 1],
    ] as const)
      await entry(evict, name, 990, age);
    await entry(evict, 'crashed', 10, 1, false);
    await entry(evict, 'reading', 10, 0, false);
    await writeFile(join(evict, 'notes.txt'), 'not ours');
    expect((await evictIndexCache(evict, 2500)).sort()).toEqual(['a', 'b', 'crashed']);
    expect(readdirSync(evict).sort()).toEqual(['c', 'd', 'notes.txt', 'reading']);
    expect(await evictIndexCache(evict, 2000)).toEqual([]);
    // The entry being saved is never the one to go, nor one an open case reads from.
    const release = holdCacheEntry(evict, 'd');
    expect(await evictIndexCache(evict, 0, 'c')).toEqual([]);
    release();
    expect(await evictIndexCache(evict, 0, 'c')).toEqual(['d']);
  });

  it('counts a load as a use: the entry loaded last is kept', async () => {
    const lru = join(dir, 'lru');
    await mkdir(lru);
    const old = new Date(Date.now() - 86_400_000);
    await copyEntry(lru, 'one');
    await copyEntry(lru, 'two');
    await utimes(indexFile(lru, 'one'), new Date(old.getTime() - 1000), new Date(old.getTime() - 1000));
    await utimes(indexFile(lru, 'two'), old, old);
    expect((await loadIndexCache(lru, 'one')).ok).toBe(false); // another key's index: not loaded, not touched
    await rm(cacheEntryDir(lru, 'one'), { recursive: true });
    await copyEntry(lru, key);
    await utimes(indexFile(lru, key), new Date(old.getTime() - 1000), new Date(old.getTime() - 1000));
    expect((await loadIndexCache(lru, key)).ok).toBe(true);
    expect(statSync(indexFile(lru, key)).mtimeMs).toBeGreaterThan(old.getTime());
    const size = readdirSync(cacheEntryDir(lru, key)).reduce(
      (n, f) => n + statSync(join(cacheEntryDir(lru, key), f)).size,
      0,
    );
    await evictIndexCache(lru, size);
    expect(readdirSync(lru)).toEqual([key]);
  });

  it('runs after a save, with the new entry counting as the most recent', async () => {
    const budget = join(dir, 'budget');
    await mkdir(budget);
    await entry(budget, 'old', 1000, 1);
    const fresh = await indexedInto(budget, 'fresh', [bundle], manifest.timeZone);
    const size = readdirSync(cacheEntryDir(budget, 'fresh')).reduce(
      (n, f) => n + statSync(join(cacheEntryDir(budget, 'fresh'), f)).size,
      0,
    );
    const saved = await saveIndexCache(budget, 'fresh', fresh, { budgetBytes: size + 500 });
    expect(saved).toMatchObject({ ok: true, value: { path: indexFile(budget, 'fresh') } });
    expect(readdirSync(budget)).toEqual(['fresh']);
    expect(statSync(indexFile(budget, 'fresh')).size).toBe(saved.ok ? saved.value.bytes : -1);
  });
});

describe('CaseManager with a cache folder', () => {
  const zone = () => manifest.timeZone;

  async function open(manager: CaseManager, path: string) {
    const opened = await manager.openCase({ paths: [path], zone: zone() });
    if (!opened.ok) throw new Error(opened.error);
    const caseId = opened.value.caseId;
    await manager.diagnosed(caseId);
    const cache = await manager.cacheSettled(caseId);
    const status = (await manager.caseStatus({ caseId })) as ApiResult<CaseStatus>;
    if (!status.ok) throw new Error(status.error);
    return { caseId, status: status.value, cache: cache! };
  }

  async function views(manager: CaseManager, caseId: string) {
    const unwrap = <T>(r: ApiResult<T>): T => {
      if (!r.ok) throw new Error(r.error);
      return r.value;
    };
    const key = incident('attach-volume-404');
    const searches = [];
    for (const query of queriesOf(manifest))
      searches.push(page(unwrap(await manager.search({ caseId, query, limit: 100 }))));
    const overview = unwrap(await manager.overview({ caseId })) as CaseOverview;
    return {
      inventory: unwrap(await manager.inventory({ caseId })) as Inventory,
      searches,
      events: [
        unwrap(await manager.events({ caseId, offset: 0, limit: 100 })),
        unwrap(await manager.events({ caseId, at: Date.parse(key.time), limit: 20 })),
      ],
      trace: unwrap(await manager.trace({ caseId, id: key.requestIds[0] })),
      histogram: unwrap(await manager.histogram({ caseId, bins: 48, query: 'level:>=warning' })),
      file: unwrap(await manager.fileLines({ caseId, file: 0, from: 1, count: 100 })),
      findings: overview.findings,
      artifacts: overview.artifacts,
    };
  }

  it('reads a bundle the first time and saves it; a second manager on the same folder loads it, with identical answers', async () => {
    const folder = join(dir, 'manager-cache');
    const first = new CaseManager({ cacheDir: folder });
    const a = await open(first, bundle);
    expect(a.status).toMatchObject({ indexed: true, diagnosed: true, cached: false });
    expect(a.cache).toEqual({ cached: false, note: null });
    expect(readdirSync(folder).sort()).toEqual([key, 'secret.key'].sort());
    expect(
      readdirSync(cacheEntryDir(folder, key))
        .filter((n) => !n.startsWith('spool-'))
        .sort(),
    ).toEqual(['diagnosis.json', 'index.tidx']);

    const second = new CaseManager({ cacheDir: folder });
    const b = await open(second, bundle);
    expect(b.status).toMatchObject({ indexed: true, diagnosed: true, cached: true, zone: zone() });
    expect(b.status.progress).toMatchObject({
      phase: 'done',
      error: null,
      filesRead: a.status.progress.filesRead,
      entriesSkipped: a.status.progress.entriesSkipped,
    });
    expect(b.cache).toEqual({ cached: true, note: null });
    expect(await views(second, b.caseId)).toEqual(await views(first, a.caseId));
    // And the same manager opening it again loads it too.
    expect((await open(first, bundle)).status.cached).toBe(true);
  });

  it('keeps the diagnosis beside the index; a damaged or outdated one is made again and kept anew', async () => {
    const folder = join(dir, 'diagnosis-cache');
    const first = new CaseManager({ cacheDir: folder });
    const a = await open(first, bundle);
    const kept = join(cacheEntryDir(folder, key), 'diagnosis.json');
    const stored = JSON.parse(readFileSync(kept, 'utf8')) as { knowledge: string; body: string };
    expect((JSON.parse(stored.body) as { findings: unknown[] }).findings.length).toBeGreaterThan(0);
    for (const damage of ['{ broken', JSON.stringify({ ...stored, knowledge: 'other rules' })]) {
      writeFileSync(kept, damage);
      const again = new CaseManager({ cacheDir: folder });
      const b = await open(again, bundle);
      expect(b.status).toMatchObject({ cached: true, diagnosed: true });
      expect(await views(again, b.caseId)).toEqual(await views(first, a.caseId));
      expect(JSON.parse(readFileSync(kept, 'utf8')).knowledge).toBe(stored.knowledge);
    }
  });

  it('deletes a damaged cache entry, reads the bundle as usual and caches it anew', async () => {
    const folder = join(dir, 'damaged-cache');
    await mkdir(folder);
    await copyEntry(folder, key);
    await truncate(indexFile(folder, key), 1000);
    const manager = new CaseManager({ cacheDir: folder });
    const c = await open(manager, bundle);
    expect(c.status).toMatchObject({ indexed: true, diagnosed: true, cached: false });
    expect(c.status.progress).toMatchObject({ phase: 'done', error: null });
    expect(c.cache.note).toMatch(/index cache unusable, read again: .*truncated/);
    expect((await loadIndexCache(folder, key)).ok).toBe(true);
    const again = await open(new CaseManager({ cacheDir: folder }), bundle);
    expect(again.status.cached).toBe(true);
  });

  it('reads a bundle again once its modification time or size changed', async () => {
    const folder = join(dir, 'changed-cache');
    const copy = join(dir, 'changed.tar.gz');
    await copyFile(bundle, copy);
    const manager = new CaseManager({ cacheDir: folder });
    expect((await open(manager, copy)).status.cached).toBe(false);
    expect((await open(manager, copy)).status.cached).toBe(true);
    const s = await stat(copy);
    await utimes(copy, s.atime, new Date(s.mtimeMs + 60_000));
    const touched = await open(manager, copy);
    expect(touched.status).toMatchObject({ cached: false, indexed: true });
    const entries = readdirSync(folder).filter((n) => n !== 'secret.key');
    expect(entries).toHaveLength(2);
    for (const e of entries)
      expect(readdirSync(join(folder, e))).toEqual(expect.arrayContaining(['index.tidx', 'diagnosis.json']));
  });

  it('does not cache a folder, and without a cache folder never caches at all', async () => {
    const folder = join(dir, 'folder-cache');
    const logs = join(dir, 'logs');
    await mkdir(logs);
    await writeFile(join(logs, 'app.log'), '2025-09-18 16:24:30.002 1234 INFO porter.api [req-1] hello\n');
    const manager = new CaseManager({ cacheDir: folder });
    const opened = await open(manager, logs);
    expect(opened.status).toMatchObject({ cached: false, indexed: true });
    expect(opened.cache.note).toMatch(/folder/);
    expect(existsSync(folder)).toBe(false);
    const plain = new CaseManager();
    const p = await open(plain, bundle);
    expect(p.status).toMatchObject({ cached: false, indexed: true, diagnosed: true });
    expect(p.cache).toEqual({ cached: false, note: null });
  });
});

describe('dataDir', () => {
  it('honours TARSIER_DATA_DIR, then the platform folder (XDG on Linux)', () => {
    expect(dataDir({ TARSIER_DATA_DIR: '/tmp/t' }, 'linux', '/home/u')).toBe('/tmp/t');
    expect(dataDir({}, 'linux', '/home/u')).toBe('/home/u/.local/share/tarsier');
    expect(dataDir({ XDG_DATA_HOME: '/x/data' }, 'linux', '/home/u')).toBe('/x/data/tarsier');
    expect(dataDir({ XDG_DATA_HOME: 'relative' }, 'linux', '/home/u')).toBe('/home/u/.local/share/tarsier');
    expect(dataDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/Tarsier');
    expect(dataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u')).toBe(
      'C:\\Users\\u\\AppData\\Roaming\\Tarsier',
    );
  });
});
