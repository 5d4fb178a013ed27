// The Cloudpods troubleshooting guide's table "使用场景 → 可能涉及的服务" (seeds/002) as stages:
// each scenario is a stage whose High Priority logs are the services it names, classified the
// way Tarsier classifies real pod log names. The table is read from the seed when it is there.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadClassifier, loadStageTable } from '../../src/main/engine/platform/resources.ts';
import { stageWeight } from '../../src/shared/rules/stages.ts';
import { REALDATA_DIR } from './goldenSupport.ts';

const SEED = resolve(REALDATA_DIR, '..', 'seeds', '002_7d8f92e8e616830f.txt');

/** Scenario → stage id, in the seed's row order. */
const STAGE_OF: Record<string, string> = {
  'kvm主机创建, 或相关操作': 'cloudpods-kvm-host',
  kvm镜像相关: 'cloudpods-kvm-image',
  vmware主机相关: 'cloudpods-vmware-host',
  其他主机相关: 'cloudpods-other-host',
  系统运行缓慢: 'cloudpods-slow-system',
  死锁: 'cloudpods-deadlock',
};

/** The scenario rows of the seed's table: scenario and its services ('-' for none named). */
function seedRows(): { scenario: string; services: string[] }[] {
  const text = readFileSync(SEED, 'utf8');
  const start = text.indexOf('| 使用场景');
  const rows: { scenario: string; services: string[] }[] = [];
  for (const line of text.slice(start).split('\n').slice(2)) {
    if (!line.startsWith('|')) break;
    const [scenario, services] = line
      .split('|')
      .slice(1, 3)
      .map((cell) => cell.trim());
    rows.push({ scenario, services: services === '-' ? [] : services.split(',').map((s) => s.trim()) });
  }
  return rows;
}

const stage = (id: string) => {
  const found = loadStageTable().stages.find((s) => s.id === id);
  if (!found) throw new Error(`no stage ${id} in resources/stages.json`);
  return found;
};

/** The component a real pod log of `service` is classified as (`default-region-65f4b4445d-lqklc.log`). */
function podComponent(service: string): string {
  const classified = loadClassifier().classify(`onecloud/default-${service}-65f4b4445d-lqklc.log`);
  return `${classified.module}/${classified.component}`;
}

describe('the Cloudpods scenario stages', () => {
  it.skipIf(!existsSync(SEED))(
    `cover every scenario row of the seed's table with its services as High Priority logs${existsSync(SEED) ? '' : ` (skipped: no seed at ${SEED}; .ci/run has it)`}`,
    () => {
      const rows = seedRows();
      expect(rows.map((r) => r.scenario)).toEqual(Object.keys(STAGE_OF));
      for (const { scenario, services } of rows) {
        const s = stage(STAGE_OF[scenario]);
        for (const service of services)
          expect(stageWeight(s, podComponent(service)), `${scenario}: ${service}`).toBe(2);
      }
    },
  );

  it('ranks a service the scenario names above one it does not', () => {
    expect(stageWeight(stage('cloudpods-slow-system'), podComponent('keystone'))).toBe(2);
    expect(stageWeight(stage('cloudpods-slow-system'), podComponent('glance'))).toBe(0);
    expect(stageWeight(stage('cloudpods-kvm-image'), podComponent('glance'))).toBe(2);
    expect(stageWeight(stage('cloudpods-vmware-host'), podComponent('esxi-agent'))).toBe(2);
    // Deadlock names no service: every Cloudpods service's goroutine stacks are the logs to read.
    expect(stageWeight(stage('cloudpods-deadlock'), podComponent('scheduler'))).toBe(2);
    expect(stageWeight(stage('cloudpods-deadlock'), 'porter/porter-api')).toBe(0);
  });
});
