/**
 * Tests of the fixture generator itself (test/fixtures): determinism, size, manifest truth
 * (read back with tar-stream + zlib and the generator's own zip directory reader), GBK encoding,
 * hostile cases.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc32 } from 'node:zlib';
import { crc32Repeat } from '../fixtures/crc32.ts';
import { encodeGbk } from '../fixtures/gbk.ts';
import { generateBundle } from '../fixtures/generateBundle.ts';
import type { Manifest, ManifestFile } from '../fixtures/generateBundle.ts';
import { HOSTILE_CASE_IDS, writeHostileFixtures } from '../fixtures/hostileFixtures.ts';
import type { HostileCase } from '../fixtures/hostileFixtures.ts';
import { Rng } from '../fixtures/random.ts';
import { buildZip, extractZipEntry, readZipDirectory } from '../fixtures/zipWriter.ts';

const dir = mkdtempSync(join(tmpdir(), 'tarsier-fixtures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

async function untar(data: Buffer): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const ex = tar.extract();
  const done = (async () => {
    for await (const entry of ex) {
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(c as Buffer);
      if (entry.header.type === 'file') out.set(entry.header.name, Buffer.concat(chunks));
    }
  })();
  Readable.from([data]).pipe(ex);
  await done;
  return out;
}

/** Every leaf file of a generated bundle, keyed by its manifest path. */
async function readBundle(file: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const [name, data] of await untar(gunzipSync(readFileSync(file)))) {
    if (name.endsWith('.zip')) {
      for (const e of readZipDirectory(data)) {
        if (e.isDirectory) continue;
        const content = extractZipEntry(data, e);
        if (e.name.endsWith('.tgz')) {
          for (const [inner, d] of await untar(gunzipSync(content))) files.set(`${name}!/${e.name}!/${inner}`, d);
        } else files.set(`${name}!/${e.name}`, content);
      }
    } else if (name.endsWith('.gz')) {
      files.set(name, gunzipSync(data));
    } else files.set(name, data);
  }
  return files;
}

function decode(data: Buffer, encoding: ManifestFile['encoding']): string {
  switch (encoding) {
    case 'gb18030':
      return new TextDecoder('gbk').decode(data);
    case 'utf-16le':
      return new TextDecoder('utf-16le').decode(data);
    case 'latin1':
      return new TextDecoder('latin1').decode(data);
    default:
      return new TextDecoder('utf-8').decode(data);
  }
}

function physicalLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const HEAD: Record<string, RegExp> = {
  oslo: /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \d+ (?:DEBUG|INFO|WARNING|ERROR|CRITICAL) \S+ \[/,
  logfmt: /^time="[^"]+" level=/,
  log4j: /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \[\d+\] /,
  generic: /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \[(?:INFO|WARN|ERROR)\] /,
  cloudpods: /^\[(?:debug|info|warning|error|fatal) \d{6} \d\d:\d\d:\d\d /,
};

describe('fixture bundle generator', () => {
  let manifest: Manifest;
  let bundle: string;
  let files: Map<string, Buffer>;

  beforeAll(async () => {
    bundle = join(dir, 'five.tar.gz');
    manifest = await generateBundle({ seed: 42, targetBytes: 5 * 1024 * 1024, outPath: bundle });
    files = await readBundle(bundle);
  });

  it('is deterministic: same seed and size give byte-identical bundles', async () => {
    const a = join(dir, 'a.tar.gz');
    const b = join(dir, 'b.tar.gz');
    const c = join(dir, 'c.tar.gz');
    const [ma] = await Promise.all([
      generateBundle({ seed: 7, targetBytes: 1_000_000, outPath: a }),
      generateBundle({ seed: 7, targetBytes: 1_000_000, outPath: b }),
      generateBundle({ seed: 8, targetBytes: 1_000_000, outPath: c }),
    ]);
    expect(sha256(a)).toBe(sha256(b));
    expect(sha256(a)).not.toBe(sha256(c));
    expect(ma.bundle.sha256).toBe(sha256(a));
    const manifestA = readFileSync(`${a}.manifest.json`, 'utf8').replace(/"a\.tar\.gz"/g, '"x"');
    const manifestB = readFileSync(`${b}.manifest.json`, 'utf8').replace(/"b\.tar\.gz"/g, '"x"');
    expect(manifestA).toBe(manifestB);
  });

  it('hits the target size within ±10% and writes the manifest beside the bundle', () => {
    expect(manifest.totals.bytes).toBeGreaterThan(5 * 1024 * 1024 * 0.9);
    expect(manifest.totals.bytes).toBeLessThan(5 * 1024 * 1024 * 1.1);
    expect(statSync(bundle).size).toBe(manifest.bundle.bytes);
    expect(JSON.parse(readFileSync(`${bundle}.manifest.json`, 'utf8'))).toEqual(manifest);
  });

  it('sizes files like a real bundle: engines larger than APIs', () => {
    const size = (c: string): number =>
      manifest.files.filter((f) => f.component === c).reduce((a, f) => a + f.bytes, 0);
    expect(size('unicloud-engine')).toBeGreaterThan(size('unicloud-api') * 2);
    expect(size('storplus-engine')).toBeGreaterThan(size('storplus-api') * 2);
    expect(size('proxy-engine')).toBeGreaterThan(size('proxy-api'));
  });

  it('lists exactly the files in the bundle, with their true sizes, lines and events', () => {
    expect([...files.keys()].sort()).toEqual(manifest.files.map((f) => f.path).sort());
    for (const f of manifest.files) {
      const data = files.get(f.path)!;
      expect(data.length, f.path).toBe(f.bytes);
      if (f.kind === 'skipped') continue;
      const lines = physicalLines(decode(data, f.encoding));
      expect(lines.length, f.path).toBe(f.lines);
      const head = HEAD[f.format];
      if (head) expect(lines.filter((l) => head.test(l.replace(/^\uFEFF/, ''))).length, f.path).toBe(f.events);
      else expect(f.events, f.path).toBe(0);
      if (f.format === 'oslo') {
        const times = lines.filter((l) => HEAD.oslo!.test(l)).map((l) => l.slice(0, 23).replace(' ', 'T'));
        times.sort();
        expect(`${times[0]}+08:00`, f.path).toBe(f.firstTime);
        expect(`${times[times.length - 1]}+08:00`, f.path).toBe(f.lastTime);
      }
      const crlf = data.includes(Buffer.from(f.encoding === 'utf-16le' ? '\r\0\n\0' : '\r\n', 'latin1'));
      expect(crlf ? 'crlf' : 'lf', f.path).toBe(f.lineEnding);
      const last =
        f.encoding === 'utf-16le'
          ? data.subarray(-2).equals(Buffer.from('\n\0', 'latin1'))
          : data[data.length - 1] === 10;
      expect(last, f.path).toBe(f.finalNewline);
    }
  });

  it('writes BOMs and encodings as declared', () => {
    const byEnc = (e: string): ManifestFile[] => manifest.files.filter((f) => f.encoding === e);
    for (const f of byEnc('utf-16le')) expect(files.get(f.path)!.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
    for (const f of byEnc('utf-8-bom'))
      expect(files.get(f.path)!.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const gbk = byEnc('gb18030');
    expect(gbk.length).toBeGreaterThanOrEqual(3);
    for (const f of gbk) {
      const data = files.get(f.path)!;
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(data), f.path).toThrow();
      expect(decode(data, f.encoding)).toMatch(/[\u4e00-\u9fff]/);
    }
    const latin = byEnc('latin1');
    expect(latin.length).toBe(1);
    expect(decode(files.get(latin[0]!.path)!, 'latin1')).toMatch(/[éÉè]/);
  });

  it('puts each incident key line where the manifest says', () => {
    const ids = manifest.incidents.map((i) => i.id).sort();
    expect(ids).toEqual([
      'agent-connection-timeout',
      'attach-volume-404',
      'cloudpods-crashloop',
      'cloudpods-worker-busy',
      'hamal-agentless-404',
      'install-md5-mismatch',
      'porter-sync-task-timeout',
      'target-quota-exceeded',
      'windows-access-denied',
    ]);
    for (const inc of manifest.incidents) {
      for (const ev of [{ path: inc.path, line: inc.line, text: inc.text }, ...inc.evidence]) {
        const f = manifest.files.find((x) => x.path === ev.path)!;
        const lines = physicalLines(decode(files.get(ev.path)!, f.encoding));
        expect(lines[ev.line - 1]?.replace(/^\uFEFF/, ''), `${inc.id} ${ev.path}:${ev.line}`).toBe(ev.text);
      }
    }
    const attach = manifest.incidents.find((i) => i.id === 'attach-volume-404')!;
    expect(attach.time).toBe('2025-09-18T16:24:31.217+08:00');
    expect(attach.text).toContain('Failed to attach volume 6ec3e693-69f7-4129-a43a-16eebe74b528');
    expect(attach.text).toContain('(HTTP 404)');
    expect(attach.path).toMatch(/opt\/installer\/production\/logs\/unicloud\/unicloud-engine\.log$/);
    // the request id travels porter-api → unicloud-engine → atomy-unicloud → mistral-server
    const rid = attach.requestIds[0]!;
    const withRid = manifest.files
      .filter((f) => decode(files.get(f.path)!, f.encoding).includes(rid))
      .map((f) => f.component);
    expect(new Set(withRid)).toEqual(new Set(['porter-api', 'unicloud-engine', 'atomy-unicloud', 'mistral-server']));
    // mistral's later lines carry the workflow execution id without the request id
    const wfx = attach.relatedIds[1]!;
    const mistral = manifest.files.find((f) => f.component === 'mistral-server')!;
    const wfLines = physicalLines(decode(files.get(mistral.path)!, 'utf-8')).filter((l) => l.includes(wfx));
    expect(wfLines.some((l) => l.includes(rid))).toBe(true);
    expect(wfLines.some((l) => l.includes('[-]') && !l.includes(rid))).toBe(true);
    const hamal = manifest.incidents.find((i) => i.id === 'hamal-agentless-404')!;
    expect(hamal.evidence.map((e) => e.text).join('\n')).toContain(
      'ERROR hamal.exception NotFound: The resource could not be found. (HTTP 404)',
    );
    expect(hamal.text).toContain(
      "ERROR hamal.exception [-] Unhandled error type <class 'keystoneauth1.exceptions.http.NotFound'>",
    );
  });

  it('nests archives: gz in tar, zip in tar, tgz in zip', () => {
    const paths = manifest.files.map((f) => f.path);
    expect(paths).toContain('case-42/opt/installer/production/logs/porter/porter-api.log.1.gz');
    expect(paths).toContain('case-42/opt/installer/production/logs/porter/porter-api.log.2.gz');
    expect(
      paths.some((p) =>
        /DiskSync-Agent\.zip!\/Program Files\(x86\)\/DiskSync-Agent\/log\/DSAgent-2025-09-18\.log$/.test(p),
      ),
    ).toBe(true);
    expect(paths.some((p) => /\.zip!\/.*\.tgz!\/DSAgent-2025-09-17\.log$/.test(p))).toBe(true);
    const rotated = manifest.files
      .filter((f) => f.component === 'porter-api')
      .sort((a, b) => (a.firstTime! < b.firstTime! ? -1 : 1));
    expect(rotated.map((f) => f.path.replace(/^.*porter-api/, ''))).toEqual(['.log.2.gz', '.log.1.gz', '.log']);
    expect(manifest.files.find((f) => f.kind === 'skipped' && f.skipReason === 'empty')).toBeTruthy();
    expect(manifest.files.find((f) => f.kind === 'skipped' && f.skipReason === 'binary')).toBeTruthy();
    for (const kind of ['goroutine-dump', 'pods-table', 'version-json', 'config', 'text'] as const)
      expect(
        manifest.files.some((f) => f.kind === kind),
        kind,
      ).toBe(true);
    expect(manifest.files.some((f) => !f.finalNewline)).toBe(true);
  });
});

describe('GBK encoder', () => {
  it('round-trips through TextDecoder("gbk")', () => {
    const samples = [
      '磁盘同步失败: 拒绝访问。',
      '对路径“\\\\.\\PhysicalDrive1”的访问被拒绝。 在 System.IO.__Error.WinIOError 位置 行号 58',
      'ASCII only',
      '同步进度: 已传输 1024 MB / 40960 MB (2.50%), 速度 85.3 MB/s €',
    ];
    for (const s of samples) expect(new TextDecoder('gbk').decode(encodeGbk(s))).toBe(s);
    expect(encodeGbk('磁盘').equals(Buffer.from([0xb4, 0xc5, 0xc5, 0xcc]))).toBe(true);
  });
});

describe('zip writer', () => {
  it('writes names verbatim, unix modes, symlinks, and corruption on request', () => {
    const zip = buildZip([
      { name: 'dir', type: 'directory' },
      { name: 'dir/a.log', data: 'hello\n' },
      { name: '../evil.txt', data: 'x', method: 'store' },
      { name: '/abs/path', data: 'y' },
      { name: 'link', type: 'symlink', data: '/etc/passwd' },
      { name: 'bad.log', data: 'a'.repeat(5000), corrupt: 'flip-bytes' },
    ]);
    const entries = readZipDirectory(zip);
    expect(entries.map((e) => e.name)).toEqual(['dir/', 'dir/a.log', '../evil.txt', '/abs/path', 'link', 'bad.log']);
    expect(entries[0]!.isDirectory).toBe(true);
    expect(entries[4]!.isSymlink).toBe(true);
    expect(entries[4]!.unixMode).toBe(0o120777);
    expect(extractZipEntry(zip, entries[4]!).toString()).toBe('/etc/passwd');
    expect(extractZipEntry(zip, entries[1]!).toString()).toBe('hello\n');
    expect(() => extractZipEntry(zip, entries[5]!)).toThrow();
    expect(() => readZipDirectory(buildZip([{ name: 'a', data: 'b' }], { truncateCentralDirectory: 0.5 }))).toThrow(
      /end of central directory/,
    );
    const liar = readZipDirectory(buildZip([{ name: 'a', data: 'x'.repeat(10000), declaredSize: 10 }]));
    expect(liar[0]!.uncompressedSize).toBe(10);
  });

  it('computes CRC-32 of long repetitions without reading them', () => {
    const block = Buffer.from('2025-09-18 16:24:31 line\n'.repeat(40));
    let c = 0;
    for (let i = 0; i < 33; i++) c = crc32(block, c);
    expect(crc32Repeat(block, 33)).toBe(c >>> 0);
  });
});

describe('random', () => {
  it('is reproducible and uuid-shaped', () => {
    const a = new Rng(1);
    const b = new Rng(1);
    expect([a.u32(), a.uuid(), a.hex(12)]).toEqual([b.u32(), b.uuid(), b.hex(12)]);
    expect(new Rng(5).uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('hostile fixtures', () => {
  let cases: HostileCase[];
  beforeAll(async () => {
    cases = await writeHostileFixtures(dir);
  });

  it('writes every case file, small on disk', () => {
    const ids = cases.map((c) => c.id);
    for (const id of HOSTILE_CASE_IDS) expect(ids).toContain(id);
    for (const c of cases) {
      expect(existsSync(c.file), c.id).toBe(true);
      expect(statSync(c.file).size, c.id).toBe(c.bytes);
      expect(c.description.length).toBeGreaterThan(10);
    }
    expect(cases.reduce((a, c) => a + c.bytes, 0)).toBeLessThan(40 * 1024 * 1024);
  });

  it('gives readable expectations that hold for the truncated archives', () => {
    const t = cases.find((c) => c.id === 'truncated-tar-gz')!;
    expect(() => gunzipSync(readFileSync(t.file))).toThrow();
    const readable = t.expect.readable ?? [];
    expect(readable.length).toBeGreaterThanOrEqual(2);
    expect(readable.some((r) => r.lines && r.lines > 0)).toBe(true);
    expect(readable.some((r) => r.minLines && r.minLines > 0)).toBe(true);
    const gz = cases.find((c) => c.id === 'truncated-gz')!;
    expect(gz.expect.readable?.[0]?.minLines).toBeGreaterThan(100);
  });

  it('builds bombs whose headers tell the truth about their size', () => {
    const bomb = cases.find((c) => c.id === 'gzip-bomb-zeros')!;
    const data = readFileSync(bomb.file);
    expect(data.readUInt32LE(data.length - 4)).toBe((2 * 1024 ** 3) % 2 ** 32);
    expect(bomb.bytes).toBeLessThan(4 * 1024 * 1024);
    const ratio = cases.find((c) => c.id === 'zip-bomb-ratio')!;
    const entries = readZipDirectory(readFileSync(ratio.file));
    const zeros = entries.find((e) => e.name === 'data/zeros.log')!;
    expect(zeros.uncompressedSize / zeros.compressedSize).toBeGreaterThan(500);
  });
});
