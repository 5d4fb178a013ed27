/**
 * The frame every modal dialog shares: a backdrop that closes on a click outside, the dialog
 * element (role, aria-modal, its title as label, focusable for the focus trap) and a head with
 * the title and a close button. The dialog's own keyboard handling and body are the caller's.
 */
import { useEffect, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

export function ModalShell({
  dialogRef,
  className,
  testId,
  titleId,
  title,
  onClose,
  onKeyDown,
  closeTitle,
  children,
}: {
  dialogRef: RefObject<HTMLDivElement | null>;
  /** The dialog's own class, beside `ovl-dialog`. */
  className: string;
  testId: string;
  titleId: string;
  title: string;
  onClose: () => void;
  onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void;
  /** A tooltip for the close button (e.g. its key). */
  closeTitle?: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className="ovl-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div
        ref={dialogRef}
        className={`ovl-dialog ${className}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        data-testid={testId}
        onKeyDown={onKeyDown}
      >
        <div className="sh-head">
          <h2 id={titleId}>{title}</h2>
          <button
            type="button"
            className="icon-button sh-close"
            onClick={onClose}
            aria-label={t('shClose')}
            title={closeTitle}
          >
            ×
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}

/**
 * Esc closes the dialog wherever the focus is (a download or a view can take it out of the
 * dialog): caught before the page's own keys, which never see it.
 */
export function useEscapeCloses(onClose: () => void): void {
  useEffect(() => {
    const onEscape = (event: globalThis.KeyboardEvent): void => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopImmediatePropagation();
      onClose();
    };
    window.addEventListener('keydown', onEscape, true);
    return () => window.removeEventListener('keydown', onEscape, true);
  }, [onClose]);
}
