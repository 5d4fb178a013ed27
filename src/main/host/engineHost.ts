/**
 * The engine's side of the engine host process: one {@link CaseManager} behind a port. Every
 * request goes through the same {@link dispatchRequest} as IPC and `serve`, so the payload is
 * validated here too; every case event is pushed to the face. The face's process (Electron main,
 * the `serve` HTTP server) then never runs a read, an index seal or a diagnosis itself.
 */
import { CaseManager } from '../engine/case/caseManager.ts';
import { sweepStaleTemp } from '../engine/platform/tempSpace.ts';
import { dispatchRequest } from '../../shared/ui/dispatch.ts';
import { toHostMessage, type FromHost, type HostPort, type ToHost } from './hostProtocol.ts';

/** Serves requests arriving on `port` until the process ends. */
export function runEngineHost(port: HostPort<FromHost, unknown>): void {
  let manager: CaseManager | null = null;
  port.onMessage((raw) => {
    const message: ToHost | null = toHostMessage(raw);
    if (!message) return;
    if (message.type === 'start') {
      if (manager) return;
      // What a killed run left in the scratch space goes now, as at any start.
      sweepStaleTemp();
      manager = new CaseManager(message.options);
      manager.onCaseEvent((event) => port.post({ type: 'event', event }));
      port.post({ type: 'ready' });
      return;
    }
    const { id, method, payload } = message;
    if (!manager) {
      port.post({ type: 'reply', id, result: { ok: false, error: `${method}: the engine has not started` } });
      return;
    }
    void dispatchRequest(manager, method, payload).then((result) => port.post({ type: 'reply', id, result }));
  });
}
