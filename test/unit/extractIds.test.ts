import { describe, expect, it } from 'vitest';
import { extractIds, idKeys, normalizeIdQuery, type FoundId } from '../../src/shared/ids/extractIds.ts';

const U1 = '38101a0b-2096-447d-96ea-a692162415ae';
const U2 = 'b9000564-fe1a-409b-b8cc-1e88b294cd1d';
const U3 = '7c2c79ba-d7c4-4c4d-9e51-684bab00e6a9';
const USER = '113d3a99c3da401fbd62cc2caa5b96d2';
const PROJ = '54fadb412c4e40cdbaed9335e4c35a9e';

/** `kind:value:role` triples, the compact form most assertions use. */
const brief = (text: string): string[] => extractIds(text).map((f) => `${f.kind}:${f.value}:${f.role ?? '-'}`);
const values = (text: string): string[] => extractIds(text).map((f) => f.value);
const one = (text: string, value: string): FoundId | undefined => extractIds(text).find((f) => f.value === value);

describe('extractIds: OpenStack request ids', () => {
  it('reads the oslo context block: local id, then user and project ids', () => {
    const text = `2017-05-16 00:00:00.008 25746 INFO nova.osapi_compute.wsgi.server [req-${U1} ${USER} ${PROJ} - - -] 10.11.10.1 "GET /v2/${PROJ}/servers/detail HTTP/1.1" status: 200`;
    expect(brief(text)).toEqual([
      `request:req-${U1}:-`,
      `resource:${USER}:user`,
      `resource:${PROJ}:project`,
      'ip:10.11.10.1:-',
    ]);
    for (const f of extractIds(text)) expect(text.slice(f.start, f.end)).toBe(f.value);
  });

  it('takes the first of two ids in the block as the global request id', () => {
    const g = 'fdaff415-48b9-44a7-b4c3-015214e80b90';
    const text = `ERROR nova.context [req-${g} req-${U1} ${USER} ${PROJ} - default default] Error`;
    expect(brief(text)).toEqual([
      `request:req-${g}:global-request`,
      `request:req-${U1}:-`,
      `resource:${USER}:user`,
      `resource:${PROJ}:project`,
    ]);
    const local = one(text, `req-${U1}`);
    expect(text.slice(local?.start, local?.end)).toBe(`req-${U1}`);
  });

  it('reads `[None req-… admin admin]` (journald/devstack: names, not ids) and `[req-… - - - - -]`', () => {
    expect(brief(`WARNING nova.objects.service [None req-${U1} admin admin] Failed`)).toEqual([`request:req-${U1}:-`]);
    expect(brief(`INFO nova.compute.manager [req-${U1} - - - - -] [instance: ${U2}] VM Started`)).toEqual([
      `request:req-${U1}:-`,
      `resource:${U2}:instance`,
    ]);
  });

  it('finds request ids in message text, headers and keys', () => {
    const peer = '39b315da-e1eb-4ab5-a45b-3f2dbdaba787';
    expect(
      brief(
        `[None req-${U1} admin admin] POST call to network for http://10.0.2.15:9696/v2.0/ports used request id req-${peer} {{(pid=1)`,
      ),
    ).toEqual([`request:req-${U1}:-`, 'ip:10.0.2.15:-', `request:req-${peer}:-`]);
    expect(brief(`RESP: [200] x-openstack-request-id: req-${U1} Content-Type: application/json`)).toEqual([
      `request:req-${U1}:-`,
    ]);
    expect(brief(`X-Openstack-Request-Id: REQ-${U1.toUpperCase()}`)).toEqual([`request:req-${U1}:-`]);
    expect(brief(`global_request_id=req-${U1} request_id=req-${U2}`)).toEqual([
      `request:req-${U1}:global-request`,
      `request:req-${U2}:-`,
    ]);
    expect(brief(`[req-${U2} greq-${U1} admin]`)).toEqual([`request:req-${U2}:-`, `request:req-${U1}:global-request`]);
  });

  it('does not report the uuid of a req- id again as a resource', () => {
    expect(brief(`req-${U1} then ${U1}`)).toEqual([`request:req-${U1}:-`, `resource:${U1}:-`]);
    expect(brief(`req-${U1}`)).toEqual([`request:req-${U1}:-`]);
  });

  it('ignores req- without a full uuid', () => {
    expect(values('req-1234 req-38101a0b-2096-447d-96ea req- request')).toEqual([]);
    expect(values(`xreq-${U1}`)).toEqual([U1]); // glued to a word: not a req id, still a uuid
  });
});

describe('extractIds: X-Request-ID and trace ids', () => {
  it('reads request-id headers and keys', () => {
    expect(brief('X-Request-ID: 7f3e2a1b-req')).toEqual(['request:7f3e2a1b-req:x-request-id']);
    expect(brief('X-Request-Id: AbCd1234, host ok')).toEqual(['request:abcd1234:x-request-id']);
    expect(brief('done request_id=a1b2c3d4e5 in 3ms')).toEqual(['request:a1b2c3d4e5:x-request-id']);
    expect(brief('request-id: 9f8e7d6c.')).toEqual(['request:9f8e7d6c:x-request-id']);
    expect(brief('{"requestId":"q-77aa88","level":"info"}')).toEqual(['request:q-77aa88:x-request-id']);
    const f = extractIds('{"requestId":"q-77aa88"}')[0];
    expect('{"requestId":"q-77aa88"}'.slice(f.start, f.end)).toBe('q-77aa88');
  });

  it('reads trace ids', () => {
    const t = '4bf92f3577b34da6a3ce929d0e0e4736';
    expect(brief(`msg trace_id=${t} span_id=00f067aa0ba902b7`)).toEqual([`request:${t}:trace`]);
    expect(brief(`{"traceId": "${t.toUpperCase()}"}`)).toEqual([`request:${t}:trace`]);
    expect(brief(`{"trace_id":"${t}"}`)).toEqual([`request:${t}:trace`]);
    expect(brief(`traceparent: 00-${t}-00f067aa0ba902b7-01`)).toEqual([`request:${t}:trace`]);
  });

  it('skips placeholder values', () => {
    expect(values('request_id=None trace_id=null request_id=- X-Request-Id: ab')).toEqual([]);
  });
});

describe('extractIds: Cloudpods access-line rids', () => {
  it('reads the rid after the status, with or without the host id', () => {
    const line =
      '[info 220331 03:30:29 appsrv.(*Application).ServeHTTP(appsrv.go:246)] 9d0MzJpH6aqIdfUKdfMyUK4gNV4= 200 c3ee55 GET /groupguests?admin=true (10.105.87.255:8240:vpcagent) 1.77ms';
    expect(brief(line)).toEqual(['request:c3ee55:cloudpods-rid', 'ip:10.105.87.255:-']);
    const f = extractIds(line)[0];
    expect(line.slice(f.start, f.end)).toBe('c3ee55');
    expect(
      brief(
        '[info 190301 10:00:00 appsrv.(*Application).ServeHTTP(appsrv.go:200)] 404 c3ee55-a1b2c3 DELETE /servers/x (10.0.0.2:1) 2.00ms',
      ),
    ).toEqual(['request:c3ee55-a1b2c3:cloudpods-rid', 'ip:10.0.0.2:-']);
  });

  it('reads a wrapped access line (the method ends its line)', () => {
    expect(
      values('ServeHTTP(appsrv.go:237)]\nhlgxXm4i2qF10tkBXu3rAVrCC-w= 200 b5e0b2 GET\n/networks?admin=true'),
    ).toEqual(['b5e0b2']);
  });

  it('does not take 6-hex words outside that position', () => {
    expect(values('commit c3ee55 fixed; color #deadbe; took 200 ms; code 200 abcdef; sha 3985fa')).toEqual([]);
    expect(values('200 c3ee55 get /x')).toEqual([]); // lowercase method
    expect(values('200 C3EE55 GET /x')).toEqual([]); // rids are lowercase
    expect(values('200 c3ee55 FETCH /x')).toEqual([]);
    expect(values('x200 c3ee55 GET /x')).toEqual([]);
    expect(values('200 c3ee5 GET /x')).toEqual([]);
  });
});

describe('extractIds: uuids and their roles', () => {
  const cases: [string, string | null][] = [
    [`volume_id=${U2}`, 'volume'],
    [`volume ${U2} could not be found`, 'volume'],
    [`Vol: ${U2}`, 'volume'],
    [`"volume_id": "${U2}"`, 'volume'],
    [`[instance: ${U2}] Terminating instance`, 'instance'],
    [`instance_id=${U2}`, 'instance'],
    [`DELETE /v2/${PROJ}/servers/${U2} HTTP/1.1`, 'server'],
    [`server ${U2}`, 'server'],
    [`(execution_id=${U2},task_ex_id=${U3})`, 'execution'],
    [`Workflow execution ${U2} failed`, 'execution'],
    [`(wf_ex_id=${U2}, task_ex_id=${U3})`, 'execution'],
    [`task_id=${U2}`, 'task'],
    [`'run_action'[action_ex_id=${U2}, action_cls_str=x]`, 'action'],
    [`GET /v2/images/${U2}`, 'image'],
    [`snapshot ${U2}`, 'snapshot'],
    [`POST /v2.0/ports/${U2}`, 'port'],
    [`network_id: ${U2}`, 'network'],
    [`Router ${U2} transitioned to backup`, 'router'],
    [`volumeId=${U2}`, 'volume'],
    [`cell ${U2}: DBConnectionError`, 'cell'],
    [`PUT /storages/${U2} (10.0.0.1:1)`, 'storage'],
    [`uuid ${U2}`, null],
    [`instance <name=i1, id=${U2}>`, null],
    [`Terminating instance. ${U2}`, null],
    [`found ${U2}`, null],
  ];
  for (const [text, role] of cases) {
    it(`${text} → ${role}`, () => {
      expect(one(text, U2)).toMatchObject({ kind: 'resource', role });
    });
  }

  it('gives the second uuid its own key, and list items the list role', () => {
    expect(one(`(execution_id=${U2},task_ex_id=${U3})`, U3)?.role).toBe('task');
    expect(brief(`volume_ids=['${U2}', '${U3}'] then ${U1}`)).toEqual([
      `resource:${U2}:volume`,
      `resource:${U3}:volume`,
      `resource:${U1}:-`,
    ]);
  });

  it('lowercases uuids and keeps offsets', () => {
    const text = `image ${U2.toUpperCase()} ok`;
    const f = extractIds(text)[0];
    expect(f).toMatchObject({ value: U2, role: 'image', start: 6, end: 42 });
  });

  it('keeps the first of duplicates, in order of appearance', () => {
    expect(brief(`instance ${U2} on 10.0.0.1 then volume ${U2} and 10.0.0.1:22`)).toEqual([
      `resource:${U2}:instance`,
      'ip:10.0.0.1:-',
    ]);
  });

  it('does not take uuid-like strings glued to more hex or words', () => {
    expect(values(`${U2}ab x${U2} ${U2.slice(0, 35)}`)).toEqual([]);
  });
});

describe('extractIds: 32-hex ids', () => {
  it('takes them only as user/project ids', () => {
    expect(brief(`project_id=${PROJ} user_id: ${USER}`)).toEqual([`resource:${PROJ}:project`, `resource:${USER}:user`]);
    expect(brief(`GET /v2.1/${PROJ}/flavors`)).toEqual([`resource:${PROJ}:project`]);
    expect(brief(`tenant ${PROJ}`)).toEqual([`resource:${PROJ}:project`]);
  });
  it('skips tokens, hashes and bare hex', () => {
    expect(values(`Could not find token: ${USER}; md5 ${PROJ}; ${USER}`)).toEqual([]);
  });
});

describe('extractIds: IPv4', () => {
  it('drops the port and accepts octets up to 255', () => {
    expect(brief('from 10.105.87.255:8240:vpcagent to 0.0.0.0 and 192.168.1.1.')).toEqual([
      'ip:10.105.87.255:-',
      'ip:0.0.0.0:-',
      'ip:192.168.1.1:-',
    ]);
    expect(one("server on u'192.0.0.1' ([Errno 101]", '192.0.0.1')?.kind).toBe('ip');
  });
  it('rejects versions, OIDs, big octets and glued numbers', () => {
    expect(
      values(
        'version 1.2.3.4.5, oid 1.3.6.1.4.1.2021.10.1.3.1, 256.1.1.1, 1.2.3.999, v1.2.3.4, 01.2.3.4, 1.2.3, 10.xx.xx.xx',
      ),
    ).toEqual([]);
  });
});

describe('extractIds: host names', () => {
  const cases: [string, string][] = [
    ['host=compute-2 state=up', 'compute-2'],
    ['Host: api.example.com', 'api.example.com'],
    ['hostname=CTRL-0.internalapi.localdomain', 'ctrl-0.internalapi.localdomain'],
    ['node=worker-1', 'worker-1'],
    ['{"host": "compute-0"}', 'compute-0'],
    ["{'host': 'ctl'}", 'ctl'],
    ['fail to find wire for host esix65 10.127.10.178: sql', 'esix65'],
    [
      "Successfully synced instances from host 'cp-1.slowvm1.tcloud-pg0.utah.cloudlab.us'.",
      'cp-1.slowvm1.tcloud-pg0.utah.cloudlab.us',
    ],
    ['migrating on host node01.', 'node01'],
  ];
  for (const [text, host] of cases) {
    it(`${text} → ${host}`, () => {
      expect(extractIds(text).find((f) => f.kind === 'host')?.value).toBe(host);
    });
  }
  it('turns an IP after host= into an ip', () => {
    expect(brief('host=10.0.0.5:8774')).toEqual(['ip:10.0.0.5:-']);
  });
  it('does not take module paths, plain words or placeholders', () => {
    const texts = [
      'INFO nova.compute.manager [-] on host nova.compute.manager',
      'host=nova.compute.manager node=mistral.engine.default_engine',
      'the host is down; host did not answer; hosts found',
      'host=None node=localhost hostname: -',
      'localhost:8080 ghost=abc1 hostess=x1',
      'host=worker_1 host=fn(x1)',
      'App hostId: hmh5du69nN1pJwYbT1Ycj_0eo9g=',
    ];
    for (const t of texts)
      expect(
        extractIds(t).filter((f) => f.kind === 'host'),
        t,
      ).toEqual([]);
  });
});

describe('extractIds: whole events', () => {
  it('scans continuation lines and returns nothing for id-free text', () => {
    const ev = `Traceback (most recent call last):\n  File "x.py", line 3, in f\nVolumeNotFound: volume ${U2} could not be found\n  request_id=req-${U1}`;
    expect(brief(ev)).toEqual([`resource:${U2}:volume`, `request:req-${U1}:-`]);
    expect(extractIds('')).toEqual([]);
    expect(extractIds('plain words only, nothing to see')).toEqual([]);
    expect(extractIds('[')).toEqual([]);
  });
  it('handles texts ending mid-pattern', () => {
    for (const t of [
      '[req-',
      '[None req-38101a0b',
      'host=',
      'host ',
      '200 c3ee55',
      '10.0.0',
      `${U1.slice(0, 30)}`,
      `${USER.slice(0, 31)}`,
    ]) {
      expect(() => extractIds(t)).not.toThrow();
    }
    expect(values('10.0.0.1')).toEqual(['10.0.0.1']);
    expect(values(`[req-${U1}]`)).toEqual([`req-${U1}`]);
  });
});

describe('idKeys', () => {
  const id = (value: string, kind: FoundId['kind'], role: string | null): FoundId => ({
    kind,
    value,
    role,
    start: 0,
    end: value.length,
  });
  it('adds the bare uuid of a req id and the ancestors of a Cloudpods rid', () => {
    expect(idKeys(id(`req-${U1}`, 'request', null))).toEqual([`req-${U1}`, U1]);
    expect(idKeys(id(`req-${U1}`, 'request', 'global-request'))).toEqual([`req-${U1}`, U1]);
    expect(idKeys(id('c3ee55', 'request', 'cloudpods-rid'))).toEqual(['c3ee55']);
    expect(idKeys(id('c3ee55-a1b2c3-0d0e0f', 'request', 'cloudpods-rid'))).toEqual([
      'c3ee55-a1b2c3-0d0e0f',
      'c3ee55',
      'c3ee55-a1b2c3',
    ]);
    expect(idKeys(id('q-77aa88', 'request', 'x-request-id'))).toEqual(['q-77aa88']);
    expect(idKeys(id(U2, 'resource', 'volume'))).toEqual([U2]);
    expect(idKeys(id('10.0.0.1', 'ip', null))).toEqual(['10.0.0.1']);
  });
  it('lets a trace of an upstream rid find its downstream requests', () => {
    const [down] = extractIds('200 c3ee55-a1b2c3 GET /x');
    expect(idKeys(down)).toContain(normalizeIdQuery('c3ee55')?.key);
  });
});

describe('normalizeIdQuery', () => {
  const cases: [string, { key: string; kind: string } | null][] = [
    [`req-${U1.toUpperCase()}`, { key: `req-${U1}`, kind: 'request' }],
    [` "req-${U1}", `, { key: `req-${U1}`, kind: 'request' }],
    [`greq-${U1}`, { key: `req-${U1}`, kind: 'request' }],
    [U2, { key: U2, kind: 'resource' }],
    [`[${U2}]`, { key: U2, kind: 'resource' }],
    ['c3ee55', { key: 'c3ee55', kind: 'request' }],
    ['c3ee55-a1b2c3', { key: 'c3ee55-a1b2c3', kind: 'request' }],
    ['10.0.0.1', { key: '10.0.0.1', kind: 'ip' }],
    ['10.0.0.1:8774', { key: '10.0.0.1', kind: 'ip' }],
    [PROJ.toUpperCase(), { key: PROJ, kind: 'resource' }],
    ['00f067aa0ba902b7', { key: '00f067aa0ba902b7', kind: 'request' }],
    [
      '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      { key: '4bf92f3577b34da6a3ce929d0e0e4736', kind: 'request' },
    ],
    ['Compute-2', { key: 'compute-2', kind: 'host' }],
    ['cp-1.slowvm1.tcloud-pg0.utah.cloudlab.us', { key: 'cp-1.slowvm1.tcloud-pg0.utah.cloudlab.us', kind: 'host' }],
    ['', null],
    ['   ', null],
    ['two words', null],
    ['error', null],
    ['nova.compute.manager', null],
    ['1.2.3.4.5', null],
    ['300.1.1.1', null],
    ['req-1234', null],
    ['a=b', null],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      expect(normalizeIdQuery(input)).toEqual(expected);
    });
  }
  it('gives the key that idKeys stores for what extractIds found', () => {
    const text = `[req-${U1} ${USER} ${PROJ} - - -] volume ${U2.toUpperCase()} host=Compute-2 10.0.0.9:80 200 c3ee55 GET /`;
    for (const f of extractIds(text))
      expect(idKeys(f), f.value).toContain(normalizeIdQuery(text.slice(f.start, f.end))?.key);
  });
});

describe('extractIds throughput', () => {
  it('prints events per second on a synthetic mix (printed, not asserted)', () => {
    const lines = [
      `2017-05-16 00:00:00.008 25746 INFO nova.osapi_compute.wsgi.server [req-${U1} ${USER} ${PROJ} - - -] 10.11.10.1 "GET /v2/${PROJ}/servers/detail HTTP/1.1" status: 200 len: 1893 time: 0.2477829`,
      `2017-05-16 00:00:04.500 2931 INFO nova.compute.manager [req-${U1} - - - - -] [instance: ${U2}] VM Started (Lifecycle Event)`,
      '[info 220331 03:30:29 appsrv.(*Application).ServeHTTP(appsrv.go:246)] 9d0MzJpH6aqIdfUKdfMyUK4gNV4= 200 c3ee55 GET /groupguests?admin=true (10.105.87.255:8240:vpcagent) 1.77ms',
      '2019-03-01 13:54:41.091 26749 DEBUG oslo_concurrency.lockutils [-] Acquired semaphore "singleton_lock" lock /usr/lib/python2.7/site-packages/oslo_concurrency/lockutils.py:212',
      'Jun 19 09:16:34 devstack-master kernel: [12345.678901] eth0: link up, 1000 Mbps, full duplex, flow control disabled',
    ];
    const rounds = 40_000;
    let found = 0;
    let chars = 0;
    const t0 = performance.now();
    for (let r = 0; r < rounds; r++) {
      for (const l of lines) {
        found += extractIds(l).length;
        chars += l.length;
      }
    }
    const ms = performance.now() - t0;
    const events = rounds * lines.length;
    console.log(
      `extractIds: ${events} events in ${ms.toFixed(0)} ms = ${((events / ms) * 1000).toFixed(0)} events/s, ${(chars / ms / 1000).toFixed(1)} MB/s (${found} ids)`,
    );
    expect(found).toBeGreaterThan(0);
  });
});
