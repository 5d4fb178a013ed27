/** Event counts per level as small coloured pills, most severe first; zero counts are left out. */
import type { Level, LevelCounts } from '../../../shared/model.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { LEVEL_KEYS } from '../i18n/strings.ts';

export const LEVEL_ORDER: readonly { level: Level; letter: string }[] = [
  { level: 'critical', letter: 'C' },
  { level: 'error', letter: 'E' },
  { level: 'warning', letter: 'W' },
  { level: 'info', letter: 'I' },
  { level: 'debug', letter: 'D' },
  { level: 'trace', letter: 'T' },
  { level: 'unknown', letter: '?' },
];

export function LevelPills({ levels }: { levels: LevelCounts }) {
  const { t, num } = useI18n();
  const shown = LEVEL_ORDER.filter((o) => levels[o.level] > 0);
  if (shown.length === 0) return <span className="muted">—</span>;
  return (
    <span className="levels">
      {shown.map((o) => (
        <span
          key={o.level}
          className={`pill pill-${o.level}`}
          title={`${t(LEVEL_KEYS[o.level])}: ${num(levels[o.level])}`}
        >
          <span className="pill-letter" aria-hidden="true">
            {o.letter}
          </span>
          <span className="visually-hidden">{t(LEVEL_KEYS[o.level])} </span>
          {num(levels[o.level])}
        </span>
      ))}
    </span>
  );
}

/**
 * Level toggles: one pressed button per level, coloured like the pills; a level whose button is
 * released is hidden (the caller decides how: the events view adds `-level:…` to its query).
 */
export function LevelToggles<L extends Level>({
  levels,
  hidden,
  onToggle,
}: {
  levels: readonly L[];
  hidden: ReadonlySet<L>;
  onToggle: (level: L) => void;
}) {
  const { t } = useI18n();
  return (
    <span className="levels level-toggles" role="group" aria-label={t('evLevelsLabel')}>
      {levels.map((level) => {
        const on = !hidden.has(level);
        const name = t(LEVEL_KEYS[level]);
        const letter = LEVEL_ORDER.find((o) => o.level === level)?.letter ?? '?';
        return (
          <button
            key={level}
            type="button"
            className={`pill pill-${level} level-toggle${on ? '' : ' level-toggle-off'}`}
            aria-pressed={on}
            title={t(on ? 'evLevelToggle' : 'evLevelToggleOff', { level: name })}
            data-testid={`level-toggle-${level}`}
            onClick={() => onToggle(level)}
          >
            <span className="pill-letter" aria-hidden="true">
              {letter}
            </span>
            {name}
          </button>
        );
      })}
    </span>
  );
}
