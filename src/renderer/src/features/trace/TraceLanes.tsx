/**
 * The trace as swim lanes: one lane per component, its events as marks placed by time across
 * the trace's span (colour by level, hollow when reached through a related id). Marks that
 * would overlap are merged (the most severe shows, the title counts the rest), so a trace of
 * thousands of events draws at most a few hundred marks per lane.
 */
import { memo, useMemo } from 'react';
import type { TraceEvent, TraceResult } from '../../../../shared/caseViews.ts';
import { levelRank } from '../../../../shared/model.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatLocalTime } from '../../lib/display.ts';
import { componentKey, timeLabel } from './traceFormat.ts';
import { LEVEL_KEYS } from '../../i18n/strings.ts';

/** Mark slots across a lane: marks closer than 1/SLOTS of the span share one. */
const SLOTS = 400;

interface Mark {
  /** The event shown (most severe of the slot; traced before followed). */
  event: TraceEvent;
  /** Position in percent of the span. */
  at: number;
  count: number;
  /** Event ids in the slot, to highlight the selected one. */
  ids: number[];
}

interface Lane {
  key: string;
  module: string;
  component: string;
  events: number;
  untimed: number;
  marks: Mark[];
}

function better(a: TraceEvent, b: TraceEvent): boolean {
  return levelRank(a.level) > levelRank(b.level) || (a.level === b.level && a.hop < b.hop);
}

function buildLanes(trace: TraceResult): Lane[] {
  const first = trace.firstTime ?? 0;
  const span = (trace.lastTime ?? first) - first;
  const lanes = new Map<string, Lane & { slots: Map<number, Mark> }>();
  for (const key of trace.components)
    lanes.set(key, { key, module: '', component: '', events: 0, untimed: 0, marks: [], slots: new Map() });
  for (const event of trace.events) {
    const key = componentKey(event);
    let lane = lanes.get(key);
    if (!lane) {
      lane = { key, module: '', component: '', events: 0, untimed: 0, marks: [], slots: new Map() };
      lanes.set(key, lane);
    }
    lane.module = event.module;
    lane.component = event.component;
    lane.events++;
    if (event.time === null) {
      lane.untimed++;
      continue;
    }
    const at = span > 0 ? ((event.time - first) / span) * 100 : 50;
    const slot = Math.round((at / 100) * SLOTS);
    const mark = lane.slots.get(slot);
    if (!mark) lane.slots.set(slot, { event, at, count: 1, ids: [event.id] });
    else {
      mark.count++;
      mark.ids.push(event.id);
      if (better(event, mark.event)) {
        mark.event = event;
        mark.at = at;
      }
    }
  }
  return [...lanes.values()]
    .filter((lane) => lane.events > 0)
    .map(({ slots, ...lane }) => ({
      ...lane,
      marks: [...slots.values()].sort((a, b) => levelRank(a.event.level) - levelRank(b.event.level)),
    }));
}

export interface TraceLanesProps {
  trace: TraceResult;
  selected: number | null;
  onSelect: (eventId: number) => void;
}

export const TraceLanes = memo(function TraceLanes({ trace, selected, onSelect }: TraceLanesProps) {
  const { t, num } = useI18n();
  const lanes = useMemo(() => buildLanes(trace), [trace]);
  const sameDay =
    trace.firstTime !== null &&
    trace.lastTime !== null &&
    formatLocalTime(trace.firstTime).slice(0, 10) === formatLocalTime(trace.lastTime).slice(0, 10);
  const ticks =
    trace.firstTime === null || trace.lastTime === null
      ? []
      : trace.lastTime === trace.firstTime
        ? [50]
        : [0, 25, 50, 75, 100];
  const first = trace.firstTime ?? 0;
  const span = (trace.lastTime ?? first) - first;

  return (
    <div className="tr-lanes" role="group" aria-label={t('trLanesTitle')}>
      {lanes.map((lane) => (
        <div
          key={lane.key}
          className="tr-lane"
          data-testid="trace-lane"
          data-component={lane.key}
          aria-label={t('trLaneLabel', { component: lane.key, n: num(lane.events) })}
        >
          <div className="tr-lane-label" title={lane.key}>
            <span className="tr-lane-name">
              {lane.module !== '' && lane.module !== lane.component && <span className="module">{lane.module} / </span>}
              <span className="component">{lane.component || lane.module || '—'}</span>
            </span>
            <span
              className="tr-lane-count muted"
              title={lane.untimed > 0 ? t('trUntimed', { n: num(lane.untimed) }) : undefined}
            >
              {num(lane.events)}
              {lane.untimed > 0 && '*'}
            </span>
          </div>
          <div className="tr-lane-track">
            {lane.marks.map((mark) => {
              const e = mark.event;
              const at = selected === null ? -1 : mark.ids.indexOf(selected);
              const isSelected = at >= 0;
              const title = `${e.time === null ? '' : timeLabel(e.time, false)} ${t(LEVEL_KEYS[e.level])}${e.via ? ` · ${t('trVia', { id: e.via })}` : ''}\n${e.text}${mark.count > 1 ? `\n${t('trMoreHere', { n: num(mark.count - 1) })}` : ''}`;
              return (
                <span
                  key={e.id}
                  className={`tr-mark tr-mark-${e.level}${e.hop === 1 ? ' tr-mark-hop1' : ''}${isSelected ? ' tr-mark-selected' : ''}`}
                  style={{ left: `${mark.at}%` }}
                  title={title}
                  onClick={() => onSelect(isSelected ? mark.ids[(at + 1) % mark.ids.length] : e.id)}
                />
              );
            })}
          </div>
        </div>
      ))}
      {ticks.length > 0 && (
        <div className="tr-axis" aria-hidden="true">
          <div className="tr-lane-label" />
          <div className="tr-axis-track">
            {ticks.map((p) => (
              <span key={p} className={`tr-tick tr-tick-${p}`} style={{ left: `${p}%` }}>
                {timeLabel(first + (span * p) / 100, sameDay)}
              </span>
            ))}
          </div>
        </div>
      )}
    </div>
  );
});
