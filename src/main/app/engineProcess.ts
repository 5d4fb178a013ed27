/**
 * The engine of the desktop app runs in an Electron utilityProcess (out/main/engineHost.js),
 * not on the main process: reading, sealing the index and diagnosing a bundle never hold up the
 * window's IPC replies. Only the link is Electron-specific; the rest is host/ (shared with serve).
 */
import { join } from 'node:path';
import { utilityProcess } from 'electron';
import type { CaseManagerOptions } from '../engine/case/caseManager.ts';
import type { ToHost } from '../host/hostProtocol.ts';
import { RemoteEngine } from '../host/remoteEngine.ts';

/** Starts the engine process (after the app is ready, as Electron requires). */
export function startEngineProcess(mainDir: string, options: CaseManagerOptions): RemoteEngine {
  const child = utilityProcess.fork(join(mainDir, 'engineHost.js'), [], {
    serviceName: 'Tarsier engine',
    stdio: 'inherit',
  });
  return new RemoteEngine(
    {
      port: {
        post: (message: ToHost) => child.postMessage(message),
        onMessage: (handler) => child.on('message', handler),
      },
      onExit: (handler) => child.once('exit', (code) => handler(`exit code ${code}`)),
      kill: () => void child.kill(),
    },
    options,
  );
}
