// Log lines, labelled with the default entities: DATE_TIME (timestamps), IP_ADDRESS, EMAIL_ADDRESS,
// PERSON (display names in payloads), PHONE_NUMBER. Look-alikes that are not labelled: request ids,
// UUIDs, hex digests, durations, ports, pids, status codes, byte counts, versions, paths.
// Family A (dev split): logfmt, syslog, JSON; family B (held-out split): Python logging, access logs,
// Java logs, each with its own seed and name pools.
import { TextBuilder, type LabelledRecord } from './builder.js';
import { chance, int, pad2, pick, rng, type Rng } from './rng.js';
import { familyName, givenName, pools, type Pools, type Split } from './vocab.js';

interface Ctx { r: Rng; p: Pools; b: TextBuilder }

const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MAIL = ['gmail.com', 'example.org', 'corp.example.com', 'outlook.com'];

function hex(r: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[int(r, 0, 15)];
  return s;
}
function uuid(r: Rng): string {
  return `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`;
}
function ip(r: Rng): string {
  return pick(r, [`${int(r, 11, 223)}.${int(r, 0, 255)}.${int(r, 0, 255)}.${int(r, 1, 254)}`, `2001:db8:${hex(r, 4)}::${hex(r, 3)}`]);
}
function ymd(r: Rng): [number, number, number, string] {
  const y = int(r, 2021, 2025);
  const m = int(r, 1, 12);
  const d = int(r, 1, 28);
  return [y, m, d, `${pad2(int(r, 0, 23))}:${pad2(int(r, 0, 59))}:${pad2(int(r, 0, 59))}`];
}
function email(c: Ctx): string {
  return `${givenName(c.r, c.p)}.${familyName(c.r, c.p)}@${pick(c.r, MAIL)}`.toLowerCase();
}
function phone(r: Rng): string {
  return pick(r, [`+1${int(r, 201, 989)}${int(r, 201, 989)}${String(int(r, 0, 9999)).padStart(4, '0')}`, `(${int(r, 201, 989)}) ${int(r, 201, 989)}-${String(int(r, 0, 9999)).padStart(4, '0')}`]);
}

function lineA(c: Ctx, i: number): void {
  const [y, m, d, t] = ymd(c.r);
  const k = i % 3;
  if (k === 0) {
    c.b.t('ts=').e('DATE_TIME', `${y}-${pad2(m)}-${pad2(d)}T${t}.${int(c.r, 100, 999)}Z`).t(` level=${pick(c.r, ['info', 'warn', 'error'])} msg="${pick(c.r, ['login ok', 'login failed', 'password reset requested', 'mfa challenge sent'])}" user=`).e('EMAIL_ADDRESS', email(c)).t(' ip=').e('IP_ADDRESS', ip(c.r)).t(` req_id=${hex(c.r, 16)} dur=${int(c.r, 2, 900)}ms`);
  } else if (k === 1) {
    c.b.e('DATE_TIME', `${MON[m - 1]} ${String(d).padStart(2, ' ')} ${t}`).t(` web${pad2(int(c.r, 1, 12))} sshd[${int(c.r, 1000, 65000)}]: ${pick(c.r, ['Failed password for', 'Accepted publickey for'])} ${pick(c.r, ['root', 'deploy', 'ubuntu', 'admin'])} from `).e('IP_ADDRESS', ip(c.r)).t(` port ${int(c.r, 1024, 65535)} ssh2`);
  } else {
    c.b.t('{"time":"').e('DATE_TIME', `${y}-${pad2(m)}-${pad2(d)}T${t}Z`).t(`","level":"info","event":"profile.updated","trace":"${uuid(c.r)}","display_name":"`).e('PERSON', `${givenName(c.r, c.p)} ${familyName(c.r, c.p)}`).t('","phone":"').e('PHONE_NUMBER', phone(c.r)).t(`","version":"${int(c.r, 1, 5)}.${int(c.r, 0, 30)}.${int(c.r, 0, 9)}"}`);
  }
}

function lineB(c: Ctx, i: number): void {
  const [y, m, d, t] = ymd(c.r);
  const k = i % 3;
  if (k === 0) {
    c.b.e('DATE_TIME', `${y}-${pad2(m)}-${pad2(d)} ${t},${int(c.r, 100, 999)}`).t(` - billing.worker - ${pick(c.r, ['ERROR', 'WARNING', 'INFO'])} - charge declined for customer `).e('PERSON', `${givenName(c.r, c.p)} ${familyName(c.r, c.p)}`).t(` <`).e('EMAIL_ADDRESS', email(c)).t(`> (cust_${hex(c.r, 14)}), retry ${int(c.r, 1, 5)}/5 in ${int(c.r, 10, 300)}s`);
  } else if (k === 1) {
    c.b.e('IP_ADDRESS', ip(c.r)).t(' - - [').e('DATE_TIME', `${pad2(d)}/${MON[m - 1]}/${y}:${t} +0000`).t(`] "GET /api/v2/orders/${int(c.r, 10000, 99999)}?page=${int(c.r, 1, 9)} HTTP/1.1" ${pick(c.r, [200, 304, 404, 500])} ${int(c.r, 100, 90000)} "-" "Mozilla/5.0"`);
  } else {
    c.b.e('DATE_TIME', `${pad2(d)} ${MON[m - 1]} ${y} ${t}.${int(c.r, 100, 999)}`).t(` [pool-${int(c.r, 1, 8)}-thread-${int(c.r, 1, 40)}] WARN c.e.notify.SmsSender - delivery failed to `).e('PHONE_NUMBER', phone(c.r)).t(` for user id ${int(c.r, 100000, 9999999)} (sha256 ${hex(c.r, 64)})`);
  }
  if (chance(c.r, 0.2)) c.b.t(` host=${hex(c.r, 8)} pid=${int(c.r, 100, 40000)}`);
}

export function logLines(split: Split, n: number): LabelledRecord[] {
  const r = rng(split === 'dev' ? 3307 : 7703);
  const p = pools(split);
  return Array.from({ length: n }, (_, i) => {
    const c: Ctx = { r, p, b: new TextBuilder() };
    (split === 'dev' ? lineA : lineB)(c, i);
    return c.b.build(`log-${split}-${i + 1}`, { set: 'log-lines', split, genre: split === 'dev' ? 'logfmt-syslog-json' : 'python-access-java' });
  });
}
