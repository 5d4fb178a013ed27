/**
 * p / P: the next or previous pinned event of the list. A pin is a line of a file; the engine
 * says which event holds it (`lineEvent`) and so its timeline position, looked up once per pin;
 * the list's rows are in position order, so the row is found by position, hits included.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Pin } from '../../../../shared/caseNotes.ts';
import { client } from '../../api/client.ts';
import type { StringKey } from '../../i18n/strings.ts';
import { nextAfter } from '../viewer/pinMarks.ts';
import type { EventSearch } from './useEventSearch.ts';

const NOTICE_MS = 4000;

export function usePinJumps(caseId: string, pins: readonly Pin[], search: EventSearch) {
  const { cache, selected, firstVisible, jumpTo } = search;
  const [notice, setNotice] = useState<StringKey | null>(null);
  useEffect(() => {
    if (notice === null) return;
    const timer = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  // Timeline position of each pin's event (null: no event holds the line), by path and line; per case.
  const known = useRef({ caseId, positions: new Map<string, number | null>() });
  const cacheNow = useRef(cache);
  cacheNow.current = cache;
  const seeking = useRef(false);

  const pinPositions = useCallback(async (): Promise<number[]> => {
    if (known.current.caseId !== caseId) known.current = { caseId, positions: new Map() };
    const { positions } = known.current;
    const unknown = pins.filter((p) => !positions.has(`${p.path}\n${p.line}`));
    await Promise.all(
      unknown.map(async (pin) => {
        let position: number | null = null;
        if (pin.file !== null) {
          const r = await client.lineEvent({ caseId, file: pin.file, line: pin.line });
          if (r.ok && r.value) position = r.value.position;
        }
        positions.set(`${pin.path}\n${pin.line}`, position);
      }),
    );
    const found = pins.flatMap((p) => {
      const position = positions.get(`${p.path}\n${p.line}`);
      return position === undefined || position === null ? [] : [position];
    });
    return [...new Set(found)].sort((a, b) => a - b);
  }, [caseId, pins]);

  const jumpPin = async (forward: boolean): Promise<void> => {
    if (pins.length === 0) {
      setNotice('rowNoPins');
      return;
    }
    if (seeking.current) return;
    seeking.current = true;
    try {
      const start = cache;
      const row = await start.row(selected ?? firstVisible.current);
      // Without a selection the first row on screen counts too.
      const base =
        row === null ? (forward ? -1 : Infinity) : row.position + (selected === null ? (forward ? -1 : 1) : 0);
      const list = await pinPositions();
      let missed = false;
      for (let p = nextAfter(list, base, forward); p !== null; p = nextAfter(list, p, forward)) {
        const index = await start.indexOfPosition(p);
        if (cacheNow.current !== start) return;
        if (index >= 0) {
          setNotice(null);
          jumpTo(index);
          return;
        }
        missed = true;
      }
      setNotice(missed ? 'rowPinNotListed' : forward ? 'rowNoNextPin' : 'rowNoPrevPin');
    } finally {
      seeking.current = false;
    }
  };

  return { pinNotice: notice, jumpPin };
}
