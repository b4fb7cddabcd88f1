// Issue 12, item 3: the client address's failed-credential limit is consulted before any credential
// is verified and before anything is written. Past it, a request is refused 429 without its
// credential being looked at (a right guess included), and the refusals of one address (or of one
// principal over its rate) are audited as ONE summary event per interval with the count, so a
// flood of bad credentials costs O(1) audit writes. In-process with inject(); the same over real
// TLS with `cordon serve` is in test/integration/server-hardening.test.ts.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { tempKeyring, type TempKeyring } from '../../helpers/keyring.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import { buildServer, type ServerOptions } from '../../../src/server/app.js';
import type { Authorizer } from '../../../src/server/authorize.js';
import type { Principal } from '../../../src/server/principal.js';
import { RefusalTally, type RefusalSummary } from '../../../src/server/refusal-tally.js';
import type { AuditEvent } from '../../../src/audit/event.js';

const GOOD_KEY = `ck_${'a'.repeat(24)}_${'G'.repeat(43)}`;
const svc: Principal = { id: 'svc:etl', roles: [], attributes: {}, via: 'apikey' };
const PERMIT: Authorizer = { authorize: () => ({ allowed: true, policies: ['permit'], errors: [] }) };
const guess = (i: number) => `ck_${'0'.repeat(24)}_${String(i).padStart(43, 'x')}`;

describe('server: failed credentials are limited per address before they are checked (issue 12 item 3)', () => {
  let tk: TempKeyring;
  const open: Array<ReturnType<typeof buildServer>> = [];
  let checked: string[];

  const make = (options: ServerOptions = {}) => {
    const s = buildServer({ keyring: tk.keyring, audit: tk.audit, recognizers: DEFAULT_RECOGNIZERS }, {
      authenticators: {
        apiKey: async (k) => { checked.push(k); if (k !== GOOD_KEY) throw new Error('unknown key'); return svc; },
        jwt: async (t) => { checked.push(t); throw new Error('bad token'); },
      },
      authorizer: PERMIT,
      ...options,
    });
    open.push(s);
    return s;
  };
  const decisions = (from: number): AuditEvent[] => tk.audit.events.slice(from).filter((e) => e.type === 'authz.decision');
  const summaries = (from: number): AuditEvent[] => decisions(from).filter((e) => e.attributes?.['stage'] === 'rate-limited');

  before(async () => { tk = await tempKeyring(); });
  after(async () => {
    for (const s of open) await s.app.close();
    await tk.cleanup();
  });

  it('a flood of bad API keys: each within the budget audited, the rest one summary with the count', async () => {
    checked = [];
    const s = make({ limits: { authFailureBurst: 5, authFailuresPerSecond: 0.001 } });
    const n = tk.audit.events.length;
    const codes: number[] = [];
    for (let i = 0; i < 200; i++) {
      const r = await s.app.inject({ method: 'POST', url: '/v1/detect', headers: { 'x-api-key': guess(i) }, payload: { text: 'hi' } });
      codes.push(r.statusCode);
      assert.equal(r.json().code, i < 5 ? 'ERR_UNAUTHENTICATED' : 'ERR_RATE_LIMITED');
      if (r.statusCode === 429) assert.ok(Number(r.headers['retry-after']) >= 1);
    }
    assert.deepEqual(codes, [...Array(5).fill(401), ...Array(195).fill(429)]);
    assert.equal(checked.length, 5, 'only the guesses within the budget were verified');
    assert.equal(decisions(n).length, 5, 'one event per audited failure, none per refusal');
    await s.app.close(); // writes out the interval's summary
    const sum = summaries(n);
    assert.equal(sum.length, 1);
    assert.equal(sum[0]!.principal, 'unauthenticated');
    assert.equal(sum[0]!.reason, 'ERR_RATE_LIMITED');
    assert.equal(sum[0]!.attributes!['count'], 195);
    assert.equal(sum[0]!.attributes!['actions'], 'detect');
    assert.equal(sum[0]!.attributes!['source'], '127.0.0.1');
    assert.equal(decisions(n).length, 6);
    const all = JSON.stringify(tk.audit.events);
    for (let i = 0; i < 200; i++) assert.ok(!all.includes(guess(i)));
  });

  it('a right guess sent while the address is limited is refused without being checked', async () => {
    checked = [];
    const s = make({ limits: { authFailureBurst: 3, authFailuresPerSecond: 0.001 } });
    assert.equal((await s.app.inject({ method: 'GET', url: '/v1/keys', headers: { 'x-api-key': GOOD_KEY } })).statusCode, 200);
    for (let i = 0; i < 3; i++) assert.equal((await s.app.inject({ method: 'GET', url: '/v1/keys', headers: { 'x-api-key': guess(i) } })).statusCode, 401);
    checked = [];
    const right = await s.app.inject({ method: 'GET', url: '/v1/keys', headers: { 'x-api-key': GOOD_KEY } });
    assert.equal(right.statusCode, 429);
    assert.equal(right.json().code, 'ERR_RATE_LIMITED');
    assert.deepEqual(checked, [], 'the credential was not verified');
    // Another address is not affected.
    const other = await s.app.inject({ method: 'GET', url: '/v1/keys', headers: { 'x-api-key': GOOD_KEY }, remoteAddress: '10.0.0.7' });
    assert.equal(other.statusCode, 200);
  });

  it('bad JWTs and missing credentials count against the address the same way', async () => {
    checked = [];
    const s = make({ limits: { authFailureBurst: 4, authFailuresPerSecond: 0.001 } });
    const n = tk.audit.events.length;
    const codes: number[] = [];
    for (let i = 0; i < 30; i++) {
      const headers = i % 3 === 0 ? {} : i % 3 === 1 ? { authorization: `Bearer bad.jwt.${i}` } : { authorization: 'Basic xyz' };
      codes.push((await s.app.inject({ method: 'GET', url: '/v1/keys', headers })).statusCode);
    }
    assert.deepEqual(codes, [...Array(4).fill(401), ...Array(26).fill(429)]);
    assert.ok(checked.length <= 4);
    assert.equal(decisions(n).length, 4);
    await s.app.close();
    assert.equal(summaries(n).length, 1);
    assert.equal(summaries(n)[0]!.attributes!['count'], 26);
  });

  it('a principal over its rate: 429s counted in one summary for that principal, not one event each', async () => {
    checked = [];
    const s = make({ limits: { ratePerSecond: 0.001, burst: 2 } });
    const n = tk.audit.events.length;
    const codes: number[] = [];
    for (let i = 0; i < 50; i++) codes.push((await s.app.inject({ method: 'GET', url: '/v1/keys', headers: { 'x-api-key': GOOD_KEY } })).statusCode);
    assert.deepEqual(codes, [200, 200, ...Array(48).fill(429)]);
    assert.equal(decisions(n).length, 2, 'the two allowed decisions only');
    await s.app.close();
    const sum = summaries(n);
    assert.equal(sum.length, 1);
    assert.equal(sum[0]!.principal, 'svc:etl');
    assert.equal(sum[0]!.attributes!['count'], 48);
  });

  it('the tally: one summary per key per write-out; written out early past maxKeys; an emit that throws is reported, not thrown', () => {
    const out: RefusalSummary[] = [];
    const errors: unknown[] = [];
    const t = new RefusalTally({ emit: (s) => { if (s.principal === 'boom') throw new Error('disk full'); out.push(s); }, onError: (e) => errors.push(e), maxKeys: 2 });
    for (let i = 0; i < 10; i++) t.count('addr:a', { principal: 'unauthenticated', source: 'a' }, i % 2 ? 'detect' : 'tokenize');
    t.count('principal:p', { principal: 'p', source: 'b' }, 'keys:list');
    assert.equal(out.length, 0);
    t.count('principal:boom', { principal: 'boom', source: 'c' }, 'detect'); // a third key: the first two are written out
    assert.deepEqual(out.map((s) => [s.principal, s.count, s.actions]), [['unauthenticated', 10, 'detect,tokenize'], ['p', 1, 'keys:list']]);
    t.close();
    assert.equal(errors.length, 1);
    t.flush();
    assert.equal(out.length, 2, 'nothing counted twice');
  });
});
