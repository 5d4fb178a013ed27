/**
 * A Drain-like log template miner (He et al., "Drain: An Online Log Parsing Approach with Fixed
 * Depth Tree", ICWS 2017), used to group millions of log messages into a few hundred templates.
 *
 * Differences from the paper, each for a reason:
 * - Masking is much richer than Drain's "digits only" (UUIDs, request ids, IPs, hex, sizes,
 *   durations, paths, hosts, key=value) and keeps the punctuation around a variable
 *   (`[instance: <*>]`), so most variables are already `<*>` before the tree sees them.
 * - Two plain words in the same position (`VM Started` / `VM Stopped`, `GET` / `POST`) block a
 *   merge: after good masking a differing plain word is nearly always a different event, which
 *   is what a support engineer wants to see apart. To bound template growth (user names, states
 *   spelled as words), the rule is dropped in a leaf that already holds `maxChildren` groups.
 * - Messages without spaces (Chinese) are split on punctuation; messages are cut at `maxTokens`.
 * - Tokens that are ids as a whole (long, or letters and digits mixed: `7d9f8c6b5`, a Go frame
 *   with its offset) are masked whole, so that a message's shape (`messageShape.ts`) can stand
 *   for all of its messages: the indexer mines one message per shape.
 */

import { hasDigitIn, MAX_TOKENS, maskToken, TokenCursor, WILDCARD } from './maskTokens.ts';

export { maskToken, WILDCARD };

/** One mined template. Plain data: it is structured-cloned from a worker thread. */
export interface MinedTemplate {
  /** Dense id, 0..n-1 in creation order; never changes, even when the template generalises. */
  id: number;
  /** The tokens joined by a single space, variables shown as `<*>`. */
  text: string;
  /** The template's tokens; a variable position is `<*>`. */
  tokens: readonly string[];
  /** How many messages were assigned to this template. */
  count: number;
}

/** Tuning knobs; the defaults suit typical service logs. */
export interface TemplateMinerOptions {
  /** Tree depth as in the paper: the first `depth - 2` tokens route a message (default 4, min 3). */
  depth?: number;
  /** Minimum fraction of equal non-wildcard positions to join a group (default 0.5). */
  similarity?: number;
  /** Fan-out limit of a tree node, and the group count at which a leaf merges plain words (default 100). */
  maxChildren?: number;
  /** Messages longer than this many tokens keep `maxTokens - 1` tokens plus a final `<*>` (default {@link MAX_TOKENS}). */
  maxTokens?: number;
}

/** A plain word (optionally bracketed or followed by punctuation), English or CJK. */
const WORD =
  /^[([{"'（【《「“]?(?:[A-Za-z]+|[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+)[)\]}"',.;:!?）】》」”，。、；：？！]*$/;

// A V8 substring may keep its whole parent (a decoded chunk) alive; templates live for the whole
// run, so their tokens are copied into strings of their own.
function detach(s: string): string {
  return (' ' + s).slice(1);
}

interface Group {
  id: number;
  tokens: string[];
  count: number;
}

interface TreeNode {
  children: Map<string, TreeNode>;
  groups: Group[];
}

const newNode = (): TreeNode => ({ children: new Map(), groups: [] });

// Tokens with digits or a variable route to the shared `<*>` branch, as in Drain.
function routeKey(token: string): string {
  return hasDigitIn(token) || token.includes(WILDCARD) ? WILDCARD : token;
}

/**
 * Online template miner: {@link TemplateMiner.add} assigns each message to a template, creating
 * or generalising templates as it goes. Not thread-safe; one instance per worker.
 */
export class TemplateMiner {
  private readonly prefixDepth: number;
  private readonly similarity: number;
  private readonly maxChildren: number;
  private readonly maxTokens: number;
  private readonly byLength = new Map<number, TreeNode>();
  private readonly groups: Group[] = [];
  private readonly cursor = new TokenCursor();

  constructor(options: TemplateMinerOptions = {}) {
    this.prefixDepth = Math.max(1, Math.floor(options.depth ?? 4) - 2);
    this.similarity = options.similarity ?? 0.5;
    this.maxChildren = Math.max(2, Math.floor(options.maxChildren ?? 100));
    this.maxTokens = Math.max(2, Math.floor(options.maxTokens ?? MAX_TOKENS));
  }

  /** The number of templates so far. */
  get size(): number {
    return this.groups.length;
  }

  /**
   * Adds one message (the message part of a log event, without timestamp, level or logger) and
   * returns its template id. The template may get more general; its id stays the same.
   */
  add(message: string): number {
    const tokens: string[] = [];
    const cursor = this.cursor.reset(message, this.maxTokens);
    while (cursor.next()) tokens.push(cursor.start < 0 ? WILDCARD : maskToken(message.slice(cursor.start, cursor.end)));
    const leaf = this.leafFor(tokens);
    const group = this.bestGroup(leaf, tokens);
    if (group) {
      const t = group.tokens;
      for (let i = 0; i < t.length; i++) if (t[i] !== tokens[i] && t[i] !== WILDCARD) t[i] = WILDCARD;
      group.count++;
      return group.id;
    }
    const created: Group = { id: this.groups.length, tokens: tokens.map(detach), count: 1 };
    this.groups.push(created);
    leaf.groups.push(created);
    return created.id;
  }

  /** The template with this id (a fresh plain object). Throws a RangeError for an unknown id. */
  template(id: number): MinedTemplate {
    const group = this.groups[id];
    if (!Number.isInteger(id) || !group) throw new RangeError(`no template ${id}`);
    return { id, text: group.tokens.join(' '), tokens: [...group.tokens], count: group.count };
  }

  /** All templates in id order, as fresh plain objects. */
  templates(): MinedTemplate[] {
    return this.groups.map((g) => this.template(g.id));
  }

  /** Walks (and grows) the tree: token count, then the first `depth - 2` tokens. */
  private leafFor(tokens: string[]): TreeNode {
    let node = this.byLength.get(tokens.length);
    if (!node) {
      node = newNode();
      this.byLength.set(tokens.length, node);
    }
    const depth = Math.min(this.prefixDepth, tokens.length);
    for (let i = 0; i < depth; i++) node = this.child(node, routeKey(tokens[i]));
    return node;
  }

  private child(node: TreeNode, key: string): TreeNode {
    const found = node.children.get(key);
    if (found) return found;
    // A full node sends newcomers to its `<*>` child, so a variable first word cannot explode it.
    const slot = node.children.size < this.maxChildren - 1 ? key : WILDCARD;
    let child = node.children.get(slot);
    if (!child) {
      child = newNode();
      node.children.set(slot, child);
    }
    return child;
  }

  /** The most similar group of the leaf that the message may join, if any. */
  private bestGroup(leaf: TreeNode, tokens: string[]): Group | undefined {
    const wordsMayDiffer = leaf.groups.length >= this.maxChildren;
    let best: Group | undefined;
    let bestSim = -1;
    let bestWild = -1;
    for (const group of leaf.groups) {
      const t = group.tokens;
      let equal = 0;
      let wild = 0;
      let blocked = false;
      for (let i = 0; i < t.length; i++) {
        const a = t[i];
        if (a === WILDCARD) wild++;
        else if (a === tokens[i]) equal++;
        else if (!wordsMayDiffer && WORD.test(a) && WORD.test(tokens[i])) {
          blocked = true;
          break;
        }
      }
      if (blocked) continue;
      const fixed = t.length - wild;
      const sim = fixed === 0 ? 1 : equal / fixed;
      if (sim >= this.similarity && (sim > bestSim || (sim === bestSim && wild > bestWild))) {
        best = group;
        bestSim = sim;
        bestWild = wild;
      }
    }
    return best;
  }
}
