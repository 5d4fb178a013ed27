/**
 * Turns a {@link FormatSpec} into a line parser. Parsing one head line yields its time parts,
 * level, message and fields; whether the line starts a new event is decided by the assembler.
 */
import { LEVEL_WORD, normalizeLevel, syslogSeverity } from '../levels.ts';
import type { Level } from '../model.ts';
import { compileTimeLayout, type TimeParser, type TimeParts } from '../time.ts';
import type { FormatSpec } from './formatSpec.ts';

/** What one head line says. */
export interface ParsedLine {
  time: TimeParts | null;
  /** The writer logs in UTC whatever the bundle zone (Cloudpods ≥ 3.11 `YYYY-MM-DD` lines). */
  timeIsUtc: boolean;
  level: Level;
  message: string;
  fields: Record<string, string>;
  /** Raw group values, for the continuation rule. */
  groups: Record<string, string | undefined>;
}

/** A format ready to parse lines. */
export interface CompiledFormat {
  spec: FormatSpec;
  id: string;
  /** Parses a line (ANSI already removed); `null` when the line is not a head line of this format. */
  parse(line: string): ParsedLine | null;
  /** True when `line`, although it parses, continues the event whose head was `previous`. */
  continues(parsed: ParsedLine, previous: ParsedLine): boolean;
}

/** A compile error names the format and the bad value. */
export type CompileResult = { ok: true; format: CompiledFormat } | { ok: false; error: string };

function pickKey(object: Record<string, unknown>, keys: string[]): unknown {
  for (const key of keys) if (object[key] !== undefined && object[key] !== null) return object[key];
  return undefined;
}

/** Compiles one format spec. */
export function compileFormat(spec: FormatSpec): CompileResult {
  let regex: RegExp;
  try {
    regex = new RegExp(spec.pattern, spec.flags ?? '');
  } catch (error) {
    return { ok: false, error: `format ${spec.id}: bad pattern: ${(error as Error).message}` };
  }
  // Timestamp layouts in the order they are tried; each says whether its writer logs in UTC.
  const defaultUtc = spec.time?.zone === 'UTC';
  const layouts: { layout: string; utc: boolean }[] = [];
  if (spec.json) {
    for (const layout of [spec.json.timeLayout, ...(spec.json.timeLayouts ?? [])]) layouts.push({ layout, utc: defaultUtc });
  } else if (spec.time) {
    layouts.push({ layout: spec.time.layout, utc: defaultUtc });
    for (const alt of spec.time.layouts ?? []) layouts.push({ layout: alt.layout, utc: alt.zone ? alt.zone === 'UTC' : defaultUtc });
  }
  const timeParsers: { parse: TimeParser; utc: boolean }[] = [];
  for (const { layout, utc } of layouts) {
    if (!layout) continue;
    const compiled = compileTimeLayout(layout);
    if (!compiled.ok) return { ok: false, error: `format ${spec.id}: ${compiled.error}` };
    timeParsers.push({ parse: compiled.parse, utc });
  }
  /** The first layout that fits the text, or `null` when none does. */
  const readTime = (text: string): { time: TimeParts; utc: boolean } | null => {
    for (const parser of timeParsers) {
      const time = parser.parse(text);
      if (time) return { time, utc: parser.utc };
    }
    return null;
  };
  let unless: RegExp | null = null;
  if (spec.continuation?.unlessPattern) {
    try {
      unless = new RegExp(spec.continuation.unlessPattern);
    } catch (error) {
      return { ok: false, error: `format ${spec.id}: bad continuation.unlessPattern: ${(error as Error).message}` };
    }
  }
  const fieldNames = spec.fields ?? [];

  const levelOf = (word: string | undefined): Level => {
    if (spec.level?.priority && word !== undefined && /^\d+$/.test(word)) return syslogSeverity(Number(word));
    return normalizeLevel(word, spec.level?.map);
  };

  const parseRegexLine = (line: string): ParsedLine | null => {
    const m = regex.exec(line);
    if (!m) return null;
    const groups = m.groups ?? {};
    let time: TimeParts | null = null;
    let timeIsUtc = defaultUtc;
    if (timeParsers.length > 0 && spec.time) {
      const text = groups[spec.time.group];
      if (text !== undefined) {
        const read = readTime(text);
        // A head line whose timestamp is impossible (month 13) is not a head line.
        if (read === null) return null;
        time = read.time;
        timeIsUtc = read.utc;
      }
    }
    let level: Level = 'unknown';
    if (spec.level) level = levelOf(groups[spec.level.group]);
    if (level === 'unknown' && spec.levelSearch) {
      const hit = LEVEL_WORD.exec(groups[spec.levelSearch.group] ?? '');
      if (hit) level = normalizeLevel(hit[1]);
    }
    const fields: Record<string, string> = {};
    for (const name of fieldNames) {
      const value = groups[name];
      if (value !== undefined && value !== '' && value !== '-') fields[name] = value;
    }
    const message = spec.message ? (groups[spec.message] ?? '') : line;
    return { time, timeIsUtc, level, message, fields, groups };
  };

  const parseJsonLine = (line: string): ParsedLine | null => {
    if (!regex.test(line)) return null;
    let object: unknown;
    try {
      object = JSON.parse(line);
    } catch {
      return null;
    }
    if (typeof object !== 'object' || object === null || Array.isArray(object)) return null;
    const record = object as Record<string, unknown>;
    const json = spec.json!;
    const rawTime = pickKey(record, json.time);
    const read = rawTime !== undefined ? readTime(String(rawTime)) : null;
    const rawLevel = pickKey(record, json.level);
    const rawMessage = pickKey(record, json.message);
    const fields: Record<string, string> = {};
    for (const name of fieldNames) {
      const value = record[name];
      if (value !== undefined && value !== null && value !== '') fields[name] = typeof value === 'string' ? value : JSON.stringify(value);
    }
    return {
      time: read?.time ?? null,
      timeIsUtc: read?.utc ?? defaultUtc,
      level: rawLevel === undefined ? 'unknown' : levelOf(String(rawLevel)),
      message: rawMessage === undefined ? line : String(rawMessage),
      fields,
      groups: {},
    };
  };

  const sameGroups = spec.continuation?.sameGroups ?? [];
  const unlessGroup = spec.continuation?.unlessGroup;
  const format: CompiledFormat = {
    spec,
    id: spec.id,
    parse: spec.json ? parseJsonLine : parseRegexLine,
    continues(parsed, previous) {
      if (sameGroups.length === 0) return false;
      for (const name of sameGroups) if (parsed.groups[name] !== previous.groups[name]) return false;
      if (unless && unlessGroup && unless.test(parsed.groups[unlessGroup] ?? '')) return false;
      return true;
    },
  };
  return { ok: true, format };
}
