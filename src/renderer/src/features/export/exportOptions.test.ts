import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  REPORT_FORMATS,
  defaultExportOptions,
  type ExportedReport,
  type ReportFormat,
} from '../../../../shared/reportExport.ts';
import {
  MAX_CONTEXT_LINES,
  canExport,
  contextLinesOf,
  languageOf,
  redactionOutcome,
  toggleFormat,
} from './exportOptions.ts';

describe('toggleFormat', () => {
  it('adds a format in the usual order and takes it out again', () => {
    expect(toggleFormat(['md'], 'pdf')).toEqual(['pdf', 'md']);
    expect(toggleFormat(['pdf', 'md'], 'json')).toEqual(['pdf', 'md', 'json']);
    expect(toggleFormat(['pdf', 'md'], 'pdf')).toEqual(['md']);
    expect(toggleFormat([], 'json')).toEqual(['json']);
  });

  it('keeps the formats distinct and ordered whatever is clicked (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom<ReportFormat>(...REPORT_FORMATS), { maxLength: 12 }), (clicks) => {
        let formats: ReportFormat[] = [];
        for (const f of clicks) formats = toggleFormat(formats, f);
        const odd = REPORT_FORMATS.filter((f) => clicks.filter((c) => c === f).length % 2 === 1);
        return JSON.stringify(formats) === JSON.stringify(odd);
      }),
    );
  });
});

describe('contextLinesOf', () => {
  it('takes a whole number from 0 to the maximum, 0 for what is not a number', () => {
    expect(contextLinesOf('50')).toBe(50);
    expect(contextLinesOf('7.9')).toBe(7);
    expect(contextLinesOf('-3')).toBe(0);
    expect(contextLinesOf('100000')).toBe(MAX_CONTEXT_LINES);
    expect(contextLinesOf('')).toBe(0);
    expect(contextLinesOf('abc')).toBe(0);
  });
});

describe('languageOf and canExport', () => {
  it('reads the select as English unless Chinese', () => {
    expect(languageOf('zh')).toBe('zh');
    expect(languageOf('en')).toBe('en');
    expect(languageOf('fr')).toBe('en');
  });

  it('exports with a format, and not while writing', () => {
    const options = defaultExportOptions('en');
    expect(canExport(options, false)).toBe(true);
    expect(canExport(options, true)).toBe(false);
    expect(canExport({ ...options, formats: [] }, false)).toBe(false);
  });
});

describe('redactionOutcome', () => {
  const report = (redaction: ExportedReport['redaction']): ExportedReport => ({
    files: [],
    findings: 0,
    pins: 0,
    redaction,
  });
  it('tells off, nothing found and what was masked apart', () => {
    expect(redactionOutcome(report(null))).toEqual({ kind: 'off' });
    const summary = { secrets: true, network: true, total: 0, pseudonyms: 0 };
    expect(redactionOutcome(report({ ...summary, counts: {} }))).toEqual({ kind: 'nothing' });
    expect(redactionOutcome(report({ ...summary, counts: { password: 2, ip: 1 }, total: 3 }))).toEqual({
      kind: 'masked',
      counts: [
        ['password', 2],
        ['ip', 1],
      ],
    });
  });
});
