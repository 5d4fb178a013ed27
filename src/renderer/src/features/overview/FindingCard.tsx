/**
 * One finding: a header line (severity, title, category, component, count, when) that opens
 * the details — advice, evidence lines (each opens the viewer), request ids (each opens the
 * trace), the query that shows all its events, the stages it belongs to and its references.
 */
import { useId, useState } from 'react';
import type { Evidence, Finding } from '../../../../shared/rules/finding.ts';
import type { LocalizedText } from '../../../../shared/rules/ruleSpec.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Lang } from '../../i18n/strings.ts';
import { formatLocalTime, formatSpan } from '../../lib/display.ts';
import type { CaseNavigation } from '../../views/caseNavigation.ts';
import { CategoryChip, ComponentName, SeverityBadge, localized } from './common.tsx';
import '../ruleFromLine/RuleFromLine.css';
import { SeenBefore } from '../library/SeenBefore.tsx';
import { findingRefs } from '../library/libraryText.ts';
import { useMatchesOrNull } from '../library/useLibraryMatches.tsx';

function EvidenceLine({ evidence, component, nav }: { evidence: Evidence; component: string; nav: CaseNavigation }) {
  const [module, name] = component.includes('/') ? component.split('/', 2) : [component, component];
  const { t } = useI18n();
  const target = evidence.match?.line ?? evidence.line;
  const pinned = nav.isPinned(evidence.path, evidence.line);
  return (
    <li className="ov-evidence-item">
      <button
        type="button"
        className="ov-evidence"
        data-testid="evidence-line"
        onClick={() => nav.openPath(evidence.path, target)}
        title={t('ovEvidenceOpen', { path: evidence.path, line: target })}
      >
        <span className="ov-evidence-place">
          <span className="ov-evidence-path">{evidence.path}</span>
          <span className="ov-evidence-line">:{evidence.line}</span>
          {evidence.time !== null && <span className="ov-evidence-time">{formatLocalTime(evidence.time)}</span>}
        </span>
        <span className={`ov-evidence-text ov-level-${evidence.level}`}>{evidence.text}</span>
        {evidence.match && (
          <span className="ov-evidence-match">
            <span className="ov-evidence-match-label">{t('ovEvidenceMatched', { line: evidence.match.line })}</span>
            <span className="ov-evidence-text">{evidence.match.text}</span>
          </span>
        )}
      </button>
      <button
        type="button"
        className="icon-button ov-evidence-pin"
        aria-label={pinned ? t('pinned') : t('pinLine')}
        title={pinned ? t('pinned') : t('pinLine')}
        aria-pressed={pinned}
        data-testid="pin-evidence"
        onClick={() =>
          nav.pin({
            path: evidence.path,
            line: evidence.line,
            file: null,
            text: evidence.text,
            time: evidence.time,
            level: evidence.level,
            component,
          })
        }
      >
        {pinned ? '★' : '☆'}
      </button>
      {nav.makeRule && evidence.event >= 0 && (
        <button
          type="button"
          className="icon-button ov-evidence-pin"
          aria-label={t('rlOpenTitle')}
          title={t('rlOpenTitle')}
          data-testid="evidence-make-rule"
          onClick={() =>
            nav.makeRule?.(
              { text: evidence.text, level: evidence.level, module, component: name, path: evidence.path },
              evidence.line,
            )
          }
        >
          ＋
        </button>
      )}
    </li>
  );
}

function Advice({ advice }: { advice: LocalizedText }) {
  const { t, lang } = useI18n();
  const [shown, setShown] = useState<Lang | null>(null);
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  const current = shown ?? lang;
  const hasOther = advice[other] !== '' && advice[other] !== advice[lang];
  return (
    <div className="ov-advice">
      <div className="ov-block-head">
        <h4>{t('ovAdvice')}</h4>
        {hasOther && (
          <button
            type="button"
            className="ov-linkish"
            onClick={() => setShown(current === lang ? other : null)}
            aria-pressed={current !== lang}
          >
            {current === lang ? t(other === 'en' ? 'ovAdviceShowEn' : 'ovAdviceShowZh') : t('ovAdviceShowCurrent')}
          </button>
        )}
      </div>
      <p className="ov-advice-text" lang={current === 'zh' ? 'zh-CN' : 'en'}>
        {localized(advice, current)}
      </p>
    </div>
  );
}

export function FindingCard({
  finding,
  open,
  onToggle,
  stageName,
  nav,
}: {
  finding: Finding;
  open: boolean;
  onToggle: () => void;
  stageName: (id: string) => string;
  nav: CaseNavigation;
}) {
  const { t, lang, num } = useI18n();
  const bodyId = useId();
  const span = formatSpan(finding.firstTime, finding.lastTime);
  const seen = findingRefs(useMatchesOrNull(), finding.rule);
  return (
    <article
      className={`ov-finding ov-finding-${finding.severity}${open ? ' ov-open' : ''}`}
      data-testid="finding"
      data-rule={finding.rule}
    >
      <h3 className="ov-finding-h">
        <button
          type="button"
          className="ov-finding-head"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={onToggle}
        >
          <span className="ov-chevron" aria-hidden="true">
            ▸
          </span>
          <SeverityBadge severity={finding.severity} />
          <span className="ov-finding-title">
            {localized(finding.title, lang)}
            {finding.pattern !== undefined && (
              <>
                {': '}
                <code className="ov-finding-pattern">{finding.pattern}</code>
              </>
            )}
          </span>
          <span className="ov-finding-meta">
            {finding.userRule && (
              <span className="ov-user-rule" title={t('rlUserRuleTitle')} data-testid="user-rule-badge">
                {t('rlUserRule')}
              </span>
            )}
            <CategoryChip category={finding.category} />
            <span className="ov-finding-comp">
              <ComponentName module={finding.module} component={finding.component} />
            </span>
            <span
              className="ov-finding-count"
              title={finding.count === 1 ? t('ovCountTitleOne') : t('ovCountTitle', { n: num(finding.count) })}
            >
              {t('ovCount', { n: num(finding.count) })}
            </span>
            <span className="ov-finding-when">{span ?? t('ovNoTime')}</span>
          </span>
        </button>
      </h3>
      {seen.length > 0 && (
        <div className="lib-finding-seen">
          <SeenBefore refs={seen} />
        </div>
      )}
      {open && (
        <div className="ov-finding-body" id={bodyId}>
          {finding.place && (
            <div className="ov-where" data-testid="finding-where">
              <h4>{t('ovWhere')}</h4>
              <p>
                <strong>{localized(finding.place.reason, lang)}</strong>
              </p>
              <p className="ov-advice-text">{localized(finding.place.advice, lang)}</p>
            </div>
          )}
          <Advice advice={finding.advice} />
          <div className="ov-block">
            <div className="ov-block-head">
              <h4>{t('ovEvidence')}</h4>
              {finding.count > finding.evidence.length && (
                <span className="ov-hint">
                  {t('ovEvidenceSome', { shown: num(finding.evidence.length), total: num(finding.count) })}
                </span>
              )}
            </div>
            {finding.evidence.length === 0 ? (
              <p className="ov-hint">{t('ovEvidenceNone')}</p>
            ) : (
              <ul className="ov-evidence-list">
                {finding.evidence.map((e, i) => (
                  <EvidenceLine
                    key={`${i}:${e.path}:${e.line}`}
                    evidence={e}
                    component={`${finding.module}/${finding.component}`}
                    nav={nav}
                  />
                ))}
              </ul>
            )}
          </div>
          {finding.requestIds.length > 0 && (
            <div className="ov-block">
              <h4>{t('ovRequestIds')}</h4>
              <div className="ov-ids">
                {finding.requestIds.map((id) => (
                  <button
                    key={id}
                    type="button"
                    className="ov-id"
                    onClick={() => nav.trace(id)}
                    title={t('ovTraceId', { id })}
                  >
                    {id}
                  </button>
                ))}
              </div>
            </div>
          )}
          {finding.query !== null && (
            <div className="ov-block ov-query-row">
              <button type="button" className="button ov-query-button" onClick={() => nav.search(finding.query ?? '')}>
                {t('ovShowInEvents', { n: num(finding.count) })}
              </button>
              <code className="ov-query" title={finding.query}>
                {finding.query}
              </code>
            </div>
          )}
          <dl className="ov-facts">
            <div>
              <dt>{t('ovRule')}</dt>
              <dd className="ov-mono">{finding.rule}</dd>
            </div>
            <div>
              <dt>{t('ovStages')}</dt>
              <dd>
                {finding.stages.length === 0 ? t('ovAnyStage') : finding.stages.map(stageName).join(t('ovListSep'))}
              </dd>
            </div>
            {finding.references.length > 0 && (
              <div className="ov-facts-wide">
                <dt>{t('ovReferences')}</dt>
                <dd>
                  <ul className="ov-refs">
                    {finding.references.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                </dd>
              </div>
            )}
          </dl>
        </div>
      )}
    </article>
  );
}
