/**
 * The face process of bench:responsive (responsiveness.ts): the `serve` bridge over the engine
 * — in its own process (`apart`) or in this one (`together`) — with the event-loop figures of
 * this process only (Chromium and Playwright run in the bench's process, not here).
 * Prints one JSON line `{ url }` once listening, one `{ figures }` once the case is diagnosed.
 */
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { CaseManager } from '../../src/main/engine/case/caseManager.ts';
import { forkEngine } from '../../src/main/host/forkEngine.ts';
import { startBridge } from '../../src/main/server/server.ts';
import type { AnalyzerApi } from '../../src/shared/api.ts';
import type { CaseEventSource } from '../../src/shared/caseEvents.ts';

/** What the face measured while the case was read, indexed and diagnosed. */
export interface FaceFigures {
  seconds: number;
  /** The longest gap between 10 ms ticks in which this process used at least half of it in CPU. */
  busyMaxMs: number;
  loopMaxMs: number;
  loopP99Ms: number;
}

async function main(): Promise<void> {
  const [mode, bundle] = process.argv.slice(2);
  const root = resolve(import.meta.dirname, '..', '..');
  const remote = mode === 'apart' ? forkEngine({}) : null;
  await remote?.ready;
  const engine: AnalyzerApi & CaseEventSource = remote ? remote.api : new CaseManager({});
  const opened = await engine.openCase({ paths: [bundle], zone: 'UTC' });
  if (!opened.ok) throw new Error(opened.error);
  const { caseId } = opened.value;
  const started = performance.now();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let busyMaxMs = 0;
  let lastTick = performance.now();
  let lastCpu = process.cpuUsage();
  const ticker = setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const gap = now - lastTick;
    if (cpuMs >= gap / 2) busyMaxMs = Math.max(busyMaxMs, Math.min(gap, cpuMs));
    lastTick = now;
    lastCpu = process.cpuUsage();
  }, 10);
  const stop = engine.onCaseEvent((event) => {
    if (event.kind !== 'status' || event.status.caseId !== caseId) return;
    if (!event.status.diagnosed && !event.status.progress.error) return;
    stop();
    clearInterval(ticker);
    loop.disable();
    const figures: FaceFigures = {
      seconds: (performance.now() - started) / 1000,
      busyMaxMs,
      loopMaxMs: loop.max / 1e6,
      loopP99Ms: loop.percentile(99) / 1e6,
    };
    process.stdout.write(`${JSON.stringify({ figures })}\n`);
  });
  const bridge = await startBridge({
    api: engine,
    port: 0,
    rendererDir: join(root, 'out', 'renderer'),
    initialCaseId: caseId,
    allow: { paths: [bundle] },
  });
  process.stdout.write(`${JSON.stringify({ url: bridge.url })}\n`);
  // The bench closes our stdin when it is done with us.
  process.stdin.resume();
  process.stdin.on('end', () => {
    void bridge.close().then(() => {
      remote?.stop();
      process.exit(0);
    });
  });
}

void main();
