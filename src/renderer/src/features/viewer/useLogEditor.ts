/**
 * The file viewer's Monaco editor: loaded lazily (its own chunk), read-only, the `tarsier-log`
 * grammar, the theme following light/dark, Ctrl/⌘-G handed to the viewer's go-to field, a
 * context-menu action to trace the id under the cursor. Disposed with its model on unmount.
 */
import type * as Monaco from 'monaco-editor/editor/editor.api';
import { useEffect, useState, type RefObject } from 'react';
import type { FileLinesPage } from '../../../../shared/caseViews.ts';
import { idAt, type LineRange } from './fileWindow.ts';
import { followColorScheme, LOG_LANGUAGE, registerLogLanguage } from './logLanguage.ts';

type MonacoApi = typeof Monaco;

export interface LogEditor {
  monaco: MonacoApi;
  editor: Monaco.editor.IStandaloneCodeEditor;
  model: Monaco.editor.ITextModel;
  decorations: Monaco.editor.IEditorDecorationsCollection;
  /** Context key: an id is under the cursor (enables the menu action). */
  hasId: Monaco.editor.IContextKey<boolean>;
}

/** What the editor tells the viewer; read through a ref, so always the latest. */
export interface LogEditorCallbacks {
  /** The cursor moved to `modelLine`; `id` is the id under it or null. */
  onCursor(modelLine: number, id: string | null): void;
  /** Ctrl/⌘-G inside the editor. */
  onGoto(): void;
  /** The context-menu action. */
  onTrace(): void;
  /** p / Shift+P: the next or previous pinned line. */
  onPinJump(forward: boolean): void;
  /** c / Shift+C: copy the cursor's line (Shift: with ±3 lines, as Markdown). */
  onCopy(markdown: boolean): void;
}

const monoFont = (): string =>
  getComputedStyle(document.documentElement).getPropertyValue('--mono').trim() || 'monospace';

const OPTIONS: Monaco.editor.IStandaloneEditorConstructionOptions = {
  readOnly: true,
  domReadOnly: true,
  automaticLayout: true,
  minimap: { enabled: false },
  wordWrap: 'off',
  fontSize: 12.5,
  lineHeight: 19,
  scrollBeyondLastLine: false,
  folding: false,
  // The pin marks of pinned lines.
  glyphMargin: true,
  lineDecorationsWidth: 10,
  lineNumbersMinChars: 6,
  renderLineHighlight: 'line',
  renderValidationDecorations: 'off',
  occurrencesHighlight: 'off',
  matchBrackets: 'never',
  links: false,
  guides: { indentation: false },
  stickyScroll: { enabled: false },
  unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: false, nonBasicASCII: false },
  overviewRulerLanes: 3,
  fixedOverflowWidgets: true,
  contextmenu: true,
};

/** Creates the editor in `host` once Monaco is loaded; `null` until then. */
export function useLogEditor(
  host: RefObject<HTMLDivElement | null>,
  callbacks: RefObject<LogEditorCallbacks>,
  labels: { trace: string; aria: string },
): { editor: LogEditor | null; failed: string | null } {
  const [editor, setEditor] = useState<LogEditor | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    let disposed = false;
    let dispose = (): void => {};
    const loaded = Promise.all([import('../../monaco/monaco.ts'), import('./monacoContribs.ts')]);
    loaded.then(
      ([{ monaco }]) => {
        const element = host.current;
        if (disposed || !element) return;
        registerLogLanguage(monaco);
        const unfollow = followColorScheme(monaco);
        const model = monaco.editor.createModel('', LOG_LANGUAGE);
        const ed = monaco.editor.create(element, { ...OPTIONS, model, fontFamily: monoFont() });
        const hasId = ed.createContextKey<boolean>('tarsierIdAtCursor', false);
        ed.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyG, () => callbacks.current.onGoto());
        // The editor is read-only: plain letters are free for the viewer's keys.
        ed.addCommand(monaco.KeyCode.KeyP, () => callbacks.current.onPinJump(true));
        ed.addCommand(monaco.KeyMod.Shift | monaco.KeyCode.KeyP, () => callbacks.current.onPinJump(false));
        ed.addCommand(monaco.KeyCode.KeyC, () => callbacks.current.onCopy(false));
        ed.addCommand(monaco.KeyMod.Shift | monaco.KeyCode.KeyC, () => callbacks.current.onCopy(true));
        const cursor = ed.onDidChangeCursorSelection(({ selection }) => {
          const pos = selection.getPosition();
          const single = selection.startLineNumber === selection.endLineNumber && !selection.isEmpty();
          const id = idAt(
            model.getLineContent(pos.lineNumber),
            pos.column - 1,
            single ? model.getValueInRange(selection) : '',
            model.getWordAtPosition(pos)?.word ?? null,
          );
          hasId.set(id !== null);
          callbacks.current.onCursor(pos.lineNumber, id);
        });
        dispose = () => {
          cursor.dispose();
          unfollow();
          ed.dispose();
          model.dispose();
        };
        setEditor({ monaco, editor: ed, model, decorations: ed.createDecorationsCollection(), hasId });
      },
      (error: unknown) => {
        if (!disposed) setFailed(error instanceof Error ? error.message : String(error));
      },
    );
    return () => {
      disposed = true;
      dispose();
      setEditor(null);
    };
  }, [host, callbacks]);

  // The menu action and the editor's label follow the language.
  useEffect(() => {
    if (!editor) return;
    editor.editor.updateOptions({ ariaLabel: labels.aria });
    const action = editor.editor.addAction({
      id: 'tarsier.traceIdAtCursor',
      label: labels.trace,
      precondition: 'tarsierIdAtCursor',
      contextMenuGroupId: 'navigation',
      contextMenuOrder: 0,
      run: () => callbacks.current.onTrace(),
    });
    return () => action.dispose();
  }, [editor, labels.trace, labels.aria, callbacks]);

  return { editor, failed };
}

/**
 * Error and critical event heads (tinted, marked in the overview ruler), warnings lighter, the
 * target line, and a pin in the glyph margin of each pinned line (`pinned`, file lines).
 */
export function viewerDecorations(
  monaco: MonacoApi,
  page: FileLinesPage,
  shown: LineRange,
  target: number,
  pinned: readonly number[] = [],
  pinLabel = '',
): Monaco.editor.IModelDeltaDecoration[] {
  const out: Monaco.editor.IModelDeltaDecoration[] = [];
  const toModel = (line: number): number => line - shown.from + 1;
  const inShown = (line: number): boolean => line >= shown.from && line <= shown.to;
  const { Left, Right, Center, Full } = monaco.editor.OverviewRulerLane;
  const heads = page.heads;
  for (let i = 0; i < heads.length; i++) {
    const head = heads[i];
    const severe = head.level === 'error' || head.level === 'critical';
    if (!severe && head.level !== 'warning') continue;
    // The event runs to the line before the next head (its continuation lines: tracebacks, dumps).
    const next = i + 1 < heads.length ? heads[i + 1].line : Infinity;
    const first = Math.max(head.line, shown.from);
    const last = Math.min(next - 1, head.line + 500, shown.to);
    if (last < first) continue;
    out.push({
      range: new monaco.Range(toModel(first), 1, toModel(last), 1),
      options: { isWholeLine: true, linesDecorationsClassName: severe ? 'fv-gutter-error' : 'fv-gutter-warning' },
    });
    if (!inShown(head.line)) continue;
    const line = toModel(head.line);
    out.push({
      range: new monaco.Range(line, 1, line, 1),
      options: severe
        ? {
            isWholeLine: true,
            className: 'fv-line-error',
            overviewRuler: { color: '#e5484dcc', position: Right },
            minimap: { color: '#e5484d', position: monaco.editor.MinimapPosition.Inline },
          }
        : { isWholeLine: true, className: 'fv-line-warning', overviewRuler: { color: '#e0a01f99', position: Center } },
    });
  }
  for (const pin of pinned) {
    if (!inShown(pin)) continue;
    const line = toModel(pin);
    out.push({
      range: new monaco.Range(line, 1, line, 1),
      options: {
        glyphMarginClassName: 'fv-glyph-pin',
        glyphMarginHoverMessage: { value: pinLabel },
        overviewRuler: { color: '#8b5cf6', position: Left },
      },
    });
  }
  if (inShown(target)) {
    const line = toModel(target);
    out.push({
      range: new monaco.Range(line, 1, line, 1),
      options: {
        isWholeLine: true,
        className: 'fv-line-target',
        linesDecorationsClassName: 'fv-gutter-target',
        overviewRuler: { color: '#3b82f6', position: Full },
        zIndex: 10,
      },
    });
  }
  return out;
}
