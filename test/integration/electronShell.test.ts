/**
 * The desktop shell's security settings (src/preload, src/main/app), tested without Electron:
 * the binary cannot be downloaded or started here, so 'electron' is replaced by a fake that
 * records what the shell asks of it. Covers the preload's bridge, the main window's web
 * preferences, the session and web-contents hardening of main.ts, the origin check and payload
 * validation of the IPC handlers, the tarsier:// protocol handler, and the CSP itself. Each of
 * these is a promise made in src/main/app/README.md that nothing else checks.
 */
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_METHODS, channelOf, type AnalyzerApi } from '../../src/shared/api.ts';
import { CONTENT_SECURITY_POLICY, devContentSecurityPolicy } from '../../src/shared/ui/csp.ts';
import { SHELL_CHANNELS } from '../../src/shared/ui/shell.ts';
import { registerIpc } from '../../src/main/app/ipc.ts';
import { APP_ENTRY, APP_ORIGIN, handleAppProtocol } from '../../src/main/app/protocol.ts';
import { createMainWindow } from '../../src/main/app/window.ts';
import { runEngineHost } from '../../src/main/host/engineHost.ts';

type Callback = (...args: unknown[]) => unknown;

/** The fake Electron: every object the shell imports, with spies that tests read back. */
const fake = vi.hoisted(() => {
  const add = (map: Map<string, Callback[]>, name: string, callback: Callback): void => {
    map.set(name, [...(map.get(name) ?? []), callback]);
  };

  const state = {
    userData: '',
    appListeners: new Map<string, Callback[]>(),
    ipcHandlers: new Map<string, Callback>(),
    /** The callback main.ts gave `app.whenReady().then(...)`; tests run it to make the app ready. */
    onReady: null as (() => unknown) | null,
  };

  /** Electron's utilityProcess: records what main posts; tests play the engine host's messages. */
  class FakeUtilityProcess {
    static forks: FakeUtilityProcess[] = [];
    readonly listeners = new Map<string, Callback[]>();
    readonly posted: unknown[] = [];
    postMessage = vi.fn((message: unknown) => void this.posted.push(message));
    kill = vi.fn(() => true);
    constructor(
      readonly modulePath: string,
      readonly options: unknown,
    ) {
      FakeUtilityProcess.forks.push(this);
    }
    on(name: string, callback: Callback): this {
      add(this.listeners, name, callback);
      return this;
    }
    once(name: string, callback: Callback): this {
      return this.on(name, callback);
    }
    emit(name: string, ...args: unknown[]): void {
      for (const callback of this.listeners.get(name) ?? []) callback(...args);
    }
  }

  class FakeBrowserWindow {
    static instances: FakeBrowserWindow[] = [];
    static getAllWindows = vi.fn(() => FakeBrowserWindow.instances);
    static getFocusedWindow = vi.fn((): FakeBrowserWindow | null => null);
    static fromWebContents = vi.fn((_contents: unknown): FakeBrowserWindow | null => null);
    readonly options: Record<string, unknown>;
    readonly listeners = new Map<string, Callback[]>();
    maximize = vi.fn();
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    isDestroyed = vi.fn(() => false);
    isMinimized = vi.fn(() => false);
    isMaximized = vi.fn(() => false);
    isFullScreen = vi.fn(() => false);
    getNormalBounds = vi.fn(() => ({ x: 40, y: 60, width: 1000, height: 700 }));
    loadURL = vi.fn(async (_url: string) => undefined);
    webContents = { url: 'tarsier://app/index.html', getURL: vi.fn(() => this.webContents.url), send: vi.fn() };
    constructor(options: Record<string, unknown>) {
      this.options = options;
      FakeBrowserWindow.instances.push(this);
    }
    on(name: string, callback: Callback): this {
      add(this.listeners, name, callback);
      return this;
    }
    once(name: string, callback: Callback): this {
      add(this.listeners, name, callback);
      return this;
    }
    emit(name: string, ...args: unknown[]): void {
      for (const callback of this.listeners.get(name) ?? []) callback(...args);
    }
  }

  const app = {
    isPackaged: true,
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    isReady: vi.fn(() => true),
    getVersion: vi.fn(() => '0.0.0-test'),
    getPath: vi.fn((name: string): string => {
      if (name !== 'userData') throw new Error(`unexpected app.getPath(${name})`);
      return state.userData;
    }),
    on: vi.fn((name: string, callback: Callback): unknown => {
      add(state.appListeners, name, callback);
      return app;
    }),
    whenReady: vi.fn(() => ({
      then(onReady: () => unknown): Promise<void> {
        state.onReady = onReady;
        return Promise.resolve();
      },
    })),
  };

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    utilityProcess: {
      fork: vi.fn(
        (modulePath: string, _args: string[], options: unknown) => new FakeUtilityProcess(modulePath, options),
      ),
    },
    Menu: {
      buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
      setApplicationMenu: vi.fn(),
    },
    nativeTheme: { shouldUseDarkColors: false },
    screen: {
      getDisplayMatching: vi.fn((_bounds: unknown) => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } })),
    },
    dialog: {
      showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: false, filePaths: ['/cases/a.tgz'] })),
      showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0 })),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn((_handler: Callback) => undefined),
        setPermissionCheckHandler: vi.fn((_handler: Callback) => undefined),
        webRequest: {
          onBeforeRequest: vi.fn((_filter: { urls: string[] }, _listener: Callback) => undefined),
          onHeadersReceived: vi.fn((_listener: Callback) => undefined),
        },
      },
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn((_schemes: unknown[]) => undefined),
      handle: vi.fn((_scheme: string, _handler: (request: Request) => Promise<Response>) => undefined),
    },
    ipcMain: {
      handle: vi.fn((channel: string, handler: Callback) => {
        state.ipcHandlers.set(channel, handler);
      }),
    },
    contextBridge: { exposeInMainWorld: vi.fn((_key: string, _api: unknown) => undefined) },
    ipcRenderer: {
      invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => 'reply'),
      send: vi.fn(),
      on: vi.fn((_channel: string, _listener: Callback) => undefined),
      removeListener: vi.fn((_channel: string, _listener: Callback) => undefined),
    },
    webUtils: { getPathForFile: vi.fn((_file: unknown): string => '/dropped/bundle.tgz') },
  };

  /** Forgets every call and registration; the spies keep their implementations. */
  const reset = (): void => {
    vi.clearAllMocks();
    state.appListeners.clear();
    state.ipcHandlers.clear();
    state.onReady = null;
    FakeBrowserWindow.instances.length = 0;
    FakeUtilityProcess.forks.length = 0;
    app.isPackaged = true;
    app.requestSingleInstanceLock.mockImplementation(() => true);
  };

  return { electron, state, reset, FakeBrowserWindow, FakeUtilityProcess };
});

vi.mock('electron', () => fake.electron);

const { electron } = fake;

beforeEach(() => {
  fake.reset();
  fake.state.userData = mkdtempSync(join(tmpdir(), 'tarsier-shell-'));
});

afterEach(() => {
  rmSync(fake.state.userData, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

describe('preload (window.tarsier)', () => {
  /** Runs the preload afresh and returns what it exposed. */
  async function loadBridge(): Promise<Record<string, unknown>> {
    vi.resetModules();
    await import('../../src/preload/index.ts');
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    return electron.contextBridge.exposeInMainWorld.mock.calls[0][1] as Record<string, unknown>;
  }
  const call = (bridge: Record<string, unknown>, name: string, ...args: unknown[]): unknown =>
    (bridge[name] as Callback)(...args);

  it('exposes exactly one object, as window.tarsier', async () => {
    await loadBridge();
    expect(electron.contextBridge.exposeInMainWorld.mock.calls.map(([key]) => key)).toEqual(['tarsier']);
  });

  it('exposes exactly the API methods and the shell functions, each a function', async () => {
    const bridge = await loadBridge();
    const expected = [...API_METHODS, 'chooseBundles', 'windowState', 'pathForFile', 'onOpenRequested', 'onCaseEvent'];
    expect(Object.keys(bridge).sort()).toEqual(expected.sort());
    for (const [name, value] of Object.entries(bridge)) expect(typeof value, name).toBe('function');
  });

  it('exposes nothing of ipcRenderer itself', async () => {
    const bridge = await loadBridge();
    for (const name of ['ipcRenderer', 'invoke', 'send', 'sendSync', 'on', 'once', 'removeListener', 'postMessage'])
      expect(bridge).not.toHaveProperty(name);
    const values = Object.values(bridge);
    for (const method of Object.values(electron.ipcRenderer)) expect(values).not.toContain(method);
    expect(values).not.toContain(electron.ipcRenderer);
    expect(values).not.toContain(electron.webUtils.getPathForFile);
  });

  it('sends openCase({ paths: ["x"] }) to its channel as is', async () => {
    const bridge = await loadBridge();
    await expect(call(bridge, 'openCase', { paths: ['x'] })).resolves.toBe('reply');
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(1);
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(channelOf('openCase'), { paths: ['x'] });
  });

  it('sends every API method to its own channel', async () => {
    const bridge = await loadBridge();
    for (const method of API_METHODS) {
      electron.ipcRenderer.invoke.mockClear();
      await call(bridge, method, { caseId: method });
      expect(electron.ipcRenderer.invoke.mock.calls, method).toEqual([[`tarsier:${method}`, { caseId: method }]]);
    }
  });

  it('chooseBundles sends only { folders: boolean }', async () => {
    const bridge = await loadBridge();
    const cases: [unknown[], { folders: boolean }][] = [
      [[], { folders: false }],
      [[{ folders: true }], { folders: true }],
      [[{ folders: false }], { folders: false }],
      [[{ folders: 'yes' }], { folders: false }],
      [[{ folders: true, filters: ['*'], defaultPath: '/etc' }], { folders: true }],
    ];
    for (const [args, payload] of cases) {
      electron.ipcRenderer.invoke.mockClear();
      await call(bridge, 'chooseBundles', ...args);
      expect(electron.ipcRenderer.invoke.mock.calls, JSON.stringify(args)).toEqual([
        [SHELL_CHANNELS.chooseBundles, payload],
      ]);
    }
  });

  it('windowState asks its channel without a payload', async () => {
    const bridge = await loadBridge();
    await call(bridge, 'windowState', { extra: true });
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([[SHELL_CHANNELS.windowState]]);
  });

  it('onOpenRequested hands the listener a boolean only, and unsubscribes the same function', async () => {
    const bridge = await loadBridge();
    const listener = vi.fn();
    const unsubscribe = call(bridge, 'onOpenRequested', listener) as () => void;
    expect(electron.ipcRenderer.on).toHaveBeenCalledTimes(1);
    const [channel, wrapped] = electron.ipcRenderer.on.mock.calls[0];
    expect(channel).toBe(SHELL_CHANNELS.openRequested);
    expect(wrapped).not.toBe(listener);
    wrapped({ sender: 'the IPC event' }, true);
    wrapped({ sender: 'the IPC event' }, 'yes');
    expect(listener.mock.calls).toEqual([[true], [false]]);
    unsubscribe();
    expect(electron.ipcRenderer.removeListener.mock.calls).toEqual([[SHELL_CHANNELS.openRequested, wrapped]]);
  });

  it('pathForFile returns the path, or empty text when Electron cannot tell', async () => {
    const bridge = await loadBridge();
    expect(call(bridge, 'pathForFile', {})).toBe('/dropped/bundle.tgz');
    electron.webUtils.getPathForFile.mockImplementationOnce(() => {
      throw new Error('not a File');
    });
    expect(call(bridge, 'pathForFile', 'not a file')).toBe('');
  });
});

describe('createMainWindow', () => {
  const lastWindow = () => {
    expect(fake.FakeBrowserWindow.instances).toHaveLength(1);
    return fake.FakeBrowserWindow.instances[0];
  };

  it.each([false, true])('locks down the web preferences (dev: %s)', (dev) => {
    createMainWindow({ preload: '/app/out/preload/index.cjs', url: APP_ENTRY, dev });
    expect(lastWindow().options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: dev,
    });
  });

  it('loads the given URL and shows the window only when ready', () => {
    createMainWindow({ preload: '/p.cjs', url: APP_ENTRY, dev: false });
    const win = lastWindow();
    expect(win.loadURL.mock.calls).toEqual([[APP_ENTRY]]);
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledTimes(1);
  });

  it('opens at the default size the first time, and where it was closed the next time', () => {
    createMainWindow({ preload: '/p.cjs', url: APP_ENTRY, dev: false });
    const first = lastWindow();
    expect(first.options).toMatchObject({ width: 1280, height: 820 });
    expect(first.options).not.toHaveProperty('x');
    first.isMaximized.mockReturnValue(true);
    first.emit('close');
    const saved: unknown = JSON.parse(readFileSync(join(fake.state.userData, 'window-state.json'), 'utf8'));
    expect(saved).toEqual({ bounds: { x: 40, y: 60, width: 1000, height: 700 }, maximized: true });

    fake.FakeBrowserWindow.instances.length = 0;
    createMainWindow({ preload: '/p.cjs', url: APP_ENTRY, dev: false });
    const second = lastWindow();
    expect(second.options).toMatchObject({ x: 40, y: 60, width: 1000, height: 700 });
    expect(second.maximize).toHaveBeenCalledTimes(1);
  });

  it('drops a saved position that no display shows', () => {
    writeFileSync(
      join(fake.state.userData, 'window-state.json'),
      JSON.stringify({ bounds: { x: 5000, y: 60, width: 1000, height: 700 }, maximized: false }),
    );
    createMainWindow({ preload: '/p.cjs', url: APP_ENTRY, dev: false });
    const { options } = lastWindow();
    expect(options).toMatchObject({ width: 1000, height: 700 });
    expect(options).not.toHaveProperty('x');
    expect(options).not.toHaveProperty('y');
  });
});

describe('main.ts', () => {
  /** Runs main.ts afresh (it does its work at import). */
  async function importMain(): Promise<void> {
    vi.resetModules();
    await import('../../src/main/app/main.ts');
  }
  /** Runs the callback main.ts gave whenReady, as Electron would once the app is ready. */
  const becomeReady = (): void => {
    expect(electron.app.whenReady).toHaveBeenCalledTimes(1);
    expect(fake.state.onReady).not.toBeNull();
    fake.state.onReady?.();
  };
  async function startApp(): Promise<void> {
    await importMain();
    becomeReady();
  }
  const emitApp = (name: string, ...args: unknown[]): void => {
    const listeners = fake.state.appListeners.get(name) ?? [];
    expect(listeners.length, `app.on('${name}')`).toBeGreaterThan(0);
    for (const listener of listeners) listener(...args);
  };
  const { defaultSession } = electron.session;
  const beforeRequest = () => {
    expect(defaultSession.webRequest.onBeforeRequest).toHaveBeenCalledTimes(1);
    const [, listener] = defaultSession.webRequest.onBeforeRequest.mock.calls[0];
    return (url: string): unknown => {
      const callback = vi.fn();
      listener({ url, method: 'GET', resourceType: 'xhr' }, callback);
      expect(callback).toHaveBeenCalledTimes(1);
      return callback.mock.calls[0][0];
    };
  };
  const headersReceived = () => {
    expect(defaultSession.webRequest.onHeadersReceived).toHaveBeenCalledTimes(1);
    const [listener] = defaultSession.webRequest.onHeadersReceived.mock.calls[0];
    return (url: string, responseHeaders: Record<string, string[]> = {}): unknown => {
      const callback = vi.fn();
      listener({ url, responseHeaders }, callback);
      expect(callback).toHaveBeenCalledTimes(1);
      return callback.mock.calls[0][0];
    };
  };

  beforeEach(() => {
    vi.stubEnv('ELECTRON_RENDERER_URL', undefined);
    vi.stubEnv('TARSIER_RESOURCES', undefined);
    Object.defineProperty(process, 'resourcesPath', {
      value: join(sep, 'opt', 'Tarsier', 'resources'),
      configurable: true,
    });
  });
  afterEach(() => {
    Reflect.deleteProperty(process, 'resourcesPath');
  });

  it('runs the engine in a utilityProcess: IPC requests go to it, its replies and case events come back', async () => {
    await startApp();
    expect(fake.FakeUtilityProcess.forks).toHaveLength(1);
    const [host] = fake.FakeUtilityProcess.forks;
    expect(host.modulePath.endsWith(`${sep}engineHost.js`)).toBe(true);
    expect(host.posted[0]).toEqual({
      type: 'start',
      options: expect.objectContaining({ cacheDir: join(fake.state.userData, 'index-cache') }),
    });
    host.emit('message', { type: 'ready' });
    const invoke = fake.state.ipcHandlers.get(channelOf('caseStatus'))!;
    const reply = invoke({ senderFrame: { url: APP_ENTRY, parent: null }, sender: { id: 1 } }, { caseId: 'abc' });
    // The request reaches the host only after the handler awaited the engine's start.
    await vi.waitFor(() => expect(host.posted).toHaveLength(2));
    const request = host.posted[1] as { type: string; id: number; method: string; payload: unknown };
    expect(request).toMatchObject({ type: 'request', method: 'caseStatus', payload: { caseId: 'abc' } });
    host.emit('message', { type: 'reply', id: request.id, result: { ok: false, error: 'caseStatus: no case abc' } });
    await expect(reply).resolves.toEqual({ ok: false, error: 'caseStatus: no case abc' });
    // An invalid payload never reaches the host.
    await expect(
      invoke({ senderFrame: { url: APP_ENTRY, parent: null }, sender: { id: 1 } }, { caseId: '../x' }),
    ).resolves.toMatchObject({ ok: false });
    expect(host.posted).toHaveLength(2);

    const [win] = fake.FakeBrowserWindow.instances;
    const stranger = new fake.FakeBrowserWindow({});
    stranger.webContents.url = 'https://example.com/';
    const event = { kind: 'closed', caseId: 'abc' };
    host.emit('message', { type: 'event', event });
    expect(win.webContents.send.mock.calls).toEqual([['tarsier:event:case', event]]);
    expect(stranger.webContents.send).not.toHaveBeenCalled();
    // A malformed event from the host is dropped.
    host.emit('message', { type: 'event', event: { kind: 'status' } });
    expect(win.webContents.send).toHaveBeenCalledTimes(1);

    // If the engine process dies, a waiting request fails saying so, and the window stays.
    const waiting = invoke({ senderFrame: { url: APP_ENTRY, parent: null }, sender: { id: 1 } }, { caseId: 'abc' });
    await vi.waitFor(() => expect(host.posted).toHaveLength(3));
    host.emit('exit', 9);
    await expect(waiting).resolves.toEqual({
      ok: false,
      error: 'caseStatus: the engine process ended (exit code 9)',
    });
    emitApp('will-quit');
    expect(host.kill).toHaveBeenCalledTimes(1);
  });

  it('turns on the sandbox and registers the scheme before the app is ready', async () => {
    await importMain();
    expect(electron.app.enableSandbox).toHaveBeenCalledTimes(1);
    expect(electron.protocol.registerSchemesAsPrivileged.mock.calls).toEqual([
      [[{ scheme: 'tarsier', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]],
    ]);
    // Nothing of the ready work has happened yet.
    expect(defaultSession.setPermissionRequestHandler).not.toHaveBeenCalled();
    expect(fake.FakeBrowserWindow.instances).toHaveLength(0);
    becomeReady();
    expect(defaultSession.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    expect(fake.FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('a packaged app finds its data next to app.asar', async () => {
    await startApp();
    expect(process.env.TARSIER_RESOURCES).toBe(join(sep, 'opt', 'Tarsier', 'resources', 'resources'));
  });

  it('quits at once when another instance runs, without a window or handlers', async () => {
    electron.app.requestSingleInstanceLock.mockImplementation(() => false);
    await importMain();
    expect(electron.app.quit).toHaveBeenCalledTimes(1);
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    expect(electron.app.on).not.toHaveBeenCalled();
    expect(fake.FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('every web contents denies new windows, navigation, redirects and webviews', async () => {
    await startApp();
    const contents = { setWindowOpenHandler: vi.fn(), on: vi.fn() };
    emitApp('web-contents-created', { preventDefault: vi.fn() }, contents);

    expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
    const openHandler = contents.setWindowOpenHandler.mock.calls[0][0] as Callback;
    expect(
      openHandler({ url: 'https://example.com/', frameName: '', features: '', disposition: 'new-window' }),
    ).toEqual({ action: 'deny' });

    const events = contents.on.mock.calls.map(([name]) => name as string);
    expect(events).toEqual(expect.arrayContaining(['will-navigate', 'will-redirect', 'will-attach-webview']));
    for (const [name, listener] of contents.on.mock.calls as [string, Callback][]) {
      const event = { preventDefault: vi.fn() };
      listener(event, 'https://example.com/');
      expect(event.preventDefault, name).toHaveBeenCalledTimes(1);
    }
  });

  it('grants no permission, asked or checked', async () => {
    await startApp();
    expect(defaultSession.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    expect(defaultSession.setPermissionCheckHandler).toHaveBeenCalledTimes(1);
    const [requestHandler] = defaultSession.setPermissionRequestHandler.mock.calls[0];
    const [checkHandler] = defaultSession.setPermissionCheckHandler.mock.calls[0];
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'clipboard-sanitized-write',
      'openExternal',
      'fullscreen',
    ]) {
      const callback = vi.fn();
      requestHandler({}, permission, callback, { requestingUrl: APP_ENTRY });
      expect(callback.mock.calls, permission).toEqual([[false]]);
      expect(checkHandler({}, permission, APP_ORIGIN, { requestingUrl: APP_ENTRY }), permission).toBe(false);
    }
  });

  it('cancels every network request when not in development', async () => {
    await startApp();
    const [filter] = defaultSession.webRequest.onBeforeRequest.mock.calls[0];
    expect(filter.urls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']));
    const decide = beforeRequest();
    for (const url of [
      'https://example.com/x',
      'http://127.0.0.1:1234/',
      'http://localhost:5173/',
      'ws://localhost:5173/',
      'wss://example.com/socket',
    ]) {
      expect(decide(url), url).toEqual({ cancel: true });
    }
  });

  it('adds the CSP to every response, keeping the other headers', async () => {
    await startApp();
    const respond = headersReceived();
    for (const url of [APP_ENTRY, 'http://127.0.0.1:1234/', 'https://example.com/x']) {
      expect(respond(url, { 'X-Test': ['1'] }), url).toEqual({
        responseHeaders: { 'X-Test': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
      });
    }
  });

  it('opens one window on the app origin, without devtools, and only its frames may call', async () => {
    await startApp();
    expect(fake.FakeBrowserWindow.instances).toHaveLength(1);
    const [win] = fake.FakeBrowserWindow.instances;
    expect(win.loadURL.mock.calls).toEqual([[APP_ENTRY]]);
    expect(win.options.webPreferences).toMatchObject({ devTools: false, sandbox: true, contextIsolation: true });
    expect(
      String((win.options.webPreferences as Record<string, unknown>).preload).endsWith(join('preload', 'index.cjs')),
    ).toBe(true);
    expect(electron.protocol.handle.mock.calls.map(([scheme]) => scheme)).toEqual(['tarsier']);

    // The real engine host behind the fake utilityProcess, in this process.
    const [host] = fake.FakeUtilityProcess.forks;
    let deliver: (message: unknown) => void = () => undefined;
    const hostPort = {
      post: (message: unknown) => host.emit('message', message),
      onMessage: (handler: (message: unknown) => void) => void (deliver = handler),
    };
    runEngineHost(hostPort);
    for (const message of host.posted) deliver(message);
    host.postMessage.mockImplementation((message: unknown) => void deliver(message));
    const caseStatus = fake.state.ipcHandlers.get(channelOf('caseStatus'));
    expect(caseStatus).toBeDefined();
    const frame = (url: string) => ({ senderFrame: { url, parent: null }, sender: {} });
    await expect(caseStatus?.(frame('http://localhost:5173/'), { caseId: 'c1' })).resolves.toEqual({
      ok: false,
      error: 'caseStatus: refused, the caller is not the Tarsier window',
    });
    await expect(caseStatus?.(frame(APP_ENTRY), { caseId: 'c1' })).resolves.toEqual({
      ok: false,
      error: 'caseStatus: no case c1',
    });
  });

  it('builds a menu without reload or devtools when packaged', async () => {
    await startApp();
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    const template = JSON.stringify(electron.Menu.buildFromTemplate.mock.calls[0][0]);
    expect(template).toContain('"resetZoom"');
    expect(template).not.toContain('toggleDevTools');
    expect(template).not.toContain('"reload"');
  });

  it('a packaged app ignores ELECTRON_RENDERER_URL', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
    await startApp();
    expect(fake.FakeBrowserWindow.instances[0].loadURL.mock.calls).toEqual([[APP_ENTRY]]);
    expect(beforeRequest()('http://localhost:5173/')).toEqual({ cancel: true });
    expect(headersReceived()('http://localhost:5173/')).toEqual({
      responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  it('in development, lets through the dev server only, with its own CSP', async () => {
    electron.app.isPackaged = false;
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
    await startApp();
    const [win] = fake.FakeBrowserWindow.instances;
    expect(win.loadURL.mock.calls).toEqual([['http://localhost:5173']]);
    expect(win.options.webPreferences).toMatchObject({ devTools: true });

    const decide = beforeRequest();
    expect(decide('http://localhost:5173/src/main.tsx')).toEqual({ cancel: false });
    expect(decide('ws://localhost:5173/')).toEqual({ cancel: false });
    for (const url of [
      'https://localhost:5173/',
      'http://localhost:5174/',
      'http://127.0.0.1:5173/',
      'https://example.com/x',
      'http://example.com/?localhost:5173',
    ]) {
      expect(decide(url), url).toEqual({ cancel: true });
    }
    const respond = headersReceived();
    expect(respond('http://localhost:5173/')).toEqual({
      responseHeaders: { 'Content-Security-Policy': [devContentSecurityPolicy('http://localhost:5173')] },
    });
    expect(respond(APP_ENTRY)).toEqual({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
});

describe('registerIpc', () => {
  type EngineSpy = ReturnType<typeof vi.fn<(request: unknown) => Promise<unknown>>>;
  const engine = (): Record<string, EngineSpy> =>
    Object.fromEntries(
      API_METHODS.map((method) => [
        method,
        vi.fn(async (request: unknown): Promise<unknown> => ({ ok: true, value: { method, request } })),
      ]),
    );
  const start = (): Record<string, EngineSpy> => {
    const api = engine();
    registerIpc({ ...(api as unknown as AnalyzerApi), onCaseEvent: () => () => undefined }, [APP_ORIGIN]);
    return api;
  };
  const handler = (channel: string): Callback => {
    const found = fake.state.ipcHandlers.get(channel);
    if (!found) throw new Error(`no handler for ${channel}`);
    return found;
  };
  const from = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent }, sender: { id: 1 } });
  const appFrame = from(APP_ENTRY);

  it('handles exactly the API channels and the two shell channels', () => {
    start();
    const expected = [...API_METHODS.map(channelOf), SHELL_CHANNELS.chooseBundles, SHELL_CHANNELS.windowState];
    expect([...fake.state.ipcHandlers.keys()].sort()).toEqual(expected.sort());
  });

  it('refuses callers that are not the app origin, without reaching the engine', async () => {
    const api = start();
    const strangers = [
      from('https://example.com/'),
      from('http://127.0.0.1:1234/index.html'),
      from('file:///etc/passwd'),
      from('tarsier://evil/index.html'),
      from('tarsier://app.evil/index.html'),
      from('tarsier://user@app/index.html'),
      from('about:blank'),
      from(APP_ENTRY, { url: APP_ENTRY }),
      { senderFrame: null, sender: { id: 1 } },
    ];
    for (const event of strangers) {
      await expect(
        handler(channelOf('openCase'))(event, { paths: ['/cases/a.tgz'] }),
        JSON.stringify(event),
      ).resolves.toEqual({
        ok: false,
        error: 'openCase: refused, the caller is not the Tarsier window',
      });
    }
    expect(api.openCase).not.toHaveBeenCalled();
  });

  it('passes a valid request from the app window to the engine', async () => {
    const api = start();
    await expect(handler(channelOf('openCase'))(appFrame, { paths: ['/cases/a.tgz'] })).resolves.toEqual({
      ok: true,
      value: { method: 'openCase', request: { paths: ['/cases/a.tgz'] } },
    });
    expect(api.openCase.mock.calls).toEqual([[{ paths: ['/cases/a.tgz'] }]]);
  });

  it('answers an invalid payload with the validator’s error, without reaching the engine', async () => {
    const api = start();
    const cases: [string, unknown, string][] = [
      ['openCase', { paths: 'x' }, 'openCase: paths must be an array of 1–64 strings'],
      ['openCase', { paths: ['a\0b'] }, 'openCase: bad path "a\\u0000b"'],
      ['openCase', null, 'openCase: payload must be an object, got null'],
      ['caseStatus', { caseId: '../etc' }, 'caseStatus: caseId must match /^[A-Za-z0-9_-]{1,64}$/, got "../etc"'],
      ['openDemo', { path: '/etc' }, 'openDemo: payload must be {}, got {"path":"/etc"}'],
      [
        'fileLines',
        { caseId: 'c1', file: 0, from: 0, count: 1 },
        'fileLines: from must be a 1-based line number, got 0',
      ],
      ['search', { caseId: 'c1', query: 'x', limit: 1e9 }, 'search: limit must be 1–5000, got 1000000000'],
    ];
    for (const [method, payload, error] of cases) {
      await expect(handler(`tarsier:${method}`)(appFrame, payload), method).resolves.toEqual({ ok: false, error });
    }
    for (const spy of Object.values(api)) expect(spy).not.toHaveBeenCalled();
  });

  it('turns an engine exception into an error value', async () => {
    const api = start();
    api.trace.mockRejectedValueOnce(new Error('boom'));
    await expect(handler(channelOf('trace'))(appFrame, { caseId: 'c1', id: 'req-1' })).resolves.toEqual({
      ok: false,
      error: 'trace: boom',
    });
  });

  it('chooseBundles refuses strangers and bad payloads before any dialog opens', async () => {
    start();
    const choose = handler(SHELL_CHANNELS.chooseBundles);
    await expect(choose(from('https://example.com/'), { folders: true })).rejects.toThrow(
      'chooseBundles: refused, the caller is not the Tarsier window',
    );
    await expect(choose(appFrame, { folders: 'yes' })).rejects.toThrow('chooseBundles: folders must be a boolean');
    await expect(choose(appFrame, { folders: true, defaultPath: '/etc' })).rejects.toThrow(
      'chooseBundles: unknown field "defaultPath"',
    );
    await expect(choose(appFrame, ['x'])).rejects.toThrow('chooseBundles: payload must be an object');
    expect(electron.dialog.showOpenDialog).not.toHaveBeenCalled();
  });

  it('chooseBundles opens the folder dialog on the caller’s window and returns its choice', async () => {
    start();
    const win = { id: 'the window' };
    electron.BrowserWindow.fromWebContents.mockReturnValueOnce(win as never);
    await expect(handler(SHELL_CHANNELS.chooseBundles)(appFrame, { folders: true })).resolves.toEqual(['/cases/a.tgz']);
    expect(electron.dialog.showOpenDialog.mock.calls).toEqual([
      [win, { title: 'Open a bundle folder', properties: ['openDirectory', 'multiSelections'] }],
    ]);

    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: ['/ignored'] });
    await expect(handler(SHELL_CHANNELS.chooseBundles)(appFrame, undefined)).resolves.toEqual([]);
    expect(electron.dialog.showOpenDialog.mock.calls[1][0]).toMatchObject({
      properties: ['openFile', 'multiSelections'],
    });
  });

  it('windowState refuses strangers', async () => {
    start();
    expect(() => handler(SHELL_CHANNELS.windowState)(from('https://example.com/'))).toThrow(
      'windowState: refused, the caller is not the Tarsier window',
    );
    expect(handler(SHELL_CHANNELS.windowState)(appFrame)).toEqual({ maximized: false, fullScreen: false });
  });
});

describe('handleAppProtocol (tarsier://app/)', () => {
  let root = '';
  let rendererDir = '';
  const INDEX = '<!doctype html><title>Tarsier</title>';
  const SECRET = 'TOP SECRET';

  beforeEach(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'tarsier-protocol-')));
    rendererDir = join(root, 'renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), INDEX);
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'export {};');
    writeFileSync(join(root, 'secret.txt'), SECRET);
    symlinkSync(join(root, 'secret.txt'), join(rendererDir, 'leak.txt'));
    writeFileSync(join(rendererDir, '.env'), SECRET);
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  const serve = (): ((request: Request) => Promise<Response>) => {
    handleAppProtocol(rendererDir);
    expect(electron.protocol.handle).toHaveBeenCalledTimes(1);
    const [scheme, handler] = electron.protocol.handle.mock.calls[0];
    expect(scheme).toBe('tarsier');
    return handler;
  };

  it('serves index.html with the CSP header', async () => {
    const handler = serve();
    for (const url of ['tarsier://app/', 'tarsier://app/index.html']) {
      const response = await handler(new Request(url));
      expect(response.status, url).toBe(200);
      expect(response.headers.get('Content-Security-Policy'), url).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('Content-Type'), url).toBe('text/html; charset=utf-8');
      expect(response.headers.get('X-Content-Type-Options'), url).toBe('nosniff');
      expect(await response.text(), url).toBe(INDEX);
    }
    const script = await handler(new Request('tarsier://app/assets/app.js'));
    expect(script.status).toBe(200);
    expect(script.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers 404 for any path that leaves the renderer folder or names a hidden file', async () => {
    const handler = serve();
    const escapes = [
      'tarsier://app/../secret.txt',
      'tarsier://app/%2e%2e%2fsecret.txt',
      'tarsier://app/assets/..%2f..%2fsecret.txt',
      'tarsier://app/%2e%2e%5csecret.txt',
      'tarsier://app/..%5Csecret.txt',
      'tarsier://app/leak.txt',
      'tarsier://app/%2fetc%2fpasswd',
      'tarsier://app/assets/%00.js',
      'tarsier://app/.env',
      'tarsier://app/assets/%2e%2e/.env',
      'tarsier://app/missing.js',
      'tarsier://app/assets',
    ];
    for (const url of escapes) {
      const response = await handler(new Request(url));
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).toBe('Not found');
    }
  });

  it('answers 404 for another host', async () => {
    const handler = serve();
    for (const url of ['tarsier://evil/index.html', 'tarsier://app.evil/index.html', 'tarsier://app:8080/index.html']) {
      expect((await handler(new Request(url))).status, url).toBe(404);
    }
  });

  it('answers 404 to anything but GET and HEAD', async () => {
    const handler = serve();
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const response = await handler(new Request('tarsier://app/index.html', { method }));
      expect(response.status, method).toBe(404);
    }
    expect((await handler(new Request('tarsier://app/index.html', { method: 'HEAD' }))).status).toBe(200);
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((directive) => {
      const [name, ...sources] = directive.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );

  it('names each directive once', () => {
    expect(directives.size).toBe(CONTENT_SECURITY_POLICY.split(';').length);
  });

  it('allows no inline or evaluated script', () => {
    const scripts = directives.get('script-src');
    expect(scripts).toBeDefined();
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(scripts).not.toContain('*');
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'");
  });

  it('defaults to the app itself, with no plugins and no framing', () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });
});
