/**
 * Starts the engine host as a Node child process (`tarsier serve`; Electron uses its
 * utilityProcess instead, in app/). The built host sits next to the built face
 * (out/cli/engineHost.js); from the TypeScript sources (tests) it runs through tsx's loader.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CaseManagerOptions } from '../engine/case/caseManager.ts';
import type { ToHost } from './hostProtocol.ts';
import { RemoteEngine } from './remoteEngine.ts';

/** The host's entry and the Node options it needs. */
function hostEntry(): { file: string; execArgv: string[] } {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const dir of [here, join(here, '..')]) {
    const built = join(dir, 'engineHost.js');
    if (existsSync(built)) return { file: built, execArgv: [] };
  }
  return { file: join(here, 'engineHostMain.ts'), execArgv: ['--import', 'tsx'] };
}

/** Starts an engine host process and returns the engine it serves. */
export function forkEngine(options: CaseManagerOptions): RemoteEngine {
  const { file, execArgv } = hostEntry();
  const child = fork(file, [], {
    execArgv: [...execArgv, ...process.execArgv.filter((arg) => arg.startsWith('--max-old-space-size'))],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: process.env,
  });
  return new RemoteEngine(
    {
      port: {
        post: (message: ToHost) => {
          if (child.connected) child.send(message);
        },
        onMessage: (handler) => child.on('message', handler),
      },
      onExit: (handler) => {
        child.once('exit', (code, signal) => handler(signal ? `killed by ${signal}` : `exit code ${code}`));
        child.once('error', (error) => handler(error.message));
      },
      kill: () => child.kill(),
    },
    options,
  );
}
