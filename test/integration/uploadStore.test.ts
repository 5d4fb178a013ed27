/**
 * Issue 17: a bundle dropped on a `tarsier serve` page is kept in the data folder
 * (`uploads/<sha256>/<name>`, the same bytes once), so that a new server over the same data
 * folder opens it again from Recent, with its saved pins; the store counts against the index
 * cache's budget and evicts least recently used, unpinned uploads first; forgetting a case
 * removes its Recent entry, its saved state and our copy, never a file of the user's.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CaseManager } from '../../src/main/engine/case/caseManager.ts';
import { UploadStore } from '../../src/main/engine/case/uploadStore.ts';
import { startBridge, type Bridge, type BridgeOptions } from '../../src/main/server/server.ts';
import type { ApiResult, ForgottenCase } from '../../src/shared/api.ts';
import { emptyCaseState, type CaseState, type SavedCase } from '../../src/shared/caseState.ts';
import type { Preferences } from '../../src/shared/preferences.ts';
import { buildTarGz } from '../support/archives.ts';

const LINES = [
  '2025-09-18 16:24:30.002 1234 INFO porter.api [req-6ec3e693-69f7-4129-a43a-16eebe74b528 u p - - -] Attaching volume 5f1c to instance vm-web01',
  '2025-09-18 16:24:31.123 1234 ERROR porter.api [req-6ec3e693-69f7-4129-a43a-16eebe74b528 u p - - -] Failed to attach volume',
];

let root: string;
let renderer: string;
const open: Bridge[] = [];
const previousDataDir = process.env.TARSIER_DATA_DIR;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tarsier-upload-store-'));
  renderer = join(root, 'renderer');
  await import('node:fs/promises').then((fs) => fs.mkdir(renderer));
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>t</title>');
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close()));
  if (previousDataDir === undefined) delete process.env.TARSIER_DATA_DIR;
  else process.env.TARSIER_DATA_DIR = previousDataDir;
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A small real-looking bundle; `tag` makes its bytes differ. */
const bundleBytes = (tag: string): Promise<Buffer> =>
  buildTarGz([{ name: `opt/installer/production/logs/porter/porter-api-${tag}.log`, data: LINES.join('\n') + '\n' }]);

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

type Call = <T>(method: string, body: unknown) => Promise<ApiResult<T>>;

/** A fresh data folder. */
async function dataFolder(): Promise<string> {
  return mkdtemp(join(root, 'data-'));
}

/** A CaseManager and a bridge over `data`, as `tarsier serve` makes them. */
async function serveOver(
  data: string,
  options: Partial<BridgeOptions> & { cacheBudgetBytes?: number } = {},
): Promise<{
  manager: CaseManager;
  bridge: Bridge;
  call: Call;
  upload: (name: string, body: Buffer) => Promise<Response>;
}> {
  process.env.TARSIER_DATA_DIR = data;
  const manager = new CaseManager({
    cacheDir: join(data, 'index-cache'),
    dataDir: data,
    cacheBudgetBytes: options.cacheBudgetBytes,
  });
  const bridge = await startBridge({ api: manager, port: 0, rendererDir: renderer, dataDir: data, ...options });
  open.push(bridge);
  const token = new URL(bridge.url).searchParams.get('token')!;
  const call: Call = async (method, body) => {
    const response = await fetch(`${bridge.origin}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Tarsier-Token': token },
      body: JSON.stringify(body),
    });
    return (await response.json()) as ApiResult<never>;
  };
  const upload = (name: string, body: Buffer): Promise<Response> =>
    fetch(`${bridge.origin}/bridge/upload?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'X-Tarsier-Token': token },
      body,
    });
  return { manager, bridge, call, upload };
}

async function uploaded(response: Response): Promise<{ path: string; bytes: number; deduplicated: boolean }> {
  const body = (await response.json()) as ApiResult<{ path: string; bytes: number; deduplicated: boolean }>;
  if (!body.ok) throw new Error(`upload failed (${response.status}): ${body.error}`);
  return body.value;
}

const storedFolders = (data: string): string[] =>
  existsSync(join(data, 'uploads')) ? readdirSync(join(data, 'uploads')).sort() : [];

describe('the upload store', () => {
  it('keeps an upload under the sha256 of its bytes, and the same bytes once', async () => {
    const data = await dataFolder();
    const { upload } = await serveOver(data);
    const bytes = await bundleBytes('a');
    const first = await uploaded(await upload('case 1.tar.gz', bytes));
    expect(first).toEqual({
      path: join(data, 'uploads', sha256(bytes), 'case 1.tar.gz'),
      bytes: bytes.length,
      deduplicated: false,
    });
    expect(await readFile(first.path)).toEqual(bytes);

    // The same bytes under the same name: the same file, nothing new kept.
    const again = await uploaded(await upload('case 1.tar.gz', bytes));
    expect(again).toEqual({ ...first, deduplicated: true });
    // Under another name: a second name of the same file (one inode), so the case shows that name.
    const renamed = await uploaded(await upload('renamed.tgz', bytes));
    expect(renamed.path).toBe(join(data, 'uploads', sha256(bytes), 'renamed.tgz'));
    expect(renamed.deduplicated).toBe(true);
    expect(statSync(renamed.path).ino).toBe(statSync(first.path).ino);
    expect(storedFolders(data)).toEqual([sha256(bytes)]);
    expect(await new UploadStore(data).bytes()).toBe(bytes.length);

    // Other bytes: another folder; nothing left in the scratch space.
    const other = await bundleBytes('b');
    await uploaded(await upload('case 1.tar.gz', other));
    expect(storedFolders(data)).toEqual([sha256(bytes), sha256(other)].sort());
    expect(readdirSync(join(data, 'tmp'))).toEqual([]);
  });

  it('a new server over the same data folder opens the upload again from Recent, with its pins and its cache', async () => {
    const data = await dataFolder();
    const bytes = await bundleBytes('restart');
    const first = await serveOver(data);
    const { path } = await uploaded(await first.upload('customer-42.tar.gz', bytes));
    const opened = await first.call<{ caseId: string }>('openCase', { paths: [path], zone: 'UTC' });
    if (!opened.ok) throw new Error(opened.error);
    await first.manager.diagnosed(opened.value.caseId);
    await first.manager.cacheSettled(opened.value.caseId);
    const state: CaseState = emptyCaseState();
    state.notes.ticket = 'TCK-42';
    state.notes.pins = [
      {
        path: 'opt/installer/production/logs/porter/porter-api-restart.log',
        line: 2,
        file: 0,
        text: LINES[1],
        time: null,
        level: 'error',
        component: 'porter/porter-api',
        note: 'the failure',
        pinnedAt: 1,
      },
    ];
    expect((await first.call('saveCaseState', { caseId: opened.value.caseId, state })).ok).toBe(true);
    expect(
      (
        await first.call('savePreferences', {
          recent: [{ paths: [path], names: ['customer-42.tar.gz'], openedAt: 1, uploaded: true }],
        })
      ).ok,
    ).toBe(true);
    await first.bridge.close();

    // "Restart": a new engine and a new bridge over the same data folder.
    const second = await serveOver(data);
    const preferences = await second.call<Preferences>('preferences', {});
    if (!preferences.ok) throw new Error(preferences.error);
    const recent = preferences.value.recent[0];
    expect(recent.paths).toEqual([path]);
    const again = await second.call<{ caseId: string }>('openCase', { paths: recent.paths, zone: 'UTC' });
    if (!again.ok) throw new Error(again.error);
    expect(await second.manager.diagnosed(again.value.caseId)).toMatchObject({ phase: 'done' });
    expect(await second.manager.cacheSettled(again.value.caseId)).toEqual({ cached: true, note: null });
    const kept = await second.call<CaseState | null>('caseState', { caseId: again.value.caseId });
    expect(kept.ok && kept.value?.notes.ticket).toBe('TCK-42');
    expect(kept.ok && kept.value?.notes.pins.map((p) => p.note)).toEqual(['the failure']);
  });

  it('evicts least recently used unpinned uploads first to stay under the budget, and says so when Recent asks', async () => {
    const data = await dataFolder();
    const a = await bundleBytes('pinned');
    const b = await bundleBytes('unpinned-old');
    const c = await bundleBytes('unpinned-new');
    // Room for two of them, not three.
    const budget = a.length + b.length + Math.floor(c.length / 2);
    const { call, upload, manager } = await serveOver(data, { storeBudgetBytes: budget });
    // As the page does: upload, open, and later close it (opening another).
    const uploadAndRead = async (name: string, body: Buffer) => {
      const stored = await uploaded(await upload(name, body));
      const opened = await call<{ caseId: string }>('openCase', { paths: [stored.path], zone: 'UTC' });
      if (!opened.ok) throw new Error(opened.error);
      await manager.settled(opened.value.caseId);
      await call('closeCase', { caseId: opened.value.caseId });
      return stored;
    };
    const pinned = await uploadAndRead('pinned.tar.gz', a);
    const old = await uploadAndRead('old.tar.gz', b);
    expect(
      (await call('savePreferences', { recent: [{ paths: [pinned.path], names: ['pinned.tar.gz'], openedAt: 1 }] })).ok,
    ).toBe(true);
    // The pinned one is the least recently used, yet the unpinned one goes first.
    await new UploadStore(data).touch(old.path);
    const fresh = await uploadAndRead('new.tar.gz', c);
    expect(storedFolders(data)).toEqual([sha256(a), sha256(c)].sort());
    expect(existsSync(old.path)).toBe(false);
    expect(existsSync(fresh.path)).toBe(true);
    expect(await new UploadStore(data).bytes()).toBeLessThanOrEqual(budget);

    // Opening the evicted one names it and says what to do; nothing is read.
    const gone = await call('openCase', { paths: [old.path], zone: 'UTC' });
    expect(gone.ok).toBe(false);
    expect(!gone.ok && gone.error).toMatch(
      /^openCase: old\.tar\.gz was uploaded in an earlier session .*gone.*forget this case/,
    );

    // An upload not opened yet is spared a while (the page opens it next, or a drop's other files come first).
    const waiting = await uploaded(await upload('waiting.tar.gz', await bundleBytes('waiting')));
    // An upload the size of the whole budget: when the unpinned ones are not enough, pinned ones go too.
    const big = await uploaded(await upload('big.bin', Buffer.alloc(budget, 1)));
    expect(existsSync(pinned.path)).toBe(false);
    expect(existsSync(fresh.path)).toBe(false);
    expect(storedFolders(data)).toEqual([basename(join(big.path, '..')), basename(join(waiting.path, '..'))].sort());
  });

  it('never evicts the upload of a case that is open', async () => {
    const data = await dataFolder();
    const a = await bundleBytes('open-a');
    const b = await bundleBytes('open-b');
    const { call, upload, manager } = await serveOver(data, { storeBudgetBytes: Math.max(a.length, b.length) });
    const first = await uploaded(await upload('a.tar.gz', a));
    const opened = await call<{ caseId: string }>('openCase', { paths: [first.path], zone: 'UTC' });
    if (!opened.ok) throw new Error(opened.error);
    await manager.settled(opened.value.caseId);
    await uploaded(await upload('b.tar.gz', b));
    expect(existsSync(first.path)).toBe(true);
    // Closed: the next upload may take its place.
    await call('closeCase', { caseId: opened.value.caseId });
    await uploaded(await upload('c.tar.gz', await bundleBytes('open-c')));
    expect(existsSync(first.path)).toBe(false);
  });

  it('the index cache makes room for the uploads: one budget for both', async () => {
    const data = await dataFolder();
    const user = join(root, `user-${Date.now()}`);
    await import('node:fs/promises').then((fs) => fs.mkdir(user));
    const x = join(user, 'x.tar.gz');
    const y = join(user, 'y.tar.gz');
    await writeFile(x, await bundleBytes('cache-x'));
    await writeFile(y, await bundleBytes('cache-y'));
    const entries = (): string[] => readdirSync(join(data, 'index-cache')).filter((n) => /^[A-Za-z0-9_-]+$/.test(n));
    const { manager, upload } = await serveOver(data, { cacheBudgetBytes: 10 * 2 ** 20 });
    const readOne = async (path: string): Promise<void> => {
      const opened = await manager.openCase({ paths: [path], zone: 'UTC' });
      if (!opened.ok) throw new Error(opened.error);
      await manager.cacheSettled(opened.value.caseId);
      await manager.closeCase({ caseId: opened.value.caseId });
    };
    await readOne(x);
    await readOne(y);
    expect(entries()).toHaveLength(2);
    // 10 MiB of uploads fill the shared budget: the next save keeps only its own entry.
    await uploaded(await upload('filler.bin', Buffer.alloc(10 * 2 ** 20, 7)));
    await writeFile(x, await bundleBytes('cache-x2'));
    await readOne(x);
    expect(entries()).toHaveLength(1);
  });

  it('forgetting a case removes its Recent entry, its saved state and our copy, never the user’s file', async () => {
    const data = await dataFolder();
    const { call, upload, manager } = await serveOver(data);
    const bytes = await bundleBytes('forget');
    const stored = await uploaded(await upload('forget-me.tar.gz', bytes));
    const opened = await call<{ caseId: string }>('openCase', { paths: [stored.path], zone: 'UTC' });
    if (!opened.ok) throw new Error(opened.error);
    await manager.settled(opened.value.caseId);
    const state = emptyCaseState();
    state.notes.ticket = 'TCK-FORGET';
    expect((await call('saveCaseState', { caseId: opened.value.caseId, state })).ok).toBe(true);
    const mine = join(root, 'users-own.tar.gz');
    await writeFile(mine, bytes);
    const entry = { paths: [stored.path], names: ['forget-me.tar.gz'], openedAt: 2, uploaded: true };
    const own = { paths: [mine], names: ['users-own.tar.gz'], openedAt: 1 };
    expect((await call('savePreferences', { recent: [entry, own] })).ok).toBe(true);
    const saved = await call<SavedCase[]>('savedCases', {});
    const key = saved.ok ? saved.value.find((c) => c.ticket === 'TCK-FORGET')?.key : undefined;
    expect(key).toMatch(/^[0-9a-f]{64}$/);

    expect(await call<ForgottenCase>('forgetCase', { paths: entry.paths, key })).toEqual({
      ok: true,
      value: { recent: true, state: true, uploads: ['forget-me.tar.gz'] },
    });
    expect(existsSync(stored.path)).toBe(false);
    expect(storedFolders(data)).toEqual([]);
    const after = await call<Preferences>('preferences', {});
    expect(after.ok && after.value.recent.map((r) => r.names[0])).toEqual(['users-own.tar.gz']);
    const savedAfter = await call<SavedCase[]>('savedCases', {});
    expect(savedAfter.ok && savedAfter.value.map((c) => c.ticket)).toEqual([]);

    // A case of the user's own file: its entry goes, the file stays.
    expect(await call<ForgottenCase>('forgetCase', { paths: [mine] })).toEqual({
      ok: true,
      value: { recent: true, state: false, uploads: [] },
    });
    expect(await readFile(mine)).toEqual(bytes);
  });

  it('refuses to remove anything outside the store', async () => {
    const data = await dataFolder();
    const store = new UploadStore(data);
    const outside = join(root, 'outside.log');
    await writeFile(outside, 'x');
    const stored = await store.put(Readable.from([Buffer.from('stored bytes')]), 'kept.log');
    expect(store.folderOf(outside)).toBeNull();
    expect(store.folderOf(join(data, 'uploads', 'not-a-sha', 'kept.log'))).toBeNull();
    expect(await store.remove(outside)).toBe(false);
    expect(await store.remove(join(data, 'uploads', stored.sha256, '..', '..', 'outside.log'))).toBe(false);
    expect(existsSync(outside)).toBe(true);
    expect(basename(stored.path)).toBe('kept.log');
    expect(await store.remove(stored.path)).toBe(true);
    expect(storedFolders(data)).toEqual([]);
  });
});
