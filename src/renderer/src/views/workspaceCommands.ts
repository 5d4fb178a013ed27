/**
 * The command palette's commands for an open case: go to each tab, the common searches, clear the
 * search or the time range, and — from the typed text — "Search events for …" and "Trace …".
 */
import type { PaletteCommand } from '../components/CommandPalette.tsx';
import type { Translate } from '../i18n/i18n.tsx';
import type { StringKey } from '../i18n/strings.ts';

/** What the workspace offers the palette; the app adds its own (open, language, theme, help). */
export interface CaseCommands {
  commands: PaletteCommand[];
  dynamic: (text: string) => PaletteCommand[];
}

export interface WorkspaceActions<Tab extends string> {
  tabs: readonly { tab: Tab; label: StringKey; key: string }[];
  goTab: (tab: Tab) => void;
  search: (query: string) => void;
  trace: (id: string) => void;
  /** Null when no range is selected. */
  clearRange: (() => void) | null;
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
  return { commands, dynamic };
}
