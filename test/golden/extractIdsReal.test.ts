// extractIds on the real public logs in ../shared/realdata (read at test time, never copied into
// the project). Request ids per file are checked against loghub's request_id_correlation.json
// (computed independently by parsing every line, FORMATS.md §1.6); Cloudpods access-line rids
// against the lines themselves and FORMATS.md §3.4; Mistral ids against the keys in the text.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractIds, idKeys, type FoundId } from '../../src/shared/ids/extractIds.ts';
import { REALDATA_DIR } from './goldenSupport.ts';
import { describeRealdata } from './realdataSuite.ts';

const realdata = REALDATA_DIR;
const missing = `no real data at ${realdata}: set TARSIER_REALDATA to the shared realdata folder`;
const read = (path: string): string => {
  const full = join(realdata, path);
  if (!existsSync(full)) throw new Error(`${missing} (${path} not found)`);
  return readFileSync(full, 'utf8');
};
const linesOf = (path: string): string[] =>
  read(path)
    .split(/\r?\n/)
    .filter((l) => l !== '');
const UUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

describeRealdata('extractIds on real logs', () => {
  // A missing folder is a failure, not a skip: CI and every developer have ../shared.
  it('the real data is there', () => {
    expect(existsSync(realdata), missing).toBe(true);
  });

  describe('loghub OpenStack_2k: request ids per file match request_id_correlation.json', () => {
    interface Correlation {
      distinct_request_ids: number;
      request_ids_in_more_than_one_file: number;
      request_ids_on_more_than_one_line: number;
      lines_without_request_id: number;
      distinct_uuids_in_message_text: number;
      message_uuids_in_more_than_one_file: number;
      cross_file_request_ids: Record<string, Record<string, number>>;
    }
    const files = ['nova-api', 'nova-compute', 'nova-scheduler'];
    // Every line of this sample is one event (INFO/WARNING only, no tracebacks).
    const collect = () => {
      const expected = JSON.parse(read('loghub/OpenStack/request_id_correlation.json')) as Correlation;
      const lineCounts = new Map<string, Record<string, number>>(); // req id → file → lines
      const uuidFiles = new Map<string, Set<string>>(); // resource uuid → files
      const roles = new Map<string, Set<string | null>>(); // resource uuid → roles seen
      let withoutRequest = 0;
      let lines = 0;
      for (const file of files) {
        for (const line of linesOf(`loghub/OpenStack/split_by_file/${file}.log`)) {
          lines++;
          const ids = extractIds(line);
          const requests = ids.filter((f) => f.kind === 'request');
          if (requests.length === 0) withoutRequest++;
          for (const f of requests) {
            const perFile = lineCounts.get(f.value) ?? {};
            perFile[file] = (perFile[file] ?? 0) + 1;
            lineCounts.set(f.value, perFile);
          }
          for (const f of ids.filter((x) => x.kind === 'resource' && x.value.length === 36)) {
            uuidFiles.set(f.value, (uuidFiles.get(f.value) ?? new Set()).add(file));
            roles.set(f.value, (roles.get(f.value) ?? new Set()).add(f.role));
          }
        }
      }
      return { expected, lineCounts, uuidFiles, roles, withoutRequest, lines };
    };

    it('finds the same request ids, on the same number of lines per file', () => {
      const { expected, lineCounts, withoutRequest, lines } = collect();
      expect(lines).toBe(2000);
      expect(lineCounts.size).toBe(expected.distinct_request_ids);
      expect(withoutRequest).toBe(expected.lines_without_request_id);
      const onManyLines = [...lineCounts.values()].filter(
        (perFile) => Object.values(perFile).reduce((a, b) => a + b, 0) > 1,
      );
      expect(onManyLines.length).toBe(expected.request_ids_on_more_than_one_line);
      const crossFile = Object.fromEntries([...lineCounts].filter(([, perFile]) => Object.keys(perFile).length > 1));
      expect(Object.keys(crossFile).length).toBe(expected.request_ids_in_more_than_one_file);
      expect(crossFile).toEqual(expected.cross_file_request_ids);
      for (const id of lineCounts.keys()) expect(id).toMatch(/^req-[0-9a-f-]{36}$/);
    });

    it('finds the uuids of the message text, and the instance/server roles that join the files', () => {
      const { expected, uuidFiles, roles } = collect();
      expect(uuidFiles.size).toBe(expected.distinct_uuids_in_message_text);
      const crossFile = [...uuidFiles].filter(([, inFiles]) => inFiles.size > 1).map(([uuid]) => uuid);
      expect(crossFile.length).toBe(expected.message_uuids_in_more_than_one_file);
      // nova-api names them in URLs (/servers/<uuid>, /images/<uuid>), nova-compute in
      // `[instance: <uuid>]` and `image <uuid> at …`: every one gets a role on both sides.
      const seen = crossFile.map((uuid) => [...(roles.get(uuid) ?? [])].sort().join('+'));
      const tally: Record<string, number> = {};
      for (const r of seen) tally[r] = (tally[r] ?? 0) + 1;
      expect(tally).toEqual({ 'instance+server': 22, image: 1 });
    });

    it('reads the oslo identity: user and project ids, also in the API URL', () => {
      const line = linesOf('loghub/OpenStack/split_by_file/nova-api.log')[0];
      expect(extractIds(line).map((f) => `${f.kind}:${f.role ?? '-'}:${f.value}`)).toEqual([
        'request:-:req-38101a0b-2096-447d-96ea-a692162415ae',
        'resource:user:113d3a99c3da401fbd62cc2caa5b96d2',
        'resource:project:54fadb412c4e40cdbaed9335e4c35a9e',
        'ip:-:10.11.10.1',
      ]);
    });
  });

  describe('Cloudpods access-line rids', () => {
    const ACCESS = /ServeHTTP\(appsrv\.go:\d+\)\]\s+(?:[A-Za-z0-9_-]{27}=\s+)?\d{3}\s+(\S+)\s+[A-Z]+\s/g;
    const rids = (text: string): string[] =>
      extractIds(text)
        .filter((f) => f.role === 'cloudpods-rid')
        .map((f) => f.value);

    it('finds every access line rid in cloudpods/*.log, and no rid elsewhere', () => {
      const dir = join(realdata, 'cloudpods');
      expect(existsSync(dir), missing).toBe(true);
      const found: Record<string, string[]> = {};
      for (const name of readdirSync(dir)
        .filter((n) => n.endsWith('.log'))
        .sort()) {
        const text = read(`cloudpods/${name}`);
        // Line by line, and as one event (the wrapped doc copy spreads one record over lines).
        const byLine = text.split('\n').flatMap(rids);
        const asEvent = rids(text);
        expect(new Set(byLine), name).toEqual(new Set(asEvent));
        const fromAccessLines = [...text.matchAll(ACCESS)].map((m) => m[1]);
        expect(asEvent, name).toEqual(fromAccessLines);
        if (asEvent.length > 0) found[name] = asEvent;
      }
      expect(found).toEqual({
        'doc_poderror_colored_short_level_WRAPPED.log': ['b5e0b2'],
        'region_log_with_goroutine_profile_debug1.log': ['c3ee55', 'f7dcf7', '3985fa'],
      });
    });

    it('finds the rids of the FORMATS.md §3.2/§3.4 examples', () => {
      const formats = read('FORMATS.md');
      const access = formats.split('\n').filter((l) => l.includes('ServeHTTP(appsrv.go'));
      expect(access.length).toBeGreaterThanOrEqual(2);
      expect(access.flatMap(rids)).toEqual(['c3ee55', '3985fa']);
      // §3.2: a downstream rid carries its upstream rid as a prefix, which idKeys indexes.
      const [down] = extractIds('9d0MzJpH6aqIdfUKdfMyUK4gNV4= 200 c3ee55-a1b2c3 GET /x (10.0.0.1:1) 1.00ms');
      expect(idKeys(down)).toEqual(['c3ee55-a1b2c3', 'c3ee55']);
    });

    it('reads the storage uuid, the remote IP and the host name of real lines', () => {
      const region = read('cloudpods/region_log_with_goroutine_profile_debug1.log').split('\n');
      const put = extractIds(region.find((l) => l.includes(' PUT ')) ?? '');
      expect(put.map((f) => `${f.kind}:${f.role ?? '-'}:${f.value}`)).toEqual([
        'request:cloudpods-rid:3985fa',
        'resource:storage:1b5895d9-3517-4e45-84f0-59db7660d840',
        'ip:-:10.40.180.64',
      ]);
      const sync = extractIds(read('cloudpods/doc_heterresource_colored_short_level.log'));
      expect(sync.map((f) => `${f.kind}:${f.value}`)).toEqual(['host:esix65', 'ip:10.127.10.178']);
    });
  });

  describe('OpenStack samples', () => {
    const keyed: [RegExp, string][] = [
      [/(?:execution_id|wf_ex_id|workflow execution)[=: ]+$/i, 'execution'],
      [/task_ex_id[=: ]+$/i, 'task'],
      [/action_ex_id[=: ]+$/i, 'action'],
    ];

    it('mistral: ids named by the text get that role; request, user and project ids are read', () => {
      const counts: Record<string, number> = { execution: 0, task: 0, action: 0 };
      const all: FoundId[] = [];
      for (const line of linesOf('openstack/insights-core_mistral_log_samples.log')) {
        const ids = extractIds(line);
        all.push(...ids);
        for (const m of line.matchAll(UUID_RE)) {
          const before = line.slice(0, m.index);
          for (const [re, role] of keyed) {
            if (!re.test(before)) continue;
            counts[role]++;
            expect(ids.find((f) => f.value === m[0])?.role, `${m[0]} in ${line}`).toBe(role);
          }
        }
      }
      // The stored sample names executor actions only (no execution_id/wf_ex_id/task_ex_id).
      expect(counts).toEqual({ execution: 0, task: 0, action: 2 });
      expect(all.filter((f) => f.kind === 'request').map((f) => f.value)).toEqual([
        'req-acd6d78c-9f9e-4d6c-9d6c-09717635ac29',
        'req-a1d40531-b3b9-4fdf-802f-0371bf364551',
      ]);
      expect(
        new Set(all.filter((f) => f.kind === 'resource' && f.value.length === 32).map((f) => `${f.role}:${f.value}`)),
      ).toEqual(new Set(['user:89665ff87df144128ada2b8c59ec62f1', 'project:e4d0868a0715411fa1481f8ccfb61414']));
      // Module paths and file paths give no hosts; timestamps and pids give no IPs.
      expect(all.filter((f) => f.kind === 'host' || f.kind === 'ip')).toEqual([]);
    });

    it('every req-<uuid> in openstack/*.log is found as a request id, and no module path is a host', () => {
      const dir = join(realdata, 'openstack');
      expect(existsSync(dir), missing).toBe(true);
      let total = 0;
      for (const name of readdirSync(dir).filter((n) => n.endsWith('.log'))) {
        for (const line of linesOf(`openstack/${name}`)) {
          const ids = extractIds(line);
          const requests = ids.filter((f) => f.kind === 'request').map((f) => f.value);
          const inText = [...new Set([...line.matchAll(/\breq-[0-9a-f-]{36}\b/g)].map((m) => m[0]))];
          expect(requests, line).toEqual(inText);
          total += inText.length;
          for (const f of ids) expect(line.slice(f.start, f.end).toLowerCase(), line).toBe(f.value);
          for (const h of ids.filter((f) => f.kind === 'host'))
            expect(h.value, line).not.toMatch(/^(nova|mistral|neutron|oslo|cinder|heat)\./);
          for (const m of line.matchAll(/token: ([0-9a-f]{32})/g))
            expect(
              ids.map((f) => f.value),
              line,
            ).not.toContain(m[1]);
        }
      }
      expect(total).toBeGreaterThanOrEqual(10);
    });

    it('keystoneauth: the caller context id and the peer id in the message are both found', () => {
      const ids = extractIds(read('openstack/nova_faults_keystoneauth_request_id_mapping.log'));
      expect(ids.filter((f) => f.kind === 'request').map((f) => f.value)).toEqual([
        'req-034279a7-f2dd-40ff-9c93-75768fda494d',
        'req-39b315da-e1eb-4ab5-a45b-3f2dbdaba787',
      ]);
    });

    it('journald traceback event: the request id, the cell uuid with its role, the DB address', () => {
      const text = read('openstack/nova_down-cell_devstack_journald_traceback.log');
      const event = text.split('\n').slice(0, 29).join('\n');
      expect(extractIds(event).map((f) => `${f.kind}:${f.role ?? '-'}:${f.value}`)).toEqual([
        'request:-:req-fdaff415-48b9-44a7-b4c3-015214e80b90',
        'resource:cell:4f495a21-294a-4051-9a3d-8b34a250bbb4',
        'ip:-:192.0.0.1',
      ]);
    });
  });
});
