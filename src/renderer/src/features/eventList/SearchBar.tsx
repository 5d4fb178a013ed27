/**
 * The search box: the query input, the syntax help (examples insert themselves), and a syntax
 * error shown under the box with the bad part of the query underlined. The error floats over
 * the summary so that nothing below moves while the query is being typed.
 */
import { useEffect, useRef, useState, type Ref } from 'react';
import { QUERY_SYNTAX, type QueryError } from '../../../../shared/search/queryLanguage.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { SearchIcon } from '../../components/SearchIcon.tsx';
import { step, type Recall } from '../../lib/searchHistory.ts';

interface Props {
  value: string;
  onChange: (value: string) => void;
  onSubmit: () => void;
  /** Esc or ↓ in the box: back to the list. */
  onLeave: () => void;
  onInsert: (example: string) => void;
  error: QueryError | null;
  /** A problem that is not a syntax error (e.g. a relative time without a selected event). */
  problem: string | null;
  busy: boolean;
  inputRef: Ref<HTMLInputElement>;
  /** Recent searches, newest first: this case's (the first `caseCount`), then other cases'. */
  history?: readonly string[];
  caseCount?: number;
  /** A search picked from the history list: it runs at once. */
  onPick?: (query: string) => void;
}

const CONTEXT = 40;

function SyntaxError({ query, error }: { query: string; error: QueryError }) {
  const { t } = useI18n();
  const from = Math.max(0, error.position - CONTEXT);
  const to = Math.min(query.length, error.position + error.length + CONTEXT);
  const bad = query.slice(error.position, error.position + error.length);
  return (
    <div className="ev-popup ev-syntax" id="ev-query-problem" role="alert" data-testid="syntax-error">
      <code className="ev-syntax-query">
        {from > 0 && '…'}
        {query.slice(from, error.position)}
        <span className={bad ? 'ev-syntax-bad' : 'ev-syntax-bad ev-syntax-end'}>{bad || ' '}</span>
        {query.slice(error.position + error.length, to)}
        {to < query.length && '…'}
      </code>
      <span className="ev-syntax-message">
        {t('evSyntaxError', { n: error.position + 1 })} {error.message}
      </span>
    </div>
  );
}

function SyntaxHelp({ onInsert, onClose }: { onInsert: (example: string) => void; onClose: () => void }) {
  const { t, lang } = useI18n();
  return (
    <div className="ev-popup ev-help" role="dialog" aria-label={t('evHelpTitle')} data-testid="syntax-help">
      <div className="ev-help-head">
        <h2>{t('evHelpTitle')}</h2>
        <button
          type="button"
          className="button button-quiet ev-help-close"
          aria-label={t('evHelpClose')}
          onClick={onClose}
        >
          ×
        </button>
      </div>
      <table className="ev-help-table">
        <thead>
          <tr>
            <th>{t('evHelpSyntax')}</th>
            <th>{t('evHelpMeaning')}</th>
            <th>{t('evHelpExample')}</th>
          </tr>
        </thead>
        <tbody>
          {QUERY_SYNTAX.map((row) => (
            <tr key={row.syntax}>
              <td className="mono ev-help-syntax">{row.syntax}</td>
              <td>{lang === 'zh' ? row.zh : row.en}</td>
              <td>
                <button
                  type="button"
                  className="ev-help-example mono"
                  title={t('evHelpInsert', { example: row.example })}
                  onClick={() => onInsert(row.example)}
                >
                  {row.example}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="ev-help-foot muted">{t('evHelpFoot')}</p>
    </div>
  );
}

function HistoryList({
  history,
  caseCount,
  at,
  onPick,
}: {
  history: readonly string[];
  caseCount: number;
  at: number;
  onPick: (query: string) => void;
}) {
  const { t } = useI18n();
  const item = (q: string, i: number) => (
    <button
      key={`${i}:${q}`}
      type="button"
      role="option"
      aria-selected={i === at}
      className="ev-history-item"
      data-testid="history-item"
      tabIndex={-1}
      ref={i === at ? (el) => el?.scrollIntoView({ block: 'nearest' }) : undefined}
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => onPick(q)}
    >
      {q}
    </button>
  );
  return (
    <div className="ev-history" role="listbox" aria-label={t('evHistoryLabel')} data-testid="search-history">
      {caseCount > 0 && <div className="ev-history-title">{t('evHistoryThisCase')}</div>}
      {history.slice(0, caseCount).map((q, i) => item(q, i))}
      {history.length > caseCount && <div className="ev-history-title">{t('evHistoryOther')}</div>}
      {history.slice(caseCount).map((q, i) => item(q, i + caseCount))}
    </div>
  );
}

export function SearchBar({
  value,
  onChange,
  onSubmit,
  onLeave,
  onInsert,
  error,
  problem,
  busy,
  inputRef,
  history = [],
  caseCount = 0,
  onPick,
}: Props) {
  const { t } = useI18n();
  const [helpOpen, setHelpOpen] = useState(false);
  /** ↑ / ↓ through the history (at −1: the text typed); the list shows while walking it or in an empty focused box. */
  const [recall, setRecall] = useState<Recall>({ at: -1, draft: value });
  const [focused, setFocused] = useState(false);
  const [listClosed, setListClosed] = useState(false);
  const showHistory =
    !helpOpen && history.length > 0 && !listClosed && (recall.at >= 0 || (focused && value.trim() === ''));
  const walk = (older: boolean): boolean => {
    const next = step(history, recall.at === -1 ? { at: -1, draft: value } : recall, older);
    if (!next) return false;
    setRecall(next.recall);
    setListClosed(false);
    onChange(next.text);
    return true;
  };
  const wrap = useRef<HTMLDivElement>(null);
  const helpButton = useRef<HTMLButtonElement>(null);

  // The help closes on Esc or a click elsewhere.
  useEffect(() => {
    if (!helpOpen) return;
    const onDown = (event: MouseEvent): void => {
      if (wrap.current && !wrap.current.contains(event.target as Node)) setHelpOpen(false);
    };
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      setHelpOpen(false);
      helpButton.current?.focus();
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [helpOpen]);

  const invalid = error !== null || problem !== null;
  return (
    <div className="ev-search" ref={wrap}>
      <div className="ev-search-row">
        <SearchIcon className="ev-search-icon" />
        <input
          ref={inputRef}
          className="input ev-search-input"
          type="search"
          spellCheck={false}
          autoComplete="off"
          placeholder={t('evSearchPlaceholder')}
          aria-label={t('evSearchLabel')}
          aria-invalid={invalid}
          aria-describedby={invalid ? 'ev-query-problem' : undefined}
          aria-busy={busy}
          data-testid="search-input"
          value={value}
          onChange={(event) => {
            setRecall({ at: -1, draft: event.target.value });
            setListClosed(false);
            onChange(event.target.value);
          }}
          onFocus={() => {
            setFocused(true);
            setListClosed(false);
          }}
          onBlur={() => {
            setFocused(false);
            setRecall((r) => ({ at: -1, draft: r.draft }));
          }}
          onKeyDown={(event) => {
            if (event.nativeEvent.isComposing) return;
            if (event.key === 'Enter') {
              event.preventDefault();
              setRecall({ at: -1, draft: value });
              setListClosed(true);
              onSubmit();
            } else if (event.key === 'ArrowUp' && !event.altKey) {
              event.preventDefault();
              walk(true);
            } else if (event.key === 'ArrowDown' && recall.at >= 0) {
              event.preventDefault();
              walk(false);
            } else if (event.key === 'Escape' && showHistory) {
              event.preventDefault();
              setListClosed(true);
              setRecall({ at: -1, draft: value });
            } else if (event.key === 'Escape' || event.key === 'ArrowDown') {
              event.preventDefault();
              onLeave();
            }
          }}
        />
        <button
          ref={helpButton}
          type="button"
          className={`button ev-help-button${helpOpen ? ' ev-help-button-open' : ''}`}
          aria-label={t('evHelpButton')}
          title={t('evHelpButton')}
          aria-expanded={helpOpen}
          aria-haspopup="dialog"
          data-testid="syntax-help-button"
          onClick={() => setHelpOpen((open) => !open)}
        >
          ?
        </button>
      </div>
      {showHistory && (
        <HistoryList
          history={history}
          caseCount={caseCount}
          at={recall.at}
          onPick={(q) => {
            setRecall({ at: -1, draft: q });
            setListClosed(true);
            (onPick ?? onChange)(q);
          }}
        />
      )}
      {helpOpen && (
        <SyntaxHelp
          onClose={() => {
            setHelpOpen(false);
            helpButton.current?.focus();
          }}
          onInsert={(example) => {
            setHelpOpen(false);
            onInsert(example);
          }}
        />
      )}
      {!helpOpen && !showHistory && error && <SyntaxError query={value} error={error} />}
      {!helpOpen && !error && problem && (
        <div className="ev-popup ev-syntax" id="ev-query-problem" role="alert">
          <span className="ev-syntax-message">{problem}</span>
        </div>
      )}
    </div>
  );
}
