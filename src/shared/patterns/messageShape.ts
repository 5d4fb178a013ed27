/**
 * The shape of a log message: its tokens as the template miner masks them (`maskTokens.ts`).
 * The indexer mines one message per shape instead of one per event, so a shape must stand for
 * exactly the masked tokens of every message it stands for; otherwise a template's text would
 * show words that some of its events do not have. The key is computed without building strings
 * for the common tokens (words, numbers); the others go through the miner's own masking.
 */
import { isNumericAt, MAX_TOKENS, maskToken, TokenCursor, WILDCARD } from './maskTokens.ts';

/** Receives a shape, token by token. */
interface ShapeSink {
  /** A token of the shape: `s[start, end)` (already masked when `s` is not the message). */
  token(s: string, start: number, end: number): void;
}

// Masked tokens seen lately: most tokens that need the regexes repeat (`HTTP/1.1"`, a user
// agent's `Mozilla/5.0`, `autofs[1234]:`), so a small memo saves most of their cost.
const RECENT_TOKENS = 4096;
const recent = new Map<string, string>();

const cursor = new TokenCursor();

/** Feeds each masked token of `message` to `sink`, as the miner would mask it. */
function walkShape(message: string, sink: ShapeSink): void {
  cursor.reset(message, MAX_TOKENS);
  while (cursor.next()) {
    const start = cursor.start;
    const end = cursor.end;
    if (start < 0) {
      sink.token(WILDCARD, 0, WILDCARD.length);
      continue;
    }
    // Fast paths, equal to what maskToken returns: words, and plain numbers.
    if (end - start <= 256) {
      if (!cursor.digit && !cursor.slash) {
        sink.token(message, start, end);
        continue;
      }
      // A numeric token starts with a digit or sign and ends with a digit: no wrappers, no path.
      const last = message.charCodeAt(end - 1);
      if (last >= 48 && last <= 57 && isNumericAt(message, start, end)) {
        sink.token(WILDCARD, 0, WILDCARD.length);
        continue;
      }
    }
    const token = message.slice(start, end);
    let masked = recent.get(token);
    if (masked === undefined) {
      masked = maskToken(token);
      if (recent.size >= RECENT_TOKENS) recent.clear();
      recent.set(token, masked);
    }
    sink.token(masked, 0, masked.length);
  }
}

/** The shape as text: the masked tokens joined by single spaces. */
export function messageShape(message: string): string {
  const parts: string[] = [];
  walkShape(message, { token: (s, start, end) => parts.push(s.slice(start, end)) });
  return parts.join(' ');
}

class ShapeHash implements ShapeSink {
  h = 0x811c9dc5;
  chars = 0;
  token(s: string, start: number, end: number): void {
    let h = this.h;
    for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    this.h = Math.imul(h ^ 0x20, 0x01000193);
    this.chars += end - start + 1;
  }
}

const hasher = new ShapeHash();

/**
 * A number that stands for {@link messageShape} of a message, computed without building the
 * shape's string: a 32-bit hash of the shape and, above it, its length (two different shapes
 * must agree on both to be taken for one).
 */
export function shapeKey(message: string): number {
  hasher.h = 0x811c9dc5;
  hasher.chars = 0;
  walkShape(message, hasher);
  return (hasher.chars & 0x1fffff) * 0x100000000 + (hasher.h >>> 0);
}
