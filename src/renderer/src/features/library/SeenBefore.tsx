/**
 * "seen before in TCK-4711 (2026-11-03, concluded: …)" under a finding or a template row that
 * past cases had too; "and N more" opens the list of the others.
 */
import { useState } from 'react';
import type { LibraryRef } from '../../../../shared/library/libraryModel.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { refLabel } from './libraryText.ts';
import './Library.css';

export function SeenBefore({ refs }: { refs: readonly LibraryRef[] }) {
  const { t, num } = useI18n();
  const [open, setOpen] = useState(false);
  if (refs.length === 0) return null;
  const [first, ...rest] = refs;
  const full = (ref: LibraryRef) => refLabel(t, ref, 200);
  return (
    <span className="lib-seen" data-testid="seen-before" onClick={(e) => e.stopPropagation()}>
      <span className="lib-seen-row">
        <span className="lib-seen-icon" aria-hidden="true">
          ↺
        </span>
        <span className="lib-seen-text" title={full(first)}>
          {t('libSeenBefore', { ref: refLabel(t, first) })}
        </span>
        {rest.length > 0 && (
          <button
            type="button"
            className="ov-linkish lib-seen-more"
            aria-expanded={open}
            title={[t('libAndMoreTitle'), ...rest.map(full)].join('\n')}
            onClick={() => setOpen((v) => !v)}
            onKeyDown={(e) => e.stopPropagation()}
            data-testid="seen-before-more"
          >
            {t('libAndMore', { n: num(rest.length) })}
          </button>
        )}
      </span>
      {open && (
        <ul className="lib-seen-list">
          {rest.map((ref) => (
            <li key={ref.key}>{full(ref)}</li>
          ))}
        </ul>
      )}
    </span>
  );
}
