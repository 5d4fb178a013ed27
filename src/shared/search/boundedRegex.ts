/**
 * Regular expressions from the search box, run so that every test ends. JavaScript's engine
 * backtracks: `/(a+)+$/` never returns on a 36-character line, and even `/\d+\./` takes seconds on
 * a 64 K-character run of digits. A search must not hang a bundle's read, the UI or `serve`, so a
 * regex is sorted by what its shape allows:
 *
 * - `native`: no repeated group that itself repeats or alternates, and no unbounded repeat
 *   (`*`, `+`, `{n,}`). Its work per position is bounded by the pattern (back-references and
 *   lookaround included), so the built-in engine runs it on any text.
 * - `short-native`: as above, but with one unbounded repeat and no lookaround or back-reference. Its worst case is
 *   quadratic in the text, harmless on a text of {@link NATIVE_MAX_CHARS}; a longer text goes to
 *   the linear engine.
 * - `linear`: anything else, run by RE2 (the `re2js` port: time linear in the text, 20–80× slower
 *   than the built-in engine on ordinary lines, which is why it is not used for everything).
 *
 * What RE2 cannot run (back-references, lookahead, lookbehind with a repeat inside) and is not
 * `native` is refused with a message that says why.
 */
import { RE2JS } from 're2js';

/** Texts up to this length run a `short-native` regex on the built-in engine (worst case ~ this²). */
export const NATIVE_MAX_CHARS = 1024;

/** How a regex is run. */
export type RegexEngine = 'native' | 'short-native' | 'linear';

/** A compiled regex whose `test` ends in time bounded by the text's length. */
export interface BoundedRegex {
  readonly engine: RegexEngine;
  test(text: string): boolean;
}

/** What the shape scan found. */
export interface RegexShape {
  /** A repeated group whose body repeats or alternates: `(a+)+`, `(a|b)*`, `(\w+\s?){2,}`. */
  nestedRepeat: boolean;
  /** `*`, `+` and `{n,}` outside classes. */
  unboundedRepeats: number;
  backReference: boolean;
  lookaround: boolean;
  /** Places where backtracking may try another way: `?`, `|`, and bounded repeats `{n,m}` with m > n. */
  choicePoints: number;
}

interface Frame {
  repeats: boolean;
  alternates: boolean;
}

/** Scans a regex source for the constructs that make backtracking slow. */
export function regexShape(source: string): RegexShape {
  const shape: RegexShape = {
    nestedRepeat: false,
    unboundedRepeats: 0,
    backReference: false,
    lookaround: false,
    choicePoints: 0,
  };
  const stack: Frame[] = [{ repeats: false, alternates: false }];
  // The group just closed, when the next token may quantify it.
  let closed: Frame | null = null;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    const top = stack[stack.length - 1];
    const quantifier = quantifierAt(source, i);
    if (quantifier) {
      if (quantifier.repeats) {
        top.repeats = true;
        if (closed && (closed.repeats || closed.alternates)) shape.nestedRepeat = true;
      }
      if (quantifier.unbounded) shape.unboundedRepeats++;
      else if (quantifier.choice) shape.choicePoints++;
      i = quantifier.end - 1;
      // A lazy or (invalid) doubled quantifier mark belongs to this one.
      if (source[i + 1] === '?') i++;
      closed = null;
      continue;
    }
    closed = null;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && source[i + 2] === '<')) shape.backReference = true;
      i++;
    } else if (c === '[') {
      i = classEnd(source, i);
    } else if (c === '(') {
      if (
        source.startsWith('(?=', i) ||
        source.startsWith('(?!', i) ||
        source.startsWith('(?<=', i) ||
        source.startsWith('(?<!', i)
      )
        shape.lookaround = true;
      stack.push({ repeats: false, alternates: false });
    } else if (c === ')') {
      if (stack.length > 1) {
        const frame = stack.pop()!;
        const parent = stack[stack.length - 1];
        parent.repeats ||= frame.repeats;
        parent.alternates ||= frame.alternates;
        closed = frame;
      }
    } else if (c === '|') {
      top.alternates = true;
      shape.choicePoints++;
    }
  }
  return shape;
}

// A repeat bounded this high is as costly to backtrack as an unbounded one: `a{0,200}a{0,200}b`.
const HIGH_BOUND = 16;

function quantifierAt(
  source: string,
  i: number,
): { repeats: boolean; unbounded: boolean; choice: boolean; end: number } | null {
  const c = source[i];
  if (c === '*' || c === '+') return { repeats: true, unbounded: true, choice: true, end: i + 1 };
  if (c === '?') return { repeats: false, unbounded: false, choice: true, end: i + 1 };
  if (c !== '{') return null;
  const match = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i, i + 24));
  if (!match) return null;
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3]);
  return { repeats: max > 1, unbounded: max > HIGH_BOUND && max > min, choice: max > min, end: i + match[0].length };
}

// In JavaScript the first unescaped `]` ends a class (`[]` is an empty class, unlike POSIX).
function classEnd(source: string, start: number): number {
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']') return i;
  }
  return source.length;
}

const MAX_CHOICE_POINTS = 10;

/** The engine a regex of this shape runs on, or why it cannot run. */
export function engineFor(shape: RegexShape): RegexEngine {
  // Each choice point can double what a failing match retries: 2^10 tries per position is the most kept on the built-in engine.
  if (shape.nestedRepeat || shape.choicePoints > MAX_CHOICE_POINTS) return 'linear';
  if (shape.unboundedRepeats === 0) return 'native';
  if (shape.unboundedRepeats === 1 && !shape.lookaround && !shape.backReference) return 'short-native';
  return 'linear';
}

// JavaScript's `\s`: RE2's is only [\t\n\f\r ]. And JavaScript's `.` stops at \r, U+2028 and
// U+2029 too, where RE2's stops at \n only.
const JS_SPACE = '\\t\\n\\v\\f\\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
const JS_DOT = '[^\\n\\r\u2028\u2029]';

/** The source with `\s`, `\S` and `.` spelled out as JavaScript means them, for RE2. */
export function jsSemanticsForRe2(source: string, flags: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (next === 's') out += inClass ? JS_SPACE : `[${JS_SPACE}]`;
      else if (next === 'S' && !inClass) out += `[^${JS_SPACE}]`;
      else out += c + next;
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
      // A leading `]` or `^]` is literal in RE2 but ends the class in JavaScript: never met here, `[]` does not compile in RE2.
    } else if (c === '.' && !flags.includes('s')) {
      out += JS_DOT;
    } else {
      out += c;
    }
  }
  return out;
}

function linearFlags(flags: string): number {
  let out = 0;
  if (flags.includes('i')) out |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('s')) out |= RE2JS.DOTALL;
  if (flags.includes('m')) out |= RE2JS.MULTILINE;
  return out;
}

/** The outcome of {@link compileBoundedRegex}. */
export type BoundedRegexResult = { ok: true; value: BoundedRegex } | { ok: false; error: string };

/**
 * Compiles `/source/flags` (flags `g` and `y` are ignored: a test has no position). Fails with a
 * message when the source is not a valid JavaScript regex, or needs backtracking that could run
 * for ever (back-references, lookahead around repeats).
 */
export function compileBoundedRegex(source: string, flags = ''): BoundedRegexResult {
  const key = `${flags.replace(/[gy]/g, '')}/${source}`;
  const known = compiled.get(key);
  if (known) return known;
  const result = compileUncached(source, flags);
  if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value as string);
  compiled.set(key, result);
  return result;
}

/** Regexes compiled before, by flags and source: a rule's query is parsed to check it and again to run it. */
const compiled = new Map<string, BoundedRegexResult>();
const MAX_COMPILED = 2048;

function compileUncached(source: string, flags: string): BoundedRegexResult {
  let native: RegExp;
  try {
    native = new RegExp(source, flags.replace(/[gy]/g, ''));
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  const engine = engineFor(regexShape(source));
  if (engine === 'native') return { ok: true, value: { engine, test: (text) => native.test(text) } };
  let linear: RE2JS;
  try {
    linear = RE2JS.compile(
      RE2JS.translateRegExp(jsSemanticsForRe2(source, flags)),
      linearFlags(flags) | RE2JS.LOOKBEHINDS,
    );
  } catch (error) {
    const shape = regexShape(source);
    if (shape.backReference || shape.lookaround) {
      const what = shape.backReference ? 'back-reference' : 'lookaround';
      return {
        ok: false,
        error: `/${source}/ uses a ${what} that only a backtracking engine runs, and with its repeats that can take hours on one line; search runs regexes in linear time — drop the ${what} or the repeats`,
      };
    }
    return {
      ok: false,
      error: `/${source}/ needs the linear-time engine (its repeats could take hours on one line), which refuses it: ${(error as Error).message}`,
    };
  }
  if (engine === 'linear') return { ok: true, value: { engine, test: (text) => linear.test(text) } };
  return {
    ok: true,
    value: { engine, test: (text) => (text.length <= NATIVE_MAX_CHARS ? native.test(text) : linear.test(text)) },
  };
}
