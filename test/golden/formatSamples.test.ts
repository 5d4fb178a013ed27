// Every format in resources/formats carries sample lines; each must parse with its own format,
// yield what it says, and be claimed by that format when detection sees the line alone.
import { describe, expect, it } from 'vitest';
import { pickFormat } from '../../src/shared/formats/detectFormat.ts';
import { stripAnsi } from '../../src/shared/formats/eventAssembler.ts';
import { partsToEpoch } from '../../src/shared/time.ts';
import { loadFormats } from '../../src/main/engine/platform/resources.ts';

const formats = loadFormats();

describe('format files', () => {
  it('load, validate and have unique ids', () => {
    expect(formats.length).toBeGreaterThan(0);
    expect(new Set(formats.map((f) => f.id)).size).toBe(formats.length);
  });

  for (const format of formats) {
    describe(format.id, () => {
      format.spec.samples.forEach((sample, i) => {
        it(`sample ${i + 1} parses (${sample.source})`, () => {
          const line = stripAnsi(sample.line);
          const parsed = format.parse(line);
          expect(parsed, `format ${format.id} does not parse its sample: ${sample.line}`).not.toBeNull();
          const expected = sample.expect;
          if (expected?.level) expect(parsed!.level).toBe(expected.level);
          if (expected?.message !== undefined) expect(parsed!.message).toBe(expected.message);
          if (expected?.fields) expect(parsed!.fields).toMatchObject(expected.fields);
          if (expected?.time) {
            expect(parsed!.time).not.toBeNull();
            const year = parsed!.time!.year ?? Number(expected.time.slice(0, 4));
            const time = partsToEpoch({ ...parsed!.time!, year }, 'UTC');
            expect(new Date(time!).toISOString()).toBe(new Date(expected.time).toISOString());
          }
        });
        it(`sample ${i + 1} is claimed by ${format.id} when seen alone`, () => {
          const picked = pickFormat([stripAnsi(sample.line)], formats);
          expect(picked.format?.id).toBe(format.id);
        });
      });
      (format.spec.counterSamples ?? []).forEach((sample, i) => {
        it(`counter-sample ${i + 1} is not parsed (${sample.source})`, () => {
          expect(format.parse(stripAnsi(sample.line))).toBeNull();
        });
      });
    });
  }
});
