/** The first screen: a large drop zone, the Open button (desktop) or a path field (browser). */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { client } from '../api/client.ts';
import { Notice, type NoticeData } from '../components/Notice.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { formatLocalTime, modKey } from '../lib/display.ts';
import type { SavedCase } from '../../../shared/caseState.ts';
import { forgetCase, type RecentCase } from '../lib/recentCases.ts';
import { usePreferences } from '../lib/preferences.ts';

interface Props {
  notice: NoticeData | null;
  onDismissNotice: () => void;
  dragging: boolean;
  /** Changes when the path field should take the focus (Ctrl/⌘-O in a browser). */
  focusPathSignal: number;
  onOpenPaths: (paths: string[]) => void;
  onOpenDemo: () => void;
  onOpenRecent: (recent: RecentCase) => void;
  onChoose: (folders: boolean) => void;
  onFiles: (files: File[]) => void;
  /** The path field's text, kept by the caller so that it survives a failed attempt. */
  path: string;
  onPathChange: (path: string) => void;
}

/** `"/a b/c.tgz"` or `'/a b/c.tgz'` (as copied from a shell) → `/a b/c.tgz`. */
const unquote = (text: string): string => text.trim().replace(/^(['"])(.*)\1$/, '$2');

/** The demo bundle's name (resources/samples), as the engine reports it. */
const DEMO_NAME = 'demo-case.tar.gz';
const MAX_LISTED = 10;

export function StartView({
  notice,
  onDismissNotice,
  dragging,
  focusPathSignal,
  onOpenPaths,
  onOpenDemo,
  onOpenRecent,
  onChoose,
  onFiles,
  path,
  onPathChange,
}: Props) {
  const { t, num } = useI18n();
  const { recent } = usePreferences();
  // Cases kept in the data folder: their ticket and pins beside the recent list, and the ones
  // this window's storage does not know (another browser, a cleared storage) after it.
  const [saved, setSaved] = useState<SavedCase[]>([]);
  useEffect(() => {
    let live = true;
    void client.savedCases({}).then((result) => live && result.ok && setSaved(result.value));
    return () => {
      live = false;
    };
  }, []);
  const savedFor = (r: RecentCase): SavedCase | undefined =>
    r.paths === 'demo'
      ? saved.find((s) => s.names.length === 1 && s.names[0] === DEMO_NAME)
      : saved.find((s) => JSON.stringify(s.paths) === JSON.stringify(r.paths));
  const listed = [
    ...recent,
    ...saved
      .filter((s) => !recent.some((r) => savedFor(r) === s))
      .map((s): RecentCase => ({
        paths: s.names.length === 1 && s.names[0] === DEMO_NAME ? 'demo' : s.paths,
        names: s.names,
        openedAt: s.updatedAt,
      })),
  ].slice(0, MAX_LISTED);
  const desktop = client.transport === 'electron';
  const [pathProblem, setPathProblem] = useState(false);
  const pathInput = useRef<HTMLInputElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (focusPathSignal > 0) pathInput.current?.focus();
  }, [focusPathSignal]);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const value = unquote(path);
    if (value === '') {
      setPathProblem(true);
      pathInput.current?.focus();
      return;
    }
    setPathProblem(false);
    onOpenPaths([value]);
  };

  return (
    <section className="start" aria-labelledby="start-title">
      <div className="start-intro">
        <h1 id="start-title">{t('startTitle')}</h1>
        <p className="lead">{t('startLead')}</p>
      </div>
      {notice && <Notice notice={notice} onDismiss={onDismissNotice} />}
      <div className={`dropzone${dragging ? ' dropzone-active' : ''}`} data-testid="dropzone">
        <svg className="dropzone-icon" viewBox="0 0 48 48" aria-hidden="true">
          <path d="M8 30v8a2 2 0 0 0 2 2h28a2 2 0 0 0 2-2v-8" />
          <path d="M24 8v22M15 21l9 9 9-9" />
        </svg>
        <p className="dropzone-title">{dragging ? t('dropTitleActive') : t('dropTitle')}</p>
        <p className="dropzone-formats">{t('dropFormats')}</p>
        <div className="dropzone-actions">
          {desktop ? (
            <>
              <button type="button" className="button button-primary" onClick={() => onChoose(false)}>
                {t('openButton')}
              </button>
              <button type="button" className="button" onClick={() => onChoose(true)}>
                {t('openFolderButton')}
              </button>
            </>
          ) : (
            <>
              <button type="button" className="button button-primary" onClick={() => fileInput.current?.click()}>
                {t('chooseFile')}
              </button>
              <input
                ref={fileInput}
                type="file"
                multiple
                hidden
                data-testid="file-input"
                onChange={(event) => {
                  const files = [...(event.target.files ?? [])];
                  event.target.value = '';
                  if (files.length > 0) onFiles(files);
                }}
              />
            </>
          )}
        </div>
        {!desktop && <p className="dropzone-note">{t('dropBrowserNote')}</p>}
        <p className="dropzone-shortcut">
          <kbd>{modKey()}</kbd>+<kbd>O</kbd> {t('shortcutOpen')}
        </p>
      </div>
      {!desktop && (
        <form className="path-form" onSubmit={submit}>
          <label htmlFor="bundle-path">{t('pathLabel')}</label>
          <div className="path-row">
            <input
              id="bundle-path"
              ref={pathInput}
              className="input mono"
              type="text"
              spellCheck={false}
              autoComplete="off"
              placeholder={t('pathPlaceholder')}
              value={path}
              aria-invalid={pathProblem}
              aria-describedby="bundle-path-hint"
              onChange={(event) => onPathChange(event.target.value)}
            />
            <button type="submit" className="button button-primary">
              {t('pathOpen')}
            </button>
          </div>
          <p id="bundle-path-hint" className={pathProblem ? 'hint hint-problem' : 'hint'}>
            {pathProblem ? t('pathEmpty') : t('pathHint')}
          </p>
        </form>
      )}
      <div className="start-more">
        <section className="recent" aria-labelledby="recent-title" data-testid="recent-cases">
          <h2 id="recent-title">{t('recentTitle')}</h2>
          {listed.length === 0 ? (
            <p className="muted">{t('recentNone')}</p>
          ) : (
            <ul className="recent-list">
              {listed.map((r) => {
                const kept = savedFor(r);
                return (
                  <li key={`${r.openedAt}:${r.names.join(',')}`}>
                    <button
                      type="button"
                      className="link-button recent-open"
                      onClick={() => onOpenRecent(r)}
                      title={r.paths === 'demo' ? t('demoTitle') : r.paths.join('\n')}
                    >
                      <span className="mono">{r.names.join(', ')}</span>
                    </button>
                    {kept && (kept.ticket || kept.pins > 0) && (
                      <span className="recent-kept" data-testid="recent-kept">
                        {[kept.ticket, kept.pins > 0 ? t('recentPins', { n: num(kept.pins) }) : '']
                          .filter(Boolean)
                          .join(' · ')}
                      </span>
                    )}
                    <span className="muted recent-when">{formatLocalTime(r.openedAt).slice(0, 16)}</span>
                    {recent.includes(r) ? (
                      <button
                        type="button"
                        className="icon-button"
                        aria-label={t('recentForget', { name: r.names.join(', ') })}
                        onClick={() => forgetCase(r)}
                      >
                        ×
                      </button>
                    ) : (
                      <span className="icon-button recent-spacer" aria-hidden="true">
                        ×
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
        <section className="demo" aria-labelledby="demo-title">
          <h2 id="demo-title">{t('demoTitle')}</h2>
          <p className="muted">{t('demoLead')}</p>
          <button type="button" className="button" data-testid="open-demo" onClick={onOpenDemo}>
            {t('demoOpen')}
          </button>
        </section>
      </div>
    </section>
  );
}
