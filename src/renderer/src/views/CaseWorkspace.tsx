/**
 * An open case: the tabs (Overview, Timeline, Events, Patterns, Compare, Trace, Files, Case, and the file viewer
 * when a line is open), the navigation between them, the time range selected on the timeline
 * (which filters the overview's findings, the events and the trace), the palette's commands,
 * and the case's status (the index and the findings arrive after the case opens; the views fill
 * in when they do).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Inventory, ReadProgress } from '../../../shared/api.ts';
import type { CaseOverview } from '../../../shared/caseViews.ts';
import { client } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { StringKey } from '../i18n/strings.ts';
import { defaultExportOptions, type ExportOptions } from '../../../shared/reportExport.ts';
import { emptyNotes, samePin, type CaseNotes } from '../lib/caseNotes.ts';
import type { CaseNavigation } from './caseNavigation.ts';
import { formatSpan } from '../lib/display.ts';
import { overlapsRange, type TimeRange } from './caseNavigation.ts';
import { CaseView } from './CaseView.tsx';
import { EventsView } from '../features/eventList/EventsView.tsx';
import { FileViewer } from '../features/viewer/FileViewer.tsx';
import { InventoryView } from '../features/inventory/InventoryView.tsx';
import { OverviewView } from '../features/overview/OverviewView.tsx';
import { PatternsView } from '../features/patterns/PatternsView.tsx';
import { CompareView } from '../features/compare/CompareView.tsx';
import { useCompareSession, type OtherBundle } from '../features/compare/useCompareSession.ts';
import { EMPTY_LANE_VIEW, type LaneView } from '../features/timeline/laneView.ts';
import { newOverviewMemory } from '../features/overview/overviewMemory.ts';
import { TimelineView } from '../features/timeline/TimelineView.tsx';
import { TraceView } from '../features/trace/TraceView.tsx';
import { workspaceCommands, type CaseCommands } from './workspaceCommands.ts';
import { useCaseStatus } from '../state/useCaseStatus.ts';
import { WorkStatus } from './WorkStatus.tsx';
import { preferences, savePreferences, usePreferences } from '../lib/preferences.ts';
import { combined, remember } from '../lib/searchHistory.ts';
import { useViewHistory, type Tab, type ViewPlace } from './useViewHistory.ts';
import { HistoryButtons, LinkNotice } from './LinkNotice.tsx';
import { UserRulesHost } from '../features/ruleFromLine/UserRulesDialog.tsx';
import { userRulesState } from '../features/ruleFromLine/userRulesState.ts';
import './navigation.css';
import { LibraryMatchesProvider } from '../features/library/useLibraryMatches.tsx';

export type { Tab } from './useViewHistory.ts';

const TABS: { tab: Tab; label: StringKey; key: string }[] = [
  { tab: 'overview', label: 'tabOverview', key: '1' },
  { tab: 'timeline', label: 'tabTimeline', key: '2' },
  { tab: 'events', label: 'tabEvents', key: '3' },
  { tab: 'patterns', label: 'tabPatterns', key: '8' },
  { tab: 'compare', label: 'tabCompare', key: '9' },
  { tab: 'trace', label: 'tabTrace', key: '4' },
  { tab: 'files', label: 'tabFiles', key: '5' },
  { tab: 'case', label: 'tabCase', key: '6' },
  { tab: 'viewer', label: 'tabViewer', key: '7' },
];

const NO_FINDINGS: CaseOverview['findings'] = [];

/** Typing pauses this long before the case is written to the data folder. */
const SAVE_DELAY_MS = 400;

export interface CaseWorkspaceProps {
  caseId: string;
  inventory: Inventory;
  progress: ReadProgress;
  /** Gives the app the palette's commands for this case (null when it closes). */
  onCommands: (commands: CaseCommands | null) => void;
  /** The case's bundles are being read again as `caseId` (a format was defined): the app follows that read. */
  onReread: (caseId: string) => void;
  /** The tab shown first (default the overview). */
  initialTab?: Tab;
  /** Opens the palette in its "go to file" mode. */
  onGoToFile: () => void;
  /** A bundle to compare this case with at once ("Compare them"). */
  initialCompare?: OtherBundle | null;
  /** Opens the comparison's other bundle as the app's case. */
  onOpenOther?: (other: OtherBundle) => void;
}

export function CaseWorkspace({
  caseId,
  inventory,
  progress,
  onCommands,
  onReread,
  initialTab,
  onGoToFile,
  initialCompare = null,
  onOpenOther,
}: CaseWorkspaceProps) {
  const { t, lang } = useI18n();
  const [tab, setTab] = useState<Tab>(initialTab ?? 'overview');
  const { status } = useCaseStatus(caseId);
  const compare = useCompareSession(caseId, initialCompare, status?.zone ?? null);
  const indexed = status?.indexed ?? false;
  const diagnosed = status?.diagnosed ?? false;
  const work = status?.progress.work ?? null;
  const [overview, setOverview] = useState<CaseOverview | null>(null);
  const [overviewError, setOverviewError] = useState<string | null>(null);
  const [stage, setStage] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [traceTarget, setTraceTarget] = useState('');
  const [viewerTarget, setViewerTarget] = useState<{ file: number; line: number } | null>(null);
  const [range, setRange] = useState<TimeRange | null>(null);
  const [timelineFocus, setTimelineFocus] = useState<number | null>(null);
  /** The events list's selected row, and a counter that remounts the list on back/forward. */
  const [eventSelected, setEventSelected] = useState<number | null>(null);
  const [eventsEpoch, setEventsEpoch] = useState(0);
  // One per case: the workspace is keyed by the case id.
  const [overviewMemory] = useState(newOverviewMemory);
  const clearTimelineFocus = useCallback(() => setTimelineFocus(null), []);
  const [notes, setNotes] = useState<CaseNotes>(emptyNotes);
  const [exportOptions, setExportOptions] = useState<ExportOptions>(() => defaultExportOptions(lang));
  const [timelineLanes, setTimelineLanes] = useState<LaneView | null>(null);
  /** This case's last searches, newest first (the preferences keep every case's). */
  const [searchHistory, setSearchHistory] = useState<string[]>([]);
  const globalHistory = usePreferences().searchHistory;
  const [stateLoaded, setStateLoaded] = useState(false);
  /** The state as loaded (JSON); until it changes, nothing is written. */
  const loadedState = useRef<string | null>(null);
  const changed = useRef(false);

  // What was kept about these bundles (notes, pins, stage, filters, report draft) comes back.
  useEffect(() => {
    let live = true;
    void client.caseState({ caseId }).then((result) => {
      if (!live) return;
      if (result.ok && result.value) {
        const kept = result.value;
        setNotes(kept.notes);
        setStage(kept.stage);
        setQuery(kept.query);
        setRange(kept.range);
        setTimelineLanes(kept.timelineLanes ?? null);
        setSearchHistory(kept.searchHistory ?? []);
        // Masking secrets is on whenever a case is opened again, whatever the last export did.
        if (kept.exportOptions) setExportOptions({ ...kept.exportOptions, redactSecrets: true });
        loadedState.current = JSON.stringify({
          ...kept,
          exportOptions: kept.exportOptions ? { ...kept.exportOptions, redactSecrets: true } : null,
          timelineLanes: kept.timelineLanes ?? null,
        });
      }
      setStateLoaded(true);
    });
    return () => {
      live = false;
    };
  }, [caseId]);

  // …and is kept as it changes, by the engine (in its data folder; in its memory when it has none):
  // after a pause in typing, and at once when the page goes away or the case closes.
  const pending = useRef<(() => void) | null>(null);
  useEffect(() => {
    if (!stateLoaded) return;
    // Nothing changed since it was loaded (or nothing was ever written): opening a case is not saving it.
    // The history only when there is one: a case opened and searched in nothing is not saved.
    const history = searchHistory.length > 0 ? { searchHistory } : {};
    const snapshot = JSON.stringify({ notes, stage, query, range, exportOptions, timelineLanes, ...history });
    const baseline =
      loadedState.current ??
      JSON.stringify({
        notes: emptyNotes(),
        stage: null,
        query: '',
        range: null,
        exportOptions: defaultExportOptions(lang),
        timelineLanes: null,
      });
    if (!changed.current && snapshot === baseline) return;
    changed.current = true;
    const save = (): void => {
      pending.current = null;
      void client.saveCaseState({
        caseId,
        state: { notes, stage, query, range, exportOptions, timelineLanes, ...history },
      });
    };
    pending.current = save;
    const timer = setTimeout(save, SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [stateLoaded, caseId, notes, stage, query, range, exportOptions, timelineLanes, searchHistory, lang]);

  const rememberSearch = useCallback((q: string) => {
    if (q.trim() === '') return;
    setSearchHistory((list) => (list[0] === q.trim() ? list : remember(list, q)));
    const all = preferences().searchHistory ?? [];
    if (all[0] !== q.trim()) savePreferences({ searchHistory: remember(all, q) });
  }, []);
  const shownHistory = useMemo(() => combined(searchHistory, globalHistory ?? []), [searchHistory, globalHistory]);
  useEffect(() => {
    const flush = (): void => pending.current?.();
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, []);

  // The index and then the findings arrive after the case opens: pushed by the engine.
  useEffect(() => {
    let live = true;
    void client.overview({ caseId, stage }).then((result) => {
      if (!live) return;
      if (result.ok) {
        setOverview(result.value);
        setOverviewError(null);
      } else setOverviewError(result.error);
    });
    return () => {
      live = false;
    };
  }, [caseId, stage, diagnosed]);

  const place = useMemo<ViewPlace>(
    () => ({ tab, query, selected: eventSelected, viewer: viewerTarget, trace: traceTarget, range }),
    // eventsEpoch: a place shown again from the history is a change even when it equals the current one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [tab, query, eventSelected, viewerTarget, traceTarget, range, eventsEpoch],
  );
  const applyPlace = useCallback((p: ViewPlace, fromLink: boolean) => {
    setTab(p.tab);
    setQuery(p.query);
    setEventSelected(p.selected);
    if (p.viewer) setViewerTarget(p.viewer);
    setTraceTarget(p.trace);
    if (fromLink) setRange(p.range);
    setEventsEpoch((n) => n + 1);
  }, []);
  const pathOf = useCallback((file: number) => inventory.files[file]?.path ?? null, [inventory]);
  const fileOf = useCallback(
    (path: string) => {
      const at = inventory.files.findIndex((f) => f.path === path);
      return at < 0 ? null : at;
    },
    [inventory],
  );
  const viewHistory = useViewHistory({ place, ready: stateLoaded, apply: applyPlace, pathOf, fileOf });
  const { markJump } = viewHistory;

  const nav = useMemo<CaseNavigation>(
    () => ({
      openLine: (file, line) => {
        setViewerTarget({ file, line });
        setTab('viewer');
      },
      openPath: (path, line) => {
        const file = inventory.files.findIndex((f) => f.path === path);
        if (file < 0) return;
        setViewerTarget({ file, line });
        setTab('viewer');
      },
      trace: (id) => {
        setTraceTarget(id);
        setTab('trace');
      },
      showTime: (time) => {
        setTimelineFocus(time);
        setTab('timeline');
      },
      search: (q) => {
        markJump();
        rememberSearch(q);
        setQuery(q);
        setEventSelected(null);
        setTab('events');
      },
      pin: (input) => {
        setNotes((current) =>
          current.pins.some((p) => samePin(p, input))
            ? current
            : { ...current, pins: [...current.pins, { ...input, note: '', pinnedAt: Date.now() }] },
        );
      },
      isPinned: (path, line) => notes.pins.some((p) => samePin(p, { path, line })),
    }),
    [inventory, notes, markJump, rememberSearch],
  );

  const shownOverview = useMemo(
    () =>
      overview && range
        ? { ...overview, findings: overview.findings.filter((f) => overlapsRange(range, f.firstTime, f.lastTime)) }
        : overview,
    [overview, range],
  );
  const hiddenFindings = overview && shownOverview ? overview.findings.length - shownOverview.findings.length : 0;

  const hasViewer = viewerTarget !== null;
  const visible = useMemo(() => TABS.filter((x) => x.tab !== 'viewer' || hasViewer), [hasViewer]);
  useEffect(() => {
    onCommands(
      workspaceCommands(t, {
        tabs: visible,
        goTab: setTab,
        search: nav.search,
        trace: nav.trace,
        clearRange: range ? () => setRange(null) : null,
        files: inventory.files,
        bundleNames: inventory.bundles.map((b) => b.name),
        openFile: (file) => nav.openLine(file, 1),
        goToFile: onGoToFile,
        back: viewHistory.back,
        forward: viewHistory.forward,
        userRules: userRulesState.openList,
      }),
    );
  }, [t, visible, nav, range, onCommands, inventory, onGoToFile, viewHistory.back, viewHistory.forward]);
  useEffect(() => () => onCommands(null), [onCommands]);

  // Alt+1…9 switch tabs (plain digits belong to inputs and the lists' own keys).
  const onKey = useCallback(
    (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const target = TABS.find((x) => x.key === event.key);
      if (!target || (target.tab === 'viewer' && !viewerTarget)) return;
      event.preventDefault();
      setTab(target.tab);
    },
    [viewerTarget],
  );
  useEffect(() => {
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onKey]);

  // Signals for browser tests: the case is open, and (later) its findings are shown.
  useEffect(() => {
    document.body.dataset.case = 'ready';
    return () => {
      delete document.body.dataset.case;
      delete document.body.dataset.diagnosed;
    };
  }, []);
  useEffect(() => {
    if (overview?.diagnosed) document.body.dataset.diagnosed = 'true';
  }, [overview]);

  const rangeLabel = range ? formatSpan(range.from, range.to) : null;
  return (
    <div className="workspace">
      <nav className="tabs" role="tablist" aria-label={t('tabsLabel')}>
        <HistoryButtons back={viewHistory.back} forward={viewHistory.forward} />
        {visible.map((x) => (
          <button
            key={x.tab}
            type="button"
            role="tab"
            id={`tab-${x.tab}`}
            aria-selected={tab === x.tab}
            aria-controls={`panel-${x.tab}`}
            className="tab"
            onClick={() => setTab(x.tab)}
            title={`Alt+${x.key}`}
          >
            {t(x.label)}
            {x.tab === 'overview' && overview?.diagnosed && overview.findings.length > 0 && (
              <span className="tab-count">{overview.findings.length}</span>
            )}
            {x.tab === 'case' && notes.pins.length > 0 && (
              <span className="tab-count tab-count-quiet">{notes.pins.length}</span>
            )}
          </button>
        ))}
        {rangeLabel && (
          <span className="range-chip" data-testid="range-chip" title={t('rangeChipTitle')}>
            <button type="button" className="range-chip-label" onClick={() => setTab('timeline')}>
              {t('rangeChip', { range: rangeLabel })}
            </button>
            <button
              type="button"
              className="range-chip-clear"
              aria-label={t('rangeClear')}
              title={t('rangeClear')}
              onClick={() => setRange(null)}
            >
              ×
            </button>
          </span>
        )}
        <span className="tabs-status muted" aria-live="polite">
          {work ? (
            <WorkStatus work={work} />
          ) : !status ? (
            t('statusOpening')
          ) : !diagnosed && status.progress.phase === 'done' ? (
            t('statusDiagnosing')
          ) : (
            ''
          )}
        </span>
      </nav>
      {viewHistory.problem && <LinkNotice problem={viewHistory.problem} onDismiss={viewHistory.dismissProblem} />}
      <UserRulesHost caseId={caseId} onReread={onReread} />
      <LibraryMatchesProvider caseId={caseId} diagnosed={diagnosed} findings={overview?.findings ?? NO_FINDINGS}>
        <div className="tab-panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
          {tab === 'overview' && (
            <OverviewView
              overview={shownOverview}
              error={overviewError}
              stage={stage}
              onStage={setStage}
              hiddenFindings={hiddenFindings}
              nav={nav}
              memory={overviewMemory}
              caseId={caseId}
              onReread={onReread}
            />
          )}
          {tab === 'timeline' && (
            <TimelineView
              caseId={caseId}
              range={range}
              onRange={setRange}
              lanes={timelineLanes ?? EMPTY_LANE_VIEW}
              onLanes={(change) => setTimelineLanes((v) => change(v ?? EMPTY_LANE_VIEW))}
              findings={overview?.findings ?? []}
              nav={nav}
              focus={timelineFocus}
              onFocused={clearTimelineFocus}
            />
          )}
          {tab === 'events' && (
            <EventsView
              key={eventsEpoch}
              initialSelected={eventSelected}
              onSelected={setEventSelected}
              history={shownHistory}
              historyCaseCount={searchHistory.length}
              onRemember={rememberSearch}
              caseId={caseId}
              query={query}
              onQueryChange={setQuery}
              indexed={indexed}
              range={range}
              nav={nav}
              pins={notes.pins}
              onReread={onReread}
              onAlignCompare={
                compare.otherId === null
                  ? undefined
                  : (row) => {
                      compare.pick('a', {
                        time: row.time!,
                        text: row.message ?? row.text,
                        file: row.file,
                        line: row.line,
                      });
                      compare.setAlign('event');
                      setTab('compare');
                    }
              }
            />
          )}
          {tab === 'patterns' && <PatternsView caseId={caseId} indexed={indexed} nav={nav} />}
          {tab === 'compare' && (
            <CompareView
              caseId={caseId}
              session={compare}
              caseNames={inventory.bundles.map((b) => b.name)}
              nav={nav}
              onOpenOther={(other) => onOpenOther?.(other)}
              selection={range}
            />
          )}
          {tab === 'trace' && (
            <TraceView
              caseId={caseId}
              id={traceTarget}
              onIdChange={setTraceTarget}
              range={range}
              onClearRange={() => setRange(null)}
              nav={nav}
            />
          )}
          {tab === 'files' && (
            <InventoryView
              caseId={caseId}
              inventory={inventory}
              progress={progress}
              onReread={onReread}
              onOpenFile={(file) => nav.openLine(file, 1)}
            />
          )}
          {tab === 'case' && (
            <CaseView
              caseId={caseId}
              notes={notes}
              onChange={setNotes}
              stage={stage}
              exportOptions={exportOptions}
              onExportOptions={setExportOptions}
              nav={nav}
              caseName={inventory.bundles.map((b) => b.name).join(', ')}
            />
          )}
          {tab === 'viewer' && viewerTarget && (
            <FileViewer
              caseId={caseId}
              file={viewerTarget.file}
              line={viewerTarget.line}
              onClose={() => setTab('events')}
              nav={nav}
              pins={notes.pins}
            />
          )}
        </div>
      </LibraryMatchesProvider>
    </div>
  );
}
