/**
 * The user's own rules as files: export them all as one JSON array (the rules exactly as saved,
 * each also a valid `resources/rules` file), import such a file (one rule or an array; the
 * engine saves all of them or none, naming the rule and the field of each problem), after which
 * the case is diagnosed again. "Your rules…" opens the list of them (UserRulesDialog.tsx).
 */
import { useEffect, useState, type ChangeEvent } from 'react';
import { client } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { userRulesState } from './userRulesState.ts';

/** The rules of an imported file: one rule object or a JSON array of them, else why not. */
export function rulesOfFile(
  text: string,
): { ok: true; rules: Record<string, unknown>[] } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not valid JSON: ${(error as Error).message}` };
  }
  const list = Array.isArray(value) ? value : [value];
  const bad = list.findIndex((item) => typeof item !== 'object' || item === null || Array.isArray(item));
  if (bad >= 0) return { ok: false, error: `[${bad}] is not a rule object` };
  return { ok: true, rules: list as Record<string, unknown>[] };
}

export function UserRulesBar({
  caseId,
  onReread,
  inList = false,
}: {
  caseId: string;
  onReread: (caseId: string) => void;
  /** Shown in "Your rules" itself: no button to open it. */
  inList?: boolean;
}) {
  const { t, num } = useI18n();
  const [count, setCount] = useState<number | null>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  useEffect(() => {
    let live = true;
    void client.userRules({}).then((result) => {
      if (live && result.ok) setCount(result.value.rules.filter((r) => r.spec !== null).length);
    });
    return () => {
      live = false;
    };
  }, []);

  const exportRules = async (): Promise<void> => {
    const result = await client.userRules({});
    if (!result.ok) return setMessage({ error: true, text: result.error });
    const specs = result.value.rules.flatMap((r) => (r.spec ? [r.spec] : []));
    const blob = new Blob([`${JSON.stringify(specs, null, 2)}\n`], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = 'tarsier-rules.json';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  const importRules = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const read = rulesOfFile(await file.text());
    if (!read.ok) return setMessage({ error: true, text: `${file.name}: ${read.error}` });
    const imported = await client.importRules({ rules: read.rules });
    if (!imported.ok) return setMessage({ error: true, text: `${file.name}: ${imported.error}` });
    setMessage({ error: false, text: t('rlImported', { n: num(imported.value.ids.length) }) });
    const reread = await client.reopenCase({ caseId });
    if (!reread.ok) return setMessage({ error: true, text: reread.error });
    onReread(reread.value.caseId);
  };

  return (
    <div className="rl-files">
      {!inList && (
        <button type="button" className="button ev-small" onClick={userRulesState.openList} data-testid="rl-your-rules">
          {t('urOpen')}
          {count ? ` (${num(count)})` : ''}
        </button>
      )}
      <button
        type="button"
        className="button ev-small"
        onClick={() => void exportRules()}
        disabled={count === 0}
        title={count === 0 ? t('rlNoRules') : undefined}
        data-testid="rl-export"
      >
        {t('rlExport')}
        {count ? ` (${num(count)})` : ''}
      </button>
      <label className="button ev-small rl-import">
        {t('rlImport')}
        <input
          type="file"
          accept=".json,application/json"
          onChange={(e) => void importRules(e)}
          data-testid="rl-import"
        />
      </label>
      {message && (
        <span className={message.error ? 'rl-error' : 'muted'} role={message.error ? 'alert' : 'status'}>
          {message.error ? `${t('rlImportFailed')}: ${message.text}` : message.text}
        </span>
      )}
    </div>
  );
}
