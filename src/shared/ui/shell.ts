/**
 * The few things only the desktop shell can do (native dialogs, window state), as a contract
 * shared by Electron main (handlers), the preload (named functions) and the renderer (types).
 * Pure: no Node, no DOM, no Electron.
 */
import type { ChooseBundlesRequest } from './shellRequests.ts';

export { validateChooseBundles, type ChooseBundlesRequest } from './shellRequests.ts';

/** IPC channels of the shell; separate from the AnalyzerApi channels (`tarsier:<method>`). */
export const SHELL_CHANNELS = {
  chooseBundles: 'tarsier-shell:chooseBundles',
  windowState: 'tarsier-shell:windowState',
  /** main → renderer: the File → Open… menu item was chosen. */
  openRequested: 'tarsier-shell:openRequested',
} as const;

/** The window as the renderer may want to know it. */
export interface WindowState {
  maximized: boolean;
  fullScreen: boolean;
}

/**
 * The shell half of `window.tarsier` (the preload adds the AnalyzerApi methods and
 * `pathForFile`, whose `File` type needs the DOM; see `src/preload/api.d.ts`).
 */
export interface ShellApi {
  /** Native Open dialog; resolves to the chosen absolute paths, or `[]` when cancelled. */
  chooseBundles(request?: ChooseBundlesRequest): Promise<string[]>;
  windowState(): Promise<WindowState>;
  /** Calls `listener` when File → Open… is chosen in the menu; returns an unsubscribe function. */
  onOpenRequested(listener: (folders: boolean) => void): () => void;
}
