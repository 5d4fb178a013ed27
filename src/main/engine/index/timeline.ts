/**
 * The merged timeline: every event of every file in one time order, by k-way merge of the
 * files (each file keeps its own line order, as a log reader expects; files interleave by time).
 * Events before a file's first timestamp sort with that timestamp; files without any time go
 * last, in reading order.
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
  /** Sort key of each position (time, or the substitute described above), nondecreasing within each file. */
  keys: Float64Array;
}

/** Merges the files' events (times in `time`, NaN for none) into one order. */
export function mergeTimeline(runs: readonly FileRun[], time: Float64Array): Timeline {
  const total = time.length;
  const key = new Float64Array(total);
  for (const run of runs) {
    let firstTime = Number.POSITIVE_INFINITY;
    for (let e = run.first; e < run.first + run.count; e++) {
      if (!Number.isNaN(time[e])) {
        firstTime = time[e];
        break;
      }
    }
    for (let e = run.first; e < run.first + run.count; e++) key[e] = Number.isNaN(time[e]) ? firstTime : time[e];
  }

  // Binary min-heap of run indices, ordered by (key of the run's next event, run index).
  const next = new Uint32Array(runs.length);
  const heap: number[] = [];
  const less = (a: number, b: number) => {
    const ka = key[runs[a].first + next[a]];
    const kb = key[runs[b].first + next[b]];
    return ka < kb || (ka === kb && a < b);
  };
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l], heap[m])) m = l;
      if (r < heap.length && less(heap[r], heap[m])) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  runs.forEach((run, i) => {
    if (run.count > 0) heap.push(i);
  });
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(i);

  const order = new Uint32Array(total);
  const keys = new Float64Array(total);
  let position = 0;
  while (heap.length > 0) {
    const r = heap[0];
    const run = runs[r];
    // Take events from this run while it stays ahead of the runner-up (cheap for sorted files).
    const second = heap.length > 1 ? (heap.length > 2 && less(heap[2], heap[1]) ? heap[2] : heap[1]) : -1;
    do {
      const e = run.first + next[r];
      order[position] = e;
      keys[position++] = key[e];
      next[r]++;
    } while (next[r] < run.count && (second < 0 || less(r, second)));
    if (next[r] === run.count) {
      const last = heap.pop()!;
      if (heap.length > 0) {
        heap[0] = last;
        siftDown(0);
      }
    } else {
      siftDown(0);
    }
  }
  const rank = new Uint32Array(total);
  for (let p = 0; p < total; p++) rank[order[p]] = p;
  return { order, rank, keys };
}

/** The first position whose key is ≥ `time` (keys are nearly sorted; exact where files agree). */
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
