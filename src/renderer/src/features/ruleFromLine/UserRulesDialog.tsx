/**
 * "Your rules": the rules of the user's rules folder — id, title, severity, category, query, the
 * file, and why a file does not load — each with Edit (the rule dialog, prefilled) and Delete;
 * the rule deleted last can be brought back (Undo saves its spec again). After a delete, an undo
 * or an edit the case is diagnosed again, as an import does; the list (and its Undo) comes back
 * on the case read again, since where it is lives in `userRulesState`. Esc closes; Delete on a
 * focused row deletes it, ↑/↓ move between rows. Export and import are at the bottom.
 */
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import type { UserRuleEntry, UserRuleList } from '../../../../shared/api.ts';
import type { RuleSpec } from '../../../../shared/rules/ruleSpec.ts';
import { client } from '../../api/client.ts';
import { useDialogFocus } from '../../components/CommandPalette.tsx';
import { ModalShell, useEscapeCloses } from '../../components/ModalShell.tsx';
import '../../components/overlays.css';
import { useI18n } from '../../i18n/i18n.tsx';
import { CategoryChip, localized, SeverityBadge } from '../overview/common.tsx';
import '../overview/OverviewView.css';
import '../defineFormat/DefineFormat.css';
import './RuleFromLine.css';
import { RuleFromLineDialog } from './RuleFromLineDialog.tsx';
import { UserRulesBar } from './UserRulesBar.tsx';
import { userRulesState, useUserRulesState } from './userRulesState.ts';
import { ruleLineOfSpec } from './ruleSpecEdit.ts';

export interface UserRulesHostProps {
  caseId: string;
  /** The case is being read (and diagnosed) again as `caseId`. */
  onReread: (caseId: string) => void;
}

/** Where the workspace shows "Your rules" (the list, or one rule being edited) when it is open. */
export function UserRulesHost({ caseId, onReread }: UserRulesHostProps) {
  const { view } = useUserRulesState();
  // After an edit is saved the list comes back on the case read again.
  const rereadToList = useCallback(
    (next: string) => {
      userRulesState.openList();
      onReread(next);
    },
    [onReread],
  );
  if (view.kind === 'list') return createPortal(<ListDialog caseId={caseId} onReread={onReread} />, document.body);
  if (view.kind === 'edit') {
    const line = ruleLineOfSpec(view.spec);
    if (!line) return null;
    return (
      <RuleFromLineDialog
        caseId={caseId}
        line={line}
        lineNo={1}
        spec={view.spec}
        onClose={userRulesState.openList}
        onReread={rereadToList}
      />
    );
  }
  return null;
}

type Listing = { kind: 'loading' } | { kind: 'loaded'; list: UserRuleList } | { kind: 'failed'; error: string };

function ListDialog({ caseId, onReread }: UserRulesHostProps) {
  const { t, lang } = useI18n();
  const dialog = useRef<HTMLDivElement>(null);
  const trapTab = useDialogFocus(dialog);
  const ids = useId();
  const { deleted } = useUserRulesState();
  const [listing, setListing] = useState<Listing>({ kind: 'loading' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEscapeCloses(userRulesState.close);

  useEffect(() => {
    let live = true;
    void client.userRules({}).then((result) => {
      if (!live) return;
      setListing(result.ok ? { kind: 'loaded', list: result.value } : { kind: 'failed', error: result.error });
    });
    return () => {
      live = false;
    };
  }, []);

  /** The case read again with the rules as they are now; this list comes back on it. */
  const diagnoseAgain = async (): Promise<void> => {
    const reread = await client.reopenCase({ caseId });
    if (!reread.ok) {
      setBusy(false);
      return setError(reread.error);
    }
    onReread(reread.value.caseId);
  };

  const remove = async (entry: UserRuleEntry): Promise<void> => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await client.deleteRule({ id: entry.id });
    if (!result.ok) {
      setBusy(false);
      return setError(result.error);
    }
    userRulesState.deleted(result.value.id, result.value.rule);
    await diagnoseAgain();
  };

  const undo = async (spec: RuleSpec): Promise<void> => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const saved = await client.saveRule({ rule: spec as unknown as Record<string, unknown> });
    if (!saved.ok) {
      setBusy(false);
      return setError(saved.error);
    }
    userRulesState.undone();
    await diagnoseAgain();
  };

  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>): void => {
    // Modal: the views' own keys wait until it is closed.
    if (event.key !== 'Escape') event.stopPropagation();
    trapTab(event);
  };

  const onRowKey = (event: ReactKeyboardEvent<HTMLLIElement>, entry: UserRuleEntry): void => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Delete') {
      event.preventDefault();
      void remove(entry);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next =
        event.key === 'ArrowDown' ? event.currentTarget.nextElementSibling : event.currentTarget.previousElementSibling;
      if (next instanceof HTMLElement) next.focus();
    }
  };

  const rules = listing.kind === 'loaded' ? listing.list.rules : [];
  return (
    <ModalShell
      dialogRef={dialog}
      className="df rl ur"
      testId="user-rules-dialog"
      titleId={`${ids}-title`}
      title={t('urTitle')}
      onClose={userRulesState.close}
      onKeyDown={onKeyDown}
    >
      <div className="df-body" data-case-id={caseId} aria-busy={busy}>
        <p className="muted">{t('urLead')}</p>
        {listing.kind === 'loaded' && listing.list.dir && (
          <p className="df-hint">
            {t('urFolder')} <span className="mono">{listing.list.dir}</span>
          </p>
        )}
        {deleted && (
          <div className="notice notice-info ur-deleted" role="status" data-testid="ur-deleted">
            <div className="notice-body">
              <p>{deleted.spec ? t('urDeleted', { id: deleted.id }) : t('urDeletedNoUndo', { id: deleted.id })}</p>
            </div>
            {deleted.spec && (
              <button
                type="button"
                className="button ev-small"
                disabled={busy}
                onClick={() => deleted.spec && void undo(deleted.spec)}
                data-testid="ur-undo"
              >
                {t('urUndo')}
              </button>
            )}
          </div>
        )}
        {busy && (
          <p className="df-saved" role="status" data-testid="ur-busy">
            {t('urDiagnosing')}
          </p>
        )}
        {error && (
          <div className="notice notice-error" role="alert" data-testid="ur-error">
            <div className="notice-body">
              <p className="notice-detail">{error}</p>
            </div>
          </div>
        )}
        {listing.kind === 'loading' && <p className="muted">{t('urLoading')}</p>}
        {listing.kind === 'failed' && (
          <p className="rl-error" role="alert">
            {listing.error}
          </p>
        )}
        {listing.kind === 'loaded' && rules.length === 0 && (
          <p className="muted" data-testid="ur-empty">
            {t('rlNoRules')}
          </p>
        )}
        {rules.length > 0 && (
          <ul className="ur-list" aria-label={t('urTitle')}>
            {rules.map((entry) => (
              <li
                key={entry.id}
                className="ur-rule"
                tabIndex={0}
                data-testid="ur-rule"
                data-rule={entry.id}
                aria-label={entry.spec ? localized(entry.spec.title, lang) : entry.id}
                onKeyDown={(e) => onRowKey(e, entry)}
              >
                <div className="ur-rule-head">
                  {entry.spec && <SeverityBadge severity={entry.spec.severity} />}
                  <span className={entry.spec ? 'ur-rule-title' : 'ur-rule-title mono'}>
                    {entry.spec ? localized(entry.spec.title, lang) : entry.id}
                  </span>
                  {entry.spec && <CategoryChip category={entry.spec.category} />}
                  <span className="ur-rule-actions">
                    {entry.spec && ruleLineOfSpec(entry.spec) && (
                      <button
                        type="button"
                        className="button ev-small"
                        disabled={busy}
                        onClick={() => entry.spec && userRulesState.edit(entry.spec)}
                        data-testid="ur-edit"
                      >
                        {t('urEdit')}
                      </button>
                    )}
                    <button
                      type="button"
                      className="button ev-small"
                      disabled={busy}
                      onClick={() => void remove(entry)}
                      title={t('urDeleteTitle')}
                      data-testid="ur-delete"
                    >
                      {t('urDelete')}
                    </button>
                  </span>
                </div>
                {entry.spec && (
                  <p className="ur-rule-meta">
                    <span className="mono">{entry.id}</span>
                    {entry.spec.query !== undefined && (
                      <>
                        {' · '}
                        <code className="ur-query">{entry.spec.query}</code>
                      </>
                    )}
                  </p>
                )}
                {entry.problem && (
                  <p className="rl-error ur-problem" data-testid="ur-problem">
                    {t('urProblem', { problem: entry.problem })}
                  </p>
                )}
                <p className="ur-path mono muted" title={entry.path}>
                  {entry.path}
                </p>
              </li>
            ))}
          </ul>
        )}
        <UserRulesBar caseId={caseId} onReread={onReread} inList />
      </div>
      <div className="df-actions">
        <span className="muted df-keys">{t('urKeys')}</span>
        <button type="button" className="button" onClick={userRulesState.close}>
          {t('urClose')}
        </button>
      </div>
    </ModalShell>
  );
}
