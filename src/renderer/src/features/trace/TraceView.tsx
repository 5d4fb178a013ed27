/**
 * Trace: an id (request id, uuid, Cloudpods rid, IP, host) followed through every module —
 * its events as lanes per component and as a list in time order, with the ids seen on them
 * one click away (the followed ones already in the trace as its second hop).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RelatedId, TraceEvent, TraceResult } from '../../../../shared/caseViews.ts';
import { LEVELS, epochMs } from '../../../../shared/model.ts';
import { formatDuration } from '../../../../shared/format.ts';
import { normalizeIdQuery } from '../../../../shared/ids/extractIds.ts';
import { client } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { StringKey } from '../../i18n/strings.ts';
import { formatLocalTime, formatSpan } from '../../lib/display.ts';
import { overlapsRange, type CaseNavigation, type TimeRange } from '../../views/caseNavigation.ts';
import { TraceLanes } from './TraceLanes.tsx';
import { TraceList } from './TraceList.tsx';
import './TraceView.css';

export interface TraceViewProps {
  caseId: string;
  id: string;
  onIdChange: (id: string) => void;
  /** The timeline's selection: events outside it are left out (and counted). */
  range: TimeRange | null;
  nav: CaseNavigation;
}

type Status =
  | { kind: 'idle' }
  | { kind: 'loading'; id: string }
  | { kind: 'failed'; id: string; error: string }
  | { kind: 'done'; trace: TraceResult };

const RELATED_SHOWN = 24;
const KIND_KEYS: Record<RelatedId['kind'], StringKey> = {
  request: 'trKindRequest',
  resource: 'trKindResource',
  ip: 'trKindIp',
  host: 'trKindHost',
};

function RelatedIds({ related, onTrace }: { related: RelatedId[]; onTrace: (id: string) => void }) {
  const { t, num } = useI18n();
  const [all, setAll] = useState(false);
  const shown = all ? related : related.slice(0, RELATED_SHOWN);
  return (
    <section className="tr-related" aria-labelledby="tr-related-title">
      <div className="tr-section-head">
        <h2 id="tr-related-title">
          {t('trRelatedTitle')} <span className="count">{num(related.length)}</span>
        </h2>
        {related.length > 0 && <span className="hint">{t('trRelatedHint')}</span>}
      </div>
      {related.length === 0 ? (
        <p className="empty">{t('trNoRelated')}</p>
      ) : (
        <div className="tr-chips">
          {shown.map((r) => (
            <button
              key={r.id}
              type="button"
              className={`tr-chip${r.followed ? ' tr-chip-followed' : ''}`}
              data-testid="related-id"
              data-followed={r.followed}
              title={t('trRelatedTitleAttr', { id: r.id, together: num(r.together), events: num(r.events) })}
              onClick={() => onTrace(r.id)}
            >
              <span className="tr-chip-id mono">{r.id}</span>
              <span className="tr-chip-role">{r.role ?? t(KIND_KEYS[r.kind])}</span>
              <span className="tr-chip-count">
                {t('trRelatedCounts', { together: num(r.together), events: num(r.events) })}
              </span>
              {r.followed && (
                <span className="tr-chip-badge" title={t('trFollowedTitle')}>
                  ↳ {t('trFollowed')}
                </span>
              )}
            </button>
          ))}
          {related.length > RELATED_SHOWN && (
            <button type="button" className="link tr-chips-more" onClick={() => setAll(!all)}>
              {all ? t('trShowFewerRelated') : t('trShowAllRelated', { n: num(related.length) })}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

function Summary({ trace }: { trace: TraceResult }) {
  const { t, num } = useI18n();
  const n = trace.events.length;
  const via = trace.events.filter((e) => e.hop === 1).length;
  const span = formatSpan(trace.firstTime, trace.lastTime);
  const length =
    trace.firstTime !== null && trace.lastTime !== null && trace.lastTime > trace.firstTime
      ? formatDuration(trace.lastTime - trace.firstTime)
      : null;
  return (
    <p className="summary tr-summary" data-testid="trace-summary">
      <span className="chip">
        {n === 1 ? t('trEventsOne') : t('trEvents', { n: num(n) })}{' '}
        {trace.components.length === 1 ? t('trComponentsOne') : t('trComponents', { n: num(trace.components.length) })}
      </span>
      <span className={`chip${trace.errors > 0 ? ' chip-error' : ''}`}>
        {trace.errors === 0
          ? t('trNoErrors')
          : trace.errors === 1
            ? t('trErrorsOne')
            : t('trErrors', { n: num(trace.errors) })}
      </span>
      {via > 0 && <span className="chip">{t('trViaCount', { n: num(via) })}</span>}
      <span className="mono summary-meta muted">
        {span ?? t('trNoTime')}
        {length && ` (${length})`}
      </span>
    </p>
  );
}

/** The trace's events within the range, with its summary figures recomputed; `hidden` counts the rest. */
function withinRange(trace: TraceResult, range: TimeRange | null): { trace: TraceResult; hidden: number } {
  if (range === null) return { trace, hidden: 0 };
  const events = trace.events.filter((e) => overlapsRange(range, e.time, e.time));
  if (events.length === trace.events.length) return { trace, hidden: 0 };
  const times = events.flatMap((e) => (e.time === null ? [] : [e.time]));
  const errorRank = LEVELS.indexOf('error');
  return {
    trace: {
      ...trace,
      events,
      components: trace.components.filter((c) => events.some((e) => `${e.module}/${e.component}` === c)),
      errors: events.filter((e) => LEVELS.indexOf(e.level) >= errorRank).length,
      firstTime: times.length > 0 ? epochMs(Math.min(...times)) : null,
      lastTime: times.length > 0 ? epochMs(Math.max(...times)) : null,
    },
    hidden: trace.events.length - events.length,
  };
}

export function TraceView({ caseId, id, onIdChange, range, nav }: TraceViewProps) {
  const { t, num } = useI18n();
  const [draft, setDraft] = useState(id);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [last, setLast] = useState<TraceResult | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);

  useEffect(() => setDraft(id), [id]);
  // The selection is an index into the events shown, which the range changes.
  useEffect(() => setSelected(null), [range]);

  useEffect(() => {
    const wanted = id.trim();
    if (wanted === '') {
      setStatus({ kind: 'idle' });
      return;
    }
    let live = true;
    setStatus({ kind: 'loading', id: wanted });
    void client.trace({ caseId, id: wanted }).then((result) => {
      if (!live) return;
      if (!result.ok) return setStatus({ kind: 'failed', id: wanted, error: result.error });
      setStatus({ kind: 'done', trace: result.value });
      setLast(result.value);
      setSelected(null);
    });
    return () => {
      live = false;
    };
  }, [caseId, id, attempt]);

  const submit = (event: React.FormEvent): void => {
    event.preventDefault();
    const wanted = draft.trim();
    if (wanted === '') return;
    if (wanted === id.trim()) setAttempt((n) => n + 1);
    else onIdChange(wanted);
  };

  const open = useCallback((e: TraceEvent) => nav.openLine(e.file, e.line), [nav]);
  const fetched = status.kind === 'done' ? status.trace : status.kind === 'loading' ? last : null;
  const { trace, hidden } = useMemo(
    () => (fetched === null ? { trace: null, hidden: 0 } : withinRange(fetched, range)),
    [fetched, range],
  );
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
          <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('trRetry')}
          </button>
        </div>
      )}

      {loading && (
        <p className="tr-loading muted" aria-live="polite">
          <span className="tr-spinner" aria-hidden="true" /> {t('trLoading', { id: status.id })}
        </p>
      )}

      {trace && trace.events.length === 0 && !loading && (
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

      {trace && trace.events.length > 0 && (
        <div className={`tr-result${loading ? ' tr-stale' : ''}`} key={trace.key}>
          <Summary trace={trace} />
          {hidden > 0 && (
            <p className="hint" data-testid="trace-range-hidden">
              {t('rangeTraceHidden', { n: num(hidden) })}
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
