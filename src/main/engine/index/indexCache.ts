/**
 * An on-disk cache of a case's complete index, so that opening a bundle again loads the index
 * (read at disk speed) instead of reading and indexing the bundle again.
 *
 * - Key: {@link bundleFingerprint} — each input file's real path, size, modification time and
 *   inode, the zone, and the engine's version (cache format, limits, formats and component
 *   table, the built engine code). Any change gives another key; an old entry is never reused.
 * - Entry: the folder `<dir>/<key>/`. A case being read spools its text straight into it
 *   ({@link cacheEntryDir}); once it is indexed, `index.tidx` (laid out as described in
 *   indexCacheFormat.ts) is written to a temporary name and renamed, so an entry without it is
 *   unfinished. The index names the spool files it needs and their sizes.
 * - Loading never throws: a missing, truncated, damaged or other-version entry comes back as a
 *   typed error (the caller deletes it and reads the bundle as usual).
 * - Eviction: after each save the folder is kept under a byte budget by deleting the least
 *   recently used entries (modification time of `index.tidx`; a load touches it), and
 *   unfinished entries older than an hour (a crash, a kill).
 *
 * Nothing here reads or writes next to the bundle: the bundle is only stat'ed.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, open, readdir, realpath, rename, rm, stat, utimes, type FileHandle } from 'node:fs/promises';
import { endianness } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import type { Inventory } from '../../../shared/api.ts';
import { DEFAULT_LIMITS } from '../platform/limits.ts';
import { resourcesDir } from '../platform/resources.ts';
import { pidAlive } from '../platform/tempSpace.ts';
import { CaseIndex, type IndexedFile } from './caseIndex.ts';
import { CasePostings, type SegmentPostings } from './casePostings.ts';
import {
  checkMeta,
  CorruptCache,
  decodeHeader,
  encodeHeader,
  FORMAT_VERSION,
  HEADER_BYTES,
  readExactly,
  SectionReader,
  SectionWriter,
  type Meta,
  type SegmentMeta,
  type TextMeta,
} from './indexCacheFormat.ts';
import { SpoolStore } from './spoolStore.ts';
import { normalizeTimeSettings, type FileTimeSetting } from '../../../shared/timeSettings.ts';

export { FORMAT_VERSION } from './indexCacheFormat.ts';

/** Default size of the cache folder. */
export const DEFAULT_CACHE_BUDGET_BYTES = 4 * 2 ** 30;
/** The index file of an entry. */
const INDEX_FILE = 'index.tidx';
/** An unfinished entry or a temporary file this old is left over from a crash and may go. */
const STALE_TEMP_MS = 60 * 60 * 1000;

/** Why a cache file could not be used. */
export interface IndexCacheError {
  kind: 'missing' | 'corrupt' | 'version' | 'incomplete' | 'io';
  message: string;
}

export type IndexCacheResult<T> = { ok: true; value: T } | { ok: false; error: IndexCacheError };

/** What a cache entry holds and gives back. */
export interface CachedCase {
  inventory: Inventory;
  index: CaseIndex;
}

const fail = <T>(kind: IndexCacheError['kind'], message: string): IndexCacheResult<T> => ({
  ok: false,
  error: { kind, message },
});

/** The entry folder of a key; keys are file-name safe by construction and checked here. */
export function cacheEntryDir(dir: string, key: string): string {
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(key)) throw new Error(`index cache: bad key ${JSON.stringify(key)}`);
  return join(dir, key);
}

/** Entry folders that open cases of this process read their text from: never evicted. */
const inUse = new Map<string, number>();

/** True when the entry of a key holds an index (complete or not: loading decides). */
export function cacheEntryExists(dir: string, key: string): boolean {
  return existsSync(join(cacheEntryDir(dir, key), INDEX_FILE));
}

/** Marks the entry as just used (eviction goes least recently used first), as a load does. Never throws. */
export async function touchCacheEntry(dir: string, key: string): Promise<void> {
  const now = new Date();
  await utimes(join(cacheEntryDir(dir, key), INDEX_FILE), now, now).catch(() => undefined);
}

/** Marks the entry of a key as read by an open case until the returned function is called. */
export function holdCacheEntry(dir: string, key: string): () => void {
  const entry = resolve(cacheEntryDir(dir, key));
  inUse.set(entry, (inUse.get(entry) ?? 0) + 1);
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    const n = (inUse.get(entry) ?? 1) - 1;
    if (n > 0) inUse.set(entry, n);
    else inUse.delete(entry);
  };
}

/** Creates the entry folder of a key (private to the user), for a case to spool into. */
export async function makeCacheEntry(dir: string, key: string): Promise<string> {
  const entry = cacheEntryDir(dir, key);
  await mkdir(entry, { recursive: true, mode: 0o700 });
  await sweepDeadFiles(entry);
  return entry;
}

// Files a read or a save writes, named with the writer's pid: spool text, the index being saved, a diagnosis being kept.
const WRITER_FILES = [/^spool-(\d+)-[0-9a-f]+-\d+\.txt$/, /\.tmp-(\d+)-[0-9a-f]+$/, /\.(\d+)\.\d+\.partial$/];

/**
 * Removes what a killed read or save left in an entry (hundreds of MB of spool text or a
 * half-written index): files whose writer's pid no longer runs. Never throws.
 */
export async function sweepDeadFiles(entry: string): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(entry).catch(() => [] as string[])) {
    const pid = WRITER_FILES.map((pattern) => pattern.exec(name)?.[1]).find((p) => p !== undefined);
    if (pid === undefined || pidAlive(Number(pid))) continue;
    await rm(join(entry, name), { force: true }).catch(() => undefined);
    removed.push(name);
  }
  return removed;
}

let engineVersionMemo: string | null = null;

/**
 * What, besides the bundle, decides the index: the cache format, the reading limits, the log
 * formats and the component table (resources), the time zone data, and — when running built —
 * the engine code itself (the bundled file of this module; it names its shared chunks by
 * content hash). Computed once per process (a few small files).
 */
export function engineVersion(): string {
  if (engineVersionMemo) return engineVersionMemo;
  const hash = createHash('sha256');
  hash.update(
    `format ${FORMAT_VERSION}\nlimits ${JSON.stringify(DEFAULT_LIMITS)}\ntz ${process.versions.tz ?? ''} ${process.versions.icu ?? ''}\n`,
  );
  const resources = resourcesDir();
  const formats = join(resources, 'formats');
  for (const name of readdirSync(formats)
    .filter((n) => n.endsWith('.json'))
    .sort())
    hash.update(`${name}\n`).update(readFileSync(join(formats, name)));
  hash.update(readFileSync(join(resources, 'components.json')));
  const self = fileURLToPath(import.meta.url);
  if (self.endsWith('.js')) hash.update(readFileSync(self));
  engineVersionMemo = hash.digest('hex');
  return engineVersionMemo;
}

/**
 * The cache key of a set of inputs read in `zone`, or null when they are not cacheable.
 *
 * Only regular files (archives, single logs) are cached. A folder is not: its own size and
 * modification time do not change when a file deep inside it is edited or appended to, so a
 * trustworthy fingerprint would have to stat every file in the tree — as much work as the walk
 * that reads it — and an extracted folder is usually still being looked at and changed.
 * Also null when an input cannot be stat'ed (reading it will say why).
 */
export async function bundleFingerprint(
  paths: readonly string[],
  options: {
    zone?: string;
    zoneRules?: readonly { glob: string; zone: string }[];
    yearRules?: readonly { glob: string; year: number }[];
    /** The engineer's per-file zone and year (shared/timeSettings.ts). */
    fileTimes?: Readonly<Record<string, FileTimeSetting>>;
    /** The hash of the user's formats (platform/userFormats.ts), absent when there are none. */
    userFormats?: string;
  } = {},
): Promise<string | null> {
  if (paths.length === 0) return null;
  const inputs: { path: string; size: string; mtimeNs: string; ino: string; dev: string }[] = [];
  try {
    for (const p of paths) {
      const real = await realpath(resolve(p));
      const s = await stat(real, { bigint: true });
      if (!s.isFile()) return null;
      inputs.push({
        path: real,
        size: String(s.size),
        mtimeNs: String(s.mtimeNs),
        ino: String(s.ino),
        dev: String(s.dev),
      });
    }
  } catch {
    return null;
  }
  const zone = options.zone ?? 'local';
  // 'local' means this machine's zone, which can change (travel, TZ).
  const fileTimes = normalizeTimeSettings({ zone, files: { ...options.fileTimes } }).files;
  const usesLocal =
    zone === 'local' ||
    (options.zoneRules ?? []).some((rule) => rule.zone === 'local') ||
    Object.values(fileTimes).some((setting) => setting.zone === 'local');
  const local = usesLocal ? `${process.env.TZ ?? ''}|${Intl.DateTimeFormat().resolvedOptions().timeZone}` : '';
  let engine: string;
  try {
    engine = engineVersion();
  } catch {
    return null;
  }
  return createHash('sha256')
    .update(
      JSON.stringify({
        format: FORMAT_VERSION,
        engine,
        endian: endianness(),
        zone,
        local,
        zoneRules: options.zoneRules ?? [],
        // Absent when none, so that the keys of entries read without them stay as they were.
        ...(options.yearRules && options.yearRules.length > 0 ? { yearRules: options.yearRules } : {}),
        ...(Object.keys(fileTimes).length > 0 ? { fileTimes } : {}),
        // Absent when none, so that the keys of entries read without user formats stay as they were.
        ...(options.userFormats ? { userFormats: options.userFormats } : {}),
        inputs,
      }),
    )
    .digest('hex');
}

/** Options of {@link saveIndexCache}. */
export interface SaveOptions {
  /** Byte budget of the folder, enforced after the save (default 4 GiB); null: no eviction. */
  budgetBytes?: number | null;
  /** Told each step of the write done (arrays and sections, then the metadata), of their total. */
  onStep?: (done: number, total: number) => void;
}

/** The steps of a save as `SaveOptions.onStep` counts them: 9 arrays, 7 sections of segments, the metadata. */
export const SAVE_STEPS = 17;

/**
 * Writes the index of a case whose spool files are in the entry folder of `key` to
 * `index.tidx` there (atomically: a temporary file, then a rename), then evicts old entries over
 * the budget. Never throws.
 */
export async function saveIndexCache(
  dir: string,
  key: string,
  indexed: CachedCase,
  options: SaveOptions = {},
): Promise<IndexCacheResult<{ path: string; bytes: number }>> {
  const { inventory, index } = indexed;
  let entry: string;
  try {
    entry = cacheEntryDir(dir, key);
  } catch (error) {
    return fail('io', (error as Error).message);
  }
  if (resolve(index.store.dir) !== resolve(entry))
    return fail('incomplete', `the case's text is in ${index.store.dir}, not in the cache entry ${entry}`);
  const target = join(entry, INDEX_FILE);
  const temp = `${target}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
  let handle: FileHandle | null = null;
  try {
    const spool: Meta['spool'] = [];
    for (const name of index.store.files) spool.push({ name, bytes: (await stat(join(entry, name))).size });
    handle = await open(temp, 'wx', 0o600);
    const bytes = await writeCache(handle, key, inventory, index, spool, options.onStep ?? (() => undefined));
    await handle.close();
    handle = null;
    await rename(temp, target);
    if (options.budgetBytes !== null)
      await evictIndexCache(dir, options.budgetBytes ?? DEFAULT_CACHE_BUDGET_BYTES, key);
    return { ok: true, value: { path: target, bytes } };
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    return fail('io', `cannot write ${target}: ${(error as Error).message}`);
  }
}

/** Whether a string needs two bytes per character. */
const WIDE = /[^\u0000-\u00ff]/;

async function writeCache(
  handle: FileHandle,
  key: string,
  inventory: Inventory,
  index: CaseIndex,
  spool: Meta['spool'],
  onStep: (done: number, total: number) => void,
): Promise<number> {
  const w = new SectionWriter(handle, HEADER_BYTES);
  const { events, timeline } = index;
  let steps = 0;
  const step = () => onStep(++steps, SAVE_STEPS);
  const arrays = {
    'events.file': events.file,
    'events.line': events.line,
    'events.lineCount': events.lineCount,
    'events.time': events.time,
    'events.level': events.level,
    'timeline.order': timeline.order,
    'timeline.rank': timeline.rank,
    'timeline.keys': timeline.keys,
    templateOf: index.templateOf,
  };
  for (const [name, array] of Object.entries(arrays)) {
    await w.array(name, array);
    step();
  }
  const postings = index.postings.segments;
  const texts: TextMeta[] = index.store.segments.map((t) => ({
    spool: t.spool,
    textStart: t.textStart,
    lines: t.lineOffsets.length - 1,
  }));
  const segments: SegmentMeta[] = postings.map((p) => ({
    base: p.base,
    terms: p.terms.offsets.length - 1,
    termChars: p.terms.text.length,
    termEncoding: WIDE.test(p.terms.text) ? 'utf16le' : 'latin1',
    postingBytes: p.postings.length,
    requests: p.requests.length,
  }));
  const section = async (name: string, count: number, each: (i: number) => ArrayBufferView) => {
    w.begin(name);
    for (let i = 0; i < count; i++) await w.write(each(i));
    w.end();
    step();
  };
  await section('texts.lineOffsets', texts.length, (i) => index.store.segments[i].lineOffsets);
  await section('segments.termOffsets', segments.length, (i) => postings[i].terms.offsets);
  await section('segments.termText', segments.length, (i) =>
    Buffer.from(postings[i].terms.text, segments[i].termEncoding),
  );
  await section('segments.postingOffsets', segments.length, (i) => postings[i].postingOffsets);
  await section('segments.counts', segments.length, (i) => postings[i].counts);
  await section('segments.postings', segments.length, (i) => postings[i].postings);
  await section('segments.requests', segments.length, (i) => postings[i].requests);

  const recordIndex = new Map(inventory.files.map((r, i) => [r, i]));
  const meta: Meta = {
    format: FORMAT_VERSION,
    key,
    zone: index.zone,
    inventory: {
      bundles: inventory.bundles,
      files: inventory.files,
      skipped: inventory.skipped,
      problems: inventory.problems,
    },
    files: index.files.map((f) => ({
      record: recordIndex.get(f.record) ?? -1,
      store: f.store,
      first: f.first,
      count: f.count,
      component: f.component,
    })),
    components: [...index.components],
    events: index.size,
    templates: index.patterns.map((p) => ({ id: p.id, text: p.text, tokens: p.tokens, count: p.count })),
    stats: index.indexStats,
    spool,
    texts,
    segments,
    sections: w.sections,
  };
  const metaOffset = w.position;
  const json = Buffer.from(JSON.stringify(meta), 'utf8');
  await w.write(json);
  await w.flush();
  const header = encodeHeader({
    version: FORMAT_VERSION,
    metaLength: json.length,
    metaCrc: crc32(json) >>> 0,
    metaOffset,
  });
  await handle.write(header, 0, header.length, 0);
  step();
  return metaOffset + json.length;
}

/**
 * Loads the entry of `key` as a ready, fully indexed case and marks it recently used. Never
 * throws: every problem is a typed error (`missing` when there is no such entry).
 */
export async function loadIndexCache(dir: string, key: string): Promise<IndexCacheResult<CachedCase>> {
  let entry: string;
  try {
    entry = cacheEntryDir(dir, key);
  } catch (error) {
    return fail('missing', (error as Error).message);
  }
  const path = join(entry, INDEX_FILE);
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? fail('missing', `no cache entry ${path}`)
      : fail('io', `cannot open ${path}: ${code ?? (error as Error).message}`);
  }
  try {
    const loaded = await readCache(handle, key, entry);
    const now = new Date();
    await utimes(path, now, now).catch(() => undefined);
    return { ok: true, value: loaded };
  } catch (error) {
    if (error instanceof CorruptCache)
      return fail(error.message.startsWith('version:') ? 'version' : 'corrupt', `${path}: ${error.message}`);
    if ((error as NodeJS.ErrnoException).code) return fail('io', `${path}: ${(error as Error).message}`);
    // Anything else (a JSON shape the checks missed, a bad value deep inside) is damage too.
    return fail('corrupt', `${path}: ${(error as Error).message}`);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

async function readCache(handle: FileHandle, key: string, entry: string): Promise<CachedCase> {
  if (endianness() !== 'LE') throw new CorruptCache('this machine is big-endian; cache files are little-endian');
  const { size } = await handle.stat();
  if (size < HEADER_BYTES) throw new CorruptCache(`truncated: ${size} bytes, shorter than the header`);
  const head = Buffer.alloc(HEADER_BYTES);
  await readExactly(handle, head, 0);
  const header = decodeHeader(head);
  if (typeof header === 'string') throw new CorruptCache(header);
  if (header.metaOffset < HEADER_BYTES || header.metaOffset + header.metaLength !== size) {
    throw new CorruptCache(
      `truncated or overlong: metadata at ${header.metaOffset} + ${header.metaLength} bytes, file has ${size}`,
    );
  }
  const json = Buffer.allocUnsafe(header.metaLength);
  await readExactly(handle, json, header.metaOffset);
  if (crc32(json) >>> 0 !== header.metaCrc) throw new CorruptCache('metadata is damaged (checksum)');
  const meta = JSON.parse(json.toString('utf8')) as Meta;
  checkMeta(meta, key);
  for (const f of meta.spool) {
    let bytes: number;
    try {
      bytes = (await stat(join(entry, f.name))).size;
    } catch {
      throw new CorruptCache(`spool file ${f.name} is missing`);
    }
    if (bytes !== f.bytes)
      throw new CorruptCache(`spool file ${f.name} has ${bytes} bytes, the index expects ${f.bytes}`);
  }
  const r = new SectionReader(handle, meta.sections, header.metaOffset);
  const n = meta.events;
  const events = {
    file: await r.array('events.file', Uint32Array, n),
    line: await r.array('events.line', Uint32Array, n),
    lineCount: await r.array('events.lineCount', Uint32Array, n),
    time: await r.array('events.time', Float64Array, n),
    level: await r.array('events.level', Uint8Array, n),
  };
  const timeline = {
    order: await r.array('timeline.order', Uint32Array, n),
    rank: await r.array('timeline.rank', Uint32Array, n),
    keys: await r.array('timeline.keys', Float64Array, n),
  };
  const templateOf = await r.array('templateOf', Uint32Array, n);
  const sum = (f: (g: SegmentMeta) => number) => meta.segments.reduce((a, g) => a + f(g), 0);
  const lineOffsets = await r.array(
    'texts.lineOffsets',
    Float64Array,
    meta.texts.reduce((a, t) => a + t.lines + 1, 0),
  );
  const termOffsets = await r.array(
    'segments.termOffsets',
    Uint32Array,
    sum((g) => g.terms + 1),
  );
  const termText = await r.array(
    'segments.termText',
    Uint8Array,
    sum((g) => g.termChars * (g.termEncoding === 'latin1' ? 1 : 2)),
  );
  const postingOffsets = await r.array(
    'segments.postingOffsets',
    Uint32Array,
    sum((g) => g.terms + 1),
  );
  const counts = await r.array(
    'segments.counts',
    Uint32Array,
    sum((g) => g.terms),
  );
  const postingData = await r.array(
    'segments.postings',
    Uint8Array,
    sum((g) => g.postingBytes),
  );
  const requests = await r.array(
    'segments.requests',
    Uint32Array,
    sum((g) => g.requests),
  );
  let lineAt = 0;
  const texts = meta.texts.map((t) => {
    const text = {
      spool: t.spool,
      textStart: t.textStart,
      lineOffsets: lineOffsets.subarray(lineAt, lineAt + t.lines + 1),
    };
    if (t.textStart + text.lineOffsets[t.lines] > meta.spool[t.spool].bytes)
      throw new CorruptCache('the text of a file lies outside its spool file');
    lineAt += t.lines + 1;
    return text;
  });
  const text = Buffer.from(termText.buffer, termText.byteOffset, termText.byteLength);
  const at = { terms: 0, counts: 0, text: 0, postings: 0, requests: 0 };
  const segments = meta.segments.map((g): SegmentPostings => {
    const textBytes = g.termChars * (g.termEncoding === 'latin1' ? 1 : 2);
    const segment = {
      base: g.base,
      terms: {
        text: text.toString(g.termEncoding, at.text, at.text + textBytes),
        offsets: termOffsets.subarray(at.terms, at.terms + g.terms + 1),
      },
      postingOffsets: postingOffsets.subarray(at.terms, at.terms + g.terms + 1),
      counts: counts.subarray(at.counts, at.counts + g.terms),
      postings: postingData.subarray(at.postings, at.postings + g.postingBytes),
      requests: requests.subarray(at.requests, at.requests + g.requests),
    };
    if (segment.terms.offsets[g.terms] !== g.termChars || segment.postingOffsets[g.terms] !== g.postingBytes)
      throw new CorruptCache('the offsets of a segment do not match its data');
    if (g.base > n) throw new CorruptCache('a segment starts past the last event');
    at.terms += g.terms + 1;
    at.counts += g.terms;
    at.text += textBytes;
    at.postings += g.postingBytes;
    at.requests += g.requests;
    return segment;
  });
  const inventory = meta.inventory;
  const files: IndexedFile[] = meta.files.map((f) => {
    const record = inventory.files[f.record];
    if (!record) throw new CorruptCache(`file table names record ${String(f.record)} of ${inventory.files.length}`);
    if (f.store >= texts.length || f.first + f.count > n)
      throw new CorruptCache(`file ${record.path}: store or event range out of bounds`);
    return { record, store: f.store, first: f.first, count: f.count, component: f.component };
  });
  for (let e = 0; e < n; e++) {
    if (events.file[e] >= files.length || templateOf[e] >= meta.templates.length || timeline.order[e] >= n)
      throw new CorruptCache(`event ${e} points out of bounds`);
  }
  const postings = new CasePostings(segments);
  const store = new SpoolStore(
    entry,
    meta.spool.map((f) => f.name),
    texts,
  );
  const index = new CaseIndex(
    files,
    meta.components,
    events,
    store,
    timeline,
    meta.zone,
    postings,
    templateOf,
    meta.templates,
    meta.stats,
  );
  return { inventory, index };
}

/**
 * Deletes the entry of a key at once, unless an open case of this process still reads it (a case
 * opened again right after). Synchronous: a removal still running when the next read spools into
 * the same folder would take that read's text with it. Never throws.
 */
export function dropUnheldEntry(dir: string, key: string): void {
  const entry = resolve(cacheEntryDir(dir, key));
  if (inUse.has(entry)) return;
  try {
    rmSync(entry, { recursive: true, force: true });
  } catch {
    // Eviction removes it in time.
  }
}

/** Deletes the entry of a key (a bad one, typically). Never throws. */
export async function removeIndexCache(dir: string, key: string): Promise<void> {
  try {
    await rm(cacheEntryDir(dir, key), { recursive: true, force: true });
  } catch {
    // Nothing to do: the next save replaces it, eviction removes it in time.
  }
}

/**
 * Deletes least recently used entries (oldest `index.tidx` first) until the folder's entries add
 * up to at most `budgetBytes`, and unfinished entries left by a crash; `keep` is never deleted.
 * Never throws; returns the names removed.
 */
export async function evictIndexCache(dir: string, budgetBytes: number, keep: string | null = null): Promise<string[]> {
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return removed;
  }
  const entries: { name: string; bytes: number; mtimeMs: number }[] = [];
  let kept = 0;
  const now = Date.now();
  for (const name of names) {
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(name)) continue;
    const path = join(dir, name);
    // An open case reads its text from here: it counts, but it stays.
    const held = inUse.has(resolve(path));
    try {
      const s = await stat(path);
      if (!s.isDirectory()) continue;
      let bytes = 0;
      let newest = 0;
      for (const file of await readdir(path)) {
        const f = await stat(join(path, file));
        bytes += f.size;
        newest = Math.max(newest, f.mtimeMs);
      }
      if (name === keep || held) {
        kept += bytes;
        continue;
      }
      const index = await stat(join(path, INDEX_FILE)).catch(() => null);
      if (!index) {
        // Unfinished: being written now, or left by a crash.
        if (now - (newest || s.mtimeMs) > STALE_TEMP_MS && (await remove(path))) removed.push(name);
        continue;
      }
      entries.push({ name, bytes, mtimeMs: index.mtimeMs });
    } catch {
      // Gone meanwhile (another process evicting): nothing to count.
    }
  }
  entries.sort((a, b) => a.mtimeMs - b.mtimeMs || (a.name < b.name ? -1 : 1));
  let total = kept + entries.reduce((a, f) => a + f.bytes, 0);
  for (const f of entries) {
    if (total <= budgetBytes) break;
    if (await remove(join(dir, f.name))) removed.push(f.name);
    total -= f.bytes;
  }
  return removed;
}

async function remove(path: string): Promise<boolean> {
  try {
    await rm(path, { recursive: true, force: true });
    return true;
  } catch {
    return false;
  }
}
