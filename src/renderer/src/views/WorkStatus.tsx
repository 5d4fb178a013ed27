/** The case's measured progress in one line with a thin bar: the phase, how far, and the time left. */
import type { WorkProgress } from '../../../shared/progress.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { workLabel, workText } from '../state/workLabel.ts';

export function WorkStatus({ work }: { work: WorkProgress }) {
  const { t, num, lang } = useI18n();
  const label = workLabel(work, t, num, lang);
  const pct = work.total > 0 ? Math.floor(work.fraction * 100) : null;
  return (
    <span className="work-status" data-testid="work-status" data-phase={work.phase}>
      <span
        className={`work-bar${pct === null ? ' progress-indeterminate' : ''}`}
        role="progressbar"
        aria-label={t('workStatusLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct ?? undefined}
      >
        <span className="work-bar-fill" style={{ width: pct === null ? undefined : `${pct}%` }} />
      </span>
      <span className="work-text">{workText(label)}</span>
    </span>
  );
}
