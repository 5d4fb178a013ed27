/**
 * The files of a case that stay untimed: log or text files with events, none of which a format
 * gave a time. Their events are not on the timeline (and time filters leave them out), which the
 * Files view says, with how many events that is, and offers to define a format for them.
 */
import type { FileRecord } from '../../../../shared/model.ts';

/** Whether a file has events but no time: no format read a time in its lines. */
export function isUntimed(file: FileRecord): boolean {
  return (file.kind === 'log' || file.kind === 'text') && file.events > 0 && file.firstTime === null;
}

/** The untimed files (by their index in the inventory, most events first) and their events in all. */
export function untimedFiles(files: readonly FileRecord[]): { files: number[]; events: number } {
  const found: number[] = [];
  let events = 0;
  files.forEach((file, i) => {
    if (!isUntimed(file)) return;
    found.push(i);
    events += file.events;
  });
  found.sort((a, b) => files[b].events - files[a].events || a - b);
  return { files: found, events };
}
