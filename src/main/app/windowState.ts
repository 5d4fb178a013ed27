/**
 * Remembers the main window's size, position and maximised state in the app's data folder
 * (`<userData>/window-state.json`), and puts the window back only where a display can show it.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { app, screen, type BrowserWindow, type Rectangle } from 'electron';

export interface SavedWindowState {
  bounds: Rectangle;
  maximized: boolean;
}

const DEFAULT_SIZE = { width: 1280, height: 820 };
const stateFile = (): string => join(app.getPath('userData'), 'window-state.json');

const isRect = (v: unknown): v is Rectangle =>
  typeof v === 'object' &&
  v !== null &&
  ['x', 'y', 'width', 'height'].every((k) => Number.isFinite((v as Record<string, unknown>)[k]));

/** The saved state when it is sane and on a connected display, else a centred default size. */
export function loadWindowState(): {
  bounds: Partial<Rectangle> & { width: number; height: number };
  maximized: boolean;
} {
  try {
    const saved = JSON.parse(readFileSync(stateFile(), 'utf8')) as Partial<SavedWindowState>;
    if (isRect(saved.bounds) && saved.bounds.width >= 400 && saved.bounds.height >= 300) {
      const area = screen.getDisplayMatching(saved.bounds).workArea;
      const visible =
        saved.bounds.x < area.x + area.width - 80 &&
        saved.bounds.x + saved.bounds.width > area.x + 80 &&
        saved.bounds.y >= area.y - 10 &&
        saved.bounds.y < area.y + area.height - 80;
      if (visible) return { bounds: saved.bounds, maximized: saved.maximized === true };
      return {
        bounds: { width: Math.min(saved.bounds.width, area.width), height: Math.min(saved.bounds.height, area.height) },
        maximized: saved.maximized === true,
      };
    }
  } catch {
    // First start, or an unreadable file: use the default.
  }
  return { bounds: DEFAULT_SIZE, maximized: false };
}

/** Saves the window's normal bounds on move/resize (debounced) and on close. */
export function trackWindowState(win: BrowserWindow): void {
  let timer: NodeJS.Timeout | null = null;
  const save = (): void => {
    if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return;
    const state: SavedWindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    try {
      mkdirSync(app.getPath('userData'), { recursive: true });
      writeFileSync(stateFile(), JSON.stringify(state));
    } catch {
      // Not being able to remember the size is not worth bothering the user.
    }
  };
  const later = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 1000);
  };
  win.on('resized', later);
  win.on('moved', later);
  win.on('maximize', later);
  win.on('unmaximize', later);
  win.on('close', () => {
    if (timer) clearTimeout(timer);
    save();
  });
}
