/**
 * Holds the open cases of one process and implements {@link AnalyzerApi} on top of the engine.
 * Transport-free: the Electron IPC handlers and the `serve` HTTP bridge both call into it.
 * A case is searchable as soon as the last byte is read; its full-text index and then its
 * diagnosis (findings, artifacts) arrive later and are reported by `caseStatus`.
 */
import { randomBytes } from 'node:crypto';
import { basename, join, resolve } from 'node:path';
import { initialProgress, type AnalyzerApi, type ApiResult, type CaseStatus, type Inventory, type OpenCaseRequest, type ReadProgress } from '../../shared/api.ts';
import type { CaseOverview, EventsPage, FileLinesPage, Histogram, SearchPage, TraceResult } from '../../shared/caseViews.ts';
import { parseQuery } from '../../shared/search/queryLanguage.ts';
import { checkZone } from '../../shared/time.ts';
import { eventsPage, fileLinesPage, overviewOf, searchPage } from './caseQueries.ts';
import { diagnoseCase, type Diagnosis } from './diagnose/diagnoseCase.ts';
import type { CaseIndex } from './index/caseIndex.ts';
import { bundleFingerprint, DEFAULT_CACHE_BUDGET_BYTES, loadIndexCache, removeIndexCache, saveIndexCache } from './index/indexCache.ts';
import { indexCase, type IndexedCase } from './index/indexCase.ts';
import type { Bitmap } from './index/bitmap.ts';
import { matchingEvents } from './index/searchIndex.ts';
import { histogram } from './index/timelineStats.ts';
import { traceId } from './index/traceId.ts';
import { resourcesDir } from './resources.ts';
import { loadDiagnosis, pruneDiagnoses, removeDiagnosis, saveDiagnosis } from './diagnose/diagnosisCache.ts';
import { CaseStore, caseKeyOf } from './caseStore.ts';
import { exportReport } from './report/exportReport.ts';
import { sanitizeCaseState, type CaseState, type SavedCase } from '../../shared/caseState.ts';
import { checkExportRequest, type ExportedReport, type ExportReportRequest } from '../../shared/reportExport.ts';

interface OpenCase {
  id: string;
  zone: string;
  controller: AbortController;
  progress: ReadProgress;
  inventory: Inventory | null;
  index: CaseIndex | null;
  indexed: boolean;
  diagnosis: Diagnosis | null;
  /** The index came from the index cache. */
  cached: boolean;
  /** Why the case was not loaded from or saved to the cache (never shown as a case failure). */
  cacheNote: string | null;
  /** With a cache: the lookup, then the read and the background save when it missed. */
  cacheWork: Promise<void> | null;
  /** The inputs as given (kept with the saved case, to open it again). */
  paths: string[];
}

/** Options of {@link CaseManager}. */
export interface CaseManagerOptions {
  /**
   * Folder of the index cache (index/indexCache.ts): a bundle file opened again loads its index
   * from there instead of being read again. null or absent (the default): no cache.
   */
  cacheDir?: string | null;
  /** Size the cache folder is kept under (default 4 GiB). */
  cacheBudgetBytes?: number;
  /**
   * The app's data folder: cases' notes, pins, filters and report drafts are kept in its
   * `cases/` folder (caseStore.ts). null or absent: nothing is kept.
   */
  dataDir?: string | null;
  /** Names the generator in reports. */
  generator?: string;
}

/** The demo bundle of `resources/samples` and the zone its generator wrote times in. */
const DEMO_BUNDLE = 'demo-case.tar.gz';
const DEMO_ZONE = '+08:00';
/** How long an export waits for the findings before it says they are not ready. */
const DIAGNOSIS_WAIT_MS = 120_000;

const fail = <T>(error: string): ApiResult<T> => ({ ok: false, error });
const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });

/** The engine behind every face of Tarsier (app, serve bridge, tests). */
export class CaseManager implements AnalyzerApi {
  private readonly cases = new Map<string, OpenCase>();
  private readonly cacheDir: string | null;
  private readonly cacheBudgetBytes: number;
  private readonly store: CaseStore | null;
  /** The last state saved per case key in this process: a reload that asks before the write is done still gets it. */
  private readonly latestState = new Map<string, CaseState>();
  private readonly generator: string;

  constructor(options: CaseManagerOptions = {}) {
    this.cacheDir = options.cacheDir ?? null;
    this.store = options.dataDir ? new CaseStore(options.dataDir) : null;
    this.generator = options.generator ?? 'Tarsier';
    this.cacheBudgetBytes = options.cacheBudgetBytes ?? DEFAULT_CACHE_BUDGET_BYTES;
  }

  async openCase(request: OpenCaseRequest): Promise<ApiResult<{ caseId: string }>> {
    const zone = request.zone ?? 'local';
    const zoneProblem = checkZone(zone);
    if (zoneProblem) return fail(`openCase: ${zoneProblem}`);
    const id = randomBytes(9).toString('base64url');
    const entry: OpenCase = {
      id,
      zone,
      controller: new AbortController(),
      progress: initialProgress(),
      inventory: null,
      index: null,
      indexed: false,
      diagnosis: null,
      cached: false,
      cacheNote: null,
      cacheWork: null,
      paths: request.paths,
    };
    this.cases.set(id, entry);
    if (this.cacheDir === null) {
      void this.read(entry, request.paths);
    } else {
      entry.cacheWork = this.openWithCache(entry, request.paths, this.cacheDir).catch((error: unknown) => {
        // The cache functions return their problems; this is a bug, kept out of the case's way.
        entry.cacheNote = `index cache: ${(error as Error).message}`;
      });
    }
    return ok({ caseId: id });
  }

  /**
   * Loads the case from the index cache when it is there, else reads it and then saves its
   * complete index there. Cache problems never fail the case: they end in `cacheNote`.
   */
  private async openWithCache(entry: OpenCase, paths: string[], cacheDir: string): Promise<void> {
    const key = await bundleFingerprint(paths, { zone: entry.zone });
    if (key === null) {
      entry.cacheNote = 'not cached: only archive and log files are (a folder can change unseen)';
      await this.read(entry, paths);
      return;
    }
    const started = performance.now();
    const loaded = await loadIndexCache(cacheDir, key);
    if (loaded.ok) {
      // The diagnosis kept with it, when the rules are the ones it was made with; else made again and kept.
      const kept = await loadDiagnosis(cacheDir, key);
      await this.opened(entry, paths, loaded.value, started, kept);
      if (!kept && entry.diagnosis) await saveDiagnosis(cacheDir, key, entry.diagnosis);
      return;
    }
    if (loaded.error.kind !== 'missing') {
      entry.cacheNote = `index cache unusable, read again: ${loaded.error.message}`;
      await removeIndexCache(cacheDir, key);
      await removeDiagnosis(cacheDir, key);
    }
    const indexedCase = await this.read(entry, paths);
    if (!indexedCase || entry.controller.signal.aborted) return;
    // An input that changed while it was read would be cached under its old fingerprint.
    if ((await bundleFingerprint(paths, { zone: entry.zone })) !== key) {
      entry.cacheNote = 'not cached: an input changed while it was read';
      return;
    }
    const saved = await saveIndexCache(cacheDir, key, indexedCase, { budgetBytes: this.cacheBudgetBytes });
    if (!saved.ok) entry.cacheNote = `not cached: ${saved.error.message}`;
    else if (entry.diagnosis) await saveDiagnosis(cacheDir, key, entry.diagnosis);
    await pruneDiagnoses(cacheDir);
  }

  /** A case loaded from the cache: done and indexed at once, then diagnosed as after a read. */
  private async opened(entry: OpenCase, paths: string[], loaded: { inventory: Inventory; index: CaseIndex }, started: number, kept: Diagnosis | null): Promise<void> {
    if (entry.controller.signal.aborted) {
      entry.progress = { ...entry.progress, phase: 'cancelled' };
      return;
    }
    const { inventory, index } = loaded;
    // The cached bundle table names the paths it was first read from; this case may name them otherwise (a link).
    if (inventory.bundles.length === paths.length) {
      inventory.bundles = inventory.bundles.map((b, i) => ({ ...b, name: basename(resolve(paths[i])), source: resolve(paths[i]) }));
    }
    const inputBytes = inventory.bundles.reduce((n, b) => n + b.bytes, 0);
    entry.inventory = inventory;
    entry.index = index;
    entry.indexed = true;
    entry.cached = true;
    entry.progress = {
      ...entry.progress,
      phase: 'done',
      filesRead: inventory.files.length,
      entriesSkipped: inventory.skipped.length,
      bytesRead: inventory.files.reduce((n, f) => n + f.bytes, 0),
      inputBytesRead: inputBytes,
      inputBytesTotal: inputBytes,
      linesRead: inventory.files.reduce((n, f) => n + f.lines, 0),
      currentFile: null,
      elapsedMs: Math.round(performance.now() - started),
      error: null,
    };
    if (kept) {
      entry.diagnosis = kept;
      return;
    }
    // Let status requests see the loaded case before the (synchronous) diagnosis runs.
    await new Promise((r) => setImmediate(r));
    this.diagnose(entry);
  }

  /**
   * Reads the bundles. Resolves once the full-text index is attached and the case diagnosed,
   * with the indexed case; null when reading or indexing failed or was cancelled.
   */
  private read(entry: OpenCase, paths: string[]): Promise<IndexedCase | null> {
    const settle = (phase: ReadProgress['phase'], error: string | null = null) => {
      entry.progress = { ...entry.progress, phase: entry.controller.signal.aborted ? 'cancelled' : phase, currentFile: null, error };
    };
    return new Promise((resolveRead) => {
      indexCase(paths, {
        zone: entry.zone,
        signal: entry.controller.signal,
        onProgress: (progress) => {
          entry.progress = { ...progress, phase: entry.progress.phase === 'reading' ? 'reading' : entry.progress.phase };
        },
      }).then(
        (outcome) => {
          if (!outcome.ok) {
            settle('failed', outcome.error);
            return resolveRead(null);
          }
          entry.inventory = outcome.value.inventory;
          entry.index = outcome.value.index;
          settle('done');
          outcome.value.indexed.then(
            () => {
              entry.indexed = true;
              this.diagnose(entry);
              resolveRead(outcome.value);
            },
            (error: unknown) => {
              entry.progress = { ...entry.progress, error: `indexing failed, search stays a scan: ${(error as Error).message}` };
              resolveRead(null);
            },
          );
        },
        (error: unknown) => {
          settle('failed', `engine: ${(error as Error).message}`);
          resolveRead(null);
        },
      );
    });
  }

  /** The findings; the rules need the postings (each would otherwise be a full scan). */
  private diagnose(entry: OpenCase): void {
    if (entry.controller.signal.aborted || !entry.index || !entry.inventory) return;
    entry.diagnosis = diagnoseCase(entry.index, entry.inventory, { signal: entry.controller.signal });
  }

  async openDemo(): Promise<ApiResult<{ caseId: string; name: string }>> {
    const path = join(resourcesDir(), 'samples', DEMO_BUNDLE);
    const opened = await this.openCase({ paths: [path], zone: DEMO_ZONE });
    return opened.ok ? ok({ caseId: opened.value.caseId, name: DEMO_BUNDLE }) : opened;
  }

  async caseStatus(request: { caseId: string }): Promise<ApiResult<CaseStatus>> {
    const entry = this.cases.get(request.caseId);
    if (!entry) return fail(`caseStatus: no case ${request.caseId}`);
    return ok({ caseId: entry.id, progress: entry.progress, bundles: entry.inventory?.bundles ?? [], indexed: entry.indexed, diagnosed: entry.diagnosis !== null, zone: entry.zone, cached: entry.cached });
  }

  async inventory(request: { caseId: string }): Promise<ApiResult<Inventory>> {
    const ready = this.ready(request.caseId, 'inventory');
    if (!ready.ok) return ready;
    const { bundles, files, skipped, problems } = ready.value.inventory;
    return ok({ bundles, files, skipped, problems });
  }

  async cancelCase(request: { caseId: string }): Promise<ApiResult<{ cancelled: boolean }>> {
    const entry = this.cases.get(request.caseId);
    if (!entry) return fail(`cancelCase: no case ${request.caseId}`);
    const running = entry.progress.phase === 'reading';
    entry.controller.abort();
    return ok({ cancelled: running });
  }

  async overview(request: { caseId: string; stage?: string | null }): Promise<ApiResult<CaseOverview>> {
    const ready = this.ready(request.caseId, 'overview');
    if (!ready.ok) return ready;
    const { inventory, index, diagnosis } = ready.value;
    return overviewOf(inventory, index, diagnosis, request.stage ?? null);
  }

  async search(request: { caseId: string; query: string; offset?: number; limit?: number }): Promise<ApiResult<SearchPage>> {
    const ready = this.ready(request.caseId, 'search');
    if (!ready.ok) return ready;
    return ok(searchPage(ready.value.index, request.query, request.offset ?? 0, request.limit ?? 200));
  }

  async events(request: { caseId: string; offset?: number; limit?: number; at?: number }): Promise<ApiResult<EventsPage>> {
    const ready = this.ready(request.caseId, 'events');
    if (!ready.ok) return ready;
    return ok(eventsPage(ready.value.index, request.offset ?? 0, request.limit ?? 200, request.at));
  }

  async trace(request: { caseId: string; id: string }): Promise<ApiResult<TraceResult>> {
    const ready = this.ready(request.caseId, 'trace');
    if (!ready.ok) return ready;
    return ok(traceId(ready.value.index, request.id));
  }

  async histogram(request: { caseId: string; from?: number; to?: number; bins?: number; query?: string }): Promise<ApiResult<Histogram | null>> {
    const ready = this.ready(request.caseId, 'histogram');
    if (!ready.ok) return ready;
    let only: Bitmap | undefined;
    if (request.query !== undefined && request.query.trim() !== '') {
      const parsed = parseQuery(request.query);
      if (!parsed.ok) return fail(`histogram: ${parsed.error.message} at ${parsed.error.position}`);
      only = matchingEvents(ready.value.index, parsed.query).events;
    }
    return ok(histogram(ready.value.index, { from: request.from, to: request.to, bins: request.bins, only }));
  }

  async fileLines(request: { caseId: string; file: number; from: number; count: number }): Promise<ApiResult<FileLinesPage>> {
    const ready = this.ready(request.caseId, 'fileLines');
    if (!ready.ok) return ready;
    const page = fileLinesPage(ready.value.index, request.file, request.from, request.count);
    return page ? ok(page) : fail(`fileLines: case ${request.caseId} has no file ${request.file}`);
  }

  async exportReport(request: ExportReportRequest): Promise<ApiResult<ExportedReport>> {
    const checked = checkExportRequest(request);
    if (!checked.ok) return fail(checked.error);
    // A report without its findings would mislead: wait for the diagnosis (not for ever).
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([this.diagnosed(request.caseId), new Promise((resolve) => (timer = setTimeout(resolve, DIAGNOSIS_WAIT_MS)))]);
    clearTimeout(timer);
    const ready = this.ready(request.caseId, 'exportReport');
    if (!ready.ok) return ready;
    const { index, inventory, diagnosis } = ready.value;
    if (!diagnosis) {
      const why = this.cases.get(request.caseId)?.progress.error;
      return fail(`exportReport: the findings of case ${request.caseId} are not ready${why ? ` (${why})` : ''}; export again once the overview shows them`);
    }
    return exportReport(index, inventory, diagnosis, checked.request, this.generator);
  }

  async caseState(request: { caseId: string }): Promise<ApiResult<CaseState | null>> {
    const ready = this.ready(request.caseId, 'caseState');
    if (!ready.ok) return ready;
    const key = caseKeyOf(ready.value.inventory);
    return ok(this.latestState.get(key) ?? (this.store ? await this.store.load(key) : null));
  }

  async saveCaseState(request: { caseId: string; state: CaseState }): Promise<ApiResult<{ saved: boolean }>> {
    const ready = this.ready(request.caseId, 'saveCaseState');
    if (!ready.ok) return ready;
    const { inventory } = ready.value;
    const key = caseKeyOf(inventory);
    const state = sanitizeCaseState(request.state);
    this.latestState.set(key, state);
    if (!this.store) return ok({ saved: false });
    try {
      await this.store.save(key, state, { names: inventory.bundles.map((b) => b.name), paths: this.cases.get(request.caseId)!.paths });
      return ok({ saved: true });
    } catch (error) {
      return fail(`saveCaseState: could not write the case to the data folder: ${(error as Error).message}`);
    }
  }

  async savedCases(): Promise<ApiResult<SavedCase[]>> {
    return ok(this.store ? await this.store.list() : []);
  }

  /**
   * Waits until a case's cache work (the lookup, or the read and the save after it) is over;
   * whether the case came from the cache, and why it was not loaded from or saved to it (tests).
   */
  async cacheSettled(caseId: string): Promise<{ cached: boolean; note: string | null } | null> {
    const entry = this.cases.get(caseId);
    if (!entry) return null;
    await entry.cacheWork;
    return { cached: entry.cached, note: entry.cacheNote };
  }

  /** Waits until a case is no longer reading (tests, CLI). */
  async settled(caseId: string): Promise<ReadProgress | null> {
    return this.until(caseId, (entry) => entry.progress.phase !== 'reading');
  }

  /** Waits until a case's findings are ready, or it failed (tests). */
  async diagnosed(caseId: string): Promise<ReadProgress | null> {
    return this.until(caseId, (entry) => entry.diagnosis !== null || (entry.progress.phase !== 'reading' && entry.progress.phase !== 'done') || entry.progress.error !== null);
  }

  private async until(caseId: string, done: (entry: OpenCase) => boolean): Promise<ReadProgress | null> {
    for (;;) {
      const entry = this.cases.get(caseId);
      if (!entry) return null;
      if (done(entry)) return entry.progress;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** The case's inventory and index, or why there are none yet. */
  private ready(caseId: string, method: string): ApiResult<{ inventory: Inventory; index: CaseIndex; diagnosis: Diagnosis | null }> {
    const entry = this.cases.get(caseId);
    if (!entry) return fail(`${method}: no case ${caseId}`);
    if (!entry.inventory || !entry.index) return fail(`${method}: case ${caseId} is still ${entry.progress.phase}`);
    return ok({ inventory: entry.inventory, index: entry.index, diagnosis: entry.diagnosis });
  }
}
