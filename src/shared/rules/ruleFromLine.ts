/**
 * A rule made from one log line ("Make a rule…"): the query is proposed from the line's
 * template — its tokens as the template miner masks them (`patterns/messageShape.ts`), the
 * fixed runs kept as quoted phrases, every variable (numbers, ids, hex, paths, URLs) dropped —
 * with the line's level as `level:>=` and, when asked, its component. The spec written from the
 * dialog's fields is the JSON of `resources/rules`, with the line as the example that must match
 * and a healthy line of the same file as the one that must not.
 */
import { LEVELS, type Level } from '../model.ts';
import { WILDCARD } from '../patterns/maskTokens.ts';
import { messageShape } from '../patterns/messageShape.ts';
import { quote } from '../search/queryLanguage.ts';
import type { Category, LocalizedText, Severity } from './ruleSpec.ts';

/** The line a rule is made from. */
export interface RuleLine {
  /** The event's first line as written. */
  text: string;
  /** The message without the prefix of time, level, pid, logger (EventView.message), when known. */
  message?: string;
  level: Level;
  module: string;
  component: string;
  path: string;
}

/** Phrases kept in a proposed query (the longest fixed runs of the template). */
export const MAX_PHRASES = 3;
/** A run shorter than this many letters says too little to search for. */
const MIN_PHRASE_LETTERS = 4;

const LEVEL_WORD =
  /^\[?(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|CRIT|CRITICAL|FATAL|ALERT|EMERG|SEVERE)\]?:?$/;
// A token with no letter or digit (`-`, `[-]`, `|`), an id in brackets, or a hex word: not part of a phrase.
const NOT_WORDS = /^[^\p{L}\p{N}]*$/u;
const HEX_WORD = /^[0-9a-f]{8,}$/i;

/** Whether a masked token is a fixed word of the template (no variable, no bare punctuation). */
function isFixed(token: string): boolean {
  if (token.includes(WILDCARD)) return false;
  if (NOT_WORDS.test(token) || HEX_WORD.test(token) || LEVEL_WORD.test(token)) return false;
  // An opening bracket whose content was masked (`[instance:`) is kept: it is the template's own word.
  return true;
}

/** Trims punctuation a phrase cannot usefully start or end with (`(config`, `stats,`). */
function trimEdges(phrase: string): string {
  return phrase
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/[^\p{L}\p{N}.)\]!?]+$/u, '')
    .replace(/[.]+$/, '');
}

/** The fixed runs of the line's template, in order, each trimmed of edge punctuation. */
export function fixedPhrases(message: string): string[] {
  const runs: string[][] = [[]];
  for (const token of messageShape(message).split(' ')) {
    if (token === '') continue;
    if (isFixed(token)) runs[runs.length - 1].push(token);
    else if (runs[runs.length - 1].length > 0) runs.push([]);
  }
  return runs
    .map((run) => trimEdges(run.join(' ')))
    .filter((phrase) => (phrase.match(/\p{L}/gu)?.length ?? 0) >= MIN_PHRASE_LETTERS);
}

const LEVEL_IN_LINE =
  /(?:^|[\s[<])(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|CRIT|CRITICAL|FATAL|SEVERE)\]?:?\s+(.*)$/;

/**
 * The message of a line whose format did not say it: what follows the level word, without a
 * logger name before a `[context]` block and without the block (oslo.log's request context).
 */
export function messageOfLine(text: string): string {
  const after = LEVEL_IN_LINE.exec(text);
  if (!after) return text;
  return after[1].replace(/^[\w.$:-]+\s+(?=\[)/, '').replace(/^\[[^\]]*\]\s*/, '');
}

/** Options of {@link proposeRuleQuery}. */
export interface ProposeOptions {
  /** Add `component:` of the line (default false: the rule then fires in any component). */
  component?: boolean;
}

/**
 * The query proposed for a rule made from `line`: the longest {@link MAX_PHRASES} fixed phrases
 * of its template (in line order), the line's level as `level:>=`, and its component if asked.
 * Null when the line has no fixed words to search for (a line of numbers and ids).
 */
export function proposeRuleQuery(line: RuleLine, options: ProposeOptions = {}): string | null {
  const phrases = fixedPhrases(line.message ?? messageOfLine(line.text));
  if (phrases.length === 0) return null;
  const kept = new Set(
    phrases
      .map((phrase, i) => ({ phrase, i }))
      .sort((a, b) => b.phrase.length - a.phrase.length || a.i - b.i)
      .slice(0, MAX_PHRASES)
      .map(({ i }) => i),
  );
  const parts = phrases.filter((_, i) => kept.has(i)).map(quote);
  if (line.level !== 'unknown') parts.push(`level:>=${line.level}`);
  if (options.component && /^[\w.-]+$/.test(line.component)) parts.push(`component:${line.component}`);
  return parts.join(' ');
}

/** A kebab-case rule id from a title (`Cinder driver not ready!` → `user-cinder-driver-not-ready`). */
export function ruleIdFrom(title: string): string {
  const words = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '')
    .slice(0, 8);
  return ['user', ...words].join('-').slice(0, 60).replace(/-+$/, '');
}

/** What the dialog edits. */
export interface RuleDraft {
  id: string;
  title: LocalizedText;
  severity: Severity;
  category: Category;
  /** Stage ids ([] = any stage). */
  stages: string[];
  query: string;
  advice: LocalizedText;
  /** The line the rule was made from (must match). */
  match: RuleLine;
  /** A healthy line of the same file (must not match), when one was found. */
  noMatch: RuleLine | null;
}

/** Where an example line comes from: the case file it was taken from. */
const sourceOf = (line: RuleLine): string => `case file ${line.path}`;

/** The example of `line`, with its level when no format would tell it and its component. */
function exampleOf(line: RuleLine): Record<string, unknown> {
  const component = /^[^/]+$/.test(line.module) && /^[^/]+$/.test(line.component);
  return {
    line: line.text,
    ...(component ? { component: `${line.module}/${line.component}` } : {}),
    ...(LEVELS.includes(line.level) && line.level !== 'unknown' ? { level: line.level } : {}),
    source: sourceOf(line),
  };
}

/** The rule file's JSON for a draft (the engine checks it against the schema when it is saved). */
export function ruleSpecFromDraft(draft: RuleDraft): Record<string, unknown> {
  return {
    id: draft.id,
    title: draft.title,
    severity: draft.severity,
    category: draft.category,
    stages: draft.stages,
    query: draft.query,
    advice: draft.advice,
    references: [`made from a line of ${draft.match.path}`],
    examples: {
      match: [exampleOf(draft.match)],
      noMatch: draft.noMatch ? [exampleOf(draft.noMatch)] : [],
    },
  };
}

/** A rule file's problem as the dialog shows it: under the field it names, else above the form. */
export function problemField(problem: string): string | null {
  const named = /"(id|title|severity|category|stages|query|advice|examples)[".[]/.exec(problem);
  return named ? named[1] : /\bexample\b/.test(problem) ? 'examples' : null;
}
