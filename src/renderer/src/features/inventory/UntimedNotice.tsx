/** Says which files stay untimed and how many events that keeps off the timeline, and offers to define a format. */
import type { FileRecord } from '../../../../shared/model.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import './UntimedNotice.css';

/** How many untimed files are named in the notice (the table marks them all). */
const NAMED = 4;

export function UntimedNotice({
  files,
  untimed,
  onDefine,
}: {
  files: readonly FileRecord[];
  untimed: { files: number[]; events: number };
  onDefine: (file: number) => void;
}) {
  const { t, num } = useI18n();
  const count = untimed.files.length;
  const events = num(untimed.events);
  return (
    <div className="notice notice-warning untimed" role="note" data-testid="untimed-notice">
      <div className="notice-body">
        <p className="notice-title">
          {count === 1 ? t('untimedTitleOne', { events }) : t('untimedTitle', { n: num(count), events })}
        </p>
        <p>{t('untimedDetail')}</p>
        <ul className="untimed-files">
          {untimed.files.slice(0, NAMED).map((i) => (
            <li key={i}>
              <span className="mono">{files[i].path}</span>
              <span className="muted">({num(files[i].events)})</span>
              <button
                type="button"
                className="link"
                onClick={() => onDefine(i)}
                aria-label={t('dfOpenFor', { path: files[i].path })}
                data-testid="untimed-define"
              >
                {t('dfOpen')}
              </button>
            </li>
          ))}
          {count > NAMED && <li className="muted">{t('untimedMore', { n: num(count - NAMED) })}</li>}
        </ul>
      </div>
    </div>
  );
}
