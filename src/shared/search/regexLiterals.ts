/**
 * Literal pieces every match of a regular expression must contain, so that `/regex/` search
 * verifies only events holding them instead of scanning the bundle. Conservative by design: a
 * top-level alternation, or anything not understood, yields no pieces (a scan), never a wrong one.
 */

const ESCAPED_LITERAL = /[\\^$.*+?()[\]{}|/\-:=!,<>#@%&~`'" ]/;

/** Skips a group or class starting at `i`; returns the index after it, or -1 if unbalanced. */
function skipBracketed(source: string, i: number): number {
  let depth = 0;
  let inClass = false;
  for (; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

function hasTopLevelAlternation(source: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

/** The literal runs (as written, unescaped) that every match of `/source/flags` contains. */
export function requiredLiterals(source: string, flags = ''): string[] {
  void flags;
  if (hasTopLevelAlternation(source)) return [];
  const runs: string[] = [];
  let run = '';
  const close = () => {
    if (run) runs.push(run);
    run = '';
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    let literal: string | null = null;
    let next = i + 1;
    if (c === '\\') {
      const e = source[i + 1];
      if (e !== undefined && ESCAPED_LITERAL.test(e)) literal = e;
      next = i + 2 + escapePayload(source, i + 2, e);
    } else if (c === '(' || c === '[') {
      const end = c === '(' ? skipBracketed(source, i) : skipClass(source, i);
      if (end < 0) return [];
      close();
      i = end;
      i = skipQuantifier(source, i).end;
      continue;
    } else if (!'.^$*+?{}|)'.includes(c)) {
      literal = c;
    }
    const quantifier = skipQuantifier(source, next);
    if (literal === null) {
      close();
    } else if (quantifier.optional) {
      close();
    } else if (quantifier.end !== next) {
      run += literal;
      close();
    } else {
      run += literal;
    }
    i = quantifier.end;
  }
  close();
  return runs;
}

/** Characters after `\\x`, `\\u`, `\\c`, `\\k`, `\\p` that belong to the escape (not literal text). */
function escapePayload(source: string, at: number, letter: string | undefined): number {
  switch (letter) {
    case 'x':
      return 2;
    case 'c':
      return 1;
    case 'u':
      return source[at] === '{' ? source.indexOf('}', at) - at + 1 : 4;
    case 'k':
      return source[at] === '<' ? source.indexOf('>', at) - at + 1 : 0;
    case 'p':
    case 'P':
      return source[at] === '{' ? source.indexOf('}', at) - at + 1 : 0;
    default:
      return 0;
  }
}

function skipClass(source: string, i: number): number {
  for (let j = i + 1; j < source.length; j++) {
    if (source[j] === '\\') j++;
    else if (source[j] === ']') return j + 1;
  }
  return -1;
}

/** A quantifier at `i`, if any: where it ends and whether it allows zero repetitions. */
function skipQuantifier(source: string, i: number): { end: number; optional: boolean } {
  const c = source[i];
  let end: number;
  let optional = false;
  if (c === '*' || c === '?') {
    end = i + 1;
    optional = true;
  } else if (c === '+') {
    end = i + 1;
  } else if (c === '{') {
    const m = /^\{(\d+)(,\d*)?\}/.exec(source.slice(i));
    if (!m) return { end: i, optional: false };
    end = i + m[0].length;
    optional = Number(m[1]) === 0;
  } else {
    return { end: i, optional: false };
  }
  if (source[end] === '?') end++;
  return { end, optional };
}
