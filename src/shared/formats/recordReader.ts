/**
 * Facts of an event that are not on its head line (a format's `record` block): java.util.logging
 * writes the level and message on the line after the head, `journalctl -o export` writes one
 * `KEY=VALUE` line per field with blank lines between records, `wevtutil qe /f:text` writes
 * `Event[N]:` and then indented `Key: value` lines with the description below them.
 *
 * {@link compileRecord} prepares the block once per format; a {@link RecordReader} reads the lines
 * of one file's records in order (the event cutter owns one), keeping what the current record has
 * said so far. Formats without a record block never reach this module.
 */
import { normalizeLevel, syslogSeverity } from '../levels.ts';
import type { Level } from '../model.ts';
import { indexNamedGroups } from '../regexGroups.ts';
import { compileTimeLayout, type TimeParser, type TimeParts } from '../time.ts';
import type { RecordSpec } from './formatSpec.ts';

/** A record block ready to read lines. */
export interface CompiledRecord {
  /** Records start at the first non-blank line after a blank line, not at head lines. */
  blankStart: boolean;
  /** Lines after the head that are read with the line regex. */
  maxLines: number;
  /** Bare-key lines start a binary-safe value (journal export). */
  binary: boolean;
  messageBelow: boolean;
  regex: RegExp;
  /** Capture indices of `key` and `value` (-1: the line regex is not key/value). */
  keyIndex: number;
  valueIndex: number;
  /** Names of the facts: a group of the line regex, or a key. */
  timeName: string | null;
  levelName: string | null;
  messageName: string | null;
  /** Field name and the name it is read from. */
  fields: readonly (readonly [string, string])[];
  /** Capture index of each name that is a group of the line regex (facts first, then fields). */
  groups: readonly (readonly [string, number])[];
  readTime(text: string): { time: TimeParts; utc: boolean } | null;
  levelOf(word: string): Level;
}

/** Compiles a format's record block; the error names the format and the bad value. */
export function compileRecord(
  id: string,
  spec: RecordSpec,
): { ok: true; record: CompiledRecord } | { ok: false; error: string } {
  let regex: RegExp;
  let index: Record<string, number>;
  try {
    ({ regex, index } = indexNamedGroups(spec.line));
  } catch (error) {
    return { ok: false, error: `format ${id}: bad record.line: ${(error as Error).message}` };
  }
  const defaultUtc = spec.time?.zone === 'UTC';
  const parsers: { parse: TimeParser; utc: boolean }[] = [];
  if (spec.time) {
    const layouts = [
      { layout: spec.time.layout, zone: spec.time.zone },
      ...(spec.time.layouts ?? []).map((alt) => ({ layout: alt.layout, zone: alt.zone ?? spec.time?.zone })),
    ];
    for (const { layout, zone } of layouts) {
      const compiled = compileTimeLayout(layout);
      if (!compiled.ok) return { ok: false, error: `format ${id}: record.time: ${compiled.error}` };
      parsers.push({ parse: compiled.parse, utc: zone ? zone === 'UTC' : defaultUtc });
    }
  }
  const fields = Object.entries(spec.fields ?? {});
  const names = [spec.time?.from, spec.level?.from, spec.message, ...fields.map(([, name]) => name)];
  const groups: [string, number][] = [];
  for (const name of names)
    if (name !== undefined && index[name] !== undefined && !groups.some(([n]) => n === name))
      groups.push([name, index[name]]);
  const keyIndex = index.key !== undefined && index.value !== undefined ? index.key : -1;
  const valueIndex = keyIndex >= 0 ? index.value : -1;
  if (keyIndex < 0 && groups.length === 0)
    return {
      ok: false,
      error: `format ${id}: record.line ${JSON.stringify(spec.line)} has neither "key" and "value" groups nor a group named in "record"`,
    };
  const map = spec.level?.map;
  const priority = spec.level?.priority === true;
  return {
    ok: true,
    record: {
      blankStart: spec.start === 'blank',
      maxLines: spec.lines ?? 500,
      binary: spec.binary === true,
      messageBelow: spec.messageBelow === true,
      regex,
      keyIndex,
      valueIndex,
      timeName: spec.time?.from ?? null,
      levelName: spec.level?.from ?? null,
      messageName: spec.message ?? null,
      fields,
      groups,
      readTime(text) {
        for (const parser of parsers) {
          const time = parser.parse(text);
          if (time) return { time, utc: parser.utc };
        }
        return null;
      },
      levelOf(word) {
        const trimmed = word.trim();
        if (priority && /^\d+$/.test(trimmed)) return syslogSeverity(Number(trimmed));
        return normalizeLevel(trimmed, map);
      },
    },
  };
}

/** A bare key line: a binary-safe value follows (journal export). */
const BARE_KEY = /^[A-Za-z0-9_]+$/;
/** Of a binary value, this many lines and characters are kept; the rest is counted through. */
const MAX_VALUE_LINES = 1000;
const MAX_VALUE_CHARS = 65536;

/** UTF-8 byte length of `text` (each UTF-16 surrogate half counts 2, a pair 4). */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3;
  }
  return n;
}

/** What a line told the reader; the cutter applies it to the open event. */
export interface RecordFact {
  time: { time: TimeParts; utc: boolean } | null;
  level: Level | null;
  message: string | null;
}

/** Reads the lines of one file's records in order. */
export class RecordReader {
  /** The open record's fields (a fresh object per record; empty when fields are not wanted). */
  fields: Record<string, string> = {};
  /** Lines of the open record read after its head. */
  private lines = 0;
  private hasTime = false;
  private hasLevel = false;
  private hasMessage = false;
  /** The message's line was empty: the next non-blank line is the message. */
  private messageNext = false;
  /** A binary-safe value being read: its key, the size bytes seen, the bytes still to come. */
  private binaryKey: string | null = null;
  private sizeText = '';
  private binaryLeft = 0;
  private binaryValue: string[] | null = null;
  /** What the last line said (reused; read it before the next line). */
  readonly fact: RecordFact = { time: null, level: null, message: null };

  constructor(
    readonly spec: CompiledRecord,
    private readonly withFields: boolean,
  ) {}

  /** True while a binary-safe value spans the coming lines (they are data, blank ones too). */
  get inBinary(): boolean {
    return this.binaryKey !== null;
  }

  /** Starts a record at its head line, which is read too (journal export's head is a field). */
  start(text: string): boolean {
    this.fields = {};
    this.lines = 0;
    this.hasTime = this.hasLevel = this.hasMessage = false;
    this.messageNext = false;
    this.binaryKey = null;
    this.binaryValue = null;
    return this.read(text, true);
  }

  /**
   * Reads a line of the open record; true when it gave a new time, level or message (in
   * {@link RecordReader.fact}). Fields are added to {@link RecordReader.fields} as found.
   */
  read(text: string, head = false): boolean {
    const fact = this.fact;
    fact.time = null;
    fact.level = null;
    fact.message = null;
    if (this.binaryKey !== null) return this.readBinary(text);
    const spec = this.spec;
    if (!head && ++this.lines > spec.maxLines) return false;
    if (this.messageNext) {
      const trimmed = text.trim();
      if (trimmed === '') return false;
      this.messageNext = false;
      fact.message = trimmed;
      return true;
    }
    const m = spec.regex.exec(text);
    if (m === null) {
      if (spec.binary && !head && BARE_KEY.test(text)) {
        this.binaryKey = text;
        this.sizeText = '';
        this.binaryLeft = 0;
        this.binaryValue = this.wanted(text) ? [] : null;
      }
      return false;
    }
    let changed = false;
    if (spec.keyIndex >= 0) {
      const key = m[spec.keyIndex];
      if (key !== undefined) changed = this.take(key, m[spec.valueIndex] ?? '');
    }
    for (const [name, i] of spec.groups) {
      const value = m[i];
      if (value !== undefined && this.take(name, value)) changed = true;
    }
    return changed;
  }

  /** Whether `name` feeds a fact or a field. */
  private wanted(name: string): boolean {
    const spec = this.spec;
    if (name === spec.timeName || name === spec.levelName || name === spec.messageName) return true;
    return this.withFields && spec.fields.some(([, from]) => from === name);
  }

  /** Takes one named value (the first of each name counts); true when it set a fact. */
  private take(name: string, value: string): boolean {
    const spec = this.spec;
    const fact = this.fact;
    let changed = false;
    if (name === spec.timeName && !this.hasTime) {
      const time = spec.readTime(value.trim());
      if (time !== null) {
        this.hasTime = true;
        fact.time = time;
        changed = true;
      }
    }
    if (name === spec.levelName && !this.hasLevel) {
      this.hasLevel = true;
      fact.level = spec.levelOf(value);
      changed = true;
    }
    if (name === spec.messageName && !this.hasMessage) {
      this.hasMessage = true;
      const trimmed = value.trim();
      if (trimmed === '' && spec.messageBelow) this.messageNext = true;
      else {
        fact.message = trimmed;
        changed = true;
      }
    }
    if (this.withFields)
      for (const [field, from] of spec.fields)
        if (from === name && this.fields[field] === undefined && value !== '') this.fields[field] = value;
    return changed;
  }

  /**
   * A line of a binary-safe value: first the 8 size bytes (little-endian; a newline among them
   * splits them over lines), then the data, newlines and blank lines included, up to its size.
   */
  private readBinary(text: string): boolean {
    let data = text;
    if (this.sizeText.length < 8) {
      const need = 8 - this.sizeText.length;
      if (text.length < need) {
        // The line ended inside the size: the newline was one of its bytes.
        this.sizeText += `${text}\n`;
        if (this.sizeText.length < 8) return false;
        data = '';
      } else {
        this.sizeText += text.slice(0, need);
        data = text.slice(need);
      }
      let size = 0;
      for (let i = 7; i >= 0; i--) {
        const c = this.sizeText.charCodeAt(i);
        // A byte the decoder did not keep as one character: the size is unknown, the value ends here.
        if (c > 0xff) size = Number.NaN;
        size = size * 256 + c;
      }
      // Each later line of the value also counts the newline before it.
      this.binaryLeft = (Number.isFinite(size) ? size : 0) - utf8Length(data);
      this.binaryValue?.push(data);
    } else {
      this.binaryLeft -= 1 + utf8Length(data);
      if (this.binaryValue && this.binaryValue.length < MAX_VALUE_LINES) this.binaryValue.push(data);
    }
    if (this.binaryLeft > 0) return false;
    const key = this.binaryKey!;
    const value = this.binaryValue;
    this.binaryKey = null;
    this.binaryValue = null;
    if (value === null) return false;
    return this.take(
      key,
      value
        .join('\n')
        .slice(0, MAX_VALUE_CHARS)
        .replace(/\s*\n\s*/g, ' '),
    );
  }
}
