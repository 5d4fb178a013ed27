/** A notice on the start screen: what went wrong (the engine's own words) and what to do next. */
import type { StringKey } from '../i18n/strings.ts';
import { useI18n } from '../i18n/i18n.tsx';

export interface NoticeData {
  tone: 'error' | 'info';
  /** Title key and the file name it names (if any). */
  title: [StringKey, string?];
  /** The message from the engine or the bridge, shown verbatim. */
  detail: string | null;
  /** What to do next. */
  next: StringKey | null;
  /** A button that does it (e.g. forget a Recent entry that cannot be opened). */
  action?: { label: StringKey; run: () => void };
}

export function Notice({ notice, onDismiss }: { notice: NoticeData; onDismiss: () => void }) {
  const { t } = useI18n();
  const [key, name] = notice.title;
  const title = t(key, { name: name ?? '' }).replace(/\s+$/, '');
  return (
    <div
      className={`notice notice-${notice.tone}`}
      role={notice.tone === 'error' ? 'alert' : 'status'}
      data-testid="notice"
    >
      <div className="notice-body">
        <p className="notice-title">{title}</p>
        {notice.detail && <p className="notice-detail">{notice.detail}</p>}
        {notice.next && <p className="notice-next">{t(notice.next)}</p>}
        {notice.action && (
          <button type="button" className="button notice-action" onClick={notice.action.run}>
            {t(notice.action.label)}
          </button>
        )}
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
