/**
 * `tarsier serve` against a hostile caller holding the token (issue 13, "who may read what"):
 * the bridge runs in this process over a real CaseManager and is spoken to over HTTP.
 *  - only paths given on the command line, uploads and folders allowed with --allow are opened
 *    (after realpath: a link out of an allowed folder is refused);
 *  - a FIFO, a device or a socket is refused without being opened;
 *  - the data folder, its cache, its saved cases and uploads are private to the user;
 *  - open cases are bounded (least recently used closed first) and a closed case says so;
 *  - uploads go to the data folder's upload store (streamed through the swept scratch space), are capped in number and in total bytes, and API
 *    bodies are small and shallow (no 500 from a deeply nested body).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, constants, openSync, readdirSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CaseManager } from '../../src/main/engine/case/caseManager.ts';
import { main } from '../../src/main/cli/main.ts';
import { startBridge, type Bridge, type BridgeOptions } from '../../src/main/server/server.ts';
import type { ApiResult } from '../../src/shared/api.ts';
import { emptyCaseState } from '../../src/shared/caseState.ts';

const LINES = [
  '2025-09-18 16:24:30.002 1234 INFO porter.api [req-6ec3e693-69f7-4129-a43a-16eebe74b528 u p - - -] Attaching volume 5f1c to instance vm-web01',
  '2025-09-18 16:24:31.123 1234 ERROR porter.api [req-6ec3e693-69f7-4129-a43a-16eebe74b528 u p - - -] Failed to attach volume',
];
const SECRET = 'root:$6$CANARY-shadow-hash:19000:0:99999:7:::';

let root: string;
let data: string;
let allowed: string;
let outside: string;
let bundle: string;
const fifos: string[] = [];
const bridges: Bridge[] = [];
const previousDataDir = process.env.TARSIER_DATA_DIR;

async function writeTarGz(file: string, entries: { name: string; body: string }[]): Promise<void> {
  const pack = tar.pack();
  const done = pipeline(pack, createGzip(), createWriteStream(file, { mode: 0o600 }));
  for (const entry of entries)
    await new Promise<void>((ok, fail) =>
      pack.entry({ name: entry.name }, entry.body, (error) => (error ? fail(error) : ok())),
    );
  pack.finalize();
  await done;
}

function mkfifo(path: string): string {
  const made = spawnSync('mkfifo', [path]);
  if (made.status !== 0) throw new Error(`mkfifo ${path}: ${made.stderr.toString()}`);
  fifos.push(path);
  return path;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tarsier-serve-security-'));
  data = join(root, 'data');
  process.env.TARSIER_DATA_DIR = data;
  allowed = join(root, 'allowed');
  outside = join(root, 'outside');
  await mkdir(allowed);
  await mkdir(outside);
  bundle = join(root, 'given.tar.gz');
  await writeTarGz(bundle, [
    { name: 'opt/installer/production/logs/porter/porter-api.log', body: LINES.join('\n') + '\n' },
  ]);
  await writeTarGz(join(allowed, 'inside.tar.gz'), [
    { name: 'var/log/porter/porter-api.log', body: LINES.join('\n') + '\n' },
  ]);
  await writeFile(join(outside, 'shadow'), `${SECRET}\n`, { mode: 0o600 });
  await symlink(join(outside, 'shadow'), join(allowed, 'link-to-shadow.log'));
  await symlink(outside, join(allowed, 'link-to-outside'));
  await mkdir(join(root, 'renderer'));
  await writeFile(join(root, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
});

afterAll(async () => {
  // A FIFO that something opened for reading waits for a writer: be that writer, so no thread stays blocked.
  for (const fifo of fifos) {
    try {
      closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // ENXIO: nobody is reading it, as it should be.
    }
  }
  await Promise.all(bridges.map((b) => b.close()));
  if (previousDataDir === undefined) delete process.env.TARSIER_DATA_DIR;
  else process.env.TARSIER_DATA_DIR = previousDataDir;
  await rm(root, { recursive: true, force: true });
});

async function bridgeOf(
  manager: CaseManager,
  options: Partial<BridgeOptions> = {},
): Promise<Bridge & { call: <T>(method: string, body: unknown) => Promise<ApiResult<T>> }> {
  const bridge = await startBridge({ api: manager, port: 0, rendererDir: join(root, 'renderer'), ...options });
  bridges.push(bridge);
  const token = new URL(bridge.url).searchParams.get('token')!;
  const call = async <T>(method: string, body: unknown): Promise<ApiResult<T>> => {
    const response = await fetch(`${bridge.origin}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Tarsier-Token': token },
      body: JSON.stringify(body),
    });
    return (await response.json()) as ApiResult<T>;
  };
  return Object.assign(bridge, { call, token });
}

const tokenOf = (bridge: Bridge): string => new URL(bridge.url).searchParams.get('token')!;

/** A raw HTTP request (fetch hides a response that comes before the body is sent). */
function raw(
  bridge: Bridge,
  path: string,
  options: { headers?: Record<string, string | number>; body?: Buffer | string; hold?: boolean },
): { response: Promise<{ status: number; body: string }>; finish: (rest?: Buffer | string) => void } {
  const req = request(`${bridge.origin}${path}`, {
    method: 'POST',
    headers: { 'X-Tarsier-Token': tokenOf(bridge), ...options.headers },
  });
  const response = new Promise<{ status: number; body: string }>((ok, fail) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', fail);
  });
  if (options.body !== undefined) req.write(options.body);
  if (!options.hold) req.end();
  return { response, finish: (rest) => req.end(rest) };
}

async function opened(
  call: <T>(method: string, body: unknown) => Promise<ApiResult<T>>,
  paths: string[],
): Promise<ApiResult<{ caseId: string }>> {
  return call<{ caseId: string }>('openCase', { paths, zone: 'UTC' });
}

/** Every folder and file under `dir`, with its permission bits. */
function modesUnder(dir: string): { path: string; mode: number; folder: boolean }[] {
  const out = [{ path: dir, mode: statSync(dir).mode & 0o777, folder: true }];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...modesUnder(full));
    else out.push({ path: full, mode: statSync(full).mode & 0o777, folder: false });
  }
  return out;
}

describe('serve opens only what it was given', () => {
  it('refuses a path outside the command line, the uploads and the --allow folders, naming it and --allow', async () => {
    const manager = new CaseManager({ cacheDir: join(data, 'index-cache'), dataDir: data });
    const { call } = await bridgeOf(manager, { allow: { paths: [bundle], folders: [allowed] } });
    const shadow = join(outside, 'shadow');
    const refused = await opened(call, [shadow]);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toContain(shadow);
    expect(!refused.ok && refused.error).toContain(`--allow ${outside}`);
    // Links are followed before the check; `..` does not climb out either.
    for (const sneaky of [
      join(allowed, 'link-to-shadow.log'),
      join(allowed, 'link-to-outside', 'shadow'),
      join(allowed, '..', 'outside', 'shadow'),
    ]) {
      const result = await opened(call, [sneaky]);
      expect(result.ok, sneaky).toBe(false);
      expect(!result.ok && result.error).toContain('--allow');
    }
    // One bad path among good ones refuses the whole case.
    expect((await opened(call, [bundle, shadow])).ok).toBe(false);
    // Whether a path outside exists is not told either.
    const missing = await opened(call, [join(outside, 'no-such-file')]);
    expect(!missing.ok && missing.error).toContain('is not open to this server');
    // What was given, what is under an allowed folder, and the demo are opened.
    for (const paths of [[bundle], [join(allowed, 'inside.tar.gz')], [allowed]]) {
      const result = await opened(call, paths);
      expect(result.ok, paths.join()).toBe(true);
      if (result.ok) await manager.settled(result.value.caseId);
    }
    expect((await call('openDemo', {})).ok).toBe(true);
    const missingInside = await opened(call, [join(allowed, 'no-such.tar.gz')]);
    expect(!missingInside.ok && missingInside.error).toContain('no such file or folder');
    // The refused file's text never reached the cache (nor anything else in the data folder).
    const texts = await Promise.all(
      modesUnder(data)
        .filter((e) => !e.folder)
        .map((e) => readFile(e.path)),
    );
    expect(texts.some((t) => t.includes('CANARY-shadow'))).toBe(false);
  });

  it('opens a file uploaded to it', async () => {
    const manager = new CaseManager();
    const bridge = await bridgeOf(manager);
    const response = await fetch(`${bridge.origin}/bridge/upload?name=up.tar.gz`, {
      method: 'POST',
      headers: { 'X-Tarsier-Token': tokenOf(bridge) },
      body: await readFile(bundle),
    });
    const uploaded = (await response.json()) as { ok: true; value: { path: string } };
    expect(response.status).toBe(200);
    // In the data folder's upload store, named by the bytes' sha256, not in $TMPDIR.
    const sha256 = createHash('sha256')
      .update(await readFile(bundle))
      .digest('hex');
    expect(uploaded.value.path).toBe(join(data, 'uploads', sha256, 'up.tar.gz'));
    const result = await opened(bridge.call, [uploaded.value.path]);
    expect(result.ok).toBe(true);
    // With no command line and no --allow, nothing else.
    expect((await opened(bridge.call, [bundle])).ok).toBe(false);
  });
});

describe('serve refuses what is not a regular file or a folder, without opening it', () => {
  it('CaseManager.openCase refuses a FIFO and a device', async () => {
    const manager = new CaseManager();
    const fifo = mkfifo(join(root, 'pipe.log'));
    expect(await manager.openCase({ paths: [fifo] })).toEqual({
      ok: false,
      error: `openCase: ${fifo}: FIFO (named pipe), not a regular file`,
    });
    expect(await manager.openCase({ paths: [bundle, '/dev/null'] })).toEqual({
      ok: false,
      error: 'openCase: /dev/null: character device, not a regular file',
    });
  });

  it('five FIFOs do not wedge the bridge', async () => {
    const manager = new CaseManager();
    const folder = join(root, 'fifos');
    await mkdir(folder);
    const pipes = [1, 2, 3, 4, 5].map((i) => mkfifo(join(folder, `bundle-${i}.tar.gz`)));
    const bridge = await bridgeOf(manager, { allow: { folders: [folder] } });
    for (const pipe of pipes) {
      expect(await opened(bridge.call, [pipe])).toEqual({
        ok: false,
        error: `openCase: ${pipe}: FIFO (named pipe), not a regular file`,
      });
    }
    // The bridge still answers (its file system calls are not stuck behind blocked opens).
    const page = await fetch(`${bridge.origin}/`, { headers: { 'X-Tarsier-Token': tokenOf(bridge) } });
    expect(page.status).toBe(200);
    const upload = await fetch(`${bridge.origin}/bridge/upload?name=x.log`, {
      method: 'POST',
      headers: { 'X-Tarsier-Token': tokenOf(bridge) },
      body: LINES.join('\n'),
    });
    expect(upload.status).toBe(200);
  });
});

describe('the data folder is private to the user', () => {
  it('after analyze with the cache and after a serve upload, open and save: folders 0700, files 0600', async () => {
    const previousUmask = process.umask(0o022);
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      // A data folder that an older version made world-readable.
      await mkdir(data, { recursive: true, mode: 0o755 });
      chmodSync(data, 0o755);
      expect(await main(['analyze', bundle, '--zone', 'UTC'])).toBe(0);
      stdout.mockRestore();
      let modes = modesUnder(data);
      expect(modes.some((e) => e.path.endsWith('index.tidx'))).toBe(true);
      expect(modes.some((e) => e.path.endsWith('diagnosis.json'))).toBe(true);
      expect(modes.filter((e) => (e.folder ? e.mode !== 0o700 : e.mode !== 0o600))).toEqual([]);

      const manager = new CaseManager({ cacheDir: join(data, 'index-cache'), dataDir: data });
      const bridge = await bridgeOf(manager);
      const response = await fetch(`${bridge.origin}/bridge/upload?name=dropped.tar.gz`, {
        method: 'POST',
        headers: { 'X-Tarsier-Token': tokenOf(bridge) },
        body: await writeAndRead(join(root, 'other.tar.gz')),
      });
      const uploaded = (await response.json()) as { ok: true; value: { path: string } };
      const result = await opened(bridge.call, [uploaded.value.path]);
      if (!result.ok) throw new Error(result.error);
      await manager.diagnosed(result.value.caseId);
      await manager.cacheSettled(result.value.caseId);
      expect(await bridge.call('saveCaseState', { caseId: result.value.caseId, state: emptyCaseState() })).toEqual({
        ok: true,
        value: { saved: true },
      });
      modes = modesUnder(data);
      expect(modes.some((e) => e.path.includes(join(data, 'uploads')) && !e.folder)).toBe(true);
      expect(modes.some((e) => e.path.includes(join(data, 'cases')) && !e.folder)).toBe(true);
      expect(modes.filter((e) => (e.folder ? e.mode !== 0o700 : e.mode !== 0o600))).toEqual([]);
    } finally {
      stdout.mockRestore();
      process.umask(previousUmask);
    }
  });
});

async function writeAndRead(file: string): Promise<Buffer> {
  await writeTarGz(file, [{ name: 'var/log/nova/nova-api.log', body: LINES.join('\n') + '\nsecond bundle\n' }]);
  return readFile(file);
}

describe('open cases are released', () => {
  it('keeps at most maxOpenCases open, the least recently used closed first, and says a closed case was closed', async () => {
    const manager = new CaseManager({ maxOpenCases: 3, cacheDir: join(root, 'release-cache') });
    const ids: string[] = [];
    let first = '';
    for (let i = 0; i < 12; i++) {
      const result = await manager.openCase({ paths: [bundle], zone: 'UTC' });
      if (!result.ok) throw new Error(result.error);
      ids.push(result.value.caseId);
      if (i === 0) first = result.value.caseId;
      await manager.settled(result.value.caseId);
      // The UI keeps using the first case while others are opened: it stays open.
      expect((await manager.search({ caseId: first, query: 'attach' })).ok).toBe(true);
      expect(manager.openCaseCount()).toBeLessThanOrEqual(3);
    }
    expect((await manager.search({ caseId: first, query: 'attach' })).ok).toBe(true);
    const closed = await manager.search({ caseId: ids[1], query: 'attach' });
    expect(closed.ok).toBe(false);
    expect(!closed.ok && closed.error).toMatch(/^search: case \S+ was closed .*open it again/);
    expect(await manager.caseStatus({ caseId: ids[1] })).toMatchObject({
      ok: false,
      error: expect.stringContaining('was closed'),
    });
    expect(await manager.caseStatus({ caseId: 'never-opened' })).toEqual({
      ok: false,
      error: 'caseStatus: no case never-opened',
    });
  });

  it('through the bridge, two hundred opens keep the number of open cases bounded', async () => {
    // As serve runs: the same bundle opened again comes from the index cache.
    const manager = new CaseManager({ maxOpenCases: 4, cacheDir: join(root, 'release-cache') });
    const bridge = await bridgeOf(manager, { allow: { paths: [bundle] } });
    let most = 0;
    for (let i = 0; i < 200; i++) {
      const result = await opened(bridge.call, [bundle]);
      if (!result.ok) throw new Error(result.error);
      await manager.settled(result.value.caseId);
      most = Math.max(most, manager.openCaseCount());
    }
    expect(most).toBeLessThanOrEqual(4);
  });
});

describe('uploads and request bodies are bounded', () => {
  it('refuses an upload past the total of the run (413) and more uploads at once than allowed (429)', async () => {
    const bridge = await bridgeOf(new CaseManager(), {
      maxUploadBytes: 4096,
      maxUploadTotalBytes: 6000,
      maxConcurrentUploads: 2,
    });
    const body = Buffer.alloc(4000, 'a');
    const first = await raw(bridge, '/bridge/upload?name=a.log', { headers: { 'Content-Length': body.length }, body })
      .response;
    expect(first.status).toBe(200);
    const declared = await raw(bridge, '/bridge/upload?name=b.log', {
      headers: { 'Content-Length': body.length },
      body,
    }).response;
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).error).toMatch(/total .*--max-upload-total-mb/);
    // Without a declared length the count is kept while the body streams in.
    const chunked = await raw(bridge, '/bridge/upload?name=c.log', {
      headers: { 'Transfer-Encoding': 'chunked' },
      body,
    }).response;
    expect(chunked.status).toBe(413);

    const small = await bridgeOf(new CaseManager(), { maxUploadBytes: 4096, maxConcurrentUploads: 2 });
    const held = [
      raw(small, '/bridge/upload?name=h1.log', { headers: { 'Content-Length': 20 }, body: 'x'.repeat(10), hold: true }),
      raw(small, '/bridge/upload?name=h2.log', { headers: { 'Content-Length': 20 }, body: 'y'.repeat(10), hold: true }),
    ];
    // Both held bodies are being streamed to disk (not kept in memory) before the third comes.
    await vi.waitFor(
      () =>
        expect(
          modesUnder(data).filter((e) => /[/\\]h[12]\.log$/.test(e.path) && statSync(e.path).size === 10),
        ).toHaveLength(2),
      { timeout: 10_000 },
    );
    const third = await raw(small, '/bridge/upload?name=h3.log', { headers: { 'Content-Length': 5 }, body: 'zzzzz' })
      .response;
    expect(third.status).toBe(429);
    expect(JSON.parse(third.body).error).toContain('2 uploads');
    for (const h of held) h.finish('0123456789');
    expect((await Promise.all(held.map((h) => h.response))).map((r) => r.status)).toEqual([200, 200]);
    expect(
      (await raw(small, '/bridge/upload?name=h4.log', { headers: { 'Content-Length': 5 }, body: 'zzzzz' }).response)
        .status,
    ).toBe(200);
  });

  it('caps an API body to a small size (413) and its nesting (400, never a 500)', async () => {
    const bridge = await bridgeOf(new CaseManager());
    const big = JSON.stringify({ caseId: 'abc', pad: 'p'.repeat(200_000) });
    const tooBig = await raw(bridge, '/api/caseStatus', {
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(big) },
      body: big,
    }).response;
    expect(tooBig.status).toBe(413);
    expect(JSON.parse(tooBig.body).error).toMatch(/^caseStatus: request body larger than \d+ bytes/);
    for (const [method, deep] of [
      ['caseStatus', `{"caseId":${'['.repeat(20_000)}${']'.repeat(20_000)}}`],
      ['saveCaseState', `{"caseId":"abc","state":{"notes":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}}`],
      ['openCase', `{"paths":${'['.repeat(5_000)}${']'.repeat(5_000)}}`],
    ] as const) {
      const answer = await raw(bridge, `/api/${method}`, {
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(deep) },
        body: deep,
      }).response;
      expect(answer.status, method).toBe(400);
      expect(answer.body).not.toContain('call stack');
      expect(JSON.parse(answer.body).error).toMatch(
        new RegExp(`^${method}: request body nested deeper than \\d+ levels`),
      );
    }
    // A string full of brackets is not nesting.
    const brackets = JSON.stringify({ caseId: 'abc', note: '[[[[{{{{'.repeat(1000) });
    const fine = await raw(bridge, '/api/caseStatus', {
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(brackets) },
      body: brackets,
    }).response;
    expect(fine.status).toBe(200);
  });
});
