/**
 * `npm run bench:responsive [-- --bundle bench-data/real-1-500MB.tar.gz]`: figures, not tests.
 *
 * While a large bundle is read, indexed and diagnosed, how long is the face's event loop held
 * (what Electron's main process or `serve` would freeze for), and how smooth are the page's
 * frames? Measured both ways in the same run:
 * - engine in its own process (host/forkEngine.ts, as `serve` and the app run it now);
 * - engine in the face's process (a CaseManager beside the HTTP server, as before).
 * The face is this process: the `serve` bridge (startBridge) over the engine, the built page in
 * Chromium showing the read live. Event-loop delay: perf_hooks.monitorEventLoopDelay (10 ms
 * resolution), max and p99. Frames: requestAnimationFrame intervals in the page, p95 and max.
 * Target: no face task over 50 ms, frame p95 ≤ 50 ms.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CaseManager } from '../../src/main/engine/case/caseManager.ts';
import { forkEngine } from '../../src/main/host/forkEngine.ts';
import { startBridge } from '../../src/main/server/server.ts';
import type { AnalyzerApi } from '../../src/shared/api.ts';
import type { CaseEventSource } from '../../src/shared/caseEvents.ts';
import { CHROMIUM_ARGS } from '../e2e/serveHarness.ts';

const root = resolve(import.meta.dirname, '..', '..');
const { values } = parseArgs({
  options: { bundle: { type: 'string', default: join(root, 'bench-data', 'real-1-500MB.tar.gz') } },
});
const bundle = resolve(values.bundle!);
const rendererDir = join(root, 'out', 'renderer');
const say = (line = '') => process.stdout.write(`${line}\n`);

if (!existsSync(bundle)) {
  say(`bench:responsive: ${bundle} is missing (npm run bench -- --size 500MB generates it)`);
  process.exit(1);
}
if (!existsSync(join(rendererDir, 'index.html')) || !existsSync(join(root, 'out', 'cli', 'engineHost.js'))) {
  say('bench:responsive: run `npm run build` first');
  process.exit(1);
}

interface Figures {
  seconds: number;
  loopMaxMs: number;
  loopP99Ms: number;
  frames: number;
  frameP95Ms: number;
  frameMaxMs: number;
}

/** Records the interval between animation frames in the page. */
const FRAME_RECORDER = `
  window.benchFrames = [];
  let last = performance.now();
  const tick = (now) => { window.benchFrames.push(now - last); last = now; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
`;

const quantile = (sorted: number[], q: number): number =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function run(label: string, engine: AnalyzerApi & CaseEventSource): Promise<Figures> {
  const opened = await engine.openCase({ paths: [bundle], zone: 'UTC' });
  if (!opened.ok) throw new Error(opened.error);
  const { caseId } = opened.value;
  const diagnosed = new Promise<void>((done) => {
    const stop = engine.onCaseEvent((event) => {
      if (
        event.kind === 'status' &&
        event.status.caseId === caseId &&
        (event.status.diagnosed || event.status.progress.error)
      ) {
        stop();
        done();
      }
    });
  });
  const bridge = await startBridge({
    api: engine,
    port: 0,
    rendererDir,
    initialCaseId: caseId,
    allow: { paths: [bundle] },
  });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const started = performance.now();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // A string, not a function: tsx would wrap a function's inner names in a helper the page lacks.
    await page.addInitScript(FRAME_RECORDER);
    loop.enable();
    await page.goto(bridge.url);
    await diagnosed;
    loop.disable();
    const seconds = (performance.now() - started) / 1000;
    const frames = ((await page.evaluate('window.benchFrames')) as number[]).slice(1);
    const sorted = [...frames].sort((a, b) => a - b);
    const figures: Figures = {
      seconds,
      loopMaxMs: loop.max / 1e6,
      loopP99Ms: loop.percentile(99) / 1e6,
      frames: frames.length,
      frameP95Ms: quantile(sorted, 0.95),
      frameMaxMs: sorted[sorted.length - 1] ?? 0,
    };
    say(
      `${label.padEnd(34)} ${figures.seconds.toFixed(1).padStart(6)} s   face loop max ${figures.loopMaxMs.toFixed(0).padStart(5)} ms, p99 ${figures.loopP99Ms.toFixed(0).padStart(4)} ms   frames ${String(figures.frames).padStart(5)}, p95 ${figures.frameP95Ms.toFixed(0).padStart(4)} ms, max ${figures.frameMaxMs.toFixed(0).padStart(5)} ms`,
    );
    return figures;
  } finally {
    await browser.close();
    await bridge.close();
    await engine.closeCase({ caseId });
  }
}

say(`bench:responsive — ${bundle}`);
say('(cold reads: no index cache; the page shows the read live through the pushed events)');
const remote = forkEngine({});
await remote.ready;
const apart = await run('engine in its own process', remote.api);
remote.stop();
const manager = new CaseManager({});
const together = await run('engine in the face process', manager);
say();
const verdict = (ok: boolean) => (ok ? 'reached' : 'MISSED');
say(
  `target: no face task over 50 ms while reading — ${verdict(apart.loopMaxMs <= 50)} (max ${apart.loopMaxMs.toFixed(0)} ms; in-process: ${together.loopMaxMs.toFixed(0)} ms)`,
);
say(
  `target: frame p95 ≤ 50 ms while reading — ${verdict(apart.frameP95Ms <= 50)} (p95 ${apart.frameP95Ms.toFixed(0)} ms; in-process: ${together.frameP95Ms.toFixed(0)} ms)`,
);
