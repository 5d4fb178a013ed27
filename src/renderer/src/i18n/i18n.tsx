/** The language context: `useI18n()` gives `t(key, params)`, the language and its setter. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { DICTIONARIES, type Lang, type StringKey } from './strings.ts';
import { preferences, savePreferences } from '../lib/preferences.ts';
import { DURATION_UNITS_EN, DURATION_UNITS_ZH, formatDuration } from '../../../shared/format.ts';

/** The kept choice (preferences, loaded before the first paint), else the browser's language (any `zh*` → Chinese), else English. */
export function initialLang(): Lang {
  const kept = preferences().lang;
  if (kept) return kept;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export type Translate = (key: StringKey, params?: Record<string, string | number>) => string;

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
  /** Number formatting for the current language. */
  num: (n: number) => string;
  /** A duration (`350 ms` … `11 y 2 mo`) with the current language's units. */
  dur: (ms: number) => string;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    savePreferences({ lang: next });
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const value = useMemo<I18nValue>(() => {
    const dict = DICTIONARIES[lang];
    const numberFormat = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US');
    return {
      lang,
      setLang,
      t: (key, params) => {
        let text = dict[key];
        if (params) for (const [name, v] of Object.entries(params)) text = text.replaceAll(`{${name}}`, String(v));
        return text;
      },
      num: (n) => numberFormat.format(n),
      dur: (ms) => formatDuration(ms, lang === 'zh' ? DURATION_UNITS_ZH : DURATION_UNITS_EN),
    };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
