/**
 * Compare (issue 18): this case (A) against another bundle (B) opened beside it — the bundle
 * picked by path or from Recent — or against itself over another time range; B lined up with A
 * by wall time, each from its first error, or at an event chosen in each (EventPicker.tsx) — then
 * what differs: templates only in A, only in B and whose rate changed (errors and warnings first,
 * with counts, rates and first/last times; a row opens its events in A's Events view, or B's
 * events listed here, OtherEvents.tsx), findings in one and not the other, versions,
 * configuration lines, pods and goroutine groups.
 */
import { useState, type ReactNode } from 'react';
import type { CaseComparison, TemplateDiff, TemplateSide } from '../../../../shared/compare/compareCases.ts';
import { DURATION_UNITS_EN, DURATION_UNITS_ZH, formatDuration } from '../../../../shared/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { StringKey } from '../../i18n/strings.ts';
import { baseName, formatLocalTime, formatSpan } from '../../lib/display.ts';
import { usePreferences } from '../../lib/preferences.ts';
import type { CaseNavigation } from '../../views/caseNavigation.ts';
import { localized } from '../overview/common.tsx';
import { CompareTimelines } from './CompareTimelines.tsx';
import { withinRange } from './compareRanges.ts';
import { EventPicker } from './EventPicker.tsx';
import { OtherEvents } from './OtherEvents.tsx';
import { RangeForm } from './RangeForm.tsx';
import type { CompareRanges, CompareSession, OtherBundle } from './useCompareSession.ts';
import './CompareView.css';

export interface CompareViewProps {
  caseId: string;
  session: CompareSession;
  /** A's bundle names (a Recent entry of A itself is not offered as B). */
  caseNames: string[];
  nav: CaseNavigation;
  /** Opens bundle B as the app's case (to see the events of a template only B has). */
  onOpenOther: (other: OtherBundle) => void;
  /** The timeline's selection, offered as A's range when comparing two ranges of this case. */
  selection?: { from: number; to: number } | null;
}

export function CompareView({ caseId, session, caseNames, nav, onOpenOther, selection = null }: CompareViewProps) {
  const { t } = useI18n();
  const { status } = session;
  const other = session.other;
  return (
    <section className="cmp" data-testid="compare" aria-labelledby="cmp-title">
      <h1 id="cmp-title" className="cmp-title">
        {t('cmpTitle')}
      </h1>
      <Picker session={session} caseNames={caseNames} caseId={caseId} selection={selection} />
      {status.kind === 'opening' && (
        <p className="muted" role="status" data-testid="compare-opening">
          {t('cmpOpening', { name: status.name })}
        </p>
      )}
      {status.kind === 'error' && (
        <p className="cmp-error" role="alert" data-testid="compare-error">
          {t('cmpFailed', { error: status.message })}
        </p>
      )}
      {status.kind === 'ready' && (other || session.ranges) && (
        <Result
          comparison={status.comparison}
          nav={nav}
          otherId={session.otherId}
          ranges={session.ranges}
          onOpenB={other ? () => onOpenOther(other) : null}
          timelines={
            session.otherId && (
              <CompareTimelines caseId={caseId} otherCaseId={session.otherId} comparison={status.comparison} />
            )
          }
        />
      )}
    </section>
  );
}

function Picker({
  session,
  caseNames,
  caseId,
  selection,
}: {
  session: CompareSession;
  caseNames: string[];
  caseId: string;
  selection: { from: number; to: number } | null;
}) {
  const { t } = useI18n();
  const [path, setPath] = useState('');
  const [mode, setMode] = useState<'bundle' | 'ranges'>(session.ranges ? 'ranges' : 'bundle');
  return (
    <div className="cmp-picker">
      <fieldset className="cmp-align cmp-mode">
        <legend>{t('cmpMode')}</legend>
        {(['bundle', 'ranges'] as const).map((kind) => (
          <label key={kind}>
            <input
              type="radio"
              name="cmp-mode"
              value={kind}
              checked={mode === kind}
              onChange={() => setMode(kind)}
              data-testid={`compare-mode-${kind}`}
            />{' '}
            {t(kind === 'bundle' ? 'cmpModeBundle' : 'cmpModeRanges')}
          </label>
        ))}
      </fieldset>
      {mode === 'ranges' ? (
        <RangeForm caseId={caseId} session={session} selection={selection} />
      ) : (
        <BundleForm session={session} caseNames={caseNames} path={path} onPath={setPath} />
      )}
      <fieldset className="cmp-align">
        <legend>{t('cmpAlign')}</legend>
        {(['wall', 'first-error', 'event'] as const).map((kind) => (
          <label key={kind}>
            <input
              type="radio"
              name="cmp-align"
              value={kind}
              checked={session.align === kind}
              onChange={() => session.setAlign(kind)}
              data-testid={`compare-align-${kind}`}
            />{' '}
            {t(kind === 'wall' ? 'cmpAlignWall' : kind === 'first-error' ? 'cmpAlignFirstError' : 'cmpAlignEvent')}
          </label>
        ))}
      </fieldset>
      {session.align === 'event' && session.otherId !== null && <EventPicker session={session} caseId={caseId} />}
    </div>
  );
}

function BundleForm({
  session,
  caseNames,
  path,
  onPath,
}: {
  session: CompareSession;
  caseNames: string[];
  path: string;
  onPath: (path: string) => void;
}) {
  const { t } = useI18n();
  const recent = (usePreferences().recent ?? []).filter((r) => r.names.join('\u0000') !== caseNames.join('\u0000'));
  const submit = (): void => {
    const trimmed = path.trim();
    if (trimmed !== '') session.compareWith({ paths: [trimmed], name: baseName(trimmed) });
  };
  return (
    <>
      {session.status.kind === 'idle' && <p className="muted cmp-lead">{t('cmpLead')}</p>}
      <form
        className="cmp-path"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label>
          {t('cmpPath')}{' '}
          <input
            type="text"
            className="input mono"
            value={path}
            placeholder={t('cmpPathPlaceholder')}
            onChange={(e) => onPath(e.target.value)}
            data-testid="compare-path"
            spellCheck={false}
          />
        </label>
        <button type="submit" className="button button-primary" data-testid="compare-go" disabled={path.trim() === ''}>
          {t('cmpOpen')}
        </button>
      </form>
      <div className="cmp-recent">
        <span className="muted">{t('cmpRecent')}</span>{' '}
        {recent.length === 0 ? (
          <span className="muted">{t('cmpRecentNone')}</span>
        ) : (
          recent.map((r) => (
            <button
              key={`${r.names.join(',')}:${r.openedAt}`}
              type="button"
              className="button cmp-recent-item"
              data-testid="compare-recent"
              title={r.paths === 'demo' ? r.names.join(', ') : r.paths.join('\n')}
              onClick={() => session.compareWith({ paths: r.paths, name: r.names.join(', ') })}
            >
              {r.names.join(', ')}
            </button>
          ))
        )}
      </div>
    </>
  );
}

function Result({
  comparison: c,
  nav,
  otherId,
  ranges,
  onOpenB,
  timelines,
}: {
  comparison: CaseComparison;
  nav: CaseNavigation;
  otherId: string | null;
  ranges: CompareRanges | null;
  onOpenB: (() => void) | null;
  timelines: ReactNode;
}) {
  const { t, lang, num } = useI18n();
  const units = lang === 'zh' ? DURATION_UNITS_ZH : DURATION_UNITS_EN;
  const [inB, setInB] = useState<{ id: number; text: string } | null>(null);
  const { alignment } = c;
  const offset = alignment.offsetMs;
  const side = (key: 'cmpCaseA' | 'cmpCaseB', x: CaseComparison['a']) => (
    <p className="cmp-case" data-testid={key === 'cmpCaseA' ? 'compare-a' : 'compare-b'}>
      <strong>{t(key, { name: x.name })}</strong> <span className="muted">{formatSpan(x.from, x.to) ?? ''}</span>
    </p>
  );
  const openA = (d: TemplateDiff): void => {
    if (d.a) nav.search(withinRange(`template:${d.a.id}`, ranges?.a ?? null));
  };
  const openB = (d: TemplateDiff): void => {
    if (d.b) setInB({ id: d.b.id, text: d.text });
  };
  const openTemplate = (d: TemplateDiff): void => (d.a ? openA(d) : openB(d));
  const alignedBy = {
    wall: 'cmpAlignedByWall',
    'first-error': 'cmpAlignedByFirstError',
    event: 'cmpAlignedByEvent',
  } as const satisfies Record<CaseComparison['alignment']['kind'], StringKey>;
  return (
    <div className="cmp-result" data-testid="compare-result">
      <div className="cmp-cases">
        {side('cmpCaseA', c.a)}
        {side('cmpCaseB', c.b)}
        <p className="muted" data-testid="compare-offset">
          {offset === 0
            ? t('cmpNoOffset')
            : t('cmpOffset', { offset: `${offset < 0 ? '−' : '+'}${formatDuration(Math.abs(offset), units)}` })}
          {alignment.fallback && <> {t('cmpFallback', { why: alignment.fallback })}</>}
        </p>
        <p className="muted" data-testid="compare-aligned-by">
          {t(alignedBy[alignment.kind])}
        </p>
      </div>
      {timelines}
      {inB !== null && otherId !== null && (
        <OtherEvents
          key={inB.id}
          otherCaseId={otherId}
          templateId={inB.id}
          text={inB.text}
          range={ranges?.b ?? null}
          onOpenB={onOpenB}
          onClose={() => setInB(null)}
        />
      )}
      <Templates
        title="cmpOnlyB"
        testId="compare-only-b"
        rows={c.templates.onlyB}
        total={c.templates.totals.onlyB}
        onOpen={openTemplate}
        onOpenA={openA}
        onOpenB={openB}
      />
      <Templates
        title="cmpOnlyA"
        testId="compare-only-a"
        rows={c.templates.onlyA}
        total={c.templates.totals.onlyA}
        onOpen={openTemplate}
        onOpenA={openA}
        onOpenB={openB}
      />
      <Templates
        title="cmpRate"
        testId="compare-rate"
        rows={c.templates.rateChanged}
        total={c.templates.totals.rateChanged}
        onOpen={openTemplate}
        onOpenA={openA}
        onOpenB={openB}
      />
      <Table
        title="cmpFindingsOnlyB"
        testId="compare-findings-b"
        head={['cmpColFinding', 'cmpColComponent', 'cmpColCount', 'cmpColFirst', 'cmpColLast']}
        rows={c.findings.onlyB.map((f) => [
          localized(f.title, lang),
          f.component,
          num(f.count),
          time(f.firstTime),
          time(f.lastTime),
        ])}
      />
      <Table
        title="cmpFindingsOnlyA"
        testId="compare-findings-a"
        head={['cmpColFinding', 'cmpColComponent', 'cmpColCount', 'cmpColFirst', 'cmpColLast']}
        rows={c.findings.onlyA.map((f) => [
          localized(f.title, lang),
          f.component,
          num(f.count),
          time(f.firstTime),
          time(f.lastTime),
        ])}
      />
      <Table
        title="cmpVersions"
        testId="compare-versions"
        head={['cmpColService', 'cmpCaseA', 'cmpCaseB']}
        params={{ name: '' }}
        rows={c.versions.map((v) => [v.service, v.a ?? t('cmpAbsent'), v.b ?? t('cmpAbsent')])}
      />
      <Table
        title="cmpConfig"
        testId="compare-config"
        head={['cmpColFile', 'cmpColKey', 'cmpCaseA', 'cmpCaseB']}
        params={{ name: '' }}
        rows={c.config.changed.map((d) => [d.path, d.key, d.a ?? t('cmpAbsent'), d.b ?? t('cmpAbsent')])}
        after={
          <>
            {c.config.onlyA.length > 0 && (
              <p className="muted">{t('cmpConfigOnlyA', { files: c.config.onlyA.join(', ') })}</p>
            )}
            {c.config.onlyB.length > 0 && (
              <p className="muted">{t('cmpConfigOnlyB', { files: c.config.onlyB.join(', ') })}</p>
            )}
          </>
        }
      />
      <Table
        title="cmpPods"
        testId="compare-pods"
        head={['cmpColPod', 'cmpColStatus', 'cmpColRestarts']}
        rows={c.pods.map((p) => [
          p.namespace ? `${p.namespace}/${p.key}` : p.key,
          `${p.a ? `${p.a.status} ${p.a.ready}/${p.a.containers}` : t('cmpAbsent')} → ${p.b ? `${p.b.status} ${p.b.ready}/${p.b.containers}` : t('cmpAbsent')}`,
          `${p.a ? num(p.a.restarts) : t('cmpAbsent')} → ${p.b ? num(p.b.restarts) : t('cmpAbsent')}`,
        ])}
      />
      <Table
        title="cmpGoroutines"
        testId="compare-goroutines"
        head={['cmpColFrame', 'cmpColStatus', 'cmpColCountAB']}
        rows={c.goroutines.map((g) => [g.topFrame, g.state ?? '', `${num(g.a)} → ${num(g.b)}`])}
      />
    </div>
  );
}

const time = (at: number | null): string => (at === null ? '' : formatLocalTime(at));

/** A template's first or last time: of the one case that has it, else of A over B's. */
function times(d: TemplateDiff, which: 'firstTime' | 'lastTime'): ReactNode {
  if (!d.a || !d.b) return time((d.a ?? d.b)?.[which] ?? null);
  return (
    <>
      <span className="muted">A</span> {time(d.a[which])}
      <br />
      <span className="muted">B</span> {time(d.b[which])}
    </>
  );
}

function Templates({
  title,
  testId,
  rows,
  total,
  onOpen,
  onOpenA,
  onOpenB,
}: {
  title: StringKey;
  testId: string;
  rows: TemplateDiff[];
  total: number;
  onOpen: (row: TemplateDiff) => void;
  onOpenA: (row: TemplateDiff) => void;
  onOpenB: (row: TemplateDiff) => void;
}) {
  const { t, num } = useI18n();
  const rate = (s: TemplateSide<number> | null): string =>
    s === null ? t('cmpAbsent') : s.perMinute >= 10 ? num(Math.round(s.perMinute)) : s.perMinute.toFixed(2);
  const count = (s: TemplateSide<number> | null): string => (s === null ? t('cmpAbsent') : num(s.count));
  const level: Record<TemplateDiff['level'], StringKey> = {
    error: 'cmpLevelError',
    warning: 'cmpLevelWarning',
    other: 'cmpLevelOther',
  };
  return (
    <section className="cmp-section" data-testid={testId}>
      <h2>
        {t(title)}{' '}
        <span className="muted cmp-count">
          {rows.length === total ? num(total) : t('cmpShown', { shown: num(rows.length), total: num(total) })}
        </span>
      </h2>
      {rows.length === 0 ? (
        <p className="muted">{t('cmpNone')}</p>
      ) : (
        <table className="cmp-table">
          <thead>
            <tr>
              <th>{t('cmpColTemplate')}</th>
              <th>{t('cmpColLevel')}</th>
              <th className="cmp-num">{t('cmpColCountAB')}</th>
              <th className="cmp-num">{t('cmpColRate')}</th>
              <th>{t('cmpColFirst')}</th>
              <th>{t('cmpColLast')}</th>
              <th>{t('cmpColEvents')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => {
              return (
                <tr
                  key={d.text}
                  className="cmp-row"
                  tabIndex={0}
                  title={d.a ? t('cmpOpenA') : t('cmpShowBTitle')}
                  onClick={() => onOpen(d)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' && e.target === e.currentTarget) onOpen(d);
                  }}
                >
                  <td className="cmp-text">
                    <code>{d.text}</code>
                  </td>
                  <td className={`cmp-level cmp-level-${d.level}`}>{t(level[d.level])}</td>
                  <td className="cmp-num">
                    {count(d.a)} → {count(d.b)}
                  </td>
                  <td className="cmp-num">
                    {rate(d.a)} → {rate(d.b)}
                  </td>
                  <td className="cmp-time">{times(d, 'firstTime')}</td>
                  <td className="cmp-time">{times(d, 'lastTime')}</td>
                  <td className="cmp-open">
                    {d.a && (
                      <SideButton
                        label={t('cmpShowA')}
                        title={t('cmpOpenA')}
                        testId="compare-show-a"
                        onClick={() => onOpenA(d)}
                      />
                    )}{' '}
                    {d.b && (
                      <SideButton
                        label={t('cmpShowB')}
                        title={t('cmpShowBTitle')}
                        testId="compare-show-b"
                        onClick={() => onOpenB(d)}
                      />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Table({
  title,
  testId,
  head,
  rows,
  params,
  after,
}: {
  title: StringKey;
  testId: string;
  head: StringKey[];
  rows: string[][];
  params?: Record<string, string>;
  after?: ReactNode;
}) {
  const { t, num } = useI18n();
  return (
    <section className="cmp-section" data-testid={testId}>
      <h2>
        {t(title)} <span className="muted cmp-count">{num(rows.length)}</span>
      </h2>
      {rows.length === 0 ? (
        <p className="muted">{t('cmpNone')}</p>
      ) : (
        <table className="cmp-table">
          <thead>
            <tr>
              {head.map((h) => (
                <th key={h}>{t(h, params).replace(/[:：]\s*$/, '')}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) => (
                  <td key={j} className={j === 0 ? 'cmp-text' : undefined}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {after}
    </section>
  );
}

/** A row's button that opens one side's events (the row's own click is not also taken). */
function SideButton(props: { label: string; title: string; testId: string; onClick: () => void }) {
  return (
    <button
      type="button"
      className="button cmp-small"
      title={props.title}
      data-testid={props.testId}
      onClick={(e) => {
        e.stopPropagation();
        props.onClick();
      }}
    >
      {props.label}
    </button>
  );
}
