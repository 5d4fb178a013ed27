/**
 * The case events of one CaseManager: a case's status pushed to the listeners at each change —
 * at once, or for read progress at most every {@link PROGRESS_PUSH_MS} (the last progress is
 * never dropped, only delayed) — its closing, and the waits woken by any change (no timer polls).
 */
import type { CaseStatus, Inventory, ReadProgress } from '../../../shared/api.ts';
import { PROGRESS_PUSH_MS, type CaseEventListener } from '../../../shared/caseEvents.ts';
import type { Diagnosis } from '../diagnose/diagnoseCase.ts';
import type { CaseIndex } from '../index/caseIndex.ts';
import type { OpenedCase } from './openCase.ts';
import type { FileTimeSetting } from '../../../shared/timeSettings.ts';

/** A case CaseManager holds open. */
export interface OpenCase {
  id: string;
  zone: string;
  /** The engineer's per-file zone and year the case is read with (shared/timeSettings.ts). */
  fileTimes: Record<string, FileTimeSetting>;
  /** The settings were given by `reopenCase` (kept with the case once read), not taken from the saved case. */
  explicitTime: boolean;
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
  /** Counts the changes (CaseStatus.revision). */
  revision: number;
}

/** What `caseStatus` says of a case, and what its status events carry. */
export function statusOfCase(entry: OpenCase): CaseStatus {
  return {
    caseId: entry.id,
    progress: entry.progress,
    bundles: entry.inventory?.bundles ?? [],
    indexed: entry.indexed,
    diagnosed: entry.diagnosis !== null,
    zone: entry.zone,
    cached: entry.cached,
    revision: entry.revision,
  };
}

/** See the module comment. */
export class CaseEventHub {
  private readonly listeners = new Set<CaseEventListener>();
  private readonly waiters = new Set<() => void>();

  /** `isOpen` tells a case still held from one closed (whose late changes are not pushed). */
  constructor(private readonly isOpen: (entry: OpenCase) => boolean) {}

  onCaseEvent(listener: CaseEventListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Resolves at the next change of any case. */
  nextChange(): Promise<void> {
    return new Promise<void>((wake) => this.waiters.add(wake));
  }

  /**
   * A case changed: its status is pushed to the listeners — at once, or for read progress at most
   * every {@link PROGRESS_PUSH_MS} (the last progress is never dropped, only delayed).
   */
  changed(entry: OpenCase, what: 'progress' | 'state' = 'state'): void {
    entry.revision++;
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
    if (!this.isOpen(entry)) return;
    const status = statusOfCase(entry);
    for (const listener of [...this.listeners]) listener({ kind: 'status', status });
    this.wake();
  }

  closed(entry: OpenCase): void {
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
}
