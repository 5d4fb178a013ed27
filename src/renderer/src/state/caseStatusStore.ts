/**
 * The renderer's case store: the status of each case being watched, fed by the engine's pushed
 * case events (no polling). A watch asks for the status once, for what happened before it began,
 * and from then on only listens. When the event stream (re)connects, every watched case is asked
 * for again: what was pushed before then was missed. Of an answer and an event, the higher
 * revision wins, whichever came first. The last case no longer watched keeps its status, so that
 * the next view of it starts from what was known.
 */
import type { ApiResult, CaseStatus } from '../../../shared/api.ts';
import type { CaseEventSource } from '../../../shared/caseEvents.ts';

/** What the store knows of one case. */
export interface WatchedCase {
  status: CaseStatus | null;
  /** Why there is no status (the case is unknown or was closed). */
  error: string | null;
}

/** Where the store gets its events and its first status (the client, or a fake in tests). */
export interface CaseStatusSource extends CaseEventSource {
  caseStatus(request: { caseId: string }): Promise<ApiResult<CaseStatus>>;
}

const EMPTY: WatchedCase = { status: null, error: null };

/** Holds the watched cases; see the module comment. */
export class CaseStatusStore {
  private readonly cases = new Map<string, WatchedCase>();
  private readonly watchers = new Map<string, Set<() => void>>();
  private stopEvents: (() => void) | null = null;

  constructor(private readonly source: CaseStatusSource) {}

  /** The case as known now (the same object until it changes, as useSyncExternalStore needs). */
  get(caseId: string): WatchedCase {
    return this.cases.get(caseId) ?? EMPTY;
  }

  /** Calls `changed` whenever the case changes; returns the function that stops watching. */
  watch(caseId: string, changed: () => void): () => void {
    let set = this.watchers.get(caseId);
    if (!set) {
      set = new Set();
      this.watchers.set(caseId, set);
      this.listen();
      this.ask(caseId);
    }
    set.add(changed);
    return () => {
      set.delete(changed);
      if (set.size > 0) return;
      this.watchers.delete(caseId);
      // The status stays known for the next watch of the same case (the reading screen hands the
      // case to the workspace: it starts from what is known, not from nothing while the engine is
      // busy); only the last case left unwatched is kept.
      for (const other of this.cases.keys())
        if (other !== caseId && !this.watchers.has(other)) this.cases.delete(other);
      if (this.watchers.size === 0) {
        this.stopEvents?.();
        this.stopEvents = null;
      }
    };
  }

  /** Asks the engine for the case's status; kept unless what the store has is newer. */
  private ask(caseId: string): void {
    void this.source.caseStatus({ caseId }).then((result) => {
      if (!this.watchers.has(caseId)) return;
      const known = this.get(caseId);
      if (!result.ok) {
        // A status already known stays on screen; the error says the case is gone.
        if (known.error === null) this.set(caseId, { status: known.status, error: result.error });
        return;
      }
      if (known.status && known.status.revision >= result.value.revision) return;
      this.set(caseId, { status: result.value, error: null });
    });
  }

  private listen(): void {
    this.stopEvents ??= this.source.onCaseEvent(
      (event) => {
        if (event.kind === 'status') {
          const caseId = event.status.caseId;
          const known = this.get(caseId).status;
          if (this.watchers.has(caseId) && !(known && known.revision > event.status.revision))
            this.set(caseId, { status: event.status, error: null });
        } else if (this.watchers.has(event.caseId))
          this.set(event.caseId, { status: this.get(event.caseId).status, error: `case ${event.caseId} was closed` });
      },
      () => {
        for (const caseId of this.watchers.keys()) this.ask(caseId);
      },
    );
  }

  private set(caseId: string, watched: WatchedCase): void {
    this.cases.set(caseId, watched);
    for (const changed of [...(this.watchers.get(caseId) ?? [])]) changed();
  }
}
