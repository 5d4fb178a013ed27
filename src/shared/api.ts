/**
 * The one contract between the UI and the engine. The Electron preload, the IPC handlers in
 * main, the loopback HTTP bridge of `tarsier serve` and the renderer's client all derive from
 * it: method names become channel names and routes, and every request is validated by
 * {@link validateRequest} before the engine sees it.
 */
import type {
  CaseOverview,
  EventView,
  EventsPage,
  FileLinesPage,
  Histogram,
  SearchPage,
  TraceResult,
} from './caseViews.ts';
import type { CaseState, SavedCase } from './caseState.ts';
import type { Preferences, PreferencesPatch } from './preferences.ts';
import type { BundleInfo, FileRecord, SkippedEntry, EntryProblem, ZoneSpec } from './model.ts';
import type { ExportedReport, ExportReportRequest } from './reportExport.ts';
import type { FormatSpec } from './formats/formatSpec.ts';
import type { FormatTrial } from './formats/formatTrial.ts';
import type { RuleSpec } from './rules/ruleSpec.ts';
import type { PatternList } from './patterns/patternViews.ts';
import type { WorkProgress } from './progress.ts';
import type { CaseComparison, CompareAlignment, CompareRange } from './compare/compareCases.ts';
import type { TimeSettings } from './timeSettings.ts';
import type { LibraryHit, LibraryMatches, LibraryQueryMatches, LibraryRef } from './library/libraryModel.ts';

/** Expected failures travel as values, never as thrown errors. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Starts a case from one or more bundles (archives or folders) on this machine. */
export interface OpenCaseRequest {
  paths: string[];
  /** Zone for zone-less timestamps; default `local`. */
  zone?: ZoneSpec;
}

/** Where reading stands. */
export interface ReadProgress {
  phase: 'reading' | 'done' | 'failed' | 'cancelled';
  filesRead: number;
  entriesSkipped: number;
  /** Uncompressed bytes read so far. */
  bytesRead: number;
  /** Compressed bytes of the inputs consumed so far, and their total (for a progress bar). */
  inputBytesRead: number;
  inputBytesTotal: number;
  linesRead: number;
  currentFile: string | null;
  elapsedMs: number;
  /** When `phase` is `failed`: why. */
  error: string | null;
  /**
   * The phase of work under way, measured (shared/progress.ts): reading, indexing, sealing,
   * saving while `phase` is `reading`, then diagnosing once it is `done`; null or absent when
   * nothing is under way.
   */
  work?: WorkProgress | null;
}

/** Progress before anything has been read. */
export function initialProgress(): ReadProgress {
  return {
    phase: 'reading',
    filesRead: 0,
    entriesSkipped: 0,
    bytesRead: 0,
    inputBytesRead: 0,
    inputBytesTotal: 0,
    linesRead: 0,
    currentFile: null,
    elapsedMs: 0,
    error: null,
  };
}

/** A case as the overview needs it. */
export interface CaseStatus {
  caseId: string;
  progress: ReadProgress;
  bundles: BundleInfo[];
  /** The full-text index is attached (before that, search scans). */
  indexed: boolean;
  /** Findings and artifacts are ready. */
  diagnosed: boolean;
  /** The zone zone-less times were read in. */
  zone: ZoneSpec;
  /** The index was loaded from the index cache (the bundle was read before), not read now. */
  cached?: boolean;
  /**
   * Counts the case's changes: of two statuses of one case, the higher revision is the newer
   * (an answer to `caseStatus` and a pushed event can arrive in either order).
   */
  revision: number;
}

/** Everything that was found in the bundles: files read, entries skipped, problems met. */
export interface Inventory {
  bundles: BundleInfo[];
  files: FileRecord[];
  skipped: SkippedEntry[];
  problems: EntryProblem[];
}

/** One file of the user's formats folder. */
export interface UserFormatEntry {
  /** The file name without `.json` (a format's id must equal it). */
  id: string;
  path: string;
  /** The format's name and description when the file loads, else null. */
  name: string | null;
  description: string | null;
  /** Why the file does not load (it is left out of every read), or null. */
  problem: string | null;
}

/** What `userFormats` gives: the folder (null when the engine has none) and its files by name. */
export interface UserFormatList {
  dir: string | null;
  formats: UserFormatEntry[];
}

/** What `deleteFormat` removed; `format` is its spec when the file loaded (for an undo), else null. */
export interface DeletedFormat {
  id: string;
  path: string;
  format: FormatSpec | null;
}

/** One file of the user's rules folder. */
export interface UserRuleEntry {
  /** The file name without `.json` (a rule's id must equal it). */
  id: string;
  path: string;
  /** The rule when the file loads (what an export writes), else null. */
  spec: RuleSpec | null;
  /** Why the file does not load (it is left out of every diagnosis), or null. */
  problem: string | null;
}

/** What `userRules` gives: the folder (null when the engine has none) and its files by name. */
export interface UserRuleList {
  dir: string | null;
  rules: UserRuleEntry[];
}

/** What `deleteRule` removed; `rule` is its spec when the file loaded (for an undo), else null. */
export interface DeletedRule {
  id: string;
  path: string;
  rule: RuleSpec | null;
}

/** What `importRules` saved: the folder and the rules' ids, in the file's order. */
export interface ImportedRules {
  dir: string;
  ids: string[];
}

/** The case `forgetCase` is asked to forget: a Recent entry's paths (or `demo`), and its saved case's key when known. */
export interface ForgetCaseRequest {
  paths: string[] | 'demo';
  key?: string;
}

/** What `forgetCase` removed: only Tarsier's own records and copies, never a file of the user's. */
export interface ForgottenCase {
  /** The Recent entry was removed. */
  recent: boolean;
  /** The saved notes, pins and report draft were removed. */
  state: boolean;
  /** The names of Tarsier's stored copies of uploads that were removed. */
  uploads: string[];
}

/** The engine as the UI sees it. */
export interface AnalyzerApi {
  /** Starts reading; returns at once with the case id (poll {@link AnalyzerApi.caseStatus}). */
  openCase(request: OpenCaseRequest): Promise<ApiResult<{ caseId: string }>>;
  caseStatus(request: { caseId: string }): Promise<ApiResult<CaseStatus>>;
  inventory(request: { caseId: string }): Promise<ApiResult<Inventory>>;
  cancelCase(request: { caseId: string }): Promise<ApiResult<{ cancelled: boolean }>>;
  /**
   * Closes a case: its read stops, its index and text files are released, and later requests for
   * it fail saying it was closed. The UI closes the case it opened when it opens another.
   */
  closeCase(request: { caseId: string }): Promise<ApiResult<{ closed: boolean }>>;
  /** Opens the demo bundle shipped in `resources/samples` (generated, no customer data). */
  openDemo(request: Record<string, never>): Promise<ApiResult<{ caseId: string; name: string }>>;
  /** Components, findings (ranked for `stage` when given), artifacts, triage, stages. */
  overview(request: { caseId: string; stage?: string | null }): Promise<ApiResult<CaseOverview>>;
  /** One page of events matching a query (the query language), in time order. */
  /**
   * One page of hits in time order. With `countBudgetMs`, the total is counted for at most that
   * long after the page is filled (`totalExact` says whether it got there); without, exactly.
   */
  search(request: {
    caseId: string;
    query: string;
    offset?: number;
    limit?: number;
    countBudgetMs?: number;
  }): Promise<ApiResult<SearchPage>>;
  /** One page of the merged timeline; `at` (epoch ms) starts the page at that time instead of `offset`. */
  events(request: { caseId: string; offset?: number; limit?: number; at?: number }): Promise<ApiResult<EventsPage>>;
  /** Every event carrying an id, across modules, plus the second hop. */
  trace(request: { caseId: string; id: string }): Promise<ApiResult<TraceResult>>;
  /**
   * Events per component × level × time bin over [from, to] (default: the whole case), only of
   * events matching `query` when given; null when no event has a time. A query that does not
   * parse is an error naming it.
   */
  histogram(request: {
    caseId: string;
    from?: number;
    to?: number;
    bins?: number;
    query?: string;
  }): Promise<ApiResult<Histogram | null>>;
  /**
   * The case's message templates (the Patterns view): count, first/last time, level mix, a
   * sparkline over the case span and a search for each one's events; most warnings and errors
   * first, at most `limit` (default 500).
   */
  patterns(request: { caseId: string; limit?: number }): Promise<ApiResult<PatternList>>;
  /** Lines `from` … `from + count - 1` of one file (1-based). */
  fileLines(request: { caseId: string; file: number; from: number; count: number }): Promise<ApiResult<FileLinesPage>>;
  /**
   * The event whose lines hold `line` (1-based) of the file with this index: its head line or one
   * of its continuation lines. Null when no event does (a directive line before the first event,
   * a line past the end). What a pin made in the file viewer takes its time and level from.
   */
  lineEvent(request: { caseId: string; file: number; line: number }): Promise<ApiResult<EventView | null>>;
  /** The case report in the formats asked for (bytes as base64), from the UI's notes and choices. */
  exportReport(request: ExportReportRequest): Promise<ApiResult<ExportedReport>>;
  /** What was kept about this case's bundles on this machine (notes, pins, stage, filters, report draft), or null. */
  caseState(request: { caseId: string }): Promise<ApiResult<CaseState | null>>;
  /** Keeps the case's state in the app's data folder; `saved` is false when there is none (nothing is written anywhere else). */
  saveCaseState(request: { caseId: string; state: CaseState }): Promise<ApiResult<{ saved: boolean }>>;
  /** The cases kept on this machine, most recently changed first. */
  savedCases(request: Record<string, never>): Promise<ApiResult<SavedCase[]>>;
  /** The engineer's theme, language and recent cases, kept by the engine in its data folder. */
  preferences(request: Record<string, never>): Promise<ApiResult<Preferences>>;
  /** Replaces the fields given; returns the preferences as now kept. */
  savePreferences(request: PreferencesPatch): Promise<ApiResult<Preferences>>;
  /**
   * The effect of a format being defined on one file of the case: how many of its lines it reads
   * with a time and a level, the first lines as read, the first it misses (at most
   * `TRIAL_MAX_LINES` lines, within `TRIAL_BUDGET_MS`). Nothing is saved.
   */
  tryFormat(request: { caseId: string; file: number; format: FormatSpec }): Promise<ApiResult<FormatTrial>>;
  /**
   * Saves a format to the user's formats folder (`<data folder>/formats/<id>.json`), read with the
   * built-in ones from the next read on. Refuses a built-in format's id and a spec that does not
   * validate, naming the field; samples without an expectation get the one the format reads.
   */
  saveFormat(request: { format: FormatSpec }): Promise<ApiResult<{ id: string; path: string }>>;
  /** The user's formats folder: every `*.json` file in it, those that do not load with the reason. */
  userFormats(request: Record<string, never>): Promise<ApiResult<UserFormatList>>;
  /**
   * Deletes the user's format `id` (`<formats folder>/<id>.json`; a built-in one cannot be). Gives
   * back its spec when it loaded, so that the UI can undo with `saveFormat`. Cases already read
   * keep what it read; the next read goes without it.
   */
  deleteFormat(request: { id: string }): Promise<ApiResult<DeletedFormat>>;
  /**
   * Saves a rule to the user's rules folder (`<data folder>/rules/<id>.json`, the JSON of
   * `resources/rules`), run beside the built-in ones from the next diagnosis on (reopenCase).
   * Refuses a built-in rule's id, a spec the schema rejects and examples that do not behave:
   * the error holds one problem per line, each naming the field.
   */
  saveRule(request: { rule: Record<string, unknown> }): Promise<ApiResult<{ id: string; path: string }>>;
  /** The user's rules folder: every `*.json` file in it with its rule, those that do not load with the reason. */
  userRules(request: Record<string, never>): Promise<ApiResult<UserRuleList>>;
  /** Deletes the user's rule `id` (a built-in one cannot be); gives back its spec for an undo. */
  deleteRule(request: { id: string }): Promise<ApiResult<DeletedRule>>;
  /** Saves every rule of an imported file (its rules, in order), or none when one is refused (each problem says which). */
  importRules(request: { rules: Record<string, unknown>[] }): Promise<ApiResult<ImportedRules>>;
  /**
   * Reads the case's bundles again as a new case (same paths, same zone), with the formats as they
   * are now; the old case stays open until the UI closes it. With `time`, the new case reads its
   * times with those settings (the case's zone, each file's zone and year), which are kept with
   * the case and applied whenever it is opened again.
   */
  reopenCase(request: { caseId: string; time?: TimeSettings }): Promise<ApiResult<{ caseId: string }>>;
  /**
   * Forgets a case: its Recent entry, its saved state (notes, pins, report draft) and Tarsier's
   * stored copy of an uploaded bundle (`<data folder>/uploads/`). A file anywhere else (the
   * user's own bundle) is never deleted.
   */
  forgetCase(request: ForgetCaseRequest): Promise<ApiResult<ForgottenCase>>;
  /**
   * What differs between case `caseId` (A) and case `otherCaseId` (B), B laid on A's time axis by
   * `align` (issue 18). Both must be open; waits (bounded) for their diagnoses, then fails naming
   * the case that is not ready.
   */
  compareCases(request: CompareCasesRequest): Promise<ApiResult<CaseComparison>>;
  /**
   * What the case library (shared/library/libraryModel.ts) knows of this case: past cases ranked
   * by shared error and warning templates, and per finding and per template the past cases that
   * had it too. The case's own entry is left out. Waits (bounded) for the diagnosis.
   */
  libraryMatches(request: { caseId: string; limit?: number }): Promise<ApiResult<LibraryMatches>>;
  /** Searches the library (tickets, conclusions, findings, templates, pinned lines): fuzzy, prefix, Chinese. */
  searchLibrary(request: { query: string; limit?: number }): Promise<ApiResult<LibraryHit[]>>;
  /**
   * Every case of the library, newest first, and the folder it is kept in (null: the engine has
   * none); `problems` names each library file that did not load (skipped, left on disk).
   */
  libraryCases(
    request: Record<string, never>,
  ): Promise<ApiResult<{ dir: string | null; cases: LibraryRef[]; problems?: string[] }>>;
  /** Removes one case from the library (its saved notes stay); `removed` is false when it was not there. */
  deleteLibraryCase(request: { key: string }): Promise<ApiResult<{ removed: boolean }>>;
  /** The library as one `tarsier.library/1` JSON file, redacted as asked (secrets by default). */
  exportLibrary(request: LibraryExportRequest): Promise<ApiResult<{ fileName: string; text: string; cases: number }>>;
  /**
   * Adds the cases of an exported library file (parsed JSON): a case already kept is replaced
   * when the file's copy is newer. Refuses a file that is not `tarsier.library/1`; a bad case is
   * left out and named in `problems`, the rest come in.
   */
  importLibrary(request: { library: unknown }): Promise<ApiResult<LibraryImport>>;
  /**
   * How many past cases of the library (their templates and pinned lines) a query matches: the
   * rule dialog's live count. With `caseId`, that open case's own entry is not counted.
   */
  libraryQueryMatches(request: { query: string; caseId?: string }): Promise<ApiResult<LibraryQueryMatches>>;
}

/** What to mask in an exported library (shared/redact). */
export interface LibraryExportRequest {
  redactSecrets?: boolean;
  redactNetwork?: boolean;
}

/** What `importLibrary` did: cases added, cases replaced by a newer copy, and each left out with why. */
export interface LibraryImport {
  added: number;
  updated: number;
  problems: string[];
}

/**
 * Compares two open cases: A is `caseId`, B is `otherCaseId`. With `rangeA` / `rangeB` (epoch ms,
 * both ends included) a side is summarised over that time range only; `otherCaseId` may then be
 * `caseId` (two periods of one case).
 */
export interface CompareCasesRequest {
  caseId: string;
  otherCaseId: string;
  align: CompareAlignment;
  rangeA?: CompareRange;
  rangeB?: CompareRange;
}

/** Every method of {@link AnalyzerApi}; the compiler checks the list is complete. */
export const API_METHODS = [
  'openCase',
  'openDemo',
  'caseStatus',
  'inventory',
  'cancelCase',
  'closeCase',
  'overview',
  'search',
  'events',
  'trace',
  'histogram',
  'patterns',
  'fileLines',
  'lineEvent',
  'exportReport',
  'caseState',
  'saveCaseState',
  'savedCases',
  'preferences',
  'savePreferences',
  'tryFormat',
  'saveFormat',
  'userFormats',
  'deleteFormat',
  'saveRule',
  'userRules',
  'deleteRule',
  'importRules',
  'reopenCase',
  'forgetCase',
  'compareCases',
  'libraryMatches',
  'searchLibrary',
  'libraryCases',
  'deleteLibraryCase',
  'exportLibrary',
  'importLibrary',
  'libraryQueryMatches',
] as const satisfies readonly (keyof AnalyzerApi)[];
type Missing = Exclude<keyof AnalyzerApi, (typeof API_METHODS)[number]>;
const complete: Missing extends never ? true : never = true;
void complete;

/** One method name. */
export type ApiMethod = (typeof API_METHODS)[number];

/** The IPC channel of a method. */
export const channelOf = (method: ApiMethod): string => `tarsier:${method}`;
/** The HTTP route of a method on the `serve` bridge. */
export const routeOf = (method: ApiMethod): string => `/api/${method}`;

/** Checks that a name is an API method. */
export function isApiMethod(name: string): name is ApiMethod {
  return (API_METHODS as readonly string[]).includes(name);
}

export { MAX_PAGE_LINES, validateRequest } from './apiRequests.ts';
