/**
 * Light or dark: the user's choice (system, light, dark), kept by the engine with the other
 * preferences (lib/preferences.ts), resolved to a
 * `light` or `dark` class on <html> that the style sheets and Monaco's theme follow. "System"
 * follows the operating system's setting as it changes.
 */
import { useSyncExternalStore } from 'react';

import type { ThemeChoice } from '../../../shared/preferences.ts';
import { savePreferences } from './preferences.ts';

export type { ThemeChoice } from '../../../shared/preferences.ts';
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

const listeners = new Set<() => void>();
let choice: ThemeChoice = 'system';

const systemDark = (): MediaQueryList => window.matchMedia('(prefers-color-scheme: dark)');

function apply(): void {
  const dark = choice === 'dark' || (choice === 'system' && systemDark().matches);
  const root = document.documentElement.classList;
  root.toggle('dark', dark);
  root.toggle('light', !dark);
}

/** Sets the class before the first paint and follows the system while the choice is "system". */
export function startTheme(kept: ThemeChoice): void {
  choice = kept;
  apply();
  systemDark().addEventListener('change', apply);
}

export function setTheme(next: ThemeChoice): void {
  choice = next;
  savePreferences({ theme: next });
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
