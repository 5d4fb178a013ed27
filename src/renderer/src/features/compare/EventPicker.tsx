/**
 * Chosen-event alignment (issue 18): one event picked in A and one in B, and B is laid so that
 * the two coincide. Each side lists its first errors, or the events matching a query typed in its
 * box (the `search` API on that side's case, limited to its range when comparing two ranges of
 * one case); a click picks one.
 */
import { useEffect, useState } from 'react';
import type { EventView } from '../../../../shared/caseViews.ts';
import { client } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { LEVEL_KEYS } from '../../i18n/strings.ts';
import { formatLocalTime } from '../../lib/display.ts';
import { withinRange } from './compareRanges.ts';
import type { CompareSession, PickedEvent } from './useCompareSession.ts';

const SHOWN = 8;
const FIRST_ERRORS = 'level:>=error';

export function EventPicker({ session, caseId }: { session: CompareSession; caseId: string }) {
  const { t } = useI18n();
  const { picks, ranges, otherId } = session;
  return (
    <div className="cmp-pick" data-testid="compare-pick">
      <p className="muted cmp-lead">{t('cmpPickLead')}</p>
      <div className="cmp-pick-sides">
        <PickSide
          side="a"
          caseId={caseId}
          range={ranges?.a ?? null}
          picked={picks.a}
          onPick={(e) => session.pick('a', e)}
        />
        {otherId !== null && (
          <PickSide
            side="b"
            caseId={otherId}
            range={ranges?.b ?? null}
            picked={picks.b}
            onPick={(e) => session.pick('b', e)}
          />
        )}
      </div>
      {(picks.a === null || picks.b === null) && (
        <p className="muted" role="status" data-testid="compare-pick-waiting">
          {t('cmpPickWaiting')}
        </p>
      )}
    </div>
  );
}

function PickSide({
  side,
  caseId,
  range,
  picked,
  onPick,
}: {
  side: 'a' | 'b';
  caseId: string;
  range: { from: number; to: number } | null;
  picked: PickedEvent | null;
  onPick: (event: PickedEvent) => void;
}) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<EventView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const rangeKey = range ? `${range.from}:${range.to}` : '';
  useEffect(() => {
    let live = true;
    setHits(null);
    setError(null);
    const full = withinRange(query.trim() === '' ? FIRST_ERRORS : query, range);
    void client.search({ caseId, query: full, limit: SHOWN, countBudgetMs: 50 }).then((r) => {
      if (!live) return;
      if (!r.ok) return setError(r.error);
      if (r.value.syntaxError) return setError(r.value.syntaxError.message);
      setHits(r.value.hits.filter((h) => h.time !== null));
    });
    return () => {
      live = false;
    };
    // The key stands for the range.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [caseId, query, rangeKey]);
  const label = side.toUpperCase();
  return (
    <div className="cmp-pick-side" data-testid={`compare-pick-${side}`}>
      <form
        className="cmp-pick-search"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(typed);
        }}
      >
        <label>
          <strong>{label}</strong>{' '}
          <input
            type="search"
            className="input mono"
            value={typed}
            aria-label={t('cmpPickSearch', { side: label })}
            placeholder={t('cmpPickPlaceholder')}
            onChange={(e) => setTyped(e.target.value)}
            data-testid={`compare-pick-query-${side}`}
            spellCheck={false}
          />
        </label>
      </form>
      <p className="cmp-picked" data-testid={`compare-picked-${side}`}>
        {picked ? (
          <>
            {t('cmpPicked', { time: formatLocalTime(picked.time) })} <code>{picked.text}</code>
          </>
        ) : (
          <span className="muted">{t('cmpPickNone')}</span>
        )}
      </p>
      <div className="muted cmp-pick-head">{query.trim() === '' ? t('cmpPickFirstErrors') : t('cmpPickMatches')}</div>
      {error !== null ? (
        <p className="cmp-error">{error}</p>
      ) : hits === null ? null : hits.length === 0 ? (
        <p className="muted">{t('cmpPickNoHits')}</p>
      ) : (
        <ul className="cmp-pick-list">
          {hits.map((h) => {
            const chosen = picked !== null && picked.file === h.file && picked.line === h.line;
            return (
              <li key={h.id}>
                <button
                  type="button"
                  className={`cmp-pick-item${chosen ? ' cmp-pick-chosen' : ''}`}
                  aria-pressed={chosen}
                  data-testid={`compare-pick-item-${side}`}
                  title={`${h.path}:${h.line}`}
                  onClick={() => onPick({ time: h.time!, text: h.message ?? h.text, file: h.file, line: h.line })}
                >
                  <span className="cmp-time">{formatLocalTime(h.time!)}</span>{' '}
                  <span className={`cmp-level cmp-level-${h.level === 'critical' ? 'error' : h.level}`}>
                    {t(LEVEL_KEYS[h.level])}
                  </span>{' '}
                  <span className="cmp-pick-text">{h.message ?? h.text}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
