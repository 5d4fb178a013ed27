/**
 * What the engine pushes to the UI instead of being polled: a case's status each time it changes
 * (read progress at most every {@link PROGRESS_PUSH_MS}; a phase change, the index and the
 * findings at once) and the closing of a case. Electron carries them on {@link CASE_EVENT_CHANNEL},
 * `tarsier serve` as server-sent events on {@link CASE_EVENT_ROUTE}, the engine host process as
 * messages on its port.
 */
import type { CaseStatus } from './api.ts';

/** One change of one case. */
export type CaseEvent = { kind: 'status'; status: CaseStatus } | { kind: 'closed'; caseId: string };

/** Receives every case event of the engine, in the order they happened. */
export type CaseEventListener = (event: CaseEvent) => void;

/** An engine (or a transport in front of one) that pushes case events. */
export interface CaseEventSource {
  /**
   * Adds a listener; returns the function that removes it. A transport that connects
   * asynchronously (the browser's event stream) calls `connected` once events flow — and again
   * after each reconnection: events pushed before that moment were not seen, so whoever keeps
   * state asks for it again then. A transport that is subscribed at once never calls it.
   */
  onCaseEvent(listener: CaseEventListener, connected?: () => void): () => void;
}

/** Progress is pushed at most this often, 4 times a second (a phase's start and end are pushed at once). */
export const PROGRESS_PUSH_MS = 250;
/** The Electron IPC channel of case events (main → renderer). */
export const CASE_EVENT_CHANNEL = 'tarsier:event:case';
/** The server-sent-events route of `tarsier serve` (`/api/events` is the event-list method). */
export const CASE_EVENT_ROUTE = '/bridge/events';

/** True for a well-formed case event (the page checks what arrives over the wire). */
export function isCaseEvent(value: unknown): value is CaseEvent {
  if (typeof value !== 'object' || value === null) return false;
  const event = value as { kind?: unknown; caseId?: unknown; status?: { caseId?: unknown; progress?: unknown } };
  if (event.kind === 'closed') return typeof event.caseId === 'string';
  return (
    event.kind === 'status' &&
    typeof event.status === 'object' &&
    event.status !== null &&
    typeof event.status.caseId === 'string' &&
    typeof event.status.progress === 'object'
  );
}
