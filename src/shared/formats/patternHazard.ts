/**
 * Screens the regexes of a format the engineer writes (`pattern`, `continuation.unlessPattern`)
 * for shapes that make JavaScript's backtracking engine run for ever on one line. A format's
 * regex must run on the built-in engine (it has named groups and lookaround, and it runs on every
 * line of a bundle), so unlike the search box's regexes (`shared/search/boundedRegex.ts`) it
 * cannot be handed to a linear engine: a dangerous one is refused before it is compiled, when it
 * is tried, saved or loaded from the formats folder.
 *
 * Refused:
 * - a nested quantifier: a group repeated without bound whose body itself repeats —
 *   `^(a+)+$`, `(\w+\s?)*`, `((ab)*c)+` — exponential in the line's length;
 * - a repeated group of alternatives that can start with the same character — `(a|aa)+`,
 *   `(\w|\d)*` — exponential too (judged by each alternative's first atom);
 * - three or more `.*`/`.+` on one path outside lookaround, as in the rule that took Cloudflare
 *   down in 2019 (`.*(?:.*=.*)`): polynomial of degree three or more, hours on a long line.
 *
 * Kept: a repeated group of alternatives without an inner repeat (`(?:[^"\\]|\\.)*`, the quoted
 * string of the built-in formats), repeats inside a lookaround (atomic in JavaScript), bounded
 * outer repeats (`(?:\d+ ){1,5}`), alternatives that start differently (`(?:\s|-|~)*`), and one
 * or two `.*`. The screen looks at shape only, so it refuses a few safe shapes — alternatives that
 * share just their first character (`(ab|ac)+`), a quoted string with its own repeats inside a
 * repeated group (`(?:"[^"]*"|\w)+`, which `syslog-rfc5424`'s structured data has: a built-in
 * format is not screened, it is tested) — and misses overlaps that start inside a nested group.
 */

/** What is wrong with a regex, or null when its shape is safe to backtrack. */
export interface PatternHazard {
  kind: 'nestedQuantifier' | 'overlappingAlternatives' | 'manyWildcards';
  /** The part of the source at fault. */
  where: string;
}

interface Frame {
  start: number;
  /** A quantifier that repeats (max > 1) was met inside, at any depth. */
  repeats: boolean;
  lookaround: boolean;
  /** The first atom of each alternative (null: a group, not compared). */
  firsts: (string | null)[];
  /** The next atom starts an alternative. */
  expectFirst: boolean;
}

interface Quantifier {
  repeats: boolean;
  unbounded: boolean;
  end: number;
}

function quantifierAt(source: string, i: number): Quantifier | null {
  const c = source[i];
  if (c === '*' || c === '+') return { repeats: true, unbounded: true, end: i + 1 };
  if (c === '?') return { repeats: false, unbounded: false, end: i + 1 };
  if (c !== '{') return null;
  const match = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i, i + 24));
  if (!match) return null;
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3]);
  // A repeat bounded this high backtracks like an unbounded one: `(a+){1,100}`.
  return { repeats: max > 1, unbounded: max > 16, end: i + match[0].length };
}

// In JavaScript the first unescaped `]` ends a class.
function classEnd(source: string, start: number): number {
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']') return i;
  }
  return source.length;
}

// Characters tried on two alternatives' first atoms: when one matches both, the alternatives overlap.
const PROBES = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).concat(['\t', '\u00a0', 'é', '中']);

/** True when the two atoms (a character, an escape, a class, `.`) can match the same character. */
function atomsOverlap(a: string, b: string): boolean {
  let ra: RegExp;
  let rb: RegExp;
  try {
    ra = new RegExp(`^(?:${a})$`, 'u');
    rb = new RegExp(`^(?:${b})$`, 'u');
  } catch {
    try {
      ra = new RegExp(`^(?:${a})$`);
      rb = new RegExp(`^(?:${b})$`);
    } catch {
      return false;
    }
  }
  return PROBES.some((c) => ra.test(c) && rb.test(c));
}

/** Two alternatives whose first atoms overlap, as `x|y`, or null. */
function overlapping(firsts: (string | null)[]): string | null {
  for (let i = 0; i < firsts.length; i++)
    for (let j = i + 1; j < firsts.length; j++) {
      const a = firsts[i];
      const b = firsts[j];
      if (a !== null && b !== null && atomsOverlap(a, b)) return `${a}|${b}`;
    }
  return null;
}

const GROUP_PREFIX = /^\((?:\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>))?/;

/** The first hazard in `source`, or null. */
export function patternHazard(source: string): PatternHazard | null {
  const frame = (start: number, lookaround: boolean): Frame => ({
    start,
    repeats: false,
    lookaround,
    firsts: [],
    expectFirst: true,
  });
  const stack: Frame[] = [frame(0, false)];
  const atom = (top: Frame, text: string | null) => {
    if (top.expectFirst) top.firsts.push(text);
    top.expectFirst = false;
  };
  let closed: Frame | null = null;
  let lastAtomIsDot = false;
  let wildcards = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    const top = stack[stack.length - 1];
    const quantifier = quantifierAt(source, i);
    if (quantifier && i > 0) {
      if (closed && quantifier.unbounded && closed.repeats)
        return { kind: 'nestedQuantifier', where: source.slice(closed.start, quantifier.end) };
      const overlap = closed && quantifier.unbounded && closed.firsts.length > 1 ? overlapping(closed.firsts) : null;
      if (overlap) return { kind: 'overlappingAlternatives', where: source.slice(closed!.start, quantifier.end) };
      if (quantifier.repeats) top.repeats = true;
      if (quantifier.unbounded && lastAtomIsDot && !stack.some((f) => f.lookaround)) {
        wildcards++;
        if (wildcards >= 3) return { kind: 'manyWildcards', where: source };
      }
      i = quantifier.end - 1;
      if (source[i + 1] === '?') i++;
      closed = null;
      lastAtomIsDot = false;
      continue;
    }
    closed = null;
    lastAtomIsDot = false;
    if (c === '\\') {
      // A back-reference or an escape with a body (\u{…}, \p{…}) is not compared.
      atom(top, /[1-9kupPx]/.test(source[i + 1] ?? '') ? null : source.slice(i, i + 2));
      i++;
    } else if (c === '[') {
      const end = classEnd(source, i);
      atom(top, source.slice(i, end + 1));
      i = end;
    } else if (c === '.') {
      atom(top, '.');
      lastAtomIsDot = true;
    } else if (c === '(') {
      atom(top, null);
      const prefix = GROUP_PREFIX.exec(source.slice(i, i + 40))![0];
      stack.push(frame(i, /^\(\?<?[=!]/.test(prefix)));
      i += prefix.length - 1;
    } else if (c === ')' && stack.length > 1) {
      const frame = stack.pop()!;
      // A lookaround is atomic: once it matched, its repeats are not tried again.
      if (!frame.lookaround) stack[stack.length - 1].repeats ||= frame.repeats;
      closed = frame;
    } else if (c === '|') {
      // The wildcards of one alternative are not on the same path as the next one's.
      if (stack.length === 1) wildcards = 0;
      top.expectFirst = true;
    } else if (c !== '^' && c !== '$') {
      atom(top, /[\w\s]/.test(c) ? c : `\\${c}`);
    }
  }
  return null;
}

/** Why `source` (the spec's `field`) would hang on a long line, in words, or null. */
export function patternHazardProblem(field: string, source: string): string | null {
  const hazard = patternHazard(source);
  if (!hazard) return null;
  if (hazard.kind === 'overlappingAlternatives')
    return `"${field}" repeats a choice whose alternatives can start with the same character, ${hazard.where}: on a line it does not match, the regex engine tries exponentially many ways to share the text between them, so one line could hang the read; make the alternatives start differently or use one character class`;
  if (hazard.kind === 'nestedQuantifier')
    return `"${field}" has a nested quantifier, ${hazard.where}: a repeated group whose inside also repeats makes the regex engine try exponentially many ways on a line it does not match, so one line could hang the read; repeat a character class instead (e.g. [\\w ]+ rather than (\\w+ ?)+)`;
  return `"${field}" has three or more .* or .+ in a row: on a long line that does not match, the regex engine tries every way to split the line between them (hours for one line); keep at most two, or use [^…]* classes that stop at the next separator`;
}

/** The first of a format's regexes that could hang a read, said with the format's id, or null. */
export function formatHazardProblem(spec: {
  id: string;
  pattern?: string;
  continuation?: { unlessPattern?: string };
}): string | null {
  const fields: [string, string | undefined][] = [
    ['pattern', spec.pattern],
    ['continuation.unlessPattern', spec.continuation?.unlessPattern],
  ];
  for (const [field, source] of fields) {
    const problem = source === undefined ? null : patternHazardProblem(field, source);
    if (problem) return `format "${spec.id}": ${problem}`;
  }
  return null;
}
