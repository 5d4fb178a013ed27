/**
 * A bench bundle shaped like real OpenStack-style logs, of any size: oslo.log lines where most
 * lines carry a fresh `req-<uuid>`, 32-hex user/project ids, instance and volume uuids, IPs and
 * numbers — the id density of real logs (../shared/realdata/loghub/OpenStack has 983 distinct
 * uuids in 2,000 lines), which is what makes an index's vocabulary grow. The test fixture
 * generator (test/fixtures/generateBundle.ts) writes few distinct ids and flatters any index;
 * this one is for `npm run bench` only.
 *
 * Shape (checked against the real samples by {@link shapeStats}, printed by the bench):
 * - 63 files in `var/log/<service>/` and the product's `opt/installer/production/logs/`, sizes
 *   spread unevenly; 12 of them rotated `.1.gz` members (gzip inside the tar);
 * - requests of 1–6 lines, a third continuing in a second service (api → compute/engine);
 * - levels mostly INFO with DEBUG, WARNING and ERROR; ~0.4% of events carry a Python
 *   traceback (continuation lines), as the insights-core samples do;
 * - a handful of planted faults worded as real OpenStack logs word them, so the rules find
 *   something and the bench can time "first finding".
 *
 * Deterministic: same seed and size ⇒ same bytes.
 */
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { createGzip, gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { Rng } from '../fixtures/random.ts';

/** What the bench needs to know about a generated bundle. */
export interface RealShapedManifest {
  schema: 'tarsier.bench-bundle/1';
  seed: number;
  bytes: number;
  lines: number;
  files: number;
  /** A request id that crosses two services, and how many events carry it. */
  traceId: string;
  traceEvents: number;
  /** Substrings the bench queries for (common word, common phrase, regex literal). */
  commonPhrase: string;
}

interface Service {
  path: string;
  logger: string[];
  weight: number;
  kind: 'api' | 'compute' | 'agent' | 'engine';
  gz: boolean;
}

const HEX = '0123456789abcdef';

class Ids {
  constructor(private readonly rng: Rng) {}
  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += HEX[(this.rng.next() * 16) | 0];
    return s;
  }
  uuid(): string {
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${'89ab'[(this.rng.next() * 4) | 0]}${this.hex(3)}-${this.hex(12)}`;
  }
}

const SERVICES: Omit<Service, 'gz'>[] = [
  {
    path: 'var/log/nova/nova-api.log',
    logger: ['nova.osapi_compute.wsgi.server', 'nova.api.openstack.compute.servers'],
    weight: 9,
    kind: 'api',
  },
  {
    path: 'var/log/nova/nova-compute.log',
    logger: [
      'nova.compute.manager',
      'nova.compute.resource_tracker',
      'nova.virt.libvirt.driver',
      'nova.virt.libvirt.imagecache',
    ],
    weight: 8,
    kind: 'compute',
  },
  {
    path: 'var/log/nova/nova-scheduler.log',
    logger: ['nova.scheduler.host_manager', 'nova.scheduler.filter_scheduler'],
    weight: 2,
    kind: 'engine',
  },
  {
    path: 'var/log/nova/nova-conductor.log',
    logger: ['nova.conductor.manager', 'nova.scheduler.client.report'],
    weight: 3,
    kind: 'engine',
  },
  { path: 'var/log/nova/nova-novncproxy.log', logger: ['nova.console.websocketproxy'], weight: 1, kind: 'agent' },
  {
    path: 'var/log/cinder/cinder-api.log',
    logger: ['cinder.api.openstack.wsgi', 'cinder.api.v3.volumes'],
    weight: 5,
    kind: 'api',
  },
  {
    path: 'var/log/cinder/cinder-volume.log',
    logger: ['cinder.volume.manager', 'cinder.volume.drivers.rbd', 'cinder.volume.flows.manager.create_volume'],
    weight: 5,
    kind: 'compute',
  },
  { path: 'var/log/cinder/cinder-scheduler.log', logger: ['cinder.scheduler.host_manager'], weight: 2, kind: 'engine' },
  {
    path: 'var/log/neutron/server.log',
    logger: ['neutron.wsgi', 'neutron.plugins.ml2.managers', 'neutron.db.agents_db'],
    weight: 6,
    kind: 'api',
  },
  {
    path: 'var/log/neutron/openvswitch-agent.log',
    logger: [
      'neutron.plugins.ml2.drivers.openvswitch.agent.ovs_neutron_agent',
      'neutron.agent.linux.openvswitch_firewall.firewall',
    ],
    weight: 5,
    kind: 'agent',
  },
  {
    path: 'var/log/neutron/l3-agent.log',
    logger: ['neutron.agent.l3.agent', 'neutron.agent.linux.keepalived'],
    weight: 3,
    kind: 'agent',
  },
  {
    path: 'var/log/neutron/dhcp-agent.log',
    logger: ['neutron.agent.dhcp.agent', 'neutron.agent.linux.dhcp'],
    weight: 3,
    kind: 'agent',
  },
  {
    path: 'var/log/neutron/metadata-agent.log',
    logger: ['neutron.agent.metadata.agent', 'eventlet.wsgi.server'],
    weight: 2,
    kind: 'agent',
  },
  { path: 'var/log/glance/api.log', logger: ['eventlet.wsgi.server', 'glance.api.v2.images'], weight: 3, kind: 'api' },
  {
    path: 'var/log/keystone/keystone.log',
    logger: ['keystone.common.wsgi', 'keystone.token.provider'],
    weight: 5,
    kind: 'api',
  },
  {
    path: 'var/log/heat/heat-engine.log',
    logger: ['heat.engine.resource', 'heat.engine.stack', 'heat.engine.scheduler'],
    weight: 3,
    kind: 'engine',
  },
  { path: 'var/log/heat/heat-api.log', logger: ['heat.common.wsgi', 'eventlet.wsgi.server'], weight: 2, kind: 'api' },
  {
    path: 'var/log/mistral/executor.log',
    logger: ['mistral.executors.default_executor', 'mistral.actions.openstack.base'],
    weight: 3,
    kind: 'engine',
  },
  {
    path: 'var/log/mistral/engine.log',
    logger: ['mistral.engine.engine_server', 'mistral.engine.workflows'],
    weight: 2,
    kind: 'engine',
  },
  {
    path: 'opt/installer/production/logs/porter/porter-api.log',
    logger: ['porter.api.wsgi', 'porter.api.v1.hosts'],
    weight: 4,
    kind: 'api',
  },
  {
    path: 'opt/installer/production/logs/porter/porter-migration.log',
    logger: ['porter.migration.manager', 'porter.migration.tasks'],
    weight: 4,
    kind: 'engine',
  },
  {
    path: 'opt/installer/production/logs/unicloud/unicloud-api.log',
    logger: ['unicloud.api.wsgi'],
    weight: 3,
    kind: 'api',
  },
  {
    path: 'opt/installer/production/logs/unicloud/unicloud-engine.log',
    logger: ['unicloud.engine.manager', 'unicloud.engine.drivers.openstack'],
    weight: 4,
    kind: 'compute',
  },
  {
    path: 'opt/installer/production/logs/storplus/storplus-engine.log',
    logger: ['storplus.engine.manager', 'storplus.engine.drivers.cinder'],
    weight: 3,
    kind: 'compute',
  },
  {
    path: 'opt/installer/production/logs/atomy/atomy-unicloud.log',
    logger: ['atomy.unicloud.client', 'atomy.unicloud.tasks'],
    weight: 2,
    kind: 'engine',
  },
  {
    path: 'opt/installer/production/logs/proxy/proxy-engine.log',
    logger: ['proxy.engine.transfer', 'proxy.engine.session'],
    weight: 3,
    kind: 'agent',
  },
];

const STATES = ['building', 'active', 'stopped', 'paused', 'rescued', 'shelved', 'deleted', 'error', 'resized'];
const TASKS = ['spawning', 'powering-on', 'powering-off', 'deleting', 'rebooting', 'resize_prep', 'image_uploading'];
const METHODS = ['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE'];
const STATUS = [200, 200, 200, 200, 202, 204, 200, 201];

/** One log record's message, by service kind; ids from the request or fresh. */
function message(
  kind: Service['kind'],
  rng: Rng,
  ids: Ids,
  ctx: { project: string; instance: string; volume: string; ip: string },
): string {
  const r = rng.next();
  switch (kind) {
    case 'api': {
      if (r < 0.55) {
        const m = METHODS[(rng.next() * METHODS.length) | 0];
        const path =
          r < 0.2
            ? `/v2.1/${ctx.project}/servers/detail`
            : r < 0.35
              ? `/v2.1/${ctx.project}/servers/${ctx.instance}`
              : r < 0.45
                ? `/v3/${ctx.project}/volumes/${ctx.volume}`
                : `/v2.0/ports?device_id=${ctx.instance}`;
        return `${ctx.ip} "${m} ${path} HTTP/1.1" status: ${STATUS[(rng.next() * STATUS.length) | 0]} len: ${rng.int(200, 9000)} time: ${rng.float(0.001, 2.5).toFixed(7)}`;
      }
      if (r < 0.7)
        return `Polling flavor status for ${ctx.instance}, current state ${STATES[(rng.next() * STATES.length) | 0]} (attempt ${rng.int(1, 30)} of 60)`;
      if (r < 0.82)
        return `Instance ${ctx.instance} state changed from ${STATES[(rng.next() * STATES.length) | 0]} to ${STATES[(rng.next() * STATES.length) | 0]} by user request`;
      if (r < 0.92)
        return `Returning ${rng.int(0, 400)} results for project ${ctx.project} with marker ${ids.uuid()} and limit ${rng.int(10, 1000)}`;
      return `Validated token for user ${ids.hex(32)} in domain default, expires at 2025-09-${rng.int(10, 28)}T${rng.int(10, 23)}:${rng.int(10, 59)}:${rng.int(10, 59)}.000000Z`;
    }
    case 'compute': {
      if (r < 0.18)
        return `[instance: ${ctx.instance}] Instance state changed from ${STATES[(rng.next() * STATES.length) | 0]} to ${STATES[(rng.next() * STATES.length) | 0]} (task_state ${TASKS[(rng.next() * TASKS.length) | 0]})`;
      if (r < 0.3)
        return `[instance: ${ctx.instance}] Attempting claim on node compute-${rng.int(1, 64)}.localdomain: memory ${rng.int(1, 64) * 512} MB, disk ${rng.int(1, 40) * 10} GB, vcpus ${rng.int(1, 16)} CPU`;
      if (r < 0.42)
        return `Attaching volume ${ctx.volume} to instance ${ctx.instance} at mountpoint /dev/vd${'bcdefg'[(rng.next() * 6) | 0]}`;
      if (r < 0.55)
        return `Final resource view: name=compute-${rng.int(1, 64)} phys_ram=${rng.int(64, 512) * 1024}MB used_ram=${rng.int(1, 200) * 1024}MB phys_disk=${rng.int(500, 4000)}GB used_disk=${rng.int(10, 400)}GB total_vcpus=${rng.int(16, 128)} used_vcpus=${rng.int(0, 100)} pci_stats=[]`;
      if (r < 0.66)
        return `[instance: ${ctx.instance}] Took ${rng.float(0.5, 90).toFixed(2)} seconds to spawn the instance on the hypervisor.`;
      if (r < 0.78)
        return `Volume ${ctx.volume} (size ${rng.int(1, 500)} GB) created from image ${ids.uuid()} in ${rng.float(0.2, 40).toFixed(3)} s`;
      if (r < 0.9)
        return `[instance: ${ctx.instance}] VM ${['Started', 'Stopped', 'Paused', 'Resumed'][(rng.next() * 4) | 0]} (Lifecycle Event) on ${ctx.ip}`;
      return `image ${ids.uuid()} at (/var/lib/nova/instances/_base/${ids.hex(40)}): checking`;
    }
    case 'agent': {
      if (r < 0.3)
        return `Port ${ids.uuid()} updated. Details: {'device': '${ctx.instance}', 'network_id': '${ctx.volume}', 'admin_state_up': True, 'fixed_ips': [{'ip_address': '${ctx.ip}'}]}`;
      if (r < 0.5)
        return `Agent loop found changes! Processing port ${ids.uuid()} in ${rng.float(0.001, 3).toFixed(4)} s, iteration ${rng.int(1, 90000)}`;
      if (r < 0.7)
        return `Transfer session ${ids.uuid()} from ${ctx.ip}:${rng.int(1024, 65000)} wrote ${rng.int(1, 9_000_000)} blocks (${rng.float(1, 900).toFixed(1)} MB/s)`;
      if (r < 0.85)
        return `Synchronizing state for network ${ctx.volume} with ${rng.int(1, 40)} ports and ${rng.int(1, 8)} subnets`;
      return `${ctx.ip} - - [16/Sep/2025 ${rng.int(10, 23)}:${rng.int(10, 59)}:${rng.int(10, 59)}] "GET /openstack/2013-10-17/meta_data.json HTTP/1.1" 200 ${rng.int(200, 3000)} ${rng.float(0.001, 1).toFixed(6)}`;
    }
    case 'engine': {
      if (r < 0.2)
        return `Task ${ids.uuid()} of execution ${ctx.volume} state changed from RUNNING to ${['SUCCESS', 'SUCCESS', 'SUCCESS', 'WAITING', 'ERROR'][(rng.next() * 5) | 0]}`;
      if (r < 0.4) return `Selected host: compute-${rng.int(1, 64)}.localdomain for instance ${ctx.instance}`;
      if (r < 0.6)
        return `Running periodic task ${['ComputeManager._poll_rebooting_instances', 'VolumeManager._report_driver_status', 'SchedulerManager._expire_reservations', 'EngineService.service_manage_report'][(rng.next() * 4) | 0]} run_periodic_tasks /usr/lib/python3.6/site-packages/oslo_service/periodic_task.py:${rng.int(150, 260)}`;
      if (r < 0.8)
        return `Migration of host ${ctx.instance} progress ${rng.int(0, 100)}%: ${rng.int(1, 900)} GB of ${rng.int(900, 2000)} GB, rate ${rng.float(10, 400).toFixed(1)} MB/s`;
      return `Lock "compute_resources" acquired by "nova.compute.resource_tracker.ResourceTracker._update_available_resource" :: waited ${rng.float(0, 2).toFixed(3)}s inner /usr/lib/python3.6/site-packages/oslo_concurrency/lockutils.py:${rng.int(270, 360)}`;
    }
  }
}

const TRACEBACK = [
  'Traceback (most recent call last):',
  '  File "/usr/lib/python3.6/site-packages/oslo_messaging/rpc/server.py", line 166, in _process_incoming',
  '    res = self.dispatcher.dispatch(message)',
  '  File "/usr/lib/python3.6/site-packages/oslo_messaging/rpc/dispatcher.py", line 265, in dispatch',
  '    return self._do_dispatch(endpoint, method, ctxt, args)',
  '  File "/usr/lib/python3.6/site-packages/oslo_messaging/rpc/dispatcher.py", line 194, in _do_dispatch',
  '    result = func(ctxt, **new_args)',
  '  File "/usr/lib/python3.6/site-packages/nova/exception_wrapper.py", line 79, in wrapped',
  '    function_name, call_dict, binary, tb)',
  '  File "/usr/lib/python3.6/site-packages/oslo_utils/excutils.py", line 220, in __exit__',
  '    self.force_reraise()',
];

/** Faults worded as real OpenStack/oslo logs word them (sources in the comments). */
function plantedFault(
  k: number,
  ids: Ids,
  ctx: { instance: string; volume: string; ip: string },
): { level: string; text: string; tb: string | null } {
  switch (k % 4) {
    case 0: // nova/compute/manager.py attach error path (nova bug 1899649 wording)
      return {
        level: 'ERROR',
        text: `[instance: ${ctx.instance}] Failed to attach volume ${ctx.volume} at /dev/vdb: cinderclient.exceptions.NotFound: Volume ${ctx.volume} could not be found. (HTTP 404) (Request-ID: req-${ids.uuid()})`,
        tb: 'cinderclient.exceptions.NotFound: Volume could not be found. (HTTP 404)',
      };
    case 1: // oslo.messaging impl_rabbit
      return {
        level: 'ERROR',
        text: `[-] AMQP server on ${ctx.ip}:5672 is unreachable: [Errno 111] ECONNREFUSED. Trying again in 2 seconds.: ConnectionRefusedError: [Errno 111] ECONNREFUSED`,
        tb: null,
      };
    case 2: // oslo.db
      return {
        level: 'ERROR',
        text: `DB exceeded retry limit.: oslo_db.exception.DBConnectionError: (pymysql.err.OperationalError) (2003, "Can't connect to MySQL server on '${ctx.ip}' ([Errno 111] Connection refused)")`,
        tb: 'oslo_db.exception.DBConnectionError: (pymysql.err.OperationalError) (2003, "Can\'t connect to MySQL server")',
      };
    default: // cinder quota
      return {
        level: 'ERROR',
        text: `Create volume failed: OverLimit: VolumeLimitExceeded: Maximum number of volumes allowed (50) exceeded for quota 'volumes'. (HTTP 413) (Request-ID: req-${ids.uuid()})`,
        tb: null,
      };
  }
}

function fmtTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}`;
}

interface FileOut {
  path: string;
  chunks: string[];
  bytes: number;
  lines: number;
}

/**
 * Writes a real-shaped `.tar.gz` of about `targetBytes` (uncompressed) to `outPath` and returns
 * its manifest.
 */
export async function generateRealShapedBundle(options: {
  seed: number;
  targetBytes: number;
  outPath: string;
}): Promise<RealShapedManifest> {
  const rng = new Rng(options.seed);
  const ids = new Ids(rng);
  // 26 services, each written as the current file and, for the bigger ones, rotated members,
  // to 63 files: weights decide sizes.
  const services: Service[] = [];
  for (const s of SERVICES) {
    services.push({ ...s, gz: false });
    const rotations = s.weight >= 5 ? 2 : s.weight >= 3 ? 1 : 0;
    for (let r = 1; r <= rotations; r++)
      services.push({
        ...s,
        path: r === 1 && s.weight >= 4 ? `${s.path}.${r}.gz` : `${s.path}.${r}`,
        gz: r === 1 && s.weight >= 4,
        weight: s.weight * 0.8,
      });
  }
  while (services.length < 63)
    services.push({
      ...SERVICES[services.length % SERVICES.length],
      path: `${SERVICES[services.length % SERVICES.length].path}.${services.length}`,
      gz: false,
      weight: 0.5,
    });
  services.length = 63;
  const totalWeight = services.reduce((n, s) => n + s.weight, 0);
  const start = Date.UTC(2025, 8, 16, 9, 10, 0);
  const span = 48 * 3600_000;
  const files: FileOut[] = services.map((s) => ({ path: `case-real/${s.path}`, chunks: [], bytes: 0, lines: 0 }));
  const budget = services.map((s) => (options.targetBytes * s.weight) / totalWeight);
  const time = services.map(() => start);
  const project = Array.from({ length: 12 }, () => ids.hex(32));
  const users = Array.from({ length: 40 }, () => ids.hex(32));
  const instances = Array.from({ length: 4000 }, () => ids.uuid());
  const volumes = Array.from({ length: 3000 }, () => ids.uuid());
  const partner = services.map((s) =>
    services.findIndex(
      (t) => t.kind !== 'api' && t.path.split('/').slice(0, -1).join('/') === s.path.split('/').slice(0, -1).join('/'),
    ),
  );
  let traceId = '';
  let traceEvents = 0;
  let faults = 0;
  const write = (
    f: number,
    t: number,
    level: string,
    logger: string,
    ctxText: string,
    text: string,
    tb: string | null,
  ) => {
    const head = `${fmtTime(t)} ${2000 + f * 37} ${level} ${logger} ${ctxText} ${text}\n`;
    let out = head;
    let lines = 1;
    if (tb) {
      const prefix = `${fmtTime(t)} ${2000 + f * 37} ERROR ${logger} `;
      for (const l of TRACEBACK) out += `${prefix}${l}\n`;
      out += `${prefix}${tb}\n`;
      lines += TRACEBACK.length + 1;
    }
    const file = files[f];
    file.chunks.push(out);
    file.bytes += out.length;
    file.lines += lines;
  };
  // Round-robin over services in proportion to their budgets, each keeping its own clock.
  let remaining = services.length;
  const done = new Uint8Array(services.length);
  let requestNo = 0;
  while (remaining > 0) {
    for (let f = 0; f < services.length; f++) {
      if (done[f]) continue;
      const file = files[f];
      if (file.bytes >= budget[f]) {
        done[f] = 1;
        remaining--;
        continue;
      }
      const s = services[f];
      const req = `req-${ids.uuid()}`;
      const ctx = {
        project: project[(rng.next() * project.length) | 0],
        instance: instances[(rng.next() * instances.length) | 0],
        volume: volumes[(rng.next() * volumes.length) | 0],
        ip: `10.${rng.int(0, 3)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
      };
      const user = users[(rng.next() * users.length) | 0];
      const periodic = rng.next() < 0.12;
      const ctxText = periodic ? '[-]' : `[${req} ${user} ${ctx.project} - - -]`;
      const n = periodic ? 1 : rng.int(1, 6);
      const avgGap = span / Math.max(1, budget[f] / 230);
      requestNo++;
      for (let i = 0; i < n; i++) {
        time[f] += rng.float(0, 2 * avgGap);
        const r = rng.next();
        const level = r < 0.04 ? 'DEBUG' : r < 0.985 ? 'INFO' : r < 0.997 ? 'WARNING' : 'ERROR';
        const tb =
          level === 'ERROR' && rng.next() < 0.9
            ? 'oslo_messaging.exceptions.MessagingTimeout: Timed out waiting for a reply to message ID ' + ids.hex(32)
            : null;
        const logger = s.logger[(rng.next() * s.logger.length) | 0];
        write(f, time[f], level, logger, ctxText, message(s.kind, rng, ids, ctx), tb);
        if (req === traceId) traceEvents++;
      }
      // A third of the api requests continue in the service's worker (same request id).
      const p = partner[f];
      if (!periodic && s.kind === 'api' && p >= 0 && !done[p] && rng.next() < 0.33) {
        const m = rng.int(1, 3);
        for (let i = 0; i < m; i++) {
          time[p] = Math.max(time[p], time[f]) + rng.float(1, 200);
          write(p, time[p], 'INFO', services[p].logger[0], ctxText, message(services[p].kind, rng, ids, ctx), null);
        }
        if (!traceId && requestNo > 5000) {
          traceId = req;
          traceEvents = n + m;
        } else if (req === traceId) traceEvents += m;
      }
      if (rng.next() < 0.00004) {
        const fault = plantedFault(faults++, ids, ctx);
        write(f, time[f] + 1, fault.level, s.logger[0], ctxText, fault.text, fault.tb);
      }
    }
  }
  const pack = tar.pack();
  const gzip = createGzip({ level: 6 });
  const sink = pipeline(pack, gzip, createWriteStream(options.outPath));
  let bytes = 0;
  let lines = 0;
  for (const [i, file] of files.entries()) {
    let body: Buffer = Buffer.from(file.chunks.join(''), 'utf8');
    file.chunks = [];
    bytes += body.length;
    lines += file.lines;
    if (services[i].gz) body = gzipSync(body, { level: 6 });
    await new Promise<void>((resolve, reject) =>
      pack.entry({ name: file.path, size: body.length, mtime: new Date(start + span), mode: 0o644 }, body, (error) =>
        error ? reject(error) : resolve(),
      ),
    );
  }
  pack.finalize();
  await sink;
  return {
    schema: 'tarsier.bench-bundle/1',
    seed: options.seed,
    bytes,
    lines,
    files: files.length,
    traceId,
    traceEvents,
    commonPhrase: 'state changed',
  };
}

/** Shape figures of a log text: the bench prints them for the real samples and for its bundle. */
export interface ShapeStats {
  lines: number;
  meanLineChars: number;
  /** Distinct UUIDs (req- ids included) per 1,000 lines. */
  distinctIdsPerKLine: number;
  /** Events (header lines) with continuation lines, per cent. */
  multiLinePercent: number;
  /** Per cent of events by level. */
  levels: Record<string, number>;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const HEADER =
  /^(?:\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+|\w{3} \d\d \d\d:\d\d:\d\d \S+ \S+:) +(?:\d+ )?(DEBUG|INFO|WARNING|ERROR|CRITICAL|TRACE) (\S+) (.*)$/;

/** Measures {@link ShapeStats} over lines (a sample of a bundle, or real files). */
export function shapeStats(lines: Iterable<string>): ShapeStats {
  let n = 0;
  let chars = 0;
  const distinct = new Set<string>();
  let events = 0;
  let multi = 0;
  let inEvent = false;
  let continued = false;
  const levels: Record<string, number> = {};
  for (const line of lines) {
    n++;
    chars += line.length;
    for (const id of line.match(UUID) ?? []) distinct.add(id);
    const m = HEADER.exec(line);
    // A traceback line repeats the oslo header with the logger: its text marks it as continuation.
    const isContinuation =
      m !== null &&
      /^(?:Traceback| {2}File | {4}|\w+(?:\.\w+)*(?:Error|Exception|Timeout|NotFound)\b)/.test(m[3]) &&
      inEvent;
    if (m && !isContinuation) {
      if (continued) multi++;
      events++;
      levels[m[1]] = (levels[m[1]] ?? 0) + 1;
      inEvent = true;
      continued = false;
    } else if (inEvent) continued = true;
  }
  if (continued) multi++;
  const pct = (k: number) => Math.round((k / Math.max(1, events)) * 1000) / 10;
  return {
    lines: n,
    meanLineChars: Math.round(chars / Math.max(1, n)),
    distinctIdsPerKLine: Math.round((distinct.size / Math.max(1, n)) * 1000),
    multiLinePercent: pct(multi),
    levels: Object.fromEntries(Object.entries(levels).map(([k, v]) => [k, pct(v)])),
  };
}

/** Lines of a readable stream, for {@link shapeStats}. */
export async function* linesOf(stream: Readable, maxLines = Number.POSITIVE_INFINITY): AsyncGenerator<string> {
  let rest = '';
  let n = 0;
  for await (const chunk of stream) {
    const text = rest + (chunk as Buffer).toString('utf8');
    const parts = text.split('\n');
    rest = parts.pop() ?? '';
    for (const p of parts) {
      yield p;
      if (++n >= maxLines) return;
    }
  }
  if (rest) yield rest;
}
