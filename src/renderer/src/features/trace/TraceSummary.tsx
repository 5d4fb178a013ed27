/** A trace's figures: events and components, errors, second-hop events, its time span. */
import type { TraceResult } from '../../../../shared/caseViews.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatSpan } from '../../lib/display.ts';

export function TraceSummary({ trace }: { trace: TraceResult }) {
  const { t, num, dur } = useI18n();
  const n = trace.events.length;
  const via = trace.events.filter((e) => e.hop === 1).length;
  const span = formatSpan(trace.firstTime, trace.lastTime);
  const length =
    trace.firstTime !== null && trace.lastTime !== null && trace.lastTime > trace.firstTime
      ? dur(trace.lastTime - trace.firstTime)
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
