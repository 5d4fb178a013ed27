/** The ids seen on a trace's events as chips: a click traces that id (followed ones are its second hop). */
import { useState } from 'react';
import type { RelatedId } from '../../../../shared/caseViews.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { StringKey } from '../../i18n/strings.ts';
import { idRoleName } from '../../i18n/stringsIds.ts';

const RELATED_SHOWN = 24;
const KIND_KEYS: Record<RelatedId['kind'], StringKey> = {
  request: 'trKindRequest',
  resource: 'trKindResource',
  ip: 'trKindIp',
  host: 'trKindHost',
};

export function RelatedIds({ related, onTrace }: { related: RelatedId[]; onTrace: (id: string) => void }) {
  const { t, num } = useI18n();
  const [all, setAll] = useState(false);
  const shown = all ? related : related.slice(0, RELATED_SHOWN);
  return (
    <section className="tr-related" aria-labelledby="tr-related-title">
      <div className="tr-section-head">
        <h2 id="tr-related-title">
          {t('trRelatedTitle')} <span className="count">{num(related.length)}</span>
        </h2>
        {related.length > 0 && <span className="hint">{t('trRelatedHint')}</span>}
      </div>
      {related.length === 0 ? (
        <p className="empty">{t('trNoRelated')}</p>
      ) : (
        <div className="tr-chips">
          {shown.map((r) => (
            <button
              key={r.id}
              type="button"
              className={`tr-chip${r.followed ? ' tr-chip-followed' : ''}`}
              data-testid="related-id"
              data-followed={r.followed}
              title={t('trRelatedTitleAttr', { id: r.id, together: num(r.together), events: num(r.events) })}
              onClick={() => onTrace(r.id)}
            >
              <span className="tr-chip-id mono">{r.id}</span>
              <span className="tr-chip-role">{r.role ? idRoleName(r.role, t) : t(KIND_KEYS[r.kind])}</span>
              <span className="tr-chip-count">
                {t('trRelatedCounts', { together: num(r.together), events: num(r.events) })}
              </span>
              {r.followed && (
                <span className="tr-chip-badge" title={t('trFollowedTitle')}>
                  ↳ {t('trFollowed')}
                </span>
              )}
            </button>
          ))}
          {related.length > RELATED_SHOWN && (
            <button type="button" className="link tr-chips-more" onClick={() => setAll(!all)}>
              {all ? t('trShowFewerRelated') : t('trShowAllRelated', { n: num(related.length) })}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
