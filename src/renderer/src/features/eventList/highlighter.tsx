/** A row's text with the words a query's hits must contain marked (the cutting is in queryText.ts). */
import type { ReactNode } from 'react';
import type { QueryNode } from '../../../../shared/search/queryLanguage.ts';
import { SHOWN_CHARS, highlightPatterns, highlightSegments } from './queryText.ts';

/**
 * Renders a row's text with the query's positive words, phrases, regexes and ids marked; a list
 * cell starts a little before a far first hit, `fromStart` (the detail pane) at the first character.
 */
export type Highlighter = (text: string, fromStart?: boolean) => ReactNode;

export function makeHighlighter(node: QueryNode | null): Highlighter {
  const patterns = highlightPatterns(node);
  if (patterns.length === 0) return (text) => text.slice(0, SHOWN_CHARS);
  return (text, fromStart = false) => {
    const segments = highlightSegments(patterns, text, fromStart);
    if (segments.length === 1 && !segments[0].marked) return segments[0].text;
    return segments.map((s) => (s.marked ? <mark key={s.at}>{s.text}</mark> : s.text));
  };
}
