/**
 * The comparison of the open case (A) with a second bundle (B), kept by the workspace so that it
 * survives a switch of tabs: B is opened as a second case in the engine (A stays the app's case),
 * compared once diagnosed (the engine waits), compared again when the alignment changes, and
 * closed when another B is chosen or the workspace goes away.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseComparison } from '../../../../shared/compare/compareCases.ts';
import { client } from '../../api/client.ts';

export type AlignChoice = 'wall' | 'first-error';

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
  compareWith: (other: OtherBundle) => void;
}

/** `zone`: A's zone, which B's zone-less times are read in too (the two are compared on one axis). */
export function useCompareSession(caseId: string, initial: OtherBundle | null, zone: string | null): CompareSession {
  const [status, setStatus] = useState<CompareStatus>({ kind: 'idle' });
  const [other, setOther] = useState<OtherBundle | null>(null);
  const [otherId, setOtherId] = useState<string | null>(null);
  const [align, setAlign] = useState<AlignChoice>('wall');
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

  // Compared once B is open, and again when the alignment changes.
  useEffect(() => {
    if (otherId === null) return;
    let live = true;
    void client.compareCases({ caseId, otherCaseId: otherId, align: { kind: align } }).then((result) => {
      if (!live) return;
      setStatus(result.ok ? { kind: 'ready', comparison: result.value } : { kind: 'error', message: result.error });
    });
    return () => {
      live = false;
    };
  }, [caseId, otherId, align]);

  // The bundle given on opening ("Compare them"), once, when A's zone is known.
  const started = useRef(false);
  useEffect(() => {
    if (started.current || !initial || zone === null) return;
    started.current = true;
    compareWith(initial);
  }, [initial, zone, compareWith]);

  // B is closed with the workspace.
  useEffect(() => () => release(), []);

  return { status, other, otherId, align, setAlign, compareWith };
}
