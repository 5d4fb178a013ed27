/**
 * One `libraryMatches` request per open case (asked again once it is diagnosed and whenever the
 * library changes here), shared through a context by the finding cards, the pattern rows and the
 * Case tab — never one request per row.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { LibraryMatches } from '../../../../shared/library/libraryModel.ts';
import type { LocalizedText } from '../../../../shared/rules/ruleSpec.ts';
import { client } from '../../api/client.ts';
import { useLibraryState } from './libraryStore.ts';

export type MatchesStatus =
  { kind: 'loading' } | { kind: 'failed'; error: string } | { kind: 'ready'; matches: LibraryMatches };

interface MatchesValue {
  status: MatchesStatus;
  retry: () => void;
  /** The open case's finding titles by rule id (a shared finding is named by its title). */
  titles: ReadonlyMap<string, LocalizedText>;
}

const MatchesContext = createContext<MatchesValue>({
  status: { kind: 'loading' },
  retry: () => undefined,
  titles: new Map(),
});

/** How many similar cases the Case tab lists at most. */
const SIMILAR_LIMIT = 10;

export function LibraryMatchesProvider({
  caseId,
  diagnosed,
  findings,
  children,
}: {
  caseId: string;
  diagnosed: boolean;
  /** The open case's findings (for their titles). */
  findings: readonly { rule: string; title: LocalizedText }[];
  children: ReactNode;
}) {
  const titles = useMemo(() => new Map(findings.map((f) => [f.rule, f.title])), [findings]);
  const { version } = useLibraryState();
  const [attempt, setAttempt] = useState(0);
  const [status, setStatus] = useState<MatchesStatus>({ kind: 'loading' });
  useEffect(() => {
    // The matches need the diagnosis (the engine waits for it, bounded): asked once it is there.
    if (!diagnosed) return;
    let live = true;
    void client.libraryMatches({ caseId, limit: SIMILAR_LIMIT }).then((result) => {
      if (!live) return;
      setStatus(result.ok ? { kind: 'ready', matches: result.value } : { kind: 'failed', error: result.error });
    });
    return () => {
      live = false;
    };
  }, [caseId, diagnosed, version, attempt]);
  return (
    <MatchesContext.Provider value={{ status, retry: () => setAttempt((n) => n + 1), titles }}>
      {children}
    </MatchesContext.Provider>
  );
}

export function useLibraryMatches(): MatchesValue {
  return useContext(MatchesContext);
}

/** The matches when they are there, else null (the marks show nothing meanwhile). */
export function useMatchesOrNull(): LibraryMatches | null {
  const { status } = useLibraryMatches();
  return status.kind === 'ready' ? status.matches : null;
}
