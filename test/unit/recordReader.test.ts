// The record block of a format: binary-safe journal export values (a bare key, a little-endian
// 64-bit size, then that many bytes, newlines and blank lines included) must be counted through
// without cutting the record, and a bad record block must be refused naming the format.
import { describe, expect, it } from 'vitest';
import { compileFormat } from '../../src/shared/formats/compileFormat.ts';
import { assembleEvents } from '../../src/shared/formats/eventAssembler.ts';
import { formatSpecSchema, type FormatSpec } from '../../src/shared/formats/formatSpec.ts';
import { epochMs } from '../../src/shared/model.ts';
import { loadFormats } from '../../src/main/engine/platform/resources.ts';

const journal = loadFormats().find((f) => f.id === 'journal-export')!;
const context = { zone: 'UTC', yearReference: epochMs(Date.UTC(2026, 0, 1)) };

/** The lines a line splitter makes of export text with one binary field (`key`, `value`). */
function exportLines(before: string[], key: string, value: string, after: string[]): string[] {
  const size = Buffer.alloc(8);
  size.writeBigUInt64LE(BigInt(Buffer.byteLength(value)));
  const text = [...before, key].join('\n') + '\n' + size.toString('latin1') + value + '\n' + after.join('\n') + '\n';
  const lines = text.split('\n');
  lines.pop();
  return lines;
}

describe('journal export binary fields', () => {
  it('reads a MESSAGE written as size and bytes (logdna-agent-v2 test_parse record)', () => {
    // logdna/logdna-agent-v2 common/journald/src/journalctl/mod.rs: journal.send("foo\nbar") from python3.
    const lines = exportLines(
      [
        '__CURSOR=s=bcce4fb8ffcb40e9a6e05eee8b7831bf;i=5ef603;b=ec25d6795f0645619ddac9afdef453ee;m=545242e7049;t=50f1202',
        '__REALTIME_TIMESTAMP=1423944916375353',
        '_HOSTNAME=bupkis',
        'SYSLOG_IDENTIFIER=python3',
        '_SYSTEMD_UNIT=session-35898.scope',
      ],
      'MESSAGE',
      'foo\nbar',
      ['CODE_FILE=<string>', '_PID=16853', '_SOURCE_REALTIME_TIMESTAMP=1423944916372858', ''],
    );
    const events = assembleEvents(lines, journal, context);
    expect(events).toHaveLength(1);
    expect(events[0].message).toBe('foo bar');
    expect(events[0].lineCount).toBe(lines.length);
    expect(new Date(events[0].time!).toISOString()).toBe('2015-02-14T20:15:16.375Z');
    // _PID comes after the binary value: the reader is back on KEY=VALUE lines.
    expect(events[0].fields).toEqual({
      host: 'bupkis',
      identifier: 'python3',
      unit: 'session-35898.scope',
      pid: '16853',
    });
  });

  it('does not cut a record at blank lines inside a binary value (VictoriaLogs journald test)', () => {
    // VictoriaMetrics/VictoriaMetrics app/vlinsert/journald/journald_test.go: MESSAGE of 19 bytes
    // "foo\nbar\n\n\nasda\nasda", then _PID, then the next record.
    const lines = exportLines(
      ['__REALTIME_TIMESTAMP=1729698775704404', '_HOSTNAME=ecd5e4555787', 'SYSLOG_IDENTIFIER=python3'],
      'MESSAGE',
      'foo\nbar\n\n\nasda\nasda',
      [
        '_PID=2763',
        '_SOURCE_REALTIME_TIMESTAMP=1729698775704375',
        '',
        '__REALTIME_TIMESTAMP=91723819284',
        'MESSAGE=Test message2',
        '',
      ],
    );
    const events = assembleEvents(lines, journal, context);
    expect(events.map((e) => e.message)).toEqual(['foo bar asda asda', 'Test message2']);
    expect(events[0].fields.pid).toBe('2763');
    expect(events[1].line).toBe(lines.indexOf('__REALTIME_TIMESTAMP=91723819284') + 1);
  });

  it('reads a size whose bytes hold a newline (synthetic: a 10-byte value has size byte 0x0a)', () => {
    const lines = exportLines(['__REALTIME_TIMESTAMP=1622124170808359'], 'MESSAGE', 'ab\n\ncd\nefg', [
      'PRIORITY=3',
      '',
      '__REALTIME_TIMESTAMP=1622124170808388',
      'MESSAGE=next',
      '',
    ]);
    // The size's first byte split its line: the key, an empty line, then 7 NULs and the data.
    expect(lines[2]).toBe('');
    const events = assembleEvents(lines, journal, context);
    expect(events.map((e) => [e.message, e.level])).toEqual([
      ['ab cd efg', 'error'],
      ['next', 'unknown'],
    ]);
  });

  it('skips a binary value nobody asked for, whatever it holds', () => {
    const lines = exportLines(
      ['__REALTIME_TIMESTAMP=1622124170808359', 'MESSAGE=kept'],
      'COREDUMP',
      '\x00\x01\x02binary\n\nMESSAGE=not a field\n',
      ['PRIORITY=4', ''],
    );
    const events = assembleEvents(lines, journal, context);
    expect(events).toHaveLength(1);
    expect(events[0].message).toBe('kept');
    expect(events[0].level).toBe('warning');
  });
});

describe('record block validation', () => {
  const base = (record: unknown) =>
    formatSpecSchema.parse({
      id: 'x',
      name: 'x',
      description: 'x',
      specificity: 50,
      pattern: '^Event$',
      record,
      samples: [{ line: 'Event', source: 'synthetic: validation only' }],
    }) as FormatSpec;

  it('refuses a record.line that is not a regex, naming the format', () => {
    const result = compileFormat(base({ line: '(' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/format x: bad record\.line/);
  });

  it('refuses a record.line whose groups the block does not use', () => {
    const result = compileFormat(base({ line: '^(?<a>.*)$', message: 'b' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain('"^(?<a>.*)$"');
  });

  it('refuses a bad record time layout, naming the format', () => {
    const result = compileFormat(base({ line: '^(?<t>.*)$', time: { from: 't', layout: 'QQQ' } }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/format x: record\.time/);
  });
});
