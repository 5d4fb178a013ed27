/**
 * Unknown token shapes: a long run of base64/base64url characters that looks random (high
 * Shannon entropy, upper case, lower case and digits mixed) is taken for a secret even when no key
 * names it. What a report needs to stay readable is never taken: UUIDs and request ids, hex hashes
 * and ids (all one case), paths (judged segment by segment), versions, clocks (`.` and `:` end a
 * run), and hashes labelled as such (`sha256:…`, `integrity sha512-…`, `md5=…`).
 *
 * The thresholds follow detect-secrets' Base64HighEntropyString (limit 4.5 bits a character) with
 * a length floor of 32; the mixed-case rule is ours — it is what keeps OpenStack and Kubernetes
 * names, ids and hashes out (measured on the real logs in test/unit/highEntropySpans.test.ts).
 */

/** Shortest run judged (without `=` padding). */
export const MIN_ENTROPY_LENGTH = 32;
/** Bits a character a run must reach. */
export const ENTROPY_LIMIT = 4.5;

// A run of base64/base64url characters, with its `=` padding. The lookbehind keeps every run
// starting at its first character, so a 64 KB run is scanned once.
const RUN = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{32,}={0,2}/g;
// A label just before the run says it is a digest: `sha256:`, `md5=`, `commit `, `integrity `.
const LABELLED =
  /(?:sha\d*|md5|hash|digest|checksum|integrity|fingerprint|etag|commit|revision)["']?\s*[:=]?\s*["']?$/i;
// Subresource-integrity and similar self-labelled digests.
const SELF_LABELLED = /^(?:sha(?:1|224|256|384|512)|md5)[-_]/i;
const UUID = /^(?:[a-z]+-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Shannon entropy of `text` in bits a character. */
export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Whether one piece of a run (no `/` unless it is not a path) looks like a random token. */
function looksRandom(piece: string): boolean {
  const body = piece.replace(/=+$/, '');
  if (body.length < MIN_ENTROPY_LENGTH || SELF_LABELLED.test(body) || UUID.test(body)) return false;
  const upper = /[A-Z]/.test(body);
  const lower = /[a-z]/.test(body);
  const digit = /\d/.test(body);
  if (upper && lower && digit) return shannonEntropy(body) >= ENTROPY_LIMIT;
  // One case and digits, one unbroken run that is not hex (hex is ids and hashes): a lower-case token.
  if (upper !== lower && digit && /^[A-Za-z0-9]+$/.test(body) && !/^[0-9a-f]+$/i.test(body))
    return shannonEntropy(body) >= ENTROPY_LIMIT - 0.3;
  return false;
}

/** Where the random-looking runs of `text` are, in order: [start, end) offsets. */
export function highEntropySpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const match of text.matchAll(RUN)) {
    const start = match.index;
    const run = match[0];
    if (LABELLED.test(text.slice(Math.max(0, start - 24), start))) continue;
    if (!run.startsWith('/')) {
      if (looksRandom(run)) spans.push([start, start + run.length]);
      continue;
    }
    // A path: each segment on its own (a token may be one of them, the folders never are).
    let at = start;
    for (const segment of run.split('/')) {
      if (looksRandom(segment)) spans.push([at, at + segment.length]);
      at += segment.length + 1;
    }
  }
  return spans;
}
