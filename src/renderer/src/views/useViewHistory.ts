/**
 * The workspace's place (tab, query, selected event, file and line, trace, time range) kept as a
 * browser-like history — Alt+← / Alt+→ and the mouse's back and forward buttons step through it —
 * and mirrored in the URL's hash (viewHash.ts), which is read once when the case is ready so that
 * a link opens the view it names. A hash that does not read, or names a file the case does not
 * have, gives a notice, never a crash.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TimeRange } from './caseNavigation.ts';
import { formatHash, parseHash, type ViewLink } from './viewHash.ts';
import { canStep, emptyHistory, pushEntry, replaceEntry, stepHistory, type ViewHistory } from './viewHistory.ts';

export type Tab = 'overview' | 'timeline' | 'events' | 'patterns' | 'compare' | 'trace' | 'files' | 'case' | 'viewer';

/** Where the engineer is in a case. */
export interface ViewPlace {
  tab: Tab;
  query: string;
  /** The selected row of the events list (its place in the list), if any. */
  selected: number | null;
  viewer: { file: number; line: number } | null;
  trace: string;
  range: TimeRange | null;
}

/** What a link asks for: a notice when it cannot be followed. */
export type LinkProblem = { key: 'hashBad'; hash: string; reason: string } | { key: 'hashNoFile'; path: string };

/** Tab, file and trace: a change of any of them is a jump (a new history entry). */
const locationOf = (p: ViewPlace): string =>
  `${p.tab}|${p.tab === 'viewer' && p.viewer ? `${p.viewer.file}:${p.viewer.line}` : ''}|${p.tab === 'trace' ? p.trace : ''}`;

export function linkOf(place: ViewPlace, pathOf: (file: number) => string | null): ViewLink {
  switch (place.tab) {
    case 'events':
      return { view: 'events', query: place.query, selected: place.selected };
    case 'viewer': {
      const path = place.viewer ? pathOf(place.viewer.file) : null;
      return path !== null && place.viewer ? { view: 'file', path, line: place.viewer.line } : { view: 'overview' };
    }
    case 'timeline':
      return { view: 'timeline', range: place.range };
    case 'trace':
      return place.trace.trim() === '' ? { view: 'overview' } : { view: 'trace', id: place.trace };
    default:
      return { view: place.tab };
  }
}

/** The place a link names, from the current one; a file path the case lacks is a problem. */
export function placeOfLink(
  link: ViewLink,
  current: ViewPlace,
  fileOf: (path: string) => number | null,
): ViewPlace | LinkProblem {
  switch (link.view) {
    case 'events':
      return { ...current, tab: 'events', query: link.query, selected: link.selected };
    case 'file': {
      const file = fileOf(link.path);
      if (file === null) return { key: 'hashNoFile', path: link.path };
      return { ...current, tab: 'viewer', viewer: { file, line: link.line } };
    }
    case 'timeline':
      return { ...current, tab: 'timeline', range: link.range ?? current.range };
    case 'trace':
      return { ...current, tab: 'trace', trace: link.id };
    default:
      return { ...current, tab: link.view };
  }
}

const isProblem = (x: ViewPlace | LinkProblem): x is LinkProblem => 'key' in x;

export interface ViewHistoryInput {
  place: ViewPlace;
  /** The case's saved state has been applied: the hash may now be read (and it wins). */
  ready: boolean;
  /** Shows a place (`fromLink`: the time range too, which back/forward leave alone). */
  apply: (place: ViewPlace, fromLink: boolean) => void;
  pathOf: (file: number) => string | null;
  fileOf: (path: string) => number | null;
}

export function useViewHistory({ place, ready, apply, pathOf, fileOf }: ViewHistoryInput) {
  const history = useRef<ViewHistory<ViewPlace>>(emptyHistory());
  const jump = useRef(false);
  const restoring = useRef(false);
  const linkRead = useRef(false);
  const [problem, setProblem] = useState<LinkProblem | null>(null);
  const [steps, setSteps] = useState({ back: false, forward: false });
  const latest = useRef({ apply, pathOf, fileOf, place });
  latest.current = { apply, pathOf, fileOf, place };

  const showSteps = (): void => {
    const h = history.current;
    setSteps((s) =>
      s.back === canStep(h, -1) && s.forward === canStep(h, 1) ? s : { back: canStep(h, -1), forward: canStep(h, 1) },
    );
  };

  useEffect(() => {
    if (!ready) return;
    // Once: the link the page was opened with (a pasted URL, a reload) takes the case there.
    if (!linkRead.current) {
      linkRead.current = true;
      const hash = window.location.hash;
      const parsed = parseHash(hash);
      if (!parsed.ok) setProblem({ key: 'hashBad', hash, reason: parsed.reason });
      else if (parsed.link) {
        const target = placeOfLink(parsed.link, place, latest.current.fileOf);
        if (isProblem(target)) setProblem(target);
        else {
          restoring.current = true;
          latest.current.apply(target, true);
          return;
        }
      }
    }
    const h = history.current;
    const current = h.at >= 0 ? h.entries[h.at] : null;
    const push = current !== null && !restoring.current && (jump.current || locationOf(current) !== locationOf(place));
    jump.current = false;
    restoring.current = false;
    history.current = push ? pushEntry(h, place) : replaceEntry(h, place);
    showSteps();
    const hash = formatHash(linkOf(place, latest.current.pathOf));
    if (window.location.hash !== hash)
      window.history.replaceState(
        window.history.state,
        '',
        `${window.location.pathname}${window.location.search}${hash}`,
      );
  }, [place, ready]);

  // Leaving the case: its hash goes too (another case opened next must not read it).
  useEffect(
    () => () => {
      if (window.location.hash !== '')
        window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}`);
    },
    [],
  );

  const step = useCallback((delta: -1 | 1) => {
    const next = stepHistory(history.current, delta);
    if (!next) return;
    history.current = next.history;
    restoring.current = true;
    latest.current.apply(next.entry, false);
  }, []);
  const back = useCallback(() => step(-1), [step]);
  const forward = useCallback(() => step(1), [step]);
  /** The next change of place is a jump even if tab, file and trace stay (a search sent from elsewhere). */
  const markJump = useCallback(() => void (jump.current = true), []);

  // Alt+← / Alt+→ (not in a text field on macOS, where they move by words), and the mouse's side buttons.
  useEffect(() => {
    const mac = /Mac|iPhone|iPad/.test(navigator.platform);
    const onKey = (event: KeyboardEvent): void => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
      const target = event.target as HTMLElement | null;
      if (mac && target?.closest('input, textarea, [contenteditable="true"], .monaco-editor')) return;
      event.preventDefault();
      event.stopPropagation();
      step(event.key === 'ArrowLeft' ? -1 : 1);
    };
    const onMouse = (event: MouseEvent): void => {
      if (event.button !== 3 && event.button !== 4) return;
      event.preventDefault();
      if (event.type === 'mouseup') step(event.button === 3 ? -1 : 1);
    };
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('mousedown', onMouse);
    window.addEventListener('mouseup', onMouse);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('mousedown', onMouse);
      window.removeEventListener('mouseup', onMouse);
    };
  }, [step]);

  return {
    back: steps.back ? back : null,
    forward: steps.forward ? forward : null,
    markJump,
    problem,
    dismissProblem: () => setProblem(null),
  };
}
