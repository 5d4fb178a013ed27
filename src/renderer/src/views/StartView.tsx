/** The first screen: a large drop zone, the Open button (desktop) or a path field (browser). */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { client } from '../api/client.ts';
import { Notice, type NoticeData } from '../components/Notice.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { formatLocalTime, modKey } from '../lib/display.ts';
import type { SavedCase } from '../../../shared/caseState.ts';
import { forgetCaseData, type RecentCase } from '../lib/recentCases.ts';
import { recentDetail, sameNameAs } from '../lib/recentDetail.ts';
import { usePreferences } from '../lib/preferences.ts';
import { formatBytes } from '../../../shared/format.ts';
import { openLibraryPanel } from '../features/library/libraryStore.ts';

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
/** An entry's identity across renders (saved-only entries are rebuilt each time). */
const entryId = (r: RecentCase): string => `${JSON.stringify(r.paths)}@${r.openedAt}`;

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
    // Asked again when the list changes: a case forgotten elsewhere (the failure notice) goes from both.
  }, [recent]);
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
  // The entry whose "Forget" waits for a confirmation, and why the last forget failed.
  const [forgetting, setForgetting] = useState<string | null>(null);
  const [forgetProblem, setForgetProblem] = useState<string | null>(null);
  const forget = async (r: RecentCase): Promise<void> => {
    const result = await forgetCaseData(r, savedFor(r)?.key);
    setForgetting(null);
    if (!result.ok) return setForgetProblem(result.error);
    setForgetProblem(null);
    const key = savedFor(r)?.key;
    setSaved((list) => list.filter((s) => s.key !== key));
  };
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
          {forgetProblem && (
            <p className="hint hint-problem" role="alert">
              {forgetProblem}
            </p>
          )}
          {listed.length === 0 ? (
            <p className="muted">{t('recentNone')}</p>
          ) : (
            <ul className="recent-list">
              {listed.map((r) => {
                const kept = savedFor(r);
                const detail = recentDetail(r);
                const label = r.names.join(', ');
                const where = [
                  detail.uploaded ? t('recentUploaded') : detail.folder,
                  detail.bytes === null ? null : formatBytes(detail.bytes),
                ].filter((part): part is string => part !== null && part !== '');
                if (forgetting === entryId(r))
                  return (
                    <li
                      key={`${r.openedAt}:${r.names.join(',')}`}
                      className="recent-confirm"
                      data-testid="forget-confirm"
                    >
                      <div className="recent-confirm-text">
                        <p className="notice-title">{t('forgetTitle', { name: label })}</p>
                        <p className="muted">{t('forgetDetail')}</p>
                      </div>
                      <button type="button" className="button button-primary" onClick={() => void forget(r)}>
                        {t('forgetConfirm')}
                      </button>
                      <button type="button" className="button" onClick={() => setForgetting(null)}>
                        {t('forgetKeep')}
                      </button>
                    </li>
                  );
                return (
                  <li key={`${r.openedAt}:${r.names.join(',')}`}>
                    <button
                      type="button"
                      className="link-button recent-open"
                      onClick={() => onOpenRecent(r)}
                      title={r.paths === 'demo' ? t('demoTitle') : r.paths.join('\n')}
                    >
                      <span className="mono">{label}</span>
                    </button>
                    {where.length > 0 && (
                      <span
                        className={`muted recent-where${sameNameAs(r, listed) ? ' recent-where-strong' : ''}`}
                        data-testid="recent-where"
                        title={where.join(' · ')}
                      >
                        {where.join(' · ')}
                      </span>
                    )}
                    {kept && (kept.ticket || kept.pins > 0) && (
                      <span className="recent-kept" data-testid="recent-kept">
                        {[kept.ticket, kept.pins > 0 ? t('recentPins', { n: num(kept.pins) }) : '']
                          .filter(Boolean)
                          .join(' · ')}
                      </span>
                    )}
                    <span
                      className="muted recent-when"
                      title={t('recentOpenedAt', { when: formatLocalTime(r.openedAt) })}
                    >
                      {formatLocalTime(r.openedAt).slice(0, 16)}
                    </span>
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={t('recentForget', { name: label })}
                      title={t('recentForget', { name: label })}
                      onClick={() => setForgetting(entryId(r))}
                    >
                      ×
                    </button>
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
          <button
            type="button"
            className="button start-library"
            data-testid="start-library"
            onClick={openLibraryPanel}
            title={t('libOpenHint', { key: `${modKey()}+Shift+L` })}
          >
            {t('startLibrary')}
          </button>
        </section>
      </div>
    </section>
  );
}
