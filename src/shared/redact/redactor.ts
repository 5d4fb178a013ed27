/**
 * Redaction of what leaves the laptop in a report: secrets are masked (`[REDACTED:password]`),
 * and — when asked — IP addresses, host names and e-mail addresses get consistent pseudonyms
 * (`ip-1`, `host-1`, `email-1`: the same address is the same alias everywhere in the report),
 * so the story of the incident still reads. Counts every replacement by kind, for the report to
 * state. Works on text only; the bundle is never touched.
 *
 * Secrets are found three ways, in this order: by their shape (secretPatterns.ts, tokenPatterns.ts),
 * because the same value was masked elsewhere (learnedSecrets.ts: `learn` every text first, then
 * `redact`), and by looking random (highEntropySpans.ts).
 */
import { highEntropySpans } from './highEntropySpans.ts';
import { LearnedSecrets } from './learnedSecrets.ts';
import { NOT_A_SECRET, PROSE_WORD, SECRET_PATTERNS, secretSpan, type SecretKind } from './secretPatterns.ts';

/** The kinds the network option pseudonymises. */
export type NetworkKind = 'ip' | 'host' | 'email';
export type RedactionKind = SecretKind | NetworkKind;

/** What to redact. */
export interface RedactionOptions {
  /**
   * Passwords, tokens, Authorization and Cookie values, access/secret keys, private keys,
   * connection-string credentials, vendor tokens, random-looking tokens, and every value masked
   * once wherever else it stands.
   */
  secrets: boolean;
  /** IP addresses, host names and e-mail addresses, replaced by consistent pseudonyms. */
  network: boolean;
}

/** What a report says about its redaction. */
export interface RedactionSummary {
  secrets: boolean;
  network: boolean;
  /**
   * Replacements made, by kind (kinds with none are left out): `learned` counts values masked
   * because the same value was masked elsewhere, `high-entropy` tokens masked for looking random.
   */
  counts: Partial<Record<RedactionKind, number>>;
  total: number;
  /** Distinct addresses and names given a pseudonym. */
  pseudonyms: number;
}

// Not after a word and a slash (`openresty/1.21.4.1`) or a version word (`kernel 5.4.0.150`).
const IPV4 =
  /(?<![\w.])(?<!\w\/)(?<!\b(?:version|kernel|release|ver|v)\s?)(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?![\w.]*\d)(?::\d{1,5})?/gi;
// Full IPv6 and the compressed forms with at least one hex group on each side of `::` or a
// known prefix (a bare `::` or a clock such as 16:24:31 is not an address).
const IPV6 =
  /(?<![\w:])(?:(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|(?:fe80|fd[0-9a-f]{2}|fc[0-9a-f]{2}|2[0-9a-f]{3})(?::[0-9a-f]{0,4}){2,7})(?![\w:])/gi;
const EMAIL = /(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])/g;
// Fully qualified names under the suffixes customer networks use.
// A name may be followed by `-2025` (`sosreport-db01.customer.com-2025.tar.gz`), not by `-word`.
const FQDN =
  /(?<![\w.-])(?=[a-z0-9.-]*[a-z])[a-z0-9](?:[a-z0-9-]{0,62})(?:\.[a-z0-9-]{1,63})*\.(?:com|net|org|cn|io|cloud|local|lan|internal|intra|corp|home|localdomain)(?![\w]|-[a-z])/gi;
// Public and product domains: source paths and image names (`yunion.io/x/onecloud`, `k8s.io/…`,
// `docker.io/…`) name software, not the customer's machines.
const PUBLIC_DOMAINS =
  /(?:^|\.)(?:yunion\.io|yunion\.cn|k8s\.io|kubernetes\.io|golang\.org|go\.dev|github\.com|gitlab\.com|docker\.io|docker\.com|gcr\.io|quay\.io|googleapis\.com|google\.com|redhat\.com|centos\.org|fedoraproject\.org|ubuntu\.com|debian\.org|python\.org|pypi\.org|openstack\.org|apache\.org|microsoft\.com|windowsupdate\.com|oneprocloud\.com|aliyun\.com|aliyuncs\.com|amazonaws\.com|etcd\.io|prometheus\.io|grafana\.com|elastic\.co|npmjs\.org|nodejs\.org|mysql\.com|mariadb\.org|postgresql\.org)$/i;
// Names the log itself calls a host: `host=vm-web01`, `hostname: node-3`, `Host: api.example`.
const NAMED_HOST =
  /(?<![\w-])(?:host|hostname|host_name|node|node_name|nodename)["']?\s*[:=]\s*["']?(?<name>[A-Za-z][A-Za-z0-9._-]{2,62})/gi;
const NOT_HOSTS = new Set(['localhost', 'localhost.localdomain', 'none', 'null', 'true', 'false', 'unknown']);

/** A value without the quotes a pattern kept around it. */
const unquoted = (value: string): string => value.replace(/^(["'])([\s\S]*)\1$/, '$2');
/** Parts of a masked value that are secrets on their own: the password of `user:password`, each cookie's value, a scheme's credential. */
function secretParts(kind: SecretKind, value: string): string[] {
  if (kind === 'connection-string') return [value.replace(/^[^:/]*[:/]/, '')];
  if (kind === 'cookie') return value.split(/;\s*/).map((part) => part.slice(part.indexOf('=') + 1));
  if (kind === 'authorization') return value.split(/\s+/);
  return [];
}
/** A value whose secret part an earlier pattern already masked (a PEM body inside a `private_key` string). */
const alreadyMasked = (value: string): boolean =>
  value.includes('[REDACTED:') &&
  !/[A-Za-z0-9]{3}/.test(value.replace(/\[REDACTED:[^\]]*\]|-----[A-Z0-9 ]+-----|\\[nr]/g, ''));
/** `text` with its %XX runs decoded where they decode (a malformed run is kept). */
const percentDecoded = (text: string): string =>
  text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });

export class Redactor {
  private readonly counts = new Map<RedactionKind, number>();
  private readonly aliases = new Map<string, string>();
  private readonly next: Record<NetworkKind, number> = { ip: 0, host: 0, email: 0 };
  private readonly hosts = new Set<string>();
  private hostPattern: RegExp | null = null;
  private readonly learned = new LearnedSecrets();

  constructor(readonly options: RedactionOptions) {}

  /**
   * First pass: remembers the secret values a text gives away and the host names it names, so
   * that every mention of them — in a path, a message, a note, a query — is masked or gets the
   * same alias, also before the text that gave them away. Call on every text before `redact`.
   */
  learn(text: string): void {
    if (this.options.secrets) this.learnSecrets(text);
    if (!this.options.network) return;
    for (const regex of [FQDN, NAMED_HOST]) {
      for (const match of text.matchAll(regex)) {
        const name = (match.groups?.name ?? match[0]).replace(/\.+$/, '');
        // A name with a digit or a dot: plain words and software names ("compute", "kube-proxy") stay as they are.
        if (
          !/[\d.]/.test(name) ||
          NOT_HOSTS.has(name.toLowerCase()) ||
          /^[\d.]+$/.test(name) ||
          PUBLIC_DOMAINS.test(name)
        )
          continue;
        if (!this.hosts.has(name)) {
          this.hosts.add(name);
          this.hostPattern = null;
        }
      }
    }
  }

  /** The text with its secrets masked and (when asked) its addresses and names pseudonymised. */
  redact(text: string): string {
    let out = text;
    if (this.options.secrets) {
      out = this.maskHighEntropy(this.maskSecrets(out, true), true);
      this.learnEncoded(text);
      out = this.learned.mask(out, () => this.mask('learned'));
    }
    if (this.options.network) out = this.pseudonymise(out);
    return out;
  }

  summary(): RedactionSummary {
    const counts: Partial<Record<RedactionKind, number>> = {};
    let total = 0;
    for (const [kind, n] of this.counts) {
      counts[kind] = n;
      total += n;
    }
    return {
      secrets: this.options.secrets,
      network: this.options.network,
      counts,
      total,
      pseudonyms: this.aliases.size,
    };
  }

  private count(kind: RedactionKind): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
  }

  private mask(kind: RedactionKind): string {
    this.count(kind);
    return `[REDACTED:${kind}]`;
  }

  private learnSecrets(text: string): void {
    this.maskHighEntropy(this.maskSecrets(text, false), false);
    this.learnEncoded(text);
  }

  /** Secrets in the %-decoded text (`%22password%22%3A%22Y%22`) are learnt, so their encoded form is masked too. */
  private learnEncoded(text: string): void {
    if (!/%[0-9A-Fa-f]{2}/.test(text)) return;
    const decoded = percentDecoded(text);
    if (decoded !== text) this.maskHighEntropy(this.maskSecrets(decoded, false), false);
  }

  /** `text` with every shaped secret masked and learnt; counted when `counted` (the learning pass is not). */
  private maskSecrets(text: string, counted: boolean): string {
    let out = text;
    // Masks only remove text, and the mask text matches no pattern: the original's keywords decide.
    const lower = text.toLowerCase();
    for (const { kind, regex, accept, keywords, prose } of SECRET_PATTERNS) {
      if (keywords && !keywords.some((word) => lower.includes(word))) continue;
      regex.lastIndex = 0;
      let result = '';
      let last = 0;
      for (const match of out.matchAll(regex)) {
        const span = secretSpan(match);
        if (!span) continue;
        const value = out.slice(span.start, span.end);
        const bare = unquoted(value.trim());
        if ((kind !== 'private-key' && NOT_A_SECRET.test(bare)) || (prose && PROSE_WORD.test(bare))) continue;
        if ((accept && !accept(value)) || alreadyMasked(value)) continue;
        this.learned.add(unquoted(value));
        // Each line of a key block too: a log line alone (an evidence line, a timeline event) shows one.
        for (const part of [...secretParts(kind, value), ...(value.includes('\n') ? value.split('\n') : [])])
          this.learned.add(part);
        // A secret across lines (a key block) is masked line by line: excerpts keep their line count.
        const mask = `[REDACTED:${kind}]`;
        result +=
          out.slice(last, span.start) +
          (value.includes('\n')
            ? value
                .split('\n')
                .map((part) => (part.trim() === '' ? part : mask))
                .join('\n')
            : mask);
        last = span.end;
        if (counted) this.count(kind);
      }
      if (last > 0) out = result + out.slice(last);
    }
    return out;
  }

  /** `text` with its random-looking runs masked and learnt. */
  private maskHighEntropy(text: string, counted: boolean): string {
    const spans = highEntropySpans(text);
    if (spans.length === 0) return text;
    let result = '';
    let last = 0;
    for (const [start, end] of spans) {
      this.learned.add(text.slice(start, end));
      result += `${text.slice(last, start)}[REDACTED:high-entropy]`;
      last = end;
      if (counted) this.count('high-entropy');
    }
    return result + text.slice(last);
  }

  private alias(kind: NetworkKind, value: string): string {
    const key = `${kind}:${kind === 'ip' ? value : value.toLowerCase()}`;
    let alias = this.aliases.get(key);
    if (alias === undefined) {
      alias = `${kind}-${++this.next[kind]}`;
      this.aliases.set(key, alias);
    }
    this.count(kind);
    return alias;
  }

  private pseudonymise(text: string): string {
    // E-mail first (its domain is not a host to alias on its own), then addresses, then names.
    let out = text.replace(EMAIL, (email) => `[${this.alias('email', email)}]`);
    out = out.replace(IPV4, (address) => {
      const colon = address.indexOf(':');
      return colon < 0
        ? `[${this.alias('ip', address)}]`
        : `[${this.alias('ip', address.slice(0, colon))}]${address.slice(colon)}`;
    });
    out = out.replace(IPV6, (address) => `[${this.alias('ip', address.toLowerCase())}]`);
    for (const match of out.matchAll(FQDN)) this.learnName(match[0]);
    const hosts = this.hostRegex();
    if (hosts) out = out.replace(hosts, (name) => `[${this.alias('host', name)}]`);
    return out;
  }

  private learnName(name: string): void {
    if (NOT_HOSTS.has(name.toLowerCase()) || this.hosts.has(name) || PUBLIC_DOMAINS.test(name)) return;
    this.hosts.add(name);
    this.hostPattern = null;
  }

  private hostRegex(): RegExp | null {
    if (this.hosts.size === 0) return null;
    if (this.hostPattern === null) {
      // Longest first, so `web01.corp.example.com` wins over `web01`.
      const names = [...this.hosts]
        .sort((a, b) => b.length - a.length)
        .map((h) => h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      this.hostPattern = new RegExp(`(?<![\\w.-])(?:${names.join('|')})(?![\\w]|-[a-z]|\\.[\\w-])`, 'gi');
    }
    this.hostPattern.lastIndex = 0;
    return this.hostPattern;
  }
}
