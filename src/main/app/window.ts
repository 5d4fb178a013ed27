/** The main window: locked-down web preferences, remembered size and position. */
import { join } from 'node:path';
import { BrowserWindow, nativeTheme } from 'electron';
import { loadWindowState, trackWindowState } from './windowState.ts';

export function createMainWindow(options: { preload: string; url: string; dev: boolean }): BrowserWindow {
  const state = loadWindowState();
  const win = new BrowserWindow({
    ...state.bounds,
    minWidth: 760,
    minHeight: 520,
    show: false,
    title: 'Tarsier',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#17191c' : '#f6f7f9',
    autoHideMenuBar: false,
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: options.dev,
    },
  });
  if (state.maximized) win.maximize();
  trackWindowState(win);
  win.once('ready-to-show', () => win.show());
  win.loadURL(options.url).catch((error: unknown) => {
    // A page that cannot load leaves a blank window: say why where a user or a log can see it.
    console.error(`tarsier: could not load ${options.url}: ${(error as Error).message}`);
  });
  return win;
}

/** The preload script next to the main bundle: out/main → out/preload/index.cjs. */
export const preloadPath = (mainDir: string): string => join(mainDir, '..', 'preload', 'index.cjs');
