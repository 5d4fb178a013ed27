/**
 * The file viewer: one file of the case in a read-only Monaco editor with the log grammar,
 * opened at a line (revealed, highlighted), error and warning events marked. Files are paged:
 * a window of a few thousand lines around the target is fetched, never the whole file; the
 * window moves on "Load earlier/later" and on a go-to outside it. A context choice shows only
 * ±N lines around the target (the seed's `grep -C 50`). Pinned lines carry a pin in the gutter;
 * p / Shift+P go to the next or previous one, c copies the cursor's line (Shift+C: ±3 lines as
 * Markdown), and a pin made here takes the time of the event that holds its line.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Pin } from '../../../../shared/caseNotes.ts';
import type { StringKey } from '../../i18n/strings.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { CaseNavigation } from '../../views/caseNavigation.ts';
import { pinOfLine, shownRange, shownText } from './fileWindow.ts';
import { useFileWindow } from './useFileWindow.ts';
import { useLogEditor, viewerDecorations, type LogEditorCallbacks } from './useLogEditor.ts';
import { ViewerToolbar } from './ViewerToolbar.tsx';
import type { CopyContext, CopyStyle } from './copyLines.ts';
import { nextAfter, pinLines } from './pinMarks.ts';
import { lineTime, useCopyLines, withEventTime } from './useLineActions.ts';
import { formatEventTime } from '../eventList/EventList.tsx';
import './FileViewer.css';

export interface FileViewerProps {
  caseId: string;
  file: number;
  line: number;
  onClose: () => void;
  nav: CaseNavigation;
  /** The case's pins: those of this file are marked in the gutter. */
  pins: readonly Pin[];
}

/** How long a note of the pin keys stays. */
const NOTE_MS = 4000;

export function FileViewer({ caseId, file, line, onClose, nav, pins }: FileViewerProps) {
  const { t, num } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  const gotoRef = useRef<HTMLInputElement>(null);
  const lines = useFileWindow({ caseId, file, line });
  const { page, loading, error, context, shownTarget, revealed, setRevealed, revealTick, takeReveal } = lines;
  const { goTo, chooseContext, loadEarlier, loadLater } = lines;
  const [wrap, setWrap] = useState(false);
  const [cursorLine, setCursorLine] = useState<number | null>(null);
  const [idAtCursor, setIdAtCursor] = useState<string | null>(null);
  const shown = useRef({ from: 1, key: '' });
  const [note, setNote] = useState<StringKey | null>(null);
  useEffect(() => {
    if (note === null) return;
    const timer = setTimeout(() => setNote(null), NOTE_MS);
    return () => clearTimeout(timer);
  }, [note]);
  const pinned = useMemo(() => (page ? (pinLines(pins).get(page.path) ?? []) : []), [pins, page]);
  const { copy, outcome: copyOutcome } = useCopyLines(caseId);
  const here = cursorLine ?? shownTarget;
  const copyHere = (context: CopyContext, style: CopyStyle): void => {
    if (!page) return;
    const { file: index, path } = page;
    void lineTime(caseId, index, here).then((time) =>
      copy({
        file: index,
        path,
        first: here,
        last: here,
        time: time === null ? null : formatEventTime(time),
        context,
        style,
      }),
    );
  };
  const jumpPin = (forward: boolean): void => {
    if (pinned.length === 0) return setNote('rowNoPins');
    const to = nextAfter(pinned, here, forward);
    if (to === null) return setNote(forward ? 'rowNoNextPinLine' : 'rowNoPrevPinLine');
    setNote(null);
    goTo(to);
  };
  const latest = useRef({ nav, onClose, idAtCursor, jumpPin, copyHere });
  useEffect(() => {
    latest.current = { nav, onClose, idAtCursor, jumpPin, copyHere };
  });

  const focusGoto = useCallback(() => {
    gotoRef.current?.focus();
    gotoRef.current?.select();
  }, []);

  const callbacks = useRef<LogEditorCallbacks>({
    onCursor: (modelLine, id) => {
      setCursorLine(modelLine + shown.current.from - 1);
      setIdAtCursor(id);
    },
    onGoto: focusGoto,
    onTrace: () => {
      const id = latest.current.idAtCursor;
      if (id) latest.current.nav.trace(id);
    },
    onPinJump: (forward) => latest.current.jumpPin(forward),
    onCopy: (markdown) => latest.current.copyHere(markdown ? 3 : 0, markdown ? 'markdown' : 'text'),
  });
  const labels = useMemo(
    () => ({ trace: t('fvTraceAction'), aria: t('fvEditorLabel', { path: page?.path ?? '' }) }),
    [t, page?.path],
  );
  const { editor, failed } = useLogEditor(host, callbacks, labels);
  const pinLabel = t('rowPinnedMark');

  // A new file or line from outside: the cursor is no longer on a shown line.
  useEffect(() => setCursorLine(null), [caseId, file, line]);

  // Put the shown lines into the editor, decorate them, bring the pending line into view.
  useEffect(() => {
    if (!editor || !page) return;
    const range = shownRange(page, shownTarget, context);
    const key = `${page.file}:${page.from}:${page.lines.length}:${range.from}:${range.to}`;
    if (shown.current.key !== key) {
      shown.current = { from: range.from, key };
      editor.model.setValue(shownText(page, range));
      const from = range.from;
      editor.editor.updateOptions({
        lineNumbers: (n) => String(n + from - 1),
        lineNumbersMinChars: Math.max(5, String(page.total).length + 1),
      });
    }
    editor.decorations.set(viewerDecorations(editor.monaco, page, range, shownTarget, pinned, pinLabel));
    const reveal = takeReveal();
    if (!reveal) return;
    if (range.to < range.from) {
      setRevealed(shownTarget);
      return;
    }
    const at = Math.min(Math.max(reveal.line, range.from), range.to) - range.from + 1;
    editor.editor.setPosition({ lineNumber: at, column: 1 });
    if (reveal.where === 'center') {
      editor.editor.revealLineInCenter(at);
      setRevealed(shownTarget);
    } else if (reveal.where === 'top') editor.editor.revealLineNearTop(at);
    else editor.editor.revealLine(at);
  }, [editor, page, shownTarget, context, revealTick, takeReveal, setRevealed, pinned, pinLabel]);

  useEffect(() => {
    editor?.editor.updateOptions({ wordWrap: wrap ? 'on' : 'off' });
  }, [editor, wrap]);

  // Ctrl/⌘-G: go to line; Esc: close (unless typing a line number).
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'g') {
        event.preventDefault();
        focusGoto();
      } else if (event.key === 'Escape' && !event.defaultPrevented && event.target !== gotoRef.current) {
        event.preventDefault();
        latest.current.onClose();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [focusGoto]);

  const range = page ? shownRange(page, shownTarget, context) : null;
  const ready = revealed !== null && revealed === shownTarget && !loading && editor !== null;
  const overlay = failed ? (
    <div className="fv-overlay fv-overlay-problem" role="alert">
      <p className="empty-title">{t('fvEditorFailed')}</p>
      <p className="mono fv-detail">{failed}</p>
      <p>{t('fvEditorFailedNext')}</p>
    </div>
  ) : error ? (
    <div className="fv-overlay fv-overlay-problem" role="alert">
      <p className="empty-title">{t('fvLinesFailed')}</p>
      <p className="mono fv-detail">{error}</p>
      <p>{t('fvLinesFailedNext')}</p>
      <div className="fv-overlay-actions">
        <button type="button" className="button" onClick={lines.retry}>
          {t('fvRetry')}
        </button>
        <button type="button" className="button button-quiet" onClick={onClose}>
          {t('fvClose')}
        </button>
      </div>
    </div>
  ) : !editor || !page ? (
    <div className="fv-overlay" aria-live="polite">
      <span className="fv-spinner" aria-hidden="true" />
      {t(editor ? 'fvLoadingLines' : 'fvLoadingEditor')}
    </div>
  ) : page.total === 0 ? (
    <div className="fv-overlay">{t('fvEmptyFile')}</div>
  ) : null;

  return (
    <section
      className="fv"
      data-testid="file-viewer"
      data-line={revealed ?? undefined}
      data-ready={ready ? 'true' : 'false'}
      aria-label={page?.path ?? t('fvLoadingLines')}
      aria-busy={loading}
    >
      <ViewerToolbar
        page={page}
        line={cursorLine ?? shownTarget}
        gotoRef={gotoRef}
        onGoto={(to) => {
          goTo(to);
          editor?.editor.focus();
        }}
        onGotoEscape={() => editor?.editor.focus()}
        context={context}
        onContext={chooseContext}
        wrap={wrap}
        onWrap={setWrap}
        idAtCursor={idAtCursor}
        onTrace={(id) => nav.trace(id)}
        onClose={onClose}
        onPin={() => {
          // The line's own event gives the pin its time and level (its head may be outside the window).
          if (page) void withEventTime(caseId, pinOfLine(page, here)).then((pin) => nav.pin(pin));
        }}
        pinned={page !== null && nav.isPinned(page.path, here)}
        onCopy={copyHere}
        copyOutcome={copyOutcome}
      />
      <div className="fv-edge">
        {note !== null && (
          <span className="fv-note" role="status" data-testid="viewer-note">
            {t(note)}
          </span>
        )}
        {page &&
          range &&
          page.total > 0 &&
          (context > 0 ? (
            <>
              <span>{t('fvContextShown', { n: num(context), line: num(shownTarget) })}</span>
              <button type="button" className="link" onClick={() => chooseContext(0)}>
                {t('fvShowWindow')}
              </button>
            </>
          ) : (
            <>
              <span>{t('fvWindow', { from: num(range.from), to: num(range.to), total: num(page.total) })}</span>
              {page.from > 1 ? (
                <button type="button" className="button fv-edge-button" onClick={loadEarlier} disabled={loading}>
                  ↑ {t('fvLoadEarlier')}
                </button>
              ) : (
                <span className="fv-edge-end">{t('fvStartOfFile')}</span>
              )}
            </>
          ))}
      </div>
      <div className="fv-editor-wrap">
        <div ref={host} className="fv-editor" />
        {overlay}
        {loading && page && !error && <div className="fv-loading-bar" aria-hidden="true" />}
      </div>
      <div className="fv-edge">
        {page &&
          range &&
          page.total > 0 &&
          context === 0 &&
          (range.to < page.total ? (
            <button type="button" className="button fv-edge-button" onClick={loadLater} disabled={loading}>
              ↓ {t('fvLoadLater')}
            </button>
          ) : (
            <span className="fv-edge-end">{t('fvEndOfFile')}</span>
          ))}
      </div>
    </section>
  );
}
