/**
 * A lane's label: its name (cut in the middle to fit, the full name in the tooltip; a click
 * searches its events), its counts, and on hover or focus the buttons that move it up or down or
 * hide it.
 */
import { useI18n } from '../../i18n/i18n.tsx';
import { errorsOf, totalOf, type Lane } from './binning.ts';
import { nameBudget, shortenMiddle } from './laneLabels.ts';

interface LaneLabelProps {
  lane: Lane;
  /** Width of the label column, px. */
  labelPx: number;
  first: boolean;
  last: boolean;
  onSearch: () => void;
  onMove: (direction: -1 | 1) => void;
  onHide: () => void;
}

export function LaneLabel({ lane, labelPx, first, last, onSearch, onMove, onHide }: LaneLabelProps) {
  const { t, num } = useI18n();
  const errors = errorsOf(lane);
  const warnings = lane.sums[2];
  const total = totalOf(lane);
  const counts = [...(errors > 0 ? [num(errors)] : []), ...(warnings > 0 ? [num(warnings)] : []), num(total)];
  const name = shortenMiddle(lane.key, nameBudget(labelPx, counts));
  const component = lane.key;
  const stop = (event: { stopPropagation: () => void }): void => event.stopPropagation();
  const tools = [
    {
      glyph: '↑',
      label: t('tlLaneUp', { component }),
      disabled: first,
      onClick: () => onMove(-1),
      testId: 'timeline-lane-up',
    },
    {
      glyph: '↓',
      label: t('tlLaneDown', { component }),
      disabled: last,
      onClick: () => onMove(1),
      testId: 'timeline-lane-down',
    },
    {
      glyph: '×',
      label: t('tlLaneHide', { component }),
      disabled: false,
      onClick: onHide,
      testId: 'timeline-lane-hide',
    },
  ];
  return (
    <div className="tl-label tl-lane-label">
      <button
        type="button"
        className="tl-lane-name"
        data-testid="timeline-lane-search"
        title={`${lane.key}\n${t('tlLaneSearchTitle', { component })}`}
        onPointerDown={stop}
        onClick={onSearch}
      >
        {name}
      </button>
      <span className="tl-lane-counts">
        {errors > 0 && (
          <span className="tl-n tl-n-error" title={t('tlLaneErrors', { n: num(errors) })}>
            {num(errors)}
          </span>
        )}
        {warnings > 0 && (
          <span className="tl-n tl-n-warning" title={t('tlLaneWarnings', { n: num(warnings) })}>
            {num(warnings)}
          </span>
        )}
        <span className="tl-n" title={t('tlLaneEvents', { n: num(total) })}>
          {num(total)}
        </span>
      </span>
      <span className="tl-lane-tools" onPointerDown={stop}>
        {tools.map((tool) => (
          <button
            key={tool.testId}
            type="button"
            className="tl-lane-tool"
            aria-label={tool.label}
            title={tool.label}
            disabled={tool.disabled}
            onClick={tool.onClick}
            data-testid={tool.testId}
          >
            {tool.glyph}
          </button>
        ))}
      </span>
    </div>
  );
}
