/**
 * The walkthrough: a short tour of the case workspace, one step per tab, each pointing at the
 * tab (which it opens, so the view is seen, not described) with a callout. Offered once, as a
 * card that does not block the page, when the first case is ready; taken again from the palette
 * or the shortcuts overlay. ←/→ or Enter move, Esc closes; taking or declining it is kept in the
 * preferences, so it is not offered again.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useI18n } from '../i18n/i18n.tsx';
import type { StringKey } from '../i18n/strings.ts';
import { preferences, savePreferences, usePreferences } from '../lib/preferences.ts';
import { GAP, calloutPlace, type Box } from './calloutPlace.ts';
import './Walkthrough.css';

/** One step: the element pointed at (a CSS selector) and the words. */
export interface TourStep {
  target: string;
  title: StringKey;
  body: StringKey;
  /** Click the target when the step opens (a tab: show its view). */
  open?: boolean;
}

/** The case workspace's tour, in the order of the tabs. */
export const WORKSPACE_TOUR: readonly TourStep[] = [
  { target: '#tab-overview', title: 'tourOverviewTitle', body: 'tourOverviewBody', open: true },
  { target: '#tab-timeline', title: 'tourTimelineTitle', body: 'tourTimelineBody', open: true },
  { target: '#tab-events', title: 'tourEventsTitle', body: 'tourEventsBody', open: true },
  { target: '#tab-patterns', title: 'tourPatternsTitle', body: 'tourPatternsBody', open: true },
  { target: '#tab-trace', title: 'tourTraceTitle', body: 'tourTraceBody', open: true },
  { target: '#tab-files', title: 'tourFilesTitle', body: 'tourFilesBody', open: true },
  { target: '#tab-case', title: 'tourCaseTitle', body: 'tourCaseBody', open: true },
  { target: '#tab-compare', title: 'tourCompareTitle', body: 'tourCompareBody', open: true },
  { target: '[data-testid="open-palette"]', title: 'tourKeysTitle', body: 'tourKeysBody' },
];

const CALLOUT_WIDTH = 360;

function boxOf(selector: string): Box | null {
  const element = document.querySelector(selector);
  if (!element) return null;
  const rect = element.getBoundingClientRect();
  return { top: rect.top, left: rect.left, width: rect.width, height: rect.height };
}

/** The steps whose target is on the page now (the Patterns tab may be absent, say). */
function presentSteps(steps: readonly TourStep[]): TourStep[] {
  return steps.filter((step) => document.querySelector(step.target) !== null);
}

export interface WalkthroughProps {
  open: boolean;
  onClose: () => void;
  steps?: readonly TourStep[];
}

export function Walkthrough({ open, onClose, steps = WORKSPACE_TOUR }: WalkthroughProps) {
  if (!open) return null;
  return createPortal(<TourFrame onClose={onClose} steps={presentSteps(steps)} />, document.body);
}

function TourFrame({ onClose, steps }: { onClose: () => void; steps: TourStep[] }) {
  const { t } = useI18n();
  const [index, setIndex] = useState(0);
  const [box, setBox] = useState<Box | null>(null);
  const [place, setPlace] = useState<{ top: number; left: number }>({ top: GAP, left: GAP });
  const callout = useRef<HTMLDivElement>(null);
  const back = useRef<Element | null>(document.activeElement);
  const step = steps[index];
  // Keys are caught before the page's own (a step's view may take the focus when it opens):
  // the tour is modal while open.
  const keys = useRef<(event: globalThis.KeyboardEvent) => void>(() => undefined);

  const close = useCallback(() => {
    onClose();
    if (back.current instanceof HTMLElement) back.current.focus();
  }, [onClose]);

  // Opening a step shows its view, then measures where its target landed.
  useEffect(() => {
    if (!step) return;
    if (step.open) (document.querySelector(step.target) as HTMLElement | null)?.click();
    // After the view's own effects, which may focus its list or search box.
    const frame = requestAnimationFrame(() => callout.current?.querySelector<HTMLButtonElement>('.tour-next')?.focus());
    return () => cancelAnimationFrame(frame);
  }, [step]);

  useLayoutEffect(() => {
    if (!step) return;
    const measure = (): void => {
      const target = boxOf(step.target);
      setBox(target);
      const size = callout.current?.getBoundingClientRect();
      if (target && size)
        setPlace(
          calloutPlace(
            target,
            { width: size.width, height: size.height },
            { width: window.innerWidth, height: window.innerHeight },
          ),
        );
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [step]);

  useEffect(() => {
    const listener = (event: globalThis.KeyboardEvent): void => keys.current(event);
    window.addEventListener('keydown', listener, true);
    return () => window.removeEventListener('keydown', listener, true);
  }, []);

  if (!step) return null;
  const last = index === steps.length - 1;
  const next = (): void => (last ? close() : setIndex(index + 1));
  const previous = (): void => setIndex(Math.max(0, index - 1));

  keys.current = (event) => {
    event.stopPropagation();
    const buttons = [...(callout.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
    const focused = buttons.find((button) => button === document.activeElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'ArrowRight') {
      event.preventDefault();
      next();
    } else if (event.key === 'ArrowLeft') {
      event.preventDefault();
      previous();
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      if (focused) focused.click();
      else next();
    } else if (event.key === 'Tab') {
      event.preventDefault();
      const at = focused ? buttons.indexOf(focused) : -1;
      const to = (at + (event.shiftKey ? buttons.length - 1 : 1) + buttons.length) % buttons.length;
      buttons[to]?.focus();
    } else if (!event.ctrlKey && !event.metaKey) event.preventDefault();
  };

  return (
    <div className="tour" data-testid="walkthrough" data-step={index + 1}>
      <div className="tour-veil" onMouseDown={close} />
      {box && (
        <div
          className="tour-spot"
          style={{ top: box.top - 4, left: box.left - 4, width: box.width + 8, height: box.height + 8 }}
        />
      )}
      <div
        ref={callout}
        className="tour-callout"
        role="dialog"
        aria-modal="true"
        aria-label={t('tourLabel')}
        aria-describedby="tour-body"
        style={{ top: place.top, left: place.left, width: CALLOUT_WIDTH }}
      >
        <div className="tour-head">
          <span className="tour-count">{t('tourStepOf', { n: index + 1, total: steps.length })}</span>
          <button
            type="button"
            className="icon-button tour-close"
            onClick={close}
            aria-label={t('tourSkip')}
            title={`${t('tourSkip')} (Esc)`}
          >
            ×
          </button>
        </div>
        <h2 className="tour-title">{t(step.title)}</h2>
        <p id="tour-body" className="tour-body">
          {t(step.body)}
        </p>
        <div className="tour-actions">
          <button type="button" className="button button-quiet" onClick={previous} disabled={index === 0}>
            {t('tourBack')}
          </button>
          <button type="button" className="button button-primary tour-next" onClick={next}>
            {last ? t('tourDone') : t('tourNext')}
          </button>
        </div>
      </div>
    </div>
  );
}

/** The first-run offer: a card in the corner that leaves the page usable. */
export function TourOffer({ onStart, onDecline }: { onStart: () => void; onDecline: () => void }) {
  const { t } = useI18n();
  return (
    <aside className="tour-offer" data-testid="tour-offer" aria-label={t('tourLabel')}>
      <p>{t('tourOffer')}</p>
      <div className="tour-actions">
        <button type="button" className="button button-quiet" onClick={onDecline}>
          {t('tourOfferLater')}
        </button>
        <button type="button" className="button button-primary" onClick={onStart}>
          {t('tourOfferStart')}
        </button>
      </div>
    </aside>
  );
}

/**
 * The tour where the app mounts it: offered once when a case is open and the tour was never
 * taken or declined; `open` when asked for (palette, shortcuts overlay).
 */
export function TourHost({
  caseOpen,
  open,
  onOpen,
  onClose,
}: {
  caseOpen: boolean;
  open: boolean;
  onOpen: () => void;
  onClose: () => void;
}) {
  const { tourSeen } = usePreferences();
  const seen = (): void => {
    if (!preferences().tourSeen) savePreferences({ tourSeen: true });
  };
  return (
    <>
      {caseOpen && !tourSeen && !open && (
        <TourOffer
          onStart={() => {
            seen();
            onOpen();
          }}
          onDecline={seen}
        />
      )}
      <Walkthrough
        open={open && caseOpen}
        onClose={() => {
          seen();
          onClose();
        }}
      />
    </>
  );
}
