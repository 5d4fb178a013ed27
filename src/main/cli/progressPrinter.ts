/** The one-line progress display of long CLI commands, on stderr. */
import type { ReadProgress } from '../../shared/api.ts';
import { formatBytes, formatDuration } from '../../shared/format.ts';

/** Writes one progress line to stderr (overwritten in a terminal, every 5 s otherwise). */
export function progressPrinter(quiet: boolean): {
  update: (p: ReadProgress) => void;
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
    note(text) {
      if (!quiet) write(text);
    },
    done() {
      if (printed && tty) process.stderr.write('\r\x1b[K');
    },
  };
}
