/**
 * Trace: an id (request id, uuid, Cloudpods rid, IP, host) followed through every module —
 * its events as lanes per component and as a list in time order, with the ids seen on them
 * one click away (the followed ones already in the trace as its second hop).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TraceEvent } from '../../../../shared/caseViews.ts';
import { normalizeIdQuery } from '../../../../shared/ids/extractIds.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatLocalTime } from '../../lib/display.ts';
import type { CaseNavigation, TimeRange } from '../../views/caseNavigation.ts';
import { RelatedIds } from './RelatedIds.tsx';
import { TraceLanes } from './TraceLanes.tsx';
import { TraceList } from './TraceList.tsx';
import { TraceSummary } from './TraceSummary.tsx';
import { emptyTrace } from './traceRange.ts';
import { useTrace } from './useTrace.ts';
import './TraceView.css';

export interface TraceViewProps {
  caseId: string;
  id: string;
  onIdChange: (id: string) => void;
  /** The timeline's selection: events outside it are left out (and counted). */
  range: TimeRange | null;
  /** Clears the timeline's selection (offered when the id's events are all outside it). */
  onClearRange: () => void;
  nav: CaseNavigation;
}

export function TraceView({ caseId, id, onIdChange, range, onClearRange, nav }: TraceViewProps) {
  const { t, num } = useI18n();
  const [draft, setDraft] = useState(id);
  const { status, trace, hidden, selected, setSelected, retry } = useTrace({ caseId, id, range });
  useEffect(() => setDraft(id), [id]);

  const submit = (event: React.FormEvent): void => {
    event.preventDefault();
    const wanted = draft.trim();
    if (wanted === '') return;
    if (wanted === id.trim()) retry();
    else onIdChange(wanted);
  };

  const open = useCallback((e: TraceEvent) => nav.openLine(e.file, e.line), [nav]);
  const loading = status.kind === 'loading';
  const timeOnly = useMemo(
    () =>
      trace !== null &&
      trace.firstTime !== null &&
      trace.lastTime !== null &&
      formatLocalTime(trace.firstTime).slice(0, 10) === formatLocalTime(trace.lastTime).slice(0, 10),
    [trace],
  );
  const looksOdd = draft.trim() !== '' && normalizeIdQuery(draft) === null;
  const empty = trace === null || loading ? null : emptyTrace(trace, hidden);

  return (
    <section className="tr" data-testid="trace" aria-labelledby="tr-title" aria-busy={loading}>
      <h1 id="tr-title" className="visually-hidden">
        {t('trTitle')}
      </h1>
      <form className="tr-form" onSubmit={submit} role="search">
        <div className="tr-input-row">
          <input
            className="input mono tr-input"
            data-testid="trace-input"
            aria-label={t('trInputLabel')}
            aria-describedby="tr-input-hint"
            placeholder={t('trInputPlaceholder')}
            value={draft}
            spellCheck={false}
            autoComplete="off"
            autoFocus={id === ''}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="submit" className="button button-primary" disabled={draft.trim() === ''}>
            {t('trButton')}
          </button>
        </div>
        <p id="tr-input-hint" className="hint">
          {looksOdd ? t('trNotAnId', { id: draft.trim() }) : t('trHint')}
        </p>
      </form>

      {status.kind === 'idle' && (
        <div className="empty-state" data-testid="trace-empty">
          <p className="empty-title">{t('trEmptyTitle')}</p>
          <p>{t('trEmptyBody')}</p>
        </div>
      )}

      {status.kind === 'failed' && (
        <div className="notice notice-error" role="alert" data-testid="trace-error">
          <div className="notice-body">
            <p className="notice-title">{t('trFailed', { id: status.id })}</p>
            <p className="notice-detail">{status.error}</p>
            <p>{t('trFailedNext')}</p>
          </div>
          <button type="button" className="button" onClick={retry}>
            {t('trRetry')}
          </button>
        </div>
      )}

      {loading && (
        <p className="tr-loading muted" aria-live="polite">
          <span className="tr-spinner" aria-hidden="true" /> {t('trLoading', { id: status.id })}
        </p>
      )}

      {trace && empty?.kind === 'none' && (
        <div className="empty-state" data-testid="trace-none">
          <p className="empty-title">{t('trNoneTitle', { id: trace.id })}</p>
          <p>{t('trNoneBody')}</p>
          <div>
            <button type="button" className="button" onClick={() => nav.search(trace.id)}>
              {t('trSearchButton', { id: trace.id })}
            </button>
          </div>
        </div>
      )}

      {trace && empty?.kind === 'outside-range' && (
        <div className="empty-state" data-testid="trace-outside-range" data-outside={empty.outside}>
          <p className="empty-title">
            {empty.outside === 1
              ? t('trOutsideRangeOne', { id: trace.id })
              : t('trOutsideRange', { n: num(empty.outside), id: trace.id })}
          </p>
          <p>{t('trOutsideRangeBody')}</p>
          <div>
            <button type="button" className="button button-primary" onClick={onClearRange}>
              {t('trClearRange')}
            </button>
          </div>
        </div>
      )}

      {trace && trace.events.length > 0 && (
        <div className={`tr-result${loading ? ' tr-stale' : ''}`} key={trace.key}>
          <TraceSummary trace={trace} />
          {hidden > 0 && (
            <p className="hint" data-testid="trace-range-hidden">
              {t('rangeTraceHidden', { n: num(hidden) })}{' '}
              <button type="button" className="link-button" onClick={onClearRange}>
                {t('trClearRange')}
              </button>
            </p>
          )}
          <section className="tr-panel" aria-label={t('trLanesTitle')}>
            <TraceLanes trace={trace} selected={selected} onSelect={setSelected} />
          </section>
          <RelatedIds related={trace.related} onTrace={onIdChange} />
          <section className="tr-events" aria-labelledby="tr-events-title">
            <h2 id="tr-events-title" className="tr-section-head">
              {t('trListTitle')}
            </h2>
            <TraceList
              events={trace.events}
              timeOnly={timeOnly}
              selected={selected}
              onSelect={setSelected}
              onOpen={open}
            />
          </section>
        </div>
      )}
    </section>
  );
}
