import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileRecord, LogEvent } from '../../src/shared/model.ts';
import { readInventory } from '../../src/main/engine/ingest/readInventory.ts';
import { buildZip } from '../fixtures/zipWriter.ts';
import { encodeGbk } from '../fixtures/gbk.ts';
import { buildTar, buildTarGz } from '../support/archives.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const OSLO = [
  '2025-09-18 16:24:30.001 2001 INFO porter.api [req-6ec3e693-69f7-4129-a43a-16eebe74b528 u p - - -] POST /v1/hosts/start',
  '2025-09-18 16:24:31.120 2001 ERROR porter.api [req-6ec3e693-69f7-4129-a43a-16eebe74b528 u p - - -] Failed to attach volume',
  '2025-09-18 16:24:31.120 2001 ERROR porter.api Traceback (most recent call last):',
  '2025-09-18 16:24:31.120 2001 ERROR porter.api   File "/opt/porter/api.py", line 12, in attach',
  '2025-09-18 16:24:31.120 2001 ERROR porter.api NotFound: volume not found (HTTP 404)',
  '2025-09-18 16:24:32.000 2001 INFO porter.api [-] heartbeat',
].join('\n');

async function write(name: string, data: Buffer | string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, data);
  return path;
}

async function analyze(paths: string[], zone = 'UTC') {
  const events: { file: FileRecord; event: LogEvent }[] = [];
  const outcome = await readInventory(paths, { zone, onEvent: (file, event) => events.push({ file, event }) });
  if (!outcome.ok) throw new Error(outcome.error);
  const byPath = new Map(outcome.value.files.map((f) => [f.path, f]));
  return { ...outcome.value, byPath, events };
}

describe('readInventory: containers', () => {
  it('reads archives inside archives at any depth, with nested paths', async () => {
    const innerTgz = await buildTarGz([
      { name: 'DSAgent-2025-09-17.log', data: '2025-09-17 10:00:00,000 [7] INFO Agent - started\n' },
    ]);
    const zip = buildZip([
      {
        name: 'log/DSAgent-2025-09-18.log',
        data: encodeGbk('2025-09-18 16:24:31,123 [12] ERROR DiskSync.Agent.SyncService - 磁盘同步失败: 拒绝访问\r\n'),
      },
      { name: 'log/archive/older.tgz', data: innerTgz },
    ]);
    const bundle = await write(
      'nested.tar.gz',
      await buildTarGz([
        { name: 'case/opt/installer/production/logs/porter/porter-api.log', data: OSLO },
        { name: 'case/opt/installer/production/logs/porter/porter-api.log.1.gz', data: gzipSync(OSLO) },
        { name: 'case/windows/DiskSync-Agent.zip', data: zip },
      ]),
    );
    const result = await analyze([bundle]);
    expect([...result.byPath.keys()].sort()).toEqual([
      'case/opt/installer/production/logs/porter/porter-api.log',
      'case/opt/installer/production/logs/porter/porter-api.log.1.gz',
      'case/windows/DiskSync-Agent.zip!/log/DSAgent-2025-09-18.log',
      'case/windows/DiskSync-Agent.zip!/log/archive/older.tgz!/DSAgent-2025-09-17.log',
    ]);
    const api = result.byPath.get('case/opt/installer/production/logs/porter/porter-api.log')!;
    expect(api).toMatchObject({
      module: 'porter',
      component: 'porter-api',
      format: 'oslo',
      kind: 'log',
      lines: 6,
      events: 3,
    });
    expect(api.levels).toMatchObject({ info: 2, error: 1 });
    expect(result.byPath.get('case/opt/installer/production/logs/porter/porter-api.log.1.gz')).toMatchObject({
      component: 'porter-api',
      lines: 6,
      events: 3,
    });
    const windows = result.byPath.get('case/windows/DiskSync-Agent.zip!/log/DSAgent-2025-09-18.log')!;
    expect(windows).toMatchObject({ module: 'windows-agent', component: 'DSAgent', encoding: 'gb18030', lines: 1 });
    const text = result.events.find((e) => e.file === windows)!.event.text;
    expect(text).toContain('磁盘同步失败: 拒绝访问');
    expect(text.endsWith('\r')).toBe(false);
    expect(result.skipped).toEqual([]);
    expect(result.bundles[0]).toMatchObject({ name: 'nested.tar.gz', fileCount: 4 });
    expect(result.bundles[0].sha256).toBe(
      createHash('sha256')
        .update(await readFile(bundle))
        .digest('hex'),
    );
  });

  it('joins a traceback to the event above it', async () => {
    const result = await analyze([await write('porter-api.log', OSLO)]);
    const failed = result.events.map((e) => e.event).find((e) => e.text.includes('Failed to attach'))!;
    expect(failed.lineCount).toBe(4);
    expect(failed.continuation).toHaveLength(3);
    expect(failed.level).toBe('error');
  });

  it('reads a folder, lists symlinks without following them, and reads a plain .gz', async () => {
    const folder = join(dir, 'folder-bundle');
    await mkdir(join(folder, 'var/log/hamal'), { recursive: true });
    await writeFile(join(folder, 'var/log/hamal/hamal-period.log'), OSLO);
    await writeFile(join(folder, 'var/log/hamal/vm-web01.log.2.gz'), gzipSync(OSLO));
    await symlink('/etc/passwd', join(folder, 'var/log/hamal/passwd.log'));
    const result = await analyze([folder]);
    expect(result.byPath.get('var/log/hamal/hamal-period.log')).toMatchObject({
      module: 'hamal',
      component: 'hamal-period',
    });
    expect(result.byPath.get('var/log/hamal/vm-web01.log.2.gz')).toMatchObject({
      module: 'hamal',
      component: 'vm-web01',
      lines: 6,
    });
    expect(result.skipped).toEqual([{ path: 'var/log/hamal/passwd.log', reason: 'symbolic link not followed' }]);
  });

  it('opens several bundles into one case', async () => {
    const a = await write('a.tar', await buildTar([{ name: 'porter-api.log', data: OSLO }]));
    const b = await write('b.zip', buildZip([{ name: 'unicloud-engine.log', data: OSLO }]));
    const result = await analyze([a, b]);
    expect(result.bundles.map((x) => x.name)).toEqual(['a.tar', 'b.zip']);
    expect(result.files.map((f) => [f.bundle, f.component])).toEqual([
      [0, 'porter-api'],
      [1, 'unicloud-engine'],
    ]);
  });

  it('refuses what cannot be read at all, with a one-line reason', async () => {
    const missing = await readInventory([join(dir, 'nope.tar.gz')]);
    expect(missing).toEqual({ ok: false, error: expect.stringContaining('no such file or folder') });
    const junk = await write('junk.bin', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0, 0]));
    const notArchive = await readInventory([junk]);
    expect(notArchive.ok).toBe(false);
    expect(!notArchive.ok && notArchive.error).toMatch(/junk\.bin: not an archive .*NUL byte/);
  });
});

describe('readInventory: decoding', () => {
  it('detects and reports each encoding, and CRLF / missing final newline are normal', async () => {
    const line = '2025-09-18 16:24:31.123 100 WARNING svc.x [-] café résumé';
    const bundle = await write(
      'encodings.tar',
      await buildTar([
        {
          name: 'utf16.log',
          data: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${line}\r\n${line}\r\n`, 'utf16le')]),
        },
        { name: 'bom.log', data: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${line}\n${line}`)]) },
        { name: 'latin1.log', data: Buffer.from(`${line} d\xe9j\xe0 vu, na\xefve.\n`, 'latin1') },
        { name: 'crlf.log', data: `${line}\r\n${line}\r\n${line}` },
      ]),
    );
    const result = await analyze([bundle]);
    const enc = Object.fromEntries(result.files.map((f) => [f.path, [f.encoding, f.lines, f.events]]));
    expect(enc).toEqual({
      'utf16.log': ['utf-16le', 2, 2],
      'bom.log': ['utf-8-bom', 2, 2],
      'latin1.log': ['latin1', 1, 1],
      'crlf.log': ['utf-8', 3, 3],
    });
    for (const { event } of result.events) {
      expect(event.text.startsWith('2025-09-18')).toBe(true);
      expect(event.text).toContain('café résumé');
      expect(event.level).toBe('warning');
    }
    expect(result.events.find((e) => e.file.path === 'latin1.log')!.event.text).toContain('déjà vu, naïve.');
  });
});

describe('readInventory: time', () => {
  it('reads zone-less times in the bundle zone', async () => {
    const path = await write('zone.log', OSLO);
    const utc = await analyze([path], 'UTC');
    const shanghai = await analyze([path], 'Asia/Shanghai');
    const plus8 = await analyze([path], '+08:00');
    expect(new Date(utc.files[0].firstTime!).toISOString()).toBe('2025-09-18T16:24:30.001Z');
    expect(new Date(shanghai.files[0].firstTime!).toISOString()).toBe('2025-09-18T08:24:30.001Z');
    expect(plus8.files[0].firstTime).toBe(shanghai.files[0].firstTime);
  });

  it('resolves year-less syslog times from the file modification time, across New Year', async () => {
    const bundle = await write(
      'syslog.tar',
      await buildTar([
        {
          name: 'var/log/messages',
          data: 'Dec 31 23:59:58 host1 sshd[10]: error: old\nJan  1 00:00:02 host1 sshd[10]: new year\n',
          mtime: new Date('2026-01-02T00:00:00Z'),
        },
      ]),
    );
    const result = await analyze([bundle]);
    const times = result.events.map((e) => new Date(e.event.time!).toISOString());
    expect(times).toEqual(['2025-12-31T23:59:58.000Z', '2026-01-01T00:00:02.000Z']);
  });
});

describe('the bundle is evidence', () => {
  it('is never modified: bytes and modification time unchanged after analysis', async () => {
    const bundle = await write('evidence.tar.gz', await buildTarGz([{ name: 'porter-api.log', data: OSLO }]));
    const before = await stat(bundle);
    const hash = createHash('sha256')
      .update(await readFile(bundle))
      .digest('hex');
    await analyze([bundle]);
    const after = await stat(bundle);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(after.size).toBe(before.size);
    expect(
      createHash('sha256')
        .update(await readFile(bundle))
        .digest('hex'),
    ).toBe(hash);
  });
});

describe('zone overrides', () => {
  it('applies per-file and per-bundle zone rules, first match wins', async () => {
    const a = await write(
      'zones-a.tar',
      await buildTar([
        { name: 'windows/DSAgent.log', data: OSLO },
        { name: 'linux/porter-api.log', data: OSLO },
      ]),
    );
    const b = await write('zones-b.tar', await buildTar([{ name: 'porter-api.log', data: OSLO }]));
    const outcome = await readInventory([a, b], {
      zone: 'UTC',
      zoneRules: [
        { glob: 'windows/**', zone: '+08:00' },
        { glob: 'zones-b.tar:**', zone: '-05:00' },
      ],
    });
    expect(outcome.ok).toBe(true);
    const first = Object.fromEntries(
      outcome.ok ? outcome.value.files.map((f) => [`${f.bundle}:${f.path}`, new Date(f.firstTime!).toISOString()]) : [],
    );
    expect(first).toEqual({
      '0:windows/DSAgent.log': '2025-09-18T08:24:30.001Z',
      '0:linux/porter-api.log': '2025-09-18T16:24:30.001Z',
      '1:porter-api.log': '2025-09-18T21:24:30.001Z',
    });
  });
  it('rejects an unknown zone with the rule named', async () => {
    const outcome = await readInventory([join(dir, 'zones-a.tar')], {
      zoneRules: [{ glob: '*.log', zone: 'Mars/Olympus' }],
    });
    expect(outcome).toEqual({
      ok: false,
      error: expect.stringMatching(/zone rule \*\.log: unknown time zone "Mars\/Olympus"/),
    });
  });
});
