import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Vitest's default for `run` is one worker fewer than the cores: a single worker on CI's two
    // cores, where the other core then idles (the main process only waits on the workers). One
    // worker per core keeps both busy. Workers share nothing (each e2e file serves its own case
    // from its own data folder).
    maxWorkers: availableParallelism(),
    projects: [
      {
        // Pure and fast: no files written, no threads, no child processes.
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'src/renderer/**/*.test.ts'],
          environment: 'node',
          // Pure tests share a worker's modules instead of importing the engine afresh for each
          // file (which was most of this project's time). No file mocks a module or leaves a
          // global changed (the one that fakes timers puts them back).
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Real I/O or over ~1 s: generated bundles, archives on disk, worker threads, PDF writing,
        // CLI runs, the loopback server.
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          // Two files now run at once on two cores, and a test that opens a bundle through the
          // ingest threads shares the cores with the other file: the limit only says when a test
          // is taken as hung, never how fast it must be.
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Input → expected pairs: format samples, rule files, the vendored real logs of
        // test/fixtures/vendored, and the real logs of ../shared (skipped with a one-line reason
        // when it is absent; .ci/run requires it).
        test: {
          name: 'golden',
          include: ['test/golden/**/*.test.ts'],
          environment: 'node',
          // As unit: files only read their inputs (and, on request, write expectations), mock
          // nothing, and gain from sharing the loaded formats and rules of a worker.
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Two files at a time (one per core): each serves its own case from its own data folder,
          // and much of a file's time is waiting on the page, not on the processor.
        },
      },
    ],
  },
});
