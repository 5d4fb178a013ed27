/**
 * A finding: what one rule found in one component, aggregated (count, first and last time,
 * a few evidence lines, the request ids on them), with the rule's title and advice.
 */
import type { EpochMs, Level, LineNo } from '../model.ts';
import type { FaultPlace } from './faultPlace.ts';
import { severityRank, type Category, type LocalizedText, type RuleSpec, type Severity } from './ruleSpec.ts';

/** One line that shows the finding. */
export interface Evidence {
  path: string;
  line: LineNo;
  /** The event's first line. */
  text: string;
  time: EpochMs | null;
  level: Level;
  /** Event id in the case index (for "open at this line"); -1 for artifact evidence. */
  event: number;
  /** When the rule matched a continuation line (a traceback's last line), that line. */
  match?: { line: LineNo; text: string };
}

/** One rule × component. */
export interface Finding {
  rule: string;
  title: LocalizedText;
  severity: Severity;
  /** The rule's category, or where the evidence placed the fault (see {@link Finding.place}). */
  category: Category;
  /**
   * Where the fault is, for a rule with a `placement` whose evidence says (the component that
   * logs it and the peer it names, placed by `resources/topology.json`); the category follows.
   */
  place?: FaultPlace;
  /**
   * The message template the finding is about, for a finding made from the case's own patterns
   * rather than a rule (`unexplained-errors`). Customer text: redacted in reports, unlike the title.
   */
  pattern?: string;
  module: string;
  component: string;
  /** The rule's stages (empty: any stage). */
  stages: string[];
  count: number;
  firstTime: EpochMs | null;
  lastTime: EpochMs | null;
  evidence: Evidence[];
  /** Request ids carried by the matching events (a bounded sample, most frequent first). */
  requestIds: string[];
  advice: LocalizedText;
  references: string[];
  /**
   * A search that shows the events of the finding (the rule's query AND `module:`/`component:`);
   * null for artifact findings. A rule's `requires` cannot be written as a query: for such rules
   * the search also shows events that had no partner.
   */
  query: string | null;
  /** Found by a rule of the engineer's own (their rules folder, `--rules DIR`), not a built-in one. */
  userRule?: true;
}

/** Most severe first, then most events, then rule id and component. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    b.count - a.count ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
    (a.component < b.component ? -1 : a.component > b.component ? 1 : 0)
  );
}

/** What a finding is for where it was found: a rule's id, words, category and advice, the place and the events. */
export function makeFinding(
  spec: RuleSpec,
  place: Pick<
    Finding,
    'module' | 'component' | 'count' | 'firstTime' | 'lastTime' | 'evidence' | 'requestIds' | 'query'
  >,
  placed?: { place: FaultPlace; category: Category },
): Finding {
  return {
    rule: spec.id,
    title: spec.title,
    severity: spec.severity,
    category: placed?.category ?? spec.category,
    ...(placed ? { place: placed.place } : {}),
    stages: spec.stages,
    advice: spec.advice,
    references: spec.references,
    ...place,
  };
}

/** `module/component` → its two parts (a key without `/` is both). */
export function splitComponent(key: string): [string, string] {
  const at = key.indexOf('/');
  return at < 0 ? [key, key] : [key.slice(0, at), key.slice(at + 1)];
}
