// The Events "Message" and Trace "Text" columns show an event's message without the prefix the
// other columns already show (time, level, pid/thread, logger, request context). Input: real
// sample lines of resources/formats (each found there by its `source`); expected: the body.
import { describe, expect, it } from 'vitest';
import { messageBody } from '../../src/shared/formats/messageBody.ts';
import { compileFormat } from '../../src/shared/formats/compileFormat.ts';
import { loadFormats } from '../../src/main/engine/platform/resources.ts';

const formats = new Map(loadFormats().map((f) => [f.id, f]));

/** The sample of format `id` whose source starts with `source` (it must be there). */
function sample(id: string, source: string): string {
  const found = formats.get(id)?.spec.samples.find((s) => s.source.startsWith(source));
  if (!found) throw new Error(`no sample of ${id} from "${source}" in resources/formats/${id}.json`);
  return found.line;
}

const CASES: { id: string; source: string; body: string }[] = [
  {
    id: 'oslo',
    source: 'realdata/openstack/insights-core_mistral_log_samples.log',
    body: "Received RPC request 'run_action'[action_ex_id=7c2c79ba-d7c4-4c4d-9e51-684bab00e6a9, action_cls_str=mistral.actions.std_actions.NoOpAction, action_cls_attrs={}, params={}, timeout=None]",
  },
  {
    id: 'klog',
    source: 'realdata/k8s/openshift_cco_pr914_kube-rbac-proxy_klog_excerpt.log line 10',
    body: 'Starting TCP socket on 0.0.0.0:8443',
  },
  {
    id: 'cloudpods',
    source: 'realdata/cloudpods/region_log_with_goroutine_profile_debug1.log line 3',
    body: '9d0MzJpH6aqIdfUKdfMyUK4gNV4= 200 3985fa PUT /storages/1b5895d9-3517-4e45-84f0-59db7660d840 (10.40.180.64:44988) 53.49ms',
  },
  { id: 'syslog-rfc3164', source: 'RFC 3164 §5.4 example 1', body: "'su root' failed for lonvick on /dev/pts/8" },
  { id: 'etcd-capnslog', source: 'bitnami/charts issue #5953', body: 'etcd Version: 3.4.15' },
  {
    id: 'libvirt',
    source: 'Mirantis/virtlet issue #629',
    body: 'End of file while reading data: Input/output error',
  },
  {
    id: 'postgres',
    source: 'lnav test/logfile_postgres.2 line 1',
    body: 'invalid input syntax for type json at character 61',
  },
  { id: 'go-stdlog', source: 'realdata/cloudpods/issue24997_default-host_startup.log line 12', body: 'Allow hosts []' },
  // A JSON line: the message key's value, not a substring at an offset.
  { id: 'json-lines', source: 'trentm/node-bunyan README', body: 'hi' },
];

describe('messageBody on real sample lines', () => {
  for (const { id, source, body } of CASES) {
    it(`${id}: ${source}`, () => {
      const line = sample(id, source);
      const got = messageBody(formats.get(id)!, line);
      expect(got).toBe(body);
      // The body is shorter than the line: the time and the rest of the prefix are gone.
      expect(got!.length).toBeLessThan(line.length);
    });
  }

  it('starts after the timestamp, pid and level of an oslo line', () => {
    const line = sample('oslo', 'realdata/openstack/insights-core_mistral_log_samples.log');
    const got = messageBody(formats.get('oslo')!, line)!;
    expect(got.startsWith('2019-03-01')).toBe(false);
    expect(got).not.toContain('26749 INFO');
  });
});

describe('messageBody gives the whole line (null)', () => {
  it('for an unformatted file', () => {
    expect(messageBody(null, 'plain text without any format')).toBeNull();
  });

  it('for a line the format does not read as a head line (a traceback line)', () => {
    expect(messageBody(formats.get('oslo')!, 'Traceback (most recent call last):')).toBeNull();
  });

  it('for generic, which says nothing about where the message is', () => {
    const line = sample('generic', '');
    expect(messageBody(formats.get('generic')!, line)).toBeNull();
  });

  it('for an empty body (klog banner line), so that the cell is never blank', () => {
    const line = sample('klog', 'realdata/k8s/openshift_cco_pr914_kube-rbac-proxy_klog_excerpt.log line 1 (empty');
    expect(messageBody(formats.get('klog')!, line)).toBeNull();
  });

  it('for a record format, whose message is on a later line', () => {
    const format = formats.get('java-util-logging')!;
    expect(format.record).not.toBeNull();
    expect(messageBody(format, format.spec.samples[0].line)).toBeNull();
  });

  it('for a user format without a message group', () => {
    const compiled = compileFormat({
      id: 'mine',
      name: 'mine',
      description: 'no message group',
      pattern: '^(?<ts>\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}) .*$',
      time: { group: 'ts', layout: 'YYYY-MM-DD HH:mm:ss' },
      samples: [],
    } as never);
    expect(compiled.ok).toBe(true);
    if (compiled.ok) expect(messageBody(compiled.format, '2025-09-18 16:24:31 hello')).toBeNull();
  });

  it('strips ANSI colours before reading the line', () => {
    const format = formats.get('klog')!;
    const line = sample('klog', 'realdata/k8s/openshift_cco_pr914_kube-rbac-proxy_klog_excerpt.log line 10');
    expect(messageBody(format, `\x1b[32m${line}\x1b[0m`)).toBe('Starting TCP socket on 0.0.0.0:8443');
  });
});
