// lnav's per-format test logs (BSD-2-Clause, ../shared/peers/lnav/test; 18 of them vendored in
// test/fixtures/vendored/lnav) read through readInventory: the format detected, the share of
// events with a time of their own and the levels found. The table was written from a run of
// scripts/lnavTable.ts (docs/lnav-formats-after.md) and checked by eye against the files: e.g.
// journald's PRIORITY 1 and 6 are critical and info, 202 of w3c_big's records are 404s, and
// strace -tt lines (a time of day without a date) stay untimed.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInventory } from '../../src/main/engine/ingest/readInventory.ts';
import { GOLDEN_DIR, REALDATA_DIR } from './goldenSupport.ts';

const PEERS = resolve(REALDATA_DIR, '..', 'peers', 'lnav', 'test');
const VENDORED = resolve(GOLDEN_DIR, '..', 'fixtures', 'vendored', 'lnav');

interface Expected {
  /** The format id, or the kind when no format was chosen (`text`, `json`, `not read`). */
  detected: string;
  events: number;
  /** Per cent of events with a time of their own (rounded); null for a file with no events. */
  timed: number | null;
  /** Events per level, unknown left out. */
  levels: Record<string, number>;
}

// prettier-ignore
const EXPECTED: Record<string, Expected> = {
  'logfile_access_log.0': { detected: 'access-log', events: 3, timed: 100, levels: { info: 2, warning: 1 } },
  'logfile_access_log.1': { detected: 'access-log', events: 1, timed: 100, levels: { warning: 1 } },
  'logfile_access_log_dupe.0': { detected: 'access-log', events: 3, timed: 100, levels: { info: 2, warning: 1 } },
  'logfile_ansi.0': { detected: 'generic', events: 1, timed: 100, levels: {} },
  'logfile_ansi.1': { detected: 'syslog-rfc3164', events: 10, timed: 100, levels: {} },
  'logfile_bad_access_log.0': { detected: 'access-log', events: 2, timed: 100, levels: { info: 2 } },
  'logfile_bad_syslog.0': { detected: 'syslog-rfc3164', events: 4, timed: 100, levels: {} },
  'logfile_block.1': { detected: 'date-command', events: 2, timed: 100, levels: {} },
  'logfile_block.2': { detected: 'date-command', events: 2, timed: 100, levels: {} },
  'logfile_blued.0': { detected: 'syslog-rfc3164', events: 6, timed: 100, levels: {} },
  'logfile_bro_conn.log.0': { detected: 'zeek', events: 92, timed: 100, levels: {} },
  'logfile_bro_http.log.0': { detected: 'zeek', events: 197, timed: 100, levels: {} },
  'logfile_bunyan.0': { detected: 'json-lines', events: 10, timed: 100, levels: { debug: 9, info: 1 } },
  'logfile_caddy_log.0': { detected: 'docker-compose', events: 39, timed: 100, levels: { info: 30, warning: 9 } },
  'logfile_caddy_log.1': { detected: 'json-lines', events: 4, timed: 100, levels: { info: 4 } },
  'logfile_cloudflare.1': { detected: 'json-lines', events: 15, timed: 100, levels: {} },
  'logfile_cloudflare.json': { detected: 'json-lines', events: 1, timed: 100, levels: {} },
  'logfile_crlf.0': { detected: 'colon-levels', events: 2, timed: 100, levels: { debug: 1, warning: 1 } },
  'logfile_cxx.0': { detected: 'text', events: 1, timed: 0, levels: {} },
  'logfile_docker_compose.0': { detected: 'docker-compose', events: 13, timed: 92, levels: { info: 9, warning: 2 } },
  'logfile_docker_compose_with_noise.0': { detected: 'docker-compose', events: 23, timed: 0, levels: { debug: 1, warning: 2 } },
  'logfile_docker_compose_with_ts.0': { detected: 'docker-compose', events: 22, timed: 100, levels: { debug: 1, warning: 2 } },
  'logfile_dst.0': { detected: 'syslog-rfc3164', events: 10, timed: 100, levels: {} },
  'logfile_ecs_log.json': { detected: 'json-lines', events: 5, timed: 100, levels: { debug: 1, info: 1, warning: 1, error: 1, critical: 1 } },
  'logfile_empty.0': { detected: 'not read', events: 0, timed: null, levels: {} },
  'logfile_epoch.0': { detected: 'epoch-lines', events: 2, timed: 100, levels: {} },
  'logfile_epoch.1': { detected: 'generic', events: 2, timed: 100, levels: {} },
  'logfile_filter.0': { detected: 'syslog-rfc3164', events: 13, timed: 100, levels: {} },
  'logfile_filter.1': { detected: 'text', events: 5, timed: 0, levels: {} },
  'logfile_for_join.0': { detected: 'syslog-rfc3164', events: 10, timed: 100, levels: {} },
  'logfile_generic.0': { detected: 'colon-levels', events: 2, timed: 100, levels: { debug: 1, warning: 1 } },
  'logfile_generic.1': { detected: 'generic', events: 2, timed: 100, levels: { info: 1, error: 1 } },
  'logfile_generic.2': { detected: 'syslog-rfc3164', events: 2, timed: 100, levels: { error: 2 } },
  'logfile_generic.3': { detected: 'colon-levels', events: 2, timed: 100, levels: { debug: 1, warning: 1 } },
  'logfile_generic_nanos.0': { detected: 'generic', events: 2, timed: 100, levels: { info: 1, warning: 1 } },
  'logfile_generic_with_header.0': { detected: 'colon-levels', events: 3, timed: 67, levels: { debug: 1, warning: 1 } },
  'logfile_glog.0': { detected: 'klog', events: 7, timed: 100, levels: { info: 4, warning: 1, error: 2 } },
  'logfile_grafana.0': { detected: 'logfmt', events: 5, timed: 100, levels: { info: 5 } },
  'logfile_haproxy.0': { detected: 'haproxy', events: 17, timed: 100, levels: { info: 13 } },
  'logfile_invalid_json.json': { detected: 'json-lines', events: 4, timed: 100, levels: {} },
  'logfile_invalid_json2.json': { detected: 'json-lines', events: 2, timed: 100, levels: {} },
  'logfile_invalid_tz.0': { detected: 'generic', events: 2, timed: 100, levels: { error: 2 } },
  'logfile_invalid_utf8.0': { detected: 'colon-levels', events: 1, timed: 100, levels: { info: 1 } },
  'logfile_java.0': { detected: 'generic', events: 20, timed: 100, levels: { info: 20 } },
  'logfile_java.1': { detected: 'generic', events: 20, timed: 100, levels: { info: 20 } },
  'logfile_journald.json': { detected: 'journald-json', events: 2, timed: 100, levels: { info: 1, critical: 1 } },
  'logfile_json.json': { detected: 'json-lines', events: 14, timed: 93, levels: { trace: 1, debug: 1, info: 2, warning: 1, error: 1, critical: 2 } },
  'logfile_json2.json': { detected: 'json-lines', events: 3, timed: 100, levels: { trace: 1 } },
  'logfile_json3.json': { detected: 'json-lines', events: 3, timed: 100, levels: {} },
  'logfile_json_invalid.json': { detected: 'json-lines', events: 12, timed: 100, levels: { trace: 1, debug: 1, info: 2, warning: 1, error: 1, critical: 2 } },
  'logfile_json_subsec.json': { detected: 'json-lines', events: 2, timed: 100, levels: {} },
  'logfile_jsonid.json': { detected: 'json-lines', events: 2, timed: 100, levels: { info: 2 } },
  'logfile_laravel.0': { detected: 'generic', events: 82, timed: 100, levels: { error: 82 } },
  'logfile_laravel.1': { detected: 'generic', events: 4, timed: 100, levels: { info: 2, error: 2 } },
  'logfile_leveltest.0': { detected: 'generic', events: 8, timed: 100, levels: { trace: 1, debug: 1, info: 1, warning: 1, critical: 1 } },
  'logfile_logfmt.0': { detected: 'logfmt', events: 5, timed: 100, levels: { info: 2, warning: 1, error: 2 } },
  'logfile_mixed_json2.json': { detected: 'json-lines', events: 13, timed: 100, levels: { trace: 1, debug: 1, info: 2, warning: 1, error: 1, critical: 2 } },
  'logfile_mongodb.0': { detected: 'mongodb', events: 3, timed: 100, levels: { info: 2, warning: 1 } },
  'logfile_multiline.0': { detected: 'colon-levels', events: 2, timed: 100, levels: { debug: 1, error: 1 } },
  'logfile_mux_zookeeper.0': { detected: 'syslog-rfc3164', events: 1, timed: 100, levels: { info: 1 } },
  'logfile_muxed_syslog.0': { detected: 'json-lines', events: 14, timed: 100, levels: {} },
  'logfile_mysql_error.0': { detected: 'mysql-error', events: 4, timed: 100, levels: { info: 3, warning: 1 } },
  'logfile_mysql_gen.0': { detected: 'generic', events: 15, timed: 93, levels: {} },
  'logfile_mysql_slow.0': { detected: 'generic', events: 6, timed: 100, levels: {} },
  'logfile_nested_json.json': { detected: 'json-lines', events: 13, timed: 100, levels: {} },
  'logfile_nextcloud.0': { detected: 'json-lines', events: 5, timed: 100, levels: {} },
  'logfile_openam.0': { detected: 'generic', events: 2, timed: 100, levels: { info: 1 } },
  'logfile_otel_collector.jsonl': { detected: 'json-lines', events: 6, timed: 100, levels: { trace: 1, info: 3, error: 1 } },
  'logfile_partitions.0': { detected: 'syslog-rfc3164', events: 82, timed: 100, levels: {} },
  'logfile_pino.0': { detected: 'json-lines', events: 1, timed: 100, levels: { info: 1 } },
  'logfile_plain.0': { detected: 'text', events: 3, timed: 0, levels: {} },
  'logfile_postgres.0': { detected: 'postgres', events: 20, timed: 100, levels: { info: 19, error: 1 } },
  'logfile_postgres.1': { detected: 'postgres', events: 5, timed: 100, levels: { info: 1, warning: 2, error: 2 } },
  'logfile_postgres.2': { detected: 'postgres', events: 2, timed: 100, levels: { error: 2 } },
  'logfile_pretty.0': { detected: 'syslog-rfc3164', events: 6, timed: 100, levels: { debug: 1, warning: 1 } },
  'logfile_procstate.0': { detected: 'state-dump', events: 3, timed: 100, levels: {} },
  'logfile_regexp_access_log.0': { detected: 'access-log', events: 2, timed: 100, levels: { info: 2 } },
  'logfile_rollover.0': { detected: 'text', events: 6, timed: 0, levels: {} },
  'logfile_rollover.1': { detected: 'syslog-rfc3164', events: 5, timed: 100, levels: {} },
  'logfile_rollover.2': { detected: 'syslog-rfc3164', events: 375, timed: 100, levels: {} },
  'logfile_rust_tracing.0': { detected: 'json-lines', events: 5, timed: 100, levels: { trace: 1, info: 2, warning: 1, error: 1 } },
  'logfile_shop_access_log.0': { detected: 'access-log', events: 1000, timed: 100, levels: { info: 976, warning: 24 } },
  'logfile_spark.0': { detected: 'log4j-short', events: 399, timed: 100, levels: { info: 399 } },
  'logfile_spark_dupe.0': { detected: 'log4j-short', events: 399, timed: 100, levels: { info: 399 } },
  'logfile_strace_log.0': { detected: 'strace', events: 9, timed: 0, levels: { warning: 2 } },
  'logfile_strace_log.1': { detected: 'strace', events: 66, timed: 100, levels: { warning: 2 } },
  'logfile_strace_log.2': { detected: 'strace', events: 117, timed: 0, levels: { warning: 7 } },
  'logfile_syslog.0': { detected: 'syslog-rfc3164', events: 4, timed: 100, levels: {} },
  'logfile_syslog.1': { detected: 'syslog-rfc3164', events: 4, timed: 100, levels: {} },
  'logfile_syslog.2': { detected: 'syslog-rfc3164', events: 3, timed: 100, levels: {} },
  'logfile_syslog.3': { detected: 'syslog-rfc3164', events: 7, timed: 100, levels: { info: 5 } },
  'logfile_syslog_fr.0': { detected: 'text', events: 1, timed: 0, levels: {} },
  'logfile_syslog_with_access_log.0': { detected: 'syslog-rfc3164', events: 5, timed: 100, levels: {} },
  'logfile_syslog_with_header.0': { detected: 'syslog-rfc3164', events: 5, timed: 80, levels: {} },
  'logfile_syslog_with_mixed_times.0': { detected: 'syslog-rfc3164', events: 13, timed: 100, levels: {} },
  'logfile_tai64n.0': { detected: 'tai64n', events: 10, timed: 100, levels: {} },
  'logfile_tcf.0': { detected: 'text', events: 30, timed: 0, levels: {} },
  'logfile_tcf.1': { detected: 'text', events: 3, timed: 0, levels: {} },
  'logfile_tcsh_history.0': { detected: 'shell-history', events: 2, timed: 100, levels: {} },
  'logfile_ts_value.0': { detected: 'generic', events: 2, timed: 100, levels: { info: 1, warning: 1 } },
  'logfile_uwsgi.0': { detected: 'uwsgi', events: 19, timed: 100, levels: { info: 19 } },
  'logfile_vami.0': { detected: 'colon-levels', events: 1, timed: 100, levels: { info: 1 } },
  'logfile_vdsm.0': { detected: 'vdsm', events: 5, timed: 100, levels: { debug: 2, info: 2, error: 1 } },
  'logfile_vmw_log.0': { detected: 'vmware', events: 3, timed: 100, levels: { info: 2, warning: 1 } },
  'logfile_vpxd.0': { detected: 'vmware', events: 12, timed: 100, levels: { info: 12 } },
  'logfile_w3c.0': { detected: 'iis-w3c', events: 1, timed: 100, levels: { info: 1 } },
  'logfile_w3c.1': { detected: 'iis-w3c', events: 1, timed: 100, levels: { info: 1 } },
  'logfile_w3c.2': { detected: 'iis-w3c', events: 14, timed: 100, levels: { info: 14 } },
  'logfile_w3c.3': { detected: 'iis-w3c', events: 3, timed: 100, levels: { info: 2, warning: 1 } },
  'logfile_w3c.4': { detected: 'iis-w3c', events: 2, timed: 100, levels: { info: 1 } },
  'logfile_w3c.5': { detected: 'iis-w3c', events: 1, timed: 100, levels: { warning: 1 } },
  'logfile_w3c.6': { detected: 'iis-w3c', events: 1, timed: 100, levels: { warning: 1 } },
  'logfile_w3c_big.0': { detected: 'iis-w3c', events: 210, timed: 100, levels: { info: 8, warning: 202 } },
  'logfile_with_a_really_long_name_to_test_a_bug_with_long_names.0': { detected: 'text', events: 1, timed: 0, levels: {} },
  'logfile_with_zones.0': { detected: 'syslog-rfc3164', events: 3, timed: 100, levels: { info: 2 } },
  'logfile_xml_msg.0': { detected: 'generic', events: 3, timed: 100, levels: { debug: 2, info: 1 } },
  'logfile_yday.0': { detected: 'text', events: 2, timed: 0, levels: {} },
  'logfile_zap_console.0': { detected: 'generic', events: 3, timed: 100, levels: { info: 2, error: 1 } },
};

async function readLog(path: string): Promise<Expected> {
  let timed = 0;
  const result = await readInventory([path], {
    zone: 'UTC',
    onEvent: (_file, event) => {
      if (event.time !== null && !event.timeInherited) timed++;
    },
  });
  if (!result.ok) throw new Error(result.error);
  const record = result.value.files[0];
  if (!record) return { detected: 'not read', events: 0, timed: null, levels: {} };
  const levels = Object.fromEntries(Object.entries(record.levels).filter(([level, n]) => n > 0 && level !== 'unknown'));
  const detected = record.kind === 'log' ? record.format : record.kind;
  const percent = record.events === 0 ? null : Math.round((timed * 100) / record.events);
  return { detected, events: record.events, timed: percent, levels };
}

/** lnav's test logs in `dir`: its `logfile_*` files (scripts/lnavTable.ts says why). */
const logsIn = (dir: string) =>
  readdirSync(dir)
    .filter((name) => name.startsWith('logfile_') && statSync(join(dir, name)).isFile())
    .sort();

describe('lnav test logs, vendored copies (always present)', () => {
  for (const name of logsIn(VENDORED)) {
    it(`${name}: ${EXPECTED[name]?.detected}`, async () => {
      expect(await readLog(join(VENDORED, name))).toEqual(EXPECTED[name]);
    });
  }
});

const PEERS_PRESENT = existsSync(PEERS);
if (!PEERS_PRESENT) console.warn(`lnav test logs: skipped: no lnav checkout at ${PEERS} (a clone alone has none)`);

describe.skipIf(!PEERS_PRESENT)(`lnav test logs in ${PEERS}`, () => {
  it('the table covers every lnav test log', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(logsIn(PEERS));
  });
  for (const name of PEERS_PRESENT ? logsIn(PEERS) : []) {
    it(`${name}: ${EXPECTED[name]?.detected}`, async () => {
      expect(await readLog(join(PEERS, name))).toEqual(EXPECTED[name]);
    });
  }
});
