/**
 * The case overview: what the bundle holds, the findings ranked by severity (or for a chosen
 * stage of the seed's table), a guided walk through the seed's decision trees, the artifacts
 * found, and errors and warnings per component. Every line, id and query leads to the view
 * that shows it (`nav`).
 */
import { useCallback, useLayoutEffect, useMemo, useState } from 'react';
import type { CaseOverview, ComponentSummary } from '../../../../shared/caseViews.ts';
import type { RuleLine } from '../../../../shared/rules/ruleFromLine.ts';
import { RuleFromLineDialog } from '../ruleFromLine/RuleFromLineDialog.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatSpan } from '../../lib/display.ts';
import type { CaseNavigation } from '../../views/caseNavigation.ts';
import { ArtifactsSummary } from './ArtifactsSummary.tsx';
import { localized } from './common.tsx';
import { ComponentsTable, StagePanel } from './ComponentsTable.tsx';
import { FindingsList } from './FindingsList.tsx';
import type { OverviewMemory } from './overviewMemory.ts';
import { TriagePanel } from './TriagePanel.tsx';
import './OverviewView.css';

export interface OverviewViewProps {
  /** Null while loading; `diagnosed` false while the findings are still being computed. */
  overview: CaseOverview | null;
  /** A failed fetch. */
  error: string | null;
  /** The selected stage id (null: all stages). */
  stage: string | null;
  onStage: (stage: string | null) => void;
  /** Findings left out because they lie outside the timeline's selected range. */
  hiddenFindings: number;
  nav: CaseNavigation;
  /** The open findings and scroll kept across tab switches while the case is open. */
  memory: OverviewMemory;
  /** The case, and where it goes once diagnosed again: with both, evidence lines offer "Make a rule…". */
  caseId?: string;
  onReread?: (caseId: string) => void;
}

/** How many frames the Overview tries to get back to its kept scroll. */
const RESTORE_FRAMES = 30;
const ERRORS_QUERY = 'level:>=error';
const WARNINGS_QUERY = 'level:>=warning';

function Summary({ components }: { components: ComponentSummary[] }) {
  const { t, num, dur } = useI18n();
  const facts = useMemo(() => {
    let files = 0;
    let lines = 0;
    let errors = 0;
    let warnings = 0;
    let first: number | null = null;
    let last: number | null = null;
    for (const c of components) {
      files += c.files;
      lines += c.lines;
      errors += c.levels.error + c.levels.critical;
      warnings += c.levels.warning;
      if (c.firstTime !== null && (first === null || c.firstTime < first)) first = c.firstTime;
      if (c.lastTime !== null && (last === null || c.lastTime > last)) last = c.lastTime;
    }
    return { modules: new Set(components.map((c) => c.module)).size, files, lines, errors, warnings, first, last };
  }, [components]);
  const span = formatSpan(facts.first, facts.last);
  return (
    <dl className="ov-summary" data-testid="overview-summary">
      <div>
        <dt>{t('ovSumModules')}</dt>
        <dd>{num(facts.modules)}</dd>
      </div>
      <div>
        <dt>{t('ovSumComponents')}</dt>
        <dd>{num(components.length)}</dd>
      </div>
      <div>
        <dt>{t('ovSumFiles')}</dt>
        <dd>{num(facts.files)}</dd>
      </div>
      <div>
        <dt>{t('ovSumLines')}</dt>
        <dd>{num(facts.lines)}</dd>
      </div>
      <div className={facts.errors > 0 ? 'ov-sum-error' : undefined}>
        <dt>{t('ovSumErrors')}</dt>
        <dd>{num(facts.errors)}</dd>
      </div>
      <div className={facts.warnings > 0 ? 'ov-sum-warning' : undefined}>
        <dt>{t('ovSumWarnings')}</dt>
        <dd>{num(facts.warnings)}</dd>
      </div>
      <div className="ov-sum-span">
        <dt>{t('ovSumSpan')}</dt>
        <dd>
          {span ?? <span className="muted">{t('ovNoTime')}</span>}
          {facts.first !== null && facts.last !== null && facts.last > facts.first && (
            <span className="ov-sum-length">{dur(facts.last - facts.first)}</span>
          )}
        </dd>
      </div>
    </dl>
  );
}

function FindingsSection({
  overview,
  hidden,
  stageName,
  nav,
  memory,
}: {
  overview: CaseOverview;
  hidden: number;
  stageName: (id: string) => string;
  nav: CaseNavigation;
  memory: OverviewMemory;
}) {
  const { t, lang, num } = useI18n();
  const { findings } = overview;
  const ranking = overview.stage?.id ?? '';
  const keepOpen = useCallback(
    (open: ReadonlySet<string>): void => void memory.open.set(ranking, open),
    [memory, ranking],
  );
  return (
    <section className="ov-panel ov-findings-panel" aria-labelledby="ov-findings-title" aria-busy={!overview.diagnosed}>
      <div className="ov-section-head">
        <h2 id="ov-findings-title">
          {t('ovFindingsTitle')} {overview.diagnosed && <span className="count">{num(findings.length)}</span>}
        </h2>
        {overview.diagnosed && findings.length > 0 && (
          <span className="ov-hint">
            {overview.stage
              ? t('ovRankedStage', { stage: localized(overview.stage.name, lang) })
              : t('ovRankedSeverity')}
          </span>
        )}
      </div>
      {overview.diagnosed && hidden > 0 && (
        <p className="ov-hint" data-testid="findings-range-hidden">
          {t('rangeFindingsHidden', { n: num(hidden) })}
        </p>
      )}
      {!overview.diagnosed ? (
        <div className="ov-diagnosing" role="status" data-testid="diagnosing">
          <p className="ov-diagnosing-title">{t('ovDiagnosing')}</p>
          <div className="progress progress-indeterminate" aria-hidden="true">
            <div className="progress-bar" />
          </div>
          <p className="ov-hint">{t(overview.indexed ? 'ovDiagnosingRules' : 'ovDiagnosingIndex')}</p>
          <div className="ov-actions">
            <button type="button" className="button" onClick={() => nav.search(ERRORS_QUERY)}>
              {t('ovSearchErrors')}
            </button>
          </div>
        </div>
      ) : findings.length === 0 && hidden > 0 ? null : findings.length === 0 ? (
        <div className="empty-state ov-no-findings" data-testid="no-findings">
          <p className="empty-title">{t('ovNoFindings')}</p>
          <p>{t('ovNoFindingsNext')}</p>
          <div className="ov-actions">
            <button type="button" className="button button-primary" onClick={() => nav.search(ERRORS_QUERY)}>
              {t('ovSearchErrors')}
            </button>
            <button type="button" className="button" onClick={() => nav.search(WARNINGS_QUERY)}>
              {t('ovSearchWarnings')}
            </button>
          </div>
        </div>
      ) : (
        // A new ranking starts fresh: filters cleared, its first finding open.
        <FindingsList
          key={ranking}
          findings={findings}
          stageName={stageName}
          nav={nav}
          keptOpen={memory.open.get(ranking)}
          onOpenChange={keepOpen}
        />
      )}
    </section>
  );
}

export function OverviewView(props: OverviewViewProps) {
  const { caseId, onReread } = props;
  const [ruleFrom, setRuleFrom] = useState<{ line: RuleLine; lineNo: number } | null>(null);
  const nav = useMemo<CaseNavigation>(
    () =>
      caseId && onReread ? { ...props.nav, makeRule: (line, lineNo) => setRuleFrom({ line, lineNo }) } : props.nav,
    [props.nav, caseId, onReread],
  );
  return (
    <>
      <Overview {...props} nav={nav} />
      {ruleFrom && caseId && onReread && (
        <RuleFromLineDialog
          caseId={caseId}
          line={ruleFrom.line}
          lineNo={ruleFrom.lineNo}
          onClose={() => setRuleFrom(null)}
          onReread={onReread}
        />
      )}
    </>
  );
}

function Overview({ overview, error, stage, onStage, hiddenFindings, nav, memory }: OverviewViewProps) {
  const { t, lang } = useI18n();
  // Back on this tab, the window scrolls to where it was; its scroll is kept as it changes.
  // The page may grow over the first frames (lists, fonts): the scroll is set again until it
  // holds, for RESTORE_FRAMES at most, and what the window reports meanwhile is not kept.
  useLayoutEffect(() => {
    const target = memory.scrollY;
    let restoring = target > 0;
    let frames = 0;
    let frame = 0;
    const restore = (): void => {
      window.scrollTo(0, target);
      if (Math.abs(window.scrollY - target) <= 1 || ++frames > RESTORE_FRAMES) restoring = false;
      else frame = requestAnimationFrame(restore);
    };
    if (restoring) restore();
    const keep = (): void => {
      if (!restoring) memory.scrollY = window.scrollY;
    };
    window.addEventListener('scroll', keep, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', keep);
    };
  }, [memory]);
  const stages = overview?.stages ?? [];
  const stageName = useCallback(
    (id: string): string => {
      const found = overview?.stages.find((s) => s.id === id);
      return found ? localized(found.name, lang) : id;
    },
    [overview, lang],
  );
  const ranking = overview !== null && error === null && (overview.stage?.id ?? null) !== stage;

  return (
    <section
      className="ov"
      data-testid="overview"
      aria-labelledby="ov-title"
      aria-busy={overview === null && error === null}
    >
      <div className="ov-head">
        <h1 id="ov-title">{t('ovTitle')}</h1>
        <div className="ov-stage-picker">
          <label htmlFor="ov-stage-select" className="ov-stage-label">
            {t('ovStageLabel')}
          </label>
          <select
            id="ov-stage-select"
            className="input ov-select"
            data-testid="stage-picker"
            aria-label={t('ovStagePickerLabel')}
            value={stage ?? ''}
            disabled={overview === null}
            onChange={(event) => onStage(event.target.value === '' ? null : event.target.value)}
          >
            <option value="">{t('ovAllStages')}</option>
            {stages.map((s) => (
              <option key={s.id} value={s.id}>
                {localized(s.name, lang)}
              </option>
            ))}
          </select>
          <span className="ov-hint ov-ranking" aria-live="polite">
            {ranking ? t('ovRanking') : ''}
          </span>
        </div>
      </div>

      {error !== null && (
        <div className="notice notice-error ov-error" role="alert" data-testid="overview-error">
          <div className="notice-body">
            <p className="notice-title">{t('ovErrorTitle')}</p>
            <p className="notice-detail">{error}</p>
            <p>{t(stage === null ? 'ovErrorNext' : 'ovErrorNextStage')}</p>
            <div className="ov-actions">
              {stage !== null && (
                <button type="button" className="button" onClick={() => onStage(null)}>
                  {t('ovStageClear')}
                </button>
              )}
              <button type="button" className="button" onClick={() => nav.search(ERRORS_QUERY)}>
                {t('ovSearchErrors')}
              </button>
            </div>
          </div>
        </div>
      )}

      {overview === null ? (
        error === null && (
          <div className="ov-loading" role="status">
            <p className="ov-hint">{t('ovLoading')}</p>
            <div className="ov-skeleton ov-skeleton-strip" />
            <div className="ov-skeleton ov-skeleton-block" />
          </div>
        )
      ) : (
        <>
          <Summary components={overview.components} />
          {overview.stage && (
            <StagePanel
              stage={overview.stage}
              components={overview.components}
              nav={nav}
              onClear={() => onStage(null)}
            />
          )}
          <div className="ov-grid">
            <FindingsSection
              overview={overview}
              hidden={hiddenFindings}
              stageName={stageName}
              nav={nav}
              memory={memory}
            />
            <aside className="ov-side">
              <TriagePanel
                trees={overview.trees}
                triage={overview.triage}
                findings={overview.findings}
                diagnosed={overview.diagnosed}
              />
              {overview.artifacts && <ArtifactsSummary artifacts={overview.artifacts} nav={nav} />}
            </aside>
          </div>
          <ComponentsTable components={overview.components} stage={overview.stage} nav={nav} />
        </>
      )}
    </section>
  );
}
