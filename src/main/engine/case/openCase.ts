/**
 * The one way a case is opened, for every face (the app, `serve`, the CLI): from the index cache
 * when the same bundle was read before, else read and indexed (spooling straight into the cache
 * entry, so that saving it is writing the index file), then kept in the cache. Diagnosing is the
 * next step ({@link diagnoseOpened}), kept beside the cache entry as well.
 */
import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ApiResult, Inventory } from '../../../shared/api.ts';
import { diagnoseCase, diagnosisQueries, type DiagnoseOptions, type Diagnosis } from '../diagnose/diagnoseCase.ts';
import { loadDiagnosis, saveDiagnosis } from '../diagnose/diagnosisCache.ts';
import type { CaseIndex } from '../index/caseIndex.ts';
import { READING_STOPPED, sha256OfFile } from '../bundle/readBundles.ts';
import {
  bundleFingerprint,
  cacheEntryExists,
  dropUnheldEntry,
  DEFAULT_CACHE_BUDGET_BYTES,
  holdCacheEntry,
  loadIndexCache,
  makeCacheEntry,
  removeIndexCache,
  SAVE_STEPS,
  saveIndexCache,
  touchCacheEntry,
} from '../index/indexCache.ts';
import type { CaseSummary } from '../../../shared/compare/compareCases.ts';
import { summarizeCase } from '../compare/caseSummary.ts';
import { loadSummary, saveSummary } from '../compare/summaryCache.ts';
import { PhaseMeter } from '../../../shared/progress.ts';
import { indexCase, releaseSpool, type IndexCaseOptions } from '../index/indexCase.ts';
import { loadUserFormats } from '../platform/userFormats.ts';

/** Options of {@link openCase}. */
export interface OpenCaseOptions extends Omit<IndexCaseOptions, 'spoolDir'> {
  /** The index cache's folder; null or absent: no cache (the text is spooled to a temporary folder). */
  cacheDir?: string | null;
  /** Size the cache folder is kept under (default 4 GiB); null: no eviction. */
  cacheBudgetBytes?: number | null;
}

/** An open case. */
export interface OpenedCase {
  inventory: Inventory;
  index: CaseIndex;
  /** The cache entry's key (null: not cacheable or no cache), whether the case came from it, and why it was not used or kept. */
  cache: { dir: string | null; key: string | null; hit: boolean; note: string | null };
  /** Closes the case's text files; a temporary spool folder is removed. */
  close(): void;
}

/** Opens `paths` as one case. Fails only when nothing could be read (or it was cancelled). */
export async function openCase(paths: string[], options: OpenCaseOptions = {}): Promise<ApiResult<OpenedCase>> {
  const opened = await openCaseWith(paths, options);
  if (!opened.ok) return opened;
  // A broken user format is left out of the read and told among the case's problems, never fatal.
  const { problems } = loadUserFormats(options.userFormatsDir ?? null);
  const formatsDir = options.userFormatsDir ?? '';
  for (const reason of problems) opened.value.inventory.problems.push({ path: formatsDir, reason });
  return opened;
}

async function openCaseWith(paths: string[], options: OpenCaseOptions): Promise<ApiResult<OpenedCase>> {
  const cacheDir = options.cacheDir ?? null;
  const key = cacheDir ? await fingerprintOf(paths, options) : null;
  let note: string | null =
    cacheDir && !key ? 'not cached: only archive and log files are (a folder can change unseen)' : null;
  if (cacheDir && key) {
    const release = holdCacheEntry(cacheDir, key);
    // The key trusts size, mtime and inode, which an in-place edit can keep: the bytes are hashed
    // while the index loads, and a bundle whose hash differs from the one it was read with is read again.
    const hashes = cacheEntryExists(cacheDir, key) ? hashInputs(paths) : null;
    const loaded = await loadIndexCache(cacheDir, key);
    const stale = loaded.ok && hashes ? await staleBundle(loaded.value.inventory.bundles, await hashes) : null;
    if (loaded.ok && !stale) {
      const { inventory, index } = loaded.value;
      const close = () => {
        index.close();
        release();
      };
      return { ok: true, value: { inventory, index, cache: { dir: cacheDir, key, hit: true, note: null }, close } };
    }
    if (loaded.ok) loaded.value.index.close();
    release();
    if (stale) {
      note = `index cache stale, read again: ${stale} changed in place since it was read (its sha256 differs)`;
      await removeIndexCache(cacheDir, key);
    } else if (!loaded.ok && loaded.error.kind !== 'missing') {
      note = `index cache unusable, read again: ${loaded.error.message}`;
      await removeIndexCache(cacheDir, key);
    }
  }
  let spoolDir: string | undefined;
  let release = () => undefined as void;
  if (cacheDir && key) {
    try {
      spoolDir = await makeCacheEntry(cacheDir, key);
      release = holdCacheEntry(cacheDir, key);
    } catch (error) {
      note = `not cached: ${(error as Error).message}`;
    }
  }
  let outcome;
  try {
    // The rules' queries are answered while the bundle is read: the findings are there when it ends.
    outcome = await indexCase(paths, {
      ...options,
      standingQueries: options.standingQueries ?? diagnosisQueries(),
      spoolDir,
    });
  } catch (error) {
    release();
    if (spoolDir && cacheDir && key) await removeIndexCache(cacheDir, key);
    throw error;
  }
  if (!outcome.ok) {
    release();
    if (spoolDir && cacheDir && key) await removeIndexCache(cacheDir, key);
    return outcome;
  }
  const indexed = outcome.value;
  const opened: OpenedCase = {
    inventory: indexed.inventory,
    index: indexed.index,
    cache: { dir: cacheDir, key: null, hit: false, note },
    close: () => {
      releaseSpool(indexed);
      release();
      // Text spooled into an entry that could not be saved is of no use to anyone else.
      if (spoolDir && cacheDir && key && opened.cache.key === null) dropUnheldEntry(cacheDir, key);
    },
  };
  if (spoolDir && cacheDir && key) {
    // An input that changed while it was read would be cached under its old fingerprint.
    const stopped = indexed.inventory.skipped.find((s) => s.reason.startsWith(READING_STOPPED));
    if ((await fingerprintOf(paths, options)) !== key) {
      opened.cache.note = 'not cached: an input changed while it was read';
    } else if (stopped) {
      // Memory short now (other cases open, a smaller machine) is not the bundle: the next open reads it again.
      opened.cache.note = `not cached: reading stopped early (${stopped.path})`;
    } else {
      const saving = new PhaseMeter('saving', 'steps', SAVE_STEPS, performance.now());
      options.onWork?.(saving.at(performance.now()));
      const saved = await saveIndexCache(cacheDir, key, indexed, {
        budgetBytes: options.cacheBudgetBytes === undefined ? DEFAULT_CACHE_BUDGET_BYTES : options.cacheBudgetBytes,
        onStep: (done) => options.onWork?.(saving.update(done, performance.now())),
      });
      options.onWork?.(saving.finish(performance.now()));
      if (saved.ok) opened.cache.key = key;
      else opened.cache.note = `not cached: ${saved.error.message}`;
    }
  }
  return { ok: true, value: opened };
}

/** The cache key of `paths` read with `options`: null when they cannot be cached (a folder). */
function fingerprintOf(paths: string[], options: OpenCaseOptions): Promise<string | null> {
  // The user's formats decide the index as much as the bundle does: their hash is part of the key.
  return bundleFingerprint(paths, {
    zone: options.zone,
    zoneRules: options.zoneRules,
    yearRules: options.yearRules,
    fileTimes: options.fileTimes,
    userFormats: loadUserFormats(options.userFormatsDir ?? null).hash,
  });
}

/** The sha256 of every input that is a file, by its resolved path (a folder has none). */
async function hashInputs(paths: string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  await Promise.all(
    paths.map(async (raw) => {
      const path = await realOrResolved(raw);
      out.set(path, await sha256OfFile(path).catch(() => null));
    }),
  );
  return out;
}

/** The real path (the cache key is made from real paths: a link and its target are one bundle), else the resolved one. */
const realOrResolved = (path: string): Promise<string> => realpath(resolve(path)).catch(() => resolve(path));

/** The first bundle of a cached inventory whose bytes no longer hash as they did, or null. */
async function staleBundle(
  bundles: readonly { source: string; sha256: string | null }[],
  hashes: Map<string, string | null>,
): Promise<string | null> {
  for (const bundle of bundles) {
    if (bundle.sha256 !== null && hashes.get(await realOrResolved(bundle.source)) !== bundle.sha256)
      return bundle.source;
  }
  return null;
}

/**
 * The findings of an open case: the diagnosis kept with its cache entry when the rules are the
 * ones it was made with (and no stage or extra rules were asked for), else made and kept.
 */
export async function diagnoseOpened(opened: OpenedCase, options: DiagnoseOptions = {}): Promise<Diagnosis> {
  const { dir, key } = opened.cache;
  const plain = options.rules === undefined && !options.stage;
  if (dir && key && plain) {
    const kept = await loadDiagnosis(dir, key);
    if (kept) return kept;
  }
  const diagnosis = diagnoseCase(opened.index, opened.inventory, options);
  if (dir && key && plain && !options.signal?.aborted) await saveDiagnosis(dir, key, diagnosis);
  return diagnosis;
}

/**
 * The comparison summary of an open case diagnosed without a stage or extra rules: the one kept
 * beside its cache entry, else made (engine/compare/caseSummary.ts) and kept.
 */
export async function summarizeOpened(opened: OpenedCase, diagnosis: Diagnosis): Promise<CaseSummary> {
  const { dir, key } = opened.cache;
  if (dir && key) {
    const kept = await loadSummary(dir, key);
    if (kept) return kept.summary;
  }
  const summary = summarizeCase(opened.index, opened.inventory, diagnosis);
  if (dir && key)
    await saveSummary(dir, key, {
      summary,
      bundles: opened.inventory.bundles.map((b) => ({ source: b.source, sha256: b.sha256 })),
    });
  return summary;
}

/**
 * The comparison summary kept for `paths` read with `options` (as {@link openCase} would read
 * them, diagnosed with the built-in rules), without opening the case: null when there is none,
 * or when a bundle's bytes no longer hash as they did (the case must then be read again).
 */
export async function keptSummary(paths: string[], options: OpenCaseOptions): Promise<CaseSummary | null> {
  const dir = options.cacheDir ?? null;
  const key = dir ? await fingerprintOf(paths, options) : null;
  if (!dir || !key || !cacheEntryExists(dir, key)) return null;
  const kept = await loadSummary(dir, key);
  if (!kept) return null;
  if (await staleBundle(kept.bundles, await hashInputs(paths))) return null;
  await touchCacheEntry(dir, key);
  return kept.summary;
}
