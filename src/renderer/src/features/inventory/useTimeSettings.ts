/**
 * Applying time settings from the Files view: the case is read again with them (`reopenCase`,
 * which keeps them with the case) and the page follows the new case, showing its progress as any
 * read does. The settings sent are the case's as read, with one change.
 */
import { useCallback, useState } from 'react';
import type { FileRecord, ZoneSpec } from '../../../../shared/model.ts';
import { withFileSetting, type FileTimeSetting, type TimeSettings } from '../../../../shared/timeSettings.ts';
import { client } from '../../api/client.ts';
import { settingsOfCase } from './timeSettingsView.ts';

export type ApplyState = { kind: 'idle' } | { kind: 'applying' } | { kind: 'failed'; error: string };

export function useTimeSettings({
  caseId,
  files,
  zone,
  onReread,
}: {
  caseId: string;
  files: readonly FileRecord[];
  /** The case zone as read (null until the status is known). */
  zone: ZoneSpec | null;
  onReread: (caseId: string) => void;
}) {
  const [state, setState] = useState<ApplyState>({ kind: 'idle' });

  const apply = useCallback(
    async (change: (current: TimeSettings) => TimeSettings): Promise<boolean> => {
      if (zone === null) return false;
      setState({ kind: 'applying' });
      const time = change(settingsOfCase(files, zone));
      const reread = await client.reopenCase({ caseId, time });
      if (!reread.ok) {
        setState({ kind: 'failed', error: reread.error });
        return false;
      }
      onReread(reread.value.caseId);
      return true;
    },
    [caseId, files, zone, onReread],
  );

  return {
    state,
    /** Sets (or with null resets to the guesses) one file's zone and year. */
    applyFile: (path: string, setting: FileTimeSetting | null) =>
      apply((current) => withFileSetting(current, path, setting)),
    /** Sets the case zone; the files' own settings stay. */
    applyZone: (next: ZoneSpec) => apply((current) => ({ ...current, zone: next })),
  };
}
