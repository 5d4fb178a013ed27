/** Hits per component as chips; a chip puts (or takes back) its `component:` filter in the query. */
import { useMemo, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { filtersComponent, splitComponent, toggleComponent } from './queryText.ts';

const SHOWN = 8;

interface Props {
  byComponent: { component: string; count: number }[];
  query: string;
  onQuery: (query: string) => void;
}

export function ComponentChips({ byComponent, query, onQuery }: Props) {
  const { t, num } = useI18n();
  const [all, setAll] = useState(false);
  const chips = useMemo(() => {
    const names = new Map<string, number>();
    for (const c of byComponent) {
      const { component } = splitComponent(c.component);
      names.set(component, (names.get(component) ?? 0) + 1);
    }
    // The module goes into the filter only when the component name alone is ambiguous.
    return byComponent.map((c) => {
      const { module, component } = splitComponent(c.component);
      return {
        key: c.component,
        module,
        component,
        count: c.count,
        filterModule: (names.get(component) ?? 0) > 1 ? module : null,
      };
    });
  }, [byComponent]);
  if (chips.length === 0) return null;
  const shown = all ? chips : chips.slice(0, SHOWN);
  return (
    <div className="ev-chips" role="group" aria-label={t('evByComponent')} data-testid="component-chips">
      {shown.map((c) => {
        const active = filtersComponent(query, c.component, c.filterModule);
        return (
          <button
            key={c.key}
            type="button"
            className={`ev-chip${active ? ' ev-chip-active' : ''}`}
            aria-pressed={active}
            title={
              active
                ? t('evChipActiveTitle', { component: c.key })
                : t('evChipTitle', { component: c.key, n: num(c.count) })
            }
            onClick={() => onQuery(toggleComponent(query, c.component, c.filterModule))}
            data-testid="component-chip"
            data-component={c.key}
          >
            <span className="ev-chip-module">{c.module}/</span>
            <span className="ev-chip-name">{c.component}</span>
            <span className="ev-chip-count">{num(c.count)}</span>
          </button>
        );
      })}
      {chips.length > SHOWN && (
        <button type="button" className="link ev-chips-more" onClick={() => setAll((a) => !a)} aria-expanded={all}>
          {all ? t('evFewerComponents') : t('evMoreComponents', { n: num(chips.length - SHOWN) })}
        </button>
      )}
    </div>
  );
}
