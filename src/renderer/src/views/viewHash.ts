/**
 * Deep links: the URL's hash says which view of the open case is shown, so a link pasted into a
 * ticket (or a reload) opens the same place. No React, no DOM: unit tested in
 * test/unit/viewHash.test.ts.
 *
 *   #/overview  #/patterns  #/compare  #/files  #/case
 *   #/events?q=<query>&sel=<row>          the search and the selected row (its place in the list)
 *   #/file/<bundle path>:<line>           the file viewer at a line
 *   #/timeline?from=<ISO>&to=<ISO>        the timeline with a selected range (UTC, to the ms)
 *   #/trace/<id>                          the trace of a request id, uuid or IP
 */

export type PlainView = 'overview' | 'patterns' | 'compare' | 'files' | 'case';

export type ViewLink =
  | { view: PlainView }
  | { view: 'events'; query: string; selected: number | null }
  | { view: 'file'; path: string; line: number }
  | { view: 'timeline'; range: { from: number; to: number } | null }
  | { view: 'trace'; id: string };

export type HashParse = { ok: true; link: ViewLink | null } | { ok: false; reason: string };

const PLAIN = new Set<string>(['overview', 'patterns', 'compare', 'files', 'case']);
/** Latest time a link may carry (JavaScript dates end at ±8.64e15 ms). */
const MAX_TIME = 8.64e15;

/** A path or id in the hash: percent-encoded, but its slashes kept readable. */
const encodePart = (text: string): string => encodeURIComponent(text).replace(/%2F/g, '/');

function decodePart(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** The hash (with its `#`) for a view. */
export function formatHash(link: ViewLink): string {
  switch (link.view) {
    case 'events': {
      const params = new URLSearchParams();
      if (link.query !== '') params.set('q', link.query);
      if (link.selected !== null) params.set('sel', String(link.selected));
      const search = params.toString();
      return search === '' ? '#/events' : `#/events?${search}`;
    }
    case 'file':
      return `#/file/${encodePart(link.path)}:${link.line}`;
    case 'timeline':
      return link.range === null
        ? '#/timeline'
        : `#/timeline?from=${new Date(link.range.from).toISOString()}&to=${new Date(link.range.to).toISOString()}`;
    case 'trace':
      return `#/trace/${encodePart(link.id)}`;
    default:
      return `#/${link.view}`;
  }
}

/** A time in a link: an ISO 8601 text (with its zone) or epoch milliseconds. */
function parseTime(text: string | null): number | null {
  if (text === null || text === '') return null;
  const ms = /^-?\d+$/.test(text) ? Number(text) : Date.parse(text);
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_TIME ? ms : null;
}

/**
 * The view a hash names. An empty hash (or `#`, `#/`) names none; anything else that does not
 * read is a typed failure with the reason, never a throw.
 */
export function parseHash(hash: string): HashParse {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text === '' || text === '/') return { ok: true, link: null };
  if (!text.startsWith('/')) return { ok: false, reason: 'a link starts with #/' };
  const cut = text.indexOf('?');
  const path = cut < 0 ? text.slice(1) : text.slice(1, cut);
  const params = new URLSearchParams(cut < 0 ? '' : text.slice(cut + 1));
  const slash = path.indexOf('/');
  const head = slash < 0 ? path : path.slice(0, slash);
  const rest = slash < 0 ? '' : path.slice(slash + 1);
  // `?` belongs to the file path or id when the view takes one (encoded, it never appears bare).
  const restWithQuery = cut < 0 ? rest : `${rest}${text.slice(cut)}`;
  if (PLAIN.has(head) && rest === '') return { ok: true, link: { view: head as PlainView } };
  switch (head) {
    case 'events': {
      if (rest !== '') return { ok: false, reason: `unknown part “${rest}” after #/events` };
      const sel = params.get('sel');
      if (sel !== null && !/^\d{1,9}$/.test(sel)) return { ok: false, reason: `sel=${sel} is not a row number` };
      return {
        ok: true,
        link: { view: 'events', query: params.get('q') ?? '', selected: sel === null ? null : Number(sel) },
      };
    }
    case 'file': {
      const m = /^(.+):(\d{1,9})$/s.exec(restWithQuery);
      if (!m) return { ok: false, reason: 'a file link is #/file/<path>:<line>' };
      const decoded = decodePart(m[1]);
      if (decoded === null || decoded === '') return { ok: false, reason: `the path “${m[1]}” is not well encoded` };
      const line = Number(m[2]);
      if (line < 1) return { ok: false, reason: 'lines start at 1' };
      return { ok: true, link: { view: 'file', path: decoded, line } };
    }
    case 'timeline': {
      if (rest !== '') return { ok: false, reason: `unknown part “${rest}” after #/timeline` };
      if (!params.has('from') && !params.has('to')) return { ok: true, link: { view: 'timeline', range: null } };
      const from = parseTime(params.get('from'));
      const to = parseTime(params.get('to'));
      if (from === null || to === null)
        return { ok: false, reason: 'from= and to= must both be times (ISO 8601 or epoch ms)' };
      if (from > to) return { ok: false, reason: 'from= is after to=' };
      return { ok: true, link: { view: 'timeline', range: { from, to } } };
    }
    case 'trace': {
      const id = decodePart(restWithQuery);
      if (id === null || id.trim() === '') return { ok: false, reason: 'a trace link is #/trace/<id>' };
      return { ok: true, link: { view: 'trace', id } };
    }
    default:
      return { ok: false, reason: `unknown view “${head}”` };
  }
}
