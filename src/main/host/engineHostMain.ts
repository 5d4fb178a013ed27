/**
 * Entry of the engine host process: an Electron utilityProcess (messages on
 * `process.parentPort`) or a Node child process (`child_process.fork`, messages on its IPC
 * channel). It lives only as long as the face that started it.
 */
import { runEngineHost } from './engineHost.ts';
import type { FromHost } from './hostProtocol.ts';

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

// Ctrl+C reaches the whole process group: the face decides when the engine stops.
process.on('SIGINT', () => undefined);

if (parentPort) {
  runEngineHost({
    post: (message: FromHost) => parentPort.postMessage(message),
    onMessage: (handler) => parentPort.on('message', (event) => handler(event.data)),
  });
} else if (process.send) {
  const send = process.send.bind(process);
  runEngineHost({
    post: (message: FromHost) => void send(message),
    onMessage: (handler) => process.on('message', handler),
  });
  // The face went (closed, killed): nothing is left to serve.
  process.on('disconnect', () => process.exit(0));
} else {
  process.stderr.write('engineHost: must be started by Tarsier (utilityProcess or child_process.fork)\n');
  process.exit(2);
}
