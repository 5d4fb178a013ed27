/**
 * Events: the merged log of every file in time order, or the hits of a query, in one
 * virtualised list. The search box takes the query language (help, hit highlighting, counts per
 * component); keys: j/k ↑/↓ move, Enter opens the file, n/N next/previous hit, e/E next/previous
 * error, p/P next/previous pinned event, c copies the event's lines (C: ±3 lines as Markdown),
 * / searches, Esc in the box comes back to the list. Pinned events carry a pin.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { Pin } from '../../../../shared/caseNotes.ts';
import type { EventView } from '../../../../shared/caseViews.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { CaseNavigation, TimeRange } from '../../views/caseNavigation.ts';
import { ComponentChips } from './ComponentChips.tsx';
import { EventDetail } from './EventDetail.tsx';
import { EventList, formatEventTime } from './EventList.tsx';
import { emptyStateOf, summaryOf } from './eventSearch.ts';
import { QueryFilters } from './QueryFilters.tsx';
import { addExclusion, tokenAt } from './queryText.ts';
import { SearchBar } from './SearchBar.tsx';
import { useEventJumps } from './useEventJumps.ts';
import { useEventSearch } from './useEventSearch.ts';
import { usePinJumps } from './usePinJumps.ts';
import type { CopyContext, CopyStyle } from '../viewer/copyLines.ts';
import { holdsPin, pinLines } from '../viewer/pinMarks.ts';
import { useCopyLines } from '../viewer/useLineActions.ts';
import './EventsView.css';
import { RuleFromLineDialog } from '../ruleFromLine/RuleFromLineDialog.tsx';
import { ruleLineOf } from '../ruleFromLine/useRuleFromLine.ts';

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
  /** The case's pins (marked in the list, reached with p / P). */
  pins: readonly Pin[];
  /** The row to select when the list first shows (back to these results). */
  initialSelected?: number | null;
  /** Told when the selected row changes (not on mount). */
  onSelected?: (index: number | null) => void;
  /** Recent searches (this case's first `historyCaseCount`), and how one is remembered. */
  history?: readonly string[];
  historyCaseCount?: number;
  onRemember?: (query: string) => void;
  /** The case is being read (and diagnosed) again as `caseId` (a rule was made from a line). */
  onReread?: (caseId: string) => void;
  /** Makes an event A's chosen event of the comparison (offered while one is open). */
  onAlignCompare?: (row: EventView) => void;
}

export function EventsView({
  caseId,
  query,
  onQueryChange,
  indexed,
  range,
  nav,
  pins,
  initialSelected = null,
  onSelected,
  history,
  historyCaseCount,
  onRemember,
  onReread,
  onAlignCompare,
}: EventsViewProps) {
  /** The event a rule is being made from. */
  const [ruleFrom, setRuleFrom] = useState<EventView | null>(null);
  const { t, num } = useI18n();
  const search = useEventSearch({ caseId, query, indexed, range, initialSelected });
  const { run, list, busy, failure, searchMode, cache, highlight, selected, selectedRow, submit } = search;
  const { notice, jumpHit, jumpError } = useEventJumps(caseId, search);
  const { pinNotice, jumpPin } = usePinJumps(caseId, pins, search);
  const marks = useMemo(() => pinLines(pins), [pins]);
  const isPinned = useCallback((row: EventView) => holdsPin(marks, row.path, row.line, row.lineCount), [marks]);
  const { copy, outcome: copyOutcome } = useCopyLines(caseId);
  const copyRow = useCallback(
    (row: EventView, context: CopyContext, style: CopyStyle) =>
      void copy({
        file: row.file,
        path: row.path,
        first: row.line,
        last: row.line + row.lineCount - 1,
        time: row.time === null ? null : formatEventTime(row.time),
        context,
        style,
      }),
    [copy],
  );
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    listRef.current?.focus({ preventScroll: true });
  }, []);

  const reportedOnce = useRef(false);
  useEffect(() => {
    if (!reportedOnce.current) {
      reportedOnce.current = true;
      return;
    }
    onSelected?.(selected);
  }, [selected, onSelected]);

  const open = useCallback(
    (index: number) => {
      const row = cache.get(index);
      if (row) nav.openLine(row.file, row.line);
    },
    [cache, nav],
  );

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
      case 'p':
      case 'P':
        void jumpPin(!event.shiftKey);
        return true;
      case 'c':
      case 'C':
        if (selectedRow) copyRow(selectedRow, event.shiftKey ? 3 : 0, event.shiftKey ? 'markdown' : 'text');
        return true;
      default:
        return false;
    }
  };

  /** A query set by a toggle, a chip or an Alt-click runs at once. */
  const runQuery = (q: string): void => {
    onQueryChange(q);
    submit(q);
    onRemember?.(q);
  };

  // The search shown when the engineer leaves the view (a jump to a file, another tab) is remembered.
  const leaving = useRef({ query, onRemember });
  leaving.current = { query, onRemember };
  useEffect(() => () => leaving.current.onRemember?.(leaving.current.query), []);

  // Alt-click on a word of a row's text (or the detail's): lines with it are left out (a `-word` chip).
  const onAltClick = (event: MouseEvent<HTMLElement>): void => {
    if (!event.altKey || event.button !== 0) return;
    const target = event.target as HTMLElement;
    if (!target.closest('.ev-text, .ev-detail-text')) return;
    const word = wordAtPoint(event.clientX, event.clientY);
    if (word === null) return;
    event.preventDefault();
    event.stopPropagation();
    runQuery(addExclusion(query, word));
  };

  const backToList = (): void => {
    listRef.current?.focus();
    search.selectFirstVisible();
  };

  const noticeText =
    pinNotice !== null ? t(pinNotice) : notice === null ? null : 'key' in notice ? t(notice.key) : notice.raw;
  const summaryMessage = summaryOf(list, run, range);
  const summary = t(summaryMessage.key, {
    ...(summaryMessage.n !== undefined ? { n: num(summaryMessage.n) } : {}),
    ...(summaryMessage.ms !== undefined ? { ms: num(summaryMessage.ms) } : {}),
  });
  const empty = !failure && list && list.total === 0 ? emptyStateOf(list, range) : null;

  return (
    <section
      className="ev"
      data-testid="events"
      aria-label={t('evTitle')}
      onClickCapture={onAltClick}
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
        onSubmit={() => {
          submit(query);
          onRemember?.(query);
        }}
        history={history}
        caseCount={historyCaseCount}
        onPick={runQuery}
        onLeave={backToList}
        onInsert={(example) => {
          onQueryChange(query.trim() === '' ? example : `${query.trimEnd()} ${example}`);
          inputRef.current?.focus();
        }}
        error={search.syntaxError}
        problem={search.problem}
        busy={busy}
        inputRef={inputRef}
      />
      <QueryFilters query={query} onQuery={runQuery} />
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
          {t('evKeyHits')} · <kbd>e</kbd>/<kbd>E</kbd> {t('evKeyErrors')} · <kbd>p</kbd>/<kbd>P</kbd> {t('evKeyPins')} ·{' '}
          <kbd>c</kbd> {t('evKeyCopy')} · <kbd>/</kbd> {t('evKeySearch')}
        </span>
      </div>
      {searchMode && list && <ComponentChips byComponent={list.byComponent} query={query} onQuery={runQuery} />}
      <div className="ev-body">
        <EventList
          cache={cache}
          selected={selected}
          isPinned={isPinned}
          scrollRequest={search.scrollRequest}
          highlight={highlight}
          onSelect={search.select}
          onOpen={open}
          onCommand={onCommand}
          onRange={search.onRange}
          listRef={listRef}
        />
        {failure && (
          <div className="ev-empty empty-state" role="alert" data-testid="events-error">
            <p className="empty-title">{t(run && run.query !== '' ? 'evSearchFailed' : 'evLoadFailed')}</p>
            <p className="mono ev-empty-detail">{failure}</p>
            <p>
              <button type="button" className="button" onClick={search.retry}>
                {t('evRetry')}
              </button>
            </p>
          </div>
        )}
        {empty && (
          <div className="ev-empty empty-state" data-testid={empty.testId}>
            <p className="empty-title">{t(empty.title, { query: empty.query })}</p>
            <p>{t(empty.next)}</p>
            {empty.canClear && (
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
        onShowInTimeline={(time) => nav.showTime(time)}
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
        onCopy={copyRow}
        copyOutcome={copyOutcome}
        onMakeRule={onReread ? setRuleFrom : undefined}
        onAlignCompare={onAlignCompare}
      />
      {ruleFrom && onReread && (
        <RuleFromLineDialog
          caseId={caseId}
          line={ruleLineOf(ruleFrom)}
          lineNo={ruleFrom.line}
          onClose={() => setRuleFrom(null)}
          onReread={onReread}
        />
      )}
    </section>
  );
}

/** The word under the mouse in a text node (caret from the point), or null. */
function wordAtPoint(x: number, y: number): string | null {
  const doc = document as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  };
  let node: Node | null = null;
  let offset = 0;
  if (doc.caretPositionFromPoint) {
    const at = doc.caretPositionFromPoint(x, y);
    node = at?.offsetNode ?? null;
    offset = at?.offset ?? 0;
  } else if (document.caretRangeFromPoint) {
    const range = document.caretRangeFromPoint(x, y);
    node = range?.startContainer ?? null;
    offset = range?.startOffset ?? 0;
  }
  if (node === null || node.nodeType !== Node.TEXT_NODE) return null;
  return tokenAt(node.textContent ?? '', offset);
}
