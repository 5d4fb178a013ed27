/**
 * Named capture groups make V8 build a `groups` object on every match, which dominates the cost
 * of parsing millions of lines. This turns a pattern's named groups into numbered ones and
 * returns each name's index, so hot paths read `match[index]` instead.
 */

/** A pattern with its named groups mapped to capture indices. */
export interface IndexedPattern {
  regex: RegExp;
  /** Group name → capture index. */
  index: Record<string, number>;
}

/** Compiles `source`; named groups keep working in the regex (for `\k<name>`) and get indices. */
export function indexNamedGroups(source: string, flags = ''): IndexedPattern {
  const index: Record<string, number> = {};
  let capture = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      continue;
    }
    if (c !== '(') continue;
    if (source[i + 1] !== '?') {
      capture++;
      continue;
    }
    // (?<name>…) captures; (?<= and (?<! are lookbehinds; (?: (?= (?! do not capture.
    if (source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!') {
      capture++;
      const end = source.indexOf('>', i + 3);
      index[source.slice(i + 3, end)] = capture;
    }
  }
  return { regex: new RegExp(source, flags), index };
}
