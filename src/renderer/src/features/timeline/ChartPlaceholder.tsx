import { useCallback } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';

/** The chart's frame while the first bins load: it measures the width the bins are sized to. */
export function ChartPlaceholder({ onWidth }: { onWidth: (width: number) => void }) {
  const { t } = useI18n();
  const measure = useCallback(
    (el: HTMLDivElement | null) => {
      if (!el) return;
      const observer = new ResizeObserver(() => onWidth(Math.max(0, Math.floor(el.getBoundingClientRect().width))));
      observer.observe(el);
      onWidth(Math.max(0, Math.floor(el.getBoundingClientRect().width)));
      return () => observer.disconnect();
    },
    [onWidth],
  );
  return (
    <div className="tl-chart tl-placeholder">
      <div className="tl-row tl-row-hist">
        <div className="tl-label" />
        <div className="tl-plot" ref={measure}>
          <p className="tl-loading muted" role="status">
            <span className="tl-spinner" aria-hidden="true" /> {t('tlLoading')}
          </p>
        </div>
      </div>
    </div>
  );
}
