/**
 * Electron main: the desktop shell around the engine. The only code that imports 'electron'.
 * It hardens every web contents (no navigation, no new windows, no webviews, no permissions,
 * no remote requests), serves the renderer on tarsier://app/ with a strict CSP, starts the engine
 * in its own process (engineProcess.ts), registers the IPC handlers over it, and opens the main window.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, Menu, session } from 'electron';
import { sweepStaleTemp } from '../engine/platform/tempSpace.ts';
import { securePrivateDir } from '../engine/platform/dataDir.ts';
import { CONTENT_SECURITY_POLICY, devContentSecurityPolicy } from '../../shared/ui/csp.ts';
import { originOf } from '../../shared/ui/origin.ts';
import { buildMenu } from './menu.ts';
import { registerIpc } from './ipc.ts';
import { APP_ENTRY, APP_ORIGIN, handleAppProtocol, registerAppScheme } from './protocol.ts';
import { createMainWindow, preloadPath } from './window.ts';
import { startEngineProcess } from './engineProcess.ts';
import type { CaseManagerOptions } from '../engine/case/caseManager.ts';

const mainDir = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(mainDir, '..', 'renderer');
/** electron-vite dev sets this; a packaged app never honours it. */
const devUrl = !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : null;
const devOrigin = devUrl ? originOf(devUrl) : null;
const dev = !app.isPackaged;

/** True only for the electron-vite dev server (http or its HMR WebSocket), in development. */
function isDevServer(url: string): boolean {
  if (!devOrigin) return false;
  try {
    const { host, protocol } = new URL(url);
    return host === new URL(devOrigin).host && (protocol === 'http:' || protocol === 'ws:');
  } catch {
    return false;
  }
}

if (app.isPackaged && !process.env.TARSIER_RESOURCES) {
  // electron-builder copies resources/ (formats, component table) next to app.asar.
  process.env.TARSIER_RESOURCES = join(process.resourcesPath, 'resources');
}

registerAppScheme();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // The engine's scratch space (tempSpace.ts) follows the app's data folder; what a killed run left there goes now.
  process.env.TARSIER_DATA_DIR ??= app.getPath('userData');
  // The cache, saved cases and scratch files hold the customer's logs: private to the user.
  securePrivateDir(process.env.TARSIER_DATA_DIR);
  sweepStaleTemp();
  // A bundle opened again loads its index from the app's own data folder instead of being read again.
  const engineOptions: CaseManagerOptions = {
    cacheDir: join(app.getPath('userData'), 'index-cache'),
    dataDir: app.getPath('userData'),
    generator: `Tarsier ${app.getVersion()}`,
  };
  let mainWindow: BrowserWindow | null = null;

  const openWindow = (): void => {
    mainWindow = createMainWindow({ preload: preloadPath(mainDir), url: devUrl ?? APP_ENTRY, dev });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  };

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && app.isReady()) openWindow();
  });

  void app.whenReady().then(() => {
    const ses = session.defaultSession;
    ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    ses.setPermissionCheckHandler(() => false);
    // No remote content: only the dev server (in development) may be reached over the network.
    ses.webRequest.onBeforeRequest(
      { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] },
      (details, callback) => {
        callback({ cancel: !isDevServer(details.url) });
      },
    );
    ses.webRequest.onHeadersReceived((details, callback) => {
      const csp =
        devOrigin && details.url.startsWith(devOrigin) ? devContentSecurityPolicy(devOrigin) : CONTENT_SECURITY_POLICY;
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
    });
    handleAppProtocol(rendererDir);
    const engine = startEngineProcess(mainDir, engineOptions);
    app.on('will-quit', () => engine.stop());
    registerIpc(engine.api, devOrigin ? [APP_ORIGIN, devOrigin] : [APP_ORIGIN]);
    Menu.setApplicationMenu(buildMenu(dev));
    openWindow();
  });
}
