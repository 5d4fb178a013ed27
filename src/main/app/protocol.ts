/**
 * The app's own origin, `tarsier://app/`, serving the built renderer read-only with the CSP
 * header. A standard, secure custom scheme (rather than file://) gives the page a real origin,
 * so that 'self' in the CSP means exactly the renderer folder and Monaco's module workers can
 * start; nothing outside out/renderer can be reached through it.
 */
import { readFile, realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/ui/csp.ts';
import { mimeTypeOf, staticRelativePath } from '../../shared/ui/staticFiles.ts';

export const APP_SCHEME = 'tarsier';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** Must run before `app` is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

const notFound = (): Response => new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });

/** Serves `rendererDir` on the app scheme of the default session. */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST || (request.method !== 'GET' && request.method !== 'HEAD')) return notFound();
    const relative = staticRelativePath(url.pathname);
    if (relative === null) return notFound();
    try {
      // Both sides resolved: an install under a symlinked folder must not make every file "outside".
      const root = await realpath(rendererDir);
      const file = await realpath(join(root, ...relative.split('/')));
      if (!file.startsWith(root + sep)) return notFound();
      const body = await readFile(file);
      return new Response(new Uint8Array(body), {
        status: 200,
        headers: {
          'Content-Type': mimeTypeOf(file),
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-cache',
        },
      });
    } catch {
      return notFound();
    }
  });
}
