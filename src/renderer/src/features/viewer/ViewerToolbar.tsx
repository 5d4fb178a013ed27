/** The file viewer's toolbar: path, component, position, go to line, context, wrap, trace the id, pin, copy, close. */
import { useState, type RefObject } from 'react';
import type { FileLinesPage } from '../../../../shared/caseViews.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { modKey } from '../../lib/display.ts';
import { CONTEXT_CHOICES } from './fileWindow.ts';
import { CopyMenu } from './CopyMenu.tsx';
import type { CopyContext, CopyStyle } from './copyLines.ts';
import type { CopyOutcome } from './useLineActions.ts';

export interface ViewerToolbarProps {
  page: FileLinesPage | null;
  /** The file line the cursor is on (or the target). */
  line: number;
  gotoRef: RefObject<HTMLInputElement | null>;
  onGoto: (line: number) => void;
  onGotoEscape: () => void;
  context: number;
  onContext: (n: number) => void;
  wrap: boolean;
  onWrap: (on: boolean) => void;
  idAtCursor: string | null;
  onTrace: (id: string) => void;
  onClose: () => void;
  /** Pins the cursor's line as evidence; `pinned` says whether it already is. */
  onPin: () => void;
  pinned: boolean;
  /** Copies the cursor's line with ±`context` lines, as text or Markdown. */
  onCopy: (context: CopyContext, style: CopyStyle) => void;
  copyOutcome: CopyOutcome | null;
}

export function ViewerToolbar(props: ViewerToolbarProps) {
  const { page, line, gotoRef, context, idAtCursor } = props;
  const { t, num } = useI18n();
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const total = page?.total ?? 0;

  const submit = (event: React.FormEvent): void => {
    event.preventDefault();
    const n = Number(text.trim().replace(/[,\s]/g, ''));
    if (!Number.isInteger(n) || n < 1 || (page !== null && n > Math.max(1, total))) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setText('');
    props.onGoto(n);
  };

  const component = page ? [page.module, page.component].filter((s) => s !== '') : [];
  return (
    <div className="fv-toolbar">
      <div className="fv-where">
        <span className="fv-path mono" data-testid="viewer-path" title={page?.path}>
          <bdi>{page?.path ?? '\u00a0'}</bdi>
        </span>
        {component.length > 0 && (
          <span className="fv-component">
            {component.length === 2 && <span className="module">{component[0]} / </span>}
            <span className="component">{component[component.length - 1]}</span>
          </span>
        )}
        {page && page.total > 0 && (
          <span className="fv-position muted" aria-live="polite">
            {t('fvLineOf', { line: num(line), total: num(total) })}
          </span>
        )}
        <button type="button" className="button fv-close" title={t('fvCloseTitle')} onClick={props.onClose}>
          {t('fvClose')}
        </button>
      </div>
      <div className="fv-controls">
        <form className="fv-goto" onSubmit={submit} noValidate>
          <label htmlFor="fv-goto-input">{t('fvGotoLabel')}</label>
          <input
            id="fv-goto-input"
            ref={gotoRef}
            className="input fv-goto-input mono"
            data-testid="goto-line"
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            placeholder={t('fvGotoPlaceholder')}
            value={text}
            aria-invalid={invalid}
            aria-describedby={invalid ? 'fv-goto-problem' : undefined}
            aria-keyshortcuts={modKey() === '⌘' ? 'Meta+G' : 'Control+G'}
            title={invalid ? t('fvGotoInvalid', { total: num(total) }) : `${modKey()}-G`}
            onChange={(e) => {
              setText(e.target.value);
              setInvalid(false);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                setText('');
                setInvalid(false);
                props.onGotoEscape();
              }
            }}
          />
          <kbd aria-hidden="true">{modKey()}-G</kbd>
          {invalid && (
            <span id="fv-goto-problem" className="fv-goto-problem" role="alert">
              {t('fvGotoInvalid', { total: num(total) })}
            </span>
          )}
        </form>
        <label className="fv-select">
          <span>{t('fvContextLabel')}</span>
          <select className="input" value={context} onChange={(e) => props.onContext(Number(e.target.value))}>
            {CONTEXT_CHOICES.map((n) => (
              <option key={n} value={n}>
                {n === 0 ? t('fvContextWhole') : t('fvContextN', { n })}
              </option>
            ))}
          </select>
        </label>
        <label className="fv-check" title={t('fvWrapTitle')}>
          <input type="checkbox" checked={props.wrap} onChange={(e) => props.onWrap(e.target.checked)} />
          {t('fvWrap')}
        </label>
        <button
          type="button"
          className="button fv-trace"
          disabled={idAtCursor === null}
          title={idAtCursor ? t('fvTraceId', { id: idAtCursor }) : t('fvTraceIdHint')}
          onClick={() => idAtCursor && props.onTrace(idAtCursor)}
        >
          {idAtCursor ? t('fvTraceId', { id: idAtCursor }) : t('fvTraceIdNone')}
        </button>
        <button type="button" className="button" onClick={props.onPin} disabled={props.pinned} data-testid="pin-line">
          {props.pinned ? t('pinned') : `${t('pinLine')} (${props.line})`}
        </button>
        <CopyMenu onCopy={props.onCopy} outcome={props.copyOutcome} disabled={page === null || total === 0} />
      </div>
    </div>
  );
}
