/**
 * The preload of the main window (sandboxed, built to CommonJS: out/preload/index.cjs).
 * Exposes `window.tarsier`: one named function per AnalyzerApi method (derived from
 * API_METHODS), `onCaseEvent` for the engine's pushed case events, and the shell functions.
 * Never exposes ipcRenderer, its events or Node objects: a listener gets the event's data only.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { API_METHODS, channelOf, type AnalyzerApi } from '../shared/api.ts';
import { CASE_EVENT_CHANNEL, isCaseEvent, type CaseEventListener } from '../shared/caseEvents.ts';
import { SHELL_CHANNELS, type ChooseBundlesRequest, type WindowState } from '../shared/ui/shell.ts';
import type { TarsierBridge } from './api.d.ts';

const api = {} as Record<string, (request: unknown) => Promise<unknown>>;
for (const method of API_METHODS) {
  const channel = channelOf(method);
  api[method] = (request: unknown) => ipcRenderer.invoke(channel, request);
}

const bridge: TarsierBridge = {
  ...(api as unknown as AnalyzerApi),
  chooseBundles: (request?: ChooseBundlesRequest): Promise<string[]> =>
    ipcRenderer.invoke(SHELL_CHANNELS.chooseBundles, { folders: request?.folders === true }),
  windowState: (): Promise<WindowState> => ipcRenderer.invoke(SHELL_CHANNELS.windowState),
  pathForFile: (file: File): string => {
    try {
      return webUtils.getPathForFile(file);
    } catch {
      return '';
    }
  },
  onCaseEvent: (listener: CaseEventListener): (() => void) => {
    const wrapped = (_event: IpcRendererEvent, data: unknown): void => {
      if (isCaseEvent(data)) listener(data);
    };
    ipcRenderer.on(CASE_EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(CASE_EVENT_CHANNEL, wrapped);
    };
  },
  onOpenRequested: (listener: (folders: boolean) => void): (() => void) => {
    const wrapped = (_event: IpcRendererEvent, folders: unknown): void => listener(folders === true);
    ipcRenderer.on(SHELL_CHANNELS.openRequested, wrapped);
    return () => {
      ipcRenderer.removeListener(SHELL_CHANNELS.openRequested, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('tarsier', bridge);
