/**
 * The command palette (Ctrl/⌘-K): a modal with one input that filters the commands the caller
 * gives (every word typed must occur in a command's title, group or keywords; prefix matches
 * first), grouped, ↑/↓ to move, Enter to run, Esc or a click outside to close. `dynamic` adds
 * commands built from the typed text ("Search events for …", "Trace …") at the top.
 *
 * Also the small pieces the shortcuts overlay shares: `useGlobalShortcut`, `useDialogFocus`
 * (focus in, Tab trapped, focus back on close) and `KeyCombo` (`Ctrl+K` as <kbd> keys).
 */
import {
  Fragment,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent as ReactKeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import { createPortal } from 'react-dom';
import { useI18n } from '../i18n/i18n.tsx';
import './overlays.css';
import { SearchIcon } from './SearchIcon.tsx';

export interface PaletteCommand {
  id: string;
  /** Already translated by the caller. */
  title: string;
  /** e.g. 'Go to', 'Case', 'View' (translated); commands are listed under their group. */
  group: string;
  /** Shown on the right, e.g. 'Alt+2' (rendered as keys). */
  shortcut?: string;
  /** Extra words to match (English and Chinese both fine). */
  keywords?: string;
  /** Indexes of the title's characters to mark (a fuzzy match); else the typed words are marked. */
  marks?: number[];
  /** A second, quieter line (e.g. a file's bundle and size). */
  detail?: string;
  run: () => void;
}

export interface CommandPaletteProps {
  open: boolean;
  onClose: () => void;
  commands: PaletteCommand[];
  /** Commands made from the typed text, listed first (called with the trimmed input, only when it is not empty). */
  dynamic?: (text: string) => PaletteCommand[];
  /**
   * Replaces the commands and their ranking: the list is what this gives for the typed text, in
   * its order (the "go to file" mode). `commands` and `dynamic` are then ignored.
   */
  source?: (text: string) => PaletteCommand[];
  /** The input's placeholder and label in the `source` mode. */
  placeholder?: string;
  /** Closes on this combo too (the one that opened it, besides Ctrl/⌘-K). */
  toggleKey?: string;
}

const isMac = (): boolean => /Mac|iPhone|iPad/.test(navigator.platform);

/** Whether keys typed now go into a text field (plain-key shortcuts must not fire then). */
function isTextTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement)
    return true;
  if (target instanceof HTMLInputElement)
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(target.type);
  return false;
}

export interface ShortcutCombo {
  key: string;
  /** Ctrl on Windows/Linux, ⌘ on macOS. */
  mod?: boolean;
  /** Unset: required off for letters and digits, ignored for symbols such as `?` (which need Shift on most layouts). */
  shift?: boolean;
  alt?: boolean;
}

function keyMatches(event: KeyboardEvent, key: string): boolean {
  if (event.key.toLowerCase() === key.toLowerCase()) return true;
  // Alt on macOS and non-Latin layouts change `key`; the physical key still tells.
  if (/^[a-z]$/i.test(key)) return event.code === `Key${key.toUpperCase()}`;
  if (/^[0-9]$/.test(key)) return event.code === `Digit${key}`;
  return false;
}

export function matchesCombo(event: KeyboardEvent, combo: ShortcutCombo): boolean {
  const mac = isMac();
  const mod = mac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
  const none = !event.metaKey && !event.ctrlKey;
  if (combo.mod ? !mod : !none) return false;
  if (Boolean(combo.alt) !== event.altKey) return false;
  if (combo.shift !== undefined ? combo.shift !== event.shiftKey : /^[a-z0-9]$/i.test(combo.key) && event.shiftKey)
    return false;
  return keyMatches(event, combo.key);
}

/**
 * Calls `handler` on a window keydown that matches `combo`. Combos without Ctrl/⌘ or Alt are
 * ignored while the focus is in an input, textarea, select or contenteditable, so `?` typed in a
 * search box stays a `?`.
 */
export function useGlobalShortcut(combo: ShortcutCombo, handler: () => void, enabled = true): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  }, [handler]);
  const { key, mod, shift, alt } = combo;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.isComposing || event.repeat) return;
      if (!matchesCombo(event, { key, mod, shift, alt })) return;
      if (!mod && !alt && isTextTarget(event.target)) return;
      event.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [key, mod, shift, alt, enabled]);
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal's focus: `initial` (else the dialog) gets it on mount, Tab and Shift+Tab cycle inside
 * the dialog, and the element that had it before gets it back on unmount. Returns the keydown
 * handler to put on the dialog for the Tab trap.
 */
export function useDialogFocus(
  dialog: RefObject<HTMLElement | null>,
  initial?: RefObject<HTMLElement | null>,
): (event: ReactKeyboardEvent) => void {
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const node = dialog.current;
    (initial?.current ?? node)?.focus({ preventScroll: true });
    return () => {
      // Only if nothing else took the focus meanwhile (a command may focus what it opened).
      const now = document.activeElement;
      if (before?.isConnected && (now === null || now === document.body || node?.contains(now)))
        before.focus({ preventScroll: true });
    };
  }, [dialog, initial]);
  return (event) => {
    if (event.key !== 'Tab' || !dialog.current) return;
    const items = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
      (el) => el.offsetParent !== null || el === document.activeElement,
    );
    event.preventDefault();
    if (items.length === 0) return dialog.current.focus();
    const at = items.indexOf(document.activeElement as HTMLElement);
    const next = event.shiftKey
      ? at <= 0
        ? items.length - 1
        : at - 1
      : at === -1 || at === items.length - 1
        ? 0
        : at + 1;
    items[next].focus();
  };
}

/** The parts of `Ctrl+Shift+K` (a lone `+` and `Ctrl++` work too). */
export const comboParts = (combo: string): string[] => combo.split(/(?<=[^+\s])\s*\+\s*(?=\S)/);

/** `Ctrl+K` as <kbd>Ctrl</kbd>+<kbd>K</kbd>. */
export function KeyCombo({ combo }: { combo: string }) {
  const parts = comboParts(combo);
  return (
    <span className="ovl-combo">
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && (
            <span className="ovl-plus" aria-hidden="true">
              +
            </span>
          )}
          <kbd>{part}</kbd>
        </Fragment>
      ))}
    </span>
  );
}

interface Scored {
  command: PaletteCommand;
  rank: number;
  order: number;
}

const HAN = /\p{Script=Han}/u;
const SEPARATORS = /[\s\p{P}]+/u;

/** Whether each word starts a word of `text` (Chinese has no spaces: anywhere counts). */
const startsWords = (text: string, words: string[]): boolean => {
  const parts = text.split(SEPARATORS);
  return words.every((w) => (HAN.test(w) ? text.includes(w) : parts.some((p) => p.startsWith(w))));
};

/**
 * 0: the title starts with the text, 1: each word starts a title word, 2: each word starts a
 * word of the title, group or keywords, 3: each word is in the title, 4: elsewhere; null: no match.
 */
function rank(command: PaletteCommand, text: string, words: string[]): number | null {
  const title = command.title.toLowerCase();
  const all = `${title} ${command.group.toLowerCase()} ${(command.keywords ?? '').toLowerCase()}`;
  if (!words.every((w) => all.includes(w))) return null;
  if (title.startsWith(text)) return 0;
  if (startsWords(title, words)) return 1;
  if (startsWords(all, words)) return 2;
  return words.every((w) => title.includes(w)) ? 3 : 4;
}

interface Arranged {
  sections: { group: string; items: PaletteCommand[] }[];
  /** Where the selection starts: the best command when its words start with the typed ones, else the first item. */
  preferred: number;
}

/** The list in display order: the dynamic commands first, then groups by their best match. */
function arrange(commands: PaletteCommand[], extra: PaletteCommand[], query: string): Arranged {
  const text = query.trim().toLowerCase();
  const words = text.split(/\s+/).filter((w) => w !== '');
  const scored: Scored[] = [];
  commands.forEach((command, order) => {
    const r = words.length === 0 ? 0 : rank(command, text, words);
    if (r !== null) scored.push({ command, rank: r, order });
  });
  const groups = new Map<string, Scored[]>();
  for (const s of scored) {
    const list = groups.get(s.command.group);
    if (list) list.push(s);
    else groups.set(s.command.group, [s]);
  }
  const ordered = [...groups.entries()]
    .map(([group, list]) => ({ group, list: list.sort((a, b) => a.rank - b.rank || a.order - b.order) }))
    .sort((a, b) => a.list[0].rank - b.list[0].rank || a.list[0].order - b.list[0].order)
    .map(({ group, list }) => ({ group, items: list.map((s) => s.command) }));
  const top: { group: string; items: PaletteCommand[] }[] = [];
  for (const command of extra) {
    const last = top[top.length - 1];
    if (last && last.group === command.group) last.items.push(command);
    else top.push({ group: command.group, items: [command] });
  }
  const best = groups.size > 0 ? Math.min(...[...groups.values()].map((list) => list[0].rank)) : null;
  return { sections: [...top, ...ordered], preferred: best !== null && best <= 2 ? extra.length : 0 };
}

/** The title with the given characters in bold. */
function markPositions(title: string, positions: number[]): ReactNode {
  if (positions.length === 0) return title;
  const marks = new Array<boolean>(title.length).fill(false);
  for (const at of positions) if (at >= 0 && at < title.length) marks[at] = true;
  return markRuns(title, marks);
}

function markRuns(title: string, marks: boolean[]): ReactNode {
  const out: ReactNode[] = [];
  let start = 0;
  for (let i = 1; i <= title.length; i++) {
    if (i === title.length || marks[i] !== marks[start]) {
      const piece = title.slice(start, i);
      out.push(
        marks[start] ? (
          <mark key={start} className="ovl-match">
            {piece}
          </mark>
        ) : (
          piece
        ),
      );
      start = i;
    }
  }
  return out;
}

/** The title with the typed words in bold. */
function highlight(title: string, query: string): ReactNode {
  const words = query
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
  const lower = title.toLowerCase();
  if (words.length === 0 || lower.length !== title.length) return title;
  const marks = new Array<boolean>(title.length).fill(false);
  for (const w of words)
    for (let at = lower.indexOf(w); at !== -1; at = lower.indexOf(w, at + w.length))
      marks.fill(true, at, at + w.length);
  return markRuns(title, marks);
}

export function CommandPalette(props: CommandPaletteProps) {
  if (!props.open) return null;
  return createPortal(<PaletteDialog {...props} />, document.body);
}

/** The `source` mode's list: one section per group, in the order given. */
function sourced(items: PaletteCommand[]): Arranged {
  const sections: { group: string; items: PaletteCommand[] }[] = [];
  for (const command of items) {
    const last = sections[sections.length - 1];
    if (last && last.group === command.group) last.items.push(command);
    else sections.push({ group: command.group, items: [command] });
  }
  return { sections, preferred: 0 };
}

function PaletteDialog({ onClose, commands, dynamic, source, placeholder, toggleKey }: CommandPaletteProps) {
  const { t, num } = useI18n();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState<number | null>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const trapTab = useDialogFocus(dialog, input);
  const ids = useId();

  const typed = query.trim();
  const extra = useMemo(() => (!source && dynamic && typed !== '' ? dynamic(typed) : []), [source, dynamic, typed]);
  const { sections, preferred } = useMemo(
    () => (source ? sourced(source(query)) : arrange(commands, extra, query)),
    [source, commands, extra, query],
  );
  const flat = useMemo(() => sections.flatMap((s) => s.items), [sections]);
  // Typing moves the selection back to the preferred item (`active` null) until ↑/↓ or the mouse pick another.
  const current = flat.length === 0 ? -1 : Math.min(active ?? preferred, flat.length - 1);
  const optionId = (i: number): string => `${ids}-opt-${i}`;

  useEffect(() => {
    if (current < 0) return;
    document.getElementById(`${ids}-opt-${current}`)?.scrollIntoView({ block: 'nearest' });
  }, [current, ids]);

  const runAt = (i: number): void => {
    const command = flat[i];
    if (!command) return;
    onClose();
    command.run();
  };

  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>): void => {
    // The palette is modal: keys typed here are not the views' shortcuts.
    event.stopPropagation();
    if (event.nativeEvent.isComposing) return;
    const page = Math.max(1, Math.floor((list.current?.clientHeight ?? 320) / 36) - 1);
    const step: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    const closeCombo =
      matchesCombo(event.nativeEvent, { key: 'k', mod: true }) ||
      (toggleKey !== undefined && matchesCombo(event.nativeEvent, { key: toggleKey, mod: true }));
    if (event.key === 'Escape' || (closeCombo && !event.repeat)) {
      event.preventDefault();
      onClose();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      runAt(current);
    } else if (step[event.key] !== undefined && flat.length > 0) {
      event.preventDefault();
      const d = step[event.key];
      // ↑/↓ wrap around; PageUp/PageDown stop at the ends.
      setActive(
        Math.abs(d) === 1
          ? (current + d + flat.length) % flat.length
          : Math.max(0, Math.min(flat.length - 1, current + d)),
      );
    } else if ((event.key === 'Home' || event.key === 'End') && event.ctrlKey && flat.length > 0) {
      event.preventDefault();
      setActive(event.key === 'Home' ? 0 : flat.length - 1);
    } else trapTab(event);
  };

  let index = -1;
  return (
    <div
      className="ovl-backdrop ovl-backdrop-top"
      onMouseDown={(event) => event.target === event.currentTarget && onClose()}
    >
      <div
        ref={dialog}
        className="ovl-dialog pal"
        role="dialog"
        aria-modal="true"
        aria-label={t('palDialogLabel')}
        tabIndex={-1}
        data-testid="palette"
        onKeyDown={onKeyDown}
      >
        <div className="pal-search">
          <SearchIcon className="pal-icon" />
          <input
            ref={input}
            className="pal-input"
            type="text"
            role="combobox"
            aria-label={placeholder ?? t('palInputLabel')}
            aria-expanded="true"
            aria-controls={`${ids}-list`}
            aria-autocomplete="list"
            aria-activedescendant={current >= 0 ? optionId(current) : undefined}
            placeholder={placeholder ?? t('palPlaceholder')}
            autoComplete="off"
            spellCheck={false}
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setActive(null);
            }}
            data-testid="palette-input"
          />
        </div>
        <div ref={list} className="pal-list" id={`${ids}-list`} role="listbox" aria-label={t('palListLabel')}>
          {sections.map((section, s) => (
            <div key={`${s}:${section.group}`} role="group" aria-labelledby={`${ids}-g-${s}`} className="pal-group">
              <div className="pal-group-title" id={`${ids}-g-${s}`} aria-hidden="true">
                {section.group}
              </div>
              {section.items.map((command) => {
                const i = ++index;
                return (
                  <div
                    key={command.id}
                    id={optionId(i)}
                    role="option"
                    aria-selected={i === current}
                    className="pal-item"
                    data-testid="palette-item"
                    data-command={command.id}
                    onMouseMove={() => i !== current && setActive(i)}
                    onMouseDown={(event) => event.preventDefault()}
                    onClick={() => runAt(i)}
                  >
                    <span className="pal-title">
                      {command.marks ? markPositions(command.title, command.marks) : highlight(command.title, query)}
                      {command.detail && <span className="pal-detail muted">{command.detail}</span>}
                    </span>
                    {command.shortcut && <KeyCombo combo={command.shortcut} />}
                  </div>
                );
              })}
            </div>
          ))}
          {flat.length === 0 && (
            <div className="pal-empty" role="presentation">
              {typed === '' ? (
                <p>{t(source ? 'palNoFiles' : 'palNoCommands')}</p>
              ) : (
                <>
                  <p className="pal-empty-title">{t(source ? 'palNoFile' : 'palNoMatch', { text: typed })}</p>
                  <p className="muted">{t('palNoMatchNext')}</p>
                </>
              )}
            </div>
          )}
        </div>
        <div className="pal-foot muted" aria-hidden="true">
          <span>
            <kbd>↑</kbd> <kbd>↓</kbd> {t('palHintMove')}
          </span>
          <span>
            <kbd>Enter</kbd> {t('palHintRun')}
          </span>
          <span>
            <kbd>Esc</kbd> {t('palHintClose')}
          </span>
        </div>
        <p className="visually-hidden" role="status" aria-live="polite">
          {typed === ''
            ? ''
            : source
              ? t('palFileCount', { n: num(flat.length) })
              : flat.length === 1
                ? t('palCountOne')
                : t('palCount', { n: num(flat.length) })}
        </p>
      </div>
    </div>
  );
}
