/** The top bar: name, the open case, "open another", the command palette and shortcuts, theme and language. */
import { useI18n } from '../i18n/i18n.tsx';
import { LANG_NAMES, type Lang } from '../i18n/strings.ts';
import { modKey } from '../lib/display.ts';
import { THEME_CHOICES, setTheme, useTheme, type ThemeChoice } from '../lib/theme.ts';
import { Logo } from './Logo.tsx';

export interface HeaderProps {
  caseName: string | null;
  onOpenAnother: (() => void) | null;
  onPalette: () => void;
  onShortcuts: () => void;
}

const THEME_LABELS = { system: 'themeSystem', light: 'themeLight', dark: 'themeDark' } as const;

export function Header({ caseName, onOpenAnother, onPalette, onShortcuts }: HeaderProps) {
  const { t, lang, setLang } = useI18n();
  const theme = useTheme();
  const paletteKeys = `${modKey()}+K`;
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
        <button
          type="button"
          className="button button-quiet header-keys"
          data-testid="open-palette"
          onClick={onPalette}
          title={t('paletteButton', { key: paletteKeys })}
        >
          <kbd>{paletteKeys}</kbd>
        </button>
        <button
          type="button"
          className="button button-quiet header-help"
          data-testid="open-shortcuts"
          onClick={onShortcuts}
          aria-label={t('shortcutsButton')}
          title={t('shortcutsButton')}
        >
          ?
        </button>
        <select
          className="theme-select"
          aria-label={t('theme')}
          title={t('theme')}
          value={theme}
          onChange={(e) => setTheme(e.target.value as ThemeChoice)}
        >
          {THEME_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {t(THEME_LABELS[choice])}
            </option>
          ))}
        </select>
        <div className="lang-switch" role="group" aria-label={t('language')}>
          {(Object.keys(LANG_NAMES) as Lang[]).map((code) => (
            <button
              key={code}
              type="button"
              lang={code === 'zh' ? 'zh-CN' : 'en'}
              aria-pressed={lang === code}
              className="lang-button"
              onClick={() => setLang(code)}
            >
              {LANG_NAMES[code]}
            </button>
          ))}
        </div>
      </div>
    </header>
  );
}
