/** Small pieces the overview's parts share: severity badges, category chips, localized text, component names. */
import type { Finding } from '../../../../shared/rules/finding.ts';
import type { Category, LocalizedText, Severity } from '../../../../shared/rules/ruleSpec.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Lang, StringKey } from '../../i18n/strings.ts';

export const SEVERITY_KEY: Record<Severity, StringKey> = {
  critical: 'ovSevCritical',
  error: 'ovSevError',
  warning: 'ovSevWarning',
  info: 'ovSevInfo',
};

export const CATEGORY_KEY: Record<Category, StringKey> = {
  install: 'ovCatInstall',
  source: 'ovCatSource',
  target: 'ovCatTarget',
  product: 'ovCatProduct',
  platform: 'ovCatPlatform',
};

/** The text in `lang`, else the other language (a rule may lack one). */
export function localized(text: LocalizedText, lang: Lang): string {
  return text[lang] || text[lang === 'zh' ? 'en' : 'zh'];
}

/** A finding's identity within one overview: rule × component. */
export function findingKey(finding: Finding): string {
  return `${finding.rule}|${finding.module}/${finding.component}`;
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useI18n();
  return <span className={`ov-sev ov-sev-${severity}`}>{t(SEVERITY_KEY[severity])}</span>;
}

export function CategoryChip({ category }: { category: Category }) {
  const { t } = useI18n();
  return <span className={`ov-cat ov-cat-${category}`}>{t(CATEGORY_KEY[category])}</span>;
}

/** `module / component` with the module muted (one word when both are the same). */
export function ComponentName({ module, component }: { module: string; component: string }) {
  if (module === component) return <span className="ov-comp-name">{component}</span>;
  return (
    <span className="ov-comp" title={`${module}/${component}`}>
      <span className="ov-comp-module">{module}</span>
      <span className="ov-comp-sep">/</span>
      <span className="ov-comp-name">{component}</span>
    </span>
  );
}
