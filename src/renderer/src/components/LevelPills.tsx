/** Event counts per level as small coloured pills, most severe first; zero counts are left out. */
import type { Level, LevelCounts } from '../../../shared/model.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { StringKey } from '../i18n/strings.ts';

const ORDER: readonly { level: Level; letter: string; key: StringKey }[] = [
  { level: 'critical', letter: 'C', key: 'levelCritical' },
  { level: 'error', letter: 'E', key: 'levelError' },
  { level: 'warning', letter: 'W', key: 'levelWarning' },
  { level: 'info', letter: 'I', key: 'levelInfo' },
  { level: 'debug', letter: 'D', key: 'levelDebug' },
  { level: 'trace', letter: 'T', key: 'levelTrace' },
  { level: 'unknown', letter: '?', key: 'levelUnknown' },
];

export function LevelPills({ levels }: { levels: LevelCounts }) {
  const { t, num } = useI18n();
  const shown = ORDER.filter((o) => levels[o.level] > 0);
  if (shown.length === 0) return <span className="muted">—</span>;
  return (
    <span className="levels">
      {shown.map((o) => (
        <span key={o.level} className={`pill pill-${o.level}`} title={`${t(o.key)}: ${num(levels[o.level])}`}>
          <span className="pill-letter" aria-hidden="true">
            {o.letter}
          </span>
          <span className="visually-hidden">{t(o.key)} </span>
          {num(levels[o.level])}
        </span>
      ))}
    </span>
  );
}
