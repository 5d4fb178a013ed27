/**
 * Reads one or more bundles into a case inventory: walks each input (walkBundle.ts,
 * walkFolder.ts), hands every plain file to a {@link FileReader} (fileReader.ts: in-line or on
 * the index's threads), and gathers what they return — every file with its module, component,
 * format, encoding, line and event counts, time span and levels — and every entry not read, with
 * the reason, in the order met. Bundle-wide bounds (memory, time, expansion) are kept here. The
 * input is only ever read.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { initialProgress, type ApiResult, type Inventory, type ReadProgress } from '../../../shared/api.ts';
import { compileGlob } from '../../../shared/glob.ts';
import { checkZone } from '../../../shared/time.ts';
import { fileSettingOf, type FileTimeSetting } from '../../../shared/timeSettings.ts';
import {
  epochMs,
  type BundleInfo,
  type EntryProblem,
  type EpochMs,
  type FileRecord,
  type SkippedEntry,
  type ZoneSpec,
} from '../../../shared/model.ts';
import { EntryError, readableSource, type ByteSource } from './byteSource.ts';
import type { EntryMeta } from './entryMeta.ts';
import type { FileReader, FileTask } from './fileReader.ts';
import { InputError, visitEntry, type WalkContext } from './walkBundle.ts';
import { walkFolder } from './walkFolder.ts';
import { DEFAULT_LIMITS, type Limits } from '../platform/limits.ts';
import { loadClassifier } from '../platform/resources.ts';
import { makeTempDir, removeTempDir } from '../platform/tempSpace.ts';
import { unreadableKindOf } from '../platform/inputKind.ts';
import { memoryGuard, type MemoryGuard } from '../platform/memoryGuard.ts';

/** Options of {@link readBundles}. */
export interface ReadBundlesOptions {
  /** Zone for zone-less timestamps; default `local`. */
  zone?: ZoneSpec;
  /**
   * Overrides per bundle or per file: the first rule whose glob matches the file path inside its
   * bundle, or `<bundle name>:<path>`, gives the zone (`{ glob: 'agent.zip:**', zone: '+08:00' }`).
   */
  zoneRules?: { glob: string; zone: ZoneSpec }[];
  /** The same for the year of year-less times (`{ glob: 'var/log/messages*', year: 2019 }`). */
  yearRules?: { glob: string; year: number }[];
  /**
   * The engineer's settings per file (shared/timeSettings.ts), by path or `<bundle name>:<path>`:
   * they win over the rules.
   */
  fileTimes?: Readonly<Record<string, FileTimeSetting>>;
  signal?: AbortSignal;
  /** Called at most every `progressEveryMs` (default 100 ms) and once at the end. */
  onProgress?: (progress: ReadProgress) => void;
  progressEveryMs?: number;
  limits?: Partial<Limits>;
  /** Stops reading before memory runs out (default: this process's heap and the machine's memory). */
  memory?: MemoryGuard;
  /** Reads each plain file (in-line for the inventory alone, or on the index's threads). */
  reader: FileReader;
  /** Lines read so far (from the reader), for progress. */
  linesRead?: () => number;
}

/** How a skipped entry begins when a bundle-wide bound (memory, time, expansion) stopped its read early. */
export const READING_STOPPED = 'reading stopped: ';

/** Resolves with `work`, or rejects with the `cancelled` entry error as soon as `signal` aborts. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolvePromise, reject) => {
    const onAbort = () => reject(new EntryError('cancelled'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolvePromise(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** The sha256 of a file's bytes, read now. */
export function sha256OfFile(file: string): Promise<string> {
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
export async function readBundles(paths: string[], options: ReadBundlesOptions): Promise<ApiResult<Inventory>> {
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
  const classifier = loadClassifier();
  const reader = options.reader;
  let totalBytes = 0;
  // Every file's outcome and every skipped entry, in the order met (outcomes may arrive later).
  const ordered: ({ file: FileRecord } | { skipped: SkippedEntry } | { problem: EntryProblem } | null)[] = [];
  const outcomes: Promise<void>[] = [];
  const skip = (entry: SkippedEntry) => {
    ordered.push({ skipped: entry });
    progress.entriesSkipped++;
  };

  const inputs: { path: string; size: number; isDir: boolean; mtime: EpochMs }[] = [];
  // The same file given twice (under another name, through a link) is read once: its events would count double.
  const seen = new Map<string, string>();
  for (const raw of paths) {
    const path = resolve(raw);
    try {
      // bigint: a 64-bit file id (NTFS) as a double could make two files one.
      const s = await stat(path, { bigint: true });
      const kind = unreadableKindOf(s);
      if (kind) {
        failures.push({ path: raw, reason: `${raw}: ${kind}, not a regular file or folder; not opened` });
        continue;
      }
      const identity = `${s.dev}:${s.ino}`;
      const first = seen.get(identity);
      if (first !== undefined) {
        problems.push({
          path: raw,
          reason: `${raw} is the same ${s.isDirectory() ? 'folder' : 'file'} as ${first}, given twice; read once`,
        });
        continue;
      }
      seen.set(identity, raw);
      inputs.push({
        path,
        size: s.isDirectory() ? 0 : Number(s.size),
        isDir: s.isDirectory(),
        mtime: epochMs(Number(s.mtimeMs)),
      });
      progress.inputBytesTotal += s.isDirectory() ? 0 : Number(s.size);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      failures.push({
        path: raw,
        reason:
          code === 'ENOENT'
            ? `no such file or folder: ${raw}`
            : `cannot open ${raw}: ${code ?? (error as Error).message}`,
      });
    }
  }

  for (const rule of options.zoneRules ?? []) {
    const problem = checkZone(rule.zone);
    if (problem) return { ok: false, error: `zone rule ${rule.glob}: ${problem}` };
  }
  for (const [path, setting] of Object.entries(options.fileTimes ?? {})) {
    const problem = setting.zone === undefined ? null : checkZone(setting.zone);
    if (problem) return { ok: false, error: `time setting of ${path}: ${problem}` };
  }
  const zoneRules = (options.zoneRules ?? []).map((rule) => ({ test: compileGlob(rule.glob), zone: rule.zone }));
  const yearRules = (options.yearRules ?? []).map((rule) => ({ test: compileGlob(rule.glob), year: rule.year }));
  const fileTimes = options.fileTimes ?? {};
  /** What was set for a file: its own setting, else the first rule matching its path (or `<bundle>:<path>`). */
  const setFor = (bundleName: string, path: string): FileTask['set'] => {
    const own = fileSettingOf(fileTimes, bundleName, path);
    const matches = (test: (p: string) => boolean) => test(path) || test(`${bundleName}:${path}`);
    const setZone = own?.zone ?? zoneRules.find((rule) => matches(rule.test))?.zone;
    const setYear = own?.year ?? yearRules.find((rule) => matches(rule.test))?.year;
    if (setZone === undefined && setYear === undefined) return undefined;
    return { ...(setZone !== undefined ? { zone: setZone } : {}), ...(setYear !== undefined ? { year: setYear } : {}) };
  };

  const state = { entries: 0 };
  const memory = options.memory ?? memoryGuard();
  const read: { index: number; name: string; input: (typeof inputs)[number]; sha256: string | null }[] = [];
  try {
    for (const [bundleIndex, input] of inputs.entries()) {
      const name = basename(input.path);
      // Bundle-wide bounds (limits.ts: bundleRatio, maxBundleMs): once one is crossed the bundle
      // is read no further, what was read is kept, and the reason is listed once under its name.
      const bundleStarted = Date.now();
      const diskAtStart = progress.inputBytesRead;
      let expanded = 0;
      let lastPath: string | null = null;
      let stopReason: string | null = null;
      const stopped = (): string | null => {
        if (stopReason) return stopReason;
        const after = lastPath ? `after ${lastPath}` : 'from its start';
        const disk = progress.inputBytesRead - diskAtStart;
        const ratio = limits.bundleRatio;
        const short = memory.short();
        if (short) {
          stopReason = `${READING_STOPPED}${short}; the rest of the bundle (${after}) was not read, what was read is kept`;
        } else if (Date.now() - bundleStarted >= limits.maxBundleMs) {
          stopReason = `${READING_STOPPED}the bundle took longer than maxBundleMs=${limits.maxBundleMs} (${Math.round(limits.maxBundleMs / 60000)} min); the rest of the bundle (${after}) was not read`;
        } else if (!input.isDir && expanded > ratio.afterBytes && expanded / Math.max(1, disk) > ratio.maxRatio) {
          stopReason = `${READING_STOPPED}the bundle expanded to ${expanded} bytes from ${disk} read from disk (${Math.round(expanded / Math.max(1, disk))}:1, above bundleRatio maxRatio=${ratio.maxRatio}:1 beyond ${Math.round(ratio.afterBytes / 2 ** 20)} MiB; possible decompression bomb); the rest of the bundle (${after}) was not read`;
        }
        if (stopReason) skip({ path: name, reason: stopReason });
        return stopReason;
      };
      const counted = (source: ByteSource): ByteSource => ({
        async *[Symbol.asyncIterator]() {
          for await (const chunk of source) {
            expanded += chunk.length;
            if (stopped()) throw new EntryError(`${stopReason}; the lines before were read`);
            progress.bytesRead += chunk.length;
            totalBytes += chunk.length;
            if (options.linesRead) progress.linesRead = options.linesRead();
            report();
            yield chunk;
          }
        },
      });
      const context: WalkContext = {
        limits,
        signal: options.signal,
        state,
        skip: (path, reason) => skip({ path, reason }),
        problem: (path, reason) => ordered.push({ problem: { path, reason } }),
        tempDir: async () => (tempDir ??= makeTempDir('nested')),
        stopped: () => stopped() !== null,
        leaf: async (path: string, source: ByteSource, meta: EntryMeta) => {
          lastPath = path;
          if (totalBytes >= limits.maxTotalBytes) {
            skip({ path, reason: `total size limit reached (maxTotalBytes=${limits.maxTotalBytes}); not read` });
            return;
          }
          progress.currentFile = path;
          const set = setFor(name, path);
          const task: FileTask = {
            path,
            bundle: bundleIndex,
            meta,
            component: classifier.classify(path),
            zone: set?.zone ?? zone,
            ...(set ? { set } : {}),
            maxLineChars: limits.maxLineChars,
            fallbackReference: input.mtime,
          };
          // Two slots: the file, then its notes (mixed encodings…) as a problem right after it.
          const slot = ordered.push(null, null) - 2;
          const { outcome: pending } = await reader(task, counted(source), options.signal);
          outcomes.push(
            pending.then((outcome) => {
              if (outcome.read) {
                ordered[slot] = { file: outcome.record };
                if (outcome.record.notes)
                  ordered[slot + 1] = { problem: { path, reason: outcome.record.notes.join('; ') } };
                progress.filesRead++;
              } else {
                ordered[slot] = { skipped: { path, reason: outcome.reason } };
                progress.entriesSkipped++;
              }
              report();
            }),
          );
        },
      };

      let sha256: string | null = null;
      try {
        if (input.isDir) {
          await walkFolder(input.path, context);
        } else {
          sha256 = await readInputFile(input.path, name, input.mtime, context, (n) => {
            progress.inputBytesRead += n;
          });
          sha256 ??= await sha256OfFile(input.path);
        }
      } catch (error) {
        if (error instanceof EntryError && error.reason === 'cancelled') throw error;
        failures.push({
          path: input.path,
          reason:
            error instanceof InputError ? error.message : `cannot read ${input.path}: ${(error as Error).message}`,
        });
        continue;
      }
      read.push({ index: bundleIndex, name, input, sha256 });
    }
    // Cancelled while the readers finish what the walk handed them: stop now, not when they are done.
    await untilAborted(Promise.all(outcomes), options.signal);
    if (options.signal?.aborted) throw new EntryError('cancelled');
    for (const entry of ordered) {
      if (!entry) continue;
      if ('file' in entry) {
        files.push(entry.file);
        if (entry.file.incomplete) problems.push({ path: entry.file.path, reason: entry.file.incomplete });
      } else if ('skipped' in entry) skipped.push(entry.skipped);
      else problems.push(entry.problem);
    }
    for (const { index, name, input, sha256 } of read) {
      const own = files.filter((f) => f.bundle === index);
      let first: EpochMs | null = null;
      let last: EpochMs | null = null;
      for (const f of own) {
        if (f.firstTime !== null && (first === null || f.firstTime < first)) first = f.firstTime;
        if (f.lastTime !== null && (last === null || f.lastTime > last)) last = f.lastTime;
      }
      bundles.push({
        name,
        source: input.path,
        bytes: input.isDir ? own.reduce((n, f) => n + f.bytes, 0) : input.size,
        sha256,
        fileCount: own.length,
        firstTime: first,
        lastTime: last,
      });
    }
  } catch (error) {
    if (error instanceof EntryError && error.reason === 'cancelled') {
      progress.phase = 'cancelled';
      report(true);
      return { ok: false, error: 'cancelled' };
    }
    throw error;
  } finally {
    if (tempDir) removeTempDir(tempDir);
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
 * Reads a bundle given as a file (tar, gzip of a tar or of a single log, zip, or a plain text
 * log) through the walk, hashing its bytes as they pass. Returns the sha256 when it could be
 * computed on the way, else `null`.
 */
async function readInputFile(
  path: string,
  name: string,
  mtime: EpochMs,
  context: WalkContext,
  onInputBytes: (n: number) => void,
): Promise<string | null> {
  const hash = createHash('sha256');
  let hashed = 0;
  const size = (await stat(path)).size;
  const raw = hashing(readableSource(createReadStream(path), 'destroy'), hash, (n) => {
    hashed += n;
    onInputBytes(n);
  });
  await visitEntry(name, raw, { size: null, mtime }, context, 0, path);
  return hashed === size ? hash.digest('hex') : null;
}
