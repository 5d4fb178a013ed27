/**
 * The strip under the list: the selected event's whole first line, where it comes from, and
 * what can be done with it (open the file there, show it in the timeline, trace its ids).
 * Fixed height, so selecting never moves the list.
 */
import { useMemo } from 'react';
import type { EventView } from '../../../../shared/caseViews.ts';
import { extractIds, type FoundId } from '../../../../shared/ids/extractIds.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { LEVEL_KEYS, type StringKey } from '../../i18n/strings.ts';
import { idRoleName } from '../../i18n/stringsIds.ts';
import { formatEventTime } from './EventList.tsx';
import type { Highlighter } from './highlighter.tsx';
import { CopyMenu } from '../viewer/CopyMenu.tsx';
import type { CopyContext, CopyStyle } from '../viewer/copyLines.ts';
import type { CopyOutcome } from '../viewer/useLineActions.ts';

const MAX_IDS = 6;
const KIND_ORDER: Record<FoundId['kind'], number> = { request: 0, resource: 1, ip: 2, host: 3 };
const KIND_KEYS: Record<FoundId['kind'], StringKey> = {
  request: 'evIdRequest',
  resource: 'evIdResource',
  ip: 'evIdIp',
  host: 'evIdHost',
};

interface Props {
  row: EventView | null;
  loading: boolean;
  highlight: Highlighter;
  onOpen: (row: EventView) => void;
  /** The Timeline tab centred on the event's time (offered only for an event with a time). */
  onShowInTimeline: (time: number) => void;
  onTrace: (id: string) => void;
  /** Pins the event's first line as evidence; `pinned` says whether it already is. */
  onPin: (row: EventView) => void;
  pinned: boolean;
  /** Copies the event's lines with ±`context` lines of its file, as text or Markdown. */
  onCopy: (row: EventView, context: CopyContext, style: CopyStyle) => void;
  copyOutcome: CopyOutcome | null;
  /** "Make a rule…" from the event's line (offered when the view can diagnose the case again). */
  onMakeRule?: (row: EventView) => void;
  /** "Align compare here": the Compare tab's event of A (offered while a comparison is open). */
  onAlignCompare?: (row: EventView) => void;
}

export function EventDetail(props: Props) {
  const { row, loading, highlight, onOpen, onShowInTimeline, onTrace, onPin, pinned } = props;
  const { t } = useI18n();
  const ids = useMemo(() => {
    if (!row) return [];
    return extractIds(row.text)
      .filter((id) => id.kind === 'request' || id.kind === 'resource' || id.kind === 'ip')
      .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.start - b.start)
      .slice(0, MAX_IDS);
  }, [row]);

  if (!row) {
    return (
      <div className="ev-detail ev-detail-empty" data-testid="event-detail">
        <p className="muted">{loading ? t('evLoading') : t('evSelectHint')}</p>
      </div>
    );
  }
  const { time } = row;
  return (
    <div className="ev-detail" data-testid="event-detail" aria-live="polite">
      <div className="ev-detail-meta">
        <span className="mono">{formatEventTime(row.time)}</span>
        {row.level !== 'unknown' && (
          <span className={`ev-level ev-level-${row.level}`}>{t(LEVEL_KEYS[row.level])}</span>
        )}
        <span className="ev-detail-source">
          <span className="muted">{row.module} / </span>
          <strong>{row.component}</strong>
        </span>
        <span className="mono ev-detail-path" title={`${row.path}:${row.line}`}>
          {row.path}:{row.line}
          {row.lineCount > 1 && <span className="muted"> {t('evMoreLines', { n: row.lineCount - 1 })}</span>}
        </span>
        <span className="ev-detail-actions">
          {time !== null && (
            <button
              type="button"
              className="button ev-small"
              onClick={() => onShowInTimeline(time)}
              data-testid="show-in-timeline"
            >
              {t('evShowInTimeline')}
            </button>
          )}
          <button
            type="button"
            className="button ev-small"
            onClick={() => onPin(row)}
            disabled={pinned}
            data-testid="pin-event"
          >
            {pinned ? t('pinned') : t('pinLine')}
          </button>
          <CopyMenu small onCopy={(context, style) => props.onCopy(row, context, style)} outcome={props.copyOutcome} />
          {props.onMakeRule && (
            <button
              type="button"
              className="button ev-small"
              onClick={() => props.onMakeRule?.(row)}
              data-testid="make-rule"
              title={t('rlOpenTitle')}
            >
              {t('rlOpen')}
            </button>
          )}
          {props.onAlignCompare && time !== null && (
            <button
              type="button"
              className="button ev-small"
              onClick={() => props.onAlignCompare?.(row)}
              data-testid="align-compare-here"
              title={t('cmpAlignHereTitle')}
            >
              {t('cmpAlignHere')}
            </button>
          )}
          <button
            type="button"
            className="button ev-small"
            onClick={() => onOpen(row)}
            data-testid="open-in-file"
            title={t('evOpenInFileTitle')}
          >
            {t('evOpenInFile')}
          </button>
        </span>
      </div>
      <p className="ev-detail-text mono">{highlight(row.text, true)}</p>
      <div className="ev-detail-ids">
        {ids.length === 0 ? (
          <span className="muted">{t('evNoIds')}</span>
        ) : (
          <>
            <span className="muted">{t('evTraceIds')}</span>
            {ids.map((id) => (
              <button
                key={id.value}
                type="button"
                className={`ev-id ev-id-${id.kind}`}
                title={`${t(KIND_KEYS[id.kind])}${id.role ? ` (${idRoleName(id.role, t)})` : ''} — ${t('evTraceTitle', { id: id.value })}`}
                onClick={() => onTrace(id.value)}
                data-testid="trace-id"
              >
                {id.value}
              </button>
            ))}
          </>
        )}
      </div>
    </div>
  );
}
