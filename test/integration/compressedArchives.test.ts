// What customers really send: sosreport's .tar.xz, supportconfig's .txz, .tar.bz2, .tar.zst, single
// .xz/.bz2/.zst files and .7z, at any depth, with the bounds and the reasons gzip has. The xz, bzip2
// and zstd fixtures (test/fixtures/archives/) were made with xz-utils, bzip2 and zstd; the 7z ones
// are made here with 7z-wasm, the 7-Zip the engine reads them with.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/shared/api.ts';
import { readInventory } from '../../src/main/engine/ingest/readInventory.ts';
import { DEFAULT_LIMITS, type Limits } from '../../src/main/engine/platform/limits.ts';
import { EntryError, type ByteSource } from '../../src/main/engine/bundle/byteSource.ts';
import { decompressSource } from '../../src/main/engine/bundle/decompressSource.ts';
import { bounds } from '../../src/main/engine/bundle/walkBundle.ts';
import { buildTar, buildTarGz } from '../support/archives.ts';
import { build7z } from '../support/sevenZip.ts';
import { buildZip } from '../fixtures/zipWriter.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/archives/', import.meta.url));
const fixture = (name: string) => readFile(join(FIXTURES, name));
/** big.log: 100,000 lines "2025-09-19 10:00:00 INFO line N". */
const BIG_LINES = 100_000;
const KINDS = [
  { kind: 'xz', suffix: 'xz' },
  { kind: 'bzip2', suffix: 'bz2' },
  { kind: 'zstd', suffix: 'zst' },
] as const;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tarsier-compressed-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function read(name: string, data: Buffer, limits?: Partial<Limits>): Promise<Inventory> {
  const file = join(dir, name);
  await writeFile(file, data);
  const outcome = await readInventory([file], { zone: 'UTC', limits });
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.value;
}

const file = (inventory: Inventory, suffix: string) => inventory.files.find((f) => f.path.endsWith(suffix));
const reasons = (inventory: Inventory) => [
  ...inventory.skipped.map((s) => `${s.path}: ${s.reason}`),
  ...inventory.problems.map((p) => `${p.path}: ${p.reason}`),
  ...inventory.files.filter((f) => f.incomplete).map((f) => `${f.path}: ${f.incomplete}`),
];

describe.each(KINDS)('$kind', ({ kind, suffix }) => {
  it(`reads a .tar.${suffix} bundle, member by member`, async () => {
    const inventory = await read(`logs.tar.${suffix}`, await fixture(`logs.tar.${suffix}`));
    expect(inventory.files.map((f) => [f.path, f.lines])).toEqual([
      ['var/log/messages', 3],
      ['app/app.log', 2],
    ]);
    expect(reasons(inventory)).toEqual([]);
  });

  it(`reads a single .${suffix} file, as a bundle and as a member`, async () => {
    const single = await read(`big.log.${suffix}`, await fixture(`big.log.${suffix}`));
    expect(single.files.map((f) => [f.path.replace(/^.*\//, ''), f.lines])).toEqual([['big.log', BIG_LINES]]);
    const tar = await buildTarGz([{ name: `logs/big.log.1.${suffix}`, data: await fixture(`big.log.${suffix}`) }]);
    const member = await read(`rotated-${suffix}.tar.gz`, tar);
    expect(member.files.map((f) => [f.path, f.lines])).toEqual([[`logs/big.log.1.${suffix}`, BIG_LINES]]);
  });

  it('keeps the lines before the cut of a truncated stream and says it is truncated', async () => {
    const whole = await fixture(`big.log.${suffix}`);
    const cut = whole.subarray(0, Math.floor(whole.length * 0.6));
    const inventory = await read(`cut-${suffix}.tar`, await buildTar([{ name: `big.log.${suffix}`, data: cut }]));
    const big = file(inventory, `big.log.${suffix}`)!;
    expect(big.lines).toBeGreaterThan(1000);
    expect(big.lines).toBeLessThan(BIG_LINES);
    expect(big.incomplete).toMatch(
      new RegExp(`^truncated ${kind}: the compressed data ends after ${cut.length} bytes`),
    );
  });

  it('stops a bomb at the ratio limit and names it', async () => {
    const limits = { ratioTiers: [{ afterBytes: 2 ** 20, maxRatio: 100 }] };
    const inventory = await read(
      `bomb-${suffix}.tar`,
      await buildTar([{ name: `same.log.${suffix}`, data: await fixture(`same.log.${suffix}`) }]),
      limits,
    );
    const same = file(inventory, `same.log.${suffix}`)!;
    expect(same.incomplete).toMatch(
      /compression ratio above maxRatio=100:1 beyond 1 MiB .*possible decompression bomb/,
    );
    expect(same.bytes).toBeLessThan(4 * 2 ** 20);
  });

  it('names corrupt data, keeping what came before', async () => {
    const corrupt = Buffer.from(await fixture(`big.log.${suffix}`));
    // Past the headers, inside the data (zstd: in the first block's header; fzstd does not check the checksum).
    const at = kind === 'zstd' ? 1000 : Math.floor(corrupt.length / 2);
    corrupt[at] ^= 0xff;
    corrupt[at + 1] ^= 0x55;
    const inventory = await read(
      `corrupt-${suffix}.tar`,
      await buildTar([{ name: `big.log.${suffix}`, data: corrupt }]),
    );
    expect(reasons(inventory).join('\n')).toMatch(
      new RegExp(`big\\.log\\.${suffix}: corrupt ${kind} after \\d+ compressed bytes`),
    );
    // fzstd does not check the frame's checksum: the reason says so; the others' checks are their own.
    expect(reasons(inventory).join('\n').includes("zstd's content checksum is not verified")).toBe(kind === 'zstd');
  });

  it('stops mid-stream when the read is cancelled, even inside one compressed chunk', async () => {
    // same.log: 20 MiB from a few kB, handed over as one chunk: without a turn of the event loop
    // between outputs, the abort below could only land once all of it had come out.
    const compressed = await fixture(`same.log.${suffix}`);
    const oneChunk: ByteSource = (async function* () {
      yield compressed;
    })();
    const controller = new AbortController();
    let produced = 0;
    const reading = (async () => {
      for await (const out of decompressSource(kind, oneChunk, bounds(DEFAULT_LIMITS), controller.signal)) {
        if (produced === 0) setImmediate(() => controller.abort());
        produced += out.length;
      }
    })();
    await expect(reading).rejects.toEqual(new EntryError('cancelled'));
    expect(produced).toBeGreaterThan(0);
    expect(produced).toBeLessThan(20 * 2 ** 20);
  });
});

describe('nesting', () => {
  it('reads a tar.xz inside a zip inside a tar.gz', async () => {
    const zip = buildZip([{ name: 'inner/logs.tar.xz', data: await fixture('logs.tar.xz'), method: 'store' }]);
    const inventory = await read('outer.tar.gz', await buildTarGz([{ name: 'case/bundle.zip', data: zip }]));
    expect(inventory.files.map((f) => [f.path, f.lines])).toEqual([
      ['case/bundle.zip!/inner/logs.tar.xz!/var/log/messages', 3],
      ['case/bundle.zip!/inner/logs.tar.xz!/app/app.log', 2],
    ]);
  });
});

describe('7z', () => {
  const members = {
    'var/log/messages': '2025-09-19T10:00:01Z kernel: one\n2025-09-19T10:00:02Z kernel: two\n',
    'app/app.log': '2025-09-19 10:00:01 ERROR porter failed\n',
    'app/empty.log': '',
    'app/big.log': Array.from({ length: 20_000 }, (_, i) => `2025-09-19 10:00:00 INFO line ${i}\n`).join(''),
  };

  it('reads every member of a solid 7z, as a bundle and nested in a tar.gz', async () => {
    const archive = await build7z(members);
    const expected = [
      ['var/log/messages', 2],
      ['app/app.log', 1],
      ['app/big.log', 20_000],
    ];
    const bundle = await read('logs.7z', archive);
    expect(bundle.files.map((f) => [f.path, f.lines]).sort()).toEqual([...expected].sort());
    // An empty member is listed as such, as from any other container.
    expect(reasons(bundle)).toEqual(['app/empty.log: empty file (0 bytes)']);
    const nested = await read('with-7z.tar.gz', await buildTarGz([{ name: 'dumps/logs.7z', data: archive }]));
    expect(nested.files.map((f) => [f.path, f.lines]).sort()).toEqual(
      expected.map(([path, lines]) => [`dumps/logs.7z!/${path}`, lines]).sort(),
    );
  });

  it('names a truncated 7z (its index is at its end) and corrupt member data', async () => {
    const archive = await build7z(members);
    const cut = await read(
      'cut.tar',
      await buildTar([{ name: 'logs.7z', data: archive.subarray(0, archive.length - 40) }]),
    );
    expect(reasons(cut).join('\n')).toMatch(/logs\.7z: corrupt 7z: cannot read its index/);
    const corrupt = Buffer.from(archive);
    corrupt[200] ^= 0xff;
    const broken = await read('broken.tar', await buildTar([{ name: 'logs.7z', data: corrupt }]));
    expect(reasons(broken).join('\n')).toMatch(/logs\.7z!\/.*(cut|CRC-32 mismatch|broken before this member)/);
  });

  it('names an encrypted 7z, and encrypted members, without asking for a password', async () => {
    const hidden = await read(
      'hidden.tar',
      await buildTar([{ name: 'hidden.7z', data: await build7z(members, ['-psecret', '-mhe=on']) }]),
    );
    expect(reasons(hidden)).toEqual(['hidden.7z: encrypted 7z (its index is password-protected); not read']);
    const locked = await read(
      'locked.tar',
      await buildTar([{ name: 'locked.7z', data: await build7z(members, ['-psecret']) }]),
    );
    expect(reasons(locked)).toContain('locked.7z!/app/app.log: encrypted member (password-protected 7z); not read');
    expect(locked.files).toEqual([]);
  });

  it('stops a 7z bomb at the ratio limit', async () => {
    const archive = await build7z({ 'same.log': '2025-09-19 10:00:00 INFO the same line again\n'.repeat(500_000) });
    const limits = { ratioTiers: [{ afterBytes: 2 ** 20, maxRatio: 100 }] };
    const inventory = await read('bomb.tar', await buildTar([{ name: 'bomb.7z', data: archive }]), limits);
    expect(reasons(inventory).join('\n')).toMatch(
      /7z compression ratio above maxRatio=100:1 .*possible decompression bomb/,
    );
  });
});

describe('7z bounds judged before the pass', () => {
  const small = {
    'a/one.log': '2025-09-19 10:00:01 INFO one\n',
    'a/two.log': '2025-09-19 10:00:02 INFO two\n',
  };
  const huge = '2025-09-19 10:00:00 INFO the same line again\n'.repeat(200_000);

  it('skips a member declared over maxEntryBytes and does not decompress it only to drop it', async () => {
    const archive = await build7z({ ...small, 'z/huge.log': huge });
    const inventory = await read('declared.7z', archive, { maxEntryBytes: 2 ** 20 });
    expect(inventory.files.map((f) => [f.path, f.lines])).toEqual([
      ['a/one.log', 1],
      ['a/two.log', 1],
    ]);
    // The pass ends after a/two.log: no "7z archive: …" problem from running into the huge member.
    expect(reasons(inventory)).toEqual([
      `z/huge.log: declared size ${huge.length} bytes exceeds maxEntryBytes=1048576 (possible decompression bomb)`,
    ]);
  });

  it('skips the members past maxTotalBytes by their declared sizes', async () => {
    const archive = await build7z({ ...small, 'b/huge.log': huge });
    const inventory = await read('total.7z', archive, { maxTotalBytes: 2 ** 20 });
    expect(inventory.files.map((f) => f.path)).toEqual(['a/one.log', 'a/two.log']);
    expect(reasons(inventory)).toEqual([
      "b/huge.log: total size limit reached (maxTotalBytes=1048576, by the 7z's declared sizes); not read",
    ]);
  });
});

describe('support tool layouts', () => {
  it('gives a sosreport its system components', async () => {
    const root = 'sosreport-web01-2025-09-19-abcdef';
    const tar = await buildTar([
      { name: `${root}/sos_commands/kernel/dmesg`, data: '[    0.000000] Linux version 5.14.0\n' },
      { name: `${root}/sos_commands/logs/journalctl_--no-pager`, data: 'Sep 19 10:00:01 web01 systemd[1]: Started.\n' },
      { name: `${root}/sos_commands/systemd/systemctl_list-units`, data: 'sshd.service loaded active running\n' },
      { name: `${root}/sos_commands/networking/ip_-d_address`, data: '1: lo: <LOOPBACK,UP>\n' },
      { name: `${root}/var/log/messages`, data: 'Sep 19 10:00:01 web01 kernel: hello\n' },
      { name: `${root}/sos_reports/manifest.json`, data: '{"version": "4.5"}\n' },
    ]);
    const inventory = await read('sosreport.tar', tar);
    expect(inventory.files.map((f) => [f.path.slice(root.length + 1), f.module, f.component])).toEqual([
      ['sos_commands/kernel/dmesg', 'system', 'kernel'],
      ['sos_commands/logs/journalctl_--no-pager', 'system', 'journal'],
      ['sos_commands/systemd/systemctl_list-units', 'system', 'systemd'],
      ['sos_commands/networking/ip_-d_address', 'sosreport', 'networking'],
      ['var/log/messages', 'system', 'syslog'],
      ['sos_reports/manifest.json', 'sosreport', 'sos_reports'],
    ]);
  });

  it('gives a supportconfig its system components', async () => {
    const root = 'scc_web01_250919_1000';
    const inventory = await read(
      'scc.tar',
      await buildTar([
        { name: `${root}/messages.txt`, data: '#==[ Log File ]====#\n# /var/log/messages\n' },
        { name: `${root}/boot.txt`, data: '#==[ Command ]====#\n# /bin/dmesg\n' },
        { name: `${root}/systemd.txt`, data: '#==[ Command ]====#\n# /bin/systemctl list-units\n' },
        { name: `${root}/network.txt`, data: '#==[ Command ]====#\n# /sbin/ip addr\n' },
      ]),
    );
    expect(inventory.files.map((f) => [f.path.slice(root.length + 1), f.module, f.component])).toEqual([
      ['messages.txt', 'system', 'syslog'],
      ['boot.txt', 'system', 'kernel'],
      ['systemd.txt', 'system', 'systemd'],
      ['network.txt', 'supportconfig', 'network'],
    ]);
  });
});
