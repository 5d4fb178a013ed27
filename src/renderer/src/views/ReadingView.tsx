/** Live progress while a bundle is uploaded (browser) or read: counts, current file, elapsed and time left, cancel. */
import { useEffect, useState } from 'react';
import type { ReadProgress } from '../../../shared/api.ts';
import { estimateRemainingMs, formatBytes, formatDuration } from '../../../shared/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { namesLabel } from '../lib/display.ts';

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
  const { t, num } = useI18n();
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
  const done = mode === 'uploading' ? sent : (progress?.inputBytesRead ?? 0);
  const whole = mode === 'uploading' ? total : (progress?.inputBytesTotal ?? 0);
  const fraction = whole > 0 ? Math.min(1, done / whole) : null;
  const elapsed = mode === 'uploading' ? now - started : (progress?.elapsedMs ?? now - started);
  const left = estimateRemainingMs(done, whole, elapsed);
  const timeLeft = (
    <div>
      <dt>{t('statTimeLeft')}</dt>
      <dd data-testid="time-left">
        {left === null ? t('statTimeLeftUnknown') : t('statTimeLeftValue', { time: formatDuration(left) })}
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
      <p className="progress-caption">
        {fraction !== null &&
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
            <dd>{formatDuration(elapsed)}</dd>
          </div>
          {timeLeft}
        </dl>
      )}
      {mode === 'uploading' && (
        <dl className="stats">
          <div>
            <dt>{t('statElapsed')}</dt>
            <dd>{formatDuration(elapsed)}</dd>
          </div>
          {timeLeft}
        </dl>
      )}
      {mode === 'reading' && (
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
