/**
 * The engineer's saved formats, folded under the Define a format dialog: each with its name, or
 * why it does not load, and a Delete button. A format that loads is deleted at once with an Undo
 * (it is saved back from the spec the engine gave); a file that does not load is confirmed first.
 * The open case is not read again: it keeps what the format read.
 */
import { useCallback, useEffect, useReducer } from 'react';
import { client } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { deleteStep, initialSavedFormats, savedFormatsReducer } from './savedFormats.ts';
import type { UserFormatEntry } from '../../../../shared/api.ts';

export function SavedFormats() {
  const { t } = useI18n();
  const [state, dispatch] = useReducer(savedFormatsReducer, initialSavedFormats);

  const load = useCallback(async () => {
    const listed = await client.userFormats({});
    dispatch(listed.ok ? { kind: 'loaded', list: listed.value } : { kind: 'failed', error: listed.error });
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const remove = async (entry: UserFormatEntry): Promise<void> => {
    if (deleteStep(state, entry) === 'confirm') return dispatch({ kind: 'ask', id: entry.id });
    dispatch({ kind: 'deleting', id: entry.id });
    const deleted = await client.deleteFormat({ id: entry.id });
    dispatch(deleted.ok ? { kind: 'deleted', deleted: deleted.value } : { kind: 'failed', error: deleted.error });
  };

  const undo = async (): Promise<void> => {
    if (!state.deleted?.format) return;
    dispatch({ kind: 'restoring' });
    const saved = await client.saveFormat({ format: state.deleted.format });
    dispatch(saved.ok ? { kind: 'restored' } : { kind: 'failed', error: saved.error });
  };

  const formats = state.formats;
  return (
    <details className="df-saved-formats" data-testid="df-saved-formats">
      <summary className="df-label">{t('dfSavedTitle', { n: formats?.length ?? '…' })}</summary>
      {formats === null && !state.error && <p className="muted">{t('dfSavedLoading')}</p>}
      {formats?.length === 0 && <p className="muted">{t('dfSavedNone')}</p>}
      {formats && formats.length > 0 && (
        <ul className="df-saved-list">
          {formats.map((entry) => (
            <li key={entry.id} data-testid={`df-saved-${entry.id}`}>
              <span className="mono">{entry.id}</span>
              {entry.name && entry.name !== entry.id && <span>{entry.name}</span>}
              {entry.problem && (
                <span className="df-saved-problem">{t('dfSavedBroken', { problem: entry.problem })}</span>
              )}
              <span className="df-saved-actions">
                {state.confirming === entry.id && (
                  <>
                    <span className="muted">{t('dfSavedConfirmHint')}</span>
                    <button type="button" className="button" onClick={() => dispatch({ kind: 'cancel' })}>
                      {t('dfSavedKeep')}
                    </button>
                  </>
                )}
                <button
                  type="button"
                  className="button"
                  disabled={state.busy !== null}
                  onClick={() => void remove(entry)}
                  aria-label={t('dfSavedDeleteLabel', { id: entry.id })}
                  data-testid={`df-saved-delete-${entry.id}`}
                >
                  {state.confirming === entry.id ? t('dfSavedConfirm') : t('dfSavedDelete')}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {state.deleted && (
        <p className="df-saved" role="status" data-testid="df-saved-deleted">
          {t('dfSavedDeleted', { id: state.deleted.id })}{' '}
          <button type="button" className="button" disabled={state.busy !== null} onClick={() => void undo()}>
            {t('dfSavedUndo')}
          </button>
        </p>
      )}
      {state.error && (
        <div className="notice notice-error" role="alert">
          <div className="notice-body">
            <p className="notice-title">{t('dfSavedFailed')}</p>
            <p className="notice-detail">{state.error}</p>
          </div>
        </div>
      )}
    </details>
  );
}
