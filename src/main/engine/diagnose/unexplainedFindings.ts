/**
 * Findings for "the unknown error": the warning/error message templates that no finding
 * explains, ranked by src/shared/patterns/unexplained.ts, as low-confidence warnings with
 * their evidence lines.
 */
import { epochMs, LEVELS, lineNo } from '../../../shared/model.ts';
import { isDocumentPath } from '../../../shared/components/documents.ts';
import {
  densestErrorMinute,
  unexplainedTemplates,
  type UnexplainedPick,
} from '../../../shared/patterns/unexplained.ts';
import { templateQuery } from '../../../shared/patterns/patternViews.ts';
import type { Topology } from '../../../shared/rules/faultPlace.ts';
import { splitComponent, type Evidence, type Finding } from '../../../shared/rules/finding.ts';
import type { Category } from '../../../shared/rules/ruleSpec.ts';
import type { CaseIndex } from '../index/caseIndex.ts';

/** The rule id of these findings. */
export const UNEXPLAINED_RULE = 'unexplained-errors';

const EVIDENCE = 5;

/** Quotes a field value for a query when it needs it. */
function fieldValue(value: string): string {
  return /^[\w.*?-]+$/.test(value) ? value : `"${value.replace(/["\\]/g, '\\$&')}"`;
}

const REASON_WORDS: Record<UnexplainedPick['reasons'][number], { en: string; zh: string }> = {
  new: { en: 'new late in the case', zh: '在案例后期新出现' },
  rare: { en: 'rare', zh: '罕见' },
  burst: { en: 'bursting', zh: '突发' },
  near: { en: 'near the incident time', zh: '接近故障时间' },
};

/** When the incident happened: the earliest error finding, else the densest minute of errors. */
function incidentTime(index: CaseIndex, findings: readonly Finding[], ignored: (e: number) => boolean): number | null {
  let earliest = Infinity;
  for (const f of findings)
    if ((f.severity === 'error' || f.severity === 'critical') && f.firstTime !== null)
      earliest = Math.min(earliest, f.firstTime);
  if (Number.isFinite(earliest)) return earliest;
  return densestErrorMinute(index.events.time, index.events.level, ignored);
}

function evidenceOf(index: CaseIndex, event: number): Evidence {
  const t = index.events.time[event];
  return {
    path: index.fileOf(event).record.path,
    line: lineNo(index.events.line[event]),
    text: index.eventLines(event, 1)[0] ?? '',
    time: Number.isNaN(t) ? null : epochMs(t),
    level: LEVELS[index.events.level[event]],
    event,
  };
}

/** The unexplained-template findings of a case, given the findings the rules made. */
export function unexplainedFindings(
  index: CaseIndex,
  findings: readonly Finding[],
  topology: Topology | null,
  limit = 5,
): Finding[] {
  const documents = index.files.map((f) => isDocumentPath(f.record.path));
  const explained = new Set<number>();
  for (const f of findings)
    for (const ev of f.evidence) if (ev.event >= 0 && ev.event < index.size) explained.add(index.templateOf[ev.event]);
  const componentOfEvent = new Uint32Array(index.size);
  for (const file of index.files) componentOfEvent.fill(file.component, file.first, file.first + file.count);
  // A log that is neither the product's nor the platform's (a desktop app, sshd's auth log) is
  // not where the product's unknown error is; with no topology every log counts.
  const outside = index.files.map((f) => (topology ? topology.sideOfModule(f.record.module) === null : false));
  const ignored = (e: number) => documents[index.events.file[e]] || outside[index.events.file[e]];
  const picks = unexplainedTemplates({
    templateOf: index.templateOf,
    time: index.events.time,
    level: index.events.level,
    component: componentOfEvent,
    ignored,
    explained,
    incidentTime: incidentTime(index, findings, ignored),
    limit,
  });
  return picks.map((pick) => {
    const [module, component] = splitComponent(index.components[pick.component]);
    const side = topology?.sideOfModule(module) ?? null;
    const category: Category = side && topology ? topology.categoryOf(side) : 'product';
    // The events are sorted by time, untimed last.
    const times = pick.events.map((e) => index.events.time[e]).filter((t) => !Number.isNaN(t));
    const chosen =
      pick.events.length <= EVIDENCE ? pick.events : [...pick.events.slice(0, EVIDENCE - 1), pick.events.at(-1)!];
    const text = index.patterns[pick.template]?.text ?? '';
    const why = {
      en: pick.reasons.map((r) => REASON_WORDS[r].en).join(', '),
      zh: pick.reasons.map((r) => REASON_WORDS[r].zh).join('、'),
    };
    return {
      rule: UNEXPLAINED_RULE,
      // The title is Tarsier's words (reports keep titles as they are); the template is customer text.
      title: { en: 'Unexplained warning/error message pattern', zh: '未被规则解释的警告/错误消息模式' },
      pattern: text,
      severity: 'warning',
      category,
      module,
      component,
      stages: [],
      count: pick.events.length,
      firstTime: times.length ? epochMs(times[0]) : null,
      lastTime: times.length ? epochMs(times[times.length - 1]) : null,
      evidence: chosen.map((e) => evidenceOf(index, e)),
      requestIds: [],
      advice: {
        en:
          'Low confidence: no rule explains these warnings/errors; the pattern stands out' +
          (why.en ? ` (${why.en})` : '') +
          '. Read its lines around the incident time to judge whether it is the cause.',
        zh:
          '低置信度：没有规则能解释这些警告/错误；该模式较为突出' +
          (why.zh ? `（${why.zh}）` : '') +
          '。请查看故障时间附近的相关日志行，判断它是否为原因。',
      },
      references: [],
      query: `${templateQuery(pick.template)} module:${fieldValue(module)} component:${fieldValue(component)}`,
    } satisfies Finding;
  });
}
