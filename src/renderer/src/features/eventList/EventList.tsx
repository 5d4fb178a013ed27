/**
 * The virtualised list of events: fixed-height rows, only the visible ones (plus a few) in the
 * DOM, pages asked of the cache as the viewport moves. A list taller than browsers allow is
 * scaled: the scrollbar maps onto the whole list, and the wheel moves it pixel by pixel.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import type { EventView } from '../../../../shared/caseViews.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { LEVEL_KEYS } from '../../i18n/strings.ts';
import { baseName, formatLocalTime } from '../../lib/display.ts';
import type { PageCache } from './pageCache.ts';
import type { Highlighter } from './highlighter.tsx';

export const ROW_HEIGHT = 22;
const MAX_PX = 15_000_000;
const OVERSCAN = 12;

/** `2025-09-18 16:24:31.123`. */
export function formatEventTime(ms: number | null): string {
  if (ms === null) return '—';
  return `${formatLocalTime(ms)}.${String(((ms % 1000) + 1000) % 1000).padStart(3, '0')}`;
}

/** Where the list should go: `token` changes make the same request apply again. */
export interface ScrollRequest {
  index: number;
  align: 'nearest' | 'center' | 'top';
  token: number;
}

/** The pin mark of a row: a small map pin, named for screen readers. */
export function PinGlyph({ label }: { label: string }) {
  return (
    <svg
      className="pin-glyph"
      viewBox="0 0 16 16"
      width="11"
      height="11"
      role="img"
      aria-label={label}
      data-testid="pin-glyph"
    >
      <title>{label}</title>
      <path d="M8 1.5a4.5 4.5 0 0 0-4.5 4.5c0 3.2 4.5 8.5 4.5 8.5s4.5-5.3 4.5-8.5A4.5 4.5 0 0 0 8 1.5Zm0 6.3A1.8 1.8 0 1 1 8 4.2a1.8 1.8 0 0 1 0 3.6Z" />
    </svg>
  );
}

interface Props {
  cache: PageCache;
  selected: number | null;
  /** Whether a pin is on one of a row's lines. */
  isPinned: (row: EventView) => boolean;
  scrollRequest: ScrollRequest | null;
  highlight: Highlighter;
  onSelect: (index: number) => void;
  onOpen: (index: number) => void;
  /** Keys the view handles (n, e, /…); return true when handled. */
  onCommand: (event: KeyboardEvent<HTMLDivElement>, page: number) => boolean;
  onRange: (first: number, last: number) => void;
  listRef: Ref<HTMLDivElement>;
}

const Row = memo(function Row({
  row,
  index,
  top,
  selected,
  pinned,
  highlight,
  onSelect,
  onOpen,
}: {
  row: EventView;
  index: number;
  top: number;
  selected: boolean;
  /** A pin is on one of the event's lines. */
  pinned: boolean;
  highlight: Highlighter;
  onSelect: (index: number) => void;
  onOpen: (index: number) => void;
}) {
  const { t } = useI18n();
  const where = `${row.path}:${row.line}`;
  return (
    <div
      id={`ev-row-${index}`}
      role="option"
      aria-selected={selected}
      className={`ev-row ev-row-${row.level}${selected ? ' ev-row-selected' : ''}`}
      style={{ top }}
      data-testid="event-row"
      data-position={row.position}
      data-level={row.level}
      data-time={row.time ?? undefined}
      data-pinned={pinned ? 'true' : undefined}
      data-line-count={row.lineCount}
      onClick={() => onSelect(index)}
      onDoubleClick={() => onOpen(index)}
    >
      <span className="ev-cell ev-time">
        {pinned && <PinGlyph label={t('rowPinnedMark')} />}
        {formatEventTime(row.time)}
      </span>
      <span className="ev-cell ev-level-cell">
        {row.level !== 'unknown' && (
          <span className={`ev-level ev-level-${row.level}`}>{t(LEVEL_KEYS[row.level])}</span>
        )}
      </span>
      <span className="ev-cell ev-component" title={`${row.module} / ${row.component}`}>
        {row.component}
      </span>
      <span className="ev-cell ev-file" title={where}>
        {baseName(row.path)}:{row.line}
      </span>
      {/* The message without the prefix the other cells show (a record's is on a later line); the line in the detail. */}
      <span className="ev-cell ev-text" data-testid="event-message">
        {highlight(row.message ?? row.text)}
      </span>
    </div>
  );
});

export function EventList({
  cache,
  selected,
  isPinned,
  scrollRequest,
  highlight,
  onSelect,
  onOpen,
  onCommand,
  onRange,
  listRef,
}: Props) {
  const { t } = useI18n();
  const scroller = useRef<HTMLDivElement | null>(null);
  const [height, setHeight] = useState(0);
  // `top` is where the viewport starts on the full-size list; `scroll` is the element's scrollTop.
  const [view, setView] = useState({ scroll: 0, top: 0 });
  const ownScroll = useRef(-1);

  const total = cache.total;
  const full = total * ROW_HEIGHT;
  const inner = Math.min(full, MAX_PX);
  const maxScroll = Math.max(0, inner - height);
  const maxTop = Math.max(0, full - height);
  const scaled = full > MAX_PX;

  const setRef = useCallback(
    (el: HTMLDivElement | null) => {
      scroller.current = el;
      if (typeof listRef === 'function') listRef(el);
      else if (listRef) listRef.current = el;
    },
    [listRef],
  );

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    setHeight(el.clientHeight);
    return () => observer.disconnect();
  }, []);

  /** Moves the viewport so that it starts at `top` on the full-size list. */
  const goTo = useCallback(
    (top: number) => {
      const el = scroller.current;
      if (!el) return;
      const clamped = Math.max(0, Math.min(maxTop, Math.round(top)));
      el.scrollTop = maxTop > 0 ? (clamped / maxTop) * maxScroll : 0;
      ownScroll.current = el.scrollTop;
      setView({ scroll: el.scrollTop, top: scaled ? clamped : el.scrollTop });
    },
    [maxScroll, maxTop, scaled],
  );

  const onScroll = (): void => {
    const el = scroller.current;
    if (!el) return;
    const scroll = el.scrollTop;
    if (Math.abs(scroll - ownScroll.current) < 1.5) return;
    ownScroll.current = -1;
    setView({ scroll, top: scaled && maxScroll > 0 ? (scroll / maxScroll) * maxTop : scroll });
  };

  // A scaled list would move many rows per wheel notch: move it by the wheel's own pixels instead.
  const viewRef = useRef(view);
  viewRef.current = view;
  useEffect(() => {
    const el = scroller.current;
    if (!el || !scaled) return;
    const onWheel = (event: WheelEvent): void => {
      if (event.ctrlKey || event.deltaY === 0) return;
      event.preventDefault();
      const unit = event.deltaMode === 1 ? ROW_HEIGHT : event.deltaMode === 2 ? height : 1;
      goTo(viewRef.current.top + event.deltaY * unit);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [scaled, goTo, height]);

  // A new list starts at its top unless a request says otherwise.
  const lastCache = useRef(cache);
  useLayoutEffect(() => {
    if (lastCache.current === cache) return;
    lastCache.current = cache;
    if (scroller.current) scroller.current.scrollTop = 0;
    ownScroll.current = 0;
    viewRef.current = { scroll: 0, top: 0 };
    setView(viewRef.current);
  }, [cache]);

  const applied = useRef(-1);
  useLayoutEffect(() => {
    if (!scrollRequest || applied.current === scrollRequest.token || height === 0 || total === 0) return;
    applied.current = scrollRequest.token;
    const rowTop = Math.min(scrollRequest.index, total - 1) * ROW_HEIGHT;
    const { top } = viewRef.current;
    if (scrollRequest.align === 'top') goTo(rowTop);
    else if (scrollRequest.align === 'center') {
      if (rowTop < top || rowTop + ROW_HEIGHT > top + height) goTo(rowTop - height / 2 + ROW_HEIGHT / 2);
    } else if (rowTop < top) goTo(rowTop);
    else if (rowTop + ROW_HEIGHT > top + height) goTo(rowTop + ROW_HEIGHT - height);
  }, [scrollRequest, height, total, goTo]);

  const first = Math.max(0, Math.floor(view.top / ROW_HEIGHT));
  const last = Math.min(total - 1, Math.floor((view.top + Math.max(height, ROW_HEIGHT)) / ROW_HEIGHT));
  const fullyVisible = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);

  useEffect(() => {
    if (total === 0) return;
    cache.ensure(first - OVERSCAN, last + OVERSCAN);
    onRange(Math.min(Math.ceil(view.top / ROW_HEIGHT), total - 1), last);
  }, [cache, first, last, total, onRange, view.top]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (onCommand(event, fullyVisible)) {
      event.preventDefault();
      return;
    }
    const at = selected ?? first;
    const move: Record<string, number> = {
      j: 1,
      ArrowDown: 1,
      k: -1,
      ArrowUp: -1,
      PageDown: fullyVisible,
      PageUp: -fullyVisible,
      Home: -Infinity,
      End: Infinity,
    };
    const delta = move[event.key];
    if (delta !== undefined && total > 0) {
      event.preventDefault();
      onSelect(Math.max(0, Math.min(total - 1, selected === null && Math.abs(delta) === 1 ? at : at + delta)));
    } else if (event.key === 'Enter' && selected !== null) {
      event.preventDefault();
      onOpen(selected);
    }
  };

  const rows = [];
  if (total > 0 && height > 0) {
    for (let i = Math.max(0, first - OVERSCAN); i <= Math.min(total - 1, last + OVERSCAN); i++) {
      const top = view.scroll + i * ROW_HEIGHT - view.top;
      const row = cache.get(i);
      rows.push(
        row ? (
          <Row
            key={i}
            row={row}
            index={i}
            top={top}
            selected={selected === i}
            pinned={isPinned(row)}
            highlight={highlight}
            onSelect={onSelect}
            onOpen={onOpen}
          />
        ) : (
          <div
            key={i}
            className="ev-row ev-row-loading"
            style={{ top }}
            data-testid="event-row-loading"
            aria-hidden="true"
          >
            <span className="ev-skeleton" />
          </div>
        ),
      );
    }
  }
  const active =
    selected !== null && selected >= first - OVERSCAN && selected <= last + OVERSCAN && cache.get(selected)
      ? `ev-row-${selected}`
      : undefined;

  return (
    <div className="ev-table">
      <div className="ev-head" aria-hidden="true">
        <span className="ev-cell">{t('evColTime')}</span>
        <span className="ev-cell">{t('evColLevel')}</span>
        <span className="ev-cell">{t('evColComponent')}</span>
        <span className="ev-cell">{t('evColFile')}</span>
        <span className="ev-cell">{t('evColMessage')}</span>
      </div>
      <div
        ref={setRef}
        className="ev-scroll"
        role="listbox"
        tabIndex={0}
        aria-label={t('evListLabel')}
        aria-activedescendant={active}
        onScroll={onScroll}
        onKeyDown={onKeyDown}
        data-testid="event-list"
      >
        <div className="ev-inner" style={{ height: inner }}>
          {rows}
        </div>
      </div>
      {cache.error && (
        <div className="ev-list-error" role="alert">
          <span>
            {t('evLoadFailed')}: <span className="mono">{cache.error}</span>
          </span>
          <button type="button" className="button" onClick={() => cache.retry()}>
            {t('evRetry')}
          </button>
        </div>
      )}
    </div>
  );
}
