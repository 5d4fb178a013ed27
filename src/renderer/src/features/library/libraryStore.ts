/**
 * The case library's shared state in the renderer: a version that goes up whenever the library
 * changes here (a delete, an undo, an import), so that the open case asks for its matches again,
 * and whether the Library panel is open (the Case tab, the start screen and the palette open it).
 */
import { useSyncExternalStore } from 'react';

interface LibraryState {
  version: number;
  panelOpen: boolean;
}

let state: LibraryState = { version: 0, panelOpen: false };
const listeners = new Set<() => void>();

function set(patch: Partial<LibraryState>): void {
  state = { ...state, ...patch };
  for (const listener of [...listeners]) listener();
}

const subscribe = (listener: () => void): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The library changed here: matches and lists are asked for again. */
export function libraryChanged(): void {
  set({ version: state.version + 1 });
}

export function openLibraryPanel(): void {
  set({ panelOpen: true });
}

export function closeLibraryPanel(): void {
  set({ panelOpen: false });
}

export function useLibraryState(): LibraryState {
  return useSyncExternalStore(subscribe, () => state);
}
