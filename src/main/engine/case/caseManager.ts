/**
 * Holds the open cases of one process and implements {@link AnalyzerApi} on top of the engine.
 * Transport-free: the Electron IPC handlers and the `serve` HTTP bridge both call into it.
 * A case is searchable as soon as the last byte is read; its full-text index and then its
 * diagnosis (findings, artifacts) arrive later: each change is pushed to the listeners of
 * `onCaseEvent` (and can be asked for with `caseStatus`). Nothing here polls.
 */
import { randomBytes } from 'node:crypto';
import { basename, join, resolve } from 'node:path';
import {
  initialProgress,
  type AnalyzerApi,
  type ApiResult,
  type CaseStatus,
  type Inventory,
  type OpenCaseRequest,
  type ReadProgress,
} from '../../../shared/api.ts';
import type {
  CaseOverview,
  EventsPage,
  FileLinesPage,
  Histogram,
  SearchPage,
  TraceResult,
} from '../../../shared/caseViews.ts';
import { parseQuery } from '../../../shared/search/queryLanguage.ts';
import { checkZone } from '../../../shared/time.ts';
import { overviewOf } from './caseOverview.ts';
import { eventsPage, fileLinesPage, searchPage } from '../index/casePages.ts';
import type { Diagnosis } from '../diagnose/diagnoseCase.ts';
import type { CaseIndex } from '../index/caseIndex.ts';
import { DEFAULT_CACHE_BUDGET_BYTES } from '../index/indexCache.ts';
import { diagnoseOpened, openCase, type OpenedCase } from './openCase.ts';
import type { Bitmap } from '../index/bitmap.ts';
import { matchingEvents } from '../index/searchIndex.ts';
import { histogram } from '../index/timelineStats.ts';
import { traceId } from '../index/traceId.ts';
import { checkInputKinds } from '../platform/inputKind.ts';
import { resourcesDir } from '../platform/resources.ts';
import { CaseStore, caseKeyOf } from './caseStore.ts';
import { PreferenceStore } from './preferenceStore.ts';
import type { Preferences, PreferencesPatch } from '../../../shared/preferences.ts';
import { exportReport } from '../report/exportReport.ts';
import { sanitizeCaseState, type CaseState, type SavedCase } from '../../../shared/caseState.ts';
import { checkExportRequest, type ExportedReport, type ExportReportRequest } from '../../../shared/reportExport.ts';
import { PROGRESS_PUSH_MS, type CaseEventListener, type CaseEventSource } from '../../../shared/caseEvents.ts';

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
  /** Opening: the cache lookup or the read (and its save), then the diagnosis. */
  cacheWork: Promise<void> | null;
  /** The open case (null until it is open). */
  opened: OpenedCase | null;
  /** The inputs as given (kept with the saved case, to open it again). */
  paths: string[];
  /** A progress push waiting for {@link PROGRESS_PUSH_MS} to pass. */
  pushTimer: ReturnType<typeof setTimeout> | null;
  /** When progress was last pushed (performance.now()). */
  pushedAt: number;
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
  /**
   * How many cases stay open at once (default 4, at least 2): opening more closes the least
   * recently used one that is neither reading nor one of the two used last.
   */
  maxOpenCases?: number;
}

/** Cases kept open by default: each holds its index in memory. */
export const DEFAULT_MAX_OPEN_CASES = 4;
/** How many closed case ids are remembered, to tell a request for one that it was closed. */
const REMEMBERED_CLOSED = 10_000;

/** The demo bundle of `resources/samples` and the zone its generator wrote times in. */
const DEMO_BUNDLE = 'demo-case.tar.gz';
const DEMO_ZONE = '+08:00';
/** How long an export waits for the findings before it says they are not ready. */
const DIAGNOSIS_WAIT_MS = 120_000;

const fail = <T>(error: string): ApiResult<T> => ({ ok: false, error });
const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });

/** The engine behind every face of Tarsier (app, serve bridge, tests). */
export class CaseManager implements AnalyzerApi, CaseEventSource {
  private readonly cases = new Map<string, OpenCase>();
  private readonly listeners = new Set<CaseEventListener>();
  /** Called after every change of any case (the waits of {@link settled} and {@link diagnosed}). */
  private readonly waiters = new Set<() => void>();
  private readonly cacheDir: string | null;
  private readonly cacheBudgetBytes: number;
  private readonly store: CaseStore | null;
  private readonly preferenceStore: PreferenceStore;
  /** The last state saved per case key in this process: a reload that asks before the write is done still gets it. */
  private readonly latestState = new Map<string, CaseState>();
  private readonly generator: string;

  constructor(options: CaseManagerOptions = {}) {
    this.cacheDir = options.cacheDir ?? null;
    this.store = options.dataDir ? new CaseStore(options.dataDir) : null;
    this.preferenceStore = new PreferenceStore(options.dataDir ?? null);
    this.generator = options.generator ?? 'Tarsier';
    this.cacheBudgetBytes = options.cacheBudgetBytes ?? DEFAULT_CACHE_BUDGET_BYTES;
    this.maxOpenCases = Math.max(2, options.maxOpenCases ?? DEFAULT_MAX_OPEN_CASES);
  }

  async openCase(request: OpenCaseRequest): Promise<ApiResult<{ caseId: string }>> {
    const zone = request.zone ?? 'local';
    const zoneProblem = checkZone(zone);
    if (zoneProblem) return fail(`openCase: ${zoneProblem}`);
    // A FIFO's open() waits for a writer for ever: refuse it (and devices, sockets) before any read.
    const unreadable = await checkInputKinds(request.paths);
    if (unreadable) return fail(`openCase: ${unreadable}`);
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
      opened: null,
      paths: request.paths,
      pushTimer: null,
      pushedAt: 0,
    };
    this.cases.set(id, entry);
    this.touch(id);
    entry.cacheWork = this.open(entry, request.paths).catch((error: unknown) => {
      entry.progress = {
        ...entry.progress,
        phase: entry.controller.signal.aborted ? 'cancelled' : 'failed',
        currentFile: null,
        error: `engine: ${(error as Error).message}`,
      };
      this.changed(entry);
    });
    this.changed(entry);
    return ok({ caseId: id });
  }

  /**
   * Opens the case through the one pipeline (engine/case/openCase.ts: the index cache, else a
   * read that is then cached), then diagnoses it (the diagnosis kept with the cache entry).
   * Cache problems never fail the case: they end in `cacheNote`.
   */
  private async open(entry: OpenCase, paths: string[]): Promise<void> {
    const started = performance.now();
    const outcome = await openCase(paths, {
      zone: entry.zone,
      signal: entry.controller.signal,
      cacheDir: this.cacheDir,
      cacheBudgetBytes: this.cacheBudgetBytes,
      onProgress: (progress) => {
        entry.progress = { ...progress, phase: entry.progress.phase === 'reading' ? 'reading' : entry.progress.phase };
        this.changed(entry, 'progress');
      },
    });
    const aborted = entry.controller.signal.aborted;
    if (!outcome.ok) {
      entry.progress = {
        ...entry.progress,
        phase: aborted ? 'cancelled' : 'failed',
        currentFile: null,
        error: outcome.error,
      };
      return this.changed(entry);
    }
    const opened = outcome.value;
    entry.opened = opened;
    entry.cached = opened.cache.hit;
    entry.cacheNote = opened.cache.note;
    if (aborted) {
      entry.progress = { ...entry.progress, phase: 'cancelled', currentFile: null };
      return this.changed(entry);
    }
    const { inventory, index } = opened;
    if (opened.cache.hit) {
      // The cached bundle table names the paths it was first read from; this case may name them otherwise (a link).
      if (inventory.bundles.length === paths.length) {
        inventory.bundles = inventory.bundles.map((b, i) => ({
          ...b,
          name: basename(resolve(paths[i])),
          source: resolve(paths[i]),
        }));
      }
      const inputBytes = inventory.bundles.reduce((n, b) => n + b.bytes, 0);
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
    } else {
      // The last progress of the read may predate the threads' last lines: the files' own counts are final.
      const linesRead = inventory.files.reduce((n, f) => n + f.lines, 0);
      entry.progress = { ...entry.progress, phase: 'done', currentFile: null, linesRead };
    }
    entry.inventory = inventory;
    entry.index = index;
    entry.indexed = true;
    this.changed(entry);
    // Let status requests see the open case before the (synchronous) diagnosis runs.
    await new Promise((r) => setImmediate(r));
    if (entry.controller.signal.aborted) return;
    entry.diagnosis = await diagnoseOpened(opened, { signal: entry.controller.signal });
    this.changed(entry);
  }

  /** Closes a case: its memory is released and its text files closed. */
  async closeCase(request: { caseId: string }): Promise<ApiResult<{ closed: boolean }>> {
    const entry = this.cases.get(request.caseId);
    if (!entry) return ok({ closed: false });
    entry.controller.abort();
    await entry.cacheWork;
    entry.opened?.close();
    this.cases.delete(request.caseId);
    this.forget(request.caseId, 'asked');
    this.closed(entry);
    return ok({ closed: true });
  }

  async openDemo(): Promise<ApiResult<{ caseId: string; name: string }>> {
    const path = join(resourcesDir(), 'samples', DEMO_BUNDLE);
    const opened = await this.openCase({ paths: [path], zone: DEMO_ZONE });
    return opened.ok ? ok({ caseId: opened.value.caseId, name: DEMO_BUNDLE }) : opened;
  }

  async caseStatus(request: { caseId: string }): Promise<ApiResult<CaseStatus>> {
    const entry = this.cases.get(request.caseId);
    if (!entry) return fail(this.missing('caseStatus', request.caseId));
    this.touch(entry.id);
    return ok(statusOf(entry));
  }

  onCaseEvent(listener: CaseEventListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /**
   * A case changed: its status is pushed to the listeners — at once, or for read progress at most
   * every {@link PROGRESS_PUSH_MS} (the last progress is never dropped, only delayed).
   */
  private changed(entry: OpenCase, what: 'progress' | 'state' = 'state'): void {
    if (what === 'progress') {
      const wait = entry.pushedAt + PROGRESS_PUSH_MS - performance.now();
      if (wait > 0) {
        entry.pushTimer ??= setTimeout(() => this.push(entry), wait);
        return;
      }
    }
    this.push(entry);
  }

  private push(entry: OpenCase): void {
    if (entry.pushTimer) clearTimeout(entry.pushTimer);
    entry.pushTimer = null;
    entry.pushedAt = performance.now();
    if (this.cases.get(entry.id) !== entry) return;
    const status = statusOf(entry);
    for (const listener of [...this.listeners]) listener({ kind: 'status', status });
    this.wake();
  }

  private closed(entry: OpenCase): void {
    if (entry.pushTimer) clearTimeout(entry.pushTimer);
    entry.pushTimer = null;
    for (const listener of [...this.listeners]) listener({ kind: 'closed', caseId: entry.id });
    this.wake();
  }

  private wake(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const waiter of waiters) waiter();
  }

  async inventory(request: { caseId: string }): Promise<ApiResult<Inventory>> {
    const ready = this.ready(request.caseId, 'inventory');
    if (!ready.ok) return ready;
    const { bundles, files, skipped, problems } = ready.value.inventory;
    return ok({ bundles, files, skipped, problems });
  }

  async cancelCase(request: { caseId: string }): Promise<ApiResult<{ cancelled: boolean }>> {
    const entry = this.cases.get(request.caseId);
    if (!entry) return fail(this.missing('cancelCase', request.caseId));
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

  async search(request: {
    caseId: string;
    query: string;
    offset?: number;
    limit?: number;
    countBudgetMs?: number;
  }): Promise<ApiResult<SearchPage>> {
    const ready = this.ready(request.caseId, 'search');
    if (!ready.ok) return ready;
    return ok(
      searchPage(ready.value.index, request.query, request.offset ?? 0, request.limit ?? 200, request.countBudgetMs),
    );
  }

  async events(request: {
    caseId: string;
    offset?: number;
    limit?: number;
    at?: number;
  }): Promise<ApiResult<EventsPage>> {
    const ready = this.ready(request.caseId, 'events');
    if (!ready.ok) return ready;
    return ok(eventsPage(ready.value.index, request.offset ?? 0, request.limit ?? 200, request.at));
  }

  async trace(request: { caseId: string; id: string }): Promise<ApiResult<TraceResult>> {
    const ready = this.ready(request.caseId, 'trace');
    if (!ready.ok) return ready;
    return ok(traceId(ready.value.index, request.id));
  }

  async histogram(request: {
    caseId: string;
    from?: number;
    to?: number;
    bins?: number;
    query?: string;
  }): Promise<ApiResult<Histogram | null>> {
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

  async fileLines(request: {
    caseId: string;
    file: number;
    from: number;
    count: number;
  }): Promise<ApiResult<FileLinesPage>> {
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
    await Promise.race([
      this.diagnosed(request.caseId),
      new Promise((resolve) => (timer = setTimeout(resolve, DIAGNOSIS_WAIT_MS))),
    ]);
    clearTimeout(timer);
    const ready = this.ready(request.caseId, 'exportReport');
    if (!ready.ok) return ready;
    const { index, inventory, diagnosis } = ready.value;
    if (!diagnosis) {
      const why = this.cases.get(request.caseId)?.progress.error;
      return fail(
        `exportReport: the findings of case ${request.caseId} are not ready${why ? ` (${why})` : ''}; export again once the overview shows them`,
      );
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
      await this.store.save(key, state, {
        names: inventory.bundles.map((b) => b.name),
        paths: this.cases.get(request.caseId)!.paths,
      });
      return ok({ saved: true });
    } catch (error) {
      return fail(`saveCaseState: could not write the case to the data folder: ${(error as Error).message}`);
    }
  }

  async savedCases(): Promise<ApiResult<SavedCase[]>> {
    return ok(this.store ? await this.store.list() : []);
  }

  async preferences(): Promise<ApiResult<Preferences>> {
    return ok(await this.preferenceStore.load());
  }

  async savePreferences(request: PreferencesPatch): Promise<ApiResult<Preferences>> {
    try {
      return ok(await this.preferenceStore.save(request));
    } catch (error) {
      return fail(`savePreferences: could not write the preferences to the data folder: ${(error as Error).message}`);
    }
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
    return this.until(
      caseId,
      (entry) =>
        entry.diagnosis !== null ||
        (entry.progress.phase !== 'reading' && entry.progress.phase !== 'done') ||
        entry.progress.error !== null,
    );
  }

  /** Waits for a case to be `done`, woken by its changes (not a timer). */
  private async until(caseId: string, done: (entry: OpenCase) => boolean): Promise<ReadProgress | null> {
    for (;;) {
      const entry = this.cases.get(caseId);
      if (!entry) return null;
      if (done(entry)) return entry.progress;
      await new Promise<void>((wake) => this.waiters.add(wake));
    }
  }

  /** The case's inventory and index, or why there are none yet. */
  private ready(
    caseId: string,
    method: string,
  ): ApiResult<{ inventory: Inventory; index: CaseIndex; diagnosis: Diagnosis | null }> {
    const entry = this.cases.get(caseId);
    if (!entry) return fail(this.missing(method, caseId));
    this.touch(caseId);
    if (!entry.inventory || !entry.index) return fail(`${method}: case ${caseId} is still ${entry.progress.phase}`);
    return ok({ inventory: entry.inventory, index: entry.index, diagnosis: entry.diagnosis });
  }

  // ---- Releasing cases: a bounded number stay open, the least recently used are closed. ----

  private readonly maxOpenCases: number;
  /** When each open case was last asked about (a counter, not a clock). */
  private readonly usedAt = new Map<string, number>();
  private useCount = 0;
  /** Ids of cases closed in this process (the oldest forgotten past {@link REMEMBERED_CLOSED}). */
  private readonly closedIds = new Map<string, 'asked' | 'bound'>();

  /** How many cases are open now (tests). */
  openCaseCount(): number {
    return this.cases.size;
  }

  /** The failure for a case id that is not open: closed, or never opened. */
  private missing(method: string, caseId: string): string {
    const why = this.closedIds.get(caseId);
    if (why === 'asked') return `${method}: case ${caseId} was closed; open it again`;
    return why === 'bound'
      ? `${method}: case ${caseId} was closed (at most ${this.maxOpenCases} cases stay open; the least recently used is closed first); open it again`
      : `${method}: no case ${caseId}`;
  }

  /** Marks a case as just used, then closes cases over the bound. */
  private touch(caseId: string): void {
    this.usedAt.set(caseId, ++this.useCount);
    if (this.cases.size > this.maxOpenCases) this.releaseLeastRecent();
  }

  /** Remembers that a case was closed, so a late request is told so. */
  private forget(caseId: string, why: 'asked' | 'bound'): void {
    this.usedAt.delete(caseId);
    this.closedIds.set(caseId, why);
    if (this.closedIds.size > REMEMBERED_CLOSED) this.closedIds.delete(this.closedIds.keys().next().value!);
  }

  /**
   * Closes least recently used cases until the bound is met. A case still reading is never
   * closed (cancel is the user's call), nor the two used last (the UI's case and the one it just
   * opened); when only those are left the bound waits for the next request.
   */
  private releaseLeastRecent(): void {
    const byRecency = [...this.cases.keys()].sort((a, b) => (this.usedAt.get(a) ?? 0) - (this.usedAt.get(b) ?? 0));
    const kept = new Set(byRecency.slice(-2));
    for (const id of byRecency) {
      if (this.cases.size <= this.maxOpenCases) return;
      const entry = this.cases.get(id)!;
      if (kept.has(id) || entry.progress.phase === 'reading') continue;
      this.cases.delete(id);
      this.forget(id, 'bound');
      this.closed(entry);
      entry.controller.abort();
      // The diagnosis may still run: the files are closed once it has stopped.
      void entry.cacheWork?.then(() => entry.opened?.close());
    }
  }
}

function statusOf(entry: OpenCase): CaseStatus {
  return {
    caseId: entry.id,
    progress: entry.progress,
    bundles: entry.inventory?.bundles ?? [],
    indexed: entry.indexed,
    diagnosed: entry.diagnosis !== null,
    zone: entry.zone,
    cached: entry.cached,
  };
}
