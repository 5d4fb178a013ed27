/** The top bar: name, the open case, "open another", language switch. */
import { useI18n } from '../i18n/i18n.tsx';
import { LANG_NAMES, type Lang } from '../i18n/strings.ts';
import { Logo } from './Logo.tsx';

export function Header({ caseName, onOpenAnother }: { caseName: string | null; onOpenAnother: (() => void) | null }) {
  const { t, lang, setLang } = useI18n();
  return (
    <header className="header">
      <div className="brand">
        <Logo />
        <span className="brand-name">Tarsier</span>
        <span className="brand-tagline">{t('appTagline')}</span>
      </div>
      <div className="header-case" title={caseName ?? undefined}>
        {caseName}
      </div>
      <div className="header-actions">
        {onOpenAnother && (
          <button type="button" className="button" onClick={onOpenAnother}>
            {t('openAnother')}
          </button>
        )}
        <div className="lang-switch" role="group" aria-label={t('language')}>
          {(Object.keys(LANG_NAMES) as Lang[]).map((code) => (
            <button key={code} type="button" lang={code === 'zh' ? 'zh-CN' : 'en'} aria-pressed={lang === code} className="lang-button" onClick={() => setLang(code)}>
              {LANG_NAMES[code]}
            </button>
          ))}
        </div>
      </div>
    </header>
  );
}
