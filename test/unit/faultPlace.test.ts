// Where a fault is: the topology of resources/topology.json places the symptoms of issue 16's
// misplaced cases on the right side, and leaves the rule's category when the evidence is silent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resourcesDir } from '../../src/main/engine/platform/resources.ts';
import { Topology, type PlaceInput } from '../../src/shared/rules/faultPlace.ts';

const compiled = Topology.compile(JSON.parse(readFileSync(join(resourcesDir(), 'topology.json'), 'utf8')));
if (!compiled.ok) throw new Error(compiled.error);
const topology = compiled.topology;
const place = (input: PlaceInput) => topology.place(input);

describe('Topology.place', () => {
  it('puts RabbitMQ refused at proxy-engine on the console, not on the source network', () => {
    const placed = place({
      placement: 'network',
      module: 'proxy',
      component: 'proxy-engine',
      text: '2025-09-18 10:15:02.331 2101 ERROR oslo.messaging._drivers.impl_rabbit [-] AMQP server on 10.20.0.10:5672 is unreachable: [Errno 111] ECONNREFUSED. Trying again in 1 seconds.',
    });
    expect(placed?.side).toBe('console');
    expect(topology.categoryOf(placed!.side)).toBe('product');
    expect(placed?.peer).toBe('RabbitMQ (AMQP) 10.20.0.10:5672');
    expect(placed?.advice.en).toContain('RabbitMQ (AMQP) 10.20.0.10:5672');
    expect(placed?.advice.en).toContain('not the customer');
  });

  it('keeps a refused connection of an agent that names no peer on the source side', () => {
    const placed = place({
      placement: 'network',
      module: 'egisplus-agent',
      component: 'linux_agent',
      text: 'dial tcp 10.20.0.10:9200: connect: connection refused',
    });
    expect(placed?.side).toBe('source');
  });

  it('puts a Keystone endpoint that unicloud cannot reach on the target cloud', () => {
    const placed = place({
      placement: 'network',
      module: 'unicloud',
      component: 'unicloud-engine',
      text: 'Unable to establish connection to https://10.2.0.10:5000/v3/auth/tokens: [Errno 111] Connection refused',
    });
    expect(placed?.side).toBe('target');
    expect(placed?.peer).toBe('the OpenStack API 10.2.0.10:5000');
  });

  it('puts an OOM kill in the system log of a console host on the console', () => {
    const placed = place({
      placement: 'environment',
      module: 'system',
      component: 'messages',
      text: 'Sep 18 10:15:02 console kernel: Out of memory: Killed process 2345 (beam.smp) total-vm:4194304kB',
      hostSide: 'console',
    });
    expect(placed?.side).toBe('console');
    expect(placed?.advice.en).toContain('console host');
  });

  it('puts a disk error that the console relays from the agent on the source host', () => {
    const placed = place({
      placement: 'environment',
      module: 'porter',
      component: 'porter-migration',
      text: 'ERROR porter.migration [req-1] agent 10.1.1.31 returned error: write /data/sync.img: no space left on device',
    });
    expect(placed?.side).toBe('source');
    expect(placed?.reason.en).toContain('relays it from the agent on the source host');
  });

  it('puts a Go panic of a Cloudpods service on the platform, and an agent crash on the product', () => {
    expect(
      place({ placement: 'software', module: 'cloudpods', component: 'region', text: 'panic: runtime error' })?.side,
    ).toBe('platform');
    const agent = place({
      placement: 'software',
      module: 'egisplus-agent',
      component: 'linux_agent',
      text: 'panic: x',
    });
    expect(agent?.side).toBe('console');
    expect(topology.categoryOf(agent!.side)).toBe('product');
  });

  it('puts an expired certificate seen by a Cloudpods service on the platform', () => {
    const placed = place({
      placement: 'network',
      module: 'cloudpods',
      component: 'host',
      text: 'x509: certificate has expired or is not yet valid: current time 2025-09-18T10:15:02Z is after 2025-09-01T00:00:00Z',
    });
    expect(placed?.side).toBe('platform');
  });

  it('says nothing when neither the module nor the line tells', () => {
    expect(
      place({ placement: 'network', module: 'porter', component: 'porter-api', text: 'connection refused' }),
    ).toBeNull();
    expect(
      place({ placement: 'environment', module: 'system', component: 'messages', text: 'Out of memory' }),
    ).toBeNull();
  });

  it('refuses a topology whose peer example does not match its pattern, naming the peer', () => {
    const file = JSON.parse(readFileSync(join(resourcesDir(), 'topology.json'), 'utf8')) as {
      peers: { id: string; examples: string[] }[];
    };
    file.peers[0].examples = ['nothing to see'];
    const result = Topology.compile(file);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(`peer ${file.peers[0].id}: its example "nothing to see"`);
  });
});
