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

// A key's value: double- or single-quoted (also Python's u'…' / b'…'), else a bare run up to a
// separator. A bare value never starts with `{` or `[`: that is a nested object, whose own
// members are looked at instead.
const VALUE = String.raw`(?:[ub]?"(?<dq>[^"\n]*)"|[ub]?'(?<sq>[^'\n]*)'|(?<value>[^\s,;&{}[\])'"<>][^\s,;&}\])'"<>]*))`;
// `key=value`, `key: value`, `"key": "value"`, `'key': 'value'`, `key => value`, `key：value`.
const ASSIGN = String.raw`["']?\s*(?:=>|[:=：])\s*`;
// A key may carry a prefix: `OS_TOKEN`, `admin_token`, `HTTP_X_AUTH_TOKEN`, `MINIO_SECRET_KEY`.
const PREFIX = String.raw`(?:[\w.-]*[_.-])?`;

function keyed(keys: string, prefixed = true): RegExp {
  return new RegExp(String.raw`(?<![\w-])${prefixed ? PREFIX : ''}(?:${keys})${ASSIGN}${VALUE}`, 'dgi');
}

// Header values: quoted ones keep their quotes; a bare one is the credential after its scheme
// (Digest and AWS signatures run to the closing bracket or quote), so the scheme and the rest of
// the line — the request id, the status, the time taken — stay readable.
function header(names: string, scheme: string, credential: string): RegExp {
  return new RegExp(String.raw`(?<![\w-])(?:http[_-])?(?:${names})["']?\s*[:=]\s*\[?(?:"(?<dq>[^"\n]*)"|'(?<sq>[^'\n]*)'|${scheme}(?<value>${credential}))`, 'dgi');
}
const AUTHORIZATION = String.raw`(?:proxy[_-])?authorization`;

/** Values that say something about a secret without being one (`token: expired`, `password=***`). */
export const NOT_A_SECRET = /^(?:|none|null|nil|undefined|true|false|yes|no|on|off|expired|invalid|missing|empty|required|unset|redacted|hidden|masked|\*+|x{3,}|\.{3}|…|<[^>]*>|\$\{[^}]*\}?|%\([^)]*\)s|\[REDACTED[^\]]*\]?)$/i;

/**
 * In the order they run: a later pattern never sees what an earlier one masked (the mask text
 * matches none of them).
 */
export const SECRET_PATTERNS: readonly SecretPattern[] = [
  // A PEM or PGP key block (across lines when the text has them; to the end of the text when the END line is not in it).
  { kind: 'private-key', regex: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?<value>[\s\S]*?)(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)/dg },
  // kubeconfig: the client key, base64.
  { kind: 'private-key', regex: keyed(String.raw`client[_-]key[_-]data`, false) },
  // scheme://user:password@host — the credentials, up to the last @ before the host (a password may hold @ and /).
  { kind: 'connection-string', regex: /\b[a-z][a-z0-9+.-]*:\/\/(?<value>[^\s:@/'"]*:[^\s'"]*?)@(?=[\w.-]+(?:[:/?#\s'",)]|$))(?![^\s'"]*@[\w.-]+(?:[:/?#\s'",)]|$))/dgi },
  // Oracle: user/password@host.
  { kind: 'connection-string', regex: /\bjdbc:oracle:[a-z]+:(?<value>[^\s/@:]+\/[^\s@]+)@/dgi },
  { kind: 'authorization', regex: header(AUTHORIZATION, String.raw`(?:Digest|AWS4-HMAC-SHA256|OAuth)\s+`, String.raw`[^\]"'\n]+`) },
  { kind: 'authorization', regex: header(AUTHORIZATION, String.raw`(?:(?:Basic|Bearer|Token|Negotiate|NTLM|JWT|Key)\s+)?`, String.raw`[^\s"',\]]+`) },
  { kind: 'cookie', regex: header('set[_-]cookie|cookie', '', String.raw`[^\n"'\]]+`) },
  // OpenStack/Swift/AWS token headers and the usual token keys, with or without a prefix.
  {
    kind: 'token',
    regex: keyed(
      String.raw`x[_-](?:auth|subject|storage|service|amz[_-]security|openstack[_-]auth|csrf)[_-]token|x[_-]auth[_-]key|x[_-]api[_-]key|api[_-]?key|api[_-]?token|access[_-]?token|refresh[_-]?token|id[_-]?token|auth[_-]?token|session[_-]?token|bearer[_-]?token|private[_-]?token|token|x[_-]amz[_-]signature|signature`,
    ),
  },
  // Keystone's token object: `"token": {"id": "gAAAA…"}`.
  { kind: 'token', regex: /["']token["']\s*:\s*\{\s*["'](?:id|value)["']\s*:\s*(?:"(?<dq>[^"\n]*)"|'(?<sq>[^'\n]*)')/dgi },
  // Chinese labels: 令牌 (token).
  { kind: 'token', regex: new RegExp(String.raw`令牌\s*[:=：]\s*${VALUE}`, 'dgu') },
  // A JSON Web Token anywhere.
  { kind: 'token', regex: /(?<value>\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*)/dg },
  { kind: 'token', regex: /\bBearer\s+(?<value>[A-Za-z0-9._~+/=-]{12,})/dg },
  // Secret keys before access keys: `aws_secret_access_key` is the secret one.
  { kind: 'secret-key', regex: keyed(String.raw`(?:aws[_-]?)?secret[_-]?(?:access[_-]?)?key|secretkey|secretaccesskey|sk`) },
  { kind: 'secret-key', regex: new RegExp(String.raw`密钥\s*[:=：]\s*${VALUE}`, 'dgu') },
  { kind: 'access-key', regex: keyed(String.raw`(?:aws[_-]?)?access[_-]?key(?:[_-]?id)?|accesskey(?:id)?|ak`) },
  { kind: 'access-key', regex: /(?<value>\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b)/dg },
  // Password keys; a suffix (`password_expires_at`, `PasswordAuthentication`) makes it another key.
  { kind: 'password', regex: keyed(String.raw`[\w.-]*?(?:password|passwd|passphrase|pwd|secret)\d*|client[_-]?secret|bindpw`, false) },
  { kind: 'password', regex: new RegExp(String.raw`(?:密码|口令)\s*[:=：]\s*${VALUE}`, 'dgu') },
  // Command lines: --password X, -u user:pw (curl), mysql -pX, sshpass -p X, argv lists.
  { kind: 'password', regex: /--(?:[\w-]*password|passwd|pass)[\s=]+(?<value>"[^"\n]*"|'[^'\n]*'|[^\s,\]"']+)/dgi },
  { kind: 'password', regex: /["']--[\w-]*(?:password|passwd|secret|token)["']\s*,\s*(?:"(?<dq>[^"\n]*)"|'(?<sq>[^'\n]*)')/dgi },
  { kind: 'password', regex: /(?:^|\s)(?:-u|--user)\s+["']?[^\s:'"]+:(?<value>[^\s'"]+)/dg },
  { kind: 'password', regex: /\bmysql(?:dump|admin)?\b[^\n]*?\s-p(?<value>[^\s-][^\s]*)/dg },
  { kind: 'password', regex: /\bsshpass\s+-p\s*(?<value>\S+)/dg },
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
