/**
 * The events list's state machine: the query typed → a run sent to the engine → its first page
 * and summary → the rows paged in as the list scrolls, with the selection and where the list
 * scrolls to. The decisions are in eventSearch.ts; this hook holds the state and the requests.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { FIRST_COUNT_BUDGET_MS, type SearchPage } from '../../../../shared/caseViews.ts';
import type { QueryError } from '../../../../shared/search/queryLanguage.ts';
import { client } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { TimeRange } from '../../views/caseNavigation.ts';
import type { ScrollRequest } from './EventList.tsx';
import { hitsList, landingOf, planSubmission, timelineList, type ListState, type Run } from './eventSearch.ts';
import { makeHighlighter } from './highlighter.tsx';
import { PAGE, PageCache, type LoadRows } from './pageCache.ts';

const TYPING_MS = 300;

/** The rows of the timeline (empty query) or of a query's hits, a page at a time. */
function rowLoader(caseId: string, query: string): LoadRows {
  if (query === '')
    return async (offset, limit) => {
      const r = await client.events({ caseId, offset, limit });
      return r.ok ? { ok: true, value: { total: r.value.total, rows: r.value.rows } } : r;
    };
  return async (offset, limit) => {
    const r = await client.search({ caseId, query, offset, limit });
    if (!r.ok) return r;
    if (r.value.syntaxError) return { ok: false, error: r.value.syntaxError.message };
    return { ok: true, value: { total: r.value.total, rows: r.value.hits } };
  };
}

const noRows: LoadRows = async () => ({ ok: true, value: { total: 0, rows: [] } });

export interface EventSearchInput {
  caseId: string;
  /** The text in the search box. */
  query: string;
  /** False while the full-text index is building: searches are scans. */
  indexed: boolean;
  /** The timeline's selection: only events in it are listed. */
  range: TimeRange | null;
  /** The row selected when the first list arrives (back to these results), if it exists. */
  initialSelected?: number | null;
}

export function useEventSearch({ caseId, query, indexed, range, initialSelected = null }: EventSearchInput) {
  const { t } = useI18n();
  const [run, setRun] = useState<Run | null>(null);
  const [list, setList] = useState<ListState | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [syntax, setSyntax] = useState<{ text: string; error: QueryError } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [scrollRequest, setScrollRequest] = useState<ScrollRequest | null>(null);
  const [, bump] = useReducer((n: number) => n + 1, 0);
  const submittedText = useRef<string | null>(null);
  const tokens = useRef(0);
  /** The first row on screen (the list reports it as it scrolls). */
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
  /** Used once, by the first list that arrives. */
  const restore = useRef(initialSelected);

  const searchMode = list !== null && list.run.query !== '';
  const cache = useMemo(
    () =>
      list
        ? new PageCache(rowLoader(caseId, list.run.query), list.total, list.seed, bump)
        : new PageCache(noRows, 0, [], bump),
    [caseId, list],
  );
  useEffect(() => () => cache.dispose(), [cache]);

  const selectedRow = selected === null ? null : (cache.get(selected) ?? null);
  const selectedNow = useRef(selectedRow);
  selectedNow.current = selectedRow;
  const highlight = useMemo(() => makeHighlighter(list?.run.node ?? null), [list]);

  /** Runs `text` (Enter, a pause in typing, a chip, or another view). Relative times use the selected event. */
  const submit = useCallback(
    (text: string, focus: number | null = null) => {
      submittedText.current = text;
      const plan = planSubmission(text, {
        selected: selectedNow.current,
        range: rangeNow.current,
        shown: runNow.current,
        failed: failureNow.current !== null,
        focus,
      });
      setSyntax(plan.kind === 'syntax' ? { text, error: plan.error } : null);
      if (plan.kind === 'syntax') return;
      setProblem(plan.kind === 'needsReference' ? t('evRelativeNeedsEvent') : null);
      if (plan.kind !== 'run') return;
      setRun({ text, query: plan.query, node: plan.node, token: ++tokens.current, focus: plan.focus });
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
      const restoreAt = restore.current;
      restore.current = null;
      const landing =
        listNow.current === null && restoreAt !== null && restoreAt < next.total
          ? ({ kind: 'focus', index: restoreAt } as const)
          : landingOf(listNow.current, run);
      setFailure(null);
      setList(next);
      if (landing.kind === 'stay')
        setScrollRequest({ index: firstVisible.current, align: 'top', token: ++tokens.current });
      else if (landing.kind === 'focus') {
        setSelected(landing.index);
        setScrollRequest({ index: landing.index, align: 'center', token: ++tokens.current });
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
        if (r.ok) apply(timelineList(run, r.value.total, r.value.rows));
      });
    } else {
      // The first page comes at once; when its total stopped at the budget, the exact one follows.
      const show = (page: SearchPage) => apply(hitsList(run, page));
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

  const jumpTo = useCallback((index: number) => {
    setSelected(index);
    setScrollRequest({ index, align: 'center', token: ++tokens.current });
  }, []);
  const select = useCallback((index: number) => {
    setSelected(index);
    setScrollRequest({ index, align: 'nearest', token: ++tokens.current });
  }, []);
  const onRange = useCallback((first: number) => void (firstVisible.current = first), []);
  /** Back from the search box: without a selection, the first row on screen is selected. */
  const selectFirstVisible = (): void => {
    if (selected === null && cache.total > 0) select(firstVisible.current);
  };
  const retry = (): void => {
    if (run) setRun({ ...run, token: ++tokens.current });
  };

  return {
    run,
    list,
    busy,
    failure,
    /** The syntax error of `query`, when the box still holds the text that had it. */
    syntaxError: syntax && syntax.text === query ? syntax.error : null,
    problem,
    searchMode,
    cache,
    highlight,
    selected,
    selectedRow,
    scrollRequest,
    firstVisible,
    submit,
    select,
    jumpTo,
    onRange,
    selectFirstVisible,
    retry,
  };
}

export type EventSearch = ReturnType<typeof useEventSearch>;
