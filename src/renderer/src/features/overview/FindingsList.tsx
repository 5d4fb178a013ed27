/**
 * The findings, most important first as the engine ranked them (by severity, or for the chosen
 * stage), with category and severity filters; the first one is open.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Finding } from '../../../../shared/rules/finding.ts';
import { CATEGORIES, SEVERITIES, type Category, type Severity } from '../../../../shared/rules/ruleSpec.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { CaseNavigation } from '../../views/caseNavigation.ts';
import { CATEGORY_KEY, SEVERITY_KEY, findingKey } from './common.tsx';
import { FindingCard } from './FindingCard.tsx';

const PAGE = 40;

function countBy<K extends string>(items: readonly Finding[], key: (f: Finding) => K): Map<K, number> {
  const counts = new Map<K, number>();
  for (const f of items) counts.set(key(f), (counts.get(key(f)) ?? 0) + 1);
  return counts;
}

export function FindingsList({
  findings,
  stageName,
  nav,
  keptOpen,
  onOpenChange,
}: {
  findings: Finding[];
  stageName: (id: string) => string;
  nav: CaseNavigation;
  /** The findings open when the view was last shown (by findingKey); none: the first one opens. */
  keptOpen?: ReadonlySet<string>;
  onOpenChange?: (open: ReadonlySet<string>) => void;
}) {
  const { t, num } = useI18n();
  const [category, setCategory] = useState<Category | null>(null);
  const [severity, setSeverity] = useState<Severity | null>(null);
  const [open, setOpen] = useState<ReadonlySet<string>>(
    () => keptOpen ?? new Set(findings.length > 0 ? [findingKey(findings[0])] : []),
  );
  useEffect(() => {
    onOpenChange?.(open);
  }, [open, onOpenChange]);
  const [limit, setLimit] = useState(PAGE);

  // Faceted counts: each filter counts what the other one leaves.
  const byCategory = useMemo(
    () =>
      countBy(
        findings.filter((f) => severity === null || f.severity === severity),
        (f) => f.category,
      ),
    [findings, severity],
  );
  const bySeverity = useMemo(
    () =>
      countBy(
        findings.filter((f) => category === null || f.category === category),
        (f) => f.severity,
      ),
    [findings, category],
  );
  const shown = useMemo(
    () =>
      findings.filter(
        (f) => (category === null || f.category === category) && (severity === null || f.severity === severity),
      ),
    [findings, category, severity],
  );
  const presentCategories = CATEGORIES.filter((c) => findings.some((f) => f.category === c));
  const presentSeverities = SEVERITIES.filter((s) => findings.some((f) => f.severity === s));

  const toggle = (key: string): void =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const allOpen = shown.length > 0 && shown.slice(0, limit).every((f) => open.has(findingKey(f)));

  return (
    <div className="ov-findings">
      <div className="ov-filters">
        <div className="ov-filter-group" role="group" aria-label={t('ovFilterCategory')}>
          <button
            type="button"
            className="ov-filter"
            aria-pressed={category === null}
            onClick={() => setCategory(null)}
          >
            {t('ovFilterAll')}{' '}
            <span className="ov-filter-n">{num([...byCategory.values()].reduce((a, b) => a + b, 0))}</span>
          </button>
          {presentCategories.map((c) => (
            <button
              key={c}
              type="button"
              className={`ov-filter ov-filter-cat-${c}`}
              aria-pressed={category === c}
              onClick={() => setCategory(category === c ? null : c)}
            >
              {t(CATEGORY_KEY[c])} <span className="ov-filter-n">{num(byCategory.get(c) ?? 0)}</span>
            </button>
          ))}
        </div>
        <div className="ov-filter-group" role="group" aria-label={t('ovFilterSeverity')}>
          {presentSeverities.map((s) => (
            <button
              key={s}
              type="button"
              className={`ov-filter ov-filter-sev ov-filter-sev-${s}`}
              aria-pressed={severity === s}
              onClick={() => setSeverity(severity === s ? null : s)}
            >
              <span className={`ov-dot ov-dot-${s}`} aria-hidden="true" />
              {t(SEVERITY_KEY[s])} <span className="ov-filter-n">{num(bySeverity.get(s) ?? 0)}</span>
            </button>
          ))}
        </div>
        <button
          type="button"
          className="ov-linkish ov-expand-all"
          disabled={shown.length === 0}
          onClick={() => setOpen(allOpen ? new Set() : new Set(shown.slice(0, limit).map(findingKey)))}
        >
          {allOpen ? t('ovCollapseAll') : t('ovExpandAll')}
        </button>
      </div>
      {shown.length === 0 ? (
        <p className="ov-empty-line">
          {t('ovFilterNone')}{' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              setCategory(null);
              setSeverity(null);
            }}
          >
            {t('ovFilterClear')}
          </button>
        </p>
      ) : (
        <div className="ov-finding-list">
          {shown.slice(0, limit).map((f) => {
            const key = findingKey(f);
            return (
              <FindingCard
                key={key}
                finding={f}
                open={open.has(key)}
                onToggle={() => toggle(key)}
                stageName={stageName}
                nav={nav}
              />
            );
          })}
        </div>
      )}
      {shown.length > limit && (
        <p className="ov-more">
          <button type="button" className="button" onClick={() => setLimit((l) => l + PAGE)}>
            {t('ovShowMoreFindings', { n: num(Math.min(PAGE, shown.length - limit)), rest: num(shown.length - limit) })}
          </button>
        </p>
      )}
    </div>
  );
}
