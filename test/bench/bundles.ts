/**
 * The bench's bundles and their calibration: generates (in a child process, so that the
 * generator's multi-GB heap is gone before anything is timed) or reuses
 * `bench-data/real-<seed>-<size>.tar.gz` with its manifest, and measures the shape of a sample of
 * a bundle and of the real OpenStack samples with the same {@link shapeStats}.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import { Readable, pipeline as pipeStreams } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { measure } from './measure.ts';
import { generateRealShapedBundle, shapeStats, type RealShapedManifest, type ShapeStats } from './realShapedBundle.ts';

const UNITS: Record<string, number> = { KB: 2 ** 10, MB: 2 ** 20, GB: 2 ** 30 };

/** `500MB`, `1GB`, `1.5GB` → bytes (binary multiples, as the bundle names mean them). */
export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(KB|MB|GB)$/i.exec(text.trim());
  if (!match) throw new Error(`bench: --size wants sizes like 500MB,1GB,2GB; got "${text}"`);
  return Math.round(Number(match[1]) * UNITS[match[2].toUpperCase()]);
}

export interface BenchBundle {
  size: string;
  path: string;
  compressedBytes: number;
  manifest: RealShapedManifest;
}

/**
 * Reuses `real-<seed>-<size>.tar.gz` when it and its manifest exist; otherwise generates it
 * (written beside, then renamed, so an interrupted run leaves no half bundle behind).
 */
export async function ensureBundle(
  dataDirectory: string,
  seed: number,
  size: string,
  say: (line: string) => void,
): Promise<BenchBundle> {
  const targetBytes = parseSize(size);
  const path = join(dataDirectory, `real-${seed}-${size}.tar.gz`);
  const manifestPath = `${path}.manifest.json`;
  if (!existsSync(path) || !existsSync(manifestPath)) {
    say(
      `generating ${path} (seed ${seed}, ${size} uncompressed)${existsSync(path) ? ': its manifest is missing, so it is made again' : ''}…`,
    );
    const partial = `${path}.partial`;
    const heapMb = Math.min(16_384, Math.floor((totalmem() / 2 ** 20) * 0.75));
    const child = await measure(
      process.execPath,
      [
        ...process.execArgv,
        `--max-old-space-size=${heapMb}`,
        fileURLToPath(import.meta.url),
        'generate',
        String(seed),
        String(targetBytes),
        partial,
      ],
      { stdout: 'capture' },
    );
    if (!child.ok) {
      rmSync(partial, { force: true });
      throw new Error(`bench: generating ${size} failed (exit ${child.exitCode}):\n${child.stderrTail}`);
    }
    const manifest = JSON.parse(child.stdout) as RealShapedManifest;
    renameSync(partial, path);
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
    say(`  generated in ${child.seconds.toFixed(1)} s`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as RealShapedManifest;
  if (manifest.schema !== 'tarsier.bench-bundle/1' || manifest.seed !== seed)
    throw new Error(
      `bench: ${manifestPath} is not the manifest of seed ${seed}; delete it and the bundle to make them again`,
    );
  return { size, path, compressedBytes: statSync(path).size, manifest };
}

/** Splits sample texts into lines for {@link shapeStats}, one member after the other. */
function* linesOfSamples(samples: Iterable<Buffer | string>): Generator<string> {
  for (const sample of samples) {
    const lines = (typeof sample === 'string' ? sample : sample.toString('utf8')).split('\n');
    if (lines.at(-1) === '') lines.pop();
    for (const line of lines) yield line.endsWith('\r') ? line.slice(0, -1) : line;
  }
}

/** The first `maxLines` lines of a stream (as bytes); the rest is read and dropped. */
async function firstLines(stream: AsyncIterable<Buffer>, maxLines: number): Promise<Buffer> {
  const kept: Buffer[] = [];
  let lines = 0;
  for await (const chunk of stream) {
    if (lines >= maxLines) continue;
    let at = -1;
    while ((at = chunk.indexOf(10, at + 1)) !== -1) {
      if (++lines >= maxLines) break;
    }
    kept.push(lines >= maxLines && at !== -1 ? chunk.subarray(0, at + 1) : chunk);
  }
  return Buffer.concat(kept);
}

/**
 * {@link shapeStats} of the first `linesPerMember` lines of every file in a `.tar.gz`, streamed,
 * `.gz` members decompressed as well.
 */
export async function sampleBundleShape(
  path: string,
  linesPerMember: number,
): Promise<ShapeStats & { members: number }> {
  const extract = tar.extract();
  const feeding = pipeline(createReadStream(path), createGunzip(), extract);
  feeding.catch(() => undefined); // reported by the await below
  const samples: Buffer[] = [];
  for await (const entry of extract) {
    if (entry.header.type !== 'file') {
      entry.resume();
      continue;
    }
    const source = entry.header.name.endsWith('.gz')
      ? pipeStreams(Readable.from(entry), createGunzip(), () => undefined)
      : entry;
    samples.push(await firstLines(source as AsyncIterable<Buffer>, linesPerMember));
  }
  await feeding;
  return { ...shapeStats(linesOfSamples(samples)), members: samples.length };
}

/** {@link shapeStats} over every `*.log` of a folder (sorted by name), or null when it is absent. */
export function folderShape(directory: string): (ShapeStats & { files: number }) | null {
  if (!existsSync(directory)) return null;
  const files = readdirSync(directory)
    .filter((name) => name.endsWith('.log'))
    .sort();
  if (files.length === 0) return null;
  return {
    ...shapeStats(linesOfSamples(files.map((name) => readFileSync(join(directory, name))))),
    files: files.length,
  };
}

// The child process that generates a bundle: `<this file> generate SEED BYTES OUT`, manifest on stdout.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv[2] === 'generate') {
  const [seed, targetBytes, outPath] = process.argv.slice(3);
  const manifest = await generateRealShapedBundle({ seed: Number(seed), targetBytes: Number(targetBytes), outPath });
  process.stdout.write(JSON.stringify(manifest) + '\n');
}
