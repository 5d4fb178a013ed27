/**
 * The screens and the flow between them: start → (uploading →) reading → the case workspace, with every
 * failure brought back to the start screen as a notice that says what to do next.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Inventory, ReadProgress } from '../../shared/api.ts';
import { client } from './api/client.ts';
import { CommandPalette, useGlobalShortcut, type PaletteCommand } from './components/CommandPalette.tsx';
import { Header } from './components/Header.tsx';
import { ShortcutsHelp, appShortcutGroups } from './components/ShortcutsHelp.tsx';
import { TourHost } from './components/Walkthrough.tsx';
import type { NoticeData } from './components/Notice.tsx';
import { useI18n } from './i18n/i18n.tsx';
import { LANG_NAMES, type Lang } from './i18n/strings.ts';
import { baseName, modKey, namesLabel } from './lib/display.ts';
import { forgetCaseData, rememberCase, type RecentCase } from './lib/recentCases.ts';
import { THEME_CHOICES, setTheme, useTheme } from './lib/theme.ts';
import { CaseWorkspace } from './views/CaseWorkspace.tsx';
import { ReadingView } from './views/ReadingView.tsx';
import { StartView } from './views/StartView.tsx';
import { LibraryPanelHost } from './features/library/LibraryPanel.tsx';
import { openLibraryPanel } from './features/library/libraryStore.ts';
import { useCaseStatus } from './state/useCaseStatus.ts';
import type { CaseCommands } from './views/workspaceCommands.ts';
import type { Tab } from './views/CaseWorkspace.tsx';
import { ManyBundlesDialog } from './views/ManyBundlesDialog.tsx';
import type { OtherBundle } from './features/compare/useCompareSession.ts';

/** Several bundles given at once, waiting for the engineer's answer: one merged case, or one of them. */
type ManyBundles = { kind: 'files'; files: File[] } | { kind: 'paths'; paths: string[] };

export type Screen =
  | { kind: 'boot' }
  | { kind: 'start' }
  | { kind: 'uploading'; names: string[]; sent: number; total: number }
  | {
      kind: 'reading';
      caseId: string;
      names: string[];
      progress: ReadProgress | null;
      openOn?: Tab;
      /** A bundle to compare the case with once it is open ("Compare them"). */
      compareWith?: OtherBundle;
      /** Enters Recent once the case is read (a failed open or read never does). */
      remember?: RecentCase;
      /** The Recent entry it was opened from: a failure offers to forget it. */
      fromRecent?: RecentCase;
    }
  | {
      kind: 'inventory';
      caseId: string;
      names: string[];
      inventory: Inventory;
      progress: ReadProgress;
      openOn?: Tab;
      compareWith?: OtherBundle;
    };

export function App() {
  const { t, lang, setLang } = useI18n();
  const theme = useTheme();
  const [screen, setScreen] = useState<Screen>({ kind: 'boot' });
  const [paletteOpen, setPaletteOpen] = useState(false);
  /** The palette lists commands (Ctrl/⌘-K) or the case's files (Ctrl/⌘-P). */
  const [paletteFiles, setPaletteFiles] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [tourOpen, setTourOpen] = useState(false);
  const [caseCommands, setCaseCommands] = useState<CaseCommands | null>(null);
  const [notice, setNotice] = useState<NoticeData | null>(null);
  const [dragging, setDragging] = useState(false);
  const [focusPath, setFocusPath] = useState(0);
  const [typedPath, setTypedPath] = useState('');
  const [many, setMany] = useState<ManyBundles | null>(null);
  const uploadAbort = useRef<AbortController | null>(null);
  const screenRef = useRef(screen);
  useEffect(() => {
    screenRef.current = screen;
  }, [screen]);
  const busy = screen.kind === 'uploading' || screen.kind === 'reading' || screen.kind === 'boot';

  // The case this page opened last (not one the shell opened at start, which another tab of
  // `serve` may show too): closed when the page opens another, so its memory is given back.
  const ownCase = useRef<string | null>(null);
  const adopt = useCallback((caseId: string) => {
    const previous = ownCase.current;
    ownCase.current = caseId;
    if (previous !== null && previous !== caseId) void client.closeCase({ caseId: previous });
  }, []);

  const fail = useCallback((data: NoticeData) => {
    setNotice(data);
    setScreen({ kind: 'start' });
  }, []);

  /** On a failed open of a Recent entry: what to do next, and a button that forgets it. */
  const forgetOffer = useCallback(
    (recent: RecentCase | undefined): Pick<NoticeData, 'next' | 'action'> =>
      recent
        ? {
            next: 'nextStepRecent',
            action: {
              label: 'forgetThisCase',
              run: () =>
                void forgetCaseData(recent).then((result) =>
                  setNotice(
                    result.ok
                      ? null
                      : {
                          tone: 'error',
                          title: ['forgetFailed', namesLabel(recent.names)],
                          detail: result.error,
                          next: null,
                        },
                  ),
                ),
            },
          }
        : { next: 'nextStepOpen' },
    [],
  );

  const openPaths = useCallback(
    async (
      paths: string[],
      names: string[] = paths.map(baseName),
      how: { uploaded?: boolean; fromRecent?: RecentCase; compareWith?: OtherBundle } = {},
    ) => {
      setNotice(null);
      const opened = await client.openCase({ paths });
      if (!opened.ok)
        return fail({
          tone: 'error',
          title: ['openFailed', namesLabel(names)],
          detail: opened.error,
          ...forgetOffer(how.fromRecent),
        });
      adopt(opened.value.caseId);
      const remember: RecentCase = { paths, names, openedAt: 0, ...(how.uploaded ? { uploaded: true } : {}) };
      setScreen({
        kind: 'reading',
        caseId: opened.value.caseId,
        names,
        progress: null,
        remember,
        fromRecent: how.fromRecent,
        ...(how.compareWith ? { openOn: 'compare' as const, compareWith: how.compareWith } : {}),
      });
    },
    [fail, adopt, forgetOffer],
  );

  // A format was defined: the same bundles are being read again as a new case, shown on its Files tab.
  const reread = useCallback(
    (caseId: string) => {
      const names = screenRef.current.kind === 'inventory' ? screenRef.current.names : [];
      adopt(caseId);
      setScreen({ kind: 'reading', caseId, names, progress: null, openOn: 'files' });
    },
    [adopt],
  );

  const openDemo = useCallback(async () => {
    setNotice(null);
    const opened = await client.openDemo({});
    if (!opened.ok)
      return fail({
        tone: 'error',
        title: ['openFailed', 'demo-case.tar.gz'],
        detail: opened.error,
        next: 'nextStepOpen',
      });
    adopt(opened.value.caseId);
    setScreen({
      kind: 'reading',
      caseId: opened.value.caseId,
      names: [opened.value.name],
      progress: null,
      remember: { paths: 'demo', names: [opened.value.name], openedAt: 0 },
    });
  }, [fail, adopt]);

  const uploadAndOpen = useCallback(
    async (files: File[], compare = false) => {
      const controller = new AbortController();
      uploadAbort.current = controller;
      const names = files.map((f) => f.name);
      const total = files.reduce((sum, f) => sum + f.size, 0);
      setNotice(null);
      setScreen({ kind: 'uploading', names, sent: 0, total });
      const paths: string[] = [];
      let before = 0;
      for (const file of files) {
        const result = await client.upload(
          file,
          (sent) => setScreen((s) => (s.kind === 'uploading' ? { ...s, sent: before + sent } : s)),
          controller.signal,
        );
        if (!result.ok) {
          uploadAbort.current = null;
          if (result.error === 'cancelled')
            return fail({ tone: 'info', title: ['cancelledTitle'], detail: null, next: 'cancelledDetail' });
          return fail({
            tone: 'error',
            title: ['uploadFailed', file.name],
            detail: result.error,
            next: 'nextStepOpen',
          });
        }
        paths.push(result.value.path);
        before += file.size;
      }
      uploadAbort.current = null;
      // "Compare them": the first is the case, the second its comparison.
      if (compare && paths.length === 2)
        await openPaths([paths[0]], [names[0]], {
          uploaded: true,
          compareWith: { paths: [paths[1]], name: names[1] },
        });
      else await openPaths(paths, names, { uploaded: true });
    },
    [fail, openPaths],
  );

  const chooseAndOpen = useCallback(
    async (folders: boolean) => {
      if (client.transport !== 'electron') {
        setScreen((s) => (s.kind === 'inventory' ? { kind: 'start' } : s));
        setFocusPath((n) => n + 1);
        return;
      }
      const paths = await client.chooseBundles(folders);
      if (paths.length > 1) setMany({ kind: 'paths', paths });
      else if (paths.length > 0) await openPaths(paths);
    },
    [openPaths],
  );

  const onDrop = useCallback(
    (data: DataTransfer) => {
      const files = [...data.files];
      if (files.length === 0) return;
      if (client.transport === 'electron') {
        const paths = files.map((f) => client.pathForFile(f)).filter((p) => p !== '');
        if (paths.length > 1) setMany({ kind: 'paths', paths });
        else if (paths.length > 0) void openPaths(paths);
        return;
      }
      const folder = [...data.items].some((item) => item.webkitGetAsEntry?.()?.isDirectory === true);
      if (folder) {
        setScreen({ kind: 'start' });
        setNotice({ tone: 'info', title: ['folderNotUploadable'], detail: null, next: 'folderNotUploadableDetail' });
        setFocusPath((n) => n + 1);
        return;
      }
      if (files.length > 1) setMany({ kind: 'files', files });
      else void uploadAndOpen(files);
    },
    [openPaths, uploadAndOpen],
  );

  const cancel = useCallback(() => {
    if (screen.kind === 'uploading') uploadAbort.current?.abort();
    else if (screen.kind === 'reading') void client.cancelCase({ caseId: screen.caseId });
  }, [screen]);

  // First screen: the case the shell opened at start, if any, else the start screen.
  useEffect(() => {
    let live = true;
    void client.initialCase().then((caseId) => {
      if (!live) return;
      setScreen(caseId ? { kind: 'reading', caseId, names: [], progress: null } : { kind: 'start' });
    });
    return () => {
      live = false;
    };
  }, []);

  // The case being read, kept current by the engine's pushed events.
  const readingId = screen.kind === 'reading' ? screen.caseId : null;
  const watched = useCaseStatus(readingId);
  /** The case whose inventory was asked for (once per case). */
  const finishing = useRef<string | null>(null);
  useEffect(() => {
    if (!readingId) return;
    const { status, error } = watched;
    if (!status) {
      if (error) fail({ tone: 'error', title: ['readFailed', ''], detail: error, next: 'nextStepOpen' });
      return;
    }
    const progress = status.progress;
    const names = status.bundles.map((b) => b.name);
    switch (progress.phase) {
      case 'reading':
        setScreen((s) =>
          s.kind === 'reading' && s.caseId === readingId
            ? { ...s, progress, names: s.names.length > 0 ? s.names : names }
            : s,
        );
        return;
      case 'done': {
        // Until the inventory arrives the reading screen stays, showing the work after the read (the diagnosis).
        setScreen((s) => (s.kind === 'reading' && s.caseId === readingId ? { ...s, progress } : s));
        if (finishing.current === readingId) return;
        finishing.current = readingId;
        void client.inventory({ caseId: readingId }).then((inventory) => {
          const current = screenRef.current;
          if (current.kind !== 'reading' || current.caseId !== readingId) return;
          if (!inventory.ok)
            return fail({ tone: 'error', title: ['readFailed', ''], detail: inventory.error, next: 'nextStepOpen' });
          const named = current.names.length > 0 ? current.names : inventory.value.bundles.map((b) => b.name);
          // Read: now it enters Recent, with the sizes that tell it from another of the same name.
          if (current.remember)
            rememberCase({
              ...current.remember,
              openedAt: Date.now(),
              bytes: inventory.value.bundles.map((b) => b.bytes),
            });
          setScreen({
            kind: 'inventory',
            caseId: readingId,
            names: named,
            inventory: inventory.value,
            progress,
            openOn: current.openOn,
            compareWith: current.compareWith,
          });
        });
        return;
      }
      case 'cancelled':
        return fail({ tone: 'info', title: ['cancelledTitle'], detail: null, next: 'cancelledDetail' });
      case 'failed': {
        const current = screenRef.current;
        const label = namesLabel(current.kind === 'reading' && current.names.length > 0 ? current.names : names);
        return fail({
          tone: 'error',
          title: ['readFailed', label],
          detail: progress.error ?? '',
          ...forgetOffer(current.kind === 'reading' ? current.fromRecent : undefined),
        });
      }
    }
  }, [readingId, watched, fail, forgetOffer]);

  // Keyboard: Ctrl/⌘-O opens, Esc cancels reading or uploading.
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'o') {
        event.preventDefault();
        if (!busy) void chooseAndOpen(event.shiftKey);
      } else if (event.key === 'Escape' && (screen.kind === 'reading' || screen.kind === 'uploading')) {
        event.preventDefault();
        cancel();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [busy, cancel, chooseAndOpen, screen.kind]);

  useEffect(() => client.onOpenRequested((folders) => void chooseAndOpen(folders)), [chooseAndOpen]);

  // Ctrl/⌘-K: the command palette; `?` (outside text fields): the shortcuts.
  useGlobalShortcut({ key: 'k', mod: true }, () => {
    setHelpOpen(false);
    setPaletteFiles(false);
    setPaletteOpen((open) => !open);
  });
  const goToFile = useCallback(() => {
    setHelpOpen(false);
    setPaletteFiles(true);
    setPaletteOpen(true);
  }, []);
  // Ctrl/⌘-P: "go to file" (the browser's print is not what an engineer means here).
  useGlobalShortcut({ key: 'p', mod: true }, goToFile, caseCommands !== null);
  // Ctrl/⌘+Shift+L: the case library.
  useGlobalShortcut({ key: 'l', mod: true, shift: true }, () => {
    setPaletteOpen(false);
    setHelpOpen(false);
    openLibraryPanel();
  });
  useGlobalShortcut({ key: '?' }, () => {
    setPaletteOpen(false);
    setHelpOpen(true);
  });
  const commands = useMemo<PaletteCommand[]>(() => {
    const general = t('palGroupCase');
    const view = t('palGroupView');
    const mod = modKey();
    const own: PaletteCommand[] = busy
      ? []
      : [
          {
            id: 'open',
            title: t('palCmdOpenAnother'),
            group: general,
            shortcut: `${mod}+O`,
            keywords: 'open bundle archive',
            run: () => void chooseAndOpen(false),
          },
          {
            id: 'open-folder',
            title: t('palCmdOpenFolder'),
            group: general,
            shortcut: `${mod}+Shift+O`,
            keywords: 'open folder directory',
            run: () => void chooseAndOpen(true),
          },
          {
            id: 'demo',
            title: t('palCmdOpenDemo'),
            group: general,
            keywords: 'demo sample',
            run: () => void openDemo(),
          },
        ];
    for (const code of Object.keys(LANG_NAMES) as Lang[]) {
      if (code !== lang)
        own.push({
          id: `lang-${code}`,
          title: t('palCmdLanguage', { lang: LANG_NAMES[code] }),
          group: view,
          keywords: 'language 语言 中文 English',
          run: () => setLang(code),
        });
    }
    const themeNames = { system: t('themeSystem'), light: t('themeLight'), dark: t('themeDark') };
    for (const choice of THEME_CHOICES) {
      if (choice !== theme)
        own.push({
          id: `theme-${choice}`,
          title: t('palCmdTheme', { theme: themeNames[choice] }),
          group: view,
          keywords: 'theme dark light 主题',
          run: () => setTheme(choice),
        });
    }
    own.push({
      id: 'library',
      title: t('palCmdLibrary'),
      group: general,
      shortcut: `${mod}+Shift+L`,
      keywords: 'library past cases history search export import 案例库',
      run: openLibraryPanel,
    });
    own.push({
      id: 'shortcuts',
      title: t('palCmdShortcuts'),
      group: t('palGroupHelp'),
      shortcut: '?',
      keywords: 'help keys',
      run: () => setHelpOpen(true),
    });
    if (screen.kind === 'inventory')
      own.push({
        id: 'tour',
        title: t('palCmdTour'),
        group: t('palGroupHelp'),
        keywords: 'tour walkthrough guide help 导览',
        run: () => setTourOpen(true),
      });
    return [...(caseCommands?.commands ?? []), ...own];
  }, [t, lang, setLang, theme, busy, chooseAndOpen, openDemo, caseCommands, screen.kind]);

  // The whole window accepts a dropped bundle (except while one is being read).
  const dragProps = {
    onDragOver: (event: React.DragEvent) => {
      event.preventDefault();
      event.dataTransfer.dropEffect = busy ? 'none' : 'copy';
      if (!busy && !dragging) setDragging(true);
    },
    onDragLeave: (event: React.DragEvent) => {
      if (event.relatedTarget === null) setDragging(false);
    },
    onDrop: (event: React.DragEvent) => {
      event.preventDefault();
      setDragging(false);
      if (!busy) onDrop(event.dataTransfer);
    },
  };

  useEffect(() => {
    document.title = screen.kind === 'inventory' ? `${namesLabel(screen.names)} — Tarsier` : 'Tarsier';
  }, [screen]);

  return (
    <div className="app" {...dragProps}>
      <Header
        caseName={screen.kind === 'inventory' ? namesLabel(screen.names) : null}
        onOpenAnother={screen.kind === 'inventory' ? () => setScreen({ kind: 'start' }) : null}
        onPalette={() => setPaletteOpen(true)}
        onShortcuts={() => setHelpOpen(true)}
      />
      <main className="main">
        {screen.kind === 'start' && (
          <StartView
            notice={notice}
            onDismissNotice={() => setNotice(null)}
            dragging={dragging}
            focusPathSignal={focusPath}
            onOpenPaths={(paths) => void openPaths(paths)}
            onOpenDemo={() => void openDemo()}
            onOpenRecent={(recent) =>
              void (recent.paths === 'demo'
                ? openDemo()
                : openPaths(recent.paths, recent.names, { uploaded: recent.uploaded, fromRecent: recent }))
            }
            onChoose={(folders) => void chooseAndOpen(folders)}
            onFiles={(files) => (files.length > 1 ? setMany({ kind: 'files', files }) : void uploadAndOpen(files))}
            path={typedPath}
            onPathChange={setTypedPath}
          />
        )}
        {screen.kind === 'uploading' && (
          <ReadingView
            mode="uploading"
            names={screen.names}
            sent={screen.sent}
            total={screen.total}
            progress={null}
            onCancel={cancel}
          />
        )}
        {screen.kind === 'reading' && (
          <ReadingView
            mode="reading"
            names={screen.names}
            sent={0}
            total={0}
            progress={screen.progress}
            onCancel={cancel}
          />
        )}
        {screen.kind === 'inventory' && (
          <CaseWorkspace
            key={screen.caseId}
            caseId={screen.caseId}
            inventory={screen.inventory}
            progress={screen.progress}
            onCommands={setCaseCommands}
            onGoToFile={goToFile}
            onReread={reread}
            initialTab={screen.openOn}
            initialCompare={screen.compareWith ?? null}
            onOpenOther={(other) => void (other.paths === 'demo' ? openDemo() : openPaths(other.paths))}
          />
        )}
      </main>
      {screen.kind === 'boot' && <p className="visually-hidden">{t('waitingFirstFile')}</p>}
      <CommandPalette
        key={paletteFiles && caseCommands ? 'files' : 'commands'}
        open={paletteOpen}
        onClose={() => setPaletteOpen(false)}
        commands={commands}
        dynamic={caseCommands?.dynamic}
        source={paletteFiles && caseCommands ? caseCommands.files : undefined}
        placeholder={paletteFiles && caseCommands ? t('palFilePlaceholder') : undefined}
        toggleKey={paletteFiles ? 'p' : undefined}
      />
      {many && (
        <ManyBundlesDialog
          names={many.kind === 'files' ? many.files.map((f) => f.name) : many.paths.map(baseName)}
          sizes={many.kind === 'files' ? many.files.map((f) => f.size) : many.paths.map(() => null)}
          onCancel={() => setMany(null)}
          onMerge={() => {
            setMany(null);
            void (many.kind === 'files' ? uploadAndOpen(many.files) : openPaths(many.paths));
          }}
          onCompare={() => {
            setMany(null);
            void (many.kind === 'files'
              ? uploadAndOpen(many.files, true)
              : openPaths([many.paths[0]], [baseName(many.paths[0])], {
                  compareWith: { paths: [many.paths[1]], name: baseName(many.paths[1]) },
                }));
          }}
          onPick={(i) => {
            setMany(null);
            void (many.kind === 'files' ? uploadAndOpen([many.files[i]]) : openPaths([many.paths[i]]));
          }}
        />
      )}
      <ShortcutsHelp
        open={helpOpen}
        onClose={() => setHelpOpen(false)}
        groups={appShortcutGroups(t)}
        onTour={screen.kind === 'inventory' ? () => setTourOpen(true) : undefined}
      />
      <LibraryPanelHost />
      <TourHost
        caseOpen={screen.kind === 'inventory'}
        open={tourOpen}
        onOpen={() => setTourOpen(true)}
        onClose={() => setTourOpen(false)}
      />
    </div>
  );
}
