/**
 * Light or dark: the user's choice (system, light, dark) kept on this computer, resolved to a
 * `light` or `dark` class on <html> that the style sheets and Monaco's theme follow. "System"
 * follows the operating system's setting as it changes.
 */
import { useSyncExternalStore } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

const STORAGE_KEY = 'tarsier.theme';
const listeners = new Set<() => void>();
let choice: ThemeChoice = readChoice();

function readChoice(): ThemeChoice {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return saved === 'light' || saved === 'dark' ? saved : 'system';
  } catch {
    return 'system';
  }
}

const systemDark = (): MediaQueryList => window.matchMedia('(prefers-color-scheme: dark)');

function apply(): void {
  const dark = choice === 'dark' || (choice === 'system' && systemDark().matches);
  const root = document.documentElement.classList;
  root.toggle('dark', dark);
  root.toggle('light', !dark);
}

/** Sets the class before the first paint and follows the system while the choice is "system". */
export function startTheme(): void {
  apply();
  systemDark().addEventListener('change', apply);
}

export function setTheme(next: ThemeChoice): void {
  choice = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // A private window may refuse storage; the choice still holds for this session.
  }
  apply();
  for (const listener of listeners) listener();
}

/** The current choice, re-rendering when it changes. */
export function useTheme(): ThemeChoice {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => choice,
  );
}
