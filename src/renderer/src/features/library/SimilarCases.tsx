/**
 * The Case tab's "Similar past cases": the library's cases that share error and warning templates
 * with this one, most alike first; each row names the case, its date, its conclusion's first line
 * and how much it shares, and opens to the shared findings and a few shared templates.
 */
import type { SimilarCase } from '../../../../shared/library/libraryModel.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { modKey } from '../../lib/display.ts';
import { openLibraryPanel } from './libraryStore.ts';
import { percent, refDate, refName } from './libraryText.ts';
import { useLibraryMatches } from './useLibraryMatches.tsx';
import { localized } from '../overview/common.tsx';
import './Library.css';

function SimilarRow({ similar }: { similar: SimilarCase }) {
  const { t, num, lang } = useI18n();
  const { titles } = useLibraryMatches();
  const { ref } = similar;
  const pct = percent(similar.overlap, num);
  return (
    <li className="lib-similar" data-testid="similar-case">
      <details>
        <summary>
          <span className="lib-similar-name mono">{refName(ref)}</span>
          <span className="muted lib-similar-date">{refDate(ref.savedAt)}</span>
          {ref.origin === 'imported' && <span className="lib-origin">{t('libImportedMark')}</span>}
          <span className={ref.conclusion ? 'lib-similar-conclusion' : 'lib-similar-conclusion muted'}>
            {ref.conclusion || t('libNoConclusion')}
          </span>
          <span className="lib-similar-shared" data-testid="similar-shared">
            {similar.sharedTemplates === 1
              ? t('libSharedOne', { pct })
              : t('libShared', { n: num(similar.sharedTemplates), pct })}
          </span>
        </summary>
        <div className="lib-similar-body">
          {ref.names.length > 0 && <p className="muted mono lib-similar-names">{ref.names.join(', ')}</p>}
          {similar.sharedFindings.length > 0 && (
            <>
              <h4>{t('libSharedFindings')}</h4>
              <ul className="lib-chips">
                {similar.sharedFindings.map((rule) => {
                  const title = titles.get(rule);
                  return (
                    <li key={rule} title={rule} className={title ? undefined : 'mono'}>
                      {title ? localized(title, lang) : rule}
                    </li>
                  );
                })}
              </ul>
            </>
          )}
          {similar.examples.length > 0 && (
            <>
              <h4>{t('libExamples')}</h4>
              <ul className="lib-examples">
                {similar.examples.map((text) => (
                  <li key={text}>
                    <code>{text}</code>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      </details>
    </li>
  );
}

export function SimilarCases() {
  const { t, num } = useI18n();
  const { status, retry } = useLibraryMatches();
  const size = status.kind === 'ready' ? status.matches.size : null;
  return (
    <section className="lib-section" data-testid="similar-cases" aria-labelledby="lib-similar-title">
      <div className="lib-section-head">
        <h2 id="lib-similar-title">
          {t('libSimilarTitle')}
          {status.kind === 'ready' && <span className="count">{num(status.matches.similar.length)}</span>}
        </h2>
        {size !== null && (
          <span className="muted" data-testid="library-size">
            {size === 1 ? t('libSizeOne') : t('libSize', { n: num(size) })}
          </span>
        )}
        <button
          type="button"
          className="button"
          onClick={openLibraryPanel}
          title={t('libOpenHint', { key: `${modKey()}+Shift+L` })}
          data-testid="library-open"
        >
          {t('libOpen')}
        </button>
      </div>
      <p className="muted">{t('libSimilarLead')}</p>
      {status.kind === 'loading' && <p className="muted">{t('libLoading')}</p>}
      {status.kind === 'failed' && (
        <p className="hint hint-problem" role="alert">
          {t('libFailed', { error: status.error })}{' '}
          <button type="button" className="link-button" onClick={retry}>
            {t('libRetry')}
          </button>
        </p>
      )}
      {status.kind === 'ready' && status.matches.similar.length === 0 && (
        <p className="empty" data-testid="similar-empty">
          {status.matches.size === 0 ? t('libEmpty') : t('libNothingAlike', { n: num(status.matches.size) })}
        </p>
      )}
      {status.kind === 'ready' && status.matches.similar.length > 0 && (
        <ul className="lib-similar-list">
          {status.matches.similar.map((similar) => (
            <SimilarRow key={similar.ref.key} similar={similar} />
          ))}
        </ul>
      )}
    </section>
  );
}
