/**
 * The two timelines of a comparison one above the other on a shared axis (issue 18): A's events
 * at their times, B's moved by the alignment's offset, each as bars of errors, warnings and the
 * rest per bin (the engine's histogram of each case over the same span of the shared axis).
 */
import { useEffect, useState } from 'react';
import type { CaseComparison } from '../../../../shared/compare/compareCases.ts';
import type { Histogram } from '../../../../shared/caseViews.ts';
import { client } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatLocalTime } from '../../lib/display.ts';
import { tickLabel, ticks } from '../timeline/axisTicks.ts';
import { levelBins, sharedAxis, type LevelBins } from './sharedAxis.ts';

const BINS = 120;
const W = 1000;
const H = 48;

export interface CompareTimelinesProps {
  caseId: string;
  otherCaseId: string;
  comparison: CaseComparison;
}

export function CompareTimelines({ caseId, otherCaseId, comparison }: CompareTimelinesProps) {
  const { t } = useI18n();
  const axis = sharedAxis(comparison);
  const [bins, setBins] = useState<{ a: LevelBins; b: LevelBins } | null>(null);
  const key = axis ? `${axis.from}:${axis.to}:${axis.bFrom}` : '';
  useEffect(() => {
    setBins(null);
    if (!axis) return;
    let live = true;
    const of = (id: string, from: number, to: number) =>
      client.histogram({ caseId: id, from, to, bins: BINS }).then((r) => (r.ok ? r.value : null));
    void Promise.all([of(caseId, axis.from, axis.to), of(otherCaseId, axis.bFrom, axis.bTo)]).then(
      ([a, b]: (Histogram | null)[]) => {
        if (live) setBins({ a: levelBins(a, BINS), b: levelBins(b, BINS) });
      },
    );
    return () => {
      live = false;
    };
    // The key stands for the axis.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [caseId, otherCaseId, key]);
  if (!axis) return null;
  const span = axis.to - axis.from;
  const x = (time: number): number => ((time - axis.from) / span) * W;
  const axisTicks = ticks(axis, 900);
  const { alignment } = comparison;
  // Each lane marks its own anchor (B's moved onto A's axis): they coincide when aligned at them.
  const anchors = {
    a: alignment.anchorA,
    b: alignment.anchorB === null ? null : alignment.anchorB + alignment.offsetMs,
  };
  // A side's events outside its span (a time range of the case) are not drawn.
  const spans = {
    a: { from: comparison.a.from, to: comparison.a.to },
    b: {
      from: comparison.b.from === null ? null : comparison.b.from + alignment.offsetMs,
      to: comparison.b.to === null ? null : comparison.b.to + alignment.offsetMs,
    },
  };
  return (
    <section className="cmp-section cmp-timelines" data-testid="compare-timelines">
      <h2>{t('cmpTimelines')}</h2>
      {(['a', 'b'] as const).map((which) => (
        <div key={which} className="cmp-lane">
          <span className="cmp-lane-label">{which.toUpperCase()}</span>
          <svg
            viewBox={`0 0 ${W} ${H}`}
            preserveAspectRatio="none"
            className="cmp-lane-plot"
            data-testid={`compare-lane-${which}`}
            role="img"
            aria-label={t(which === 'a' ? 'cmpCaseA' : 'cmpCaseB', { name: comparison[which].name })}
          >
            {bins && (
              <Bars
                bins={bins[which]}
                max={Math.max(bins.a.max, bins.b.max)}
                shown={(i) => binShown(i, axis, spans[which])}
              />
            )}
            {anchors[which] !== null && (
              <line
                x1={x(anchors[which])}
                x2={x(anchors[which])}
                y1={0}
                y2={H}
                className="cmp-anchor"
                data-testid={`compare-anchor-${which}`}
                data-x={Math.round(x(anchors[which]))}
              >
                <title>
                  {t(which === 'a' ? 'cmpAnchorA' : 'cmpAnchorB', {
                    time: formatLocalTime(which === 'a' ? alignment.anchorA! : alignment.anchorB!),
                  })}
                </title>
              </line>
            )}
          </svg>
        </div>
      ))}
      <div className="cmp-axis" aria-hidden="true">
        {axisTicks.at
          .filter((tick) => x(tick) <= W * 0.97)
          .map((tick) => (
            <span key={tick} style={{ left: `${(x(tick) / W) * 100}%` }}>
              {tickLabel(tick, axisTicks.step, axisTicks.ctx).text}
            </span>
          ))}
      </div>
    </section>
  );
}

/** Whether bin `i` of the axis meets the side's span (a side without one shows every bin). */
function binShown(
  i: number,
  axis: { from: number; to: number },
  span: { from: number | null; to: number | null },
): boolean {
  if (span.from === null || span.to === null) return true;
  const binMs = (axis.to - axis.from) / BINS;
  const start = axis.from + i * binMs;
  return start + binMs > span.from && start <= span.to;
}

/** `max`: the tallest bin of both lanes, so that the two are drawn to one scale. */
function Bars({ bins, max, shown }: { bins: LevelBins; max: number; shown: (bin: number) => boolean }) {
  const w = W / BINS;
  const scale = (n: number): number => (n / max) * (H - 2);
  return (
    <>
      {bins.other.map((_, i) => {
        if (!shown(i)) return null;
        const e = scale(bins.error[i]);
        const wa = scale(bins.warning[i]);
        const o = scale(bins.other[i]);
        return (
          <g key={i}>
            {o > 0 && <rect x={i * w} width={w * 0.9} y={H - o} height={o} className="cmp-bar-other" />}
            {wa > 0 && <rect x={i * w} width={w * 0.9} y={H - o - wa} height={wa} className="cmp-bar-warning" />}
            {e > 0 && <rect x={i * w} width={w * 0.9} y={H - o - wa - e} height={e} className="cmp-bar-error" />}
          </g>
        );
      })}
    </>
  );
}
