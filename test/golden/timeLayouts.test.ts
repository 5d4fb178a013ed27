// `time.layouts` / `json.timeLayouts`: a format may accept several timestamp layouts, each with
// its own zone, chosen per line (Cloudpods ≥ 3.11 switches from zone-less local `YYMMDD` to UTC
// `YYYY-MM-DD` in the middle of a file).
import { describe, expect, it } from 'vitest';
import { compileFormat, type CompiledFormat } from '../../src/shared/formats/compileFormat.ts';
import { assembleEvents } from '../../src/shared/formats/eventAssembler.ts';
import { validateFormatSpec, type FormatSpec } from '../../src/shared/formats/formatSpec.ts';
import { loadFormats } from '../../src/main/engine/platform/resources.ts';
import { compileTimeLayout, formatIso } from '../../src/shared/time.ts';
import { epochMs } from '../../src/shared/model.ts';

const spec = (extra: Partial<FormatSpec>): FormatSpec => ({
  id: 'test',
  name: 'test',
  description: 'test',
  specificity: 1,
  pattern: '^(?<ts>\\S+ \\S+) (?<msg>.*)$',
  message: 'msg',
  samples: [{ line: 'x', source: 'synthetic: test' }],
  ...extra,
});

const compiled = (s: FormatSpec): CompiledFormat => {
  const result = compileFormat(s);
  if (!result.ok) throw new Error(result.error);
  return result.format;
};

const times = (format: CompiledFormat, lines: string[], zone: string) =>
  assembleEvents(lines, format, { zone, yearReference: epochMs(Date.UTC(2026, 10, 1)) }).map((e) =>
    e.time === null ? null : formatIso(e.time, 'UTC'),
  );

describe('time layout alternatives', () => {
  it('pick the first layout that fits, each line with its own zone', () => {
    const format = compiled(
      spec({
        time: {
          group: 'ts',
          layout: 'YYMMDD HH:mm:ss',
          layouts: [{ layout: 'YYYY-MM-DD HH:mm:ss', zone: 'UTC' }, { layout: 'ISO8601' }],
        },
      }),
    );
    expect(format.parse('250212 16:13:05 a')?.timeIsUtc).toBe(false);
    expect(format.parse('2025-02-12 08:13:05 b')?.timeIsUtc).toBe(true);
    expect(format.parse('2025/02/12 16:13:06 c')?.timeIsUtc).toBe(false);
    // A line no layout fits is not a head line.
    expect(format.parse('2025-13-12 08:13:05 d')).toBeNull();
    expect(times(format, ['250212 16:13:05 a', '2025-02-12 08:13:05 b', '2025/02/12 16:13:06 c'], '+08:00')).toEqual([
      '2025-02-12T08:13:05.000Z',
      '2025-02-12T08:13:05.000Z',
      '2025-02-12T08:13:06.000Z',
    ]);
  });

  it('the cloudpods format reads a real format switch in the bundle zone, then in UTC', () => {
    const cloudpods = loadFormats().find((f) => f.id === 'cloudpods')!;
    const lines = [
      '[info 260609 12:05:08 options.parseOptions(options.go:392)] Set log level to "info"',
      '[info 2026-06-09 04:05:08 options.parseOptions(options.go:367)] Use configuration file: /etc/yunion/common/common.conf',
      '2026/06/09 12:05:08 Allow hosts []',
    ];
    expect(times(cloudpods, lines, 'Asia/Shanghai')).toEqual([
      '2026-06-09T04:05:08.000Z',
      '2026-06-09T04:05:08.000Z',
      '2026-06-09T04:05:08.000Z',
    ]);
  });

  it('JSON lines try timeLayouts after timeLayout (zap writes epoch seconds)', () => {
    const format = compiled(
      spec({
        pattern: '^\\{.*\\}$',
        json: { time: ['ts'], timeLayout: 'ISO8601', timeLayouts: ['epoch-s'], level: ['level'], message: ['msg'] },
      }),
    );
    expect(
      times(
        format,
        ['{"ts":1758183871.5,"msg":"a"}', '{"ts":"2025-09-18T08:24:32Z","msg":"b"}', '{"ts":"","msg":"c"}'],
        'UTC',
      ),
    ).toEqual([
      '2025-09-18T08:24:31.500Z',
      '2025-09-18T08:24:32.000Z',
      // An empty time is no time (not 1970): the event inherits the time before it.
      '2025-09-18T08:24:32.000Z',
    ]);
  });

  it('epoch layouts reject empty text instead of reading 1970', () => {
    const parse = compileTimeLayout('epoch-s');
    expect(parse.ok && parse.parse('')).toBeNull();
    expect(parse.ok && parse.parse('  ')).toBeNull();
  });

  it('a bad alternative layout is a compile error naming the format; a malformed list fails validation', () => {
    const result = compileFormat(spec({ time: { group: 'ts', layout: 'ISO8601', layouts: [{ layout: 'HH:mm' }] } }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^format test: time layout "HH:mm"/);
    const problems = validateFormatSpec(
      { ...spec({}), time: { group: 'ts', layout: 'ISO8601', layouts: ['ISO8601'] } },
      'test.json',
    );
    expect(problems).toEqual([
      'format test.json: "time.layouts" must be a list of { "layout": string, "zone"?: "bundle" | "UTC" }',
    ]);
  });
});

// A layout with a fixed-width head and a final fraction reuses the last line's head when only
// the fraction changed: the answers must be those of a fresh parse, whatever came before.
describe('consecutive timestamps that differ in the fraction only', () => {
  it('parse as a fresh parser would, bad fractions included', () => {
    const texts = [
      '2025-09-18 16:24:31.217',
      '2025-09-18 16:24:31.218',
      '2025-09-18 16:24:31.5',
      '2025-09-18 16:24:31.123456789',
      '2025-09-18 16:24:31.1234567890',
      '2025-09-18 16:24:31.12x',
      '2025-09-18 16:24:31.',
      '2025-09-18 16:24:32.001',
      '2025-09-18 16:24:32.001 ',
      '2025-13-18 16:24:32.001',
      '2025-09-18 16:24:32.002',
      '2025-09-18 16:24:60.000',
      '2025-09-18 16:24:60.500',
    ];
    const warm = compileTimeLayout('YYYY-MM-DD HH:mm:ss.SSS');
    if (!warm.ok) throw new Error(warm.error);
    for (const text of texts) {
      const fresh = compileTimeLayout('YYYY-MM-DD HH:mm:ss.SSS');
      if (!fresh.ok) throw new Error(fresh.error);
      expect(warm.parse(text), text).toEqual(fresh.parse(text));
    }
  });
});
