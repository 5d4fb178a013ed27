/**
 * Two time ranges of this case (issue 18): A's and B's from/to, prefilled with the timeline's
 * selection and the same length of time after it, else the two halves of the case; "Compare"
 * compares the case with itself over the two.
 */
import { useEffect, useState } from 'react';
import { client } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { defaultRanges, fromLocalInput, toLocalInput } from './compareRanges.ts';
import type { CompareSession } from './useCompareSession.ts';

type Texts = { aFrom: string; aTo: string; bFrom: string; bTo: string };

export function RangeForm({
  caseId,
  session,
  selection,
}: {
  caseId: string;
  session: CompareSession;
  selection: { from: number; to: number } | null;
}) {
  const { t } = useI18n();
  const [texts, setTexts] = useState<Texts | null>(null);
  const [prefill, setPrefill] = useState<'halves' | 'selection' | 'kept' | 'none'>('none');
  const [bad, setBad] = useState(false);
  const kept = session.ranges;
  useEffect(() => {
    let live = true;
    const fill = (r: NonNullable<typeof kept>) => ({
      aFrom: toLocalInput(r.a.from),
      aTo: toLocalInput(r.a.to),
      bFrom: toLocalInput(r.b.from),
      bTo: toLocalInput(r.b.to),
    });
    if (kept) {
      setTexts(fill(kept));
      setPrefill('kept');
      return;
    }
    // The case's span: the histogram's, one bin of it.
    void client.histogram({ caseId, bins: 1 }).then((r) => {
      if (!live) return;
      const span = r.ok && r.value ? { from: r.value.from, to: r.value.to } : null;
      const ranges = defaultRanges(span, selection);
      setTexts(ranges ? fill(ranges) : { aFrom: '', aTo: '', bFrom: '', bTo: '' });
      setPrefill(ranges === null ? 'none' : selection && selection.to > selection.from ? 'selection' : 'halves');
    });
    return () => {
      live = false;
    };
    // Prefilled once per mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [caseId]);
  if (!texts) return null;
  const submit = (): void => {
    const [aFrom, aTo, bFrom, bTo] = [texts.aFrom, texts.aTo, texts.bFrom, texts.bTo].map(fromLocalInput);
    if (aFrom === null || aTo === null || bFrom === null || bTo === null || aFrom > aTo || bFrom > bTo) {
      setBad(true);
      return;
    }
    setBad(false);
    session.compareRanges({ a: { from: aFrom, to: aTo }, b: { from: bFrom, to: bTo } });
  };
  const input = (key: keyof Texts, label: string) => (
    <input
      type="datetime-local"
      step="0.001"
      className="input mono"
      value={texts[key]}
      aria-label={label}
      onChange={(e) => setTexts({ ...texts, [key]: e.target.value })}
      data-testid={`compare-range-${key}`}
    />
  );
  return (
    <form
      className="cmp-ranges"
      data-testid="compare-ranges"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <p className="muted cmp-lead">{t('cmpRangesLead')}</p>
      <div className="cmp-range-row">
        <span className="cmp-range-label">{t('cmpRangeA')}</span>
        {input('aFrom', `${t('cmpRangeA')} …`)}
        <span>{t('cmpRangeTo')}</span>
        {input('aTo', `A ${t('cmpRangeTo')} …`)}
      </div>
      <div className="cmp-range-row">
        <span className="cmp-range-label">{t('cmpRangeB')}</span>
        {input('bFrom', `${t('cmpRangeB')} …`)}
        <span>{t('cmpRangeTo')}</span>
        {input('bTo', `B ${t('cmpRangeTo')} …`)}
      </div>
      <div className="cmp-range-row">
        <button type="submit" className="button button-primary" data-testid="compare-ranges-go">
          {t('cmpRangesGo')}
        </button>
        {(prefill === 'halves' || prefill === 'selection') && (
          <span className="muted" data-testid="compare-ranges-prefill">
            {t('cmpRangesPrefill', {
              what: t(prefill === 'halves' ? 'cmpRangesHalves' : 'cmpRangesSelection'),
            })}
          </span>
        )}
        {prefill === 'none' && <span className="muted">{t('cmpRangesNoSpan')}</span>}
      </div>
      {bad && (
        <p className="cmp-error" role="alert" data-testid="compare-ranges-bad">
          {t('cmpRangesBad')}
        </p>
      )}
    </form>
  );
}
