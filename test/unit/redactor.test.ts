/**
 * Redaction of report text: every kind of secret in the shapes logs really write them, the
 * consistent pseudonyms for addresses and names, and what must be left alone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Redactor } from '../../src/shared/redact/redactor.ts';

const secretsOnly = () => new Redactor({ secrets: true, network: false });

/** [line, the secret that must disappear, the kind counted]. */
const SECRET_LINES: [string, string, string][] = [
  ["2025-09-18 16:24:31 DEBUG keystoneauth.session REQ: curl -g -i -X GET http://10.0.0.5:5000/v3 -H \"X-Auth-Token: gAAAAABlq0secretTokenValue\"", 'gAAAAABlq0secretTokenValue', 'token'],
  ["{'X-Subject-Token': 'gAAAAABsubjecttoken123', 'Content-Type': 'application/json'}", 'gAAAAABsubjecttoken123', 'token'],
  ['Authorization: Bearer eyJhbGciOi.eyJzdWIiOiJ.sigsigsig', 'eyJhbGciOi.eyJzdWIiOiJ.sigsigsig', 'authorization'],
  ['headers={"Authorization": "Basic dXNlcjpodW50ZXIy", "Accept": "*/*"}', 'dXNlcjpodW50ZXIy', 'authorization'],
  ['Cookie: sessionid=abc123secret; csrftoken=xyz789', 'sessionid=abc123secret', 'cookie'],
  ['Set-Cookie: JSESSIONID=0A1B2C3D4E5F; Path=/; HttpOnly', 'JSESSIONID=0A1B2C3D4E5F', 'cookie'],
  ['connect mysql://porter:Hunter2Pass@10.0.0.8:3306/porter failed', 'Hunter2Pass', 'connection-string'],
  ['amqp://openstack:RabbitPw9@rabbit.internal:5672//', 'RabbitPw9', 'connection-string'],
  ['db_password=S3cr3t! user=admin', 'S3cr3t!', 'password'],
  ['{"password": "p@ss w0rd", "username": "admin"}', 'p@ss w0rd', 'password'],
  ["config: {'admin_password': 'AdminPw77'}", 'AdminPw77', 'password'],
  ['Server=db1;Database=x;User Id=sa;Password=SqlPw55;', 'SqlPw55', 'password'],
  ['exec: mysql -uroot --password=RootPw66 -e "select 1"', 'RootPw66', 'password'],
  ['openstack --os-password OsPw12 server list', 'OsPw12', 'password'],
  ["CREATE USER 'porter'@'%' IDENTIFIED BY 'GrantPw33'", 'GrantPw33', 'password'],
  ['client_secret=cs-0123456789abcdef', 'cs-0123456789abcdef', 'password'],
  ['aws_access_key_id = AKIAIOSFODNN7EXAMPLE', 'AKIAIOSFODNN7EXAMPLE', 'access-key'],
  ['using key AKIAIOSFODNN7EXAMPLF for bucket', 'AKIAIOSFODNN7EXAMPLF', 'access-key'],
  ['aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'secret-key'],
  ['s3 config {"AccessKey": "ak-1234567", "SecretKey": "sk-abcdefg"}', 'sk-abcdefg', 'secret-key'],
  ['token=tk_live_51Habc', 'tk_live_51Habc', 'token'],
  ['callback?access_token=ya29.A0ARrdaM&state=1', 'ya29.A0ARrdaM', 'token'],
];

describe('Redactor: secrets', () => {
  it.each(SECRET_LINES)('masks %s', (line, secret, kind) => {
    const redactor = secretsOnly();
    const out = redactor.redact(line);
    expect(out).not.toContain(secret);
    expect(out).toContain(`[REDACTED:${kind}]`);
    expect(redactor.summary().counts[kind as 'token']).toBeGreaterThan(0);
  });

  it('masks a private key block across lines, and the body after a BEGIN line with no END', () => {
    const pem = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn', 'q1w2e3r4t5y6u7i8o9p0', '-----END RSA PRIVATE KEY-----'].join('\n');
    const out = secretsOnly().redact(`key loaded:\n${pem}\nnext line`);
    expect(out).not.toContain('MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn');
    expect(out).toContain('next line');
    const cut = secretsOnly().redact('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA');
    expect(cut).not.toContain('b3BlbnNzaC1rZXktdjEAAAAA');
  });

  it('keeps the key names, ordinary text and already masked values', () => {
    const redactor = secretsOnly();
    expect(redactor.redact('password=*** user=admin')).toBe('password=*** user=admin');
    expect(redactor.redact('Password expired for user admin, 3 tokens left')).toBe('Password expired for user admin, 3 tokens left');
    expect(redactor.redact('Failed to attach volume 5f1c to instance vm-web01')).toBe('Failed to attach volume 5f1c to instance vm-web01');
    const once = redactor.redact('password=abc');
    expect(redactor.redact(once)).toBe(once);
    expect(once).toBe('password=[REDACTED:password]');
    expect(redactor.summary().total).toBe(1);
  });

  it('never lets a planted secret through, whatever surrounds it', () => {
    const key = fc.constantFrom('password', 'db_password', 'X-Auth-Token', 'access_token', 'secret_key', 'client_secret', 'token');
    const sep = fc.constantFrom('=', ': ', '": "', "': '", ' = ');
    const secret = fc.stringMatching(/^[A-Za-z0-9!@#%^*+/=-]{6,30}$/).filter((s) => !/^\*+$/.test(s));
    const around = fc.stringMatching(/^[a-z ,.]{0,20}$/);
    fc.assert(
      fc.property(key, sep, secret, around, around, (k, s, value, before, after) => {
        const quote = s.startsWith('"') ? '"' : s.startsWith("'") ? "'" : '';
        const line = `${before} ${quote}${k}${s}${value}${quote} ${after}`;
        return !secretsOnly().redact(line).includes(value);
      }),
    );
  });
});

describe('Redactor: addresses and names', () => {
  it('gives the same address the same alias everywhere, and different ones different aliases', () => {
    const redactor = new Redactor({ secrets: true, network: true });
    const a = redactor.redact('GET http://10.20.0.31:8774/v2.1 from 10.20.0.31');
    const b = redactor.redact('peer 10.20.0.32 closed; retry 10.20.0.31');
    expect(a).toBe('GET http://[ip-1]:8774/v2.1 from [ip-1]');
    expect(b).toBe('peer [ip-2] closed; retry [ip-1]');
    expect(redactor.summary()).toMatchObject({ network: true, pseudonyms: 2, counts: { ip: 4 } });
  });

  it('aliases e-mail addresses, fully qualified names and names the logs call hosts', () => {
    const redactor = new Redactor({ secrets: false, network: true });
    const lines = ['alert sent to ops.lead@customer.com', 'host=vm-web01 state=down', 'ssh to vm-web01 then db1.corp.example.com', 'path /var/log/vm-web01/nova.log'];
    for (const line of lines) redactor.learn(line);
    const out = lines.map((line) => redactor.redact(line));
    expect(out[0]).toBe('alert sent to [email-1]');
    expect(out[1]).toBe('host=[host-1] state=down');
    expect(out[2]).toBe('ssh to [host-1] then [host-2]');
    expect(out[3]).toBe('path /var/log/[host-1]/nova.log');
  });

  it('leaves versions, clocks and plain words alone', () => {
    const redactor = new Redactor({ secrets: true, network: true });
    redactor.learn('server=compute');
    expect(redactor.redact('version 1.2.3.4.5 at 16:24:31.123 on compute')).toBe('version 1.2.3.4.5 at 16:24:31.123 on compute');
    expect(redactor.redact('localhost:8080')).toBe('localhost:8080');
  });

  it('leaves addresses alone when only secrets are asked for', () => {
    expect(secretsOnly().redact('from 10.0.0.1 to a@b.com')).toBe('from 10.0.0.1 to a@b.com');
  });
});
