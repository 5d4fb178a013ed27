/**
 * IPC: one `ipcMain.handle` per AnalyzerApi method (channel `tarsier:<method>`), each
 * validating its payload before the CaseManager sees it, plus the shell-only channels (native
 * Open dialog, window state). Only frames of the app's own origin may call. The engine's case
 * events are pushed to the windows of that origin (no polling).
 */
import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { API_METHODS, channelOf, type AnalyzerApi } from '../../shared/api.ts';
import { CASE_EVENT_CHANNEL, type CaseEventSource } from '../../shared/caseEvents.ts';
import { dispatchRequest } from '../../shared/ui/dispatch.ts';
import { originOf } from '../../shared/ui/origin.ts';
import {
  SHELL_CHANNELS,
  validateChooseBundles,
  type ChooseBundlesRequest,
  type WindowState,
} from '../../shared/ui/shell.ts';

/** Bundle types offered by the Open dialog (`gz`, `xz`, `bz2`, `zst` cover `.tar.gz`, `.tar.xz`…). */
const BUNDLE_FILTERS = [
  {
    name: 'Log bundles (.tar, .tgz, .tar.gz, .tar.xz, .tar.bz2, .tar.zst, .zip, .7z, .gz, .xz, .log)',
    extensions: ['tar', 'tgz', 'gz', 'txz', 'xz', 'tbz2', 'bz2', 'zst', 'zip', '7z', 'log'],
  },
  { name: 'All files', extensions: ['*'] },
];

/** Registers every handler; `trustedOrigins` are the origins whose frames may call. */
export function registerIpc(api: AnalyzerApi & CaseEventSource, trustedOrigins: readonly string[]): void {
  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    const origin = originOf(frame.url);
    return origin !== null && trustedOrigins.includes(origin);
  };

  api.onCaseEvent((event) => {
    for (const win of BrowserWindow.getAllWindows()) {
      const origin = originOf(win.webContents.getURL());
      if (origin !== null && trustedOrigins.includes(origin)) win.webContents.send(CASE_EVENT_CHANNEL, event);
    }
  });

  for (const method of API_METHODS) {
    ipcMain.handle(channelOf(method), async (event, payload: unknown) => {
      if (!trusted(event)) return { ok: false, error: `${method}: refused, the caller is not the Tarsier window` };
      return dispatchRequest(api, method, payload);
    });
  }

  ipcMain.handle(SHELL_CHANNELS.chooseBundles, async (event, payload: unknown): Promise<string[]> => {
    if (!trusted(event)) throw new Error('chooseBundles: refused, the caller is not the Tarsier window');
    const problem = validateChooseBundles(payload);
    if (problem) throw new Error(problem);
    const folders = (payload as ChooseBundlesRequest | undefined)?.folders === true;
    const win = BrowserWindow.fromWebContents(event.sender);
    const options: Electron.OpenDialogOptions = folders
      ? { title: 'Open a bundle folder', properties: ['openDirectory', 'multiSelections'] }
      : { title: 'Open log bundles', properties: ['openFile', 'multiSelections'], filters: BUNDLE_FILTERS };
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled ? [] : result.filePaths;
  });

  ipcMain.handle(SHELL_CHANNELS.windowState, (event): WindowState => {
    if (!trusted(event)) throw new Error('windowState: refused, the caller is not the Tarsier window');
    const win = BrowserWindow.fromWebContents(event.sender);
    return { maximized: win?.isMaximized() ?? false, fullScreen: win?.isFullScreen() ?? false };
  });
}
