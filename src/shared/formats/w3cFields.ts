/**
 * W3C extended logs read by their own `#Fields:` directive. The columns of a W3C log (IIS, HTTP.sys,
 * Oracle Web Cache, FTP, Incapsula…) are whatever its `#Fields:` line names, so one regex cannot
 * read them all: this format takes the column list from the directive, the day from `#Date:` when
 * the records carry only a time (IIS 4's FTP log), and follows a new directive block mid-file (a
 * restart writes one). It is stateful: it must see the file's lines in order, which the event
 * cutter does; detection makes a fresh one for the cutter.
 */
import type { Level } from '../model.ts';
import { compileTimeLayout, type TimeParts } from '../time.ts';
import type { CompiledFormat, ParsedLine } from './compileFormat.ts';

const FIELDS = /^#Fields:\s*(.*)$/;
const DATE = /^#(?:Start-)?Date:\s*(\d{4}-\d{2}-\d{2})/;
// A token: a quoted string (quotes dropped, `""` inside one is a quote) or a run of non-blanks.
const TOKEN = /"((?:[^"]|"")*)"|(\S+)/g;
const FRACTION = compileTimeLayout('YYYY-MM-DD HH:mm:ss.SSS');
const WHOLE = compileTimeLayout('YYYY-MM-DD HH:mm:ss');

function readTime(text: string): TimeParts | null {
  return (FRACTION.ok ? FRACTION.parse(text) : null) ?? (WHOLE.ok ? WHOLE.parse(text) : null);
}

function levelOfStatus(status: string | undefined): Level {
  if (!status || !/^[1-5]\d\d$/.test(status)) return 'unknown';
  return status[0] === '5' ? 'error' : status[0] === '4' ? 'warning' : 'info';
}

/** Whether the lines hold a `#Fields:` directive. */
export function hasW3cFields(lines: readonly string[]): boolean {
  return lines.some((line) => FIELDS.test(line));
}

/**
 * A format for one W3C file, built on `base` (the `iis-w3c` format: its id and spec). A record
 * line parses once a `#Fields:` directive has named its columns and a date and time are found.
 */
export function w3cFieldsFormat(base: CompiledFormat): CompiledFormat {
  let fields: string[] = [];
  let day: string | null = null;

  const parse = (line: string): ParsedLine | null => {
    if (line.startsWith('#')) {
      const named = FIELDS.exec(line);
      if (named) fields = named[1]!.trim().split(/\s+/);
      const dated = DATE.exec(line);
      if (dated) day = dated[1]!;
      return null;
    }
    if (fields.length === 0) return null;
    const values: string[] = [];
    for (const match of line.matchAll(TOKEN)) values.push(match[1]?.replaceAll('""', '"') ?? match[2]!);
    // A record has a value per field; a trailing field left empty may be missing.
    if (values.length !== fields.length && values.length !== fields.length - 1) return null;
    const value: Record<string, string> = {};
    fields.forEach((name, i) => {
      const v = values[i];
      if (v !== undefined && v !== '' && v !== '-') value[name.toLowerCase()] = v;
    });
    const local = value['date-local'] !== undefined || value['time-local'] !== undefined;
    const date = value.date ?? value['date-local'] ?? day;
    const clock = value.time ?? value['time-local'];
    if (!date || !clock) return null;
    const time = readTime(`${date} ${clock}`);
    if (!time) return null;
    const rest = fields
      .map((name, i) => (/^(?:date|time)(?:-local)?$/i.test(name) ? null : values[i]))
      .filter((v): v is string => v !== null && v !== undefined);
    return {
      time,
      // W3C `date` and `time` are UTC by the standard; the `-local` fields are the server's zone.
      timeIsUtc: !local,
      level: levelOfStatus(value['sc-status']),
      message: rest.join(' '),
      fields: value,
      captures: [],
    };
  };

  return { spec: base.spec, id: base.id, parse, parseHead: parse, continues: () => false, record: null };
}
