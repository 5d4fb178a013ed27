// Formats whose facts are not all on the head line (a format's `record` block), read from real
// text: each input in test/golden/records must give these events, with the time, level, message
// and fields that come from the record's later lines.
//
// Sources of the inputs (copied as published):
// - jul-openattestation.log: OpenAttestation/OpenAttestation issue #28 (Tomcat 7 catalina.out).
// - jul-puppet-jira.log: voxpupuli/puppet-jira issue #135 (Tomcat catalina.out with a stack trace).
// - journal-logdna.export: logdna/logdna-agent-v2 common/journald/src/journalctl/mod.rs, test_parse
//   (journalctl -o export output; its binary-field record is exercised in test/unit/recordReader.test.ts).
// - wevtutil-blockip.txt: JeftaDirksen/BlockIP issue #1 (`wevtutil qe Security /c:2 /rd:true /f:text`
//   on Windows Server 2022, whose first record has key lines run together with '?').
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, GOLDEN_DIR } from './goldenSupport.ts';

const RECORDS = join(GOLDEN_DIR, 'records');

function read(name: string) {
  const result = analyse(name, readFileSync(join(RECORDS, name), 'utf8'));
  return {
    format: result.format,
    events: result.events.map((e) => ({
      line: e.line,
      lineCount: e.lineCount,
      time: e.time === null ? null : new Date(e.time).toISOString(),
      level: e.level,
      message: e.message,
      fields: e.fields,
    })),
  };
}

describe('record formats on real text', () => {
  it('java.util.logging: level and message from the second line', () => {
    const { format, events } = read('jul-openattestation.log');
    expect(format).toBe('java-util-logging');
    expect(events).toEqual([
      {
        line: 1,
        lineCount: 2,
        time: '2015-08-28T04:07:34.000Z',
        level: 'warning',
        message:
          "[SetAllPropertiesRule]{Server/Service/Connector} Setting property 'maxSpareThreads' to '75' did not find a matching property.",
        fields: { logger: 'org.apache.catalina.startup.SetAllPropertiesRule', method: 'begin' },
      },
      {
        line: 3,
        lineCount: 2,
        time: '2015-08-28T04:07:34.000Z',
        level: 'info',
        message: 'Server version:        Apache Tomcat/7.0.59',
        fields: { logger: 'org.apache.catalina.startup.VersionLoggerListener', method: 'log' },
      },
      {
        line: 5,
        lineCount: 2,
        time: '2015-08-28T04:07:34.000Z',
        level: 'info',
        message: 'Server built:          Mar 20 2015 09:28:55 UTC',
        fields: { logger: 'org.apache.catalina.startup.VersionLoggerListener', method: 'log' },
      },
    ]);
  });

  it('java.util.logging: a stack trace stays in the record and does not replace its message', () => {
    const { format, events } = read('jul-puppet-jira.log');
    expect(format).toBe('java-util-logging');
    expect(events).toEqual([
      {
        line: 1,
        lineCount: 6,
        time: '2016-05-30T01:06:13.000Z',
        level: 'error',
        message: 'Begin event threw exception',
        fields: { logger: 'org.apache.tomcat.util.digester.Digester', method: 'startElement' },
      },
    ]);
  });

  it('journal export: one event per blank-separated record, facts from its KEY=VALUE lines', () => {
    const { format, events } = read('journal-logdna.export');
    expect(format).toBe('journal-export');
    expect(events).toEqual([
      {
        line: 1,
        lineCount: 24,
        time: '2021-05-27T14:02:50.808Z',
        level: 'info',
        message: 'Journal started',
        fields: {
          unit: 'systemd-journald.service',
          identifier: 'systemd-journald',
          pid: '22',
          host: '07770dbe2bbb',
        },
      },
      {
        line: 25,
        lineCount: 38,
        time: '2021-05-27T14:02:50.808Z',
        level: 'info',
        message:
          'Runtime journal (/run/log/journal/7827e5b17eaab5cd32a0b75d063c7569) is 8.0M, max 599.0M, 591.0M free.',
        fields: {
          unit: 'systemd-journald.service',
          identifier: 'systemd-journald',
          pid: '22',
          host: '07770dbe2bbb',
        },
      },
      {
        line: 63,
        lineCount: 31,
        time: '2021-06-10T11:10:51.163Z',
        level: 'info',
        message: 'Condition check resulted in Commit a transient machine-id on disk being skipped.',
        fields: { unit: 'init.scope', identifier: 'systemd', pid: '1', host: '51fa132b5549' },
      },
    ]);
  });

  it('wevtutil text: one event per Event[N], message from the description below its key', () => {
    const { format, events } = read('wevtutil-blockip.txt');
    expect(format).toBe('wevtutil-text');
    const fields = {
      logName: 'Security',
      source: 'Microsoft-Windows-Security-Auditing',
      eventId: '4625',
      computer: 'micro',
    };
    expect(events).toEqual([
      {
        line: 1,
        lineCount: 28,
        time: '2021-12-25T07:33:18.152Z',
        // Its Level key is inside the run-together 'Task: Logon ?  Level: Information ?' line.
        level: 'unknown',
        message: 'An account failed to log on.',
        fields,
      },
      { line: 29, lineCount: 14, time: '2021-12-25T07:31:58.831Z', level: 'unknown', message: 'N/A', fields },
    ]);
  });
});
