/**
 * The Library panel (a dialog): search the case library (debounced; fuzzy, prefix, Chinese), list
 * every case with Delete (held a few seconds with Undo), Export… (redaction choices, a download)
 * and Import… (a tarsier.library/1 file: what was added, updated and left out). Opened from the
 * Case tab, the start screen, the palette and Ctrl/⌘+Shift+L; `LibraryPanelHost` is its one place.
 */
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import type { LibraryRef } from '../../../../shared/library/libraryModel.ts';
import { useDialogFocus } from '../../components/CommandPalette.tsx';
import { ModalShell, useEscapeCloses } from '../../components/ModalShell.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { closeLibraryPanel, useLibraryState } from './libraryStore.ts';
import { clip, fieldLabel, refDate, refName } from './libraryText.ts';
import { useLibraryPanel, type PanelMessage } from './useLibraryPanel.ts';
import '../../components/overlays.css';
import './Library.css';

export function LibraryPanelHost() {
  const { panelOpen } = useLibraryState();
  if (!panelOpen) return null;
  return createPortal(<LibraryPanel onClose={closeLibraryPanel} />, document.body);
}

function CaseLine({ item: c }: { item: LibraryRef }) {
  const { t } = useI18n();
  return (
    <>
      <span className="lib-case-name mono" title={c.names.join('\n')}>
        {refName(c)}
      </span>
      <span className="muted lib-case-date">{refDate(c.savedAt)}</span>
      {c.origin === 'imported' && <span className="lib-origin">{t('libImportedMark')}</span>}
      <span className={c.conclusion ? 'lib-case-conclusion' : 'lib-case-conclusion muted'} title={c.conclusion}>
        {c.conclusion ? clip(c.conclusion, 120) : t('libNoConclusion')}
      </span>
    </>
  );
}

function Message({ message, onUndo }: { message: PanelMessage; onUndo: () => void }) {
  const { t, num } = useI18n();
  if (message.kind === 'deleted')
    return (
      <p className="lib-message" role="status" data-testid="library-message">
        {t('libDeleted', { name: refName(message.ref) })}{' '}
        <button type="button" className="button" onClick={onUndo} data-testid="library-undo">
          {t('libUndo')}
        </button>
      </p>
    );
  if (message.kind === 'error')
    return (
      <p className="lib-message hint-problem" role="alert" data-testid="library-message">
        {message.text}
      </p>
    );
  if (message.kind === 'exported')
    return (
      <p className="lib-message" role="status" data-testid="library-message">
        {message.cases === 1
          ? t('libExportDoneOne', { name: message.fileName })
          : t('libExportDone', { n: num(message.cases), name: message.fileName })}
      </p>
    );
  const { added, updated, problems } = message.result;
  return (
    <div className="lib-message" role="status" data-testid="library-message">
      <p>{t('libImportDone', { name: message.name, added: num(added), updated: num(updated) })}</p>
      {problems.length > 0 && (
        <>
          <p>{t('libImportProblems')}</p>
          <ul className="lib-problems">
            {problems.slice(0, 20).map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function ExportForm({ cases, onExport }: { cases: number; onExport: (secrets: boolean, network: boolean) => void }) {
  const { t, num } = useI18n();
  const [secrets, setSecrets] = useState(true);
  const [network, setNetwork] = useState(false);
  return (
    <div className="lib-export" data-testid="library-export-form">
      <h3>{t('libExportTitle')}</h3>
      <p className="muted">{t('libExportLead', { n: num(cases) })}</p>
      <label className="lib-check">
        <input
          type="checkbox"
          checked={secrets}
          onChange={(e) => setSecrets(e.target.checked)}
          data-testid="library-redact-secrets"
        />
        {t('expRedactSecrets')}
      </label>
      {!secrets && <p className="hint hint-problem">{t('expRedactOffWarning')}</p>}
      <label className="lib-check">
        <input
          type="checkbox"
          checked={network}
          onChange={(e) => setNetwork(e.target.checked)}
          data-testid="library-redact-network"
        />
        {t('expRedactNetwork')}
      </label>
      <button
        type="button"
        className="button button-primary"
        onClick={() => onExport(secrets, network)}
        data-testid="library-export-run"
      >
        {t('libExportRun')}
      </button>
    </div>
  );
}

function LibraryPanel({ onClose }: { onClose: () => void }) {
  const { t, num } = useI18n();
  const ids = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const trap = useDialogFocus(dialog, searchBox);
  useEscapeCloses(onClose);
  const [exporting, setExporting] = useState(false);
  const panel = useLibraryPanel({
    deleteFailed: (ref, error) => t('libDeleteFailed', { name: refName(ref), error }),
    exportFailed: (error) => t('libExportFailed', { error }),
    importBad: (name, error) => t('libImportBad', { name, error }),
    importFailed: (name, error) => t('libImportFailed', { name, error }),
  });
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    // Modal: the views' own keys wait until it is closed.
    event.stopPropagation();
    trap(event);
  };
  const { list, search } = panel;
  const cases = list.kind === 'ready' ? list.cases : [];
  return (
    <ModalShell
      dialogRef={dialog}
      className="lib-panel"
      testId="library-panel"
      titleId={`${ids}-title`}
      title={t('libTitle')}
      onClose={onClose}
      onKeyDown={onKeyDown}
      closeTitle={`${t('libClose')} (Esc)`}
    >
      <div className="lib-panel-body">
        <p className="muted">{t('libLead')}</p>
        <div className="lib-toolbar">
          <input
            ref={searchBox}
            type="search"
            className="input lib-search"
            value={panel.query}
            placeholder={t('libSearchPlaceholder')}
            aria-label={t('libSearch')}
            onChange={(e) => panel.setQuery(e.target.value)}
            data-testid="library-search"
          />
          <button
            type="button"
            className="button"
            aria-expanded={exporting}
            onClick={() => setExporting((v) => !v)}
            data-testid="library-export"
          >
            {t('libExport')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => fileInput.current?.click()}
            data-testid="library-import"
          >
            {t('libImport')}
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            hidden
            data-testid="library-import-file"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void panel.importFile(file);
            }}
          />
        </div>
        {exporting && (
          <ExportForm
            cases={cases.length}
            onExport={(secrets, network) =>
              void panel.exportLibrary(secrets, network).then((done) => done && setExporting(false))
            }
          />
        )}
        {panel.message && <Message message={panel.message} onUndo={panel.undo} />}
        {search.kind !== 'idle' && (
          <section className="lib-block" aria-live="polite" data-testid="library-hits">
            {search.kind === 'searching' && <p className="muted">{t('libSearching')}</p>}
            {search.kind === 'failed' && <p className="hint hint-problem">{search.error}</p>}
            {search.kind === 'ready' && search.hits.length === 0 && (
              <p className="empty">{t('libNoHits', { query: search.query })}</p>
            )}
            {search.kind === 'ready' && search.hits.length > 0 && (
              <>
                <h3>{search.hits.length === 1 ? t('libHitsOne') : t('libHits', { n: num(search.hits.length) })}</h3>
                <ul className="lib-list">
                  {search.hits.map((hit) => (
                    <li key={hit.ref.key} className="lib-hit" data-testid="library-hit">
                      <div className="lib-case-line">
                        <CaseLine item={hit.ref} />
                      </div>
                      <div className="lib-hit-detail">
                        <span className="muted">
                          {t('libMatchedIn', { fields: hit.fields.map((f) => fieldLabel(t, f)).join(t('ovListSep')) })}
                        </span>
                        {hit.excerpt && <code className="lib-excerpt">{clip(hit.excerpt, 200)}</code>}
                      </div>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        )}
        <section className="lib-block" data-testid="library-cases">
          <h3>
            {t('libAll')} <span className="count">{num(cases.length)}</span>
          </h3>
          {list.kind === 'loading' && <p className="muted">{t('libLoading')}</p>}
          {list.kind === 'failed' && <p className="hint hint-problem">{t('libFailed', { error: list.error })}</p>}
          {list.kind === 'ready' && cases.length === 0 && <p className="empty">{t('libNone')}</p>}
          {cases.length > 0 && (
            <ul className="lib-list">
              {cases.map((c) => (
                <li key={c.key} className="lib-case" data-testid="library-case">
                  <div className="lib-case-line">
                    <CaseLine item={c} />
                  </div>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={t('libDelete', { name: refName(c) })}
                    title={t('libDelete', { name: refName(c) })}
                    onClick={() => panel.remove(c)}
                    data-testid="library-delete"
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          {list.kind === 'ready' && list.problems.length > 0 && (
            <div className="hint hint-problem" role="alert" data-testid="library-load-problems">
              <p>{t('libLoadProblems', { n: num(list.problems.length) })}</p>
              <ul className="lib-problems">
                {list.problems.slice(0, 10).map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ul>
            </div>
          )}
          {list.kind === 'ready' && (
            <p className="muted lib-dir">{list.dir ? t('libWhere', { dir: list.dir }) : t('libNoDir')}</p>
          )}
        </section>
      </div>
    </ModalShell>
  );
}
