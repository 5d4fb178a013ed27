/**
 * The shape of a diagnostic rule file in `resources/rules/*.json` (documented for users by
 * `resources/schema/rule.schema.json`, generated from {@link ruleSpecSchema}). A rule is data: which events it matches — a Tarsier
 * query, optionally with a second query that must match nearby or on the same request — or
 * which artifact check it reads, and what the finding says: title, severity, category, stage,
 * advice in Chinese and English, references. Every rule carries example lines that must match
 * and lines that must not; a test runs them all.
 */
import { z } from 'zod';
import { LEVELS } from '../model.ts';
import { parseQuery, type QueryNode } from '../search/queryLanguage.ts';
import { PLACEMENTS, SIDES } from './faultPlace.ts';
import { mustBe, problemsOf, says, show } from '../validation.ts';

/** The seed's classification of a problem (000 §1 and §4). */
export const CATEGORIES = ['install', 'source', 'target', 'product', 'platform'] as const;
/** One of {@link CATEGORIES}. */
export type Category = (typeof CATEGORIES)[number];

/** How bad a finding is, most severe first. */
export const SEVERITIES = ['critical', 'error', 'warning', 'info'] as const;
/** One of {@link SEVERITIES}. */
export type Severity = (typeof SEVERITIES)[number];

/** Sort key of a severity: 0 is the most severe. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** The checks an artifact rule can name; the artifact readers compute them. */
export const ARTIFACT_CHECKS = [
  'goroutine-pile-up',
  'goroutine-long-wait',
  'pod-not-running',
  'pod-restarts',
  'pod-not-ready',
  'worker-pool-saturated',
  'worker-queue-backlog',
  'db-connections-at-limit',
  'db-connection-waits',
  'api-slow',
  'api-errors',
] as const;
/** One of {@link ARTIFACT_CHECKS}. */
export type ArtifactCheck = (typeof ARTIFACT_CHECKS)[number];

/** A rule ready to run. */
export interface CompiledRule {
  spec: RuleSpec;
  /** Null for artifact rules. */
  query: QueryNode | null;
  requires: { query: QueryNode; withinMs: number | null; sameRequest: boolean } | null;
  minCount: number;
  /** A rule of the engineer's own (their rules folder, `--rules DIR`), not one of `resources/rules`. */
  user?: true;
}

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30s` → 30000; null when the text is not a duration. */
export function parseDuration(text: string): number | null {
  const m = DURATION.exec(text.trim());
  return m ? Number(m[1]) * UNIT_MS[m[2]] : null;
}

function queryProblem(query: unknown): string | null {
  if (typeof query !== 'string') return null;
  const parsed = parseQuery(query);
  if (parsed.ok) return null;
  return `${parsed.error.message} at ${parsed.error.position}: ${query.slice(0, parsed.error.position)}⟨here⟩${query.slice(parsed.error.position)}`;
}

const closed = <Shape extends z.core.$ZodLooseShape>(shape: Shape, expected = 'must be an object') =>
  z.strictObject(shape, { error: mustBe(expected, 'quoted') });

/** A query in the search box's language; a query that does not parse says where, with the field. */
const querySchema = (expected: string) =>
  z
    .string({ error: mustBe(expected, 'quoted') })
    .min(1) // the JSON Schema's minLength; the refinement adds what editors cannot check
    .refine((query) => query.trim() !== '')
    .refine((query) => queryProblem(query) === null, {
      error: says((query, field) => `"${field}": ${queryProblem(query)}`),
    });

const localizedShape = (field: string) => {
  const expected = `must be { "en": text, "zh": text }`;
  const part = z
    .string({
      error: says((value, name) => `"${field}" ${expected}, got ${name.slice(field.length + 1)} = ${show(value)}`),
    })
    .min(1)
    .refine((text) => text.trim() !== '');
  return closed({ en: part, zh: part }, expected);
};

/** Text in both languages of the UI. */
export type LocalizedText = z.output<ReturnType<typeof localizedShape>>;

const exampleSchema = closed({
  line: z
    .string({ error: mustBe('must be a string', 'quoted') })
    .optional()
    .describe('First line of the event as it appears in the log (query rules).'),
  continuation: z
    .array(z.string({ error: mustBe('must be a string', 'quoted') }), {
      error: mustBe('must be a list of lines', 'quoted'),
    })
    .optional()
    .describe('Lines that follow in the same event (traceback, wrapped message).'),
  text: z
    .string({ error: mustBe('must be a string', 'quoted') })
    .optional()
    .describe('The whole block, for artifact rules (a goroutine dump, a kubectl table, a stats JSON answer).'),
  component: z
    .string({ error: mustBe('must be module/component', 'quoted') })
    .regex(/^[^/]+\/[^/]+$/)
    .optional()
    .describe('module/component of the file the line is in, when the rule looks at it.'),
  level: z.enum(LEVELS).optional().describe('The level when no log format parses the line.'),
  side: z
    .enum(SIDES)
    .optional()
    .describe(
      'For a rule with a placement: the side resources/topology.json must place this line on (a test checks it).',
    ),
  source: z
    .string({ error: mustBe('must say where the line comes from', 'quoted') })
    .min(1)
    .refine((source) => source.trim() !== '')
    .describe("Where the line comes from: a realdata path, a seed section, or 'synthetic: why'."),
});

/** An example a rule must (or must not) match. */
export type RuleExample = z.output<typeof exampleSchema>;

const requirementSchema = closed(
  {
    query: querySchema('must be a non-empty query'),
    within: z
      .string({ error: mustBe('must be a duration like 30s, 10m, 2h', 'quoted') })
      .regex(DURATION)
      .optional()
      .describe('`30s`, `10m`, `2h`: the other event is at most this far away in time (either side).'),
    sameRequest: z.boolean().optional().describe("The other event carries one of this event's request ids."),
  },
  'must be { "query": text, "within"?: "10m", "sameRequest"?: true }',
)
  .refine((requires) => requires.within !== undefined || requires.sameRequest === true, {
    error: '"requires" needs "within" or "sameRequest": true',
  })
  .meta({
    // The refinement above, for editors: JSON Schema cannot see it.
    anyOf: [{ required: ['within'] }, { required: ['sameRequest'], properties: { sameRequest: { const: true } } }],
  })
  .describe('A second condition: another event matching `query` nearby in time and/or on the same request id.');

/** A second condition: another event matching `query` nearby in time and/or on the same request id. */
export type RuleRequirement = z.output<typeof requirementSchema>;

/**
 * A rule in `resources/rules`, as a file holds it. `resources/schema/rule.schema.json` is
 * generated from this schema (`npm run schemas`); {@link validateRuleSpec} adds what depends on
 * the file name and on `resources/stages.json`.
 */
export const ruleSpecSchema = z
  .strictObject(
    {
      $schema: z.string().optional().describe('Path of this JSON Schema, for editors.'),
      id: z
        .string({ error: mustBe('must be kebab-case', 'quoted') })
        .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
        .describe('Stable id, equal to the file name without .json.'),
      title: localizedShape('title').describe('What the finding is called, in English and Simplified Chinese.'),
      severity: z.enum(SEVERITIES),
      category: z
        .enum(CATEGORIES)
        .describe(
          "The seed's classification (000 §1, §4): install, source side, target side, the product itself, or the Cloudpods platform.",
        ),
      placement: z
        .enum(PLACEMENTS)
        .optional()
        .describe(
          'Place the fault from the evidence (resources/topology.json) instead of keeping `category`: network — the side of the peer the line names; environment — the side of the host the log is from (or of the agent the line relays); software — the side of the program that crashed. `category` stands when the evidence does not say.',
        ),
      stages: z
        .array(z.string({ error: mustBe('must be a stage id', 'quoted') }), {
          error: mustBe('must be a list of stage ids ([] = any stage)', 'quoted'),
        })
        .describe('Stage ids of resources/stages.json where the problem shows; [] means any stage.'),
      query: querySchema('must be a non-empty query')
        .optional()
        .describe('Events the rule matches, in the query language (search syntax). Exactly one of query and artifact.'),
      requires: requirementSchema.optional(),
      generic: z
        .boolean()
        .optional()
        .describe(
          'A generic symptom (a traceback, a refused connection): an event that a specific rule also explains is left to that rule.',
        ),
      minCount: z
        .int({ error: mustBe('must be an integer ≥ 1', 'quoted') })
        .min(1)
        .optional()
        .describe('Raise the finding only when at least this many events match in one component (default 1).'),
      artifact: closed({
        check: z.enum(ARTIFACT_CHECKS),
        min: z
          .number({ error: mustBe('must be a number ≥ 0', 'quoted') })
          .min(0)
          .optional()
          .describe(
            'Threshold of the check (goroutines, minutes, restarts, queued tasks, percent of the connection limit, waits, milliseconds, errors).',
          ),
      })
        .optional()
        .describe('A check over the artifacts (goroutine dumps, pods, stats) instead of a query.'),
      advice: localizedShape('advice').describe(
        "What to do, after the seed's flowcharts: who fixes it, what to check, when to escalate.",
      ),
      references: z
        .array(z.string({ error: mustBe('must be a string', 'quoted') }), {
          error: mustBe('must be a list of strings', 'quoted'),
        })
        .describe('Seed sections, public documents, issues.'),
      examples: closed(
        {
          match: z
            .array(exampleSchema, { error: mustBe('must hold at least one line the rule matches', 'quoted') })
            .min(1),
          noMatch: z
            .array(exampleSchema, {
              error: mustBe('must hold at least one similar line the rule must not match', 'quoted'),
            })
            .min(1),
        },
        'must be { "match": [...], "noMatch": [...] }',
      ),
    },
    { error: says((value) => `not a JSON object, got ${Array.isArray(value) ? 'a list' : show(value)}`) },
  )
  // Whole-rule checks run even when fields are wrong, so one round of fixes clears every problem.
  .superRefine(
    (spec, context) => {
      if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) return;
      const artifact = spec.artifact !== undefined;
      if ((spec.query === undefined) === !artifact)
        context.addIssue({ code: 'custom', path: [], message: 'give exactly one of "query" and "artifact"' });
      const examples = spec.examples as Record<string, unknown> | undefined;
      for (const which of ['match', 'noMatch'] as const) {
        const list = examples?.[which];
        if (!Array.isArray(list)) continue;
        list.forEach((example: unknown, index) => {
          const given = (example ?? {}) as Record<string, unknown>;
          if (typeof given !== 'object' || typeof given[artifact ? 'text' : 'line'] === 'string') return;
          context.addIssue({
            code: 'custom',
            path: ['examples', which, index],
            message: `"examples.${which}[${index}]": give ${artifact ? '"text" (the artifact block)' : '"line"'}`,
          });
        });
      }
    },
    { when: () => true },
  )
  .meta({
    title: 'Tarsier diagnostic rule',
    description:
      'One file per rule in resources/rules (or the user\'s rules folder). A rule matches events with a Tarsier query (the search box\'s language: words, "phrases", OR, -exclude, /regex/, level:>=error, module:, component:, file:) — optionally with a second query that must match within a time window and/or on the same request id — or names an artifact check. Every matching event in one component adds to one finding. Generated from src/shared/rules/ruleSpec.ts (npm run schemas); the loader enforces it and more: the id equals the file name, stages exist in resources/stages.json.',
    // The refinement above, for editors: JSON Schema cannot see it.
    oneOf: [{ required: ['query'] }, { required: ['artifact'] }],
  });

/** A rule in `resources/rules`. */
export type RuleSpec = z.output<typeof ruleSpecSchema>;

/**
 * Validation of a parsed rule file; returns every problem found, each naming the file and the
 * field. `stageIds` are the stages of `resources/stages.json`.
 */
export function validateRuleSpec(value: unknown, file: string, stageIds: ReadonlySet<string>): string[] {
  const checked = problemsOf(ruleSpecSchema, value);
  const problems = checked.ok ? [] : [...checked.problems];
  const spec = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (
    typeof spec.id === 'string' &&
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(spec.id) &&
    spec.id !== file.replace(/\.json$/, '')
  )
    problems.push(`"id" must equal the file name, got "${spec.id}"`);
  if (Array.isArray(spec.stages))
    for (const stage of spec.stages)
      if (typeof stage === 'string' && !stageIds.has(stage))
        problems.push(`"stages": unknown stage ${JSON.stringify(stage)} (see resources/stages.json)`);
  return problems.map((problem) => `rule ${file}: ${problem}`);
}

/** Compiles a validated spec. */
export function compileRule(spec: RuleSpec): { ok: true; rule: CompiledRule } | { ok: false; error: string } {
  let query: QueryNode | null = null;
  if (spec.query !== undefined) {
    const parsed = parseQuery(spec.query);
    if (!parsed.ok) return { ok: false, error: `rule ${spec.id}: "query": ${parsed.error.message}` };
    query = parsed.query;
  }
  let requires: CompiledRule['requires'] = null;
  if (spec.requires) {
    const parsed = parseQuery(spec.requires.query);
    if (!parsed.ok) return { ok: false, error: `rule ${spec.id}: "requires.query": ${parsed.error.message}` };
    requires = {
      query: parsed.query,
      withinMs: spec.requires.within ? parseDuration(spec.requires.within) : null,
      sameRequest: spec.requires.sameRequest === true,
    };
  }
  return { ok: true, rule: { spec, query, requires, minCount: spec.minCount ?? 1 } };
}
