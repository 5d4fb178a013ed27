// Multi-line records of the formats added for issue 15's format library, read end to end through
// readInventory: which format is detected, how the lines are cut into events, and the time and
// level of each. The lines are real (their sources are in the format files' samples); only the
// way they are put together into a file is made here.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readInventory } from '../../src/main/engine/ingest/readInventory.ts';
import type { LogEvent } from '../../src/shared/model.ts';

const dir = mkdtempSync(join(tmpdir(), 'tarsier-library-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Read {
  format: string;
  events: LogEvent[];
}

async function read(name: string, text: string): Promise<Read> {
  const path = join(dir, name);
  writeFileSync(path, text);
  const events: LogEvent[] = [];
  const result = await readInventory([path], { zone: 'UTC', onEvent: (_file, event) => events.push(event) });
  if (!result.ok) throw new Error(`${name}: ${result.error}`);
  const record = result.value.files[0];
  return { format: record?.kind === 'log' ? record.format : (record?.kind ?? 'not read'), events };
}

const iso = (event: LogEvent | undefined) => (event?.time == null ? null : new Date(event.time).toISOString());

describe('windows-event-csv', () => {
  it('reads a Security log export whose one event spans many lines', async () => {
    // unilog's reproduction of a user's uploaded Security.csv (first event), CRLF as Windows writes.
    const rows = [
      'Keywords,Date and Time,Source,Event ID,Task Category',
      'Audit Success,19-07-2026 09:58:57,Microsoft-Windows-Security-Auditing,4624,Logon,"An account was successfully logged on.',
      '',
      'Subject:',
      '\tSecurity ID:\t\tSYSTEM',
      '\tAccount Name:\t\tSOHAM$',
      '\tAccount Domain:\t\tWORKGROUP',
      '\tLogon ID:\t\t0x3E7',
      '',
      'Logon Information:',
      '\tLogon Type:\t\t5',
      '\tRestricted Admin Mode:\t-',
      '\tVirtual Account:\t\tNo',
      '\tElevated Token:\t\tYes',
      '',
      'New Logon:',
      '\tSecurity ID:\t\tSYSTEM',
      '\tAccount Name:\t\tSYSTEM',
      '\tAccount Domain:\t\tNT AUTHORITY"',
    ];
    const { format, events } = await read('Security.csv', rows.join('\r\n') + '\r\n');
    expect(format).toBe('windows-event-csv');
    expect(events).toHaveLength(2);
    expect(events[0]!.time).toBeNull();
    expect(events[1]!.lineCount).toBe(rows.length - 1);
    expect(iso(events[1])).toBe('2026-07-19T09:58:57.000Z');
    expect(events[1]!.level).toBe('info');
    expect(events[1]!.fields).toMatchObject({ eventId: '4624', category: 'Logon' });
    expect(events[1]!.continuation.at(-1)).toBe('\tAccount Domain:\t\tNT AUTHORITY"');
  });

  it('reads an en-US export row per event', async () => {
    // quilter-csv README: 'qsv load Security.csv - show'.
    const rows = [
      'Level,Date and Time,Source,Event ID,Task Category',
      'Information,10/7/2016 06:38:24 PM,Microsoft-Windows-Security-Auditing,4658,File System',
      'Information,10/7/2016 06:38:24 PM,Microsoft-Windows-Security-Auditing,4656,File System',
    ];
    const { format, events } = await read('Security-us.csv', rows.join('\n') + '\n');
    expect(format).toBe('windows-event-csv');
    expect(events.map(iso)).toEqual([null, '2016-10-07T18:38:24.000Z', '2016-10-07T18:38:24.000Z']);
    expect(events.map((e) => e.fields.eventId)).toEqual([undefined, '4658', '4656']);
  });
});

describe('ceph', () => {
  it('reads an OSD log, levels from the priority or the cluster-log copy', async () => {
    // A public troubleshooting note: grep '2.33c6' ceph-osd.355.log-20201125.
    const lines = [
      '2020-12-08 23:00:00.469371 7ff5b8c43700  0 log_channel(cluster) log [DBG] : 2.33c6 scrub starts',
      '2020-12-08 23:00:00.472653 7ff5b8c43700  0 log_channel(cluster) log [DBG] : 2.33c6 scrub ok',
      '2020-12-10 23:00:05.031243 7ff5b8c43700  0 log_channel(cluster) log [DBG] : 2.33c6 deep-scrub starts',
      '2020-12-10 23:00:19.077055 7ff5b8c43700 -1 log_channel(cluster) log [ERR] : 2.33c6 shard 138 soid 2:63cd266e:::1159921:head : candidate had a read error',
      '2020-12-10 23:00:19.938043 7ff5b8c43700 -1 log_channel(cluster) log [ERR] : 2.33c6 deep-scrub 0 missing, 1 inconsistent objects',
      '2020-12-10 23:00:19.938052 7ff5b8c43700 -1 log_channel(cluster) log [ERR] : 2.33c6 deep-scrub 1 errors',
    ];
    const { format, events } = await read('ceph-osd.355.log', lines.join('\n') + '\n');
    expect(format).toBe('ceph');
    expect(events.map((e) => e.level)).toEqual(['debug', 'debug', 'debug', 'error', 'error', 'error']);
    expect(iso(events[3])).toBe('2020-12-10T23:00:19.077Z');
  });

  it('keeps a failed assert and its backtrace in one event', async () => {
    // rook/rook issue #11943: the recent events a Quincy OSD dumped after a failed assert.
    const lines = [
      '   -41> 2023-03-21T03:52:49.560+0000 7fb85a9cb700 -1 bluefs _replay invalid op_file_update_inc, new extents miss end of file fnode=file(ino 0 size 0x0 mtime 0.000000 allocated 0 alloc_commit 0 extents []) delta=delta(ino 36 size 0x53f65 mtime 2023-03-19T03:25:25.693311+0000 offset 60000 extents [])',
      "   -40> 2023-03-21T03:52:49.572+0000 7fb85a9cb700 -1 /home/jenkins-build/build/workspace/ceph-build/ARCH/x86_64/AVAILABLE_ARCH/x86_64/AVAILABLE_DIST/centos8/DIST/centos8/MACHINE_SIZE/gigantic/release/17.2.5/rpm/el8/BUILD/ceph-17.2.5/src/os/bluestore/BlueFS.cc: In function 'int BlueFS::_replay(bool, bool)' thread 7fb85a9cb700 time 2023-03-21T03:52:49.570987+0000",
      '/home/jenkins-build/build/workspace/ceph-build/ARCH/x86_64/AVAILABLE_ARCH/x86_64/AVAILABLE_DIST/centos8/DIST/centos8/MACHINE_SIZE/gigantic/release/17.2.5/rpm/el8/BUILD/ceph-17.2.5/src/os/bluestore/BlueFS.cc: 1558: FAILED ceph_assert(delta.offset == fnode.allocated)',
      '',
      ' ceph version 17.2.5 (98318ae89f1a893a6ded3a640405cdbb33e08757) quincy (stable)',
      ' 1: (ceph::__ceph_assert_fail(char const*, char const*, int, char const*)+0x135) [0x7fb85901943f]',
      ' 2: /usr/lib64/ceph/libceph-common.so.2(+0x269605) [0x7fb859019605]',
    ];
    const { format, events } = await read('ceph-osd.0.log', lines.join('\n') + '\n');
    expect(format).toBe('ceph');
    expect(events).toHaveLength(2);
    expect(events[1]!.lineCount).toBe(6);
    expect(events.map((e) => e.level)).toEqual(['error', 'error']);
    expect(iso(events[1])).toBe('2023-03-21T03:52:49.572Z');
  });
});

describe('ceph-cluster', () => {
  it('reads a pre-Octopus ceph.log', async () => {
    // ceph/ceph doc/rados/operations/monitoring.rst.
    const lines = [
      '2017-07-25 10:08:58.265945 mon.a mon.0 172.21.9.34:6789/0 91 : cluster [WRN] Health check failed: 1 osds down (OSD_DOWN)',
      '2017-07-25 10:09:01.302624 mon.a mon.0 172.21.9.34:6789/0 94 : cluster [WRN] Health check failed: Degraded data redundancy: 21/63 objects degraded (33.333%), 16 pgs unclean, 16 pgs degraded (PG_DEGRADED)',
    ];
    const { format, events } = await read('ceph.log', lines.join('\n') + '\n');
    expect(format).toBe('ceph-cluster');
    expect(events.map((e) => e.level)).toEqual(['warning', 'warning']);
    expect(events.map((e) => e.fields.seq)).toEqual(['91', '94']);
  });
});

describe('libvirt', () => {
  it('reads a QEMU domain log: libvirt lines, the command line as continuation', async () => {
    // A public libvirt bug report (vhost-user-gpu, libvirt 5.8.0), /var/log/libvirt/qemu/snap1.log.
    const lines = [
      '2020-05-28 13:10:48.345+0000: Starting external device: vhost-user-gpu',
      '/usr/local/libexec/vhost-user-gpu',
      '2020-05-28 13:10:48.374+0000: starting up libvirt version: 5.8.0, qemu version: 4.1.1, kernel: 4.18.0, hostname: localhost.localdomain',
      'LC_ALL=C \\',
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin \\',
      'HOME=/var/lib/libvirt/qemu/domain-1-snap1 \\',
    ];
    const { format, events } = await read('snap1.log', lines.join('\n') + '\n');
    expect(format).toBe('libvirt');
    expect(events.map((e) => e.lineCount)).toEqual([2, 4]);
    expect(events.map(iso)).toEqual(['2020-05-28T13:10:48.345Z', '2020-05-28T13:10:48.374Z']);
  });

  it('reads libvirt debug lines and QEMU output that have no time', async () => {
    // qemu-devel mailing list, 2020-04-30: a domain log around a crash (quoted-printable decoded).
    const lines = [
      '2020-04-30 13:24:22.006+0000: 2072883: debug : virCommandHandshakeChild:418 : Handshake with parent is done',
      'char device redirected to /dev/pts/0 (label charserial0)',
      '2020-04-30 13:24:31.879+0000: Domain id=4 is tainted: custom-monitor',
      '2020-04-30 13:24:32.330+0000: shutting down, reason=crashed',
    ];
    const { format, events } = await read('guest.log', lines.join('\n') + '\n');
    expect(format).toBe('libvirt');
    expect(events.map((e) => e.lineCount)).toEqual([2, 1, 1]);
    expect(events.map((e) => e.level)).toEqual(['debug', 'unknown', 'unknown']);
    expect(events[2]!.message).toBe('shutting down, reason=crashed');
  });
});

describe('hadoop-log4j', () => {
  it('reads a DataNode log: WARN and FATAL, a stack trace and the shutdown banner', async () => {
    // A public Hadoop 2.7.2 troubleshooting note quoting hadoop-xiaosi-datanode-Qunar.log.
    // Before hadoop-log4j, python-logging took the file and read neither WARN nor FATAL lines.
    const lines = [
      '2016-06-12 20:01:31,374 WARN org.apache.hadoop.hdfs.server.common.Storage: java.io.IOException: Incompatible clusterIDs in /home/xiaosi/config/hadoop/tmp/dfs/data: namenode clusterID = CID-67134f3c-0dcd-4e29-a629-a823d6c04732; datanode clusterID = CID-cf2f0387-3b3b-4bd8-8b10-6f5baecccdcf',
      '2016-06-12 20:01:31,375 FATAL org.apache.hadoop.hdfs.server.datanode.DataNode: Initialization failed for Block pool <registering> (Datanode Uuid unassigned) service to localhost/127.0.0.1:9000. Exiting.',
      'java.io.IOException: All specified directories are failed to load.',
      '\tat org.apache.hadoop.hdfs.server.datanode.DataStorage.recoverTransitionRead(DataStorage.java:478)',
      '\tat org.apache.hadoop.hdfs.server.datanode.DataNode.initStorage(DataNode.java:1358)',
      '\tat org.apache.hadoop.hdfs.server.datanode.DataNode.initBlockPool(DataNode.java:1323)',
      '\tat org.apache.hadoop.hdfs.server.datanode.BPOfferService.verifyAndSetNamespaceInfo(BPOfferService.java:317)',
      '\tat org.apache.hadoop.hdfs.server.datanode.BPServiceActor.connectToNNAndHandshake(BPServiceActor.java:223)',
      '\tat org.apache.hadoop.hdfs.server.datanode.BPServiceActor.run(BPServiceActor.java:802)',
      '\tat java.lang.Thread.run(Thread.java:724)',
      '2016-06-12 20:01:31,377 WARN org.apache.hadoop.hdfs.server.datanode.DataNode: Ending block pool service for: Block pool <registering> (Datanode Uuid unassigned) service to localhost/127.0.0.1:9000',
      '2016-06-12 20:01:31,388 INFO org.apache.hadoop.hdfs.server.datanode.DataNode: Removed Block pool <registering> (Datanode Uuid unassigned)',
      '2016-06-12 20:01:33,389 WARN org.apache.hadoop.hdfs.server.datanode.DataNode: Exiting Datanode',
      '2016-06-12 20:01:33,391 INFO org.apache.hadoop.util.ExitUtil: Exiting with status 0',
      '2016-06-12 20:01:33,392 INFO org.apache.hadoop.hdfs.server.datanode.DataNode: SHUTDOWN_MSG:',
      '/************************************************************',
      'SHUTDOWN_MSG: Shutting down DataNode at Qunar/127.0.0.1',
      '************************************************************/',
      '2016-06-13 12:56:00,753 INFO org.apache.hadoop.hdfs.server.datanode.DataNode: STARTUP_MSG:',
      '/************************************************************',
    ];
    const { format, events } = await read('hadoop-xiaosi-datanode-Qunar.log', lines.join('\n') + '\n');
    expect(format).toBe('hadoop-log4j');
    expect(events.map((e) => e.level)).toEqual([
      'warning',
      'critical',
      'warning',
      'info',
      'warning',
      'info',
      'info',
      'info',
    ]);
    expect(events.map((e) => e.lineCount)).toEqual([1, 9, 1, 1, 1, 1, 4, 2]);
    expect(events.every((e) => e.time !== null && !e.timeInherited)).toBe(true);
  });
});

describe('erlang-report', () => {
  it('reads a RabbitMQ 3.5 log: each report a head and the lines below it', async () => {
    // A public OpenStack install guide: tailf /var/log/rabbitmq/rabbit@controller.log (the guide's
    // arrow annotation left out).
    const lines = [
      '=INFO REPORT==== 4-Sep-2017::17:14:09 ===',
      'msg_store_persistent: using rabbit_msg_store_ets_index to provide index',
      '',
      '=INFO REPORT==== 4-Sep-2017::17:14:09 ===',
      'started TCP Listener on 172.17.14.111:5672',
      '',
      '=INFO REPORT==== 4-Sep-2017::17:14:09 ===',
      'Server startup complete; 0 plugins started.',
      '',
      // A public RabbitMQ troubleshooting note (handshake_timeout).
      '=ERROR REPORT==== 21-Jul-2016::19:21:26 ===',
      'closing AMQP connection <0.11270.4127> (10.0.133.159:38511 -> 10.0.21.154:5672):',
      '{handshake_timeout,handshake}',
    ];
    const { format, events } = await read('rabbit@controller.log', lines.join('\n') + '\n');
    expect(format).toBe('erlang-report');
    expect(events.map((e) => e.level)).toEqual(['info', 'info', 'info', 'error']);
    expect(events.map((e) => e.lineCount)).toEqual([3, 3, 3, 3]);
    expect(iso(events[3])).toBe('2016-07-21T19:21:26.000Z');
    expect(events[3]!.continuation.at(-1)).toBe('{handshake_timeout,handshake}');
  });
});

describe('erlang-lager', () => {
  it('reads a RabbitMQ 3.7 log with a reason on the next line', async () => {
    // sensu/sensu-docs: tail -f /var/log/rabbitmq/rabbit@sensu.log.
    const lines = [
      '2018-06-26 01:28:00.439 [info] <0.618.0> accepting AMQP connection <0.618.0> (192.168.1.3:44788 -> 192.168.1.2:5671)',
      '2018-06-26 01:28:00.442 [error] <0.618.0> Error on AMQP connection <0.618.0> (192.168.1.3:44788 -> 192.168.1.2:5671, state: starting):',
      "PLAIN login refused: user 'sensu' - invalid credentials",
      '2018-06-26 01:28:03.469 [info] <0.618.0> closing AMQP connection <0.618.0> (192.168.1.3:44788 -> 192.168.1.2:5671)',
    ];
    const { format, events } = await read('rabbit@sensu.log', lines.join('\n') + '\n');
    expect(format).toBe('erlang-lager');
    expect(events.map((e) => e.level)).toEqual(['info', 'error', 'info']);
    expect(events.map((e) => e.lineCount)).toEqual([1, 2, 1]);
    expect(events.map((e) => e.fields.pid)).toEqual(['<0.618.0>', '<0.618.0>', '<0.618.0>']);
  });
});

describe('windows-event-csv, German export', () => {
  it('reads day-first dates, German levels and a description over two lines', async () => {
    // A public log viewer's docs: mdecrevoisier/EVTX-to-MITRE-Attack's PrintNightmare EVTX saved
    // as CSV by a German Event Viewer (rows 1, 6 and 10 of its excerpt).
    const rows = [
      'Ebene,Datum und Uhrzeit,Quelle,Ereignis-ID,Aufgabenkategorie',
      'Informationen,27.10.2021 12:28:26,Microsoft-Windows-PrintService,317,Ein Druckertreiber wird gelöscht,Der Druckertreiber Generic / Text Only wurde gelöscht. Es ist keine Benutzeraktion erforderlich.',
      'Fehler,27.10.2021 12:28:26,Microsoft-Windows-PrintService,808,Initialisierung,"Fehler beim Laden eines Plug-In-Moduls C:\\Windows\\system32\\spool\\DRIVERS\\x64\\3mimispool.dll durch den Druckspooler, Fehlercode 0x7E. Kontextinformationen finden Sie in den Benutzerereignisdaten."',
      'Fehler,27.10.2021 12:28:26,Microsoft-Windows-PrintService,354,Initialisierung,"\\\\fs03vuln\\Kiwi Legit Printer-Initialisierungsfehler bei \\\\fs03vuln\\print$\\W32X86\\3\\mimispool.dll. Fehler: 2. The system cannot find the file specified.',
      '. Dieser Fehler kann auftreten, wenn das System instabil ist oder nicht genug Systemressourcen verfügbar sind."',
    ];
    const { format, events } = await read('System-de.csv', rows.join('\r\n') + '\r\n');
    expect(format).toBe('windows-event-csv');
    expect(events.map((e) => e.level)).toEqual(['unknown', 'info', 'error', 'error']);
    expect(events.map((e) => e.lineCount)).toEqual([1, 1, 1, 2]);
    expect(iso(events[3])).toBe('2021-10-27T12:28:26.000Z');
    expect(events[3]!.fields.eventId).toBe('354');
  });
});
