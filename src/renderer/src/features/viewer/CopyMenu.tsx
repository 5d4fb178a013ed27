/**
 * "Copy ▾": the line alone or with ±3/±10 lines of its file, as plain text or as Markdown. A
 * button and a small menu (↑/↓ move, Enter picks, Esc or a click outside closes); the short note
 * after a copy says how many lines went to the clipboard, or why none did.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { COPY_CONTEXT, type CopyContext, type CopyStyle } from './copyLines.ts';
import type { CopyOutcome } from './useLineActions.ts';
import './CopyMenu.css';

export interface CopyMenuProps {
  onCopy: (context: CopyContext, style: CopyStyle) => void;
  outcome: CopyOutcome | null;
  disabled?: boolean;
  /** Smaller, for the event detail strip. */
  small?: boolean;
}

const CHOICES: { context: CopyContext; style: CopyStyle }[] = (['text', 'markdown'] as const).flatMap((style) =>
  COPY_CONTEXT.map((context) => ({ context, style })),
);

export function CopyMenu({ onCopy, outcome, disabled, small }: CopyMenuProps) {
  const { t, num } = useI18n();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLSpanElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    const onDown = (event: MouseEvent): void => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const label = (context: CopyContext, style: CopyStyle): string =>
    style === 'text'
      ? context === 0
        ? t('rowCopyText')
        : t('rowCopyTextN', { n: num(context) })
      : context === 0
        ? t('rowCopyMarkdown')
        : t('rowCopyMarkdownN', { n: num(context) });

  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>): void => {
    // The views' own keys (j/k, c, p…) wait while the menu is open.
    event.stopPropagation();
    const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
      button.current?.focus();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(at + step + items.length) % items.length]?.focus();
    } else if (event.key === 'Tab') setOpen(false);
  };

  const note =
    outcome === null
      ? null
      : outcome.ok
        ? outcome.lines === 1
          ? t('rowCopiedOne')
          : t('rowCopied', { n: num(outcome.lines) })
        : t('rowCopyFailed', { error: outcome.error });

  return (
    <span className="cm" ref={root}>
      <button
        ref={button}
        type="button"
        className={`button${small ? ' ev-small' : ''}`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        title={t('rowCopyTitle')}
        disabled={disabled}
        onClick={() => setOpen((o) => !o)}
        data-testid="copy-menu"
      >
        {t('rowCopy')} ▾
      </button>
      {open && (
        <div id={id} ref={menu} className="cm-menu" role="menu" aria-label={t('rowCopyTitle')} onKeyDown={onMenuKey}>
          {CHOICES.map(({ context, style }) => (
            <button
              key={`${style}-${context}`}
              type="button"
              role="menuitem"
              className="cm-item"
              data-testid={`copy-${style}-${context}`}
              onClick={() => {
                setOpen(false);
                onCopy(context, style);
              }}
            >
              {label(context, style)}
            </button>
          ))}
        </div>
      )}
      {note !== null && (
        <span
          className={`cm-note${outcome?.ok ? '' : ' cm-note-failed'}`}
          role="status"
          data-testid="copy-status"
          data-copied-lines={outcome?.ok ? outcome.lines : undefined}
        >
          {note}
        </span>
      )}
    </span>
  );
}
