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
import { LaneControls } from './LaneControls.tsx';
import { arrange, moveLane, toggleHidden, type LaneView } from './laneView.ts';
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
  /** The lanes hidden, filtered and reordered (kept with the case). */
  lanes: LaneView;
  onLanes: (change: (lanes: LaneView) => LaneView) => void;
  /** Shown as markers at their first time. */
  findings: Finding[];
  nav: CaseNavigation;
  /** A moment to centre the window on (an event's time); null: none. */
  focus?: number | null;
  onFocused?: () => void;
}

const LANES_SHOWN = 30;

export function TimelineView({
  caseId,
  range,
  onRange,
  lanes: laneChoice,
  onLanes,
  findings,
  nav,
  focus = null,
  onFocused,
}: TimelineViewProps) {
  const { t, num } = useI18n();
  const timeline = useTimeline({ caseId, range, onRange, focus, onFocused });
  const { extent, view, width, setWidth, filter, data, detailError, loading } = timeline;
  const [allLanes, setAllLanes] = useState(false);
  const laneView = { view: laneChoice, update: onLanes };
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

  const arranged = data ? arrange(data.lanes, laneView.view) : null;
  const shownLanes = arranged?.shown ?? [];
  const lanes = allLanes ? shownLanes : shownLanes.slice(0, LANES_SHOWN);
  const empty = data !== null && data.all.max === 0;
  // Every lane of the case in the default order (most errors first), for a move to cover them all.
  const order = extent.kind === 'ready' ? extent.order : null;
  const allKeys = order ? [...order.keys()].sort((a, b) => order.get(a)! - order.get(b)!) : [];
  const onLaneMove = (key: string, direction: -1 | 1): void =>
    laneView.update((v) =>
      moveLane(
        v,
        allKeys,
        lanes.map((l) => l.key),
        key,
        direction,
      ),
    );
  const onLaneHide = (key: string): void => laneView.update((v) => toggleHidden(v, key));

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
      {data && data.lanes.length + laneView.view.hidden.length > 0 && (
        <LaneControls
          view={laneView.view}
          onChange={laneView.update}
          shown={shownLanes.length}
          total={data.lanes.length}
        />
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
            mark={timeline.mark}
            onLaneMove={onLaneMove}
            onLaneHide={onLaneHide}
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
        {data && !empty && shownLanes.length === 0 && laneView.view.filter.trim() !== '' && (
          <p className="muted tl-lanes-none" data-testid="timeline-lanes-none">
            {t('tlLanesNoMatch', { text: laneView.view.filter.trim() })}
          </p>
        )}
        {shownLanes.length > LANES_SHOWN && (
          <button type="button" className="link tl-more" onClick={() => setAllLanes(!allLanes)}>
            {allLanes ? t('tlLanesFewer', { n: num(LANES_SHOWN) }) : t('tlLanesMore', { n: num(shownLanes.length) })}
          </button>
        )}
      </div>
      {view && <TimelineLegend view={view} findings={findings} />}
    </section>
  );
}
