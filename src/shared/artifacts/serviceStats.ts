/**
 * Reads the statistics a Cloudpods service answers on `/worker_stats`, `/db_stats` and `/stats`,
 * as saved in a bundle. Keys are matched without regard to case, `_`, `-` and `.`, so the Go
 * field names (`MaxOpenConnections`) and their snake_case tags (`max_open_connections`) are one.
 * The JSON is walked recursively, so each shape may sit at the top, under any key or in a list.
 *
 * Accepted shapes:
 *
 * - worker pools (`/worker_stats`): objects with `name` and at least two of `queue_cnt`,
 *   `active_worker_cnt`, `max_worker_cnt` (also read: `backlog`, `detach_worker_cnt`), usually
 *   `{"workers": [{"name", "queue_cnt", "active_worker_cnt", "max_worker_cnt", "backlog",
 *   "detach_worker_cnt", "allow_overflow", "db_worker"}]}`;
 * - databases (`/db_stats`, Go `sql.DBStats`): objects with `max_open_connections` and
 *   `open_connections` (also `in_use`, `idle`, `wait_count`, `wait_duration` in nanoseconds or as a
 *   Go duration string such as `"1.5s"`), Cloudpods nesting them as `{"db_stats": {…}}`; the name
 *   is the object's `name`/`db`/`database`, else the key it sits under;
 * - API paths (`/stats`): objects with a `path`/`url`/`uri` and a count. Cloudpods writes
 *   `{"paths": [{"method", "path", "name", "hit.2XX", "duration.2XX", "hit.4XX", "duration.4XX",
 *   "hit.5XX", "duration.5XX"}], …totals}` (durations are total milliseconds per class): count
 *   is the sum of hits, the average the summed durations over it, errors the 5XX hits. Other
 *   writers: count from `hit_count`/`count`/`request_count`/`total_count`/`hits`, average from
 *   `avg_duration`/`avg_ms` (ms) or `duration` (total ms, divided by the count), errors from
 *   `status_5xx`/`error_count`/`failed_count`/`errors` or a map of status codes (5xx summed).
 */
import type { ApiPathStats, ArtifactSource, DbStats, ServiceStats, WorkerPoolStats } from './artifactModel.ts';

type JsonObject = Record<string, unknown>;

const MAX_DEPTH = 16;
const MAX_NODES = 200_000;
// Keys that hold a database's stats without naming the database.
const GENERIC_KEYS = new Set(['dbstats', 'data', 'stats', 'databases', 'dbs', 'result', '']);
const CLASS_HIT = /^hit(\d)xx$/;
const CLASS_DURATION = /^duration(\d)xx$/;
const GO_DURATION_PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g;
const GO_DURATION = /^[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/;
const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object's fields under normalised keys (`hit.2XX` → `hit2xx`, `InUse` → `inuse`). */
function normalise(record: JsonObject): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  for (const [key, value] of Object.entries(record)) {
    const name = key.toLowerCase().replace(/[-_.\s]/g, '');
    if (!fields.has(name)) fields.set(name, value);
  }
  return fields;
}

function numberOf(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+(?:\.\d+)?$/.test(value.trim())) return Number(value);
  return null;
}

function firstNumber(fields: Map<string, unknown>, names: readonly string[]): number | null {
  for (const name of names) {
    const value = numberOf(fields.get(name));
    if (value !== null) return value;
  }
  return null;
}

function firstString(fields: Map<string, unknown>, names: readonly string[]): string | null {
  for (const name of names) {
    const value = fields.get(name);
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return null;
}

/** Milliseconds of a `sql.DBStats.WaitDuration`: nanoseconds as a number, or a Go duration string. */
function durationMs(value: unknown): number | null {
  if (typeof value === 'string' && GO_DURATION.test(value.trim())) {
    let total = 0;
    for (const part of value.trim().matchAll(GO_DURATION_PART)) total += Number(part[1]) * (UNIT_MS[part[2]] ?? 0);
    return value.trim().startsWith('-') ? -total : total;
  }
  const nanoseconds = numberOf(value);
  return nanoseconds === null ? null : nanoseconds / 1e6;
}

function readWorkerPool(fields: Map<string, unknown>): WorkerPoolStats | null {
  const name = firstString(fields, ['name']);
  const active = firstNumber(fields, ['activeworkercnt']);
  const max = firstNumber(fields, ['maxworkercnt']);
  const queue = firstNumber(fields, ['queuecnt']);
  if (name === null || [active, max, queue].filter((value) => value !== null).length < 2) return null;
  return {
    name,
    active: active ?? 0,
    max: max ?? 0,
    queue: queue ?? 0,
    backlog: firstNumber(fields, ['backlog']),
    detached: firstNumber(fields, ['detachworkercnt']),
  };
}

function readDatabase(fields: Map<string, unknown>, key: string): DbStats | null {
  const maxOpen = firstNumber(fields, ['maxopenconnections']);
  const open = firstNumber(fields, ['openconnections']);
  if (maxOpen === null || open === null) return null;
  const normalisedKey = key.toLowerCase().replace(/[-_.\s]/g, '');
  const name =
    firstString(fields, ['name', 'db', 'database', 'dbname']) ?? (GENERIC_KEYS.has(normalisedKey) ? null : key);
  return {
    name,
    maxOpen,
    open,
    inUse: firstNumber(fields, ['inuse']) ?? 0,
    idle: firstNumber(fields, ['idle']),
    waitCount: firstNumber(fields, ['waitcount']),
    waitDurationMs: fields.has('waitduration') ? durationMs(fields.get('waitduration')) : null,
  };
}

/** Sum of the 5xx entries of a status-code map (`{"200": 10, "502": 3}`, `{"5xx": 3}`). */
function serverErrors(codes: unknown): number | null {
  if (!isObject(codes)) return null;
  let sum = 0;
  let seen = false;
  for (const [code, count] of Object.entries(codes)) {
    const value = numberOf(count);
    if (value === null || !/^5(?:\d\d|xx)$/i.test(code.trim())) continue;
    sum += value;
    seen = true;
  }
  return seen ? sum : Object.keys(codes).some((code) => /^\d{3}$/.test(code.trim())) ? 0 : null;
}

function readApiPath(fields: Map<string, unknown>): ApiPathStats | null {
  const path = firstString(fields, ['path', 'url', 'uri']);
  if (path === null) return null;
  const classHits = new Map<string, number>();
  const classDurations = new Map<string, number>();
  for (const [key, value] of fields) {
    const hit = CLASS_HIT.exec(key);
    const duration = CLASS_DURATION.exec(key);
    const number = numberOf(value);
    if (number === null) continue;
    if (hit) classHits.set(hit[1], number);
    else if (duration) classDurations.set(duration[1], number);
  }
  const count =
    firstNumber(fields, ['hitcount', 'count', 'requestcount', 'totalcount', 'hits']) ??
    (classHits.size > 0 ? [...classHits.values()].reduce((a, b) => a + b, 0) : null);
  if (count === null) return null;
  let avgMs = firstNumber(fields, ['avgduration', 'avgms', 'averagems', 'meanms']);
  if (avgMs === null && count > 0) {
    const total =
      firstNumber(fields, ['duration']) ??
      (classDurations.size > 0 ? [...classDurations.values()].reduce((a, b) => a + b, 0) : null);
    avgMs = total === null ? null : total / count;
  }
  let errors = firstNumber(fields, ['status5xx', 'errorcount', 'failedcount', 'errors']) ?? classHits.get('5') ?? null;
  if (errors === null)
    errors = serverErrors(
      fields.get('status') ?? fields.get('statuscodes') ?? fields.get('codes') ?? fields.get('statuses'),
    );
  return { method: firstString(fields, ['method']), path, count, avgMs, errors };
}

/**
 * Reads a Cloudpods `/worker_stats`, `/db_stats` or `/stats` answer (or several in one JSON; the
 * accepted shapes are listed at the top of this file). `source` is where the JSON starts. Null
 * when the text is not JSON or none of the three shapes is in it; never throws.
 */
export function parseServiceStats(text: string, source: ArtifactSource, service: string | null): ServiceStats | null {
  let root: unknown;
  try {
    root = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return null;
  }
  const result: ServiceStats = { source: { ...source }, service, api: [], workers: [], databases: [] };
  let nodes = 0;
  const walk = (value: unknown, key: string, depth: number): void => {
    if (depth > MAX_DEPTH || ++nodes > MAX_NODES) return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, key, depth + 1);
      return;
    }
    if (!isObject(value)) return;
    const fields = normalise(value);
    const worker = readWorkerPool(fields);
    const database = worker ? null : readDatabase(fields, key);
    const api = worker || database ? null : readApiPath(fields);
    if (worker) result.workers.push(worker);
    if (database) result.databases.push(database);
    if (api) result.api.push(api);
    // A recognised object is a leaf: its nested values are its own details, not more stats.
    if (worker || database || api) return;
    for (const [childKey, child] of Object.entries(value))
      if (typeof child === 'object' && child !== null) walk(child, childKey, depth + 1);
  };
  walk(root, '', 0);
  return result.api.length + result.workers.length + result.databases.length === 0 ? null : result;
}
