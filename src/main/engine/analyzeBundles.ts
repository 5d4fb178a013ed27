/**
 * Reads one or more bundles into a case inventory: every file with its module, component,
 * format, encoding, line and event counts, time span and levels; every entry not read, with
 * the reason. The input is only ever read.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { initialProgress, type ApiResult, type Inventory, type ReadProgress } from '../../shared/api.ts';
import { compileGlob } from '../../shared/glob.ts';
import { checkZone } from '../../shared/time.ts';
import { epochMs, type BundleInfo, type EntryProblem, type EpochMs, type FileRecord, type LogEvent, type SkippedEntry, type ZoneSpec } from '../../shared/model.ts';
import { EntryError, gunzipSource, peek, readableSource, type ByteSource } from './bundle/byteSource.ts';
import { SNIFF_BYTES, sniffContainer } from './bundle/sniff.ts';
import { bounds, openZipFile, readTar, readZip, walkFolder, type WalkContext } from './bundle/walkBundle.ts';
import { detectEncoding } from './decode/detectEncoding.ts';
import { ingestFile, type EntryMeta, type IngestContext } from './ingest/ingestFile.ts';
import { DEFAULT_LIMITS, type Limits } from './limits.ts';
import { loadClassifier, loadFormats } from './resources.ts';

/** Options of {@link analyzeBundles}. */
export interface AnalyzeOptions {
  /** Zone for zone-less timestamps; default `local`. */
  zone?: ZoneSpec;
  /**
   * Overrides per bundle or per file: the first rule whose glob matches the file path inside its
   * bundle, or `<bundle name>:<path>`, gives the zone (`{ glob: 'agent.zip:**', zone: '+08:00' }`).
   */
  zoneRules?: { glob: string; zone: ZoneSpec }[];
  signal?: AbortSignal;
  /** Called at most every `progressEveryMs` (default 100 ms) and once at the end. */
  onProgress?: (progress: ReadProgress) => void;
  progressEveryMs?: number;
  limits?: Partial<Limits>;
  /** Every event of every file, in file order (the search index hooks in here). */
  onEvent?: (file: FileRecord, event: LogEvent) => void;
  /** Every physical line of every file, in order, before its events (the text store hooks in here). */
  onLine?: (file: FileRecord, line: string) => void;
  /** When it returns a promise, reading waits for it (back-pressure, e.g. from the text store's compressor). */
  pace?: () => Promise<void> | undefined;
}

/** The inventory of a case. */
export type AnalyzeResult = Inventory;

/** The top-level input is neither an archive, a folder, nor a text file. */
class InputError extends Error {}

function sha256OfFile(file: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolvePromise(hash.digest('hex')));
  });
}

/** Hashes bytes as they pass, so that a bundle is read once for both analysis and its sha256. */
function hashing(source: ByteSource, hash: ReturnType<typeof createHash>, onBytes: (n: number) => void): ByteSource {
  return {
    async *[Symbol.asyncIterator]() {
      for await (const chunk of source) {
        hash.update(chunk);
        onBytes(chunk.length);
        yield chunk;
      }
    },
  };
}

/**
 * Reads bundles (archives, single `.gz`, folders, or a plain text log). Fails only when no
 * input could be opened at all; every lesser problem is reported in the inventory.
 */
export async function analyzeBundles(paths: string[], options: AnalyzeOptions = {}): Promise<ApiResult<AnalyzeResult>> {
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const zone = options.zone ?? 'local';
  const started = Date.now();
  const files: FileRecord[] = [];
  const skipped: SkippedEntry[] = [];
  const problems: EntryProblem[] = [];
  const bundles: BundleInfo[] = [];
  const failures: EntryProblem[] = [];
  const progress: ReadProgress = initialProgress();
  let lastReport = 0;
  const report = (force = false) => {
    const now = Date.now();
    if (!options.onProgress || (!force && now - lastReport < (options.progressEveryMs ?? 100))) return;
    lastReport = now;
    options.onProgress({ ...progress, elapsedMs: now - started });
  };

  let tempDir: string | null = null;
  const formats = loadFormats();
  const classifier = loadClassifier();
  let totalBytes = 0;

  const inputs: { path: string; size: number; isDir: boolean; mtime: EpochMs }[] = [];
  for (const raw of paths) {
    const path = resolve(raw);
    try {
      const s = await stat(path);
      inputs.push({ path, size: s.isDirectory() ? 0 : s.size, isDir: s.isDirectory(), mtime: epochMs(s.mtimeMs) });
      progress.inputBytesTotal += s.isDirectory() ? 0 : s.size;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      failures.push({ path: raw, reason: code === 'ENOENT' ? `no such file or folder: ${raw}` : `cannot open ${raw}: ${code ?? (error as Error).message}` });
    }
  }

  for (const rule of options.zoneRules ?? []) {
    const problem = checkZone(rule.zone);
    if (problem) return { ok: false, error: `zone rule ${rule.glob}: ${problem}` };
  }
  const zoneRules = (options.zoneRules ?? []).map((rule) => ({ test: compileGlob(rule.glob), zone: rule.zone }));
  const zoneFor = (bundleName: string, path: string): ZoneSpec => {
    for (const rule of zoneRules) if (rule.test(path) || rule.test(`${bundleName}:${path}`)) return rule.zone;
    return zone;
  };

  const state = { entries: 0 };
  try {
    for (const [bundleIndex, input] of inputs.entries()) {
      const name = basename(input.path);
      const firstFile = files.length;
      const ingest: IngestContext = {
        formats,
        classify: (p) => classifier.classify(p),
        zoneFor: (path) => zoneFor(name, path),
        maxLineChars: limits.maxLineChars,
        fallbackReference: input.mtime,
        onEvent: options.onEvent,
        onLine: options.onLine,
        pace: options.pace,
        onBytes: (n) => {
          progress.bytesRead += n;
          report();
        },
        onLines: (n) => {
          progress.linesRead += n;
        },
        signal: options.signal,
      };
      const context: WalkContext = {
        limits,
        signal: options.signal,
        state,
        skip: (path, reason) => {
          skipped.push({ path, reason });
          progress.entriesSkipped++;
        },
        problem: (path, reason) => problems.push({ path, reason }),
        tempDir: async () => (tempDir ??= await mkdtemp(join(tmpdir(), 'tarsier-'))),
        leaf: async (path: string, source: ByteSource, meta: EntryMeta) => {
          if (totalBytes >= limits.maxTotalBytes) {
            skipped.push({ path, reason: `total size limit reached (maxTotalBytes=${limits.maxTotalBytes}); not read` });
            progress.entriesSkipped++;
            return;
          }
          progress.currentFile = path;
          const outcome = await ingestFile(path, bundleIndex, source, meta, ingest);
          if (outcome.read) {
            files.push(outcome.record);
            totalBytes += outcome.record.bytes;
            progress.filesRead++;
            if (outcome.record.incomplete) problems.push({ path, reason: outcome.record.incomplete });
          } else {
            skipped.push({ path, reason: outcome.reason });
            progress.entriesSkipped++;
          }
          report();
        },
      };

      let sha256: string | null = null;
      try {
        if (input.isDir) {
          await walkFolder(input.path, context);
        } else {
          sha256 = await readTopFile(input.path, name, input.mtime, context, (n) => {
            progress.inputBytesRead += n;
          });
          sha256 ??= await sha256OfFile(input.path);
        }
      } catch (error) {
        if (error instanceof EntryError && error.reason === 'cancelled') throw error;
        failures.push({ path: input.path, reason: error instanceof InputError ? error.message : `cannot read ${input.path}: ${(error as Error).message}` });
        continue;
      }
      const own = files.slice(firstFile);
      let first: EpochMs | null = null;
      let last: EpochMs | null = null;
      for (const f of own) {
        if (f.firstTime !== null && (first === null || f.firstTime < first)) first = f.firstTime;
        if (f.lastTime !== null && (last === null || f.lastTime > last)) last = f.lastTime;
      }
      bundles.push({ name, source: input.path, bytes: input.isDir ? own.reduce((n, f) => n + f.bytes, 0) : input.size, sha256, fileCount: own.length, firstTime: first, lastTime: last });
    }
  } catch (error) {
    if (error instanceof EntryError && error.reason === 'cancelled') {
      progress.phase = 'cancelled';
      report(true);
      return { ok: false, error: 'cancelled' };
    }
    throw error;
  } finally {
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }
  progress.currentFile = null;
  progress.phase = bundles.length > 0 ? 'done' : 'failed';
  if (bundles.length === 0) {
    progress.error = failures.map((f) => f.reason).join('; ') || 'nothing to read';
    report(true);
    return { ok: false, error: progress.error };
  }
  problems.push(...failures);
  report(true);
  return { ok: true, value: { bundles, files, skipped, problems } };
}

/**
 * Opens a top-level file: tar, gzip (of a tar or of a single log), zip, or a plain text log.
 * Returns the sha256 when it could be computed on the way, else `null`.
 */
async function readTopFile(path: string, name: string, mtime: EpochMs, context: WalkContext, onInputBytes: (n: number) => void): Promise<string | null> {
  const hash = createHash('sha256');
  let hashed = 0;
  const raw = hashing(readableSource(createReadStream(path), 'destroy'), hash, (n) => {
    hashed += n;
    onInputBytes(n);
  });
  const peeked = await peek(raw, SNIFF_BYTES);
  const kind = sniffContainer(peeked.head);
  const size = (await stat(path)).size;
  const digest = () => (hashed === size ? hash.digest('hex') : null);
  switch (kind) {
    case 'tar':
      await readTar(name, peeked.source, '', context, 1);
      return digest();
    case 'gzip': {
      let inner;
      try {
        inner = await peek(gunzipSource(peeked.source, bounds(context.limits)), SNIFF_BYTES);
      } catch (error) {
        throw new InputError(`${path}: ${error instanceof EntryError ? error.reason : (error as Error).message}`);
      }
      if (sniffContainer(inner.head) === 'tar') await readTar(name, inner.source, '', context, 1);
      // The bundle is `x.log.gz`; the file in it is `x.log`.
      else await context.leaf(name.replace(/\.gz$/i, '') || name, inner.source, { size: null, mtime });
      return digest();
    }
    case 'zip': {
      for await (const chunk of peeked.source) void chunk;
      let zip;
      try {
        zip = await openZipFile(path);
      } catch (error) {
        throw new InputError(`${path}: corrupt zip: ${(error as Error).message}`);
      }
      await readZip(name, zip, '', context, 1);
      return digest();
    }
    case 'none': {
      const verdict = detectEncoding(peeked.head, peeked.ended);
      if (verdict.binary) {
        throw new InputError(`${path}: not an archive (tar, tar.gz, tgz, zip, gz), a folder or a text log: ${verdict.reason}`);
      }
      await context.leaf(name, peeked.source, { size: null, mtime });
      return digest();
    }
  }
}
