/**
 * Timeline: a level histogram and a swim-lane per component on one time axis, the findings as
 * markers on it. Drag to select a time range (the workspace filters the other views with it),
 * zoom from the whole case down to milliseconds, click a cell to see its events.
 */
import { useCallback, useState } from 'react';
import type { Finding } from '../../../../shared/rules/finding.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { CaseNavigation } from '../../views/caseNavigation.ts';
import { ChartPlaceholder } from './ChartPlaceholder.tsx';
import { componentQuery } from './queries.ts';
import { TimelineLegend, TimelineToolbar } from './TimelineToolbar.tsx';
import { TimelinePlot } from './TimelinePlot.tsx';
import { useTimeline } from './useTimeline.ts';
import './TimelineView.css';

export interface TimelineViewProps {
  caseId: string;
  /** The selected time range (epoch ms); null: the whole case. */
  range: { from: number; to: number } | null;
  /** The brush: the workspace filters the other views with it. */
  onRange: (range: { from: number; to: number } | null) => void;
  /** Shown as markers at their first time. */
  findings: Finding[];
  nav: CaseNavigation;
}

const LANES_SHOWN = 30;

export function TimelineView({ caseId, range, onRange, findings, nav }: TimelineViewProps) {
  const { t, num } = useI18n();
  const timeline = useTimeline({ caseId, range, onRange });
  const { extent, view, width, setWidth, filter, data, detailError, loading } = timeline;
  const [allLanes, setAllLanes] = useState(false);
  const onFinding = useCallback(
    (f: Finding) => nav.search(f.query ?? componentQuery(`${f.module}/${f.component}`)),
    [nav],
  );

  if (extent.kind === 'failed') {
    return (
      <section className="tl" data-testid="timeline" aria-labelledby="tl-title">
        <h1 id="tl-title" className="visually-hidden">
          {t('tlTitle')}
        </h1>
        <div className="notice notice-error" role="alert" data-testid="timeline-error">
          <div className="notice-body">
            <p className="notice-title">{t('tlFailedTitle')}</p>
            <p className="notice-detail">{extent.error}</p>
            <p>{t('tlFailedNext')}</p>
          </div>
          <button type="button" className="button" onClick={timeline.retry}>
            {t('tlRetry')}
          </button>
        </div>
      </section>
    );
  }

  if (extent.kind === 'none') {
    return (
      <section className="tl" data-testid="timeline" aria-labelledby="tl-title">
        <h1 id="tl-title" className="visually-hidden">
          {t('tlTitle')}
        </h1>
        <div className="empty-state" data-testid="timeline-empty">
          <p className="empty-title">{t('tlNoneTitle')}</p>
          <p>{t('tlNoneBody')}</p>
          <div>
            <button type="button" className="button" onClick={() => nav.search('')}>
              {t('tlNoneSearch')}
            </button>
          </div>
        </div>
      </section>
    );
  }

  const lanes = data ? (allLanes ? data.lanes : data.lanes.slice(0, LANES_SHOWN)) : [];
  const empty = data !== null && data.all.max === 0;

  return (
    <section className="tl" data-testid="timeline" aria-labelledby="tl-title" aria-busy={loading}>
      <h1 id="tl-title" className="visually-hidden">
        {t('tlTitle')}
      </h1>
      <TimelineToolbar
        view={view}
        binMs={data?.hist.binMs ?? null}
        loading={loading && !detailError}
        range={range}
        filter={filter}
        onFilter={timeline.setFilter}
        canZoomIn={timeline.canZoomIn}
        canZoomOut={timeline.canZoomOut}
        onZoomIn={timeline.zoomIn}
        onZoomOut={timeline.zoomOut}
        onWhole={timeline.showWhole}
        onZoomToSelection={timeline.zoomToSelection}
        onClearSelection={() => onRange(null)}
      />
      {detailError && (
        <div className="notice notice-error tl-problem" role="alert" data-testid="timeline-error">
          <div className="notice-body">
            <p className="notice-title">{t('tlUpdateFailed')}</p>
            <p className="notice-detail">{detailError}</p>
          </div>
          <button type="button" className="button" onClick={timeline.retry}>
            {t('tlRetry')}
          </button>
        </div>
      )}
      <div className={`tl-panel${data && loading ? ' tl-panel-updating' : ''}`}>
        {data && view ? (
          <TimelinePlot
            data={data}
            lanes={lanes}
            view={view}
            width={width}
            onWidth={setWidth}
            range={range}
            onRange={onRange}
            findings={findings}
            onSearch={nav.search}
            onFinding={onFinding}
            onZoom={timeline.onZoom}
            onPan={timeline.onPan}
          />
        ) : (
          <ChartPlaceholder onWidth={setWidth} />
        )}
        {empty && (
          <div className="tl-empty-window" data-testid="timeline-empty-window">
            <p className="empty-title">{t(filter ? 'tlEmptyWindowFiltered' : 'tlEmptyWindow')}</p>
            <p className="muted">{t('tlEmptyWindowNext')}</p>
          </div>
        )}
        {data && data.lanes.length > LANES_SHOWN && (
          <button type="button" className="link tl-more" onClick={() => setAllLanes(!allLanes)}>
            {allLanes ? t('tlLanesFewer', { n: num(LANES_SHOWN) }) : t('tlLanesMore', { n: num(data.lanes.length) })}
          </button>
        )}
      </div>
      {view && <TimelineLegend view={view} findings={findings} />}
    </section>
  );
}
