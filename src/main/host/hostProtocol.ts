/**
 * The messages between a face (Electron main, `tarsier serve`) and the engine host process. The
 * face sends `start` once, then requests; the host answers each request by id and pushes case
 * events as they happen. Both sides check what they receive: a port is a trust boundary too.
 */
import type { ApiResult } from '../../shared/api.ts';
import { isCaseEvent, type CaseEvent } from '../../shared/caseEvents.ts';
import type { CaseManagerOptions } from '../engine/case/caseManager.ts';

/** Face → host. */
export type ToHost =
  { type: 'start'; options: CaseManagerOptions } | { type: 'request'; id: number; method: string; payload: unknown };

/** Host → face. */
export type FromHost =
  { type: 'ready' } | { type: 'reply'; id: number; result: ApiResult<unknown> } | { type: 'event'; event: CaseEvent };

/** One end of the channel, whatever carries it (Electron's parentPort, a Node IPC channel, a MessagePort). */
export interface HostPort<Out, In> {
  post(message: Out): void;
  /** Adds the handler of incoming messages. */
  onMessage(handler: (message: In) => void): void;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The message as the host accepts it, or null. */
export function toHostMessage(value: unknown): ToHost | null {
  if (!isObject(value)) return null;
  if (value.type === 'start') return isObject(value.options) ? (value as ToHost) : null;
  if (value.type === 'request')
    return Number.isSafeInteger(value.id) && typeof value.method === 'string' ? (value as ToHost) : null;
  return null;
}

/** The message as the face accepts it, or null. */
export function fromHostMessage(value: unknown): FromHost | null {
  if (!isObject(value)) return null;
  if (value.type === 'ready') return { type: 'ready' };
  if (value.type === 'reply')
    return Number.isSafeInteger(value.id) && isObject(value.result) && typeof value.result.ok === 'boolean'
      ? (value as FromHost)
      : null;
  if (value.type === 'event') return isCaseEvent(value.event) ? (value as FromHost) : null;
  return null;
}
