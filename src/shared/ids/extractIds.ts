/**
 * Request and resource ids in event text, for correlation ("trace this request across services").
 *
 * What is found (see FORMATS.md §1.2, §1.5, §3.2):
 * - OpenStack request ids `req-<uuid>` anywhere; in the oslo context block `[req-G req-L …]` the
 *   first of two is the global request id (role `global-request`), as is `greq-<uuid>` (SAP CC);
 *   the user and project ids that follow the local id there (32 hex, or `-`/`None`) are
 *   resources with role `user`/`project`.
 * - Header/key values: `X-Request-ID`, `request_id=`, `requestId":"…"` (role `x-request-id`),
 *   `trace_id=`, `traceId`, `traceparent` (role `trace`); a value that is a `req-<uuid>` is an
 *   OpenStack request id like any other (role null, or `global-request` for `global_request_id`).
 * - Cloudpods access-line rids, only in `<status> <rid> <METHOD>` (role `cloudpods-rid`).
 * - UUIDs anywhere (kind resource), role from the word just before (`volume_id=`, `[instance: `,
 *   `/servers/`, `execution_id=`, `wf_ex_id=`, …; an item of a list inherits the list's role).
 * - 32-hex tokens only where they are user/project ids (oslo identity, `project_id=`,
 *   `/v2/<project>/` URLs): elsewhere they are tokens, hashes or checksums and are skipped.
 * - IPv4 (not inside a longer dotted number; a `:port` is dropped). IPv6 is not extracted:
 *   `::` and colon-separated hex (times, MACs, Go/C++ names) make it too noisy without context.
 * - Host names only after `host=`, `hostname:`, `node=`, `"host": "…"`, or `host <name>` where
 *   the name is quoted or has a digit, dot or hyphen; module paths (`nova.compute.manager`) are not.
 *
 * All values are lowercase (ids are case-insensitive in practice, and lookups are exact-match).
 * One left-to-right pass: a scanner visits word starts and tries the few precompiled sticky
 * patterns that their first characters allow; nothing is compiled per call.
 */

/** What an id is: a request (trace through services), a resource (a thing), an address, a host. */
export type IdKind = 'request' | 'resource' | 'ip' | 'host';

/** One id found in an event's text. */
export interface FoundId {
  kind: IdKind;
  /** Normalised value: lowercase for uuids/hex ids; IPs without port; hosts lowercase. */
  value: string;
  /** What the id names when the text says so (`volume`, `instance`, `execution`, `global-request`, `cloudpods-rid`, …) or null. */
  role: string | null;
  /** Char offset of the id in the text. */
  start: number;
  /** Char offset just past the id. */
  end: number;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = `${OCTET}(?:\\.${OCTET}){3}`;
const KEY_SEP = `["']?\\s*[:=]\\s*["']?`;
const HOST_NAME = '[a-z0-9][a-z0-9.-]*';

// Sticky patterns, tried by a hand-written scanner only at word starts whose first characters
// fit (one global regex with all of them as alternatives tries each at every position: ~1.7x slower).
const CTX_Y = new RegExp(
  `\\[(?:None |(req-${UUID}) )?(req-${UUID})(?: ([0-9a-f]{32}|-|None) ([0-9a-f]{32}|-|None)(?=[\\s\\]]))?`,
  'iy',
);
const REQ_Y = new RegExp(`(g?)req-(${UUID})(?!\\w)`, 'iy');
const RKEY_Y = new RegExp(
  `(x-openstack-request-id|global[_-]?request[_-]?id|x-request-id|request[_-]?id|x-b3-traceid|x-trace-id|trace[_-]?id|traceparent)${KEY_SEP}([\\w.:-]{4,160})`,
  'iy',
);
const HOST_KV_Y = new RegExp(`(?:host_?name|host|node_?name|node)${KEY_SEP}(${HOST_NAME})`, 'iy');
const HOST_SP_Y = new RegExp(`host\\s+(["']?)(${HOST_NAME})`, 'iy');
const CRID_Y = /[1-5]\d\d ([0-9a-f]{6}(?:-[0-9a-f]{6})*) ([A-Z]{3,7})(?!\S)/y;
const UUID_Y = new RegExp(`${UUID}(?!\\w)`, 'iy');
const HEX_Y = /[0-9a-f]{32}(?!\w)/iy;
const IP_Y = new RegExp(`${IPV4}(?!\\.?\\d)`, 'y');

const QUICK = /[\d-]|host|node/i;
// Indexed by any UTF-16 code unit (and by 0 past the end), so lookups never leave the array.
const WORD = new Uint8Array(65536); // [A-Za-z0-9_], as regex \w
const HEX = new Uint8Array(65536);
for (let c = 48; c <= 57; c++) WORD[c] = HEX[c] = 1;
for (let c = 65; c <= 90; c++) WORD[c] = WORD[c + 32] = 1;
for (let c = 65; c <= 70; c++) HEX[c] = HEX[c + 32] = 1;
WORD[95] = 1;
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;
const UUID_ONLY = new RegExp(`^${UUID}$`);
const REQ_ONLY = new RegExp(`^g?req-(${UUID})$`);
const IPV4_ONLY = new RegExp(`^${IPV4}$`);
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;
const RID_ONLY = /^[0-9a-f]{6}(?:-[0-9a-f]{6})*$/;
const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);
const NOT_A_VALUE = new Set(['none', 'null', 'nil', 'undefined', 'unknown', 'localhost', 'true', 'false']);
const ID_SUFFIX = /(?:[._-]?(?:uuids?|ids?))$/;
// Last labels that make an all-letters dotted name a host rather than a module path.
const HOST_TLDS = new Set(
  'com net org io us cn de uk jp fr ru eu info biz edu gov mil int local localdomain lan internal intra corp home cloud arpa site'.split(
    ' ',
  ),
);

// Words (lowercase, `_id`/`_ids`/`Id` suffix removed) that name the uuid that follows them.
const ROLE_WORDS = new Map<string, string>();
for (const [role, words] of [
  ['volume', 'volume volumes vol vols'],
  ['server', 'server servers'],
  ['instance', 'instance instances'],
  ['execution', 'execution executions wf_ex wf_execution workflow_execution'],
  ['task', 'task tasks task_ex task_execution'],
  ['action', 'action actions action_ex action_execution'],
  ['image', 'image images'],
  ['snapshot', 'snapshot snapshots'],
  ['port', 'port ports'],
  ['network', 'network networks net'],
  ['subnet', 'subnet subnets'],
  ['router', 'router routers'],
  ['project', 'project projects tenant tenants v2 v2.1 v3'],
  ['user', 'user users'],
  ['domain', 'domain domains'],
  ['stack', 'stack stacks'],
  ['cell', 'cell cells'],
  ['backup', 'backup backups'],
  ['node', 'node nodes'],
  ['host', 'host hosts'],
  ['migration', 'migration migrations'],
  ['guest', 'guest guests'],
  ['storage', 'storage storages'],
  ['disk', 'disk disks'],
] as const) {
  for (const w of words.split(' ')) ROLE_WORDS.set(w, role);
}
/** Every role extractIds gives an id: the role words' and those of request ids. */
export const ID_ROLES: readonly string[] = [
  ...new Set(ROLE_WORDS.values()),
  'global-request',
  'x-request-id',
  'trace',
  'cloudpods-rid',
];
const HEX32_ROLES = new Set(['user', 'project', 'domain']);

// Characters skipped between a role word and its uuid (at most MAX_SEPS of them).
const SEP = new Uint8Array(128);
for (const c of ' \t:="\'[({</,') SEP[c.charCodeAt(0)] = 1;
const MAX_SEPS = 5;
const isRoleWordChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46;

/** The role named by the word just before `start`; a list item after `prevEnd` inherits `prevRole`. */
function roleBefore(text: string, start: number, prevEnd: number, prevRole: string | null): string | null {
  let i = start;
  let comma = false;
  while (i > 0 && start - i < MAX_SEPS) {
    const c = text.charCodeAt(i - 1);
    if (c >= 128 || SEP[c] !== 1) break;
    if (c === 44) comma = true;
    i--;
  }
  if (comma && i === prevEnd) return prevRole;
  const end = i;
  while (i > 0 && end - i < 40 && isRoleWordChar(text.charCodeAt(i - 1))) i--;
  if (i === end) return null;
  const word = text.slice(i, end).toLowerCase();
  const direct = ROLE_WORDS.get(word);
  if (direct !== undefined) return direct;
  const stripped = word.replace(ID_SUFFIX, '');
  const dot = stripped.lastIndexOf('.');
  return ROLE_WORDS.get(stripped) ?? (dot >= 0 ? ROLE_WORDS.get(stripped.slice(dot + 1)) : undefined) ?? null;
}

/** Whether `name` (lowercase) can be a host name, not a module path, number or placeholder. */
function plausibleHost(name: string): boolean {
  if (NOT_A_VALUE.has(name) || /^[\d.]+$/.test(name) || /^\d+\./.test(name)) return false;
  if (name.includes('.') && /^[a-z]+(?:\.[a-z]+)+$/.test(name)) {
    return HOST_TLDS.has(name.slice(name.lastIndexOf('.') + 1));
  }
  return true;
}

/** Trailing `.`/`-`/`:` are punctuation, not part of the id. */
function trimTail(value: string): string {
  let n = value.length;
  while (n > 0) {
    const c = value.charCodeAt(n - 1);
    if (c !== 46 && c !== 45 && c !== 58) break;
    n--;
  }
  return n === value.length ? value : value.slice(0, n);
}

/**
 * Every id in one event's text (first line + continuation lines joined by `'\n'`), in order of
 * appearance; a value seen again is dropped (the first occurrence, with its role, is kept).
 */
export function extractIds(text: string): FoundId[] {
  const out: FoundId[] = [];
  if (text.length < 4 || !QUICK.test(text)) return out;
  let prevEnd = -1;
  let prevRole: string | null = null;
  bigSeen = null;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (WORD[c] === 0) {
      if (c === 91 /* [ */ && i + 41 <= n && ((text.charCodeAt(i + 1) | 32) === 114 || text.charCodeAt(i + 1) === 78)) {
        const end = osloContext(text, i, out);
        if (end > 0) {
          i = end;
          continue;
        }
      }
      i++;
      continue;
    }
    // A word starts at i. Cheap character checks pick the patterns worth trying here.
    let end = -1;
    const lc = c | 32;
    const lc2 = i + 1 < n ? text.charCodeAt(i + 1) | 32 : 0;
    if (
      (lc === 114 /* r */ && lc2 === 101) /* e */ ||
      (lc === 103 /* g */ && (lc2 === 114 || lc2 === 108)) /* r l */ ||
      (lc === 120 /* x */ && lc2 === 45) /* - */ ||
      (lc === 116 /* t */ && lc2 === 114) /* r */
    ) {
      end = requestAt(text, i, lc, out);
    } else if ((lc === 104 /* h */ || lc === 110) /* n */ && lc2 === 111 /* o */) {
      end = hostAt(text, i, out);
    }
    if (end < 0 && HEX[c] === 1) {
      const d = i + 32 <= n ? text.charCodeAt(i + 8) : 0;
      if (c <= 57 && i + 3 < n && text.charCodeAt(i + 3) === 32 && (i === 0 || isSpace(text.charCodeAt(i - 1)))) {
        CRID_Y.lastIndex = i;
        const m = CRID_Y.exec(text);
        if (m !== null && HTTP_METHODS.has(m[2])) {
          add(out, 'request', m[1], 'cloudpods-rid', i + 4);
          end = i + 4 + m[1].length;
        }
      }
      if (end < 0 && d === 45 /* - */) {
        UUID_Y.lastIndex = i;
        if (UUID_Y.test(text)) {
          end = i + 36;
          const role = roleBefore(text, i, prevEnd, prevRole);
          add(out, 'resource', text.slice(i, end).toLowerCase(), role, i);
          prevEnd = end;
          prevRole = role;
        }
      } else if (end < 0 && HEX[d] === 1 && HEX[text.charCodeAt(i + 31)] === 1 && HEX[text.charCodeAt(i + 16)] === 1) {
        HEX_Y.lastIndex = i;
        if (HEX_Y.test(text)) {
          end = i + 32;
          const role = roleBefore(text, i, prevEnd, prevRole);
          if (role !== null && HEX32_ROLES.has(role)) add(out, 'resource', text.slice(i, end).toLowerCase(), role, i);
        }
      }
      if (end < 0 && c <= 57 && dotWithin3(text, i + 1) && (i === 0 || text.charCodeAt(i - 1) !== 46)) {
        IP_Y.lastIndex = i;
        const m = IP_Y.exec(text);
        if (m !== null) {
          add(out, 'ip', m[0], null, i);
          end = i + m[0].length;
        }
      }
    }
    if (end > 0) {
      i = end;
      continue;
    }
    i++;
    while (i < n) {
      const w = text.charCodeAt(i);
      if (WORD[w] === 0) break;
      i++;
    }
  }
  bigSeen = null;
  return out;
}

/** Whether a `.` follows at most two more digits from `i` (an IPv4 octet's end). */
function dotWithin3(text: string, i: number): boolean {
  for (let j = i, e = Math.min(i + 3, text.length); j < e; j++) {
    const c = text.charCodeAt(j);
    if (c === 46) return true;
    if (c < 48 || c > 57) return false;
  }
  return false;
}

let bigSeen: Set<string> | null = null; // values of a long `out`, for the current call only

/** Appends an id unless its value is already in `out` (usually short: a linear scan beats a Set). */
function add(out: FoundId[], kind: IdKind, value: string, role: string | null, start: number): void {
  if (out.length < 32) {
    for (let k = 0; k < out.length; k++) if (out[k].value === value) return;
  } else {
    bigSeen ??= new Set(out.map((f) => f.value));
    if (bigSeen.has(value)) return;
    bigSeen.add(value);
  }
  out.push({ kind, value, role, start, end: start + value.length });
}

/** An oslo context block at `at` (`[`): its request ids and identity; returns its end or -1. */
function osloContext(text: string, at: number, out: FoundId[]): number {
  CTX_Y.lastIndex = at;
  const m = CTX_Y.exec(text);
  if (m === null) return -1;
  let p = at + 1;
  if (m[1] !== undefined) {
    add(out, 'request', m[1].toLowerCase(), 'global-request', p);
    p += m[1].length + 1;
  } else if ((text.charCodeAt(p) | 32) === 110 /* n of None */) p += 5;
  add(out, 'request', m[2].toLowerCase(), null, p);
  p += m[2].length + 1;
  const user = m[3];
  if (user !== undefined) {
    if (user.length === 32) add(out, 'resource', user.toLowerCase(), 'user', p);
    if (m[4].length === 32) add(out, 'resource', m[4].toLowerCase(), 'project', p + user.length + 1);
  }
  return at + m[0].length;
}

/** `req-<uuid>`, `greq-<uuid>` or a request/trace key and its value at `at`; returns the end or -1. */
function requestAt(text: string, at: number, lc: number, out: FoundId[]): number {
  if (lc === 114 || lc === 103) {
    REQ_Y.lastIndex = at;
    const m = REQ_Y.exec(text);
    if (m !== null) {
      add(out, 'request', `req-${m[2].toLowerCase()}`, m[1] === '' ? null : 'global-request', at + m[1].length);
      return at + m[0].length;
    }
  }
  RKEY_Y.lastIndex = at;
  const m = RKEY_Y.exec(text);
  if (m === null) return -1;
  const key = m[1].toLowerCase();
  const raw = trimTail(m[2]);
  const value = raw.toLowerCase();
  const start = at + m[0].length - m[2].length;
  const req = REQ_ONLY.exec(value);
  if (req !== null) {
    add(out, 'request', `req-${req[1]}`, key.startsWith('global') ? 'global-request' : null, start + value.length - 40);
  } else if (value.length >= 4 && !NOT_A_VALUE.has(value)) {
    const tp = TRACEPARENT.exec(value);
    if (tp !== null) add(out, 'request', tp[1], 'trace', start + 3);
    else add(out, 'request', value, key.includes('trace') ? 'trace' : 'x-request-id', start);
  }
  return start + raw.length;
}

/** A host name after `host=`, `hostname:`, `node=`, `host <name>` at `at`; returns the end or -1. */
function hostAt(text: string, at: number, out: FoundId[]): number {
  HOST_KV_Y.lastIndex = at;
  let m = HOST_KV_Y.exec(text);
  let quoted = true;
  if (m === null) {
    HOST_SP_Y.lastIndex = at;
    m = HOST_SP_Y.exec(text);
    if (m === null) return -1;
    quoted = m[1] !== '';
  }
  const raw = m[m.length - 1];
  const name = trimTail(raw).toLowerCase();
  const start = at + m[0].length - raw.length;
  const end = start + name.length;
  const next = text.charCodeAt(end);
  if (next === 95 || next === 40 || next === 64) return -1; // `_`, `(`, `@`: code, or user@host
  if (IPV4_ONLY.test(name)) add(out, 'ip', name, null, start);
  else if ((quoted || /[\d.-]/.test(name)) && plausibleHost(name)) add(out, 'host', name, null, start);
  else return -1;
  return end;
}

/**
 * The exact-match index keys under which an id is stored and looked up: the value itself, plus
 * the bare uuid of a `req-<uuid>`, plus every ancestor prefix of a Cloudpods rid
 * (`c3ee55-a1b2c3` → `c3ee55`), so that tracing `c3ee55` finds the downstream requests too.
 */
export function idKeys(id: FoundId): string[] {
  const keys = [id.value];
  if (id.kind !== 'request') return keys;
  if (id.value.startsWith('req-') && id.value.length === 40) keys.push(id.value.slice(4));
  else if (id.role === 'cloudpods-rid') {
    for (let i = id.value.indexOf('-'); i > 0; i = id.value.indexOf('-', i + 1)) keys.push(id.value.slice(0, i));
  }
  return keys;
}

/**
 * Classifies what a user typed (trace box, `id:` query) into the key to look up, or null if it
 * does not look like an id. Accepts `req-<uuid>` (and `greq-`), uuids, Cloudpods rids, IPv4
 * (a port is dropped), 32-hex ids, trace ids (16 hex, W3C `traceparent`) and host names.
 * The kind is a hint: the index keys are the lowercase values, whatever the kind.
 */
export function normalizeIdQuery(input: string): { key: string; kind: IdKind } | null {
  const s = input
    .trim()
    .replace(/^["'[(<]+/, '')
    .replace(/["'\])>,;.]+$/, '')
    .toLowerCase();
  if (s === '' || /\s/.test(s)) return null;
  const req = REQ_ONLY.exec(s);
  if (req !== null) return { key: `req-${req[1]}`, kind: 'request' };
  if (/^g?req-/.test(s)) return null; // a truncated or mistyped request id
  if (UUID_ONLY.test(s)) return { key: s, kind: 'resource' };
  if (RID_ONLY.test(s)) return { key: s, kind: 'request' };
  const ip = /^([\d.]+)(?::\d{1,5})?$/.exec(s);
  if (ip !== null) return IPV4_ONLY.test(ip[1]) ? { key: ip[1], kind: 'ip' } : null;
  if (/^[0-9a-f]{32}$/.test(s)) return { key: s, kind: 'resource' };
  if (/^[0-9a-f]{16}$/.test(s)) return { key: s, kind: 'request' };
  const tp = TRACEPARENT.exec(s);
  if (tp !== null) return { key: tp[1], kind: 'request' };
  if (/^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/.test(s) && /[\d.-]/.test(s) && plausibleHost(s))
    return { key: s, kind: 'host' };
  return null;
}
