/**
 * What a query can say about an event before its text is read: from the event's file (module,
 * component, path) and, when known, its level. Three-valued: true (every such event matches),
 * false (none can), null (it depends on the text, the time or an id). A reader uses it to test
 * only the events a query can match: most rules ask for warnings and errors, which are a few
 * per cent of a log, and many name the modules they are about.
 */
import { compileGlob } from '../glob.ts';
import { levelRank, type Level } from '../model.ts';
import { compare } from './matchEvent.ts';
import type { QueryNode } from './queryLanguage.ts';

/** The facts known without the text; absent ones are unknown. */
export interface KnownFacts {
  module?: string;
  component?: string;
  path?: string;
  level?: Level;
}

// A reader asks per file and level: compiling the glob each time cost ~2 ms a file (200,000 small files: minutes).
const globs = new Map<string, (value: string) => boolean>();
function globTest(glob: string): (value: string) => boolean {
  let test = globs.get(glob);
  if (!test) {
    if (globs.size > 1024) globs.clear();
    test = compileGlob(glob, { ignoreCase: true });
    globs.set(glob, test);
  }
  return test;
}

/** Kleene logic over a query: true, false, or null when the known facts do not decide it. */
export function verdictOf(node: QueryNode, facts: KnownFacts): boolean | null {
  switch (node.kind) {
    case 'all':
      return true;
    case 'and': {
      let unknown = false;
      for (const c of node.children) {
        const v = verdictOf(c, facts);
        if (v === false) return false;
        if (v === null) unknown = true;
      }
      return unknown ? null : true;
    }
    case 'or': {
      let unknown = false;
      for (const c of node.children) {
        const v = verdictOf(c, facts);
        if (v === true) return true;
        if (v === null) unknown = true;
      }
      return unknown ? null : false;
    }
    case 'not': {
      const v = verdictOf(node.child, facts);
      return v === null ? null : !v;
    }
    case 'level':
      return facts.level === undefined ? null : compare(levelRank(facts.level), node.op, levelRank(node.level));
    case 'field': {
      const value = node.field === 'file' ? facts.path : facts[node.field];
      if (value === undefined) return null;
      return globTest(node.glob)(value);
    }
    default:
      return null;
  }
}
