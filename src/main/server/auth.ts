/**
 * Who may talk to the bridge. A random 256-bit token is minted per `serve` run and printed in
 * the page URL (`/?token=…`). The first page load trades it for an HttpOnly, SameSite=Strict
 * cookie scoped to this port and redirects to `/` (so the token leaves the address bar); every
 * later request — page, assets, API, upload — must carry that cookie or an `X-Tarsier-Token`
 * header. The Host header must name the loopback address (no DNS rebinding), and state-changing
 * requests must come from our own origin when the browser says where they come from.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_HEADER = 'x-tarsier-token';

export interface Gate {
  readonly token: string;
  readonly cookieName: string;
  /** True when the request carries the token in its cookie or `X-Tarsier-Token` header. */
  authorised(req: IncomingMessage): boolean;
  /** True when `?token=` in the URL is the valid token (the first page load). */
  tokenInQuery(url: URL): boolean;
  /** The Set-Cookie value that stores the token for this port. */
  cookie(): string;
  /** True when the Host header names this server on the loopback interface. */
  hostAllowed(req: IncomingMessage): boolean;
  /** True when a state-changing request's Origin (if any) is this server. */
  originAllowed(req: IncomingMessage): boolean;
}

/** Mints a token and the checks that use it, for a server listening on `port`. */
export function createGate(port: number): Gate {
  const token = randomBytes(32).toString('base64url');
  const expected = Buffer.from(token);
  const cookieName = `tarsier-${port}`;
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origins = new Set([...hosts].map((h) => `http://${h}`));

  const matches = (candidate: string | undefined | null): boolean => {
    if (!candidate) return false;
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  const fromCookie = (req: IncomingMessage): string | undefined => {
    const header = req.headers.cookie;
    if (!header) return undefined;
    for (const part of header.split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).trim() === cookieName) return part.slice(eq + 1).trim();
    }
    return undefined;
  };

  return {
    token,
    cookieName,
    tokenInQuery: (url) => matches(url.searchParams.get('token')),
    authorised(req) {
      const header = req.headers[TOKEN_HEADER];
      return matches(typeof header === 'string' ? header : undefined) || matches(fromCookie(req));
    },
    cookie: () => `${cookieName}=${token}; Path=/; HttpOnly; SameSite=Strict`,
    hostAllowed: (req) => typeof req.headers.host === 'string' && hosts.has(req.headers.host.toLowerCase()),
    originAllowed(req) {
      const origin = req.headers.origin;
      if (origin === undefined) return true;
      return origins.has(origin.toLowerCase());
    },
  };
}
