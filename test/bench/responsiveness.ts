/**
 * `npm run bench:responsive [-- --bundle bench-data/real-1-500MB.tar.gz]`: figures, not tests.
 *
 * While a large bundle is read, indexed and diagnosed, how long is the face's event loop held
 * (what Electron's main process or `serve` would freeze for), and how smooth are the page's
 * frames? Measured both ways in the same run:
 * - engine in its own process (host/forkEngine.ts, as `serve` and the app run it now);
 * - engine in the face's process (a CaseManager beside the HTTP server, as before).
 * The face is a process of its own (responsiveFace.ts: the `serve` bridge over the engine and
 * nothing else, as in `tarsier serve`); the built page runs in Chromium, driven from here,
 * showing the read live. Event-loop delay: perf_hooks.monitorEventLoopDelay (10 ms
 * resolution), max and p99. Frames: requestAnimationFrame intervals in the page, p95 and max.
 * Target: no face task over 50 ms, frame p95 ≤ 50 ms.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import type { FaceFigures } from './responsiveFace.ts';
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

interface Figures extends FaceFigures {
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

type Mode = 'apart' | 'together';

/** Starts the face process and reads its JSON lines. */
function startFace(mode: Mode): { url: Promise<string>; figures: Promise<FaceFigures>; end: () => void } {
  const script = join(import.meta.dirname, 'responsiveFace.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, mode, bundle], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  let gotUrl: (url: string) => void = () => undefined;
  let gotFigures: (figures: FaceFigures) => void = () => undefined;
  const url = new Promise<string>((resolveUrl) => (gotUrl = resolveUrl));
  const figures = new Promise<FaceFigures>((resolveFigures) => (gotFigures = resolveFigures));
  lines.on('line', (line) => {
    const message = JSON.parse(line) as { url?: string; figures?: FaceFigures };
    if (message.url) gotUrl(message.url);
    if (message.figures) gotFigures(message.figures);
  });
  return { url, figures, end: () => child.stdin!.end() };
}

async function run(label: string, mode: Mode): Promise<Figures> {
  const face = startFace(mode);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // A string, not a function: tsx would wrap a function's inner names in a helper the page lacks.
    await page.addInitScript(FRAME_RECORDER);
    await page.goto(await face.url);
    const measured = await face.figures;
    const frames = ((await page.evaluate('window.benchFrames')) as number[]).slice(1);
    const sorted = [...frames].sort((a, b) => a - b);
    const figures: Figures = {
      ...measured,
      frames: frames.length,
      frameP95Ms: quantile(sorted, 0.95),
      frameMaxMs: sorted[sorted.length - 1] ?? 0,
    };
    const ms = (value: number, width: number) => `${value.toFixed(0).padStart(width)} ms`;
    say(
      `${label.padEnd(28)} ${figures.seconds.toFixed(1).padStart(6)} s   longest face task ${ms(figures.busyMaxMs, 4)}   ` +
        `loop delay max ${ms(figures.loopMaxMs, 5)}, p99 ${ms(figures.loopP99Ms, 4)}   ` +
        `frames ${String(figures.frames).padStart(5)}, p95 ${ms(figures.frameP95Ms, 4)}, max ${ms(figures.frameMaxMs, 5)}`,
    );
    return figures;
  } finally {
    await browser.close();
    face.end();
  }
}

say(`bench:responsive — ${bundle}`);
say('(cold reads: no index cache; the page shows the read live through the pushed events)');
const apart = await run('engine in its own process', 'apart');
const together = await run('engine in the face process', 'together');
say();
const verdict = (ok: boolean) => (ok ? 'reached' : 'MISSED');
say(
  `target: no face task over 50 ms while reading — ${verdict(apart.busyMaxMs <= 50)} (longest ${apart.busyMaxMs.toFixed(0)} ms; ` +
    `in-process: ${together.busyMaxMs.toFixed(0)} ms; loop delay max ${apart.loopMaxMs.toFixed(0)} and ${together.loopMaxMs.toFixed(0)} ms)`,
);
say(
  `target: frame p95 ≤ 50 ms while reading — ${verdict(apart.frameP95Ms <= 50)} (p95 ${apart.frameP95Ms.toFixed(0)} ms; ` +
    `in-process: ${together.frameP95Ms.toFixed(0)} ms)`,
);
