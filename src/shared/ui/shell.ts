/**
 * The few things only the desktop shell can do (native dialogs, window state), as a contract
 * shared by Electron main (handlers), the preload (named functions) and the renderer (types).
 * Pure: no Node, no DOM, no Electron.
 */
import { z } from 'zod';
import { mustBe, problemsOf } from '../validation.ts';

/** IPC channels of the shell; separate from the AnalyzerApi channels (`tarsier:<method>`). */
export const SHELL_CHANNELS = {
  chooseBundles: 'tarsier-shell:chooseBundles',
  windowState: 'tarsier-shell:windowState',
  /** main → renderer: the File → Open… menu item was chosen. */
  openRequested: 'tarsier-shell:openRequested',
} as const;

/** The payload of `chooseBundles`: nothing, or exactly the fields below. */
const chooseBundlesSchema = z
  .strictObject(
    { folders: z.boolean({ error: mustBe('must be a boolean') }).optional() },
    { error: mustBe('must be an object') },
  )
  .nullish();

/** What the Open dialog may pick. Linux and Windows cannot mix files and folders in one dialog. */
export type ChooseBundlesRequest = NonNullable<z.output<typeof chooseBundlesSchema>>;

/** The window as the renderer may want to know it. */
export interface WindowState {
  maximized: boolean;
  fullScreen: boolean;
}

/** Checks the payload of `chooseBundles`; `null` when acceptable, else a message naming the field and value. */
export function validateChooseBundles(payload: unknown): string | null {
  const checked = problemsOf(chooseBundlesSchema, payload);
  return checked.ok ? null : `chooseBundles: ${checked.problems[0]}`;
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
