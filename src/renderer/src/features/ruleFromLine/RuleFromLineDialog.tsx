/**
 * "Make a rule…": a diagnostic rule from one line. The query is proposed from the line's
 * template and can be edited, with the count of the case's events it matches shown as it
 * changes; title, severity, category, stage and advice in English and Chinese; the line is the
 * example that must match and the nearest healthy line of its file the one that must not. Save
 * writes the rule to the user's rules folder (problems are shown under the field they name) and
 * diagnoses the case again. Beside the case's count, the past cases of the library the query
 * matches (their tickets on hover). Given a saved rule's spec it edits that rule (from "Your
 * rules"). While "Your rules" is open over it, it is hidden and Esc closes the list. Esc closes.
 */
import { useId, useRef, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { CATEGORIES, SEVERITIES, type Category, type Severity } from '../../../../shared/rules/ruleSpec.ts';
import type { LibraryRef } from '../../../../shared/library/libraryModel.ts';
import type { RuleLine } from '../../../../shared/rules/ruleFromLine.ts';
import type { RuleSpec } from '../../../../shared/rules/ruleSpec.ts';
import { useDialogFocus } from '../../components/CommandPalette.tsx';
import { ModalShell, useEscapeCloses } from '../../components/ModalShell.tsx';
import '../../components/overlays.css';
import { useI18n } from '../../i18n/i18n.tsx';
import { CATEGORY_KEY, SEVERITY_KEY } from '../overview/common.tsx';
import '../defineFormat/DefineFormat.css';
import './RuleFromLine.css';
import { UserRulesBar } from './UserRulesBar.tsx';
import { useRuleFromLine, type LibraryCount, type RuleCount } from './useRuleFromLine.ts';
import { userRulesState, useUserRulesState } from './userRulesState.ts';

export interface RuleFromLineDialogProps {
  caseId: string;
  line: RuleLine;
  /** The line's number in its file. */
  lineNo: number;
  onClose: () => void;
  /** The case is being read (and diagnosed) again as `caseId`. */
  onReread: (caseId: string) => void;
  /** A saved rule to edit (from "Your rules") instead of a new one. */
  spec?: RuleSpec;
}

export function RuleFromLineDialog(props: RuleFromLineDialogProps) {
  return createPortal(<Dialog {...props} />, document.body);
}

/** A past case as its ticket, else its first bundle, with the day it was saved. */
function refName(ref: LibraryRef): string {
  const name = ref.ticket || ref.names[0] || ref.key.slice(0, 8);
  return `${name} (${new Date(ref.savedAt).toISOString().slice(0, 10)})`;
}

function LibraryLine({ library }: { library: LibraryCount }) {
  const { t, num } = useI18n();
  if (library.kind === 'error') return null;
  if (library.kind === 'counting')
    return (
      <span className="muted" data-testid="rl-library-count">
        {' · '}
        {t('rlLibraryCounting')}
      </span>
    );
  const { cases, templates, pins, refs } = library.matches;
  const text =
    cases === 1
      ? t('rlLibraryOne', { t: num(templates), p: num(pins) })
      : t('rlLibrary', { n: num(cases), t: num(templates), p: num(pins) });
  const more = cases - refs.length;
  const title = [...refs.map(refName), ...(more > 0 ? [t('rlLibraryMore', { n: num(more) })] : [])].join('\n');
  return (
    <span data-testid="rl-library-count" data-count={cases}>
      {' · '}
      <span className={cases > 0 ? 'rl-count rl-library' : 'muted'} title={title || undefined}>
        {text}
      </span>
    </span>
  );
}

function FieldProblems({ problems }: { problems: string[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="rl-problems" role="alert" data-testid="rl-field-problem">
      {problems.map((problem) => (
        <li key={problem}>{problem}</li>
      ))}
    </ul>
  );
}

/** A labelled drop-down of the dialog (severity, category, stage). */
function ChoiceField(props: {
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
  testId: string;
  invalid?: boolean;
}) {
  return (
    <label className="df-field">
      <span className="df-label">{props.label}</span>
      <select
        className="input"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.invalid}
        data-testid={props.testId}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function CountLine({ count }: { count: RuleCount }) {
  const { t, num } = useI18n();
  if (count.kind === 'counting') return <span className="muted">{t('rlCounting')}</span>;
  if (count.kind === 'error') return <span className="rl-error">{t('rlQueryError', { detail: count.detail })}</span>;
  const text = !count.exact
    ? t('rlCountAtLeast', { n: num(count.total) })
    : count.total === 1
      ? t('rlCountOne')
      : t('rlCount', { n: num(count.total) });
  return (
    <span className="rl-count" data-count={count.total}>
      {text}
    </span>
  );
}

function Dialog({ caseId, line, lineNo, onClose, onReread, spec }: RuleFromLineDialogProps) {
  const { t, lang } = useI18n();
  const dialog = useRef<HTMLDivElement>(null);
  const trapTab = useDialogFocus(dialog);
  const ids = useId();
  const state = useRuleFromLine({ caseId, line, lineNo, onReread, ...(spec ? { spec } : {}) });
  const { save } = state;
  // "Your rules" opened from this dialog's bar lies over it: hidden meanwhile, its draft kept.
  const covered = useUserRulesState().view.kind !== 'closed' && spec === undefined;

  useEscapeCloses(covered ? userRulesState.close : onClose);

  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>): void => {
    // Modal: the views' own keys wait until it is closed.
    if (event.key !== 'Escape') event.stopPropagation();
    trapTab(event);
  };
  const invalid = (field: string): boolean => state.problemsOf(field).length > 0;
  const unplaced = save.kind === 'failed' ? save.problems.filter((p) => p.field === null) : [];

  return (
    <div hidden={covered} className="rl-cover">
      <ModalShell
        dialogRef={dialog}
        className="df rl"
        testId="rule-from-line-dialog"
        titleId={`${ids}-title`}
        title={spec ? t('rlEditTitle', { id: spec.id }) : t('rlTitle')}
        onClose={onClose}
        onKeyDown={onKeyDown}
      >
        <div className="df-body">
          <p className="muted">{spec ? t('rlEditLead') : t('rlLead')}</p>
          <div className="rl-line">
            <span className="df-label">{t('rlLine')}</span>{' '}
            <span className="mono muted">
              {line.path}
              {spec ? '' : `:${lineNo}`}
            </span>
            <p className="mono rl-line-text">{line.text}</p>
          </div>
          <label className="df-field">
            <span className="df-label">{t('rlQuery')}</span>
            <textarea
              className="input mono df-pattern"
              rows={2}
              spellCheck={false}
              value={state.query}
              onChange={(e) => state.setQuery(e.target.value)}
              aria-invalid={invalid('query') || state.count.kind === 'error'}
              data-testid="rl-query"
            />
            <span className="df-hint">
              <span data-testid="rl-count">
                <CountLine count={state.count} />
              </span>
              <LibraryLine library={state.library} />
            </span>
            <span className="df-hint">{t('rlQueryHint')}</span>
            <FieldProblems problems={state.problemsOf('query')} />
          </label>
          <div className="rl-row rl-row-2">
            <label className="df-field">
              <span className="df-label">
                {t('rlRuleTitle')} · {t('rlEnglish')}
              </span>
              <input
                className="input"
                value={state.titleEn}
                onChange={(e) => state.setTitleEn(e.target.value)}
                aria-invalid={invalid('title')}
                data-testid="rl-title-en"
              />
            </label>
            <label className="df-field">
              <span className="df-label">
                {t('rlRuleTitle')} · {t('rlChinese')}
              </span>
              <input
                className="input"
                lang="zh-CN"
                value={state.titleZh}
                onChange={(e) => state.setTitleZh(e.target.value)}
                aria-invalid={invalid('title')}
                data-testid="rl-title-zh"
              />
            </label>
          </div>
          <FieldProblems problems={state.problemsOf('title')} />
          <div className="rl-row rl-row-4">
            <ChoiceField
              label={t('rlSeverity')}
              value={state.severity}
              onChange={(v) => state.setSeverity(v as Severity)}
              testId="rl-severity"
              options={SEVERITIES.map((s) => ({ value: s, label: t(SEVERITY_KEY[s]) }))}
            />
            <ChoiceField
              label={t('rlCategory')}
              value={state.category}
              onChange={(v) => state.setCategory(v as Category)}
              testId="rl-category"
              options={CATEGORIES.map((c) => ({ value: c, label: t(CATEGORY_KEY[c]) }))}
            />
            <ChoiceField
              label={t('rlStage')}
              value={state.stage}
              onChange={state.setStage}
              invalid={invalid('stages')}
              testId="rl-stage"
              options={[
                { value: '', label: t('rlAnyStage') },
                ...state.stages.map((s) => ({ value: s.id, label: s.name[lang] || s.name.en })),
              ]}
            />
            <label className="df-field">
              <span className="df-label">{t('rlId')}</span>
              <input
                className="input mono"
                value={state.id}
                spellCheck={false}
                onChange={(e) => state.setId(e.target.value)}
                aria-invalid={invalid('id')}
                readOnly={state.editing}
                title={state.editing ? t('rlIdKept') : t('rlIdHint')}
                data-testid="rl-id"
              />
            </label>
          </div>
          <FieldProblems problems={[...state.problemsOf('id'), ...state.problemsOf('stages')]} />
          <div className="rl-row rl-row-2">
            <label className="df-field">
              <span className="df-label">
                {t('rlAdvice')} · {t('rlEnglish')}
              </span>
              <textarea
                className="input"
                rows={2}
                value={state.adviceEn}
                placeholder={t('rlAdvicePlaceholder')}
                onChange={(e) => state.setAdviceEn(e.target.value)}
                aria-invalid={invalid('advice')}
                data-testid="rl-advice-en"
              />
            </label>
            <label className="df-field">
              <span className="df-label">
                {t('rlAdvice')} · {t('rlChinese')}
              </span>
              <textarea
                className="input"
                lang="zh-CN"
                rows={2}
                value={state.adviceZh}
                placeholder={t('rlAdvicePlaceholder')}
                onChange={(e) => state.setAdviceZh(e.target.value)}
                aria-invalid={invalid('advice')}
                data-testid="rl-advice-zh"
              />
            </label>
          </div>
          <FieldProblems problems={state.problemsOf('advice')} />
          <div className="rl-examples">
            <span className="df-label">{t('rlExamples')}</span>
            <p className="rl-example">
              <span className="rl-tag rl-tag-match">{t('rlMustMatch')}</span>
              <span className="mono">{line.text}</span>
            </p>
            <p className="rl-example" data-testid="rl-no-match">
              <span className="rl-tag rl-tag-nomatch">{t('rlMustNotMatch')}</span>
              {state.healthy ? (
                <span className="mono">{state.healthy.text}</span>
              ) : (
                <span className="muted">{state.candidatesLoaded ? t('rlNoHealthy') : t('rlCounting')}</span>
              )}
            </p>
            <FieldProblems problems={state.problemsOf('examples')} />
          </div>
          {save.kind === 'failed' && (
            <div className="notice notice-error" role="alert" data-testid="rl-save-error">
              <div className="notice-body">
                <p className="notice-title">{t('rlSaveFailed')}</p>
                {unplaced.map((p) => (
                  <p key={p.text} className="notice-detail">
                    {p.text}
                  </p>
                ))}
              </div>
            </div>
          )}
          {save.kind === 'saved' && (
            <p className="df-saved" role="status" data-testid="rl-saved">
              {t('rlSaved', { path: save.path })}
            </p>
          )}
          <UserRulesBar caseId={caseId} onReread={onReread} />
        </div>
        <div className="df-actions">
          <span className="muted df-keys">{t('rlKeys')}</span>
          <button type="button" className="button" onClick={onClose}>
            {t('rlCancel')}
          </button>
          <button
            type="button"
            className="button button-primary"
            onClick={() => void state.saveRule()}
            disabled={save.kind === 'saving' || save.kind === 'saved'}
            data-testid="rl-save"
          >
            {save.kind === 'saving' ? t('rlSaving') : t('rlSave')}
          </button>
        </div>
      </ModalShell>
    </div>
  );
}
