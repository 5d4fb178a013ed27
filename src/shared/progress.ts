/**
 * The progress of each phase of opening a case, in a unit the phase can measure, and the time
 * left estimated from the rate measured in that phase — only once enough has been measured
 * (at least {@link ETA_MIN_MS} and {@link ETA_MIN_FRACTION}); before that, no estimate.
 */

/** The phases of opening a case, in the order they run. */
export const WORK_PHASES = ['reading', 'indexing', 'sealing', 'saving', 'diagnosing'] as const;
export type WorkPhase = (typeof WORK_PHASES)[number];

/**
 * What a phase counts: input bytes (reading), text bytes indexed by the threads (indexing),
 * steps of the seal, bytes of the cache entry written (saving), rules answered (diagnosing).
 */
export type WorkUnit = 'bytes' | 'steps' | 'rules';

/** Where the current phase stands. */
export interface WorkProgress {
  phase: WorkPhase;
  unit: WorkUnit;
  /** Done so far, never more than `total` and never less than before within the phase. */
  done: number;
  /** 0 when the phase does not know its total yet. */
  total: number;
  /** done / total, 0 when the total is unknown. */
  fraction: number;
  /** Time spent in this phase. */
  elapsedMs: number;
  /** Time left in this phase at the measured rate; null until enough is measured. */
  etaMs: number | null;
}

/** No time left is estimated before this much of a phase has run… */
export const ETA_MIN_MS = 2000;
/** …nor before this fraction of it is done. */
export const ETA_MIN_FRACTION = 0.05;

/** Time left at the rate measured so far, or null while too little is measured to say. */
export function estimateEta(done: number, total: number, elapsedMs: number): number | null {
  if (total <= 0 || done <= 0) return null;
  if (done >= total) return 0;
  if (elapsedMs < ETA_MIN_MS || done / total < ETA_MIN_FRACTION) return null;
  return Math.round((elapsedMs * (total - done)) / done);
}

/**
 * Measures one phase: each update gives what is done (and the total when it grew or became
 * known); the progress it returns never goes back and never passes the total.
 */
export class PhaseMeter {
  private done = 0;
  private total: number;
  private readonly started: number;

  constructor(
    readonly phase: WorkPhase,
    readonly unit: WorkUnit,
    total: number,
    now: number,
  ) {
    this.total = Math.max(0, total);
    this.started = now;
  }

  /** The phase's progress with `done` of `total` (default the total known) at `now`. */
  update(done: number, now: number, total: number = this.total): WorkProgress {
    this.total = Math.max(this.total, total);
    this.done = Math.max(this.done, Math.min(done, this.total));
    return this.at(now);
  }

  /** The phase is over: everything is done. */
  finish(now: number): WorkProgress {
    this.total = Math.max(this.total, this.done, 1);
    this.done = this.total;
    return this.at(now);
  }

  /** The progress as it stands at `now`. */
  at(now: number): WorkProgress {
    const elapsedMs = Math.max(0, Math.round(now - this.started));
    return {
      phase: this.phase,
      unit: this.unit,
      done: this.done,
      total: this.total,
      fraction: this.total > 0 ? this.done / this.total : 0,
      elapsedMs,
      etaMs: estimateEta(this.done, this.total, elapsedMs),
    };
  }
}
