/**
 * `tarsier serve [<bundle>...] [--allow DIR]... [--port N] [--zone ZONE] [--max-upload-mb N]
 * [--max-upload-total-mb N]`: the UI in a browser on this machine, through the loopback bridge
 * (src/main/server). It opens only the bundles on its command line, uploads, and what is under
 * an --allow folder. Runs until SIGINT or SIGTERM, then cancels its cases and closes the server
 * (uploads stay in the data folder's upload store, for Recent); a second signal, or a shutdown still stuck after 5 s, ends the
 * process at once.
 */
import { TARSIER_VERSION } from '../../shared/version.ts';
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkZone } from '../../shared/time.ts';
import { forkEngine } from '../host/forkEngine.ts';
import { securePrivateDir } from '../engine/platform/dataDir.ts';
import { unreadableKindOf } from '../engine/platform/inputKind.ts';
import { startBridge, type Bridge } from '../server/server.ts';

export const SERVE_USAGE = `  tarsier serve [<bundle>...] [--allow DIR]... [--port N] [--zone ZONE] [--max-upload-mb N] [--max-upload-total-mb N]
      Serve the UI on http://127.0.0.1 (loopback only, with an access token in the printed URL);
      open the bundle(s) at once when given. The page may open only those bundles, files dropped
      on it, and files under a folder given with --allow (repeatable; links are followed before
      checking). Uploads: at most --max-upload-mb each (default 8192), --max-upload-total-mb
      received in all per run (default twice that); they are kept in the data folder's uploads/
      (the same bytes once), with the index cache's 4 GiB budget, so Recent opens them after a
      restart. Port 0 (the default) picks a free port.
      Ctrl+C stops (a second Ctrl+C at once).`;

/** How long a graceful stop may take before the process is ended regardless. */
const STOP_GRACE_MS = 5000;

/** Finds the built renderer: $TARSIER_RENDERER, else out/renderer above this file. */
export function rendererDir(): string | null {
  const fromEnv = process.env.TARSIER_RENDERER;
  if (fromEnv) return existsSync(join(fromEnv, 'index.html')) ? resolve(fromEnv) : null;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    for (const candidate of [join(dir, 'renderer'), join(dir, 'out', 'renderer')]) {
      if (existsSync(join(candidate, 'index.html'))) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export async function serve(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      port: { type: 'string', default: '0' },
      zone: { type: 'string', default: 'local' },
      allow: { type: 'string', multiple: true, default: [] },
      'max-upload-mb': { type: 'string', default: '8192' },
      'max-upload-total-mb': { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`tarsier serve: --port must be 0–65535, got "${values.port}"\n`);
    return 2;
  }
  const maxUploadMb = Number(values['max-upload-mb']);
  if (!Number.isFinite(maxUploadMb) || maxUploadMb <= 0) {
    process.stderr.write(
      `tarsier serve: --max-upload-mb must be a positive number, got "${values['max-upload-mb']}"\n`,
    );
    return 2;
  }
  const maxUploadTotalMb =
    values['max-upload-total-mb'] === undefined ? 2 * maxUploadMb : Number(values['max-upload-total-mb']);
  if (!Number.isFinite(maxUploadTotalMb) || maxUploadTotalMb <= 0) {
    process.stderr.write(
      `tarsier serve: --max-upload-total-mb must be a positive number, got "${values['max-upload-total-mb']}"\n`,
    );
    return 2;
  }
  const zoneProblem = checkZone(values.zone!);
  if (zoneProblem) {
    process.stderr.write(`tarsier serve: ${zoneProblem}\n`);
    return 2;
  }
  const folders = values.allow!.map((folder) => resolve(folder));
  for (const folder of folders) {
    const info = await stat(folder).catch(() => null);
    if (!info?.isDirectory()) {
      process.stderr.write(`tarsier serve: --allow ${folder}: ${info ? 'not a folder' : 'no such folder'}\n`);
      return 2;
    }
  }
  const renderer = rendererDir();
  if (!renderer) {
    process.stderr.write(
      'tarsier serve: the UI is not built (no out/renderer/index.html); run `npm run build` first\n',
    );
    return 1;
  }
  const paths = positionals.map((p) => resolve(p));
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    // stat() never opens: a FIFO is refused before anything waits on it.
    const kind = info ? unreadableKindOf(info) : null;
    if (!info || kind) {
      process.stderr.write(
        `tarsier serve: ${info ? `${path}: ${kind}, not a regular file` : `no such file or folder: ${path}`}\n`,
      );
      return 1;
    }
  }

  // From here on Ctrl+C is ours: the first stops gracefully, a second (or a stop stuck past the grace time) at once.
  let bridge: Bridge;
  let stopRequested: (signal: NodeJS.Signals) => void = () => undefined;
  let received: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (received) return stopNow(signal, 'second signal');
    received = signal;
    stopRequested(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const dataDir = securePrivateDir();
  // A bundle opened again (in this run or a later one) loads its index from here.
  // The engine runs in its own process: reading a bundle never holds up the HTTP server's event loop.
  const engine = forkEngine({
    cacheDir: join(dataDir, 'index-cache'),
    dataDir,
    generator: `tarsier ${TARSIER_VERSION}`,
  });
  const manager = engine.api;
  let initialCaseId: string | null = null;
  if (paths.length > 0) {
    const opened = await manager.openCase({ paths, zone: values.zone });
    if (!opened.ok) {
      process.stderr.write(`tarsier serve: ${opened.error}\n`);
      engine.stop();
      return 1;
    }
    initialCaseId = opened.value.caseId;
  }

  try {
    bridge = await startBridge({
      api: manager,
      port,
      rendererDir: renderer,
      initialCaseId,
      allow: { paths, folders },
      maxUploadBytes: Math.floor(maxUploadMb * 2 ** 20),
      maxUploadTotalBytes: Math.floor(maxUploadTotalMb * 2 ** 20),
      dataDir,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    process.stderr.write(
      `tarsier serve: cannot listen on 127.0.0.1:${port}: ${code === 'EADDRINUSE' ? 'the port is in use' : (error as Error).message}\n`,
    );
    if (initialCaseId) await manager.cancelCase({ caseId: initialCaseId });
    engine.stop();
    return 1;
  }
  process.stdout.write(`Tarsier is serving on ${bridge.url}\n`);
  process.stdout.write('Open that address in a browser on this machine. Press Ctrl+C to stop.\n');

  const signal = received ?? (await new Promise<NodeJS.Signals>((resolveSignal) => (stopRequested = resolveSignal)));
  process.stderr.write(`tarsier serve: ${signal}, stopping\n`);
  // A read that ignores cancellation must not keep the process alive for ever.
  setTimeout(() => stopNow(signal, `still stopping after ${STOP_GRACE_MS / 1000} s`), STOP_GRACE_MS).unref();
  await bridge.close();
  engine.stop();
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  return 0;
}

/**
 * Ends the process now. Not through process.exit(): on exit libuv joins its I/O threads, and a
 * thread stuck in a read that never returns would hold the exit for ever. The signal is raised
 * again with its default action (the process ends as killed by it), SIGKILL if even that fails.
 */
function stopNow(signal: NodeJS.Signals, why: string): void {
  process.stderr.write(`tarsier serve: ${why}, stopping now\n`);
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.kill(process.pid, signal);
  setTimeout(() => process.kill(process.pid, 'SIGKILL'), 1000).unref();
}
