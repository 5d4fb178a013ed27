/**
 * The decompression-amplification case of issue 13 at its real size (not in `npm test`): a 51 MB
 * tar of 200 gzip members, each 63 MiB of log text at ~257:1 (below the per-entry limits), read
 * with the default limits. Prints where reading stopped, the time and the peak RSS.
 *
 *   npx tsx test/bench/amplification.ts [folder]
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { readInventory } from '../../src/main/engine/ingest/readInventory.ts';

const MEMBERS = 200;
const MEMBER_BYTES = 63 * 2 ** 20;

async function writeBomb(file: string): Promise<void> {
  // One member, built once: 63 MiB of one repeated log line, gzipped (~290:1, like the 257:1).
  const block = Buffer.from('2025-09-18 16:24:31.120 2001 INFO porter.api [-] Polling volume status: attaching\n');
  const text = Buffer.alloc(MEMBER_BYTES);
  for (let at = 0; at < text.length; at += block.length) block.copy(text, at);
  const member = gzipSync(text, { level: 9 });
  console.log(
    `member: ${MEMBER_BYTES} bytes → ${member.length} gzipped (${Math.round(MEMBER_BYTES / member.length)}:1)`,
  );
  const pack = tar.pack();
  const out = createWriteStream(file);
  pack.pipe(out);
  for (let i = 0; i < MEMBERS; i++) {
    await new Promise<void>((resolve, reject) =>
      pack.entry({ name: `logs/app-${i}.log.gz`, size: member.length }, member, (error) =>
        error ? reject(error) : resolve(),
      ),
    );
  }
  pack.finalize();
  await once(out, 'finish');
}

const dir = process.argv[2] ?? (await mkdtemp(join(tmpdir(), 'tarsier-amplification-')));
const bomb = join(dir, 'amplified.tar');
await writeBomb(bomb);
console.log(`bundle: ${(await stat(bomb)).size} bytes on disk`);
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
const started = Date.now();
const outcome = await readInventory([bomb], { zone: 'UTC' });
clearInterval(sampler);
console.log(`time: ${((Date.now() - started) / 1000).toFixed(1)} s, peak RSS: ${Math.round(peak / 2 ** 20)} MiB`);
if (!outcome.ok) console.log(`rejected: ${outcome.error}`);
else {
  console.log(
    `files read: ${outcome.value.files.length}, bytes: ${outcome.value.files.reduce((n, f) => n + f.bytes, 0)}`,
  );
  for (const s of outcome.value.skipped.slice(0, 3)) console.log(`skipped ${s.path}: ${s.reason}`);
}
if (!process.argv[2]) await rm(dir, { recursive: true, force: true });
