/**
 * What counts as a secret in a log line, and which part of the match is the secret. Each pattern
 * masks only its `value` group (the key, the header name, the URL's host stay readable), so an
 * excerpt still says *that* a password was sent, never *which*.
 */

/** The kinds of secret the report masks (always, when redaction is on). */
export const SECRET_KINDS = ['private-key', 'connection-string', 'authorization', 'cookie', 'token', 'access-key', 'secret-key', 'password'] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

/** One way a secret shows up: `regex` has the `g` and `d` flags; the secret is its group `dq`, `sq` or `value`. */
export interface SecretPattern {
  kind: SecretKind;
  regex: RegExp;
}

// A key's value: double- or single-quoted, else a bare run up to a separator.
const VALUE = String.raw`(?:"(?<dq>[^"\n]*)"|'(?<sq>[^'\n]*)'|(?<value>[^\s,;&}\])'"<>]+))`;
// `key=value`, `key: value`, `"key": "value"`, `'key': 'value'`, `key => value`.
const ASSIGN = String.raw`["']?\s*(?:=>|[:=])\s*`;

function keyed(keys: string): RegExp {
  return new RegExp(String.raw`(?<![\w-])(?:${keys})${ASSIGN}${VALUE}`, 'dgi');
}

// Quoted header values keep their quotes; unquoted ones run to the end of the line, because an
// Authorization or Cookie value may itself hold spaces, commas and quotes.
function header(names: string): RegExp {
  return new RegExp(String.raw`(?<![\w-])(?:${names})["']?\s*[:=]\s*(?:"(?<dq>[^"\n]*)"|'(?<sq>[^'\n]*)'|(?<value>[^\n]+))`, 'dgi');
}

/**
 * In the order they run: a later pattern never sees what an earlier one masked (the mask text
 * matches none of them).
 */
export const SECRET_PATTERNS: readonly SecretPattern[] = [
  // A PEM block (across lines when the text has them; to the end of the text when the END line is not in it).
  { kind: 'private-key', regex: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----(?<value>[\s\S]*?)(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|$)/dg },
  // scheme://user:password@host — the credentials.
  { kind: 'connection-string', regex: /\b[a-z][a-z0-9+.-]*:\/\/(?<value>[^\s:@/'"]*:[^\s@/'"]+)@/dgi },
  { kind: 'authorization', regex: header('(?:proxy-)?authorization') },
  { kind: 'cookie', regex: header('set-cookie|cookie') },
  // OpenStack/Swift/AWS token headers and the usual token keys.
  {
    kind: 'token',
    regex: keyed(
      String.raw`x-(?:auth|subject|storage|service|amz-security|openstack-auth|csrf)-token|x-auth-key|x-api-key|api[_-]?key|api[_-]?token|access[_-]?token|refresh[_-]?token|id[_-]?token|auth[_-]?token|session[_-]?token|bearer[_-]?token|private[_-]?token|token`,
    ),
  },
  // A JSON Web Token anywhere.
  { kind: 'token', regex: /(?<value>\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*)/dg },
  { kind: 'token', regex: /\bBearer\s+(?<value>[A-Za-z0-9._~+/=-]{12,})/dg },
  { kind: 'access-key', regex: keyed(String.raw`(?:aws[_-]?)?access[_-]?key(?:[_-]?id)?|accesskey(?:id)?|ak`) },
  { kind: 'access-key', regex: /(?<value>\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b)/dg },
  { kind: 'secret-key', regex: keyed(String.raw`(?:aws[_-]?)?secret[_-]?(?:access[_-]?)?key|secretkey|secretaccesskey|sk`) },
  {
    kind: 'password',
    regex: keyed(String.raw`[\w.-]*(?:password|passwd|passphrase)[\w-]*|pwd|client[_-]?secret|[\w-]*secret`),
  },
  { kind: 'password', regex: /--(?:[\w-]*password|passwd|pass)[\s=]+(?<value>"[^"\n]*"|'[^'\n]*'|\S+)/dgi },
  { kind: 'password', regex: /\bIDENTIFIED\s+BY\s+(?<value>'[^'\n]*'|"[^"\n]*"|\S+)/dgi },
];

/** Where the secret of a match is (start and end in the searched text), or null when no value group matched. */
export function secretSpan(match: RegExpExecArray): { start: number; end: number } | null {
  const spans = match.indices?.groups;
  if (!spans) return null;
  for (const name of ['dq', 'sq', 'value']) {
    const span = spans[name];
    if (span) return { start: span[0], end: span[1] };
  }
  return null;
}
