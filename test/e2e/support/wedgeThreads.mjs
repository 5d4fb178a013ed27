// Loaded into `tarsier serve` with `node --import` by serveStop.test.ts: on SIGUSR2 it opens four
// FIFOs for reading, which blocks all four of libuv's I/O threads for good — a read that nothing
// can interrupt — so the test can check that Ctrl+C still stops the process.
import { execFileSync } from 'node:child_process';
import { open } from 'node:fs/promises';
import { join } from 'node:path';

process.on('SIGUSR2', () => {
  for (let i = 0; i < 4; i++) {
    const fifo = join(process.env.WEDGE_DIR, `wedge-${i}`);
    execFileSync('mkfifo', [fifo]);
    void open(fifo, 'r');
  }
  process.stderr.write('wedged: every I/O thread waits on a FIFO\n');
});
