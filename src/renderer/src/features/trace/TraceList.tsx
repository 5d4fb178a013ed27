/**
 * The trace's events as a list, in time order: time, level, component, file:line, message; events
 * reached through a related id say which. Click or Enter opens the line in the file viewer;
 * ↑/↓ move between rows. Long traces are shown a page at a time.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { TraceEvent } from '../../../../shared/caseViews.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { componentKey, timeLabel } from './traceFormat.ts';
import { LEVEL_KEYS } from '../../i18n/strings.ts';

const PAGE = 500;

export interface TraceListProps {
  events: TraceEvent[];
  /** Times without their date (the trace spans one day). */
  timeOnly: boolean;
  selected: number | null;
  onSelect: (eventId: number) => void;
  onOpen: (event: TraceEvent) => void;
}

export function TraceList({ events, timeOnly, selected, onSelect, onOpen }: TraceListProps) {
  const { t, num } = useI18n();
  const [limit, setLimit] = useState(PAGE);
  const body = useRef<HTMLTableSectionElement>(null);
  const selectedIndex = selected === null ? -1 : events.findIndex((e) => e.id === selected);
  const shown = Math.max(limit, selectedIndex + 1);

  // A mark chosen in the lanes: bring its row into view (without taking the focus).
  useEffect(() => {
    if (selected === null) return;
    const row = body.current?.querySelector<HTMLElement>(`tr[data-event="${selected}"]`);
    if (row && !row.contains(document.activeElement) && document.activeElement !== row)
      row.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [selected]);

  const onKey = (event: KeyboardEvent<HTMLTableRowElement>, e: TraceEvent): void => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen(e);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = (
        event.key === 'ArrowDown' ? event.currentTarget.nextElementSibling : event.currentTarget.previousElementSibling
      ) as HTMLElement | null;
      next?.focus();
    }
  };

  return (
    <div className="tr-list">
      <div className="table-wrap">
        <table className="table tr-table">
          <colgroup>
            <col className={timeOnly ? 'tr-col-time-short' : 'tr-col-time'} />
            <col className="tr-col-level" />
            <col className="tr-col-component" />
            <col className="tr-col-where" />
            <col />
          </colgroup>
          <thead>
            <tr>
              <th>{t('trColTime')}</th>
              <th>{t('trColLevel')}</th>
              <th>{t('trColComponent')}</th>
              <th>{t('trColWhere')}</th>
              <th>{t('trColText')}</th>
            </tr>
          </thead>
          <tbody ref={body}>
            {events.slice(0, shown).map((e) => (
              <tr
                key={e.id}
                data-testid="trace-event"
                data-event={e.id}
                data-hop={e.hop}
                className={`tr-row${e.id === selected ? ' tr-row-selected' : ''}${e.hop === 1 ? ' tr-row-hop1' : ''}`}
                tabIndex={0}
                title={t('trOpenRow', { path: e.path, line: num(e.line) })}
                onClick={() => onOpen(e)}
                onFocus={() => onSelect(e.id)}
                onKeyDown={(event) => onKey(event, e)}
              >
                <td className="mono tr-cell-time">{e.time === null ? '—' : timeLabel(e.time, timeOnly)}</td>
                <td>
                  <span className={`pill pill-${e.level}`}>{t(LEVEL_KEYS[e.level])}</span>
                </td>
                <td className="tr-cell-clip" title={componentKey(e)}>
                  <span className="component">{e.component || e.module}</span>
                </td>
                <td className="mono" title={`${e.path}:${e.line}`}>
                  <span className="tr-where">
                    <bdi>
                      {e.path}:{e.line}
                    </bdi>
                  </span>
                </td>
                <td className="mono tr-cell-text" title={e.text}>
                  {e.via && (
                    <span className="tr-via" title={t('trViaTitle', { id: e.via })}>
                      {t('trVia', { id: e.via })}
                    </span>
                  )}
                  {/* The message without the time, level and pid the other columns show; the whole line is the title. */}
                  <span data-testid="trace-message">{e.message ?? e.text}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {events.length > shown && (
        <div className="more tr-more">
          <span className="muted">{t('trShownOf', { shown: num(shown), total: num(events.length) })}</span>
          <button type="button" className="button" onClick={() => setLimit(shown + PAGE)}>
            {t('trShowMore', { n: num(Math.min(PAGE, events.length - shown)) })}
          </button>
        </div>
      )}
    </div>
  );
}
