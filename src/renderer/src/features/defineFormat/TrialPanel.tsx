/** The effect of the format being defined on its file: counts, the first lines as read, the first it misses. */
import { formatLocalTime } from '../../lib/display.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { LEVEL_KEYS } from '../../i18n/strings.ts';
import type { TrialState } from './useDefineFormat.ts';

export function TrialPanel({ trial: state }: { trial: TrialState }) {
  const { t, num } = useI18n();
  const trial = state.kind === 'done' ? state.trial : state.kind === 'trying' ? state.previous : null;
  const share = trial && trial.linesTried > 0 ? trial.timed / trial.linesTried : 0;
  return (
    <section className="df-effect" aria-busy={state.kind === 'trying'} data-testid="df-effect">
      <h3>
        {t('dfEffect')}
        {state.kind === 'trying' && <span className="muted df-trying"> {t('dfTrying')}</span>}
      </h3>
      {state.kind === 'idle' && <p className="empty">{t('dfEffectWaiting')}</p>}
      {state.kind === 'failed' && (
        <div className="notice notice-error" role="alert">
          <div className="notice-body">
            <p className="notice-title">{t('dfTryFailed')}</p>
            <p className="notice-detail">{state.error}</p>
          </div>
        </div>
      )}
      {trial && (
        <>
          <div className="df-meter" aria-hidden="true">
            <div className="df-meter-fill" style={{ width: `${Math.round(share * 100)}%` }} />
          </div>
          <p data-testid="df-counts">
            {t('dfCounts', {
              timed: num(trial.timed),
              lines: num(trial.linesTried),
              leveled: num(trial.leveled),
              unmatched: num(trial.unmatched),
            })}
            {trial.stopped && (
              <span className="muted">
                {' '}
                {t(trial.stopped === 'lineLimit' ? 'dfStopped_lineLimit' : 'dfStopped_timeBudget', {
                  n: num(trial.linesTried),
                  total: num(trial.totalLines),
                })}
              </span>
            )}
          </p>
          <h4>{t('dfParsed')}</h4>
          {trial.parsed.length === 0 ? (
            <p className="empty">{t('dfNoneParsed')}</p>
          ) : (
            <div className="table-wrap df-table">
              <table className="table" data-testid="df-parsed">
                <thead>
                  <tr>
                    <th className="num">{t('dfColLine')}</th>
                    <th>{t('dfColTime')}</th>
                    <th>{t('dfColLevel')}</th>
                    <th>{t('dfColMessage')}</th>
                  </tr>
                </thead>
                <tbody>
                  {trial.parsed.map((p) => (
                    <tr key={p.line}>
                      <td className="num muted">{num(p.line)}</td>
                      <td className="mono df-time">
                        {p.time === null ? <span className="muted">—</span> : formatLocalTime(p.time)}
                      </td>
                      <td>
                        <span className={`pill pill-${p.level}`}>{t(LEVEL_KEYS[p.level])}</span>
                      </td>
                      <td className="mono df-message">{p.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h4>{t('dfUnmatched')}</h4>
          {trial.unmatchedLines.length === 0 ? (
            <p className="empty">{t('dfAllMatched')}</p>
          ) : (
            <ol className="df-unmatched mono" data-testid="df-unmatched">
              {trial.unmatchedLines.map((u) => (
                <li key={u.line}>
                  <span className="muted">{num(u.line)}</span> {u.text}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
