/**
 * Events: the merged log of every file in time order, or the hits of a query, in one
 * virtualised list. The search box takes the query language (help, hit highlighting, counts per
 * component); keys: j/k ↑/↓ move, Enter opens the file, n/N next/previous hit, e/E next/previous
 * error, / searches, Esc in the box comes back to the list.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type KeyboardEvent } from 'react';
import { FIRST_COUNT_BUDGET_MS, type EventView, type SearchPage } from '../../../../shared/caseViews.ts';
import type { QueryError, QueryNode } from '../../../../shared/search/queryLanguage.ts';
import { client } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { StringKey } from '../../i18n/strings.ts';
import type { CaseNavigation, TimeRange } from '../../views/caseNavigation.ts';
import { ComponentChips } from './ComponentChips.tsx';
import { EventDetail } from './EventDetail.tsx';
import { EventList, type ScrollRequest } from './EventList.tsx';
import { PAGE, PageCache, PositionIndex } from './pageCache.ts';
import { makeHighlighter, prepareQuery, withRange } from './queryTools.tsx';
import { SearchBar } from './SearchBar.tsx';
import './EventsView.css';

export interface EventsViewProps {
  caseId: string;
  /** The search text (the workspace owns it so that other views can set it). */
  query: string;
  onQueryChange: (q: string) => void;
  /** False while the full-text index is building: searches are scans. */
  indexed: boolean;
  /** The timeline's selection: only events in it are listed. */
  range: TimeRange | null;
  nav: CaseNavigation;
}

const TYPING_MS = 300;

/** A short message next to the summary: a dictionary key, or the engine's own words. */
type Notice = { key: StringKey } | { raw: string };
const NOTICE_MS = 4000;

/** One submitted query: the text as typed, what was sent, and where to land. */
interface Run {
  text: string;
  query: string;
  node: QueryNode | null;
  token: number;
  /** Timeline position to select when the timeline shows (after "Show in timeline" / clearing a search). */
  focus: number | null;
}

interface ListState {
  run: Run;
  total: number;
  /** False while the total is a lower bound (still being counted). */
  totalExact: boolean;
  seed: EventView[];
  byComponent: { component: string; count: number }[];
  tookMs: number;
  indexed: boolean;
}

export function EventsView({ caseId, query, onQueryChange, indexed, range, nav }: EventsViewProps) {
  const { t, num } = useI18n();
  const [run, setRun] = useState<Run | null>(null);
  const [list, setList] = useState<ListState | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [syntax, setSyntax] = useState<{ text: string; error: QueryError } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [scrollRequest, setScrollRequest] = useState<ScrollRequest | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [, bump] = useReducer((n: number) => n + 1, 0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const submittedText = useRef<string | null>(null);
  const tokens = useRef(0);
  const firstVisible = useRef(0);
  // The latest values, for callbacks that must not be recreated when they change.
  const listNow = useRef(list);
  listNow.current = list;
  const runNow = useRef(run);
  runNow.current = run;
  const failureNow = useRef(failure);
  failureNow.current = failure;
  const rangeNow = useRef(range);
  rangeNow.current = range;
  const setRange = useCallback((first: number) => void (firstVisible.current = first), []);

  const searchMode = list !== null && list.run.query !== '';
  const cache = useMemo(() => {
    if (!list) return new PageCache(async () => ({ ok: true, value: { total: 0, rows: [] } }), 0, [], bump);
    const q = list.run.query;
    const load =
      q === ''
        ? async (offset: number, limit: number) => {
            const r = await client.events({ caseId, offset, limit });
            return r.ok ? { ok: true as const, value: { total: r.value.total, rows: r.value.rows } } : r;
          }
        : async (offset: number, limit: number) => {
            const r = await client.search({ caseId, query: q, offset, limit });
            if (!r.ok) return r;
            if (r.value.syntaxError) return { ok: false as const, error: r.value.syntaxError.message };
            return { ok: true as const, value: { total: r.value.total, rows: r.value.hits } };
          };
    return new PageCache(load, list.total, list.seed, bump);
  }, [caseId, list]);
  useEffect(() => () => cache.dispose(), [cache]);

  const selectedRow = selected === null ? null : (cache.get(selected) ?? null);
  const selectedRef = useRef(selectedRow);
  selectedRef.current = selectedRow;
  const highlight = useMemo(() => makeHighlighter(list?.run.node ?? null), [list]);
  const timelineErrors = useMemo(() => new PositionIndex(caseId, 'level:>=error'), [caseId]);
  const searchQuery = searchMode ? list.run.query : null;
  const hitErrors = useMemo(
    () => (searchQuery ? new PositionIndex(caseId, `(${searchQuery}) level:>=error`) : null),
    [caseId, searchQuery],
  );

  const say = useCallback((key: StringKey) => setNotice({ key }), []);
  useEffect(() => {
    if (notice === null) return;
    const timer = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  /** Runs `text` (Enter, a pause in typing, a chip, or another view). Relative times use the selected event. */
  const submit = useCallback(
    (text: string, focus: number | null = null) => {
      submittedText.current = text;
      const current = selectedRef.current;
      const prepared = prepareQuery(text, current?.time ?? null);
      if (prepared.kind === 'syntax') {
        setSyntax({ text, error: prepared.error });
        return;
      }
      setSyntax(null);
      if (prepared.kind === 'needsReference') {
        setProblem(t('evRelativeNeedsEvent'));
        return;
      }
      setProblem(null);
      const sent = withRange(prepared.query, rangeNow.current);
      // Enter on the query already shown keeps the list as it is.
      const shown = runNow.current;
      if (focus === null && shown && shown.query === sent && !failureNow.current) return;
      // Leaving a search keeps the selected hit in view on the timeline.
      const keep = focus ?? (sent === '' && current ? current.position : null);
      setRun({ text, query: sent, node: prepared.node, token: ++tokens.current, focus: keep });
    },
    [t],
  );

  // The first run, then a pause in typing runs the query (an emptied box at once).
  useEffect(() => {
    if (submittedText.current === query) return;
    if (submittedText.current === null || query.trim() === '') {
      submit(query);
      return;
    }
    const timer = setTimeout(() => submit(query), TYPING_MS);
    return () => clearTimeout(timer);
  }, [query, submit]);

  // A new time range runs the current text again within it.
  const shownRange = useRef(range);
  useEffect(() => {
    if (shownRange.current === range) return;
    shownRange.current = range;
    if (submittedText.current !== null) submit(submittedText.current);
  }, [range, submit]);

  // Fetch the first page of a run (again when the index arrives: the summary says whether it scanned).
  const rerunKey = run !== null && run.query !== '' ? indexed : false;
  useEffect(() => {
    if (!run) return;
    let live = true;
    setBusy(true);
    const apply = (next: ListState): void => {
      const prev = listNow.current;
      setFailure(null);
      setList(next);
      if (prev && prev.run.token === run.token) {
        // The same query again (index attached): stay where the user was.
        setScrollRequest({ index: firstVisible.current, align: 'top', token: ++tokens.current });
      } else if (run.focus !== null && run.query === '') {
        setSelected(run.focus);
        setScrollRequest({ index: run.focus, align: 'center', token: ++tokens.current });
      } else setSelected(null);
    };
    const done = (error: string | null): void => {
      setBusy(false);
      if (error !== null) setFailure(error);
    };
    if (run.query === '') {
      void client.events({ caseId, offset: 0, limit: PAGE }).then((r) => {
        if (!live) return;
        done(r.ok ? null : r.error);
        if (r.ok)
          apply({
            run,
            total: r.value.total,
            totalExact: true,
            seed: r.value.rows,
            byComponent: [],
            tookMs: 0,
            indexed: true,
          });
      });
    } else {
      // The first page comes at once; when its total stopped at the budget, the exact one follows.
      const show = (value: SearchPage) =>
        apply({
          run,
          total: value.total,
          totalExact: value.totalExact,
          seed: value.hits,
          byComponent: value.byComponent,
          tookMs: value.tookMs,
          indexed: value.indexed,
        });
      void client
        .search({ caseId, query: run.query, offset: 0, limit: PAGE, countBudgetMs: FIRST_COUNT_BUDGET_MS })
        .then((r) => {
          if (!live) return;
          done(r.ok ? null : r.error);
          if (!r.ok) return;
          if (r.value.syntaxError) return setSyntax({ text: run.text, error: r.value.syntaxError });
          show(r.value);
          if (r.value.totalExact) return;
          void client.search({ caseId, query: run.query, offset: 0, limit: PAGE }).then((exact) => {
            if (live && exact.ok && !exact.value.syntaxError) show(exact.value);
          });
        });
    }
    return () => {
      live = false;
    };
  }, [caseId, run, rerunKey]);

  useEffect(() => {
    listRef.current?.focus({ preventScroll: true });
  }, []);

  const jumpTo = useCallback((index: number) => {
    setSelected(index);
    setScrollRequest({ index, align: 'center', token: ++tokens.current });
  }, []);
  const select = useCallback((index: number) => {
    setSelected(index);
    setScrollRequest({ index, align: 'nearest', token: ++tokens.current });
  }, []);
  const open = useCallback(
    (index: number) => {
      const row = cache.get(index);
      if (row) nav.openLine(row.file, row.line);
    },
    [cache, nav],
  );

  const jumpHit = (forward: boolean): void => {
    if (!searchMode) return say('evNoSearch');
    const from = selected ?? (forward ? firstVisible.current - 1 : firstVisible.current);
    const to = from + (forward ? 1 : -1);
    if (to < 0) return say('evNoPrevHit');
    if (to >= cache.total) return say('evNoNextHit');
    jumpTo(to);
  };

  const seeking = useRef(false);
  const jumpError = async (forward: boolean): Promise<void> => {
    // One search at a time: presses while one runs are dropped rather than raced.
    if (seeking.current) return;
    seeking.current = true;
    const start = cache;
    const slow = setTimeout(() => say('evFindingError'), 250);
    try {
      const base = selected ?? firstVisible.current;
      const index = hitErrors;
      let position: number | null;
      let errorText: string | null;
      if (!index) {
        const p = selected === null && forward ? base - 1 : base;
        position = forward ? await timelineErrors.next(p) : await timelineErrors.prev(p);
        errorText = timelineErrors.error;
      } else {
        const row = await start.row(base);
        if (!row) return;
        const p = selected === null && forward ? row.position - 1 : row.position;
        position = forward ? await index.next(p) : await index.prev(p);
        errorText = index.error;
        if (position !== null) position = await start.indexOfPosition(position);
        if (position === -1) position = null;
      }
      if (start !== cache) return;
      if (position === null)
        setNotice(errorText !== null ? { raw: errorText } : { key: forward ? 'evNoNextError' : 'evNoPrevError' });
      else {
        setNotice(null);
        jumpTo(position);
      }
    } finally {
      seeking.current = false;
      clearTimeout(slow);
    }
  };

  const onCommand = (event: KeyboardEvent<HTMLDivElement>): boolean => {
    switch (event.key) {
      case '/':
        inputRef.current?.focus();
        inputRef.current?.select();
        return true;
      case 'n':
      case 'N':
        jumpHit(!event.shiftKey);
        return true;
      case 'e':
      case 'E':
        void jumpError(!event.shiftKey);
        return true;
      default:
        return false;
    }
  };

  const backToList = (): void => {
    listRef.current?.focus();
    if (selected === null && cache.total > 0) select(firstVisible.current);
  };

  const showInTimeline = (row: EventView): void => {
    submittedText.current = '';
    onQueryChange('');
    submit('', row.position);
    listRef.current?.focus();
  };

  const noticeText = notice === null ? null : 'key' in notice ? t(notice.key) : notice.raw;
  const summary =
    list === null
      ? t(run && run.query !== '' ? 'evSearching' : 'evLoading')
      : searchMode && range !== null && list.run.text.trim() === ''
        ? t(list.total === 1 ? 'evSummaryRangeOne' : 'evSummaryRange', { n: num(list.total) })
        : searchMode
          ? !list.totalExact
            ? t('evSummaryCounting', { n: num(list.total) })
            : t(list.total === 1 ? 'evSummaryHitsOne' : 'evSummaryHits', { n: num(list.total), ms: num(list.tookMs) })
          : t(list.total === 1 ? 'evSummaryTimelineOne' : 'evSummaryTimeline', { n: num(list.total) });

  return (
    <section
      className="ev"
      data-testid="events"
      aria-label={t('evTitle')}
      onKeyDown={(event) => {
        const target = event.target as HTMLElement;
        if (
          event.key === '/' &&
          !event.ctrlKey &&
          !event.metaKey &&
          !event.altKey &&
          !target.closest('input, textarea, select, .ev-scroll')
        ) {
          event.preventDefault();
          inputRef.current?.focus();
        }
      }}
    >
      <SearchBar
        value={query}
        onChange={onQueryChange}
        onSubmit={() => submit(query)}
        onLeave={backToList}
        onInsert={(example) => {
          onQueryChange(query.trim() === '' ? example : `${query.trimEnd()} ${example}`);
          inputRef.current?.focus();
        }}
        error={syntax && syntax.text === query ? syntax.error : null}
        problem={problem}
        busy={busy}
        inputRef={inputRef}
      />
      <div className="ev-status">
        <span
          className={`ev-summary${busy && list ? ' ev-summary-busy' : ''}`}
          data-testid="search-summary"
          aria-live="polite"
        >
          {summary}
          {busy && list && (
            <span className="muted"> · {t(searchMode || (run && run.query !== '') ? 'evSearching' : 'evLoading')}</span>
          )}
        </span>
        {!indexed && <span className="ev-scan-note muted">{t('evScanNote')}</span>}
        {noticeText && (
          <span className="ev-notice" role="status" data-testid="events-notice">
            {noticeText}
          </span>
        )}
        <span className="ev-keys muted" aria-hidden="true">
          <kbd>j</kbd>/<kbd>k</kbd> {t('evKeyMove')} · <kbd>Enter</kbd> {t('evKeyOpen')} · <kbd>n</kbd>/<kbd>N</kbd>{' '}
          {t('evKeyHits')} · <kbd>e</kbd>/<kbd>E</kbd> {t('evKeyErrors')} · <kbd>/</kbd> {t('evKeySearch')}
        </span>
      </div>
      {searchMode && (
        <ComponentChips
          byComponent={list.byComponent}
          query={query}
          onQuery={(q) => {
            onQueryChange(q);
            submit(q);
          }}
        />
      )}
      <div className="ev-body">
        <EventList
          cache={cache}
          selected={selected}
          scrollRequest={scrollRequest}
          highlight={highlight}
          onSelect={select}
          onOpen={open}
          onCommand={onCommand}
          onRange={setRange}
          listRef={listRef}
        />
        {failure && (
          <div className="ev-empty empty-state" role="alert" data-testid="events-error">
            <p className="empty-title">{t(run && run.query !== '' ? 'evSearchFailed' : 'evLoadFailed')}</p>
            <p className="mono ev-empty-detail">{failure}</p>
            <p>
              <button
                type="button"
                className="button"
                onClick={() => run && setRun({ ...run, token: ++tokens.current })}
              >
                {t('evRetry')}
              </button>
            </p>
          </div>
        )}
        {!failure && list && list.total === 0 && (
          <div className="ev-empty empty-state" data-testid={searchMode ? 'no-hits' : 'no-events'}>
            <p className="empty-title">
              {range !== null && list.run.text.trim() === ''
                ? t('evNoEventsInRange')
                : searchMode
                  ? t('evNoHits', { query: list.run.text.trim() })
                  : t('evNoEvents')}
            </p>
            <p>{range !== null ? t('evNoHitsInRangeNext') : searchMode ? t('evNoHitsNext') : t('evNoEventsNext')}</p>
            {searchMode && list.run.text.trim() !== '' && (
              <p>
                <button type="button" className="button" onClick={() => onQueryChange('')}>
                  {t('evClearSearch')}
                </button>
              </p>
            )}
          </div>
        )}
      </div>
      <EventDetail
        row={selectedRow}
        loading={selected !== null && selectedRow === null}
        highlight={highlight}
        onOpen={(row) => nav.openLine(row.file, row.line)}
        onShowInTimeline={searchMode && range === null ? showInTimeline : null}
        onTrace={(id) => nav.trace(id)}
        onPin={(row) =>
          nav.pin({
            path: row.path,
            line: row.line,
            file: row.file,
            text: row.text,
            time: row.time,
            level: row.level,
            component: `${row.module}/${row.component}`,
          })
        }
        pinned={selectedRow !== null && nav.isPinned(selectedRow.path, selectedRow.line)}
      />
    </section>
  );
}
