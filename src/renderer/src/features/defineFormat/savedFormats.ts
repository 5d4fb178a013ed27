/**
 * The list of the engineer's saved formats in the Define a format dialog, as a reducer: loaded
 * from `userFormats`, a delete asked (a file that does not load is confirmed first, since it
 * cannot be undone), done (the last deleted one is kept with its spec for an undo, which saves it
 * back), or failed with the engine's message. Pure, so that the steps are tested without a page.
 */
import type { DeletedFormat, UserFormatEntry, UserFormatList } from '../../../../shared/api.ts';

export interface SavedFormatsState {
  /** Null until the list came. */
  formats: UserFormatEntry[] | null;
  /** The id waiting for a confirmation (a file that does not load), or null. */
  confirming: string | null;
  /** The id being deleted or restored, or null. */
  busy: string | null;
  /** The last deleted format, until undone or another is deleted. */
  deleted: (DeletedFormat & { entry: UserFormatEntry }) | null;
  error: string | null;
}

export type SavedFormatsAction =
  | { kind: 'loaded'; list: UserFormatList }
  | { kind: 'ask'; id: string }
  | { kind: 'cancel' }
  | { kind: 'deleting'; id: string }
  | { kind: 'deleted'; deleted: DeletedFormat }
  | { kind: 'restoring' }
  | { kind: 'restored' }
  | { kind: 'failed'; error: string };

export const initialSavedFormats: SavedFormatsState = {
  formats: null,
  confirming: null,
  busy: null,
  deleted: null,
  error: null,
};

/** What a click on Delete does: a format that loads is deleted at once (it can be undone), another is confirmed first. */
export function deleteStep(state: SavedFormatsState, entry: UserFormatEntry): 'delete' | 'confirm' {
  return entry.problem === null || state.confirming === entry.id ? 'delete' : 'confirm';
}

const byId = (a: UserFormatEntry, b: UserFormatEntry) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function savedFormatsReducer(state: SavedFormatsState, action: SavedFormatsAction): SavedFormatsState {
  switch (action.kind) {
    case 'loaded':
      return { ...state, formats: action.list.formats, busy: null };
    case 'ask':
      return { ...state, confirming: action.id, error: null };
    case 'cancel':
      return { ...state, confirming: null };
    case 'deleting':
      return { ...state, busy: action.id, confirming: null, error: null };
    case 'deleted': {
      const formats = state.formats ?? [];
      const entry = formats.find((f) => f.id === action.deleted.id);
      return {
        ...state,
        busy: null,
        formats: formats.filter((f) => f.id !== action.deleted.id),
        // Only a format whose spec came back can be saved again.
        deleted: entry && action.deleted.format ? { ...action.deleted, entry } : null,
      };
    }
    case 'restoring':
      return state.deleted ? { ...state, busy: state.deleted.id, error: null } : state;
    case 'restored': {
      if (!state.deleted) return state;
      const formats = [...(state.formats ?? []).filter((f) => f.id !== state.deleted!.id), state.deleted.entry];
      return { ...state, busy: null, deleted: null, formats: formats.sort(byId) };
    }
    case 'failed':
      return { ...state, busy: null, confirming: null, error: action.error };
  }
}
