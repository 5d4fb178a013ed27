/** A link (the URL's hash) that could not be followed: why, and a way to dismiss it. */
import { useI18n } from '../i18n/i18n.tsx';
import type { LinkProblem } from './useViewHistory.ts';

export function LinkNotice({ problem, onDismiss }: { problem: LinkProblem; onDismiss: () => void }) {
  const { t } = useI18n();
  const text =
    problem.key === 'hashBad'
      ? t('hashBad', { hash: problem.hash, reason: problem.reason })
      : t('hashNoFile', { path: problem.path });
  return (
    <div className="notice notice-info link-notice" role="status" data-testid="link-notice">
      <div className="notice-body">
        <p className="notice-title">{text}</p>
      </div>
      <button
        type="button"
        className="button button-quiet notice-close"
        onClick={onDismiss}
        aria-label={t('dismiss')}
        title={t('dismiss')}
      >
        ×
      </button>
    </div>
  );
}
