/**
 * The request of every {@link AnalyzerApi} method as a zod schema, and {@link validateRequest},
 * which main runs on every IPC and HTTP request before the engine sees it (the renderer and the
 * page of `tarsier serve` are untrusted). The compiler checks that each schema accepts only what
 * the method's parameter type allows.
 */
import { z } from 'zod';
import type { AnalyzerApi, ApiMethod } from './api.ts';
import { caseIdSchema } from './caseId.ts';
import { caseStateSchema } from './caseState.ts';
import { exportReportRequestSchema } from './reportExport.ts';
import { preferencesPatchSchema, recentCaseSchema } from './preferences.ts';
import { formatSpecSchema } from './formats/formatSpec.ts';
import { timeSettingsSchema } from './timeSettings.ts';
import { mustBe, problemsOf, says, show } from './validation.ts';
import { epochMs as asEpochMs } from './model.ts';

/** Largest page a client may ask for (events, hits or file lines). */
export const MAX_PAGE_LINES = 5000;

const withCaseId = <Shape extends z.core.$ZodLooseShape>(shape: Shape) =>
  z.object({ caseId: caseIdSchema, ...shape }, { error: mustBe('must be an object') });
const caseOnly = withCaseId({});
// Said whole even for an unknown key: there is no field to name in an empty request.
const nothing = z.strictObject({}, { error: (issue) => `payload must be {}, got ${show(issue.input)}` });

const wholeNumber = (max: number, expected: string) =>
  z
    .int({ error: mustBe(expected) })
    .min(0)
    .max(max);
const positive = (max: number, expected: string) =>
  z
    .int({ error: mustBe(expected) })
    .min(1)
    .max(max);
const epochMs = z.number({ error: mustBe('must be epoch milliseconds') });
// A query is not echoed whole: its length is what is wrong with it.
const query = z.string({ error: mustBe('must be a string of at most 4000 characters') }).max(4000, {
  error: says(
    (value, field) => `${field} must be a string of at most 4000 characters, got ${(value as string).length}`,
  ),
});
// A time range of a case: both ends epoch ms, `from` not after `to`.
const timeRange = z
  .strictObject(
    { from: epochMs.transform(asEpochMs), to: epochMs.transform(asEpochMs) },
    { error: mustBe('must be {from, to} in epoch milliseconds') },
  )
  .refine((r) => r.from <= r.to, { error: says((value, field) => `${field} must have from ≤ to, got ${show(value)}`) });
const paging = {
  offset: wholeNumber(2 ** 31, 'must be a whole number ≥ 0').optional(),
  limit: positive(MAX_PAGE_LINES, `must be 1–${MAX_PAGE_LINES}`).optional(),
};

// A rule as a JSON object of bounded size; its fields are the engine's to check (userRuleStore.ts).
const ruleObject = z
  .record(z.string(), z.unknown(), { error: mustBe('must be a rule object') })
  .refine((rule) => JSON.stringify(rule).length <= 200_000, {
    error: 'a rule must be under 200000 characters of JSON',
  });

const openCase = z.object(
  {
    paths: z
      .array(
        z
          .string({ error: says((value) => `bad path ${show(value)}`) })
          .min(1)
          .max(4096)
          .refine((path) => !path.includes('\0')),
        { error: says(() => 'paths must be an array of 1–64 strings') },
      )
      .min(1)
      .max(64),
    zone: z
      .string({ error: says((value) => `bad zone ${show(value)}`) })
      .max(64)
      .optional(),
  },
  { error: mustBe('must be an object') },
);

/** The request schema of each method; main refuses any payload its method's schema rejects. */
export const REQUEST_SCHEMAS = {
  openCase,
  openDemo: nothing,
  savedCases: nothing,
  preferences: nothing,
  savePreferences: preferencesPatchSchema,
  caseStatus: caseOnly,
  inventory: caseOnly,
  cancelCase: caseOnly,
  closeCase: caseOnly,
  caseState: caseOnly,
  saveCaseState: withCaseId({ state: caseStateSchema }),
  overview: withCaseId({
    stage: z
      .string({ error: says((value) => `bad stage ${show(value)}`) })
      .regex(/^[a-z0-9-]{1,64}$/)
      .nullable()
      .optional(),
  }),
  search: withCaseId({
    query,
    countBudgetMs: wholeNumber(600_000, 'must be a whole number of milliseconds from 0 to 600000').optional(),
    ...paging,
  }),
  events: withCaseId({ ...paging, at: epochMs.optional() }),
  trace: withCaseId({
    id: z
      .string({ error: mustBe('must be a non-empty string of at most 200 characters') })
      .max(200)
      .refine((id) => id.trim() !== ''),
  }),
  histogram: withCaseId({
    from: epochMs.optional(),
    to: epochMs.optional(),
    bins: positive(2000, 'must be 1–2000').optional(),
    query: query.optional(),
  }),
  patterns: withCaseId({ limit: positive(5000, 'must be 1–5000').optional() }),
  fileLines: withCaseId({
    file: wholeNumber(10_000_000, 'must be a file index'),
    from: positive(2 ** 31, 'must be a 1-based line number'),
    count: positive(MAX_PAGE_LINES, `must be 1–${MAX_PAGE_LINES}`),
  }),
  lineEvent: withCaseId({
    file: wholeNumber(10_000_000, 'must be a file index'),
    line: positive(2 ** 31, 'must be a 1-based line number'),
  }),
  exportReport: exportReportRequestSchema,
  tryFormat: withCaseId({ file: wholeNumber(10_000_000, 'must be a file index'), format: formatSpecSchema }),
  saveFormat: z.object({ format: formatSpecSchema }, { error: mustBe('must be an object') }),
  userFormats: nothing,
  deleteFormat: z.object(
    {
      id: z
        .string({ error: says((value) => `id must be a format id, got ${show(value)}`) })
        .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, { error: says((value) => `id must be a format id, got ${show(value)}`) }),
    },
    { error: mustBe('must be an object') },
  ),
  // The rule itself is checked by the engine, which names every bad field at once (the dialog shows them per field).
  saveRule: z.strictObject({ rule: ruleObject }, { error: mustBe('must be { "rule": {...} }') }),
  userRules: nothing,
  deleteRule: z.strictObject(
    {
      id: z
        .string({ error: says((value) => `id must be a rule id, got ${show(value)}`) })
        .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: says((value) => `id must be a rule id, got ${show(value)}`) })
        .max(80),
    },
    { error: mustBe('must be an object') },
  ),
  importRules: z.strictObject(
    {
      rules: z
        .array(ruleObject, { error: mustBe('must be a list of 1–500 rules') })
        .min(1)
        .max(500),
    },
    { error: mustBe('must be { "rules": [...] }') },
  ),
  reopenCase: withCaseId({ time: timeSettingsSchema.optional() }),
  forgetCase: z.strictObject(
    {
      paths: recentCaseSchema.shape.paths,
      key: z
        .string({ error: says((value) => `key must be a case key (64 hex digits), got ${show(value)}`) })
        .regex(/^[0-9a-f]{64}$/, {
          error: says((value) => `key must be a case key (64 hex digits), got ${show(value)}`),
        })
        .optional(),
    },
    { error: mustBe('must be an object with paths and an optional key') },
  ),
  compareCases: withCaseId({
    otherCaseId: caseIdSchema,
    align: z.discriminatedUnion(
      'kind',
      [
        z.strictObject({ kind: z.literal('wall') }),
        z.strictObject({ kind: z.literal('first-error') }),
        z.strictObject({ kind: z.literal('event'), a: epochMs.transform(asEpochMs), b: epochMs.transform(asEpochMs) }),
      ],
      { error: says((value) => `align must be {kind: 'wall' | 'first-error' | 'event'}, got ${show(value)}`) },
    ),
    rangeA: timeRange.optional(),
    rangeB: timeRange.optional(),
  }),
  libraryMatches: withCaseId({ limit: positive(200, 'must be 1–200').optional() }),
  searchLibrary: z.strictObject(
    { query, limit: positive(200, 'must be 1–200').optional() },
    { error: mustBe('must be { "query": "..." }') },
  ),
  libraryCases: nothing,
  deleteLibraryCase: z.strictObject(
    {
      key: z
        .string({ error: says((value) => `key must be a case key (64 hex digits), got ${show(value)}`) })
        .regex(/^[0-9a-f]{64}$/, {
          error: says((value) => `key must be a case key (64 hex digits), got ${show(value)}`),
        }),
    },
    { error: mustBe('must be { "key": "..." }') },
  ),
  exportLibrary: z.strictObject(
    { redactSecrets: z.boolean().optional(), redactNetwork: z.boolean().optional() },
    { error: mustBe('must be an object') },
  ),
  // The file itself is checked by the engine, which names each bad case (caseLibrary.ts).
  importLibrary: z.strictObject({ library: z.unknown() }, { error: mustBe('must be { "library": {...} }') }),
  libraryQueryMatches: z.strictObject(
    { query, caseId: caseIdSchema.optional() },
    { error: mustBe('must be { "query": "..." }') },
  ),
} satisfies { [M in ApiMethod]: z.ZodType<Parameters<AnalyzerApi[M]>[0], unknown> };

/**
 * Validates a request payload for a method; returns a message naming the method, the field and
 * the bad value, or `null` when the payload is acceptable. Main calls this on every IPC/HTTP
 * request; of several problems, the first in the request's field order is told.
 */
export function validateRequest(method: ApiMethod, payload: unknown): string | null {
  const checked = problemsOf(REQUEST_SCHEMAS[method], payload);
  return checked.ok ? null : `${method}: ${checked.problems[0]}`;
}
