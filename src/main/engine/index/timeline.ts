/**
 * The merged timeline: every event of every file in one time order, stable for equal times
 * (then by file in reading order, then by line). Real files are not always in time order (a
 * late write, a clock step, lines of a retried task), so each file is cut into its sorted runs
 * — most files are one run, a file with a few lines out of place a few more — and neighbouring
 * runs are merged pass by pass: O(n log runs) over typed arrays, never a comparison sort of every
 * event. Built once when the case is sealed (and kept in the index cache); every page, search
 * and trace reads it. The file viewer keeps each file's own line order; only this list is by time.
 *
 * An event without a time of its own (a preamble before the file's first timestamp, a record
 * that carried none) stays with its file's neighbours: it sorts with the timed event before it
 * in its file, right after that event, or — before the file's first timestamp — with that first
 * timestamp, right before it. Files without any time go last, in reading order.
 */

/** One file's events: ids `first` … `first + count - 1`. */
export interface FileRun {
  first: number;
  count: number;
}

/** Timeline position ↔ event id, both ways. */
export interface Timeline {
  /** order[position] = event id. */
  order: Uint32Array;
  /** rank[event id] = position. */
  rank: Uint32Array;
  /** Sort key of each position (time, or the substitute described above), nondecreasing. */
  keys: Float64Array;
}

/**
 * Each event's sort key: its time, else the time of the timed event before it in its file,
 * else the file's first time; +∞ for the events of a file without any time.
 */
export function timelineKeys(runs: readonly FileRun[], time: Float64Array): Float64Array {
  const key = new Float64Array(time.length);
  for (const run of runs) {
    const end = run.first + run.count;
    let carried = Number.POSITIVE_INFINITY;
    for (let e = run.first; e < end; e++) {
      if (!Number.isNaN(time[e])) {
        carried = time[e];
        break;
      }
    }
    for (let e = run.first; e < end; e++) {
      if (!Number.isNaN(time[e])) carried = time[e];
      key[e] = carried;
    }
  }
  return key;
}

/** Merges the files' events (times in `time`, NaN for none) into one order. */
export function mergeTimeline(files: readonly FileRun[], time: Float64Array): Timeline {
  const total = time.length;
  const key = timelineKeys(files, time);

  // Event ids in reading order (files by their first id, then lines), cut into sorted runs: a
  // new run starts wherever a file starts or its key goes down.
  const inOrder = files.filter((f) => f.count > 0).sort((a, b) => a.first - b.first);
  let runCount = 0;
  for (const f of inOrder) {
    runCount++;
    for (let e = f.first + 1; e < f.first + f.count; e++) if (key[e] < key[e - 1]) runCount++;
  }
  let src = new Uint32Array(total);
  const bounds = new Uint32Array(runCount + 1);
  let p = 0;
  let r = 0;
  for (const f of inOrder) {
    bounds[r++] = p;
    src[p++] = f.first;
    for (let e = f.first + 1; e < f.first + f.count; e++) {
      if (key[e] < key[e - 1]) bounds[r++] = p;
      src[p++] = e;
    }
  }
  bounds[runCount] = p;

  // Bottom-up merge of neighbouring runs, log2(runs) passes over typed arrays. Ties go to the
  // left run, whose events were all read earlier: a stable sort by key, then file, then line.
  let dst = new Uint32Array(total);
  let runs = runCount;
  while (runs > 1) {
    let merged = 0;
    for (let i = 0; i < runs; i += 2) {
      const lo = bounds[i];
      const mid = bounds[i + 1];
      const hi = i + 2 <= runs ? bounds[i + 2] : mid;
      mergeRuns(key, src, dst, lo, mid, hi);
      bounds[merged++] = lo;
    }
    bounds[merged] = p;
    runs = merged;
    [src, dst] = [dst, src];
  }
  const order = src;
  const keys = new Float64Array(total);
  const rank = new Uint32Array(total);
  for (let q = 0; q < total; q++) {
    keys[q] = key[order[q]];
    rank[order[q]] = q;
  }
  return { order, rank, keys };
}

/** Merges src[lo, mid) and src[mid, hi), each sorted by key, into dst[lo, hi); ties from the left. */
function mergeRuns(key: Float64Array, src: Uint32Array, dst: Uint32Array, lo: number, mid: number, hi: number): void {
  if (mid === hi || key[src[mid - 1]] <= key[src[mid]]) {
    dst.set(src.subarray(lo, hi), lo);
    return;
  }
  let i = lo;
  let j = mid;
  let k = lo;
  let a = key[src[i]];
  let b = key[src[j]];
  for (;;) {
    if (b < a) {
      dst[k++] = src[j++];
      if (j === hi) break;
      b = key[src[j]];
    } else {
      dst[k++] = src[i++];
      if (i === mid) break;
      a = key[src[i]];
    }
  }
  if (i < mid) dst.set(src.subarray(i, mid), k);
  else if (j < hi) dst.set(src.subarray(j, hi), k);
}

/** The first position whose key is ≥ `time`. */
export function positionAtTime(keys: Float64Array, time: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
