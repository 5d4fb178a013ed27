/**
 * The keyboard shortcuts overlay (`?`): a modal with the shortcuts in groups, keys on the left,
 * what they do on the right. Esc, `?` or a click outside closes it; the focus comes back to where
 * it was. `appShortcutGroups(t)` is the list for the case workspace.
 */
import { Fragment, useId, useRef, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { useI18n, type Translate } from '../i18n/i18n.tsx';
import { modKey } from '../lib/display.ts';
import { KeyCombo, useDialogFocus } from './CommandPalette.tsx';
import './overlays.css';
import { ModalShell } from './ModalShell.tsx';

export interface ShortcutGroup {
  title: string;
  /** `keys`: alternatives, each a combo such as `Ctrl+K`, `?`, `Shift+N` (shown as <kbd> keys). */
  items: { keys: string[]; what: string }[];
}

export interface ShortcutsHelpProps {
  open: boolean;
  onClose: () => void;
  groups: ShortcutGroup[];
  /** Offers the walkthrough from the overlay (only where there is a case to tour). */
  onTour?: () => void;
}

export function ShortcutsHelp(props: ShortcutsHelpProps) {
  if (!props.open) return null;
  return createPortal(<HelpDialog {...props} />, document.body);
}

function HelpDialog({ onClose, groups, onTour }: ShortcutsHelpProps) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDivElement>(null);
  const trapTab = useDialogFocus(dialog);
  const ids = useId();
  const [footBefore, footAfter = ''] = t('shFooter').split('{key}');

  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>): void => {
    // Modal: the views' own keys wait until it is closed.
    event.stopPropagation();
    const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
    if (event.key === 'Escape' || (event.key === '?' && plain && !event.repeat)) {
      event.preventDefault();
      onClose();
    } else trapTab(event);
  };

  const shown = groups.filter((g) => g.items.length > 0);
  return (
    <ModalShell
      dialogRef={dialog}
      className="sh"
      testId="shortcuts-help"
      titleId={`${ids}-title`}
      title={t('shTitle')}
      onClose={onClose}
      onKeyDown={onKeyDown}
      closeTitle={`${t('shClose')} (Esc)`}
    >
      <div className="sh-body">
        {shown.length === 0 && <p className="empty">{t('shEmpty')}</p>}
        {shown.map((group, g) => (
          <section key={`${g}:${group.title}`} className="sh-group" aria-labelledby={`${ids}-g-${g}`}>
            <h3 id={`${ids}-g-${g}`} className="sh-group-title">
              {group.title}
            </h3>
            <table className="sh-table">
              <thead className="visually-hidden">
                <tr>
                  <th scope="col">{t('shColKeys')}</th>
                  <th scope="col">{t('shColAction')}</th>
                </tr>
              </thead>
              <tbody>
                {group.items.map((item, i) => (
                  <tr key={i}>
                    <td className="sh-keys">
                      {item.keys.map((combo, k) => (
                        <Fragment key={k}>
                          {k > 0 && (
                            <span className="sh-or">
                              <span aria-hidden="true">/</span>
                              <span className="visually-hidden"> {t('shOr')} </span>
                            </span>
                          )}
                          <KeyCombo combo={combo} />
                        </Fragment>
                      ))}
                    </td>
                    <td className="sh-what">{item.what}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
      <p className="sh-foot muted">
        {footBefore}
        <kbd>?</kbd>
        {footAfter}
        {onTour && (
          <>
            {' '}
            <button
              type="button"
              className="link-button"
              onClick={() => {
                onClose();
                onTour();
              }}
            >
              {t('tourAgain')}
            </button>
          </>
        )}
      </p>
    </ModalShell>
  );
}

/** The shortcuts of the case workspace (the app's, the events list's and the file viewer's). */
export function appShortcutGroups(t: Translate): ShortcutGroup[] {
  const mod = modKey();
  return [
    {
      title: t('shGroupGeneral'),
      items: [
        { keys: [`${mod}+K`], what: t('shPalette') },
        { keys: [`${mod}+P`], what: t('shGoToFile') },
        { keys: ['Alt+←'], what: t('shBack') },
        { keys: ['Alt+→'], what: t('shForward') },
        { keys: ['?'], what: t('shHelp') },
        { keys: [`${mod}+O`], what: t('shOpen') },
        { keys: [`${mod}+Shift+O`], what: t('shOpenFolder') },
        { keys: [`${mod}+Shift+L`], what: t('shLibrary') },
        { keys: ['Alt+1…7'], what: t('shTabs') },
        { keys: ['Esc'], what: t('shEscape') },
      ],
    },
    {
      title: t('shGroupEvents'),
      items: [
        { keys: ['↑', '↓', 'j', 'k'], what: t('shEvMove') },
        { keys: ['PageUp', 'PageDown', 'Home', 'End'], what: t('shEvPage') },
        { keys: ['Enter'], what: t('shEvOpen') },
        { keys: ['/'], what: t('shEvSearch') },
        { keys: ['n', 'Shift+N'], what: t('shEvHit') },
        { keys: ['e', 'Shift+E'], what: t('shEvError') },
        { keys: ['p', 'Shift+P'], what: t('shEvPin') },
        { keys: ['c'], what: t('shEvCopy') },
        { keys: ['Shift+C'], what: t('shEvCopyMarkdown') },
        { keys: ['Esc'], what: t('shEvBack') },
      ],
    },
    {
      title: t('shGroupTimeline'),
      items: [
        { keys: ['+', '−'], what: t('shTlZoom') },
        { keys: ['←', '→'], what: t('shTlPan') },
        { keys: ['0'], what: t('shTlWhole') },
        { keys: ['Z'], what: t('shTlZoomSelection') },
        { keys: ['Esc'], what: t('shTlClear') },
      ],
    },
    {
      title: t('shGroupViewer'),
      items: [
        { keys: [`${mod}+G`], what: t('shFvGoto') },
        { keys: ['p', 'Shift+P'], what: t('shFvPin') },
        { keys: ['c'], what: t('shFvCopy') },
        { keys: ['Shift+C'], what: t('shFvCopyMarkdown') },
        { keys: ['Esc'], what: t('shFvClose') },
      ],
    },
  ];
}
