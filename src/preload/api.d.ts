/**
 * The type of `window.tarsier`, the object the preload exposes in Electron. The renderer's
 * client (src/renderer/src/api/client.ts) is its only user; in a browser it is absent.
 */
import type { AnalyzerApi } from '../shared/api.ts';
import type { ShellApi } from '../shared/ui/shell.ts';
import type { CaseEventSource } from '../shared/caseEvents.ts';

export interface TarsierBridge extends AnalyzerApi, CaseEventSource, ShellApi {
  /** The absolute path of a dropped file or folder (webUtils.getPathForFile); `''` when unknown. */
  pathForFile(file: File): string;
}

declare global {
  interface Window {
    tarsier?: TarsierBridge;
  }
}
