/**
 * Reads bundles and builds their index in one pass: the inventory and a searchable
 * {@link CaseIndex} as soon as the last byte is read, the full-text index a little later.
 */
import type { ApiResult, Inventory } from '../../../shared/api.ts';
import { analyzeBundles, type AnalyzeOptions } from '../analyzeBundles.ts';
import type { CaseIndex } from './caseIndex.ts';
import type { IndexMode } from './indexBuilder.ts';
import { IndexRecorder } from './indexRecorder.ts';

/** A case that can be searched now and is fully indexed when `indexed` resolves. */
export interface IndexedCase {
  inventory: Inventory;
  index: CaseIndex;
  /** Resolves when the full-text index is attached (rejects if the indexer failed). */
  indexed: Promise<void>;
}

/** Options of {@link indexCase}. */
export interface IndexCaseOptions extends Omit<AnalyzeOptions, 'onEvent' | 'onLine' | 'pace'> {
  /** Build the full-text index in a worker thread (default) or on this thread. */
  indexMode?: IndexMode;
}

/** Reads `paths` and indexes every event. */
export async function indexCase(paths: string[], options: IndexCaseOptions = {}): Promise<ApiResult<IndexedCase>> {
  const recorder = new IndexRecorder(options.indexMode ?? 'worker');
  let outcome;
  try {
    outcome = await analyzeBundles(paths, { ...options, onEvent: recorder.onEvent, onLine: recorder.onLine, pace: recorder.pace });
  } catch (error) {
    recorder.cancel();
    throw error;
  }
  if (!outcome.ok) {
    recorder.cancel();
    return outcome;
  }
  const index = await recorder.seal(outcome.value.files, options.zone ?? 'local');
  const indexed = recorder.complete(index);
  // The caller may never wait for it (a failed worker must not become an unhandled rejection).
  indexed.catch(() => undefined);
  return { ok: true, value: { inventory: outcome.value, index, indexed } };
}
