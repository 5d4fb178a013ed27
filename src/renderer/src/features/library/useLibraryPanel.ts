/**
 * The Library panel's state and its `client` calls: the list of cases, the debounced search, the
 * delete held for a few seconds (so Undo only cancels it: the case comes back exactly as it was,
 * not as a redacted, "imported" copy from an export), the export and the import.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LibraryImport } from '../../../../shared/api.ts';
import type { LibraryHit, LibraryRef } from '../../../../shared/library/libraryModel.ts';
import { client } from '../../api/client.ts';
import { libraryChanged } from './libraryStore.ts';

/** Typing pauses this long before the library is searched. */
export const SEARCH_DELAY_MS = 250;
/** A deleted case stays undoable this long; the delete is sent after it (or when the panel closes). */
export const UNDO_MS = 8000;
const SEARCH_LIMIT = 30;

export type ListStatus =
  | { kind: 'loading' }
  | { kind: 'failed'; error: string }
  | { kind: 'ready'; dir: string | null; cases: LibraryRef[]; problems: string[] };

export type SearchStatus =
  | { kind: 'idle' }
  | { kind: 'searching'; query: string }
  | { kind: 'failed'; query: string; error: string }
  | { kind: 'ready'; query: string; hits: LibraryHit[] };

export type PanelMessage =
  | { kind: 'deleted'; ref: LibraryRef }
  | { kind: 'error'; text: string }
  | { kind: 'exported'; cases: number; fileName: string }
  | { kind: 'imported'; name: string; result: LibraryImport };

/** Offers `text` as a download named `name` (a Blob through a link, as the report export does). */
export function downloadText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function useLibraryPanel(errors: {
  deleteFailed: (ref: LibraryRef, error: string) => string;
  exportFailed: (error: string) => string;
  importBad: (name: string, error: string) => string;
  importFailed: (name: string, error: string) => string;
}) {
  const [list, setList] = useState<ListStatus>({ kind: 'loading' });
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<SearchStatus>({ kind: 'idle' });
  const [message, setMessage] = useState<PanelMessage | null>(null);
  const [listVersion, setListVersion] = useState(0);
  const live = useRef(true);
  // The words of the errors come from the caller's language; kept in a ref so `commit` stays one function.
  const words = useRef(errors);
  useEffect(() => {
    words.current = errors;
  });
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  useEffect(() => {
    let current = true;
    void client.libraryCases({}).then((result) => {
      if (!current) return;
      setList(
        result.ok
          ? { kind: 'ready', dir: result.value.dir, cases: result.value.cases, problems: result.value.problems ?? [] }
          : { kind: 'failed', error: result.error },
      );
    });
    return () => {
      current = false;
    };
  }, [listVersion]);
  const reload = useCallback(() => setListVersion((n) => n + 1), []);

  useEffect(() => {
    const q = query.trim();
    if (q === '') {
      setSearch({ kind: 'idle' });
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      setSearch({ kind: 'searching', query: q });
      void client.searchLibrary({ query: q, limit: SEARCH_LIMIT }).then((result) => {
        if (!current) return;
        setSearch(
          result.ok
            ? { kind: 'ready', query: q, hits: result.value }
            : { kind: 'failed', query: q, error: result.error },
        );
      });
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, listVersion]);

  // The delete waiting for its undo time: its case is hidden meanwhile.
  const held = useRef<{ ref: LibraryRef; timer: ReturnType<typeof setTimeout> } | null>(null);
  const [heldKey, setHeldKey] = useState<string | null>(null);
  const commit = useCallback(async (): Promise<void> => {
    const hold = held.current;
    if (!hold) return;
    clearTimeout(hold.timer);
    held.current = null;
    const result = await client.deleteLibraryCase({ key: hold.ref.key });
    libraryChanged();
    if (!live.current) return;
    setHeldKey((key) => (key === hold.ref.key ? null : key));
    setMessage((m) => (m?.kind === 'deleted' && m.ref.key === hold.ref.key ? null : m));
    if (!result.ok) setMessage({ kind: 'error', text: words.current.deleteFailed(hold.ref, result.error) });
    reload();
  }, [reload]);
  // Closing the panel sends the delete at once.
  useEffect(() => () => void commit(), [commit]);

  const remove = (ref: LibraryRef): void => {
    void commit();
    held.current = { ref, timer: setTimeout(() => void commit(), UNDO_MS) };
    setHeldKey(ref.key);
    setMessage({ kind: 'deleted', ref });
  };
  const undo = (): void => {
    if (held.current) clearTimeout(held.current.timer);
    held.current = null;
    setHeldKey(null);
    setMessage(null);
  };

  const exportLibrary = async (redactSecrets: boolean, redactNetwork: boolean): Promise<boolean> => {
    await commit();
    const result = await client.exportLibrary({ redactSecrets, redactNetwork });
    if (!live.current) return false;
    if (!result.ok) {
      setMessage({ kind: 'error', text: words.current.exportFailed(result.error) });
      return false;
    }
    downloadText(result.value.fileName, result.value.text, 'application/json');
    setMessage({ kind: 'exported', cases: result.value.cases, fileName: result.value.fileName });
    return true;
  };

  const importFile = async (file: File): Promise<void> => {
    await commit();
    let library: unknown;
    try {
      library = JSON.parse(await file.text());
    } catch (error) {
      setMessage({
        kind: 'error',
        text: words.current.importBad(file.name, error instanceof Error ? error.message : String(error)),
      });
      return;
    }
    const result = await client.importLibrary({ library });
    if (!live.current) return;
    if (!result.ok) {
      setMessage({ kind: 'error', text: words.current.importFailed(file.name, result.error) });
      return;
    }
    setMessage({ kind: 'imported', name: file.name, result: result.value });
    libraryChanged();
    reload();
  };

  const shownList: ListStatus =
    list.kind === 'ready' && heldKey ? { ...list, cases: list.cases.filter((c) => c.key !== heldKey) } : list;
  const shownSearch: SearchStatus =
    search.kind === 'ready' && heldKey ? { ...search, hits: search.hits.filter((h) => h.ref.key !== heldKey) } : search;
  return {
    list: shownList,
    query,
    setQuery,
    search: shownSearch,
    message,
    dismissMessage: () => setMessage(null),
    remove,
    undo,
    exportLibrary,
    importFile,
  };
}
