/**
 * The shape of a diagnostic rule file in `resources/rules/*.json` (documented for users by
 * `resources/rules/rule.schema.json`). A rule is data: which events it matches — a Tarsier
 * query, optionally with a second query that must match nearby or on the same request — or
 * which artifact check it reads, and what the finding says: title, severity, category, stage,
 * advice in Chinese and English, references. Every rule carries example lines that must match
 * and lines that must not; a test runs them all.
 */
import type { Level } from '../model.ts';
import { parseQuery, type QueryNode } from '../search/queryLanguage.ts';

/** Text in both languages of the UI. */
export interface LocalizedText {
  en: string;
  zh: string;
}

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

/** An example a rule must (or must not) match. */
export interface RuleExample {
  /** The first line of the event, as it appears in the log. */
  line?: string;
  /** Lines that follow it in the same event (a traceback, a wrapped message). */
  continuation?: string[];
  /** For artifact rules: the whole block (a dump, a table, a JSON answer). */
  text?: string;
  /** `module/component` of the file the line is in, when the rule looks at it. */
  component?: string;
  /** The event's level when the line alone does not say (a line no format parses). */
  level?: Level;
  /** Where the line comes from: a realdata path, a seed section, or `synthetic: why`. */
  source: string;
}

/** A second condition: another event matching `query` nearby in time and/or on the same request id. */
export interface RuleRequirement {
  query: string;
  /** `30s`, `10m`, `2h`: the other event is at most this far away in time (either side). */
  within?: string;
  /** The other event carries one of this event's request ids. */
  sameRequest?: boolean;
}

/** A rule in `resources/rules`. */
export interface RuleSpec {
  /** Stable id, also the file name (`nova-cinder-attach-404.json` → `nova-cinder-attach-404`). */
  id: string;
  title: LocalizedText;
  severity: Severity;
  category: Category;
  /** Stage ids from `resources/stages.json` where this problem shows; empty means any stage. */
  stages: string[];
  /** Events the rule matches, in the query language (search syntax). Exactly one of `query` / `artifact`. */
  query?: string;
  requires?: RuleRequirement;
  /** A finding is raised only when at least this many events match in one component (default 1). */
  minCount?: number;
  /** A check over the artifacts (goroutine dumps, pods, stats) instead of a query; `min` is its threshold. */
  artifact?: { check: ArtifactCheck; min?: number };
  /** What to do, after the seed's flowcharts: who fixes it, what to check, when to escalate. */
  advice: LocalizedText;
  /** Seed sections, public documents, issues. */
  references: string[];
  examples: { match: RuleExample[]; noMatch: RuleExample[] };
}

/** A rule ready to run. */
export interface CompiledRule {
  spec: RuleSpec;
  /** Null for artifact rules. */
  query: QueryNode | null;
  requires: { query: QueryNode; withinMs: number | null; sameRequest: boolean } | null;
  minCount: number;
}

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30s` → 30000; null when the text is not a duration. */
export function parseDuration(text: string): number | null {
  const m = DURATION.exec(text.trim());
  return m ? Number(m[1]) * UNIT_MS[m[2]] : null;
}

const TOP_KEYS = new Set([
  '$schema',
  'id',
  'title',
  'severity',
  'category',
  'stages',
  'query',
  'requires',
  'minCount',
  'artifact',
  'advice',
  'references',
  'examples',
]);
const EXAMPLE_KEYS = new Set(['line', 'continuation', 'text', 'component', 'level', 'source']);

function isLocalized(value: unknown): value is LocalizedText {
  const v = value as Record<string, unknown> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.en === 'string' &&
    v.en.trim() !== '' &&
    typeof v.zh === 'string' &&
    v.zh.trim() !== ''
  );
}

function queryProblem(query: string): string | null {
  const parsed = parseQuery(query);
  if (parsed.ok) return null;
  return `${parsed.error.message} at ${parsed.error.position}: ${query.slice(0, parsed.error.position)}⟨here⟩${query.slice(parsed.error.position)}`;
}

/**
 * Structural validation of a parsed rule file; returns every problem found, each naming the
 * file and the field. `stageIds` are the stages of `resources/stages.json`.
 */
export function validateRuleSpec(value: unknown, file: string, stageIds: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const say = (what: string) => problems.push(`rule ${file}: ${what}`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`rule ${file}: not a JSON object`];
  const spec = value as Record<string, unknown>;
  for (const key of Object.keys(spec)) if (!TOP_KEYS.has(key)) say(`unknown field "${key}"`);
  if (typeof spec.id !== 'string' || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(spec.id))
    say(`"id" must be kebab-case, got ${JSON.stringify(spec.id)}`);
  else if (spec.id !== file.replace(/\.json$/, '')) say(`"id" must equal the file name, got "${spec.id}"`);
  if (!isLocalized(spec.title)) say('"title" must be { "en": text, "zh": text }');
  if (!isLocalized(spec.advice)) say('"advice" must be { "en": text, "zh": text }');
  if (!SEVERITIES.includes(spec.severity as Severity))
    say(`"severity" must be one of ${SEVERITIES.join(', ')}, got ${JSON.stringify(spec.severity)}`);
  if (!CATEGORIES.includes(spec.category as Category))
    say(`"category" must be one of ${CATEGORIES.join(', ')}, got ${JSON.stringify(spec.category)}`);
  if (!Array.isArray(spec.stages)) say('"stages" must be a list of stage ids ([] = any stage)');
  else
    for (const stage of spec.stages)
      if (typeof stage !== 'string' || !stageIds.has(stage))
        say(`"stages": unknown stage ${JSON.stringify(stage)} (see resources/stages.json)`);
  if (!Array.isArray(spec.references) || spec.references.some((r) => typeof r !== 'string'))
    say('"references" must be a list of strings');
  if ((spec.query === undefined) === (spec.artifact === undefined)) say('give exactly one of "query" and "artifact"');
  if (spec.query !== undefined) {
    if (typeof spec.query !== 'string' || spec.query.trim() === '') say('"query" must be a non-empty query');
    else {
      const problem = queryProblem(spec.query);
      if (problem) say(`"query": ${problem}`);
    }
  }
  if (spec.artifact !== undefined) {
    const artifact = spec.artifact as Record<string, unknown> | null;
    for (const key of Object.keys(artifact ?? {}))
      if (key !== 'check' && key !== 'min') say(`"artifact": unknown field "${key}"`);
    if (
      typeof artifact !== 'object' ||
      artifact === null ||
      !ARTIFACT_CHECKS.includes(artifact.check as ArtifactCheck)
    ) {
      say(`"artifact.check" must be one of ${ARTIFACT_CHECKS.join(', ')}`);
    } else if (artifact.min !== undefined && (typeof artifact.min !== 'number' || artifact.min < 0))
      say('"artifact.min" must be a number ≥ 0');
  }
  if (spec.requires !== undefined) {
    const requires = spec.requires as Record<string, unknown> | null;
    for (const key of Object.keys(requires ?? {}))
      if (!['query', 'within', 'sameRequest'].includes(key)) say(`"requires": unknown field "${key}"`);
    if (typeof requires !== 'object' || requires === null || typeof requires.query !== 'string')
      say('"requires" must be { "query": text, "within"?: "10m", "sameRequest"?: true }');
    else {
      const problem = queryProblem(requires.query);
      if (problem) say(`"requires.query": ${problem}`);
      if (
        requires.within !== undefined &&
        (typeof requires.within !== 'string' || parseDuration(requires.within) === null)
      )
        say(`"requires.within" must be a duration like 30s, 10m, 2h; got ${JSON.stringify(requires.within)}`);
      if (requires.within === undefined && requires.sameRequest !== true)
        say('"requires" needs "within" or "sameRequest": true');
    }
  }
  if (spec.minCount !== undefined && (!Number.isInteger(spec.minCount) || (spec.minCount as number) < 1))
    say('"minCount" must be an integer ≥ 1');
  const examples = spec.examples as Record<string, unknown> | null;
  if (
    typeof examples !== 'object' ||
    examples === null ||
    !Array.isArray(examples.match) ||
    !Array.isArray(examples.noMatch)
  ) {
    say('"examples" must be { "match": [...], "noMatch": [...] }');
  } else {
    if (examples.match.length === 0) say('"examples.match" must hold at least one line the rule matches');
    if (examples.noMatch.length === 0)
      say('"examples.noMatch" must hold at least one similar line the rule must not match');
    for (const [which, list] of [
      ['match', examples.match],
      ['noMatch', examples.noMatch],
    ] as const) {
      list.forEach((example: unknown, i: number) => {
        const e = example as Record<string, unknown> | null;
        const where = `"examples.${which}[${i}]"`;
        if (typeof e !== 'object' || e === null) return say(`${where} must be an object`);
        for (const key of Object.keys(e)) if (!EXAMPLE_KEYS.has(key)) say(`${where}: unknown field "${key}"`);
        if (typeof e.source !== 'string' || e.source.trim() === '')
          say(`${where}: "source" must say where the line comes from`);
        const hasLine = typeof e.line === 'string';
        const hasText = typeof e.text === 'string';
        if (spec.artifact !== undefined ? !hasText : !hasLine)
          say(`${where}: give ${spec.artifact !== undefined ? '"text" (the artifact block)' : '"line"'}`);
      });
    }
  }
  return problems;
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
