/**
 * Reading stops before memory runs out: no input may make Tarsier die with "JavaScript heap out
 * of memory". The guard is asked as bytes are read; once the heap nears its limit (or the process
 * nears the machine's memory), it says so, the bundle is read no further, and what was read is
 * kept and indexed — the reason listed, naming the figures, so the engineer knows what is missing.
 */
import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';

/** Asked while reading: null while there is room, else why reading must stop. */
export interface MemoryGuard {
  short(): string | null;
}

/** What the guard measures (injectable for tests). */
export interface MemoryFigures {
  heapUsed: number;
  heapLimit: number;
  rss: number;
  machine: number;
}

const measure = (): MemoryFigures => ({
  heapUsed: getHeapStatistics().used_heap_size,
  heapLimit: getHeapStatistics().heap_size_limit,
  rss: process.memoryUsage.rss(),
  machine: totalmem(),
});

const gib = (bytes: number): string =>
  bytes < 2 ** 30 ? `${Math.round(bytes / 2 ** 20)} MiB` : `${(bytes / 2 ** 30).toFixed(1)} GiB`;

/**
 * A guard over this process: short once the heap passes `heapFraction` of its limit (0.4 by
 * default: after reading, sealing the index holds the segments and their merge at once), or the resident size passes
 * `machineFraction` of the machine's memory. Measures at most every `everyMs`.
 */
export function memoryGuard(
  options: { heapFraction?: number; machineFraction?: number; everyMs?: number; figures?: () => MemoryFigures } = {},
): MemoryGuard {
  const heapFraction = options.heapFraction ?? 0.4;
  const machineFraction = options.machineFraction ?? 0.85;
  const everyMs = options.everyMs ?? 50;
  const figures = options.figures ?? measure;
  let last = -Infinity;
  let verdict: string | null = null;
  return {
    short() {
      if (verdict !== null) return verdict;
      const now = Date.now();
      if (now - last < everyMs) return null;
      last = now;
      const f = figures();
      if (f.heapUsed > heapFraction * f.heapLimit) {
        verdict = `memory short: the heap holds ${gib(f.heapUsed)} of its ${gib(f.heapLimit)} limit`;
      } else if (f.rss > machineFraction * f.machine) {
        verdict = `memory short: Tarsier uses ${gib(f.rss)} of the machine's ${gib(f.machine)}`;
      }
      return verdict;
    },
  };
}
