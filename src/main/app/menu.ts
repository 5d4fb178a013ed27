/** The application menu: File (Open…, Open Folder…, Quit), Edit, View, Help. */
import { app, BrowserWindow, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import { SHELL_CHANNELS } from '../../shared/ui/shell.ts';

const requestOpen = (folders: boolean) => (): void => {
  const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  win?.webContents.send(SHELL_CHANNELS.openRequested, folders);
};

export function buildMenu(dev: boolean): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: requestOpen(false) },
        { label: 'Open Folder…', accelerator: 'CmdOrCtrl+Shift+O', click: requestOpen(true) },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...(dev
          ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[])
          : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      role: 'help',
      submenu: [
        {
          label: 'About Tarsier',
          click: () => {
            const win = BrowserWindow.getFocusedWindow();
            const options = {
              type: 'info' as const,
              title: 'About Tarsier',
              message: `Tarsier ${app.getVersion()}`,
              detail:
                'Offline log-bundle analyzer. Drop a bundle (.tar.gz, .tgz, .zip, .gz, a folder or a log) on the window to read it. Nothing leaves this computer.',
            };
            void (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
          },
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
