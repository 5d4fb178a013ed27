/** Event counts per level as small coloured pills, most severe first; zero counts are left out. */
import type { Level, LevelCounts } from '../../../shared/model.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { LEVEL_KEYS } from '../i18n/strings.ts';

const ORDER: readonly { level: Level; letter: string }[] = [
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
  const shown = ORDER.filter((o) => levels[o.level] > 0);
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
