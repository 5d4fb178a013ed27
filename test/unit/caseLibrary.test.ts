// The pure parts of the case library (shared/library): what a case contributes, the ranking of
// similar cases and the seen-before refs, the checks of a library file, the export's redaction
// and the query count.
import { describe, expect, it } from 'vitest';
import { emptyNotes } from '../../src/shared/caseNotes.ts';
import {
  conclusionLine,
  libraryCaseOf,
  libraryFindings,
  libraryTemplates,
  worthKeeping,
} from '../../src/shared/library/libraryCase.ts';
import { checkLibraryFile, libraryFileOf, redactLibrary } from '../../src/shared/library/libraryFile.ts';
import { LibraryLookup, MAX_REFS, matchLibrary } from '../../src/shared/library/libraryMatching.ts';
import { MAX_LIBRARY_TEMPLATES, type LibraryCase } from '../../src/shared/library/libraryModel.ts';
import { libraryQueryMatches } from '../../src/shared/library/libraryQuery.ts';
import { queryWords } from '../../src/main/engine/library/librarySearch.ts';

const key = (n: number) => n.toString(16).padStart(64, '0');

function pastCase(n: number, templates: string[], rules: string[] = [], extra: Partial<LibraryCase> = {}): LibraryCase {
  return {
    key: key(n),
    ticket: `TCK-${n}`,
    customer: '',
    problem: '',
    conclusion: '',
    names: [`case-${n}.tar.gz`],
    savedAt: 1_000 * n,
    findings: rules.map((rule) => ({ rule, title: { en: rule, zh: rule }, severity: 'error' })),
    templates: templates.map((text) => ({ text, level: 'error', count: 1 })),
    pins: [],
    origin: 'local',
    ...extra,
  };
}

describe('what a case contributes', () => {
  it('keeps error and warning templates once per key, errors first, most frequent first', () => {
    const templates = libraryTemplates([
      { text: 'disk  full on <*> <*>', errors: 0, warnings: 3 },
      { text: 'disk full on <*>', errors: 0, warnings: 4 },
      { text: 'request served', errors: 0, warnings: 0 },
      { text: 'volume <*> not found', errors: 2, warnings: 0 },
      { text: 'lock timeout', errors: 9, warnings: 1 },
    ]);
    expect(templates).toEqual([
      { text: 'lock timeout', level: 'error', count: 9 },
      { text: 'volume <*> not found', level: 'error', count: 2 },
      { text: 'disk full on <*>', level: 'warning', count: 7 },
    ]);
    const many = Array.from({ length: MAX_LIBRARY_TEMPLATES + 5 }, (_, i) => ({
      text: `error ${i}`,
      errors: i + 1,
      warnings: 0,
    }));
    expect(libraryTemplates(many)).toHaveLength(MAX_LIBRARY_TEMPLATES);
    expect(libraryTemplates(many)[0].text).toBe(`error ${MAX_LIBRARY_TEMPLATES + 4}`);
  });

  it('keeps a finding once per rule and marks the engineer’s own rules', () => {
    const title = { en: 'Quota', zh: '配额' };
    expect(
      libraryFindings([
        { rule: 'quota', title, severity: 'error' },
        { rule: 'mine', title, severity: 'warning', userRule: true },
        { rule: 'quota', title, severity: 'error' },
      ]),
    ).toEqual([
      { rule: 'quota', title, severity: 'error' },
      { rule: 'mine', title, severity: 'warning', user: true },
    ]);
  });

  it('keeps a case with something of the engineer’s, an error template or a finding; not one of warnings only', () => {
    const base = { key: key(1), names: ['a.tgz'], savedAt: 1, findings: [], templates: [] };
    const warnings = [{ text: 'slow', level: 'warning' as const, count: 1 }];
    expect(worthKeeping(libraryCaseOf({ ...base, notes: emptyNotes(), templates: warnings }))).toBe(false);
    expect(worthKeeping(libraryCaseOf({ ...base, notes: { ...emptyNotes(), ticket: ' T-1 ' } }))).toBe(true);
    expect(
      worthKeeping(libraryCaseOf({ ...base, notes: emptyNotes(), templates: [{ ...warnings[0], level: 'error' }] })),
    ).toBe(true);
    const entry = libraryCaseOf({ ...base, notes: { ...emptyNotes(), ticket: ' T-1 ', statement: 'p' } });
    expect([entry.ticket, entry.problem, entry.origin]).toEqual(['T-1', 'p', 'local']);
  });

  it('names a conclusion by its first line, at most 200 characters', () => {
    expect(conclusionLine('\n  Root cause: quota  \nsecond')).toBe('Root cause: quota');
    expect(conclusionLine('配'.repeat(300))).toBe('配'.repeat(200));
    expect(conclusionLine('')).toBe('');
  });
});

describe('matching the library', () => {
  const lookup = new LibraryLookup([
    pastCase(1, ['t1', 't2'], ['r1']),
    pastCase(2, ['t1', 't2', 't3'], []),
    pastCase(3, ['t1'], ['r1', 'r2']),
    pastCase(4, ['t1'], ['r1', 'r2']),
    pastCase(9, ['t1', 't2', 't3', 't4'], ['r1', 'r2']),
  ]);

  it('ranks by shared templates, then shared findings, then the newest, its own entry left out', () => {
    const m = matchLibrary(lookup, { key: key(9), templates: ['t1', 't2', 't3', 'tx'], findings: ['r1', 'r2'] });
    expect(m.size).toBe(4);
    expect(m.similar.map((s) => [s.ref.ticket, s.sharedTemplates, s.sharedFindings])).toEqual([
      ['TCK-2', 3, []],
      ['TCK-1', 2, ['r1']],
      ['TCK-4', 1, ['r1', 'r2']],
      ['TCK-3', 1, ['r1', 'r2']],
    ]);
    expect(m.similar[0].overlap).toBe(0.75);
    expect(m.similar[0].examples).toEqual(['t1', 't2', 't3']);
    expect(m.templates.t3.map((r) => r.ticket)).toEqual(['TCK-2']);
    expect(m.templates.tx).toBeUndefined();
    expect(m.findings.r2.map((r) => r.ticket)).toEqual(['TCK-4', 'TCK-3']);
    expect(matchLibrary(lookup, { key: key(9), templates: ['t1'], findings: [] }, 2).similar).toHaveLength(2);
  });

  it('names the newest few past cases per template, and forgets a removed case', () => {
    const big = new LibraryLookup(Array.from({ length: 12 }, (_, i) => pastCase(i + 1, ['common'])));
    const m = matchLibrary(big, { key: key(99), templates: ['common'], findings: [] });
    expect(m.templates.common.map((r) => r.ticket)).toEqual(
      Array.from({ length: MAX_REFS }, (_, i) => `TCK-${12 - i}`),
    );
    big.remove(key(12));
    big.put(pastCase(11, ['other']));
    const after = matchLibrary(big, { key: key(99), templates: ['common'], findings: [] });
    expect(after.templates.common[0].ticket).toBe('TCK-10');
    expect(after.size).toBe(11);
  });
});

describe('a library file', () => {
  const good = pastCase(1, ['t1'], ['r1'], { pins: [{ path: 'a.log', text: 'line', note: 'n' }] });

  it('leaves out a bad case, naming its index and field, and keeps the rest', () => {
    const bad = { ...good, key: key(2), templates: [{ text: 5, level: 'error', count: 1 }] };
    const checked = checkLibraryFile({
      format: 'tarsier.library/1',
      exportedAt: 5,
      cases: [good, bad, { ...good, key: key(3), origin: 'elsewhere', extra: 1 }],
    });
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.cases).toEqual([good]);
    expect(checked.at).toEqual([0]);
    expect(checked.problems).toEqual([
      'cases[1].templates[0].text: must be a string',
      'cases[2].origin: must be one of local, imported, got "elsewhere"',
      'cases[2]: unknown field "extra"',
    ]);
  });

  it('refuses what is not a library file', () => {
    expect(checkLibraryFile([])).toEqual({ ok: false, error: 'a library file must be a JSON object, got []' });
    expect(checkLibraryFile({ format: 'tarsier.library/1', cases: {} })).toEqual({
      ok: false,
      error: 'cases must be an array, got {}',
    });
  });

  it('redacts every text a person or a log wrote, one alias per address across cases, the input unchanged', () => {
    const a = pastCase(1, ['connect to <*> failed'], [], {
      conclusion: 'Reset password=Sup3rS3cret! on 10.1.2.3',
      pins: [
        {
          path: 'var/log/x.log',
          text: 'auth failed from 10.1.2.3',
          note: 'token ghp_0123456789abcdefABCDEF0123456789abcd',
        },
      ],
    });
    const b = pastCase(2, [], [], { problem: 'host 10.1.2.3 unreachable' });
    const before = structuredClone([a, b]);
    const [ra, rb] = redactLibrary([a, b], { secrets: true, network: true });
    expect([a, b]).toEqual(before);
    expect(ra.conclusion).not.toContain('Sup3rS3cret!');
    expect(ra.conclusion).not.toContain('10.1.2.3');
    expect(ra.pins[0].note).toContain('[REDACTED:');
    const alias = /ip-\d+/.exec(ra.pins[0].text)?.[0];
    expect(alias).toBeDefined();
    expect(ra.conclusion).toContain(alias);
    expect(rb.problem).toContain(alias);
    expect(ra.templates).toEqual(a.templates);
    const plain = libraryFileOf([a], { secrets: false, network: false }, Date.UTC(2026, 11, 7, 9));
    expect(plain.fileName).toBe('tarsier-library-2026-12-07.json');
    expect(plain.file.cases).toEqual([a]);
    expect(plain.file.redacted).toEqual({ secrets: false, network: false });
  });
});

describe('a query over the library', () => {
  const cases = [
    pastCase(1, ['Volume <*> could not be found'], [], {
      pins: [{ path: 'cinder/api.log', text: 'ERROR Volume 42 could not be found', note: '' }],
    }),
    pastCase(2, ['Volume <*> could not be found', 'quota exceeded'], []),
    pastCase(3, ['disk slow'], []),
  ];

  it('counts the cases, templates and pinned lines it matches, newest first', () => {
    const found = libraryQueryMatches('"could not be found"', cases);
    expect(found).toEqual({
      ok: true,
      value: {
        cases: 2,
        templates: 2,
        pins: 1,
        refs: [expect.objectContaining({ ticket: 'TCK-2' }), expect.objectContaining({ ticket: 'TCK-1' })],
      },
    });
    const level = libraryQueryMatches('level:error quota', cases);
    expect(level.ok && [level.value.cases, level.value.templates, level.value.pins]).toEqual([1, 1, 0]);
    // A pinned line is on its file's path; a template is on none.
    expect(libraryQueryMatches('file:cinder/*', cases)).toMatchObject({
      ok: true,
      value: { cases: 1, pins: 1, templates: 0 },
    });
  });

  it('says why a query cannot be run', () => {
    const bad = libraryQueryMatches('level:', cases);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/ at \d+$/);
  });
});

describe('the words of a library search', () => {
  it('requires the Han pairs of a Chinese word, not its single characters again', () => {
    expect(queryWords('存储配额')).toEqual(['存储', '储配', '配额']);
    expect(queryWords('配')).toEqual(['配']);
    expect(queryWords('Volume TCK-4711 volume')).toEqual(['volume', 'tck', '4711']);
  });
});
