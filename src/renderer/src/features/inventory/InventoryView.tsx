/** What the case holds: the bundles, every file read, and every entry skipped or damaged, with reasons. */
import { useEffect, useMemo, useState } from 'react';
import type { Inventory, ReadProgress } from '../../../../shared/api.ts';
import type { BundleInfo, EntryProblem } from '../../../../shared/model.ts';
import { formatBytes } from '../../../../shared/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { StringKey } from '../../i18n/strings.ts';
import { formatSpan, localZoneLabel } from '../../lib/display.ts';
import { FilesTable } from './FilesTable.tsx';
import { DefineFormatDialog } from '../defineFormat/DefineFormatDialog.tsx';
import { UntimedNotice } from './UntimedNotice.tsx';
import { untimedFiles } from './untimedFiles.ts';
import { guessedYears } from './timeGuess.ts';
import { useCaseStatus } from '../../state/useCaseStatus.ts';
import { CaseZoneControl } from './CaseZoneControl.tsx';
import { TimeSettingsDialog } from './TimeSettingsDialog.tsx';
import { useTimeSettings } from './useTimeSettings.ts';

function BundleCard({ bundle }: { bundle: BundleInfo }) {
  const { t, num, dur } = useI18n();
  const span = formatSpan(bundle.firstTime, bundle.lastTime);
  const length = bundle.firstTime !== null && bundle.lastTime !== null ? dur(bundle.lastTime - bundle.firstTime) : null;
  return (
    <article className="bundle-card" data-testid="bundle-card">
      <h2 className="bundle-name mono" title={bundle.source}>
        {bundle.name}
      </h2>
      <dl className="bundle-facts">
        <div>
          <dt>{t('bundleSize')}</dt>
          <dd>{formatBytes(bundle.bytes)}</dd>
        </div>
        <div>
          <dt>{t('bundleFiles')}</dt>
          <dd>{num(bundle.fileCount)}</dd>
        </div>
        <div className="fact-wide">
          <dt>{t('bundleSpan')}</dt>
          <dd className="mono">
            {span ?? <span className="muted">{t('noTime')}</span>}
            {length && <span className="muted"> ({length})</span>}
          </dd>
        </div>
        <div className="fact-full">
          <dt>{t('bundleSha')}</dt>
          <dd className="mono sha">{bundle.sha256 ?? <span className="muted">{t('bundleFolder')}</span>}</dd>
        </div>
      </dl>
    </article>
  );
}

function EntryTable({
  title,
  entries,
  none,
  testId,
}: {
  title: StringKey;
  entries: EntryProblem[];
  none: StringKey;
  testId: string;
}) {
  const { t, num } = useI18n();
  return (
    <section className="entries" data-testid={testId}>
      <h2>
        {t(title)} <span className="count">{num(entries.length)}</span>
      </h2>
      {entries.length === 0 ? (
        <p className="empty">{t(none)}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t('colPath')}</th>
                <th>{t('colReason')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e, i) => (
                <tr key={`${i}:${e.path}`}>
                  <td className="mono cell-path">{e.path}</td>
                  <td className="cell-reason">{e.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export interface InventoryViewProps {
  caseId: string;
  inventory: Inventory;
  progress: ReadProgress;
  /** The case is being read again as `caseId` (a format was defined). */
  onReread: (caseId: string) => void;
  /** Opens a file (its index in the inventory) in the viewer. */
  onOpenFile?: (file: number) => void;
}

export function InventoryView({ caseId, inventory, progress, onReread, onOpenFile }: InventoryViewProps) {
  const { t, num, dur } = useI18n();
  const untimed = useMemo(() => untimedFiles(inventory.files), [inventory.files]);
  /** The file a format is being defined for, by its index in the inventory. */
  const [defining, setDefining] = useState<number | null>(null);
  useEffect(() => {
    document.body.dataset.ready = 'inventory';
    return () => {
      delete document.body.dataset.ready;
    };
  }, []);
  const events = inventory.files.reduce((sum, f) => sum + f.events, 0);
  const yearsGuessed = useMemo(() => guessedYears(inventory.files), [inventory.files]);
  const caseZone = useCaseStatus(caseId).status?.zone ?? null;
  /** The file whose time control is open, by its index in the inventory. */
  const [timing, setTiming] = useState<number | null>(null);
  const times = useTimeSettings({ caseId, files: inventory.files, zone: caseZone, onReread });
  return (
    <section className="inventory" aria-labelledby="inventory-title">
      <div className="inventory-head">
        <h1 id="inventory-title">{t('inventoryTitle')}</h1>
        <p className="summary">
          <span className="chip">
            {inventory.files.length === 1 ? t('summaryReadOne') : t('summaryRead', { n: num(inventory.files.length) })}
          </span>
          <span className={`chip${inventory.skipped.length > 0 ? ' chip-warning' : ''}`}>
            {t('summarySkipped', { n: num(inventory.skipped.length) })}
          </span>
          <span className={`chip${inventory.problems.length > 0 ? ' chip-error' : ''}`}>
            {inventory.problems.length === 1
              ? t('summaryProblemsOne')
              : t('summaryProblems', { n: num(inventory.problems.length) })}
          </span>
          <span className="chip">{events === 1 ? t('summaryEventsOne') : t('summaryEvents', { n: num(events) })}</span>
          {yearsGuessed > 0 && (
            <span className="chip" title={t('summaryYearsGuessedTitle')} data-testid="years-guessed">
              {yearsGuessed === 1 ? t('summaryYearsGuessedOne') : t('summaryYearsGuessed', { n: num(yearsGuessed) })}
            </span>
          )}
          <span className="muted summary-meta">
            {t('readStats', { bytes: formatBytes(progress.bytesRead), elapsed: dur(progress.elapsedMs) })} ·{' '}
            {t('timesIn', { zone: localZoneLabel() })}
          </span>
          {caseZone !== null && (
            <CaseZoneControl zone={caseZone} state={times.state} onApply={(zone) => void times.applyZone(zone)} />
          )}
        </p>
        {timing === null && times.state.kind === 'failed' && (
          <p className="ts-problem" role="alert" data-testid="case-zone-failed">
            {t('tsFailed', { error: times.state.error })}
          </p>
        )}
      </div>
      <div className="bundles">
        {inventory.bundles.map((b, i) => (
          <BundleCard key={`${i}:${b.source}`} bundle={b} />
        ))}
      </div>
      {untimed.files.length > 0 && <UntimedNotice files={inventory.files} untimed={untimed} onDefine={setDefining} />}
      {inventory.files.length === 0 ? (
        <div className="empty-state" data-testid="no-files">
          <p className="empty-title">{t('noFiles')}</p>
          <p>{t('noFilesNext')}</p>
        </div>
      ) : (
        <FilesTable
          files={inventory.files}
          onDefineFormat={setDefining}
          onSetTime={caseZone === null ? undefined : setTiming}
          onOpen={onOpenFile}
        />
      )}
      <EntryTable title="skippedTitle" entries={inventory.skipped} none="skippedNone" testId="skipped" />
      <EntryTable title="problemsTitle" entries={inventory.problems} none="problemsNone" testId="problems" />
      {defining !== null && inventory.files[defining] && (
        <DefineFormatDialog
          caseId={caseId}
          file={defining}
          path={inventory.files[defining].path}
          onClose={() => setDefining(null)}
          onReread={onReread}
        />
      )}
      {timing !== null && caseZone !== null && inventory.files[timing] && (
        <TimeSettingsDialog
          file={inventory.files[timing]}
          caseZone={caseZone}
          state={times.state}
          onApply={(setting) => void times.applyFile(inventory.files[timing]!.path, setting)}
          onClose={() => setTiming(null)}
        />
      )}
    </section>
  );
}
