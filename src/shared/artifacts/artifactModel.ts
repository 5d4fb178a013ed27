/**
 * What Tarsier reads out of non-log files and of blocks embedded in logs: goroutine dumps,
 * `kubectl get pods` tables, version output and Cloudpods `/stats`, `/db_stats`,
 * `/worker_stats` JSON. The parsers are pure; the engine says where each block was found.
 */

/** Where an artifact was found: bundle path and 1-based line of its first line. */
export interface ArtifactSource {
  path: string;
  line: number;
}

/** One group of goroutines with an identical stack. */
export interface GoroutineGroup {
  /** Goroutines in the group (the `N @` count of a profile, or how many blocks shared the stack). */
  count: number;
  /** Wait state (`chan receive`, `select`, `IO wait`, `running`…); null in the profile form, which does not say. */
  state: string | null;
  /** Longest wait in minutes among the group (`[chan receive, 315 minutes]`); null when none was printed. */
  waitMinutes: number | null;
  /** Function names, innermost first (`main.sleepLoop`, `net/http.(*conn).serve`), arguments and offsets removed. */
  frames: string[];
  /** The innermost frame outside the Go runtime and the sync/time primitives (`runtime.`, `internal/`, `sync.`, `time.Sleep`), or the first frame. */
  topFrame: string;
  /** The `created by` function, when printed. */
  createdBy: string | null;
  /** Up to 5 goroutine ids of the group (traceback form only). */
  sampleIds: number[];
}

/** Something in a dump worth a second look. */
export interface GoroutineSuspicion {
  /** `pile-up`: many goroutines parked on the same frame; `long-wait`: blocked for a long time. */
  kind: 'pile-up' | 'long-wait';
  frame: string;
  count: number;
  waitMinutes: number | null;
  state: string | null;
}

/** One goroutine dump. */
export interface GoroutineDump {
  source: ArtifactSource;
  /** `profile`: `goroutine profile: total N` with `N @ 0x…` groups (pprof debug=1); `traceback`: `goroutine N [state]:` blocks (debug=2, SIGQUIT, panics). */
  form: 'profile' | 'traceback';
  /** The declared total (`total 83`) or, when none, the goroutines counted. */
  total: number;
  /** Goroutines actually present in the text (a dump may be cut short). */
  counted: number;
  /** Groups, largest first. */
  groups: GoroutineGroup[];
  /** Goroutines per state (traceback form), most first. */
  states: { state: string; count: number }[];
  longestWaitMinutes: number | null;
  suspicious: GoroutineSuspicion[];
  /** Lines the block spans (first … last, 1-based, inclusive). */
  lastLine: number;
}

/** One row of a `kubectl get pods` table. */
export interface PodRow {
  namespace: string | null;
  name: string;
  ready: number;
  containers: number;
  status: string;
  restarts: number;
  /** `AGE` as printed (`10h`, `34d`). */
  age: string;
  /** 1-based line of the row. */
  line: number;
}

/** A `kubectl get pods` table. */
export interface PodsTable {
  source: ArtifactSource;
  pods: PodRow[];
  /** Rows whose status is a problem: not Running or Completed/Succeeded, nor terminating, nor starting for under 10 minutes. */
  notRunning: PodRow[];
  /** Running rows with fewer ready containers than containers. */
  notReady: PodRow[];
  lastLine: number;
}

/** A service's version output (`region -v`, `/version`) or a version found in a file name. */
export interface VersionInfo {
  source: ArtifactSource;
  /** The service it belongs to, when known (the file's component, or the binary that printed it). */
  service: string | null;
  gitVersion: string | null;
  gitBranch: string | null;
  gitCommit: string | null;
  buildDate: string | null;
  goVersion: string | null;
  platform: string | null;
  /** `file-name` when read from a name like `porter-3.2.1.tar.gz`. */
  from: 'output' | 'file-name';
}

/** One API path of a `/stats` answer. */
export interface ApiPathStats {
  method: string | null;
  path: string;
  count: number;
  /** Average duration in milliseconds, when it can be known. */
  avgMs: number | null;
  /** Requests answered with 5xx (or counted as errors), when given. */
  errors: number | null;
}

/** One goroutine pool of a `/worker_stats` answer. */
export interface WorkerPoolStats {
  name: string;
  active: number;
  max: number;
  queue: number;
  backlog: number | null;
  detached: number | null;
}

/** One database of a `/db_stats` answer (Go `sql.DBStats`). */
export interface DbStats {
  name: string | null;
  maxOpen: number;
  open: number;
  inUse: number;
  idle: number | null;
  waitCount: number | null;
  waitDurationMs: number | null;
}

/** What a Cloudpods stats JSON said (one file may carry any of the three). */
export interface ServiceStats {
  source: ArtifactSource;
  service: string | null;
  api: ApiPathStats[];
  workers: WorkerPoolStats[];
  databases: DbStats[];
}

/** Everything the artifact readers found in a case. */
export interface CaseArtifacts {
  goroutines: GoroutineDump[];
  pods: PodsTable[];
  versions: VersionInfo[];
  stats: ServiceStats[];
}

/** An empty {@link CaseArtifacts}. */
export function emptyArtifacts(): CaseArtifacts {
  return { goroutines: [], pods: [], versions: [], stats: [] };
}
