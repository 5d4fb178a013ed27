/**
 * The few things only the desktop shell can do (native dialogs, window state), as a contract
 * shared by Electron main (handlers), the preload (named functions) and the renderer (types).
 * Pure: no Node, no DOM, no Electron.
 */
/** IPC channels of the shell; separate from the AnalyzerApi channels (`tarsier:<method>`). */
export const SHELL_CHANNELS = {
  chooseBundles: 'tarsier-shell:chooseBundles',
  windowState: 'tarsier-shell:windowState',
  /** main → renderer: the File → Open… menu item was chosen. */
  openRequested: 'tarsier-shell:openRequested',
} as const;

/** What the Open dialog may pick. Linux and Windows cannot mix files and folders in one dialog. */
export interface ChooseBundlesRequest {
  folders?: boolean;
}

/** The window as the renderer may want to know it. */
export interface WindowState {
  maximized: boolean;
  fullScreen: boolean;
}

/** Checks the payload of `chooseBundles`; `null` when acceptable. */
export function validateChooseBundles(payload: unknown): string | null {
  if (payload === undefined || payload === null) return null;
  if (typeof payload !== 'object' || Array.isArray(payload)) return 'chooseBundles: payload must be an object';
  const { folders, ...rest } = payload as Record<string, unknown>;
  if (folders !== undefined && typeof folders !== 'boolean') return 'chooseBundles: folders must be a boolean';
  if (Object.keys(rest).length > 0) return `chooseBundles: unknown field ${JSON.stringify(Object.keys(rest)[0])}`;
  return null;
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
