/**
 * Which open cases were used last, and which closed ones a late request should be told about:
 * CaseManager keeps a bounded number of cases open (each holds its index in memory) and closes
 * the least recently used first.
 */
import type { OpenCase } from './caseEventHub.ts';

/** How many closed case ids are remembered, to tell a request for one that it was closed. */
const REMEMBERED_CLOSED = 10_000;

/** See the module comment. */
export class CaseRecency {
  /** When each open case was last asked about (a counter, not a clock). */
  private readonly usedAt = new Map<string, number>();
  private useCount = 0;
  /** Ids of cases closed in this process (the oldest forgotten past {@link REMEMBERED_CLOSED}). */
  private readonly closedIds = new Map<string, 'asked' | 'bound'>();

  constructor(readonly maxOpenCases: number) {}

  /** Marks a case as just used. */
  touch(caseId: string): void {
    this.usedAt.set(caseId, ++this.useCount);
  }

  /** Remembers that a case was closed (asked, or over the bound), so a late request is told so. */
  forget(caseId: string, why: 'asked' | 'bound'): void {
    this.usedAt.delete(caseId);
    this.closedIds.set(caseId, why);
    if (this.closedIds.size > REMEMBERED_CLOSED) this.closedIds.delete(this.closedIds.keys().next().value!);
  }

  /** The failure for a case id that is not open: closed, or never opened. */
  missing(method: string, caseId: string): string {
    const why = this.closedIds.get(caseId);
    if (why === 'asked') return `${method}: case ${caseId} was closed; open it again`;
    return why === 'bound'
      ? `${method}: case ${caseId} was closed (at most ${this.maxOpenCases} cases stay open; the least recently used is closed first); open it again`
      : `${method}: no case ${caseId}`;
  }

  /**
   * The cases to close, least recently used first, to meet the bound. A case still reading is
   * never closed (cancel is the user's call), nor the two used last (the UI's case and the one it
   * just opened); when only those are left the bound waits for the next request.
   */
  overBound(cases: ReadonlyMap<string, OpenCase>): string[] {
    const excess = cases.size - this.maxOpenCases;
    if (excess <= 0) return [];
    const byRecency = [...cases.keys()].sort((a, b) => (this.usedAt.get(a) ?? 0) - (this.usedAt.get(b) ?? 0));
    const kept = new Set(byRecency.slice(-2));
    return byRecency.filter((id) => !kept.has(id) && cases.get(id)!.progress.phase !== 'reading').slice(0, excess);
  }
}
