/**
 * Beside the events search: level toggles (error, warning, info, debug) and the query's
 * filter-out chips (`-word`, from an Alt-click on a word of a row or typed). Both edit the query
 * text (queryText.ts), so the engine filters and the counts stay right.
 */
import { useMemo } from 'react';
import { LevelToggles } from '../../components/LevelPills.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import './QueryFilters.css';
import { exclusionsOf, hiddenLevels, LEVEL_TOGGLES, removeTopLevel, toggleLevel } from './queryText.ts';

const LEVELS = LEVEL_TOGGLES.map((x) => x.level);

export function QueryFilters({ query, onQuery }: { query: string; onQuery: (query: string) => void }) {
  const { t } = useI18n();
  const hidden = useMemo(() => hiddenLevels(query), [query]);
  const chips = useMemo(() => exclusionsOf(query), [query]);
  return (
    <div className="ev-filters" data-testid="query-filters">
      <LevelToggles levels={LEVELS} hidden={hidden} onToggle={(level) => onQuery(toggleLevel(query, level))} />
      <span className="ev-excludes" role="group" aria-label={t('evExcludesLabel')}>
        {chips.map((chip) => (
          <span key={`${chip.at}:${chip.label}`} className="ev-exclude mono" data-testid="exclude-chip">
            {chip.label}
            <button
              type="button"
              className="ev-exclude-remove"
              aria-label={t('evExcludeRemove', { text: chip.label.slice(1) })}
              title={t('evExcludeRemove', { text: chip.label.slice(1) })}
              onClick={() => onQuery(removeTopLevel(query, chip.at))}
            >
              ×
            </button>
          </span>
        ))}
        {chips.length === 0 && <span className="muted ev-exclude-hint">{t('evExcludeHint')}</span>}
      </span>
    </div>
  );
}
