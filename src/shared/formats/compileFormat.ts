/**
 * Turns a {@link FormatSpec} into a line parser. Parsing one head line yields its time parts,
 * level, message and fields; whether the line starts a new event is decided by the assembler.
 */
import { LEVEL_WORD, normalizeLevel, syslogSeverity } from '../levels.ts';
import type { Level } from '../model.ts';
import { compileTimeLayout, type TimeParser, type TimeParts } from '../time.ts';
import type { FormatSpec } from './formatSpec.ts';
import { indexNamedGroups } from '../regexGroups.ts';
import { compileRecord, type CompiledRecord } from './recordReader.ts';

/** What one head line says. */
export interface ParsedLine {
  time: TimeParts | null;
  /** The writer logs in UTC whatever the bundle zone (Cloudpods ≥ 3.11 `YYYY-MM-DD` lines). */
  timeIsUtc: boolean;
  level: Level;
  message: string;
  fields: Record<string, string>;
  /** Raw capture values by index (see `indexNamedGroups`), for the continuation rule. */
  captures: readonly (string | undefined)[];
}

/** A format ready to parse lines. */
export interface CompiledFormat {
  spec: FormatSpec;
  id: string;
  /** Parses a line (ANSI already removed); `null` when the line is not a head line of this format. */
  parse(line: string): ParsedLine | null;
  /**
   * {@link CompiledFormat.parse} without the named fields (empty): what the ingest needs for
   * every line of a bundle, without building an object of fields per line.
   */
  parseHead(line: string): ParsedLine | null;
  /** True when `line`, although it parses, continues the event whose head was `previous`. */
  continues(parsed: ParsedLine, previous: ParsedLine): boolean;
  /** Facts read from an event's later lines (the spec's `record` block), or null. */
  record: CompiledRecord | null;
}

/** A compile error names the format and the bad value. */
export type CompileResult = { ok: true; format: CompiledFormat } | { ok: false; error: string };

/**
 * The first of `keys` that the object has. A key that is not there as written but has dots is
 * followed as a path (`t.$date` in MongoDB's `{"t":{"$date":…}}`); flat dotted keys (ECS's
 * `log.level`) are looked up as written first.
 */
function pickKey(object: Record<string, unknown>, keys: string[]): unknown {
  for (const key of keys) {
    let value = object[key];
    if (value === undefined && key.includes('.')) {
      value = object;
      for (const part of key.split('.')) {
        value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
      }
    }
    if (value !== undefined && value !== null && typeof value !== 'object') return value;
  }
  return undefined;
}

/** Compiles one format spec. */
export function compileFormat(spec: FormatSpec): CompileResult {
  let regex: RegExp;
  let index: Record<string, number>;
  try {
    ({ regex, index } = indexNamedGroups(spec.pattern, spec.flags ?? ''));
  } catch (error) {
    return { ok: false, error: `format ${spec.id}: bad pattern: ${(error as Error).message}` };
  }
  // Timestamp layouts in the order they are tried; each says whether its writer logs in UTC.
  const defaultUtc = spec.time?.zone === 'UTC';
  const layouts: { layout: string; utc: boolean }[] = [];
  if (spec.json) {
    for (const layout of [spec.json.timeLayout, ...(spec.json.timeLayouts ?? [])])
      layouts.push({ layout, utc: defaultUtc });
  } else if (spec.time) {
    layouts.push({ layout: spec.time.layout, utc: defaultUtc });
    for (const alt of spec.time.layouts ?? [])
      layouts.push({ layout: alt.layout, utc: alt.zone ? alt.zone === 'UTC' : defaultUtc });
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
  let record: CompiledRecord | null = null;
  if (spec.record) {
    const compiled = compileRecord(spec.id, spec.record);
    if (!compiled.ok) return compiled;
    record = compiled.record;
  }
  const fieldNames = spec.fields ?? [];

  const levelOf = (word: string | undefined): Level => {
    if (spec.level?.priority && word !== undefined && /^\d+$/.test(word)) return syslogSeverity(Number(word));
    return normalizeLevel(word, spec.level?.map);
  };

  const levelCache = new Map<string, Level>();
  const levelOfCached = (word: string | undefined): Level => {
    if (word === undefined) return 'unknown';
    let level = levelCache.get(word);
    if (level === undefined) {
      level = levelOf(word);
      if (levelCache.size < 256) levelCache.set(word, level);
    }
    return level;
  };
  const at = (name: string | undefined): number => (name === undefined ? -1 : (index[name] ?? -1));
  const timeIndex = at(spec.time?.group);
  const levelIndex = at(spec.level?.group);
  const levelSearchIndex = at(spec.levelSearch?.group);
  const messageIndex = at(spec.message);
  const fieldIndices = fieldNames.map((name) => [name, at(name)] as const).filter(([, i]) => i >= 0);

  const noFields: Record<string, string> = Object.freeze({}) as Record<string, string>;
  const parseRegexLine = (line: string, withFields = true): ParsedLine | null => {
    const m = regex.exec(line);
    if (!m) return null;
    let time: TimeParts | null = null;
    let timeIsUtc = defaultUtc;
    if (timeParsers.length > 0 && timeIndex >= 0) {
      const text = m[timeIndex];
      if (text !== undefined) {
        const read = readTime(text);
        // A head line whose timestamp is impossible (month 13) is not a head line.
        if (read === null) return null;
        time = read.time;
        timeIsUtc = read.utc;
      }
    }
    let level: Level = levelIndex >= 0 ? levelOfCached(m[levelIndex]) : 'unknown';
    if (level === 'unknown' && levelSearchIndex >= 0) {
      const hit = LEVEL_WORD.exec(m[levelSearchIndex] ?? '');
      if (hit) level = normalizeLevel(hit[1]);
    }
    let fields = noFields;
    if (withFields) {
      fields = {};
      for (const [name, i] of fieldIndices) {
        const value = m[i];
        if (value !== undefined && value !== '' && value !== '-') fields[name] = value;
      }
    }
    const message = messageIndex >= 0 ? (m[messageIndex] ?? '') : spec.message ? '' : line;
    return { time, timeIsUtc, level, message, fields, captures: m };
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
    let rawTime = pickKey(record, json.time);
    // Seconds and nanoseconds in two keys (log4j2's Instant) read as one fractional epoch.
    const nanos = json.timeNanos && rawTime !== undefined ? pickKey(record, json.timeNanos) : undefined;
    if (typeof nanos === 'number' && Number.isInteger(nanos) && nanos >= 0 && nanos < 1e9)
      rawTime = `${String(rawTime)}.${String(nanos).padStart(9, '0')}`;
    const read = rawTime !== undefined ? readTime(String(rawTime)) : null;
    const rawLevel = pickKey(record, json.level);
    const rawMessage = pickKey(record, json.message);
    const fields: Record<string, string> = {};
    for (const name of fieldNames) {
      const value = record[name];
      if (value !== undefined && value !== null && value !== '')
        fields[name] = typeof value === 'string' ? value : JSON.stringify(value);
    }
    const message = rawMessage === undefined ? line : String(rawMessage);
    let level: Level = rawLevel === undefined ? 'unknown' : levelOf(String(rawLevel));
    // A wrapper without a level of its own (Docker's json-file) carries the program's line:
    // its level word, when the format asks for it.
    if (level === 'unknown' && spec.levelSearch) {
      const hit = LEVEL_WORD.exec(message);
      if (hit) level = normalizeLevel(hit[1]);
    }
    return {
      time: read?.time ?? null,
      timeIsUtc: read?.utc ?? defaultUtc,
      level,
      message,
      fields,
      captures: [],
    };
  };

  const sameIndices = (spec.continuation?.sameGroups ?? []).map(at);
  const unlessIndex = at(spec.continuation?.unlessGroup);
  const format: CompiledFormat = {
    spec,
    id: spec.id,
    parse: spec.json ? parseJsonLine : (line) => parseRegexLine(line, true),
    parseHead: spec.json ? parseJsonLine : (line) => parseRegexLine(line, false),
    continues(parsed, previous) {
      if (sameIndices.length === 0) return false;
      for (const i of sameIndices) if (parsed.captures[i] !== previous.captures[i]) return false;
      if (unless && unlessIndex >= 0 && unless.test(parsed.captures[unlessIndex] ?? '')) return false;
      return true;
    },
    record,
  };
  return { ok: true, format };
}
