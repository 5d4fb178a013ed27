/**
 * The words of a case's measured progress (shared/progress.ts): "Indexing · 120 MB of 340 MB ·
 * 41 % · about 1 min left" — the phase, what is done in its unit, the percentage and the time
 * left, or "estimating…" while too little is measured to say.
 */
import { DURATION_UNITS_EN, DURATION_UNITS_ZH, formatBytes, formatDuration } from '../../../shared/format.ts';
import type { WorkPhase, WorkProgress } from '../../../shared/progress.ts';
import type { Translate } from '../i18n/i18n.tsx';
import type { Lang, StringKey } from '../i18n/strings.ts';

const PHASE_KEYS: Record<WorkPhase, StringKey> = {
  reading: 'workReading',
  indexing: 'workIndexing',
  sealing: 'workSealing',
  saving: 'workSaving',
  diagnosing: 'workDiagnosing',
};

/** The parts of the label: the phase's name, the amount done, the percentage (null while the total is unknown), the time left. */
export interface WorkLabel {
  phase: string;
  amount: string | null;
  pct: string | null;
  left: string;
}

export function workLabel(work: WorkProgress, t: Translate, num: (n: number) => string, lang: Lang): WorkLabel {
  const known = work.total > 0;
  let amount: string | null = null;
  if (known) {
    if (work.unit === 'bytes')
      amount = t('workBytes', { done: formatBytes(work.done), total: formatBytes(work.total) });
    else if (work.unit === 'steps') amount = t('workSteps', { done: num(work.done), total: num(work.total) });
    else amount = t('workRules', { done: num(work.done), total: num(work.total) });
  }
  const units = lang === 'zh' ? DURATION_UNITS_ZH : DURATION_UNITS_EN;
  return {
    phase: t(PHASE_KEYS[work.phase]),
    amount,
    // Floored: 100 % only once the phase is over.
    pct: known ? t('workPct', { pct: Math.floor(work.fraction * 100) }) : null,
    left: work.etaMs === null ? t('workEstimating') : t('workLeft', { time: formatDuration(work.etaMs, units) }),
  };
}

/** The label as one line. */
export function workText(label: WorkLabel): string {
  return [label.phase, label.amount, label.pct, label.left].filter((part) => part !== null).join(' · ');
}
