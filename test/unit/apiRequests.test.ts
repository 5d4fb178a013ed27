// validateRequest runs one zod schema per AnalyzerApi method: every method refuses a bad payload
// with a message that names the method, the field and the value, and accepts a good one.
import { describe, expect, it } from 'vitest';
import { API_METHODS, validateRequest, type ApiMethod } from '../../src/shared/api.ts';
import { REQUEST_SCHEMAS } from '../../src/shared/apiRequests.ts';
import { sanitizeCaseState } from '../../src/shared/caseState.ts';
import { sanitizeNotes } from '../../src/shared/caseNotes.ts';
import { defaultExportOptions } from '../../src/shared/reportExport.ts';
import { validateChooseBundles } from '../../src/shared/ui/shell.ts';

const format = {
  id: 'acme',
  name: 'Acme',
  description: 'Acme gateway log',
  specificity: 60,
  pattern: '^(?<ts>\\S+ \\S+) (?<level>\\w+) (?<msg>.*)$',
  time: { group: 'ts', layout: 'YYYY-MM-DD HH:mm:ss' },
  level: { group: 'level' },
  message: 'msg',
  samples: [{ line: '2025-01-02 03:04:05 INFO up', source: 'synthetic: a test' }],
};
const exportRequest = { caseId: 'c1', stage: null, notes: {}, options: defaultExportOptions('en') };
const good: Record<ApiMethod, unknown> = {
  openCase: { paths: ['/cases/a.tgz'], zone: 'UTC' },
  openDemo: {},
  savedCases: {},
  caseStatus: { caseId: 'c1' },
  inventory: { caseId: 'c1' },
  cancelCase: { caseId: 'c1' },
  closeCase: { caseId: 'c1' },
  caseState: { caseId: 'c1' },
  saveCaseState: { caseId: 'c1', state: {} },
  overview: { caseId: 'c1', stage: 'host-boot-block' },
  search: { caseId: 'c1', query: 'error', offset: 0, limit: 100, countBudgetMs: 50 },
  events: { caseId: 'c1', at: 1_700_000_000_000 },
  trace: { caseId: 'c1', id: 'req-1' },
  histogram: { caseId: 'c1', from: 0, to: 1, bins: 10, query: 'x' },
  patterns: { caseId: 'c1', limit: 20 },
  fileLines: { caseId: 'c1', file: 0, from: 1, count: 10 },
  lineEvent: { caseId: 'c1', file: 0, line: 12 },
  exportReport: exportRequest,
  preferences: {},
  savePreferences: { theme: 'dark', lang: 'zh', recent: [{ paths: 'demo', names: ['demo-case.tar.gz'], openedAt: 1 }] },
  tryFormat: { caseId: 'c1', file: 3, format },
  saveFormat: { format },
  userFormats: {},
  deleteFormat: { id: 'acme-gateway' },
  saveRule: { rule: { id: 'my-rule', title: { en: 'x', zh: 'x' } } },
  userRules: {},
  deleteRule: { id: 'my-rule' },
  importRules: { rules: [{ id: 'my-rule' }] },
  reopenCase: { caseId: 'c1' },
  forgetCase: { paths: ['/data/uploads/a.tgz'], key: 'a'.repeat(64) },
  compareCases: { caseId: 'c1', otherCaseId: 'c2', align: { kind: 'event', a: 1, b: 2 } },
  libraryMatches: { caseId: 'c1', limit: 10 },
  searchLibrary: { query: '连接 timeout', limit: 20 },
  libraryCases: {},
  deleteLibraryCase: { key: 'b'.repeat(64) },
  exportLibrary: { redactSecrets: true, redactNetwork: false },
  importLibrary: { library: { format: 'tarsier.library/1', cases: [] } },
  libraryQueryMatches: { query: 'level:error volume' },
};
const bad: Record<ApiMethod, [unknown, string]> = {
  openCase: [{ paths: ['/a'], zone: 'x'.repeat(65) }, `openCase: bad zone "${'x'.repeat(65)}"`],
  openDemo: [[], 'openDemo: payload must be {}, got []'],
  savedCases: [{ all: true }, 'savedCases: payload must be {}, got {"all":true}'],
  caseStatus: [{ caseId: 7 }, 'caseStatus: caseId must match /^[A-Za-z0-9_-]{1,64}$/, got 7'],
  inventory: [{}, 'inventory: caseId must match /^[A-Za-z0-9_-]{1,64}$/, got undefined'],
  cancelCase: ['c1', 'cancelCase: payload must be an object, got "c1"'],
  closeCase: [{ caseId: 'a b' }, 'closeCase: caseId must match /^[A-Za-z0-9_-]{1,64}$/, got "a b"'],
  caseState: [null, 'caseState: payload must be an object, got null'],
  saveCaseState: [{ caseId: 'c1', state: 'x' }, 'saveCaseState: state must be an object, got "x"'],
  overview: [{ caseId: 'c1', stage: 'Boot!' }, 'overview: bad stage "Boot!"'],
  search: [{ caseId: 'c1', query: 'x', offset: -1 }, 'search: offset must be a whole number ≥ 0, got -1'],
  events: [{ caseId: 'c1', at: '2025-01-01' }, 'events: at must be epoch milliseconds, got "2025-01-01"'],
  trace: [
    { caseId: 'c1', id: 'x'.repeat(201) },
    `trace: id must be a non-empty string of at most 200 characters, got "${'x'.repeat(201)}"`,
  ],
  histogram: [{ caseId: 'c1', to: null }, 'histogram: to must be epoch milliseconds, got null'],
  patterns: [{ caseId: 'c1', limit: 0 }, 'patterns: limit must be 1–5000, got 0'],
  fileLines: [{ caseId: 'c1', file: 0, from: 1, count: 5001 }, 'fileLines: count must be 1–5000, got 5001'],
  lineEvent: [{ caseId: 'c1', file: 0, line: 0 }, 'lineEvent: line must be a 1-based line number, got 0'],
  exportReport: [
    { ...exportRequest, options: { ...exportRequest.options, redactSecrets: 'yes' } },
    'exportReport: options.redactSecrets must be true or false, got "yes"',
  ],
  preferences: [{ theme: 'dark' }, 'preferences: payload must be {}, got {"theme":"dark"}'],
  savePreferences: [{ theme: 'blue' }, 'savePreferences: theme must be system, light or dark, got "blue"'],
  tryFormat: [{ caseId: 'c1', file: -2, format }, 'tryFormat: file must be a file index, got -2'],
  saveFormat: [
    { format: { ...format, time: { group: 'ts', layout: 5 } } },
    'saveFormat: "format.time.layout" must be a string, got 5',
  ],
  userFormats: [{ dir: '/etc' }, 'userFormats: payload must be {}, got {"dir":"/etc"}'],
  deleteFormat: [{ id: '../preferences' }, 'deleteFormat: id must be a format id, got "../preferences"'],
  saveRule: [{ rule: 'my-rule' }, 'saveRule: rule must be a rule object, got "my-rule"'],
  userRules: [{ dir: '/etc' }, 'userRules: payload must be {}, got {"dir":"/etc"}'],
  deleteRule: [{ id: '../preferences' }, 'deleteRule: id must be a rule id, got "../preferences"'],
  importRules: [{ rules: [] }, 'importRules: rules must be a list of 1–500 rules, got []'],
  reopenCase: [{ caseId: 'a b' }, 'reopenCase: caseId must match /^[A-Za-z0-9_-]{1,64}$/, got "a b"'],
  forgetCase: [{ paths: 'demo', key: '../x' }, 'forgetCase: key must be a case key (64 hex digits), got "../x"'],
  compareCases: [
    { caseId: 'c1', otherCaseId: 'c2', align: { kind: 'sideways' } },
    `compareCases: align must be {kind: 'wall' | 'first-error' | 'event'}, got {"kind":"sideways"}`,
  ],
  libraryMatches: [{ caseId: 'c1', limit: 0 }, 'libraryMatches: limit must be 1–200, got 0'],
  searchLibrary: [{ query: 5 }, 'searchLibrary: query must be a string of at most 4000 characters, got 5'],
  libraryCases: [{ all: true }, 'libraryCases: payload must be {}, got {"all":true}'],
  deleteLibraryCase: [{ key: '../x' }, 'deleteLibraryCase: key must be a case key (64 hex digits), got "../x"'],
  exportLibrary: [{ redactSecrets: 'yes' }, 'exportLibrary: "redactSecrets" must be a boolean, got "yes"'],
  importLibrary: ['x', 'importLibrary: payload must be { "library": {...} }, got "x"'],
  libraryQueryMatches: [{ query: 5 }, 'libraryQueryMatches: query must be a string of at most 4000 characters, got 5'],
};

describe('validateRequest', () => {
  it('has a schema for every method', () => {
    expect(Object.keys(REQUEST_SCHEMAS).sort()).toEqual([...API_METHODS].sort());
  });

  for (const method of API_METHODS) {
    it(`${method}: accepts a good payload and names the field and value of a bad one`, () => {
      expect(validateRequest(method, good[method])).toBeNull();
      expect(validateRequest(method, bad[method][0])).toBe(bad[method][1]);
    });
  }

  it('names the field of a format that does not validate', () => {
    expect(validateRequest('saveFormat', { format: { ...format, specificity: 'high' } })).toBe(
      'saveFormat: "format.specificity" must be a number 0–100, got "high"',
    );
    expect(validateRequest('saveFormat', { format: { ...format, samples: [] } })).toBe(
      'saveFormat: "format.samples" must list at least one real line, got []',
    );
    expect(validateRequest('tryFormat', { caseId: 'c1', file: 0, format: { ...format, pattern: '(' } })).toMatch(
      /^tryFormat: "pattern" is not a valid regex: /,
    );
    expect(validateRequest('saveFormat', { format: { ...format, extra: 1 } })).toMatch(/^saveFormat: .*extra/);
  });

  it('tells the first problem in the order of the fields', () => {
    expect(validateRequest('fileLines', { caseId: '..', file: -1, from: 0, count: 0 })).toMatch(/^fileLines: caseId /);
    expect(validateRequest('fileLines', { caseId: 'c1', file: -1, from: 0, count: 0 })).toBe(
      'fileLines: file must be a file index, got -1',
    );
  });

  it('does not echo an overlong query, only its length', () => {
    expect(validateRequest('search', { caseId: 'c1', query: 'q'.repeat(4001) })).toBe(
      'search: query must be a string of at most 4000 characters, got 4001',
    );
  });
});

describe('lenient shapes: case state and notes', () => {
  it('keep what fits and drop or default the rest', () => {
    const state = sanitizeCaseState({
      stage: 5,
      query: 'q',
      range: { from: 2, to: 1 },
      exportOptions: { formats: ['docx', 'md'], language: 'fr', contextLines: 3 },
      timelineLanes: { hidden: ['porter/porter-api', 7, null], order: 'x', filter: 'mig' },
      notes: {
        ticket: 7,
        customer: 'ACME',
        pins: [
          { path: 'a.log', line: 2, level: 'loud' },
          { path: '', line: 1 },
        ],
      },
    });
    expect(state.stage).toBeNull();
    expect(state.query).toBe('q');
    expect(state.range).toBeNull();
    expect(state.exportOptions).toEqual({
      formats: ['md'],
      language: 'en',
      contextLines: 3,
      redactSecrets: true,
      redactNetwork: false,
    });
    expect(state.timelineLanes).toEqual({ hidden: ['porter/porter-api'], order: [], filter: 'mig' });
    expect(sanitizeCaseState({}).timelineLanes ?? null).toBeNull();
    expect(sanitizeCaseState({ timelineLanes: 'all' }).timelineLanes).toBeNull();
    expect(state.notes.ticket).toBe('');
    expect(state.notes.customer).toBe('ACME');
    expect(state.notes.pins).toEqual([
      {
        path: 'a.log',
        line: 2,
        file: null,
        text: '',
        time: null,
        level: 'unknown',
        component: '',
        note: '',
        pinnedAt: 0,
      },
    ]);
    expect(sanitizeCaseState('broken')).toEqual(sanitizeCaseState({}));
    expect(sanitizeNotes([1, 2]).pins).toEqual([]);
    expect(sanitizeNotes({ statement: 'x'.repeat(200_000) }).statement).toHaveLength(100_000);
  });
});

describe('validateChooseBundles', () => {
  it('names the field and the value', () => {
    expect(validateChooseBundles(undefined)).toBeNull();
    expect(validateChooseBundles({ folders: true })).toBeNull();
    expect(validateChooseBundles({ folders: 1 })).toBe('chooseBundles: folders must be a boolean, got 1');
    expect(validateChooseBundles({ folders: true, title: 'x' })).toBe('chooseBundles: unknown field "title"');
    expect(validateChooseBundles('x')).toBe('chooseBundles: payload must be an object, got "x"');
  });
});
