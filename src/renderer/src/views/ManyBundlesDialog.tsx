/**
 * Several bundles opened or dropped at once: ask whether they are one case (read together, their
 * events merged in time), whether only one of them should open, or — two of them — whether the
 * first should open compared with the second (issue 18).
 */
import { useRef, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { useDialogFocus } from '../components/CommandPalette.tsx';
import { ModalShell } from '../components/ModalShell.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { formatBytes } from '../../../shared/format.ts';
import '../components/overlays.css';
import './navigation.css';

export interface ManyBundlesDialogProps {
  names: string[];
  /** Sizes when known (dropped files), else null. */
  sizes: (number | null)[];
  onMerge: () => void;
  /** Opens the first bundle, compared with the second (offered for exactly two). */
  onCompare: () => void;
  onPick: (index: number) => void;
  onCancel: () => void;
}

export function ManyBundlesDialog(props: ManyBundlesDialogProps) {
  return createPortal(<Dialog {...props} />, document.body);
}

function Dialog({ names, sizes, onMerge, onCompare, onPick, onCancel }: ManyBundlesDialogProps) {
  const { t, num } = useI18n();
  const dialog = useRef<HTMLDivElement>(null);
  const merge = useRef<HTMLButtonElement>(null);
  const trap = useDialogFocus(dialog, merge);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else trap(event);
  };
  return (
    <ModalShell
      dialogRef={dialog}
      className="many-bundles"
      testId="many-bundles"
      titleId="many-bundles-title"
      title={t('multiTitle', { n: num(names.length) })}
      onClose={onCancel}
      onKeyDown={onKeyDown}
    >
      <div className="many-bundles-body">
        <p className="muted">{t('multiLead')}</p>
        <button
          ref={merge}
          type="button"
          className="button button-primary many-bundles-merge"
          data-testid="many-merge"
          onClick={onMerge}
        >
          {t('multiMerge')}
        </button>
        <ul className="many-bundles-list">
          {names.map((name, i) => (
            <li key={`${i}:${name}`}>
              <button type="button" className="button" data-testid="many-pick" onClick={() => onPick(i)}>
                {t('multiOne', { name })}
              </button>
              {sizes[i] !== null && sizes[i] !== undefined && (
                <span className="muted many-bundles-size">{formatBytes(sizes[i])}</span>
              )}
            </li>
          ))}
        </ul>
        {names.length === 2 && (
          <button type="button" className="button many-bundles-compare" data-testid="many-compare" onClick={onCompare}>
            {t('multiCompareThem', { a: names[0], b: names[1] })}
          </button>
        )}
        <div className="notes-preview-actions">
          <button type="button" className="button" onClick={onCancel}>
            {t('multiCancel')}
          </button>
        </div>
      </div>
    </ModalShell>
  );
}
