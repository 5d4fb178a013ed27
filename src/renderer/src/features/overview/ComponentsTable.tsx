/**
 * Errors and warnings per component (most errors first, as the engine gives them; for a stage,
 * its High Priority logs first), and the chosen stage's rows of the seed's table with what the
 * bundle holds for each.
 */
import { useMemo, useState } from 'react';
import type { ComponentSummary } from '../../../../shared/caseViews.ts';
import { compileGlob } from '../../../../shared/glob.ts';
import type { LocalizedText } from '../../../../shared/rules/ruleSpec.ts';
import { stageWeight, type Stage, type StageEntry } from '../../../../shared/rules/stages.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatSpan } from '../../lib/display.ts';
import type { CaseNavigation } from '../../views/caseNavigation.ts';
import { ComponentName, localized } from './common.tsx';

const FIRST_ROWS = 12;

/** A field value as the query language reads it back (quoted unless it is a plain word). */
export function fieldValue(value: string): string {
  return /^[\w.*?-]+$/.test(value) ? value : `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/** The search for one component's warnings and errors. */
export function componentQuery(module: string, component: string): string {
  return `module:${fieldValue(module)} component:${fieldValue(component)} level:>=warning`;
}

const errorsOf = (c: ComponentSummary): number => c.levels.error + c.levels.critical;

export function ComponentsTable({
  components,
  stage,
  nav,
}: {
  components: ComponentSummary[];
  stage: Stage | null;
  nav: CaseNavigation;
}) {
  const { t, num } = useI18n();
  const [all, setAll] = useState(false);
  const rows = useMemo(() => {
    const withWeight = components.map((c) => ({
      c,
      weight: stage ? stageWeight(stage, `${c.module}/${c.component}`) : 0,
    }));
    return stage ? withWeight.sort((a, b) => b.weight - a.weight) : withWeight;
  }, [components, stage]);
  const shown = all ? rows : rows.slice(0, FIRST_ROWS);
  return (
    <section className="ov-panel ov-components" aria-labelledby="ov-components-title">
      <div className="ov-section-head">
        <h2 id="ov-components-title">
          {t('ovComponentsTitle')} <span className="count">{num(components.length)}</span>
        </h2>
        <span className="ov-hint">{t('ovComponentsHint')}</span>
      </div>
      {components.length === 0 ? (
        <p className="ov-hint">{t('ovComponentsNone')}</p>
      ) : (
        <div className="table-wrap ov-table-wrap">
          <table className="table ov-table" data-testid="components-table">
            <thead>
              <tr>
                <th>{t('ovColComponent')}</th>
                <th className="num">{t('ovColFiles')}</th>
                <th className="num">{t('ovColLines')}</th>
                <th className="num">{t('ovColErrors')}</th>
                <th className="num">{t('ovColWarnings')}</th>
                <th>{t('ovColSpan')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map(({ c, weight }) => {
                const errors = errorsOf(c);
                const go = () => nav.search(componentQuery(c.module, c.component));
                return (
                  <tr key={`${c.module}/${c.component}`} className="ov-row" onClick={go}>
                    <td className="ov-cell-comp">
                      <button
                        type="button"
                        className="ov-row-button"
                        onClick={(e) => {
                          e.stopPropagation();
                          go();
                        }}
                        title={t('ovComponentSearch')}
                      >
                        <ComponentName module={c.module} component={c.component} />
                      </button>
                      {weight === 2 && (
                        <span className="ov-hp" title={t('ovHighPriorityTitle')}>
                          ★ {t('ovHighPriority')}
                        </span>
                      )}
                      {weight === 1 && <span className="ov-in-stage">{t('ovInStage')}</span>}
                    </td>
                    <td className="num">{num(c.files)}</td>
                    <td className="num">{num(c.lines)}</td>
                    <td className={`num${errors > 0 ? ' ov-n-error' : ' ov-n-zero'}`}>{num(errors)}</td>
                    <td className={`num${c.levels.warning > 0 ? ' ov-n-warning' : ' ov-n-zero'}`}>
                      {num(c.levels.warning)}
                    </td>
                    <td className="cell-span mono">
                      {formatSpan(c.firstTime, c.lastTime) ?? <span className="muted">{t('ovNoTime')}</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {rows.length > FIRST_ROWS && (
        <p className="ov-more">
          <button type="button" className="ov-linkish" onClick={() => setAll(!all)} aria-expanded={all}>
            {all ? t('ovShowFewer') : t('ovShowAllComponents', { n: num(rows.length) })}
          </button>
        </p>
      )}
    </section>
  );
}

/** What the bundle holds for one row of the stage table. */
function EntryPresence({
  entry,
  components,
  nav,
}: {
  entry: StageEntry;
  components: ComponentSummary[];
  nav: CaseNavigation;
}) {
  const { t, num } = useI18n();
  const matched = useMemo(() => {
    const globs = entry.components.map((g) => compileGlob(g));
    return components.filter((c) => globs.some((m) => m(`${c.module}/${c.component}`)));
  }, [entry, components]);
  if (matched.length === 0)
    return (
      <span className="ov-absent" title={t('ovStageAbsentTitle')}>
        {t('ovStageAbsent')}
      </span>
    );
  const files = matched.reduce((s, c) => s + c.files, 0);
  const errors = matched.reduce((s, c) => s + errorsOf(c), 0);
  const warnings = matched.reduce((s, c) => s + c.levels.warning, 0);
  const query =
    matched.length === 1
      ? componentQuery(matched[0].module, matched[0].component)
      : `(${matched.map((c) => `(module:${fieldValue(c.module)} component:${fieldValue(c.component)})`).join(' OR ')}) level:>=warning`;
  return (
    <button type="button" className="ov-present" onClick={() => nav.search(query)} title={t('ovComponentSearch')}>
      <span>{files === 1 ? t('ovStageFilesOne') : t('ovStageFiles', { n: num(files) })}</span>
      {errors > 0 && (
        <span className="ov-n-error">
          {errors === 1 ? t('ovStageErrorsOne') : t('ovStageErrors', { n: num(errors) })}
        </span>
      )}
      {warnings > 0 && (
        <span className="ov-n-warning">
          {warnings === 1 ? t('ovStageWarningsOne') : t('ovStageWarnings', { n: num(warnings) })}
        </span>
      )}
    </button>
  );
}

export function StagePanel({
  stage,
  components,
  nav,
  onClear,
}: {
  stage: { name: LocalizedText; entries: StageEntry[] };
  components: ComponentSummary[];
  nav: CaseNavigation;
  onClear: () => void;
}) {
  const { t, lang } = useI18n();
  return (
    <section className="ov-panel ov-stage" aria-labelledby="ov-stage-title">
      <div className="ov-section-head">
        <h2 id="ov-stage-title">{t('ovStageLogs', { stage: localized(stage.name, lang) })}</h2>
        <span className="ov-hint">{t('ovStageHint')}</span>
        <button type="button" className="ov-linkish ov-push" onClick={onClear}>
          {t('ovStageClear')}
        </button>
      </div>
      <div className="table-wrap ov-table-wrap">
        <table className="table ov-table ov-stage-table">
          <thead>
            <tr>
              <th>{t('ovColService')}</th>
              <th>{t('ovColLog')}</th>
              <th>{t('ovColPaths')}</th>
              <th>{t('ovColInBundle')}</th>
            </tr>
          </thead>
          <tbody>
            {stage.entries.map((entry, i) => (
              <tr key={i} className={entry.highPriority ? 'ov-stage-hp' : undefined}>
                <td className="ov-cell-service">
                  <span className="ov-service">{entry.service}</span>
                  {entry.highPriority && (
                    <span className="ov-hp" title={t('ovHighPriorityTitle')}>
                      ★ {t('ovHighPriority')}
                    </span>
                  )}
                  {entry.owner !== entry.service && <span className="ov-owner">{entry.owner}</span>}
                </td>
                <td className="ov-cell-log">
                  <span className="ov-mono">{entry.log}</span>
                  {entry.note && <p className="ov-note">{localized(entry.note, lang)}</p>}
                </td>
                <td className="ov-cell-paths">
                  {entry.paths.map((p) => (
                    <span key={p} className="ov-stage-path" title={p}>
                      {p}
                    </span>
                  ))}
                </td>
                <td className="ov-cell-presence">
                  <EntryPresence entry={entry} components={components} nav={nav} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
