/**
 * Guided triage: the seed's decision trees walked one node at a time. Branches the findings
 * point to (their rules fired) are highlighted; a breadcrumb keeps the answers given.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Finding } from '../../../../shared/rules/finding.ts';
import type { LocalizedText } from '../../../../shared/rules/ruleSpec.ts';
import {
  suggestedBranch,
  type TriageNode,
  type TriageSuggestion,
  type TriageTree,
  type TriageTrees,
} from '../../../../shared/rules/stages.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { localized } from './common.tsx';

/** A node reached, and the answer that led to it from the node before (null for the start, 'continue' after a handling). */
interface Step {
  id: string;
  via: LocalizedText | 'continue' | null;
}

type Question = Extract<TriageNode, { kind: 'question' }>;

/** The walk the findings choose: suggested branches from the start, stopping at the first handling, outcome or open question. */
function suggestedWalk(tree: TriageTree, fired: ReadonlySet<string>): Step[] {
  const steps: Step[] = [{ id: tree.start, via: null }];
  for (let guard = 0; guard < 50; guard++) {
    const node = tree.nodes[steps[steps.length - 1].id];
    if (!node || node.kind !== 'question') break;
    const at = suggestedBranch(node, fired);
    if (at === null) break;
    steps.push({ id: node.branches[at].next, via: node.branches[at].label });
  }
  return steps;
}

function treeRules(tree: TriageTree): Set<string> {
  const rules = new Set<string>();
  for (const node of Object.values(tree.nodes))
    if (node.kind === 'question') for (const b of node.branches) for (const r of b.rules ?? []) rules.add(r);
  return rules;
}

function OutcomeIcon({ resolved }: { resolved: boolean }) {
  return (
    <svg className="ov-outcome-icon" viewBox="0 0 20 20" aria-hidden="true">
      <circle cx="10" cy="10" r="9" />
      {resolved ? <path d="M5.5 10.5l3 3 6-7" /> : <path d="M6.5 6.5l7 7M13.5 6.5l-7 7" />}
    </svg>
  );
}

function Branches({
  node,
  findings,
  fired,
  onChoose,
}: {
  node: Question;
  findings: Finding[];
  fired: ReadonlySet<string>;
  onChoose: (i: number) => void;
}) {
  const { t, lang } = useI18n();
  const best = suggestedBranch(node, fired);
  return (
    <div className="ov-branches">
      {node.branches.map((branch, i) => {
        const rules = branch.rules ?? [];
        const pointing = findings.filter((f) => rules.includes(f.rule));
        const titles = [...new Set(pointing.map((f) => localized(f.title, lang)))].join('\n');
        return (
          <button
            key={i}
            type="button"
            className={`ov-branch${i === best ? ' ov-branch-suggested' : ''}`}
            onClick={() => onChoose(i)}
            title={titles || undefined}
            data-suggested={i === best ? 'true' : undefined}
          >
            <span className="ov-branch-label">{localized(branch.label, lang)}</span>
            {pointing.length > 0 && (
              <span className="ov-branch-why">
                {pointing.length === 1
                  ? t(i === best ? 'ovTriageSuggestedByOne' : 'ovTriagePointedByOne')
                  : t(i === best ? 'ovTriageSuggestedBy' : 'ovTriagePointedBy', { n: pointing.length })}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}

function Walk({
  tree,
  findings,
  fired,
  suggestion,
  onWalk,
}: {
  tree: TriageTree;
  findings: Finding[];
  fired: ReadonlySet<string>;
  suggestion: TriageSuggestion | null;
  /** The user moved in this tree (it stays chosen when the findings are re-ranked). */
  onWalk: () => void;
}) {
  const { t, lang } = useI18n();
  const [trail, setTrail] = useState<Step[]>([{ id: tree.start, via: null }]);
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  useEffect(() => {
    if (moved.current) heading.current?.focus();
  }, [trail]);
  const go = (next: Step[]): void => {
    moved.current = true;
    onWalk();
    setTrail(next);
  };
  const current = trail[trail.length - 1];
  const node: TriageNode | undefined = tree.nodes[current.id];
  const restart = (): void => go([{ id: tree.start, via: null }]);

  return (
    <div className="ov-walk">
      {trail.length > 1 && (
        <ol className="ov-crumbs" aria-label={t('ovTriageAnswers')}>
          {trail.slice(1).map((step, i) => {
            const from = tree.nodes[trail[i].id];
            const asked = from ? (from.kind === 'outcome' ? '' : localized(from.text, lang)) : '';
            const answer = step.via === 'continue' ? t('ovTriageDone') : step.via ? localized(step.via, lang) : '';
            return (
              <li key={i}>
                <button
                  type="button"
                  className="ov-crumb"
                  onClick={() => go(trail.slice(0, i + 1))}
                  title={t('ovTriageBackTo')}
                >
                  <span className="ov-crumb-q">{asked}</span>
                  <span className="ov-crumb-a">{answer}</span>
                </button>
              </li>
            );
          })}
        </ol>
      )}
      {suggestion && trail.length === 1 && (
        <div className="ov-suggest">
          <p>
            {t('ovTriageLead')} <strong>{suggestion.steps.map((s) => localized(s.answer, lang)).join(' → ')}</strong>
          </p>
          <button type="button" className="button" onClick={() => go(suggestedWalk(tree, fired))}>
            {t('ovTriageFollow')}
          </button>
        </div>
      )}
      <div className="ov-node">
        {!node ? (
          <p className="ov-hint">{t('ovTriageBroken', { id: current.id })}</p>
        ) : node.kind === 'question' ? (
          <>
            <h3 className="ov-node-q" ref={heading} tabIndex={-1}>
              {localized(node.text, lang)}
            </h3>
            <Branches
              node={node}
              findings={findings}
              fired={fired}
              onChoose={(i) => go([...trail, { id: node.branches[i].next, via: node.branches[i].label }])}
            />
          </>
        ) : node.kind === 'handling' ? (
          <>
            <h3 className="ov-node-q" ref={heading} tabIndex={-1}>
              {localized(node.text, lang)}
            </h3>
            <div className="ov-handling">
              <h4>{t('ovTriageWhatToDo')}</h4>
              <p>{localized(node.handling, lang)}</p>
            </div>
            <button
              type="button"
              className="button button-primary"
              onClick={() => go([...trail, { id: node.next, via: 'continue' }])}
            >
              {t('ovTriageContinue')}
            </button>
          </>
        ) : (
          <>
            <h3 className={`ov-outcome ov-outcome-${node.outcome}`} ref={heading} tabIndex={-1}>
              <OutcomeIcon resolved={node.outcome === 'resolved'} />
              {/* The tree's text starts with ✅/❌; an icon says it without depending on an emoji font. */}
              {localized(node.text, lang).replace(/^[\u2705\u274C\u2714\u2716]\uFE0F?\s*/u, '')}
            </h3>
            <button type="button" className="button button-primary" onClick={restart}>
              {t('ovTriageStartOver')}
            </button>
          </>
        )}
      </div>
      {trail.length > 1 && (
        <div className="ov-walk-nav">
          <button type="button" className="button button-quiet" onClick={() => go(trail.slice(0, -1))}>
            ← {t('ovTriageBack')}
          </button>
          {node?.kind !== 'outcome' && (
            <button type="button" className="button button-quiet" onClick={restart}>
              {t('ovTriageStartOver')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

export function TriagePanel({
  trees,
  triage,
  findings,
  diagnosed,
}: {
  trees: TriageTrees | null;
  triage: TriageSuggestion[];
  findings: Finding[];
  diagnosed: boolean;
}) {
  const { t, lang, num } = useI18n();
  const [picked, setPicked] = useState<string | null>(null);
  const list = useMemo(() => trees?.trees ?? [], [trees]);
  // A finding leads into the tree of its category (a placed finding: the side it was placed on).
  const ofTree = (category: string) => findings.filter((f) => f.category === category);
  const pointing = useMemo(
    () =>
      new Map(
        list.map((tree) => {
          const rules = treeRules(tree);
          return [tree.id, findings.filter((f) => f.category === tree.category && rules.has(f.rule)).length] as const;
        }),
      ),
    [list, findings],
  );
  // Default: the tree the highest-ranked finding leads into, else the first one the findings lead into, else the first.
  const fallback = useMemo(() => {
    const suggested = triage.filter((s) => list.some((tree) => tree.id === s.tree));
    for (const f of findings) {
      const hit = suggested.find((s) => s.steps.some((step) => step.rules.includes(f.rule)));
      if (hit) return hit.tree;
    }
    return suggested[0]?.tree ?? list[0]?.id ?? null;
  }, [triage, list, findings]);
  const tree = list.find((x) => x.id === (picked ?? fallback)) ?? list[0];

  return (
    <section className="ov-panel ov-triage" data-testid="triage" aria-labelledby="ov-triage-title">
      <h2 id="ov-triage-title">{t('ovTriageTitle')}</h2>
      {!tree ? (
        <p className="ov-hint">{t('ovTriageNoTrees')}</p>
      ) : (
        <>
          <p className="ov-hint">{diagnosed ? t('ovTriageIntro') : t('ovTriageWaiting')}</p>
          <div className="ov-tree-picker" role="group" aria-label={t('ovTriagePick')}>
            {list.map((x) => {
              const n = pointing.get(x.id) ?? 0;
              return (
                <button
                  key={x.id}
                  type="button"
                  className="ov-tree"
                  aria-pressed={x.id === tree.id}
                  onClick={() => setPicked(x.id)}
                  title={n === 0 ? undefined : n === 1 ? t('ovTriageTreeCountOne') : t('ovTriageTreeCount', { n })}
                >
                  {localized(x.title, lang)}
                  {n > 0 && <span className="ov-tree-n">{num(n)}</span>}
                </button>
              );
            })}
          </div>
          <Walk
            key={tree.id}
            tree={tree}
            findings={ofTree(tree.category)}
            fired={new Set(ofTree(tree.category).map((f) => f.rule))}
            suggestion={triage.find((s) => s.tree === tree.id) ?? null}
            onWalk={() => setPicked(tree.id)}
          />
        </>
      )}
    </section>
  );
}
