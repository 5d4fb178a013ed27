/**
 * Reads every lnav test log through the engine's single-thread reader (`readInventory`) and prints
 * a Markdown table: file, kind and format detected, events, share of events with their own time,
 * and the levels found. It measures how much of lnav's format corpus Tarsier reads, before and
 * after a change to the formats (docs/lnav-formats-before.md, docs/lnav-formats-after.md).
 *
 * Which files count as logs: every regular file in the folder whose name starts with `logfile_`
 * (lnav's own naming for its test logs). Anything else there — test scripts (`.sh`), lnav command
 * files (`.cmd`, `.lnav`), expected outputs, SQL and configuration — is not a log and is skipped.
 *
 * Usage: tsx scripts/lnavTable.ts [folder]   (default ../shared/peers/lnav/test)
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readInventory } from '../src/main/engine/ingest/readInventory.ts';
import type { FileRecord, LogEvent } from '../src/shared/model.ts';

const folder = resolve(process.argv[2] ?? join(import.meta.dirname, '..', '..', 'shared', 'peers', 'lnav', 'test'));

/** lnav's test logs: `logfile_*` regular files (see the header for why). */
export function isLnavLog(name: string, path: string): boolean {
  return name.startsWith('logfile_') && statSync(path).isFile();
}

interface Row {
  file: string;
  detected: string;
  events: number;
  timed: number;
  levels: string;
}

async function readOne(name: string): Promise<Row> {
  let timed = 0;
  const onEvent = (_file: FileRecord, event: LogEvent) => {
    if (event.time !== null && !event.timeInherited) timed++;
  };
  const result = await readInventory([join(folder, name)], { zone: 'UTC', onEvent });
  if (!result.ok) return { file: name, detected: `failed: ${result.error}`, events: 0, timed: 0, levels: '' };
  const record = result.value.files[0];
  if (!record) {
    const skipped = result.value.skipped[0]?.reason ?? result.value.problems[0]?.reason ?? 'not read';
    return { file: name, detected: `not read (${skipped})`, events: 0, timed: 0, levels: '' };
  }
  const levels = Object.entries(record.levels)
    .filter(([level, n]) => n > 0 && level !== 'unknown')
    .map(([level, n]) => `${level} ${n}`)
    .join(', ');
  const detected = record.kind === 'log' ? record.format : record.kind;
  return { file: name, detected, events: record.events, timed, levels };
}

const percent = (part: number, whole: number) => (whole === 0 ? '–' : `${Math.round((part * 100) / whole)}%`);

async function main(): Promise<void> {
  const names = readdirSync(folder)
    .filter((name) => isLnavLog(name, join(folder, name)))
    .sort();
  const rows: Row[] = [];
  for (const name of names) rows.push(await readOne(name));
  const timedFiles = rows.filter((row) => row.events > 0 && row.timed * 10 >= row.events * 9).length;
  const leveledFiles = rows.filter((row) => row.levels !== '').length;
  const logFiles = rows.filter((row) => !/^(text|json|config|not read|failed)/.test(row.detected)).length;
  console.log(`Read with \`tsx scripts/lnavTable.ts\` (zone UTC) from ${names.length} lnav test logs.\n`);
  console.log(`- detected as a log (a format chosen): ${logFiles} of ${names.length}`);
  console.log(`- at least 90% of events timed: ${timedFiles} of ${names.length}`);
  console.log(`- with levels found (other than unknown): ${leveledFiles} of ${names.length}\n`);
  console.log('| file | detected | events | timed | levels (unknown not shown) |');
  console.log('| --- | --- | ---: | ---: | --- |');
  for (const row of rows)
    console.log(
      `| ${row.file} | ${row.detected} | ${row.events} | ${percent(row.timed, row.events)} | ${row.levels} |`,
    );
}

await main();
