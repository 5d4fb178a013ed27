/**
 * What the walk of a bundle hands each plain file to: a {@link FileReader}, with the file's
 * {@link FileTask}. Declared here, below the readers (engine/ingest reads in-line, engine/index on
 * worker threads), so that the walk knows nothing of how a file is read.
 */
import type { ComponentInfo, EpochMs, FileRecord, ZoneSpec } from '../../../shared/model.ts';
import type { ByteSource } from './byteSource.ts';
import type { EntryMeta } from './entryMeta.ts';

/** A file to read: where it is in the bundle and how to read it. Plain data (it crosses to worker threads). */
export interface FileTask {
  path: string;
  /** Which input bundle the file came from (index into the case's bundles). */
  bundle: number;
  meta: EntryMeta;
  /** Module and component of the file (from its path). */
  component: ComponentInfo;
  /** Zone for zone-less timestamps in this file. */
  zone: ZoneSpec;
  /** What the engineer set for this file (a zone, a year for year-less times), told in its `timeGuess.set`. */
  set?: { zone?: ZoneSpec; year?: number };
  maxLineChars: number;
  /** Year for year-less timestamps when the entry has no modification time. */
  fallbackReference: EpochMs;
}

/** A read file, or the reason it was not read. */
export type IngestOutcome = { read: true; record: FileRecord } | { read: false; reason: string };

/**
 * Reads one file: resolves once its bytes are consumed, with the promise of its outcome (so the
 * walk goes on while the file is still being read, e.g. by the index's worker threads).
 */
export type FileReader = (
  task: FileTask,
  source: ByteSource,
  signal?: AbortSignal,
) => Promise<{ outcome: Promise<IngestOutcome> }>;
