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
  type CompareCasesRequest,
  type DeletedFormat,
  type ForgetCaseRequest,
  type ForgottenCase,
  type Inventory,
  type OpenCaseRequest,
  type ReadProgress,
  type UserFormatList,
  type UserRuleList,
  type DeletedRule,
  type ImportedRules,
  type LibraryExportRequest,
  type LibraryImport,
} from '../../../shared/api.ts';
import type {
  CaseOverview,
  EventView,
  EventsPage,
  FileLinesPage,
  Histogram,
  SearchPage,
  TraceResult,
} from '../../../shared/caseViews.ts';
import { parseQuery } from '../../../shared/search/queryLanguage.ts';
import {
  defaultTimeSettings,
  normalizeTimeSettings,
  sameTimeSettings,
  timeSettingsSchema,
  type TimeSettings,
} from '../../../shared/timeSettings.ts';
import { PhaseMeter, type WorkProgress } from '../../../shared/progress.ts';
import { problemsOf } from '../../../shared/validation.ts';
import { overviewOf } from './caseOverview.ts';
import { eventAtLine, eventsPage, fileLinesPage, searchPage } from '../index/casePages.ts';
import type { Diagnosis } from '../diagnose/diagnoseCase.ts';
import type { CaseIndex } from '../index/caseIndex.ts';
import { DEFAULT_CACHE_BUDGET_BYTES } from '../index/indexCache.ts';
import { diagnoseOpened, openCase } from './openCase.ts';
import type { Bitmap } from '../index/bitmap.ts';
import { matchingEvents } from '../index/searchIndex.ts';
import { histogram } from '../index/timelineStats.ts';
import { patternList } from '../index/patternList.ts';
import type { PatternList } from '../../../shared/patterns/patternViews.ts';
import { traceId } from '../index/traceId.ts';
import { checkInputKinds } from '../platform/inputKind.ts';
import { resourcesDir } from '../platform/resources.ts';
import { CaseStore, caseKeyOf } from './caseStore.ts';
import { PreferenceStore } from './preferenceStore.ts';
import { withoutRecent, type Preferences, type PreferencesPatch } from '../../../shared/preferences.ts';
import { UploadStore } from './uploadStore.ts';
import { exportReport } from '../report/exportReport.ts';
import {
  compareCases,
  type CaseComparison,
  type CaseSummary,
  type CompareRange,
} from '../../../shared/compare/compareCases.ts';
import { emptyCaseState, sanitizeCaseState, type CaseState, type SavedCase } from '../../../shared/caseState.ts';
import { checkExportRequest, type ExportedReport, type ExportReportRequest } from '../../../shared/reportExport.ts';
import type { CaseEventListener, CaseEventSource } from '../../../shared/caseEvents.ts';
import { CaseEventHub, statusOfCase, type OpenCase } from './caseEventHub.ts';
import { CaseRecency } from './caseRecency.ts';
import type { FormatSpec } from '../../../shared/formats/formatSpec.ts';
import type { FormatTrial } from '../../../shared/formats/formatTrial.ts';
import { userFormatsDir } from '../platform/userFormats.ts';
import { tryFormatOn } from './formatTrial.ts';
import { deleteUserFormat, listUserFormats, saveUserFormat } from './userFormatStore.ts';
import { deleteUserRule, importUserRules, listUserRules, saveUserRule } from './userRuleStore.ts';
import { rulesWithUser, userRulesDir } from '../platform/userRules.ts';
import { CaseLibrary } from '../library/caseLibrary.ts';
import { summarizeCase } from '../compare/caseSummary.ts';
import { libraryCaseOf, libraryFindings, libraryTemplates, worthKeeping } from '../../../shared/library/libraryCase.ts';
import type {
  LibraryFinding,
  LibraryHit,
  LibraryMatches,
  LibraryQueryMatches,
  LibraryRef,
  LibraryTemplate,
} from '../../../shared/library/libraryModel.ts';

/** Options of {@link CaseManager}. */
export interface CaseManagerOptions {
  /**
   * Folder of the index cache (index/indexCache.ts): a bundle file opened again loads its index
   * from there instead of being read again. null or absent (the default): no cache.
   */
  cacheDir?: string | null;
  /** Size the cache folder and the stored uploads are kept under together (default 4 GiB). */
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
  /**
   * The user's formats folder, read with `resources/formats` on every read and where `saveFormat`
   * writes; default the data folder's `formats/` (none without a data folder).
   */
  userFormatsDir?: string | null;
  /**
   * The user's rules folder, run beside `resources/rules` on every diagnosis and where `saveRule`
   * writes; default the data folder's `rules/` (none without a data folder).
   */
  userRulesDir?: string | null;
}

/** Cases kept open by default: each holds its index in memory. */
export const DEFAULT_MAX_OPEN_CASES = 4;

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
  /** Pushes each change of an open case (not of one closed meanwhile) and wakes the waits on it. */
  private readonly hub = new CaseEventHub((entry) => this.cases.get(entry.id) === entry);
  private readonly cacheDir: string | null;
  private readonly cacheBudgetBytes: number;
  private readonly store: CaseStore | null;
  /** `serve`'s stored uploads (`<data folder>/uploads`): they count against the cache's budget. */
  private readonly uploads: UploadStore | null;
  private readonly preferenceStore: PreferenceStore;
  /** The last state saved per case key in this process: a reload that asks before the write is done still gets it. */
  private readonly latestState = new Map<string, CaseState>();
  private readonly generator: string;
  private readonly userFormatsDir: string | null;
  private readonly userRulesDir: string | null;
  /** The case library (`<data folder>/library`), null without a data folder. */
  private readonly library: CaseLibrary | null;
  /** What a diagnosed case gives the library, worked out once per diagnosis (not on every save). */
  private readonly summaries = new WeakMap<Diagnosis, CaseSummary>();
  private readonly libraryFacts = new WeakMap<
    Diagnosis,
    { templates: LibraryTemplate[]; findings: LibraryFinding[] }
  >();
  /** Cases taken out of the library in this process: their next saves do not put them back. */
  private readonly leftOutOfLibrary = new Set<string>();

  constructor(options: CaseManagerOptions = {}) {
    this.userRulesDir =
      options.userRulesDir !== undefined
        ? options.userRulesDir
        : options.dataDir
          ? userRulesDir(options.dataDir)
          : null;
    this.userFormatsDir =
      options.userFormatsDir !== undefined
        ? options.userFormatsDir
        : options.dataDir
          ? userFormatsDir(options.dataDir)
          : null;
    this.cacheDir = options.cacheDir ?? null;
    this.store = options.dataDir ? new CaseStore(options.dataDir) : null;
    this.uploads = options.dataDir ? new UploadStore(options.dataDir) : null;
    this.library = options.dataDir ? new CaseLibrary(options.dataDir) : null;
    this.preferenceStore = new PreferenceStore(options.dataDir ?? null);
    this.generator = options.generator ?? 'Tarsier';
    this.cacheBudgetBytes = options.cacheBudgetBytes ?? DEFAULT_CACHE_BUDGET_BYTES;
    this.recency = new CaseRecency(Math.max(2, options.maxOpenCases ?? DEFAULT_MAX_OPEN_CASES));
  }

  async openCase(request: OpenCaseRequest): Promise<ApiResult<{ caseId: string }>> {
    return this.start('openCase', request.paths, defaultTimeSettings(request.zone ?? 'local'), false);
  }

  /**
   * Starts a case reading `paths` with `time`; when not `explicit`, the settings kept with the
   * case (caseState.time) replace them once known.
   */
  private async start(
    method: string,
    paths: string[],
    time: TimeSettings,
    explicit: boolean,
  ): Promise<ApiResult<{ caseId: string }>> {
    const checked = problemsOf(timeSettingsSchema, time);
    if (!checked.ok) return fail(`${method}: ${checked.problems[0]}`);
    const zone = time.zone;
    // A FIFO's open() waits for a writer for ever: refuse it (and devices, sockets) before any read.
    const unreadable = await checkInputKinds(paths);
    if (unreadable) return fail(`${method}: ${unreadable}`);
    const id = randomBytes(9).toString('base64url');
    const entry: OpenCase = {
      id,
      zone,
      fileTimes: normalizeTimeSettings(time).files,
      explicitTime: explicit,
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
      paths,
      pushTimer: null,
      pushedAt: 0,
      revision: 0,
    };
    this.cases.set(id, entry);
    this.touch(id);
    entry.cacheWork = this.open(entry, paths).catch((error: unknown) => {
      entry.progress = {
        ...entry.progress,
        phase: entry.controller.signal.aborted ? 'cancelled' : 'failed',
        currentFile: null,
        error: `engine: ${(error as Error).message}`,
        work: null,
      };
      this.hub.changed(entry);
    });
    this.hub.changed(entry);
    return ok({ caseId: id });
  }

  /**
   * Opens the case through the one pipeline (engine/case/openCase.ts: the index cache, else a
   * read that is then cached), then diagnoses it (the diagnosis kept with the cache entry).
   * Cache problems never fail the case: they end in `cacheNote`.
   */
  private async open(entry: OpenCase, paths: string[]): Promise<void> {
    const started = performance.now();
    // One budget for the data folder's bulk: the cache (which can be rebuilt) makes room for the uploads (which cannot).
    const uploaded = this.cacheDir && this.uploads ? await this.uploads.bytes() : 0;
    // The case is read with the time settings kept with it (by its paths: its key needs the read).
    const keptByPaths = entry.explicitTime || !this.store ? null : await this.store.timeFor(paths);
    if (keptByPaths) this.useTime(entry, keptByPaths);
    const read = () =>
      openCase(paths, {
        zone: entry.zone,
        fileTimes: entry.fileTimes,
        signal: entry.controller.signal,
        cacheDir: this.cacheDir,
        cacheBudgetBytes: Math.max(0, this.cacheBudgetBytes - uploaded),
        userFormatsDir: this.userFormatsDir,
        onProgress: (progress) => {
          entry.progress = {
            ...progress,
            phase: entry.progress.phase === 'reading' ? 'reading' : entry.progress.phase,
            work: entry.progress.work,
          };
          this.hub.changed(entry, 'progress');
        },
        onWork: (work) => this.working(entry, work),
      });
    let outcome = await read();
    if (outcome.ok && !entry.controller.signal.aborted) {
      const key = caseKeyOf(outcome.value.inventory);
      const used: TimeSettings = { zone: entry.zone, files: entry.fileTimes };
      if (entry.explicitTime) await this.keepTime(key, used, paths, outcome.value.inventory);
      else {
        // The same bundles kept under other paths (moved, uploaded again): read again with their settings.
        const kept = (this.latestState.get(key) ?? (this.store ? await this.store.load(key) : null))?.time;
        if (kept && !sameTimeSettings(kept, used)) {
          outcome.value.close();
          this.useTime(entry, kept);
          outcome = await read();
        }
      }
    }
    const aborted = entry.controller.signal.aborted;
    if (!outcome.ok) {
      entry.progress = {
        ...entry.progress,
        phase: aborted ? 'cancelled' : 'failed',
        currentFile: null,
        error: outcome.error,
        work: null,
      };
      return this.hub.changed(entry);
    }
    const opened = outcome.value;
    entry.opened = opened;
    entry.cached = opened.cache.hit;
    entry.cacheNote = opened.cache.note;
    if (aborted) {
      entry.progress = { ...entry.progress, phase: 'cancelled', currentFile: null, work: null };
      return this.hub.changed(entry);
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
    const diagnosing = new PhaseMeter('diagnosing', 'rules', 0, performance.now());
    entry.progress.work = diagnosing.at(performance.now());
    entry.inventory = inventory;
    entry.index = index;
    entry.indexed = true;
    this.hub.changed(entry);
    // Let status requests see the open case before the (synchronous) diagnosis runs.
    await new Promise((r) => setImmediate(r));
    if (entry.controller.signal.aborted) return;
    const diagnosis = await diagnoseOpened(opened, {
      // The user's rules as they are now (undefined without any: the kept diagnosis may serve).
      rules: rulesWithUser(this.userRulesDir) ?? undefined,
      signal: entry.controller.signal,
      // The rules, then one step for the artifacts and the unexplained templates.
      onProgress: (done, total) => this.working(entry, diagnosing.update(done, performance.now(), total + 1)),
    });
    // The phase's end, then the findings in one change that leaves no work behind.
    this.working(entry, diagnosing.finish(performance.now()));
    entry.diagnosis = diagnosis;
    entry.progress = { ...entry.progress, work: null };
    this.hub.changed(entry);
  }

  private useTime(entry: OpenCase, time: TimeSettings): void {
    entry.zone = time.zone;
    entry.fileTimes = normalizeTimeSettings(time).files;
  }

  /** Keeps the time settings a case was read with in its saved state (the rest of the state unchanged). */
  private async keepTime(key: string, time: TimeSettings, paths: string[], inventory: Inventory): Promise<void> {
    const state = {
      ...(this.latestState.get(key) ?? (this.store ? await this.store.load(key) : null) ?? emptyCaseState()),
      time: normalizeTimeSettings(time),
    };
    this.latestState.set(key, state);
    // Not fatal: the case is read with them either way; they are only not kept for the next time.
    await this.store?.save(key, state, { names: inventory.bundles.map((b) => b.name), paths }).catch(() => undefined);
  }

  /**
   * The measured phase of a case's work changed: pushed at once when a phase begins or ends,
   * else as progress (throttled).
   */
  private working(entry: OpenCase, work: WorkProgress): void {
    const before = entry.progress.work;
    entry.progress = { ...entry.progress, work };
    const turn = before?.phase !== work.phase || work.done === work.total;
    this.hub.changed(entry, turn ? 'state' : 'progress');
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
    this.hub.closed(entry);
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
    return ok(statusOfCase(entry));
  }

  onCaseEvent(listener: CaseEventListener): () => void {
    return this.hub.onCaseEvent(listener);
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
    // Asked before the index is attached (the read, its threads, the seal): the answer waits for
    // it, so it holds every hit of the bundle — never the empty answer of a part not yet indexed.
    await this.until(request.caseId, (entry) => entry.index !== null || entry.progress.phase !== 'reading');
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

  async patterns(request: { caseId: string; limit?: number }): Promise<ApiResult<PatternList>> {
    const ready = this.ready(request.caseId, 'patterns');
    if (!ready.ok) return ready;
    return ok(patternList(ready.value.index, request.limit ?? 500));
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

  async lineEvent(request: { caseId: string; file: number; line: number }): Promise<ApiResult<EventView | null>> {
    const ready = this.ready(request.caseId, 'lineEvent');
    if (!ready.ok) return ready;
    const index = ready.value.index;
    if (!index.files[request.file]) return fail(`lineEvent: case ${request.caseId} has no file ${request.file}`);
    const event = eventAtLine(index, request.file, request.line);
    return ok(event === null ? null : index.view(event));
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

  async compareCases(request: CompareCasesRequest): Promise<ApiResult<CaseComparison>> {
    const ranged = request.rangeA !== undefined || request.rangeB !== undefined;
    if (request.caseId === request.otherCaseId && !ranged)
      return fail(
        `compareCases: case ${request.caseId} cannot be compared with itself; open the other bundle as a second case, or give rangeA and rangeB`,
      );
    // Both diagnoses are needed (findings, versions, pods): wait for them (not for ever).
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      Promise.all([this.diagnosed(request.caseId), this.diagnosed(request.otherCaseId)]),
      new Promise((resolve) => (timer = setTimeout(resolve, DIAGNOSIS_WAIT_MS))),
    ]);
    clearTimeout(timer);
    const sides: CaseSummary[] = [];
    for (const [caseId, role] of [
      [request.caseId, 'A'],
      [request.otherCaseId, 'B'],
    ] as const) {
      const ready = this.ready(caseId, 'compareCases');
      if (!ready.ok) return fail(`${ready.error} (case ${role} of the comparison)`);
      const { index, inventory, diagnosis } = ready.value;
      if (!diagnosis) {
        const why = this.cases.get(caseId)?.progress.error;
        return fail(
          `compareCases: the findings of case ${caseId} (case ${role}) are not ready${why ? ` (${why})` : ''}; compare again once it is diagnosed`,
        );
      }
      sides.push(this.summaryOf(index, inventory, diagnosis, role === 'A' ? request.rangeA : request.rangeB));
    }
    return ok(compareCases(sides[0], sides[1], request.align));
  }

  async caseState(request: { caseId: string }): Promise<ApiResult<CaseState | null>> {
    const ready = this.ready(request.caseId, 'caseState');
    if (!ready.ok) return ready;
    const key = caseKeyOf(ready.value.inventory);
    const state = this.latestState.get(key) ?? (this.store ? await this.store.load(key) : null);
    if (!state) return ok(null);
    // The time settings are the engine's (applied when the case is read; the inventory's
    // `timeGuess.set` and the status's zone tell them): the UI's state is the rest.
    const { time: _time, ...rest } = state;
    void _time;
    return ok(rest);
  }

  async saveCaseState(request: { caseId: string; state: CaseState }): Promise<ApiResult<{ saved: boolean }>> {
    const ready = this.ready(request.caseId, 'saveCaseState');
    if (!ready.ok) return ready;
    const { inventory } = ready.value;
    const key = caseKeyOf(inventory);
    const state = sanitizeCaseState(request.state);
    // The time settings are the engine's to write (reopenCase): a state without them keeps them.
    if (state.time === undefined) {
      const kept = (this.latestState.get(key) ?? (this.store ? await this.store.load(key) : null))?.time;
      if (kept) state.time = kept;
    }
    this.latestState.set(key, state);
    if (!this.store) return ok({ saved: false });
    try {
      await this.store.save(key, state, {
        names: inventory.bundles.map((b) => b.name),
        paths: this.cases.get(request.caseId)!.paths,
      });
      await this.remember(key, state, ready.value);
      return ok({ saved: true });
    } catch (error) {
      return fail(`saveCaseState: could not write the case to the data folder: ${(error as Error).message}`);
    }
  }

  /**
   * Keeps a diagnosed case's entry of the library up to date with its saved state (a case still
   * diagnosing is remembered at its next save). A case not worth keeping (libraryCase.ts
   * `worthKeeping`) leaves the library, unless its entry came from an import. A failed write is
   * a problem of the library, not of the save.
   */
  private async remember(
    key: string,
    state: CaseState,
    ready: { inventory: Inventory; index: CaseIndex; diagnosis: Diagnosis | null },
  ): Promise<void> {
    const { inventory, index, diagnosis } = ready;
    if (!this.library || !diagnosis || this.leftOutOfLibrary.has(key)) return;
    const facts = this.factsOf(index, inventory, diagnosis);
    const entry = libraryCaseOf({
      key,
      names: inventory.bundles.map((b) => b.name),
      savedAt: Date.now(),
      notes: state.notes,
      ...facts,
    });
    try {
      if (worthKeeping(entry)) await this.library.put(entry);
      else if ((await this.library.get(key))?.origin === 'local') await this.library.remove(key);
    } catch (error) {
      await this.library.note(`library/${key}.json: could not be written: ${(error as Error).message}`);
    }
  }

  /**
   * The case's summary (compare/caseSummary.ts): over `range` when given, else the whole case's,
   * made once per diagnosis for both the comparisons and the library.
   */
  private summaryOf(index: CaseIndex, inventory: Inventory, diagnosis: Diagnosis, range?: CompareRange): CaseSummary {
    if (range) return summarizeCase(index, inventory, diagnosis, range);
    let summary = this.summaries.get(diagnosis);
    if (!summary) this.summaries.set(diagnosis, (summary = summarizeCase(index, inventory, diagnosis)));
    return summary;
  }

  private factsOf(
    index: CaseIndex,
    inventory: Inventory,
    diagnosis: Diagnosis,
  ): { templates: LibraryTemplate[]; findings: LibraryFinding[] } {
    let facts = this.libraryFacts.get(diagnosis);
    if (!facts) {
      facts = {
        templates: libraryTemplates(this.summaryOf(index, inventory, diagnosis).templates),
        findings: libraryFindings(diagnosis.findings),
      };
      this.libraryFacts.set(diagnosis, facts);
    }
    return facts;
  }

  async libraryMatches(request: { caseId: string; limit?: number }): Promise<ApiResult<LibraryMatches>> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      this.diagnosed(request.caseId),
      new Promise((resolve) => (timer = setTimeout(resolve, DIAGNOSIS_WAIT_MS))),
    ]);
    clearTimeout(timer);
    const ready = this.ready(request.caseId, 'libraryMatches');
    if (!ready.ok) return ready;
    const { index, inventory, diagnosis } = ready.value;
    if (!diagnosis) {
      const why = this.cases.get(request.caseId)?.progress.error;
      return fail(
        `libraryMatches: the findings of case ${request.caseId} are not ready${why ? ` (${why})` : ''}; ask again once it is diagnosed`,
      );
    }
    const empty: LibraryMatches = { size: 0, similar: [], findings: {}, templates: {} };
    if (!this.library) return ok(empty);
    const facts = this.factsOf(index, inventory, diagnosis);
    return ok(
      await this.library.matches(
        {
          key: caseKeyOf(inventory),
          templates: facts.templates.map((t) => t.text),
          findings: facts.findings.map((f) => f.rule),
        },
        request.limit,
      ),
    );
  }

  async searchLibrary(request: { query: string; limit?: number }): Promise<ApiResult<LibraryHit[]>> {
    if (!this.library) return ok([]);
    return ok(await this.library.search(request.query, request.limit ?? 50));
  }

  async libraryCases(): Promise<ApiResult<{ dir: string | null; cases: LibraryRef[]; problems?: string[] }>> {
    if (!this.library) return ok({ dir: null, cases: [], problems: [] });
    return ok({ dir: this.library.dir, cases: await this.library.list(), problems: await this.library.problems() });
  }

  async deleteLibraryCase(request: { key: string }): Promise<ApiResult<{ removed: boolean }>> {
    if (!this.library) return ok({ removed: false });
    try {
      const removed = await this.library.remove(request.key);
      this.leftOutOfLibrary.add(request.key);
      return ok({ removed });
    } catch (error) {
      return fail(`deleteLibraryCase: could not remove library/${request.key}.json: ${(error as Error).message}`);
    }
  }

  async exportLibrary(
    request: LibraryExportRequest,
  ): Promise<ApiResult<{ fileName: string; text: string; cases: number }>> {
    if (!this.library) return fail('exportLibrary: this engine has no data folder, so no case library');
    const { fileName, file } = await this.library.exportFile({
      secrets: request.redactSecrets ?? true,
      network: request.redactNetwork ?? false,
    });
    return ok({ fileName, text: `${JSON.stringify(file, null, 2)}\n`, cases: file.cases.length });
  }

  async importLibrary(request: { library: unknown }): Promise<ApiResult<LibraryImport>> {
    if (!this.library) return fail('importLibrary: this engine has no data folder to keep a case library in');
    try {
      const imported = await this.library.importFile(request.library);
      return imported.ok ? ok(imported.value) : fail(`importLibrary: ${imported.error}`);
    } catch (error) {
      return fail(`importLibrary: could not write to ${this.library.dir}: ${(error as Error).message}`);
    }
  }

  async libraryQueryMatches(request: { query: string; caseId?: string }): Promise<ApiResult<LibraryQueryMatches>> {
    if (!this.library) return ok({ cases: 0, templates: 0, pins: 0, refs: [] });
    // The open case is in the library too once it is saved: it is no past case of its own.
    const open = request.caseId === undefined ? null : this.cases.get(request.caseId);
    const exceptKey = open?.inventory ? caseKeyOf(open.inventory) : null;
    const matched = await this.library.queryMatches(request.query, exceptKey);
    return matched.ok ? matched : fail(`libraryQueryMatches: ${matched.error}`);
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

  async tryFormat(request: { caseId: string; file: number; format: FormatSpec }): Promise<ApiResult<FormatTrial>> {
    const ready = this.ready(request.caseId, 'tryFormat');
    if (!ready.ok) return ready;
    return tryFormatOn(ready.value.index, request.file, request.format, this.cases.get(request.caseId)!.zone);
  }

  async saveFormat(request: { format: FormatSpec }): Promise<ApiResult<{ id: string; path: string }>> {
    if (!this.userFormatsDir)
      return fail('saveFormat: this engine has no data folder to keep formats in (start it with one)');
    return saveUserFormat(this.userFormatsDir, request.format);
  }

  async userFormats(): Promise<ApiResult<UserFormatList>> {
    return ok(await listUserFormats(this.userFormatsDir));
  }

  async deleteFormat(request: { id: string }): Promise<ApiResult<DeletedFormat>> {
    if (!this.userFormatsDir) return fail('deleteFormat: this engine has no data folder, so no saved formats');
    return deleteUserFormat(this.userFormatsDir, request.id);
  }

  async saveRule(request: { rule: Record<string, unknown> }): Promise<ApiResult<{ id: string; path: string }>> {
    if (!this.userRulesDir)
      return fail('saveRule: this engine has no data folder to keep rules in (start it with one)');
    return saveUserRule(this.userRulesDir, request.rule);
  }

  async userRules(): Promise<ApiResult<UserRuleList>> {
    return ok(await listUserRules(this.userRulesDir));
  }

  async deleteRule(request: { id: string }): Promise<ApiResult<DeletedRule>> {
    if (!this.userRulesDir) return fail('deleteRule: this engine has no data folder, so no saved rules');
    return deleteUserRule(this.userRulesDir, request.id);
  }

  async importRules(request: { rules: Record<string, unknown>[] }): Promise<ApiResult<ImportedRules>> {
    if (!this.userRulesDir)
      return fail('importRules: this engine has no data folder to keep rules in (start it with one)');
    return importUserRules(this.userRulesDir, request.rules);
  }

  async reopenCase(request: { caseId: string; time?: TimeSettings }): Promise<ApiResult<{ caseId: string }>> {
    const entry = this.cases.get(request.caseId);
    if (!entry) return fail(this.missing('reopenCase', request.caseId));
    const time = request.time ?? { zone: entry.zone, files: entry.fileTimes };
    return this.start('reopenCase', entry.paths, time, request.time !== undefined);
  }

  async forgetCase(request: ForgetCaseRequest): Promise<ApiResult<ForgottenCase>> {
    const same = (paths: string[] | 'demo'): boolean => JSON.stringify(paths) === JSON.stringify(request.paths);
    let recent = false;
    let state = false;
    const uploads: string[] = [];
    try {
      const kept = await this.preferenceStore.load();
      const entry = kept.recent.find((r) => same(r.paths));
      if (entry) {
        await this.preferenceStore.save({ recent: withoutRecent(kept.recent, entry) });
        recent = true;
      }
      if (this.store) {
        const saved = await this.store.list();
        const match =
          request.key !== undefined
            ? saved.find((c) => c.key === request.key)
            : saved.find((c) =>
                request.paths === 'demo'
                  ? c.names.length === 1 && c.names[0] === DEMO_BUNDLE
                  : JSON.stringify(c.paths) === JSON.stringify(request.paths),
              );
        if (match) {
          await this.store.remove(match.key);
          this.latestState.delete(match.key);
          state = true;
        }
      }
      // Forgetting a case by its key forgets what the library kept of it too.
      if (request.key !== undefined && this.library) await this.library.remove(request.key);
      // Only our own copies (the upload store's): the user's files are never deleted.
      if (this.uploads && request.paths !== 'demo')
        for (const path of request.paths) if (await this.uploads.remove(path)) uploads.push(basename(path));
    } catch (error) {
      return fail(`forgetCase: could not change the data folder: ${(error as Error).message}`);
    }
    return ok({ recent, state, uploads });
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
      await this.hub.nextChange();
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

  private readonly recency: CaseRecency;

  /** How many cases are open now (tests). */
  openCaseCount(): number {
    return this.cases.size;
  }

  /** The failure for a case id that is not open: closed, or never opened. */
  private missing(method: string, caseId: string): string {
    return this.recency.missing(method, caseId);
  }

  /** Marks a case as just used, then closes the cases over the bound. */
  private touch(caseId: string): void {
    this.recency.touch(caseId);
    for (const id of this.recency.overBound(this.cases)) {
      const entry = this.cases.get(id)!;
      this.cases.delete(id);
      this.forget(id, 'bound');
      this.hub.closed(entry);
      entry.controller.abort();
      // The diagnosis may still run: the files are closed once it has stopped.
      void entry.cacheWork?.then(() => entry.opened?.close());
    }
  }

  /** Remembers that a case was closed, so a late request is told so. */
  private forget(caseId: string, why: 'asked' | 'bound'): void {
    this.recency.forget(caseId, why);
  }
}
