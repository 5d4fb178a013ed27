// The query proposed for "Make a rule…" from a line: the fixed phrases of the line's template
// (ids, numbers, hex and paths dropped) with the line's level, on real lines of
// resources/formats samples and shared/realdata; the query parses and matches its own line.
import { describe, expect, it } from 'vitest';
import {
  fixedPhrases,
  proposeRuleQuery,
  problemField,
  ruleIdFrom,
  ruleSpecFromDraft,
  type RuleLine,
} from '../../src/shared/rules/ruleFromLine.ts';
import { parseQuery } from '../../src/shared/search/queryLanguage.ts';
import { compileMatcher } from '../../src/shared/search/matchEvent.ts';

const facts = (line: RuleLine) => ({
  text: line.text,
  level: line.level,
  module: line.module,
  component: line.component,
  path: line.path,
  time: null,
});
const matches = (query: string, line: RuleLine): boolean => {
  const parsed = parseQuery(query);
  if (!parsed.ok) throw new Error(`${query}: ${parsed.error.message}`);
  return compileMatcher(parsed.query, { zone: 'UTC', reference: null })(facts(line));
};

// realdata/openstack/insights-core_cinder_log_samples.log lines 13 and 12.
const CINDER: RuleLine = {
  text: '2015-11-27 11:23:07.148 16656 WARNING cinder.volume.manager [req-a8c22cdb-e21b-497f-affe-9380478decae - - - - -] Unable to update stats, LVMISCSIDriver -2.0.0 (config name rbd) driver is uninitialized.',
  message: 'Unable to update stats, LVMISCSIDriver -2.0.0 (config name rbd) driver is uninitialized.',
  level: 'warning',
  module: 'cinder',
  component: 'volume',
  path: 'var/log/cinder/volume.log',
};
const CINDER_HEALTHY: RuleLine = {
  ...CINDER,
  text: '2015-11-27 11:23:07.146 16656 INFO cinder.volume.manager [req-a8c22cdb-e21b-497f-affe-9380478decae - - - - -] Updating volume status',
  message: 'Updating volume status',
  level: 'info',
};
// resources/formats/oslo-journald.json sample (realdata/openstack/nova_down-cell_devstack_journald_traceback.log line 30).
const NOVA: RuleLine = {
  text: 'Apr 04 20:48:22 train devstack@n-api.service[10884]: WARNING nova.objects.service [None req-1cf4bf5c-2f74-4be0-a18d-51ff81df57dd admin admin] Failed to get minimum service version for cell 4f495a21-294a-4051-9a3d-8b34a250bbb4',
  level: 'warning',
  module: 'nova',
  component: 'api',
  path: 'journal/nova.log',
};
// resources/formats/klog.json sample.
const KLOG: RuleLine = {
  text: 'E0918 08:24:31.000042    4711 reflector.go:147] k8s.io/client-go/informers/factory.go:159: Failed to watch *v1.Pod: the server has asked for the client to provide credentials',
  level: 'error',
  module: 'k8s',
  component: 'kubelet',
  path: 'k8s/kubelet.log',
};

describe('proposeRuleQuery', () => {
  it('keeps the fixed phrases of the message and the level, without the version number', () => {
    const query = proposeRuleQuery(CINDER)!;
    expect(query).toBe(
      '"Unable to update stats, LVMISCSIDriver" "config name rbd) driver is uninitialized" level:>=warning',
    );
    expect(matches(query, CINDER)).toBe(true);
    expect(matches(query, CINDER_HEALTHY)).toBe(false);
  });

  it('drops the time, pid, level word, request id and uuid of a whole line', () => {
    const query = proposeRuleQuery(NOVA)!;
    expect(query).not.toMatch(/req-|4f495a21|10884|20:48|WARNING/);
    expect(query).toContain('"Failed to get minimum service version for cell"');
    expect(query.endsWith('level:>=warning')).toBe(true);
    expect(matches(query, NOVA)).toBe(true);
  });

  it('drops paths and keeps the message words of a klog line', () => {
    const query = proposeRuleQuery(KLOG)!;
    expect(query).not.toMatch(/factory\.go|client-go|E0918/);
    expect(query).toContain('the server has asked for the client to provide credentials');
    expect(matches(query, KLOG)).toBe(true);
  });

  it('adds component: when asked, and gives null for a line without words', () => {
    expect(proposeRuleQuery(CINDER, { component: true })!.endsWith('component:volume')).toBe(true);
    expect(proposeRuleQuery({ ...CINDER, message: '12:00:01 0x7f44fe7ee1d0 10.0.0.1:80 -' })).toBeNull();
  });

  it('keeps at most three phrases, the longest', () => {
    expect(fixedPhrases('alpha one 1 bravo two words 2 charlie 3 delta delta delta 4 echo echo').length).toBe(5);
    const query = proposeRuleQuery({
      ...CINDER,
      message: 'alpha one 1 bravo two words 2 charlie 3 delta delta delta 4 echo echo',
    })!;
    expect(query).toBe('"alpha one" "bravo two words" "delta delta delta" level:>=warning');
  });
});

describe('the rule file from the dialog', () => {
  it('makes a kebab-case id and a spec with the line as match and the healthy line as noMatch', () => {
    expect(ruleIdFrom('Cinder driver not ready!')).toBe('user-cinder-driver-not-ready');
    const spec = ruleSpecFromDraft({
      id: 'user-cinder',
      title: { en: 'a', zh: 'b' },
      severity: 'error',
      category: 'target',
      stages: [],
      query: 'x',
      advice: { en: 'c', zh: 'd' },
      match: CINDER,
      noMatch: CINDER_HEALTHY,
    }) as { examples: { match: { line: string; component: string; level: string }[]; noMatch: { line: string }[] } };
    expect(spec.examples.match[0]).toMatchObject({ line: CINDER.text, component: 'cinder/volume', level: 'warning' });
    expect(spec.examples.noMatch[0].line).toBe(CINDER_HEALTHY.text);
  });

  it('places a problem under the field it names', () => {
    expect(problemField('rule x.json: "title" must be { "en": text, "zh": text }, got .en = ""')).toBe('title');
    expect(problemField('rule x.json: "examples.noMatch" must hold at least one similar line')).toBe('examples');
    expect(problemField('rule user-x: does not match its match example (level warning)')).toBe('examples');
    expect(problemField('could not write')).toBeNull();
  });
});
