/**
 * The Content-Security-Policy of every Tarsier page, in Electron (custom protocol) and behind
 * `tarsier serve` (HTTP header). Pure data so that both shells send the very same policy.
 *
 * - scripts, styles, fonts, images, fetches and workers come from the app itself only;
 * - `blob:` workers are allowed because Monaco may start its workers from blob URLs;
 * - `'unsafe-inline'` styles are allowed because Monaco injects `<style>` elements at run time
 *   (inline *scripts* stay forbidden);
 * - no plugins, no frames, no `<base>`, no form posts anywhere.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data: blob:",
  'font-src': "'self' data:",
  'connect-src': "'self'",
  'worker-src': "'self' blob:",
  'object-src': "'none'",
  'frame-src': "'none'",
  'frame-ancestors': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
};

/** The policy as one header value. */
export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([name, value]) => `${name} ${value}`)
  .join('; ');

/**
 * The development policy (Electron `dev` against the Vite dev server only): the React refresh
 * preamble is an inline script and HMR talks over a WebSocket to the dev server.
 */
export function devContentSecurityPolicy(devOrigin: string): string {
  const ws = devOrigin.replace(/^http/, 'ws');
  return Object.entries({
    ...CSP_DIRECTIVES,
    'script-src': `'self' 'unsafe-inline' ${devOrigin}`,
    'connect-src': `'self' ${devOrigin} ${ws}`,
  })
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}
