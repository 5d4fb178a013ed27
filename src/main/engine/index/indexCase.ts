/**
 * Reads bundles and indexes them in one pass: the main thread walks the archives, a pool of
 * threads reads and indexes the files in parallel (each into its own spool file), and the
 * segments they return are sealed into a {@link CaseIndex}. The case is searchable, with its
 * full-text index, when the last file is read.
 */
import { randomBytes } from 'node:crypto';
import type { ApiResult, Inventory } from '../../../shared/api.ts';
import type { FileRecord } from '../../../shared/model.ts';
import { settleYears } from '../../../shared/time/yearEvidence.ts';
import { readBundles, type ReadBundlesOptions } from '../bundle/readBundles.ts';
import type { CaseIndex } from './caseIndex.ts';
import { IngestPool, type IngestMode } from './ingestPool.ts';
import { SEAL_STEPS, sealCase } from './sealCase.ts';
import { PhaseMeter, type WorkProgress } from '../../../shared/progress.ts';
import { makeTempDir, removeTempDir } from '../platform/tempSpace.ts';
import type { SegmentData } from './segmentBuilder.ts';

/** A read and indexed case. */
export interface IndexedCase {
  inventory: Inventory;
  index: CaseIndex;
  /** The folder of its spool files, and whether it is temporary (removed by {@link releaseSpool}). */
  spool: { dir: string; temporary: boolean };
}

/** Options of {@link indexCase}. */
export interface IndexCaseOptions extends Omit<ReadBundlesOptions, 'reader' | 'linesRead'> {
  /** Read in worker threads (default) or on this thread (tests, tiny bundles). */
  indexMode?: IngestMode;
  /** Worker threads (default: the machine's parallelism). */
  threads?: number;
  /** Text per index segment (default 16 MiB; tests make it small to have files of many segments). */
  segmentBytes?: number;
  /** Queries to answer while reading (the diagnostic rules'): their hits come with the index (`CaseIndex.standingHits`). */
  standingQueries?: readonly string[];
  /**
   * Folder for the case's spool files (the index cache's entry folder); default a temporary
   * folder of its own, removed when the process exits or {@link releaseSpool} is called.
   */
  spoolDir?: string;
  /** The user's formats folder (platform/userFormats.ts), read next to `resources/formats`; null or absent: none. */
  userFormatsDir?: string | null;
  /**
   * The phase under way, as measured: `reading` (input bytes the walk consumed; the threads index
   * alongside), then `indexing` (the text bytes the threads still had to index when the walk
   * ended: their backlog), then `sealing` (its steps). Called often: throttle it.
   */
  onWork?: (work: WorkProgress) => void;
}

/** A temporary spool folder, removed when the process exits. */
function temporarySpoolDir(): string {
  return makeTempDir('spool');
}

/** Closes a case's text and, when its spool folder is temporary, removes it. */
export function releaseSpool(indexed: IndexedCase): void {
  indexed.index.close();
  if (indexed.spool.temporary) {
    removeTempDir(indexed.spool.dir);
  }
}

/** Reads `paths` and indexes every event. */
export async function indexCase(paths: string[], options: IndexCaseOptions = {}): Promise<ApiResult<IndexedCase>> {
  const isTemporary = options.spoolDir === undefined;
  const dir = options.spoolDir ?? temporarySpoolDir();
  // The pid lets the next run tell a killed read's spool files from a running one's (indexCache.sweepDeadFiles).
  const token = `${process.pid}-${randomBytes(6).toString('hex')}`;
  const standing = options.standingQueries ?? [];
  const onWork = options.onWork ?? (() => undefined);
  let meter = new PhaseMeter('reading', 'bytes', 0, performance.now());
  /** The walk has consumed every input byte: what is left is the threads' backlog. */
  let walked = false;
  /** Bytes the threads had indexed when the walk ended: the indexing phase measures the backlog after them. */
  let backlogFrom = 0;
  const indexing = () =>
    meter.update(pool.bytes.indexed - backlogFrom, performance.now(), pool.bytes.sent - backlogFrom);
  const startIndexing = () => {
    onWork(meter.finish(performance.now()));
    walked = true;
    backlogFrom = pool.bytes.indexed;
    meter = new PhaseMeter('indexing', 'bytes', pool.bytes.sent - backlogFrom, performance.now());
    onWork(indexing());
  };
  const pool = new IngestPool(dir, token, {
    onLines: () => {
      if (walked) onWork(indexing());
    },
    mode: options.indexMode,
    threads: options.threads,
    segmentBytes: options.segmentBytes,
    userFormatsDir: options.userFormatsDir ?? null,
    standing: { queries: standing, zone: options.zone ?? 'local' },
  });
  const segments = new Map<FileRecord, SegmentData[]>();
  const discard = () => {
    pool.terminate();
    if (isTemporary) {
      removeTempDir(dir);
    }
  };
  let outcome;
  try {
    outcome = await readBundles(paths, {
      ...options,
      onProgress: (progress) => {
        options.onProgress?.(progress);
        if (walked || progress.phase !== 'reading') return;
        if (progress.inputBytesTotal > 0 && progress.inputBytesRead >= progress.inputBytesTotal) startIndexing();
        else onWork(meter.update(progress.inputBytesRead, performance.now(), progress.inputBytesTotal));
      },
      linesRead: () => pool.lines,
      reader: async (task, source, signal) => {
        const { result } = await pool.readFile(task, source, signal);
        return {
          outcome: result.then((r) => {
            if (!r.read) return r;
            segments.set(r.record, r.segments);
            return { read: true as const, record: r.record };
          }),
        };
      },
    });
  } catch (error) {
    discard();
    throw error;
  }
  if (!outcome.ok) {
    discard();
    return outcome;
  }
  if (!walked) startIndexing();
  await pool.close();
  onWork(meter.finish(performance.now()));
  const sealing = new PhaseMeter('sealing', 'steps', SEAL_STEPS, performance.now());
  onWork(sealing.at(performance.now()));
  // Year-less files re-timed from the bundle's full dates (shared/time/yearEvidence.ts).
  settleYears(outcome.value, (file, remap) => retimeSegments(segments.get(file) ?? [], remap));
  const index = sealCase(
    outcome.value.files,
    (f) => segments.get(f),
    { dir, files: pool.spoolFiles },
    options.zone ?? 'local',
    standing,
    (done) => onWork(sealing.update(done, performance.now())),
  );
  return { ok: true, value: { inventory: outcome.value, index, spool: { dir, temporary: isTemporary } } };
}

/** Re-times a file's events in its segments; the file's new span. */
function retimeSegments(segments: readonly SegmentData[], remap: (time: number) => number) {
  let first = Infinity;
  let last = -Infinity;
  for (const segment of segments) {
    const times = segment.time;
    for (let e = 0; e < times.length; e++) {
      if (Number.isNaN(times[e])) continue;
      const at = remap(times[e]);
      times[e] = at;
      if (at < first) first = at;
      if (at > last) last = at;
    }
  }
  return first <= last ? { first, last } : null;
}
