/**
 * The comparison of the open case (A) with a second bundle (B), kept by the workspace so that it
 * survives a switch of tabs: B is opened as a second case in the engine (A stays the app's case),
 * compared once diagnosed (the engine waits), compared again when the alignment changes (or both
 * chosen events are picked), and closed when another B is chosen or the workspace goes away. Or
 * B is A itself over another time range (two periods of one case): nothing is opened then.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CompareCasesRequest } from '../../../../shared/api.ts';
import type { CaseComparison, CompareAlignment } from '../../../../shared/compare/compareCases.ts';
import { epochMs } from '../../../../shared/model.ts';
import { client } from '../../api/client.ts';

export type AlignChoice = 'wall' | 'first-error' | 'event';

/** An event picked in one case to line the two up at. */
export interface PickedEvent {
  time: number;
  text: string;
  file: number;
  line: number;
}

/** Two time ranges of this case (epoch ms, both ends included): A's and B's. */
export interface CompareRanges {
  a: { from: number; to: number };
  b: { from: number; to: number };
}

/** The bundle B: what to open again (its paths, or the demo) and how to call it. */
export interface OtherBundle {
  paths: string[] | 'demo';
  name: string;
}

export type CompareStatus =
  | { kind: 'idle' }
  | { kind: 'opening'; name: string }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; comparison: CaseComparison };

export interface CompareSession {
  status: CompareStatus;
  other: OtherBundle | null;
  /** B's case id once it is open. */
  otherId: string | null;
  align: AlignChoice;
  setAlign: (align: AlignChoice) => void;
  /** The events chosen in A and in B (alignment `event` waits for both). */
  picks: { a: PickedEvent | null; b: PickedEvent | null };
  pick: (side: 'a' | 'b', event: PickedEvent | null) => void;
  compareWith: (other: OtherBundle) => void;
  /** Set when B is this case over another range. */
  ranges: CompareRanges | null;
  compareRanges: (ranges: CompareRanges) => void;
}

/** `zone`: A's zone, which B's zone-less times are read in too (the two are compared on one axis). */
export function useCompareSession(caseId: string, initial: OtherBundle | null, zone: string | null): CompareSession {
  const [status, setStatus] = useState<CompareStatus>({ kind: 'idle' });
  const [other, setOther] = useState<OtherBundle | null>(null);
  const [otherId, setOtherId] = useState<string | null>(null);
  const [align, setAlign] = useState<AlignChoice>('wall');
  const [picks, setPicks] = useState<CompareSession['picks']>({ a: null, b: null });
  const [ranges, setRanges] = useState<CompareRanges | null>(null);
  /** Bumps with each B chosen: an answer for an earlier one is dropped. */
  const generation = useRef(0);
  const openId = useRef<string | null>(null);
  const zoneRef = useRef(zone);
  zoneRef.current = zone;

  const release = (): void => {
    if (openId.current !== null) void client.closeCase({ caseId: openId.current });
    openId.current = null;
  };

  const compareWith = useCallback((next: OtherBundle) => {
    const mine = ++generation.current;
    release();
    setOther(next);
    setOtherId(null);
    setRanges(null);
    setPicks({ a: null, b: null });
    setStatus({ kind: 'opening', name: next.name });
    const zoneOf = zoneRef.current === null ? {} : { zone: zoneRef.current };
    const opening = next.paths === 'demo' ? client.openDemo({}) : client.openCase({ paths: next.paths, ...zoneOf });
    void opening.then((opened) => {
      if (mine !== generation.current) {
        if (opened.ok) void client.closeCase({ caseId: opened.value.caseId });
        return;
      }
      if (!opened.ok) return setStatus({ kind: 'error', message: opened.error });
      openId.current = opened.value.caseId;
      setOtherId(opened.value.caseId);
    });
  }, []);

  const compareRanges = useCallback(
    (next: CompareRanges) => {
      ++generation.current;
      release();
      setOther(null);
      setPicks({ a: null, b: null });
      setRanges(next);
      setOtherId(caseId);
    },
    [caseId],
  );

  const pick = useCallback((side: 'a' | 'b', event: PickedEvent | null) => {
    setPicks((was) => ({ ...was, [side]: event }));
  }, []);

  // Compared once B is open, and again when the alignment, the chosen events or the ranges change.
  const pickA = picks.a?.time ?? null;
  const pickB = picks.b?.time ?? null;
  const rangesKey = ranges ? `${ranges.a.from}:${ranges.a.to}:${ranges.b.from}:${ranges.b.to}` : '';
  useEffect(() => {
    if (otherId === null) return;
    // By chosen events: the comparison so far stays until both are picked.
    if (align === 'event' && (pickA === null || pickB === null)) return;
    let live = true;
    const by: CompareAlignment =
      align === 'event' ? { kind: 'event', a: epochMs(pickA!), b: epochMs(pickB!) } : { kind: align };
    const span = (r: { from: number; to: number }) => ({ from: epochMs(r.from), to: epochMs(r.to) });
    const request: CompareCasesRequest = { caseId, otherCaseId: otherId, align: by };
    if (ranges) Object.assign(request, { rangeA: span(ranges.a), rangeB: span(ranges.b) });
    void client.compareCases(request).then((result) => {
      if (!live) return;
      setStatus(result.ok ? { kind: 'ready', comparison: result.value } : { kind: 'error', message: result.error });
    });
    return () => {
      live = false;
    };
    // The key stands for the ranges.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [caseId, otherId, align, pickA, pickB, rangesKey]);

  // The bundle given on opening ("Compare them"), once, when A's zone is known.
  const started = useRef(false);
  useEffect(() => {
    if (started.current || !initial || zone === null) return;
    started.current = true;
    compareWith(initial);
  }, [initial, zone, compareWith]);

  // B is closed with the workspace.
  useEffect(() => () => release(), []);

  return { status, other, otherId, align, setAlign, picks, pick, compareWith, ranges, compareRanges };
}
