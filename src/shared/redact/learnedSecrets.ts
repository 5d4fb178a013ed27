/**
 * Secret values learnt where a key gave them away (`password=Y`, `Bearer T`), masked wherever
 * else they stand alone (`admin/Y`, `credential T`, a note, the conclusion, a query). Only values
 * that cannot be ordinary text are learnt, so a password of `1`, `true` or `openstack` never wipes
 * a word out of the whole report.
 */

/** Shortest value learnt. */
export const MIN_LEARNED_LENGTH = 6;
/** Longest value learnt: a longer one is a blob masked where it stands, not a value repeated elsewhere. */
export const MAX_LEARNED_LENGTH = 512;
/** From this length a value is masked inside longer runs too (it cannot be part of a word by chance). */
const ANYWHERE_LENGTH = 16;

/**
 * Whether `value` is distinctive enough to mask everywhere: MIN_LEARNED_LENGTH to
 * MAX_LEARNED_LENGTH characters, not all digits (ports, pids, counts), not a plain word (letters only, unless it
 * mixes cases inside — `AdminPass` — or is 12 letters or more), not a mask already.
 */
export function worthLearning(value: string): boolean {
  const v = value.trim();
  if (v.length < MIN_LEARNED_LENGTH || v.length > MAX_LEARNED_LENGTH || v.includes('[REDACTED') || /^\d+$/.test(v))
    return false;
  if (/^(.)\1*$/.test(v)) return false;
  // Letters and digits or symbols mixed (`changeme1`, `p@ss`) do not make a word: learnt.
  if (/^\p{L}+$/u.test(v)) return v.length >= 12 || /\p{Ll}\p{Lu}/u.test(v);
  return true;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The values learnt, and the one regex that finds any of them. */
export class LearnedSecrets {
  private readonly values = new Set<string>();
  private pattern: RegExp | null = null;

  /** Values held, their encoded forms included. */
  get size(): number {
    return this.values.size;
  }

  /** Learns `value` (and how it reads URL- and JSON-encoded) when it is worth it; true when learnt. */
  add(value: string): boolean {
    const v = value.trim();
    if (!worthLearning(v)) return false;
    const forms = [v];
    try {
      forms.push(encodeURIComponent(v));
    } catch {
      // A lone surrogate: no URL form.
    }
    forms.push(JSON.stringify(v).slice(1, -1));
    let added = false;
    for (const form of forms) {
      if (!this.values.has(form)) {
        this.values.add(form);
        added = true;
      }
    }
    if (added) this.pattern = null;
    return added;
  }

  /** `text` with every learnt value replaced by `mask()`; `mask` is called once a replacement. */
  mask(text: string, mask: () => string): string {
    const regex = this.regex();
    if (regex === null) return text;
    return text.replace(regex, () => mask());
  }

  private regex(): RegExp | null {
    if (this.values.size === 0) return null;
    if (this.pattern === null) {
      // Longest first, so a value wins over its own prefix. A short value must stand on its own
      // (`admin/Y`, not inside `xY2`); a long one is masked inside anything.
      const alternatives = [...this.values]
        .sort((a, b) => b.length - a.length)
        .map((v) => {
          if (v.length >= ANYWHERE_LENGTH) return escape(v);
          const before = /^[\p{L}\p{N}]/u.test(v) ? '(?<![\\p{L}\\p{N}])' : '';
          const after = /[\p{L}\p{N}]$/u.test(v) ? '(?![\\p{L}\\p{N}])' : '';
          return `${before}${escape(v)}${after}`;
        });
      this.pattern = new RegExp(alternatives.join('|'), 'gu');
    }
    this.pattern.lastIndex = 0;
    return this.pattern;
  }
}
