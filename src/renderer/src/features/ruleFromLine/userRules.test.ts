// "Your rules": a saved rule back in the rule dialog (its line, the edited spec keeping what the
// dialog does not show), where the list is and its Undo, and the palette's command for it.
import { describe, expect, it, vi } from 'vitest';
import { ruleSpecFromDraft, type RuleLine } from '../../../../shared/rules/ruleFromLine.ts';
import { ruleSpecSchema, type RuleSpec } from '../../../../shared/rules/ruleSpec.ts';
import { workspaceCommands } from '../../views/workspaceCommands.ts';
import { editedSpec, ruleLineOfSpec, savedNoMatchOf } from './ruleSpecEdit.ts';
import { userRulesState } from './userRulesState.ts';

// realdata/openstack/insights-core_cinder_log_samples.log lines 13 and 12.
const CINDER: RuleLine = {
  text: '2015-11-27 11:23:07.148 16656 WARNING cinder.volume.manager [req-a8c22cdb-e21b-497f-affe-9380478decae - - - - -] Unable to update stats, LVMISCSIDriver -2.0.0 (config name rbd) driver is uninitialized.',
  level: 'warning',
  module: 'cinder',
  component: 'volume',
  path: 'var/log/cinder/volume.log',
};
const HEALTHY: RuleLine = {
  ...CINDER,
  text: '2015-11-27 11:23:07.146 16656 INFO cinder.volume.manager [req-a8c22cdb-e21b-497f-affe-9380478decae - - - - -] Updating volume status',
  level: 'info',
};

const draft = {
  id: 'user-unable-to-update-stats',
  title: { en: 'Unable to update stats', zh: '无法更新统计' },
  severity: 'warning' as const,
  category: 'product' as const,
  stages: [],
  query: '"Unable to update stats" level:>=warning',
  advice: { en: 'Check the volume backend.', zh: '检查卷后端。' },
  match: CINDER,
  noMatch: HEALTHY,
};

/** A saved spec as the engine gives it back (schema-checked). */
function saved(extra: Record<string, unknown> = {}): RuleSpec {
  const parsed = ruleSpecSchema.safeParse({ ...ruleSpecFromDraft(draft), ...extra });
  if (!parsed.success) throw new Error(parsed.error.message);
  return parsed.data;
}

describe('a saved rule in the rule dialog', () => {
  it('gives back the line it was made from', () => {
    expect(ruleLineOfSpec(saved())).toEqual({
      text: CINDER.text,
      level: 'warning',
      module: 'cinder',
      component: 'volume',
      path: 'var/log/cinder/volume.log',
    });
  });

  it('gives back its saved must-not-match line', () => {
    expect(savedNoMatchOf(saved())).toEqual({
      text: HEALTHY.text,
      level: 'info',
      module: 'cinder',
      component: 'volume',
      path: 'var/log/cinder/volume.log',
    });
  });

  it('has no line when the rule is an artifact check', () => {
    const artifact = { ...saved(), query: undefined, artifact: { check: 'goroutine-pile-up', min: 1000 } } as RuleSpec;
    expect(ruleLineOfSpec(artifact)).toBeNull();
    expect(savedNoMatchOf(artifact)).toBeNull();
  });

  it('saves the edited fields over the rule, keeping what the dialog does not show', () => {
    const original = saved({
      stages: [],
      minCount: 3,
      references: ['https://bugs.launchpad.net/cinder/+bug/1442506'],
    });
    original.examples.match.push({ line: HEALTHY.text.replace('Updating volume status', 'x'), source: 'test' });
    const edited = ruleSpecFromDraft({
      ...draft,
      id: 'user-something-else',
      severity: 'critical',
      query: '"driver is uninitialized"',
      noMatch: null,
    });
    const out = editedSpec(original, edited, { stageKept: true, healthy: false });
    expect(out.id).toBe('user-unable-to-update-stats');
    expect(out.severity).toBe('critical');
    expect(out.query).toBe('"driver is uninitialized"');
    expect(out.minCount).toBe(3);
    expect(out.references).toEqual(['https://bugs.launchpad.net/cinder/+bug/1442506']);
    expect(out.examples).toEqual({ match: original.examples.match, noMatch: original.examples.noMatch });

    // A healthy line found in this case replaces the saved must-not-match; a changed stage is taken.
    const withHealthy = ruleSpecFromDraft({ ...draft, stages: ['deploy'], noMatch: { ...HEALTHY, text: 'other' } });
    const out2 = editedSpec(original, withHealthy, { stageKept: false, healthy: true });
    expect((out2.examples as RuleSpec['examples']).noMatch[0].line).toBe('other');
    expect(out2.stages).toEqual(['deploy']);
  });
});

describe('where Your rules is', () => {
  it('keeps the deleted rule for its Undo across a close, until it is undone', () => {
    userRulesState.reset();
    userRulesState.openList();
    userRulesState.deleted('user-a', saved());
    userRulesState.close();
    userRulesState.openList();
    expect(userRulesState.get().view).toEqual({ kind: 'list' });
    expect(userRulesState.get().deleted?.id).toBe('user-a');
    userRulesState.undone();
    expect(userRulesState.get().deleted).toBeNull();
    userRulesState.edit(saved());
    expect(userRulesState.get().view.kind).toBe('edit');
    userRulesState.reset();
  });

  it('is a palette command when the workspace offers it', () => {
    // The commands name Ctrl or ⌘ from the browser's platform.
    vi.stubGlobal('navigator', { platform: 'Linux x86_64', userAgent: 'Linux' });
    const t = ((key: string) => key) as Parameters<typeof workspaceCommands>[0];
    let opened = 0;
    const actions = {
      tabs: [],
      goTab: () => {},
      search: () => {},
      trace: () => {},
      clearRange: null,
      files: [],
      bundleNames: [],
      openFile: () => {},
      goToFile: () => {},
      back: null,
      forward: null,
    };
    expect(workspaceCommands(t, actions).commands.some((c) => c.id === 'user-rules')).toBe(false);
    const command = workspaceCommands(t, { ...actions, userRules: () => opened++ }).commands.find(
      (c) => c.id === 'user-rules',
    );
    expect(command?.title).toBe('urCmd');
    command?.run();
    expect(opened).toBe(1);
    vi.unstubAllGlobals();
  });
});
