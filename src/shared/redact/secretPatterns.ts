/**
 * What counts as a secret in a log line, and which part of the match is the secret. Each pattern
 * masks only its value group (the key, the header name, the URL's host stay readable), so an
 * excerpt still says *that* a password was sent, never *which*.
 *
 * Every pattern starts where a run of its leading characters starts (a lookbehind), and every
 * lazy scan is bounded, so no line — not a 64 KB run of `.` or `-` — costs more than a few passes.
 * Vendor tokens with a known prefix are in tokenPatterns.ts.
 */
import { TOKEN_PATTERNS } from './tokenPatterns.ts';

/** The kinds of secret the report masks (always, when redaction is on). */
export const SECRET_KINDS = [
  'private-key',
  'connection-string',
  'authorization',
  'cookie',
  'token',
  'access-key',
  'secret-key',
  'password',
  'high-entropy',
  'learned',
] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

/**
 * One way a secret shows up: `regex` has the `g` and `d` flags; the secret is its first named
 * group that matched (`dq`, `sq`, `eq` or `value`). `accept`, when set, has the last word on a value.
 */
export interface SecretPattern {
  kind: SecretKind;
  regex: RegExp;
  accept?: (value: string) => boolean;
  /** The shape is a sentence (`login X password Y`, `密码是 Y`): a PROSE_WORD after the key is not a value. */
  prose?: boolean;
  /**
   * Lower-case words one of which every match contains: a text with none of them is not searched
   * (as gitleaks' keywords and trufflehog's prefilter do) — most log lines have none.
   */
  keywords?: readonly string[];
}

// A key's value: double- or single-quoted (also Python's u'…' / b'…'), quoted with escaped quotes
// (`\"…\"`, JSON inside a string), else a bare run up to a separator. A bare value never starts
// with `{` or `[`: that is a nested object, whose own members are looked at instead.
const VALUE = String.raw`(?:[ub]?"(?<dq>[^"\n]*)"|[ub]?'(?<sq>[^'\n]*)'|\\+"(?<eq>[^"\\\n]*)\\+"|(?<value>[^\s,;&{}[\])'"<>\\][^\s,;&}\])'"<>\\]*))`;
// The same after a Chinese label: full-width punctuation ends a bare value too.
const VALUE_ZH = String.raw`(?:"(?<dq>[^"\n]*)"|'(?<sq>[^'\n]*)'|“(?<eq>[^”\n]*)”|(?<value>[^\s,;&{}[\])'"<>，。；、）】“”][^\s,;&}\])'"<>，。；、）】“”]*))`;
// `key=value`, `key: value`, `"key": "value"`, `\"key\": \"value\"`, `key => value`, `key：value`.
const ASSIGN = String.raw`(?:\\*["'])?\s*(?:=>|[:=：])\s*`;
// A key may carry a prefix: `OS_TOKEN`, `admin_token`, `HTTP_X_AUTH_TOKEN`, `MINIO_SECRET_KEY`.
const PREFIX = String.raw`(?:[\w.-]*[_.-])?`;
// Keys start where a name starts: not inside a longer name (`.` included, so a run of dots is one start).
const KEY_START = String.raw`(?<![\w.-])`;

function keyed(keys: string, prefixed = true): RegExp {
  return new RegExp(String.raw`${KEY_START}${prefixed ? PREFIX : ''}(?:${keys})${ASSIGN}${VALUE}`, 'dgi');
}

/** A Chinese label (密码, 令牌, 密钥) then `：`, `为`, `是` or both, then the value. */
function labelled(labels: string): RegExp {
  // `密码是否正确` asks whether the password is right: 是否 is not 是.
  return new RegExp(String.raw`(?:${labels})(?:\s*(?:为|是(?!否))\s*[:=：]?|\s*[:=：])\s*${VALUE_ZH}`, 'dgu');
}

// Header values: quoted ones keep their quotes; a bare one is the credential after its scheme
// (Digest and AWS signatures run to the closing bracket or quote), so the scheme and the rest of
// the line — the request id, the status, the time taken — stay readable.
function header(names: string, scheme: string, credential: string): RegExp {
  return new RegExp(
    String.raw`(?<![\w-])(?:http[_-])?(?:${names})["']?\s*[:=]\s*\[?(?:"(?<dq>[^"\n]*)"|'(?<sq>[^'\n]*)'|${scheme}(?<value>${credential}))`,
    'dgi',
  );
}
const AUTHORIZATION = String.raw`(?:proxy[_-])?authorization`;

/** Values that say something about a secret without being one (`token: expired`, `password=***`). */
export const NOT_A_SECRET =
  /^(?:|none|null|nil|undefined|true|false|yes|no|on|off|expired|invalid|missing|empty|required|unset|redacted|hidden|masked|\*+|x{3,}|\.{3}|…|<[^>]*>|\$\{[^}]*\}?|\$[A-Z_][A-Z0-9_]*|%\([^)]*\)s|\{\{[^}]*\}\}|\[REDACTED[^\]]*\]?)$/i;
/**
 * Words that follow a key in prose (`password is incorrect`, `login page password policy`,
 * `密码为空`): not a value where the shape is a sentence. An assignment (`password=length`) is
 * never prose: its value is masked whatever word it is.
 */
export const PROSE_WORD =
  /^(?:空|为空|错误|不正确|正确|无效|过期|已过期|必填|不能为空|不一致|is|was|for|has|had|not|ok|set|reset|changed|change|changes|expires|expiry|incorrect|wrong|mismatch|failed|failure|error|denied|rejected|accepted|updated|saved|provided|given|supplied|file|auth|authentication|login|policy|length|prompt|protected|encrypted|hashed|plain|plaintext|rotation|stored|verified|validation|generated)$/i;

/** `--private-key ~/.ssh/id_rsa`, `private_key=/etc/keys/x.pem` name a file; the file is not in the line. */
const namesAFile = (value: string): boolean => /^["']?[~.]?\//.test(value);

// Key words of the command-line, XML and URL-encoded shapes.
const PASSWORD_WORDS = 'password|passwd|passphrase|pwd|pw|pass';
const TOKEN_WORDS = 'token|secret|api[-_]?key|access[-_]?key|secret[-_]?key|auth[-_]?key|private[-_]?key|credentials?';

/**
 * In the order they run: a later pattern never sees what an earlier one masked (the mask text
 * matches none of them).
 */
export const SECRET_PATTERNS: readonly SecretPattern[] = [
  // A PEM or PGP key block (across lines when the text has them; to the end of the text when the END line is not in it).
  {
    kind: 'private-key',
    regex:
      /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?<value>[\s\S]*?)(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)/dg,
    keywords: ['-----begin'],
  },
  // PuTTY .ppk: the base64 lines after `Private-Lines: N` (up to the `Private-MAC:` line).
  {
    kind: 'private-key',
    regex: /Private-Lines:[ \t]*\d+[ \t]*\r?\n(?<value>[A-Za-z0-9+/=]+(?:\r?\n[A-Za-z0-9+/=]+)*)(?=\r?\n|$)/dg,
    keywords: ['private-lines'],
  },
  // kubeconfig: the client key, base64; WireGuard's PrivateKey / PresharedKey.
  { kind: 'private-key', regex: keyed(String.raw`client[_-]key[_-]data`, false), keywords: ['client'] },
  {
    kind: 'private-key',
    regex: keyed(String.raw`private[_-]?key|pre[_-]?shared[_-]?key`),
    accept: (value) => !namesAFile(value),
    keywords: ['key'],
  },
  // scheme://user:password@host — the credentials, up to the last @ before the host (a password may hold @ and /).
  {
    kind: 'connection-string',
    regex:
      /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,30}:\/\/(?<value>[^\s:@/'"]{0,256}:[^\s'"]{0,256}?)@(?=[\w.-]+(?:[:/?#\s'",)]|$))(?![^\s'"]{0,256}@[\w.-]+(?:[:/?#\s'",)]|$))/dgi,
    keywords: ['://'],
  },
  // Oracle: user/password@host.
  {
    kind: 'connection-string',
    regex: /\bjdbc:oracle:[a-z]+:(?<value>[^\s/@:]+\/[^\s@]+)@/dgi,
    keywords: ['jdbc:oracle'],
  },
  // Go MySQL DSN: user:password@tcp(host:port)/db (alone or after `dsn=`); the password may hold @.
  {
    kind: 'connection-string',
    regex: /(?<![\w.%+-])[\w.%+-]{1,64}:(?<value>[^\s'"]{1,256}?)@(?:tcp6?|udp|unix)\(/dg,
    keywords: ['@tcp', '@udp', '@unix'],
  },
  {
    kind: 'authorization',
    regex: header(AUTHORIZATION, String.raw`(?:Digest|AWS4-HMAC-SHA256|OAuth)\s+`, String.raw`[^\]"'\n]+`),
    keywords: ['authorization'],
  },
  {
    kind: 'authorization',
    regex: header(
      AUTHORIZATION,
      String.raw`(?:(?:Basic|Bearer|Token|Negotiate|NTLM|JWT|Key|SharedKey)\s+)?`,
      String.raw`[^\s"',\]]+`,
    ),
    keywords: ['authorization'],
  },
  // Docker's config.json: `"auth": "<base64 of user:password>"`.
  {
    kind: 'authorization',
    regex: /(?<![\w\\-])\\*["']auth\\*["']\s*:\s*\\*["'](?<value>[A-Za-z0-9+/]{6,}={0,2})/dg,
    keywords: ['auth'],
  },
  // SMTP/IMAP: AUTH PLAIN <base64>, and the base64 answer to `334 UGFzc3dvcmQ6` ("Password:").
  {
    kind: 'authorization',
    regex: /\bAUTH\s+(?:PLAIN|XOAUTH2|LOGIN|CRAM-MD5)\s+(?<value>[A-Za-z0-9+/]{4,}={0,2})/dgi,
    keywords: ['auth'],
  },
  {
    kind: 'authorization',
    regex: /\b334 UGFzc3dvcmQ6\s+(?:[<>C:]{1,3}\s*)?(?<value>[A-Za-z0-9+/]{4,}={0,2})/dg,
    keywords: ['334 ugfzc3dvcmq6'],
  },
  { kind: 'cookie', regex: header('set[_-]cookie|cookie', '', String.raw`[^\n"'\]]+`), keywords: ['cookie'] },
  // OpenStack/Swift/AWS token headers and the usual token keys, with or without a prefix; Docker's.
  {
    kind: 'token',
    regex: keyed(
      String.raw`x[_-](?:auth|subject|storage|service|amz[_-]security|openstack[_-]auth|csrf)[_-]token|x[_-]auth[_-]key|x[_-]api[_-]key|api[_-]?key|api[_-]?token|access[_-]?token|refresh[_-]?token|id[_-]?token|auth[_-]?token|session[_-]?token|bearer[_-]?token|private[_-]?token|identitytoken|registrytoken|token|x[_-]amz[_-]signature|signature|dockerconfigjson|dockercfg`,
    ),
    keywords: ['token', 'key', 'signature', 'dockercfg', 'dockerconfigjson'],
  },
  // Keystone's token object: `"token": {"id": "gAAAA…"}`.
  {
    kind: 'token',
    regex: /["']token["']\s*:\s*\{\s*["'](?:id|value)["']\s*:\s*(?:"(?<dq>[^"\n]*)"|'(?<sq>[^'\n]*)')/dgi,
    keywords: ['token'],
  },
  // Chinese labels: 令牌 (token).
  { kind: 'token', regex: labelled('令牌'), keywords: ['令牌'], prose: true },
  // A JSON Web Token anywhere.
  {
    kind: 'token',
    regex: /(?<value>(?<![\w-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*)/dg,
    keywords: ['eyj'],
  },
  { kind: 'token', regex: /\bBearer\s+(?<value>[A-Za-z0-9._~+/=-]{8,})/dg, keywords: ['bearer'] },
  // Secret keys before access keys: `aws_secret_access_key` is the secret one. Azure's AccountKey /
  // SharedAccessKey, Rails' SECRET_KEY_BASE.
  {
    kind: 'secret-key',
    regex: keyed(
      String.raw`(?:aws[_-]?)?secret[_-]?(?:access[_-]?)?key|secretkey|secretaccesskey|secret[_-]?key[_-]?base|sk|account[_-]?key|shared[_-]?access[_-]?(?:key|signature)`,
    ),
    keywords: ['secret', 'sk', 'key', 'shared'],
  },
  // An Azure SAS signature in a URL.
  { kind: 'secret-key', regex: /(?<![\w.-])sig=(?<value>[A-Za-z0-9%+/=]{20,})/dg, keywords: ['sig='] },
  { kind: 'secret-key', regex: labelled('密钥'), keywords: ['密钥'], prose: true },
  // Ceph keyring `key = AQ…==`, and a Ceph key anywhere.
  { kind: 'secret-key', regex: /(?<![\w.-])key\s*[=:]\s*(?<value>AQ[A-Za-z0-9+/]{20,}={0,2})/dg, keywords: ['key'] },
  {
    kind: 'secret-key',
    regex: /(?<![A-Za-z0-9+/])(?<value>AQ[A-Za-z0-9+/]{36}==)(?![A-Za-z0-9+/=])/dg,
    keywords: ['aq'],
  },
  {
    kind: 'access-key',
    regex: keyed(String.raw`(?:aws[_-]?)?access[_-]?key(?:[_-]?id)?|accesskey(?:id)?|ak`),
    keywords: ['access', 'ak'],
  },
  // Password keys; a suffix (`password_expires_at`, `PasswordAuthentication`) makes it another key.
  // `PWD=/home/x` (sudo, env dumps) is the working folder, not ODBC's `Pwd=secret`.
  {
    kind: 'password',
    regex: keyed(
      String.raw`[\w.-]*?(?:password|passwd|passphrase|secret)\d*|[\w.-]*?pwd\d*(?!["']?\s*[:=]\s*["']?[/~])|client[_-]?secret|bindpw`,
      false,
    ),
    keywords: ['pass', 'pwd', 'secret', 'bindpw'],
  },
  { kind: 'password', regex: labelled('密码|口令'), keywords: ['密码', '口令'], prose: true },
  // Prose: `password is X`, `password set to X` (the words after it are not a secret: NOT_A_SECRET).
  {
    kind: 'password',
    regex:
      /(?<![\w.-])(?:password|passwd|passphrase)\s+(?:is|set to|changed to|reset to)\s*:?\s+(?:"(?<dq>[^"\n]*)"|'(?<sq>[^'\n]*)'|(?<value>[^\s,;'"]+))/dgi,
    keywords: ['pass'],
    prose: true,
  },
  // XML: <password>X</password>, <ns:dbPassword attr="…">X</…>; .NET <add key="Password" value="X"/>.
  {
    kind: 'password',
    regex: new RegExp(
      String.raw`<(?:[\w.-]{0,64}?[:_.-]?)(?:${PASSWORD_WORDS}|${TOKEN_WORDS})(?:\s[^<>\n]{0,256})?>(?<value>[^<\n]+)</`,
      'dgi',
    ),
    keywords: ['<'],
  },
  {
    kind: 'password',
    regex: new RegExp(
      String.raw`<add\s+key\s*=\s*["'][^"'\n]{0,64}?(?:${PASSWORD_WORDS}|${TOKEN_WORDS}|connectionstring)["']\s+value\s*=\s*(?:"(?<dq>[^"\n]*)"|'(?<sq>[^'\n]*)')`,
      'dgi',
    ),
    keywords: ['<add'],
  },
  // Command lines: --password X, --os-auth-token X, --token X (kubeadm), -u user:pw (curl), mysql -pX,
  // sshpass -p X, ipmitool -P X, redis-cli -a X, smbclient -U user%pw, argv lists.
  ...(['password', 'token'] as const).map((kind) => ({
    kind,
    regex: new RegExp(
      String.raw`(?<![\w-])--(?:[\w-]*[-_])?(?:${kind === 'password' ? PASSWORD_WORDS : TOKEN_WORDS})(?:[\s=]+)(?!--)(?<value>"[^"\n]*"|'[^'\n]*'|[^\s,\]"']+)`,
      'dgi',
    ),
    accept: (value: string) => !namesAFile(value),
    keywords: ['--'],
  })),
  {
    kind: 'password',
    regex: /["']--[\w-]*(?:password|passwd|secret|token)["']\s*,\s*(?:"(?<dq>[^"\n]*)"|'(?<sq>[^'\n]*)')/dgi,
    keywords: ['--'],
  },
  { kind: 'password', regex: /(?:^|\s)(?:-u|--user)\s+["']?[^\s:'"]+:(?<value>[^\s'"]+)/dg, keywords: ['-u'] },
  { kind: 'password', regex: /\bmysql(?:dump|admin)?\b[^\n]{0,512}?\s-p(?<value>[^\s-][^\s]*)/dg, keywords: ['mysql'] },
  { kind: 'password', regex: /\bsshpass\s+-p\s*(?<value>\S+)/dg, keywords: ['sshpass'] },
  {
    kind: 'password',
    regex: /\bipmitool\b[^\n]{0,512}?\s-P\s*(?<value>"[^"\n]*"|'[^'\n]*'|[^\s'"]+)/dg,
    keywords: ['ipmitool'],
  },
  {
    kind: 'password',
    regex: /\bredis-cli\b[^\n]{0,512}?\s-a\s+(?<value>"[^"\n]*"|'[^'\n]*'|[^\s'"]+)/dg,
    keywords: ['redis-cli'],
  },
  { kind: 'password', regex: /\bsmbclient\b[^\n]{0,512}?\s-U\s*[^\s%]{1,64}%(?<value>\S+)/dg, keywords: ['smbclient'] },
  { kind: 'password', regex: /\bIDENTIFIED\s+BY\s+(?<value>'[^'\n]*'|"[^"\n]*"|\S+)/dgi, keywords: ['identified'] },
  // Redis: requirepass / masterauth in redis.conf or CONFIG SET; AUTH in MONITOR output.
  {
    kind: 'password',
    regex: /(?<![\w-])(?:requirepass|masterauth)\s+(?:"(?<dq>[^"\n]*)"|'(?<sq>[^'\n]*)'|(?<value>\S+))/dgi,
    keywords: ['requirepass', 'masterauth'],
  },
  { kind: 'password', regex: /"AUTH"(?:\s+"[^"\n]*")?\s+"(?<dq>[^"\n]*)"/dg, keywords: ['"auth"'] },
  // .pgpass: host:port:database:user:password; netrc: machine H login U password P.
  {
    kind: 'password',
    regex: /^[ \t]*[^\s:#]{1,255}:(?:\d{1,5}|\*):[^\s:]{1,255}:[^\s:]{1,255}:(?<value>\S+)[ \t]*$/dgm,
    keywords: [':'],
  },
  {
    kind: 'password',
    regex: /(?<![\w-])(?:login|machine)\s+\S{1,255}\s+password\s+(?<value>\S+)/dg,
    keywords: ['password'],
    prose: true,
  },
  { kind: 'password', regex: /^[ \t]*password[ \t]+(?<value>\S+)[ \t]*$/dgm, keywords: ['password'], prose: true },
  // A crypt(3) hash (/etc/shadow): not the password, but enough to guess it offline.
  {
    kind: 'password',
    regex: /(?<value>(?<![\w$])\$(?:1|2[abxy]?|5|6|y|gy|7)\$[^\s:$]{0,64}\$[./A-Za-z0-9$]{20,})/dg,
    keywords: ['$'],
  },
  // URL-encoded: %22password%22%3A%22X%22 (JSON in a query) and password%3DX%26 (a form in a form).
  {
    kind: 'password',
    regex: new RegExp(
      String.raw`%22(?:[\w.-]{0,64}?[_.-])?(?:${PASSWORD_WORDS}|${TOKEN_WORDS})%22(?:%20|\+)*%3A(?:%20|\+)*%22(?<value>[^\s&"'%]*(?:%(?!22)[0-9A-Fa-f]{2}[^\s&"'%]*)*)`,
      'dgi',
    ),
    keywords: ['%22'],
  },
  {
    kind: 'password',
    regex: new RegExp(
      String.raw`(?:(?<=%2[026Cc]|%3[Ff]|%3[Bb])|(?<![\w.%-]))(?:[\w.-]{0,64}?[_.-])?(?:${PASSWORD_WORDS}|${TOKEN_WORDS})%3[Dd](?<value>[^\s&"'%]*(?:%(?!2[26]|3[Bb])[0-9A-Fa-f]{2}[^\s&"'%]*)*)`,
      'dgi',
    ),
    keywords: ['%3d'],
  },
  ...TOKEN_PATTERNS,
];

/** Where the secret of a match is (start and end in the searched text), or null when no value group matched. */
export function secretSpan(match: RegExpExecArray): { start: number; end: number } | null {
  const spans = match.indices?.groups;
  if (!spans) return null;
  for (const name of ['dq', 'sq', 'eq', 'value']) {
    const span = spans[name];
    if (span) return { start: span[0], end: span[1] };
  }
  return null;
}
