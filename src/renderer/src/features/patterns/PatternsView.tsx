/**
 * Patterns: the case's message templates (mined while it was read) as a table — the template
 * with its variables as <*>, count, first and last time, a sparkline over the case span and the
 * level mix — sortable and filterable; a row (click or Enter) shows its events in the Events tab.
 */
import { useEffect, useMemo, useState } from 'react';
import type { PatternList, PatternSummary } from '../../../../shared/patterns/patternViews.ts';
import { client } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatLocalTime } from '../../lib/display.ts';
import type { CaseNavigation } from '../../views/caseNavigation.ts';
import { filterPatterns, sortPatterns, sparkPath, type PatternSort } from './patternTable.ts';
import './PatternsView.css';
import { SeenBefore } from '../library/SeenBefore.tsx';
import { templateRefs } from '../library/libraryText.ts';
import { useMatchesOrNull } from '../library/useLibraryMatches.tsx';

export interface PatternsViewProps {
  caseId: string;
  indexed: boolean;
  nav: CaseNavigation;
}

const SPARK_W = 120;
const SPARK_H = 18;
const LIMIT = 2000;

type Status = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; list: PatternList };

export function PatternsView({ caseId, indexed, nav }: PatternsViewProps) {
  const { t, num } = useI18n();
  const [status, setStatus] = useState<Status>({ kind: 'loading' });
  const [sort, setSort] = useState<PatternSort>('errors');
  const [filter, setFilter] = useState('');
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!indexed) return;
    let live = true;
    setStatus({ kind: 'loading' });
    void client.patterns({ caseId, limit: LIMIT }).then((result) => {
      if (!live) return;
      setStatus(result.ok ? { kind: 'ready', list: result.value } : { kind: 'error', message: result.error });
    });
    return () => {
      live = false;
    };
  }, [caseId, indexed, attempt]);

  const rows = useMemo(
    () => (status.kind === 'ready' ? sortPatterns(filterPatterns(status.list.patterns, filter), sort) : []),
    [status, filter, sort],
  );

  const open = (p: PatternSummary) => nav.search(p.query);
  const matches = useMatchesOrNull();

  return (
    <section className="pt" data-testid="patterns" aria-labelledby="pt-title">
      <h1 id="pt-title" className="visually-hidden">
        {t('ptTitle')}
      </h1>
      <div className="pt-toolbar">
        <label className="pt-filter">
          <span className="visually-hidden">{t('ptFilter')}</span>
          <input
            type="search"
            value={filter}
            placeholder={t('ptFilterPlaceholder')}
            aria-label={t('ptFilter')}
            onChange={(e) => setFilter(e.target.value)}
            data-testid="patterns-filter"
          />
        </label>
        <label className="pt-sort">
          {t('ptSortBy')}{' '}
          <select value={sort} onChange={(e) => setSort(e.target.value as PatternSort)} data-testid="patterns-sort">
            <option value="errors">{t('ptSortErrors')}</option>
            <option value="count">{t('ptSortCount')}</option>
            <option value="first">{t('ptSortFirst')}</option>
          </select>
        </label>
        {status.kind === 'ready' && (
          <span className="muted" aria-live="polite">
            {t('ptShown', { shown: num(rows.length), total: num(status.list.total) })}
          </span>
        )}
      </div>
      {!indexed && <p className="muted">{t('ptWaiting')}</p>}
      {indexed && status.kind === 'loading' && <p className="muted">{t('ptLoading')}</p>}
      {status.kind === 'error' && (
        <div className="notice notice-error" role="alert">
          {status.message}{' '}
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('ptRetry')}
          </button>
        </div>
      )}
      {status.kind === 'ready' && rows.length === 0 && <p className="muted">{t('ptEmpty')}</p>}
      {status.kind === 'ready' && rows.length > 0 && (
        <table className="pt-table">
          <thead>
            <tr>
              <th scope="col">{t('ptColPattern')}</th>
              <th scope="col" className="pt-num" aria-sort={sort === 'count' ? 'descending' : undefined}>
                {t('ptColCount')}
              </th>
              <th scope="col" aria-sort={sort === 'first' ? 'ascending' : undefined}>
                {t('ptColFirst')}
              </th>
              <th scope="col">{t('ptColLast')}</th>
              <th scope="col">{t('ptColSpark')}</th>
              <th scope="col" aria-sort={sort === 'errors' ? 'descending' : undefined}>
                {t('ptColLevels')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr
                key={p.id}
                tabIndex={0}
                className="pt-row"
                title={t('ptOpenHint')}
                data-testid="pattern-row"
                onClick={() => open(p)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    open(p);
                  }
                }}
              >
                <td className="pt-text">
                  <code>{p.text}</code>
                  {p.errors + p.warnings > 0 && (
                    <span className="pt-seen">
                      <SeenBefore refs={templateRefs(matches, p.text)} />
                    </span>
                  )}
                </td>
                <td className="pt-num">{num(p.count)}</td>
                <td className="pt-time">{p.firstTime === null ? '—' : formatLocalTime(p.firstTime)}</td>
                <td className="pt-time">{p.lastTime === null ? '—' : formatLocalTime(p.lastTime)}</td>
                <td>
                  <svg width={SPARK_W} height={SPARK_H} viewBox={`0 0 ${SPARK_W} ${SPARK_H}`} aria-hidden="true">
                    <path className="pt-spark" d={sparkPath(p.sparkline, SPARK_W, SPARK_H - 1)} />
                  </svg>
                </td>
                <td className="pt-levels">
                  {p.errors > 0 && <span className="pt-err">{num(p.errors)}</span>}
                  {p.warnings > 0 && <span className="pt-warn">{num(p.warnings)}</span>}
                  <span className="visually-hidden">
                    {t('ptLevels', { errors: num(p.errors), warnings: num(p.warnings) })}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
