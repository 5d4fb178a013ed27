/**
 * `tarsier serve [<bundle>...] [--port N] [--zone ZONE] [--max-upload-mb N]`: the UI in a
 * browser on this machine, through the loopback bridge (src/main/server). Runs until SIGINT or
 * SIGTERM, then cancels its cases, closes the server and removes its upload folder.
 */
import { TARSIER_VERSION } from '../../shared/version.ts';
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkZone } from '../../shared/time.ts';
import { CaseManager } from '../engine/caseManager.ts';
import { dataDir } from '../engine/dataDir.ts';
import { startBridge } from '../server/server.ts';

export const SERVE_USAGE = `  tarsier serve [<bundle>...] [--port N] [--zone ZONE] [--max-upload-mb N]
      Serve the UI on http://127.0.0.1 (loopback only, with an access token in the printed URL);
      open the bundle(s) at once when given. Port 0 (the default) picks a free port. Ctrl+C stops.`;

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
      'max-upload-mb': { type: 'string', default: '8192' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`tarsier serve: --port must be 0–65535, got "${values.port}"\n`);
    return 2;
  }
  const maxUploadMb = Number(values['max-upload-mb']);
  if (!Number.isFinite(maxUploadMb) || maxUploadMb <= 0) {
    process.stderr.write(`tarsier serve: --max-upload-mb must be a positive number, got "${values['max-upload-mb']}"\n`);
    return 2;
  }
  const zoneProblem = checkZone(values.zone!);
  if (zoneProblem) {
    process.stderr.write(`tarsier serve: ${zoneProblem}\n`);
    return 2;
  }
  const renderer = rendererDir();
  if (!renderer) {
    process.stderr.write('tarsier serve: the UI is not built (no out/renderer/index.html); run `npm run build` first\n');
    return 1;
  }
  const paths = positionals.map((p) => resolve(p));
  for (const path of paths) {
    try {
      await stat(path);
    } catch {
      process.stderr.write(`tarsier serve: no such file or folder: ${path}\n`);
      return 1;
    }
  }

  // A bundle opened again (in this run or a later one) loads its index from here.
  const manager = new CaseManager({ cacheDir: join(dataDir(), 'index-cache'), dataDir: dataDir(), generator: `tarsier ${TARSIER_VERSION}` });
  let initialCaseId: string | null = null;
  if (paths.length > 0) {
    const opened = await manager.openCase({ paths, zone: values.zone });
    if (!opened.ok) {
      process.stderr.write(`tarsier serve: ${opened.error}\n`);
      return 1;
    }
    initialCaseId = opened.value.caseId;
  }

  let bridge;
  try {
    bridge = await startBridge({ api: manager, port, rendererDir: renderer, initialCaseId, maxUploadBytes: Math.floor(maxUploadMb * 2 ** 20) });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    process.stderr.write(`tarsier serve: cannot listen on 127.0.0.1:${port}: ${code === 'EADDRINUSE' ? 'the port is in use' : (error as Error).message}\n`);
    if (initialCaseId) await manager.cancelCase({ caseId: initialCaseId });
    return 1;
  }
  process.stdout.write(`Tarsier is serving on ${bridge.url}\n`);
  process.stdout.write('Open that address in a browser on this machine. Press Ctrl+C to stop.\n');

  const signal = await new Promise<NodeJS.Signals>((resolveSignal) => {
    process.once('SIGINT', () => resolveSignal('SIGINT'));
    process.once('SIGTERM', () => resolveSignal('SIGTERM'));
  });
  process.stderr.write(`tarsier serve: ${signal}, stopping\n`);
  // A read that ignores cancellation must not keep the process alive for ever.
  setTimeout(() => process.exit(0), 5000).unref();
  await bridge.close();
  return 0;
}
