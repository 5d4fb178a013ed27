/** Live progress while a bundle is uploaded (browser) or read: counts, current file, elapsed and time left, cancel. */
import { useEffect, useState } from 'react';
import type { ReadProgress } from '../../../shared/api.ts';
import { estimateRemainingMs, formatBytes } from '../../../shared/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { namesLabel } from '../lib/display.ts';
import { workLabel, workText } from '../state/workLabel.ts';

interface Props {
  mode: 'uploading' | 'reading';
  names: string[];
  /** Upload progress (mode `uploading`). */
  sent: number;
  total: number;
  progress: ReadProgress | null;
  onCancel: () => void;
}

export function ReadingView({ mode, names, sent, total, progress, onCancel }: Props) {
  const { t, num, lang, dur } = useI18n();
  const [started] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);

  const label = namesLabel(names);
  const title =
    mode === 'uploading'
      ? t('uploadingTitle', { name: label })
      : t('readingTitle', { name: label }).replace(/\s+$/, '');
  // The phase under way as the engine measures it (reading, indexing, sealing, saving): its bar, words and time left.
  const work = mode === 'reading' ? (progress?.work ?? null) : null;
  const done = mode === 'uploading' ? sent : (progress?.inputBytesRead ?? 0);
  const whole = mode === 'uploading' ? total : (progress?.inputBytesTotal ?? 0);
  const fraction = work ? (work.total > 0 ? work.fraction : null) : whole > 0 ? Math.min(1, done / whole) : null;
  // The read's own clock stops with the walk; the phases after it go on.
  const elapsed = mode === 'uploading' ? now - started : Math.max(progress?.elapsedMs ?? 0, now - started);
  const left = work ? work.etaMs : estimateRemainingMs(done, whole, elapsed);
  const timeLeft = (
    <div>
      <dt>{t('statTimeLeft')}</dt>
      <dd data-testid="time-left">
        {left === null ? t('statTimeLeftUnknown') : t('statTimeLeftValue', { time: dur(left) })}
      </dd>
    </div>
  );

  return (
    <section className="reading" aria-labelledby="reading-title" data-testid="reading">
      <h1 id="reading-title" className="reading-title">
        {title}
      </h1>
      <div
        className={`progress${fraction === null ? ' progress-indeterminate' : ''}`}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
      >
        <div
          className="progress-bar"
          style={{ width: fraction === null ? undefined : `${(fraction * 100).toFixed(1)}%` }}
        />
      </div>
      <p className="progress-caption" data-testid="work-caption" data-phase={work?.phase}>
        {work && workText(workLabel(work, t, num, lang))}
        {!work &&
          fraction !== null &&
          t(mode === 'uploading' ? 'progressUploading' : 'progressReading', {
            pct: Math.floor(fraction * 100),
            done: formatBytes(done),
            total: formatBytes(whole),
          })}
      </p>
      {mode === 'reading' && (
        <dl className="stats">
          <div>
            <dt>{t('statFiles')}</dt>
            <dd>{num(progress?.filesRead ?? 0)}</dd>
          </div>
          <div>
            <dt>{t('statSkipped')}</dt>
            <dd>{num(progress?.entriesSkipped ?? 0)}</dd>
          </div>
          <div>
            <dt>{t('statBytes')}</dt>
            <dd>{formatBytes(progress?.bytesRead ?? 0)}</dd>
          </div>
          <div>
            <dt>{t('statLines')}</dt>
            <dd data-testid="lines-read">{num(progress?.linesRead ?? 0)}</dd>
          </div>
          <div>
            <dt>{t('statElapsed')}</dt>
            <dd>{dur(elapsed)}</dd>
          </div>
          {timeLeft}
        </dl>
      )}
      {mode === 'uploading' && (
        <dl className="stats">
          <div>
            <dt>{t('statElapsed')}</dt>
            <dd>{dur(elapsed)}</dd>
          </div>
          {timeLeft}
        </dl>
      )}
      {mode === 'reading' && (!work || work.phase === 'reading') && (
        <div className="current-file">
          <span className="current-file-label">{t('currentFile')}</span>
          <span
            className="current-file-path mono"
            title={progress?.currentFile ?? undefined}
            data-testid="current-file"
          >
            {progress?.currentFile ?? t('waitingFirstFile')}
          </span>
        </div>
      )}
      <div className="reading-actions">
        <button type="button" className="button" onClick={onCancel}>
          {t('cancel')}
        </button>
        <span className="hint">{t('cancelHint')}</span>
      </div>
    </section>
  );
}
