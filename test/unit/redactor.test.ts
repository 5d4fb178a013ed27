/**
 * Redaction of report text: every kind of secret in the shapes logs really write them, the
 * consistent pseudonyms for addresses and names, and what must be left alone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Redactor } from '../../src/shared/redact/redactor.ts';
import { NEAR_MISSES, SECRET_CORPUS } from '../fixtures/secretCorpus.ts';

const secretsOnly = () => new Redactor({ secrets: true, network: false });

/** [line, the secret that must disappear, the kind counted]. */
const SECRET_LINES: [string, string, string][] = [
  [
    '2025-09-18 16:24:31 DEBUG keystoneauth.session REQ: curl -g -i -X GET http://10.0.0.5:5000/v3 -H "X-Auth-Token: gAAAAABlq0secretTokenValue"',
    'gAAAAABlq0secretTokenValue',
    'token',
  ],
  [
    "{'X-Subject-Token': 'gAAAAABsubjecttoken123', 'Content-Type': 'application/json'}",
    'gAAAAABsubjecttoken123',
    'token',
  ],
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
  [
    'aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'secret-key',
  ],
  ['s3 config {"AccessKey": "ak-1234567", "SecretKey": "sk-abcdefg"}', 'sk-abcdefg', 'secret-key'],
  ['token=tk_live_51Habc', 'tk_live_51Habc', 'token'],
  ['callback?access_token=ya29.A0ARrdaM&state=1', 'ya29.A0ARrdaM', 'token'],
  // Shapes a second review found leaking: prefixed names, WSGI environ dumps, Python reprs,
  // Chinese labels, kubeconfig, odd connection strings, command lines, signatures, PGP.
  ['export OS_TOKEN=gAAAAABosToken77', 'gAAAAABosToken77', 'token'],
  ['admin_token = AdminTok3n99', 'AdminTok3n99', 'token'],
  ['MINIO_SECRET_KEY=minioSecret123', 'minioSecret123', 'secret-key'],
  ['MINIO_ACCESS_KEY=minioAccess123', 'minioAccess123', 'access-key'],
  ["environ {'HTTP_AUTHORIZATION': 'Basic YWRtaW46cHc=', 'PATH_INFO': '/v3'}", 'YWRtaW46cHc=', 'authorization'],
  [
    "environ {'HTTP_X_AUTH_TOKEN': 'gAAAAABwsgiTok', 'HTTP_COOKIE': 'sessionid=wsgiCookie1'}",
    'gAAAAABwsgiTok',
    'token',
  ],
  ["environ {'HTTP_COOKIE': 'sessionid=wsgiCookie1'}", 'wsgiCookie1', 'cookie'],
  ["{'password': u'PyTwoPw1'}", 'PyTwoPw1', 'password'],
  ["{'password': b'BytesPw2'}", 'BytesPw2', 'password'],
  ['数据库密码：DbPw中文1', 'DbPw中文1', 'password'],
  ['口令=Kouling99', 'Kouling99', 'password'],
  ['访问密钥: MiYao777', 'MiYao777', 'secret-key'],
  [
    '    client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQo=',
    'LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQo=',
    'private-key',
  ],
  ['mongodb://user:p@ssPw25@mongo.internal:27017/admin', 'ssPw25', 'connection-string'],
  ['postgres://user:pa/ssPw26@db.internal:5432/x', 'ssPw26', 'connection-string'],
  ['url=jdbc:oracle:thin:scott/OraPw24@db:1521:orcl', 'OraPw24', 'connection-string'],
  ['curl -u admin:CurlPw31 https://api.internal/v1', 'CurlPw31', 'password'],
  ['mysql -uroot -pMyPw32 -e "show databases"', 'MyPw32', 'password'],
  ['sshpass -p SshPw33 ssh root@10.0.0.1', 'SshPw33', 'password'],
  ['argv: ["openstack", "--os-password", "ArgvPw58", "server", "list"]', 'ArgvPw58', 'password'],
  ['{"auth": {"token": {"id": "gAAAAABkeystoneV3"}}}', 'gAAAAABkeystoneV3', 'token'],
  ['GET /b/o?X-Amz-Signature=abcdef0123456789&X-Amz-Expires=60', 'abcdef0123456789', 'token'],
  ['ldap bindpw=LdapPw41', 'LdapPw41', 'password'],
  ['Driver={ODBC};Server=db1;Uid=sa;Pwd=OdbcPw42;', 'OdbcPw42', 'password'],
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
    const pem = [
      '-----BEGIN RSA PRIVATE KEY-----',
      'MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn',
      'q1w2e3r4t5y6u7i8o9p0',
      '-----END RSA PRIVATE KEY-----',
    ].join('\n');
    const out = secretsOnly().redact(`key loaded:\n${pem}\nnext line`);
    expect(out).not.toContain('MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn');
    expect(out).toContain('next line');
    const cut = secretsOnly().redact('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA');
    expect(cut).not.toContain('b3BlbnNzaC1rZXktdjEAAAAA');
  });

  it('masks a PGP key block and keeps what follows an Authorization credential', () => {
    const pgp = secretsOnly().redact(
      '-----BEGIN PGP PRIVATE KEY BLOCK-----\nlQOYBF0pgpBodyLine\n-----END PGP PRIVATE KEY BLOCK-----',
    );
    expect(pgp).not.toContain('lQOYBF0pgpBodyLine');
    expect(secretsOnly().redact('Authorization: Bearer abcdefghijklmnop req=req-77 took 5002ms status=504')).toBe(
      'Authorization: Bearer [REDACTED:authorization] req=req-77 took 5002ms status=504',
    );
    expect(secretsOnly().redact('map[Authorization:[Bearer abcdefghijk] X-Request-Id:[req-77]]')).toBe(
      'map[Authorization:[Bearer [REDACTED:authorization]] X-Request-Id:[req-77]]',
    );
  });

  it('leaves keys that only name a secret, and words about one, alone', () => {
    for (const line of [
      '"password_expires_at": "2025-10-01T00:00:00"',
      'PasswordAuthentication=no',
      'token: expired',
      'password: null',
      'password=${DB_PASSWORD}',
      '"token": {"expires_at": "2025-10-01"}',
    ]) {
      expect(secretsOnly().redact(line), line).toBe(line);
    }
  });

  it('keeps the key names, ordinary text and already masked values', () => {
    const redactor = secretsOnly();
    expect(redactor.redact('password=*** user=admin')).toBe('password=*** user=admin');
    expect(redactor.redact('Password expired for user admin, 3 tokens left')).toBe(
      'Password expired for user admin, 3 tokens left',
    );
    expect(redactor.redact('Failed to attach volume 5f1c to instance vm-web01')).toBe(
      'Failed to attach volume 5f1c to instance vm-web01',
    );
    const once = redactor.redact('password=abc');
    expect(redactor.redact(once)).toBe(once);
    expect(once).toBe('password=[REDACTED:password]');
    expect(redactor.summary().total).toBe(1);
  });

  it('never lets a planted secret through, whatever surrounds it', () => {
    const key = fc.constantFrom(
      'password',
      'db_password',
      'X-Auth-Token',
      'access_token',
      'secret_key',
      'client_secret',
      'token',
    );
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
    const lines = [
      'alert sent to ops.lead@customer.com',
      'host=vm-web01 state=down',
      'ssh to vm-web01 then db1.corp.example.com',
      'path /var/log/vm-web01/nova.log',
    ];
    for (const line of lines) redactor.learn(line);
    const out = lines.map((line) => redactor.redact(line));
    expect(out[0]).toBe('alert sent to [email-1]');
    expect(out[1]).toBe('host=[host-1] state=down');
    expect(out[2]).toBe('ssh to [host-1] then [host-2]');
    expect(out[3]).toBe('path /var/log/[host-1]/nova.log');
  });

  it('leaves software names, image paths and four-part versions alone', () => {
    const redactor = new Redactor({ secrets: true, network: true });
    const lines = [
      'goroutine 1 [select]: yunion.io/x/onecloud/pkg/appsrv.(*SWorkerManager).Run',
      'image k8s.io/pause:3.6 from docker.io/library/nginx',
      'Server: Apache-Coyote/1.1',
      'node: kube-proxy',
      'agent version 4.0.2.1 on kernel 5.4.0.150 via openresty/1.21.4.1',
    ];
    for (const line of lines) redactor.learn(line);
    for (const line of lines) expect(redactor.redact(line), line).toBe(line);
    const bundle = redactor.redact('sosreport-db01.customer.com-2025.tar.gz');
    expect(bundle).not.toMatch(/db01|customer\.com/);
    expect(bundle).toMatch(/^(?:sosreport-)?\[host-1\]-2025\.tar\.gz$/);
  });

  it('leaves versions, clocks and plain words alone', () => {
    const redactor = new Redactor({ secrets: true, network: true });
    redactor.learn('server=compute');
    expect(redactor.redact('version 1.2.3.4.5 at 16:24:31.123 on compute')).toBe(
      'version 1.2.3.4.5 at 16:24:31.123 on compute',
    );
    expect(redactor.redact('localhost:8080')).toBe('localhost:8080');
  });

  it('leaves addresses alone when only secrets are asked for', () => {
    expect(secretsOnly().redact('from 10.0.0.1 to a@b.com')).toBe('from 10.0.0.1 to a@b.com');
  });
});

describe('Redactor: the redaction corpus (issue 13), shape by shape', () => {
  it.each(SECRET_CORPUS.map((shape) => [shape.name, shape] as const))('masks %s', (_name, shape) => {
    const redactor = secretsOnly();
    const text = shape.lines.join('\n');
    redactor.learn(text);
    const whole = redactor.redact(text);
    // Each line alone too, as an evidence line or a timeline event shows it (after the whole was learnt).
    const alone = shape.lines.map((line) => redactor.redact(line)).join('\n');
    for (const canary of [shape.canary, shape.canary2 ?? shape.canary]) {
      expect(whole, 'the lines together').not.toContain(canary);
      expect(alone, 'each line alone').not.toContain(canary);
    }
    expect(redactor.summary().counts[shape.kind as 'token'], `counted as ${shape.kind}`).toBeGreaterThan(0);
  });

  it('leaves the near misses alone', () => {
    for (const line of NEAR_MISSES) expect(secretsOnly().redact(line), line).toBe(line);
  });

  it('keeps the key, the host and the rest of the line readable', () => {
    expect(secretsOnly().redact('dsn=porter:Pw0rd9x@tcp(10.0.0.6:3306)/porter')).toBe(
      'dsn=porter:[REDACTED:connection-string]@tcp(10.0.0.6:3306)/porter',
    );
    expect(secretsOnly().redact('<password>Pw0rd9x</password>')).toBe('<password>[REDACTED:password]</password>');
    expect(secretsOnly().redact('初始密码为：Pw0rd9x，请及时修改')).toBe('初始密码为：[REDACTED:password]，请及时修改');
    expect(secretsOnly().redact('ipmitool -H 10.0.0.9 -U admin -P Pw0rd9x chassis status')).toBe(
      'ipmitool -H 10.0.0.9 -U admin -P [REDACTED:password] chassis status',
    );
    expect(secretsOnly().redact('AccountName=logs;AccountKey=abc0123456789==;EndpointSuffix=core.windows.net')).toBe(
      'AccountName=logs;AccountKey=[REDACTED:secret-key];EndpointSuffix=core.windows.net',
    );
  });

  it('reads a word after a key in a sentence as prose, after an assignment as a value', () => {
    expect(secretsOnly().redact('the password is incorrect')).toBe('the password is incorrect');
    expect(secretsOnly().redact('密码为空')).toBe('密码为空');
    expect(secretsOnly().redact('password=length')).toBe('password=[REDACTED:password]');
    expect(secretsOnly().redact('the password is Sunshine7')).toBe('the password is [REDACTED:password]');
  });

  it('does not take a path after --private-key, or a suffixed option, for a secret', () => {
    for (const line of [
      'ssh --private-key ~/.ssh/id_rsa host',
      'ansible --private-key=/etc/keys/deploy.pem',
      'kubeadm init --token-ttl 0',
      '--discovery-token-ca-cert-hash sha256:0f3e',
    ]) {
      expect(secretsOnly().redact(line), line).toBe(line);
    }
  });
});

describe('Redactor: values learnt where a key gave them away are masked everywhere', () => {
  it('masks `credential T` after `Bearer T`, and `admin/Y` after `password=Y`, in texts seen before or after', () => {
    const redactor = secretsOnly();
    const texts = [
      'retry with credential tok3nValueX1',
      'Authorization: Bearer tok3nValueX1',
      'password=Hunter2Pass',
      'later: admin/Hunter2Pass; conclusion mentions Hunter2Pass',
    ];
    for (const text of texts) redactor.learn(text);
    const out = texts.map((text) => redactor.redact(text));
    expect(out[0]).toBe('retry with credential [REDACTED:learned]');
    expect(out[1]).toBe('Authorization: Bearer [REDACTED:authorization]');
    expect(out[3]).toBe('later: admin/[REDACTED:learned]; conclusion mentions [REDACTED:learned]');
    expect(redactor.summary().counts).toMatchObject({ learned: 3, authorization: 1, password: 1 });
  });

  it('masks a learnt value in its URL-encoded and JSON-escaped forms, and the password of a connection string alone', () => {
    const redactor = secretsOnly();
    redactor.learn('password="p@ss\\w0rd!"');
    redactor.learn('mysql://porter:Sq1Pass99@db:3306/x');
    expect(redactor.redact('GET /login?pw=p%40ss%5Cw0rd! 200')).toBe('GET /login?pw=[REDACTED:learned] 200');
    expect(redactor.redact('{"note": "p@ss\\\\w0rd!"}')).toBe('{"note": "[REDACTED:learned]"}');
    expect(redactor.redact('retry Sq1Pass99 failed')).toBe('retry [REDACTED:learned] failed');
  });

  it('never learns a value that could be ordinary text: short, digits, a plain word, a placeholder', () => {
    const redactor = secretsOnly();
    const given = [
      'password=1',
      'password=true',
      'password=12345678',
      'password=openstack',
      'password=Admin',
      'password=abc12',
      'password=${DB_PASSWORD}',
      'token=aaaaaaaa',
    ];
    for (const text of given) redactor.learn(text);
    const prose = 'at 1 of 12345678 bytes, openstack Admin said true: abc12 aaaaaaaa ${DB_PASSWORD}';
    expect(redactor.redact(prose)).toBe(prose);
  });

  it('learns what is distinctive: mixed classes, camel case, 12 letters or more', () => {
    const redactor = secretsOnly();
    for (const text of ['password=changeme1', 'password=AdminPass', 'password=correcthorsebattery'])
      redactor.learn(text);
    expect(redactor.redact('tried changeme1, AdminPass and correcthorsebattery')).toBe(
      'tried [REDACTED:learned], [REDACTED:learned] and [REDACTED:learned]',
    );
  });

  it('masks a short learnt value only where it stands alone, a long one inside anything', () => {
    const redactor = secretsOnly();
    redactor.learn('password=Pw0rd9');
    redactor.learn('token=Zq81LmXv0aKtPq72Rw');
    expect(redactor.redact('Pw0rd9 xPw0rd9y Pw0rd9/')).toBe('[REDACTED:learned] xPw0rd9y [REDACTED:learned]/');
    expect(redactor.redact('id-Zq81LmXv0aKtPq72Rw-x')).toBe('id-[REDACTED:learned]-x');
  });
});

describe('Redactor: every pattern is linear on a 64 KB line', () => {
  const units = [
    'a',
    '=',
    '.',
    '-',
    '/',
    ':',
    '"',
    '\\',
    '%',
    '<',
    'a:',
    'a.',
    '-a',
    '--a',
    'mysql ',
    'ipmitool ',
    '%22',
    '\\"',
    'a@',
    '$1$',
    'AQ',
    '密码是',
    'login a ',
    '<password>',
    'aB3',
    'sk-',
    'eyJa.',
    '\n',
    'a\n',
    '0:',
  ];
  it.each(units)('finishes on %j repeated to 64 KB, alone and after a key', (unit) => {
    const line = unit.repeat(Math.ceil(65_536 / unit.length));
    for (const text of [line, `password=${line}`, `Authorization: Bearer ${line}`]) {
      const redactor = new Redactor({ secrets: true, network: true });
      redactor.learn(text);
      expect(redactor.redact(text).length).toBeGreaterThan(0);
    }
  });

  it('finishes on password= followed by 64 KB of x (a placeholder) or of a value', () => {
    const placeholder = `password=${'x'.repeat(65_536)}`;
    expect(secretsOnly().redact(placeholder)).toBe(placeholder);
    expect(secretsOnly().redact(`password=${'Y7'.repeat(32_768)}`)).toBe('password=[REDACTED:password]');
  });
});
