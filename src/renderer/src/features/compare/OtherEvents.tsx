/**
 * The events of a template in B, listed in the Compare tab itself (issue 18): the workspace's
 * Events view belongs to A, so a template only B has (or the B side of one whose rate changed) is
 * searched in B's case here, limited to B's range when B is a time range of this case; a click
 * on an event shows its lines in B's file (`fileLines`).
 */
import { useEffect, useState } from 'react';
import type { EventView, FileLinesPage } from '../../../../shared/caseViews.ts';
import { client } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { LEVEL_KEYS } from '../../i18n/strings.ts';
import { formatLocalTime } from '../../lib/display.ts';
import { withinRange } from './compareRanges.ts';

const SHOWN = 50;
/** Lines shown before an event's first line in its file. */
const CONTEXT = 3;

export interface OtherEventsProps {
  /** B's case (A's own when B is a range of it). */
  otherCaseId: string;
  templateId: number;
  text: string;
  range: { from: number; to: number } | null;
  /** Opens bundle B as the app's case (not offered for a range of this case). */
  onOpenB: (() => void) | null;
  onClose: () => void;
}

export function OtherEvents({ otherCaseId, templateId, text, range, onOpenB, onClose }: OtherEventsProps) {
  const { t, num } = useI18n();
  const [page, setPage] = useState<{ hits: EventView[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<EventView | null>(null);
  const rangeKey = range ? `${range.from}:${range.to}` : '';
  useEffect(() => {
    let live = true;
    setPage(null);
    setError(null);
    setOpen(null);
    const query = withinRange(`template:${templateId}`, range);
    void client.search({ caseId: otherCaseId, query, limit: SHOWN }).then((r) => {
      if (!live) return;
      if (!r.ok) return setError(r.error);
      setPage({ hits: r.value.hits, total: r.value.total });
    });
    return () => {
      live = false;
    };
    // The key stands for the range.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [otherCaseId, templateId, rangeKey]);
  return (
    <section className="cmp-section cmp-note cmp-b-events" data-testid="compare-in-b" aria-labelledby="cmp-b-events">
      <div className="cmp-b-events-head">
        <h2 id="cmp-b-events">
          {t('cmpBEvents')}{' '}
          {page && (
            <span className="muted cmp-count" data-testid="compare-b-events-count">
              {page.hits.length === page.total
                ? num(page.total)
                : t('cmpShown', { shown: num(page.hits.length), total: num(page.total) })}
            </span>
          )}
        </h2>
        {onOpenB && (
          <button type="button" className="button" onClick={onOpenB} data-testid="compare-open-b">
            {t('cmpOpenB')}
          </button>
        )}
        <button type="button" className="button" onClick={onClose} data-testid="compare-b-events-close">
          {t('cmpClose')}
        </button>
      </div>
      <p className="cmp-text">
        <code>{text}</code>
      </p>
      {error !== null && (
        <p className="cmp-error" role="alert">
          {t('cmpBEventsFailed', { error })}
        </p>
      )}
      {page === null && error === null && <p className="muted">{t('cmpBEventsLoading')}</p>}
      {page && (
        <ul className="cmp-b-list" data-testid="compare-b-events">
          {page.hits.map((h) => (
            <li key={h.id}>
              <button
                type="button"
                className={`cmp-pick-item${open?.id === h.id ? ' cmp-pick-chosen' : ''}`}
                aria-expanded={open?.id === h.id}
                title={`${h.path}:${h.line}`}
                data-testid="compare-b-event"
                onClick={() => setOpen(open?.id === h.id ? null : h)}
              >
                <span className="cmp-time">{h.time === null ? '' : formatLocalTime(h.time)}</span>{' '}
                <span className={`cmp-level cmp-level-${h.level === 'critical' ? 'error' : h.level}`}>
                  {t(LEVEL_KEYS[h.level])}
                </span>{' '}
                <span className="cmp-pick-text">{h.message ?? h.text}</span>
              </button>
              {open?.id === h.id && <EventLines caseId={otherCaseId} event={h} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The event's lines in its file, a few before it for context, its own marked. */
function EventLines({ caseId, event }: { caseId: string; event: EventView }) {
  const { t } = useI18n();
  const [lines, setLines] = useState<FileLinesPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const from = Math.max(1, event.line - CONTEXT);
  useEffect(() => {
    let live = true;
    const count = event.line - from + Math.min(event.lineCount, 40) + CONTEXT;
    void client.fileLines({ caseId, file: event.file, from, count }).then((r) => {
      if (!live) return;
      if (r.ok) setLines(r.value);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [caseId, event, from]);
  if (error !== null) return <p className="cmp-error">{error}</p>;
  if (!lines) return null;
  const last = lines.from + lines.lines.length - 1;
  const own = (n: number) => n >= event.line && n < event.line + event.lineCount;
  return (
    <figure className="cmp-lines" data-testid="compare-b-lines">
      <figcaption className="muted">
        {t('cmpBEventLines', { from: String(lines.from), to: String(last), path: lines.path })}
      </figcaption>
      <pre className="mono">
        {lines.lines.map((line, i) => {
          const n = lines.from + i;
          return (
            <div key={n} className={own(n) ? 'cmp-line-own' : undefined}>
              <span className="cmp-line-no">{n}</span>
              {line}
            </div>
          );
        })}
      </pre>
    </figure>
  );
}
