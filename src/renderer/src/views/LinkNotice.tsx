/**
 * The navigation bits beside the tabs: ‹ › (back and forward) and the notice of a link (the URL's
 * hash) that could not be followed, with why.
 */
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

/** ‹ › beside the tabs: the same steps as Alt+← / Alt+→. */
export function HistoryButtons({ back, forward }: { back: (() => void) | null; forward: (() => void) | null }) {
  const { t } = useI18n();
  return (
    <span className="history-buttons">
      <button
        type="button"
        className="icon-button"
        disabled={!back}
        onClick={back ?? undefined}
        aria-label={t('navBack')}
        title={`${t('navBack')} (Alt+←)`}
        data-testid="nav-back"
      >
        ‹
      </button>
      <button
        type="button"
        className="icon-button"
        disabled={!forward}
        onClick={forward ?? undefined}
        aria-label={t('navForward')}
        title={`${t('navForward')} (Alt+→)`}
        data-testid="nav-forward"
      >
        ›
      </button>
    </span>
  );
}
