/** The one-line progress display of long CLI commands, on stderr. */
import type { ReadProgress } from '../../shared/api.ts';
import { formatBytes, formatDuration } from '../../shared/format.ts';
import type { WorkProgress } from '../../shared/progress.ts';

/** `indexing 51% · 15.0 MB of 30.0 MB · about 4 s left`: a phase after reading, as measured. */
export function workLine(work: WorkProgress): string {
  const amount = (n: number): string =>
    work.unit === 'bytes' ? formatBytes(n) : `${n.toLocaleString('en-US')} ${work.unit}`;
  const parts = [`${work.phase}${work.total > 0 ? ` ${Math.floor(work.fraction * 100)}%` : ''}`];
  if (work.total > 0) parts.push(`${amount(work.done)} of ${amount(work.total)}`);
  parts.push(work.etaMs === null ? 'estimating time left' : `about ${formatDuration(work.etaMs)} left`);
  return parts.join(' · ');
}

/** Writes one progress line to stderr (overwritten in a terminal, every 5 s otherwise). */
export function progressPrinter(quiet: boolean): {
  update: (p: ReadProgress) => void;
  /** The phases after reading (indexing, sealing, saving the cache), which `update` does not see. */
  work: (w: WorkProgress) => void;
  note: (text: string) => void;
  done: () => void;
} {
  const tty = process.stderr.isTTY;
  let lastPrint = 0;
  let printed = false;
  const write = (line: string) => {
    if (tty) process.stderr.write(`\r\x1b[K${line.slice(0, (process.stderr.columns || 120) - 1)}`);
    else process.stderr.write(`${line}\n`);
    printed = true;
  };
  return {
    update(p) {
      if (quiet) return;
      const now = Date.now();
      if (p.elapsedMs < 1000 || now - lastPrint < (tty ? 250 : 5000)) return;
      lastPrint = now;
      const pct =
        p.inputBytesTotal > 0 ? ` ${Math.min(100, Math.floor((p.inputBytesRead / p.inputBytesTotal) * 100))}%` : '';
      write(
        `reading${pct}: ${p.filesRead} files, ${formatBytes(p.bytesRead)}, ${p.linesRead.toLocaleString('en-US')} lines, ${formatDuration(p.elapsedMs)}${p.currentFile ? ` — ${p.currentFile}` : ''}`,
      );
    },
    work(w) {
      if (quiet || w.phase === 'reading' || w.elapsedMs < 1000) return;
      const now = Date.now();
      if (now - lastPrint < (tty ? 250 : 5000)) return;
      lastPrint = now;
      write(workLine(w));
    },
    note(text) {
      if (!quiet) write(text);
    },
    done() {
      if (printed && tty) process.stderr.write('\r\x1b[K');
    },
  };
}
