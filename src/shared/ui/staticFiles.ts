/**
 * Pure helpers for serving the built renderer, shared by the Electron app protocol and the
 * `serve` HTTP bridge: URL path → safe relative file path, and file name → MIME type.
 */

const MIME: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  map: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
  woff: 'font/woff',
  ttf: 'font/ttf',
  wasm: 'application/wasm',
  txt: 'text/plain; charset=utf-8',
};

/** The Content-Type for a file name; `application/octet-stream` when unknown. */
export function mimeTypeOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return (dot >= 0 && MIME[fileName.slice(dot + 1).toLowerCase()]) || 'application/octet-stream';
}

/**
 * Turns a URL pathname (`/assets/index-3f2a.js`) into a relative POSIX path inside the static
 * root (`assets/index-3f2a.js`); `/` becomes `index.html`. Returns `null` for anything that
 * could step outside the root or is otherwise odd: bad percent-encoding, `..` or `.` segments,
 * backslashes, NUL, drive letters, hidden files.
 */
export function staticRelativePath(pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.slice(1).split('/');
  if (segments.length === 1 && segments[0] === '') return 'index.html';
  for (const segment of segments) {
    if (segment === '' || segment.startsWith('.') || segment.includes(':')) return null;
  }
  return segments.join('/');
}
