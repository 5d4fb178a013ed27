/**
 * The command palette's commands for an open case: go to each tab, the common searches, clear the
 * search or the time range, "Your rules", and — from the typed text — "Search events for …" and "Trace …".
 */
import type { PaletteCommand } from '../components/CommandPalette.tsx';
import type { Translate } from '../i18n/i18n.tsx';
import type { StringKey } from '../i18n/strings.ts';
import { modKey } from '../lib/display.ts';
import { rankPaths } from '../lib/fuzzyPath.ts';

/** What the workspace offers the palette; the app adds its own (open, language, theme, help). */
export interface CaseCommands {
  commands: PaletteCommand[];
  dynamic: (text: string) => PaletteCommand[];
  /** "Go to file" (Ctrl/⌘-P): the case's files ranked for the typed text. */
  files: (text: string) => PaletteCommand[];
}

/** How many files the "go to file" list shows. */
const FILES_SHOWN = 50;

/** A file of the case as "go to file" lists it. */
export interface FileEntry {
  path: string;
  /** Index of its bundle in `bundleNames`. */
  bundle: number;
}

/** The files ranked for `text` (fuzzy, see lib/fuzzyPath.ts), each opening its index in the viewer. */
export function fileCommands(
  files: readonly FileEntry[],
  text: string,
  group: string,
  open: (file: number) => void,
  /** Shown beside each file when the case has several bundles. */
  bundleNames: readonly string[],
): PaletteCommand[] {
  const showBundle = bundleNames.length > 1;
  const indexed = files.map((f, index) => ({ ...f, index }));
  return rankPaths(indexed, (f) => f.path, text, FILES_SHOWN).map(({ item, positions }) => ({
    id: `file-${item.index}`,
    title: item.path,
    group,
    marks: positions,
    ...(showBundle ? { detail: bundleNames[item.bundle] ?? '' } : {}),
    run: () => open(item.index),
  }));
}

export interface WorkspaceActions<Tab extends string> {
  tabs: readonly { tab: Tab; label: StringKey; key: string }[];
  goTab: (tab: Tab) => void;
  search: (query: string) => void;
  trace: (id: string) => void;
  /** Null when no range is selected. */
  clearRange: (() => void) | null;
  files: readonly FileEntry[];
  bundleNames: readonly string[];
  openFile: (file: number) => void;
  /** Opens the palette in its "go to file" mode. */
  goToFile: () => void;
  back: (() => void) | null;
  forward: (() => void) | null;
  /** Opens "Your rules" (the user's own rules: edit, delete, export, import). */
  userRules?: () => void;
}

const ERRORS_QUERY = 'level:>=error';
const WARNINGS_QUERY = 'level:>=warning';

export function workspaceCommands<Tab extends string>(t: Translate, actions: WorkspaceActions<Tab>): CaseCommands {
  const goTo = t('palGroupGoTo');
  const view = t('palGroupView');
  const commands: PaletteCommand[] = [
    ...actions.tabs.map((x) => ({
      id: `tab-${x.tab}`,
      title: t('palCmdGoTab', { tab: t(x.label) }),
      group: goTo,
      shortcut: `Alt+${x.key}`,
      keywords: x.tab,
      run: () => actions.goTab(x.tab),
    })),
    {
      id: 'errors',
      title: t('palCmdErrors'),
      group: view,
      keywords: `${ERRORS_QUERY} error`,
      run: () => actions.search(ERRORS_QUERY),
    },
    {
      id: 'warnings',
      title: t('palCmdWarnings'),
      group: view,
      keywords: `${WARNINGS_QUERY} warning`,
      run: () => actions.search(WARNINGS_QUERY),
    },
    {
      id: 'clear-search',
      title: t('palCmdClearSearch'),
      group: view,
      keywords: 'reset',
      run: () => actions.search(''),
    },
  ];
  commands.unshift({
    id: 'go-to-file',
    title: t('palGoToFile'),
    group: goTo,
    shortcut: `${modKey()}+P`,
    keywords: 'file open path 文件',
    run: actions.goToFile,
  });
  if (actions.back)
    commands.push({
      id: 'back',
      title: t('palCmdBack'),
      group: goTo,
      shortcut: 'Alt+←',
      keywords: 'history',
      run: actions.back,
    });
  if (actions.forward)
    commands.push({
      id: 'forward',
      title: t('palCmdForward'),
      group: goTo,
      shortcut: 'Alt+→',
      keywords: 'history',
      run: actions.forward,
    });
  const userRules = actions.userRules;
  if (userRules)
    commands.push({
      id: 'user-rules',
      title: t('urCmd'),
      group: t('palGroupActions'),
      keywords: 'rules user custom delete edit export import 规则',
      run: userRules,
    });
  const clearRange = actions.clearRange;
  if (clearRange)
    commands.push({
      id: 'clear-range',
      title: t('palCmdClearRange'),
      group: view,
      keywords: 'timeline brush',
      run: clearRange,
    });
  const dynamic = (text: string): PaletteCommand[] => [
    {
      id: 'search-for',
      title: t('palCmdSearchFor', { text }),
      group: t('palGroupActions'),
      run: () => actions.search(text),
    },
    { id: 'trace-for', title: t('palCmdTrace', { text }), group: t('palGroupActions'), run: () => actions.trace(text) },
  ];
  const files = (text: string): PaletteCommand[] =>
    fileCommands(actions.files, text, t('palGroupFiles'), actions.openFile, actions.bundleNames);
  return { commands, dynamic, files };
}
