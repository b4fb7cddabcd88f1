// Request ids, exactly one authz.decision event per /v1 request that needs a decision (refusals
// before the decision included), the audit barrier (flushAudit before any answer; 503
// ERR_AUDIT_UNAVAILABLE when it fails), the consent header, mfa from the credential only, and the
// per-handler timeout. In-process with inject().
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { InjectOptions } from 'fastify';
import { Type } from '@sinclair/typebox';
import { tempKeyring, type TempKeyring } from '../../helpers/keyring.js';
import { TokenVault } from '../../../src/vault/vault.js';
import { SqliteVaultStore } from '../../../src/vault/store/sqlite.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import { buildServer, DEFAULT_LIMITS, type ServerOptions } from '../../../src/server/app.js';
import type { Authorizer, AuthzRequest } from '../../../src/server/authorize.js';
import type { ServerDeps } from '../../../src/server/route.js';
import type { Principal } from '../../../src/server/principal.js';
import { parseServerConfig } from '../../../src/server/config.js';
import type { AuditEvent } from '../../../src/audit/event.js';

const SECRET = '4111 1111 1111 1111';
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const principals: Record<string, Principal> = {
  plain: { id: 'user:plain', roles: [], attributes: { mfa: true }, via: 'jwt' },
  strong: { id: 'user:strong', roles: [], attributes: {}, via: 'jwt', mfa: true },
  weak: { id: 'user:weak', roles: [], attributes: {}, via: 'jwt', mfa: false },
};

/** Allows everything except detokenize without purpose "support". */
class TestAuthorizer implements Authorizer {
  readonly seen: AuthzRequest[] = [];
  authorize(r: AuthzRequest) {
    this.seen.push(r);
    const allowed = r.action !== 'detokenize' || r.context.purpose === 'support';
    return { allowed, policies: [allowed ? 'allow-all' : 'detokenize-needs-support'], errors: [] };
  }
}

describe('server: request ids, the audit barrier, context sources, handler timeouts', () => {
  let tk: TempKeyring;
  let vault: TokenVault;
  const authz = new TestAuthorizer();
  const open: Array<ReturnType<typeof buildServer>> = [];

  const make = (deps: Partial<ServerDeps> = {}, options: ServerOptions = {}) => {
    const s = buildServer({ keyring: tk.keyring, audit: tk.audit, vault, recognizers: DEFAULT_RECOGNIZERS, ...deps }, {
      authenticators: {
        jwt: async (t) => {
          const p = principals[t];
          if (p === undefined) throw new Error('bad');
          return p;
        },
      },
      authorizer: authz,
      ...options,
    });
    open.push(s);
    return s;
  };
  const bearer = (who: string) => ({ authorization: `Bearer ${who}` });
  const decisions = (from: number, requestId?: string): AuditEvent[] =>
    tk.audit.events.slice(from).filter((e) => e.type === 'authz.decision' && (requestId === undefined || e.attributes?.['request_id'] === requestId));

  before(async () => {
    tk = await tempKeyring();
    vault = await TokenVault.open(SqliteVaultStore.open(join(tk.dir, 'vault.db')), tk.keyring);
  });
  after(async () => {
    for (const s of open) await s.app.close();
    await vault.close();
    await tk.cleanup();
  });

  it('every answer carries a fresh random x-request-id; a client-sent one is ignored', async () => {
    const s = make();
    const ids = new Set<string>();
    for (const r of [
      await s.app.inject({ method: 'GET', url: '/v1/healthz', headers: { 'x-request-id': 'attacker-chosen', 'request-id': 'attacker-chosen' } }),
      await s.app.inject({ method: 'GET', url: '/v1/keys', headers: { 'x-request-id': 'attacker-chosen' } }), // 401
      await s.app.inject({ method: 'GET', url: '/v1/nothing' }), // 404
      await s.app.inject({ method: 'GET', url: '/v1/keys', headers: bearer('plain') }), // 200
      await s.app.inject({ method: 'POST', url: '/v1/keys/%E0%A4%A/rotate' }), // 400 before routing
    ]) {
      const id = r.headers['x-request-id'] as string;
      assert.match(id, UUID_RE, `status ${r.statusCode}`);
      assert.notEqual(id, 'attacker-chosen');
      ids.add(id);
    }
    assert.equal(ids.size, 5);
  });

  it('exactly one authz.decision per request, carrying the request id: allow, deny, unauthenticated', async () => {
    const s = make();
    for (const [headers, status] of [[bearer('plain'), 200], [{}, 401], [bearer('nobody'), 401]] as const) {
      const n = tk.audit.events.length;
      const r = await s.app.inject({ method: 'GET', url: '/v1/keys', headers });
      assert.equal(r.statusCode, status);
      const id = r.headers['x-request-id'] as string;
      assert.equal(decisions(n).length, 1, `status ${status}`);
      assert.equal(decisions(n, id).length, 1);
    }
    const n = tk.audit.events.length;
    const d = await s.app.inject({ method: 'POST', url: '/v1/detokenize', headers: bearer('plain'), payload: { namespace: 'n', tokens: ['t'], purpose: 'marketing' } });
    assert.equal(d.statusCode, 403);
    const evs = decisions(n);
    assert.equal(evs.length, 1);
    assert.equal(evs[0]!.attributes!['request_id'], d.headers['x-request-id']);
    assert.equal(evs[0]!.attributes!['decision'], 'deny');
  });

  it('a request refused after authentication but before its decision is audited once, with the refusal code', async () => {
    const s = make({}, { limits: { bodyBytes: 1024, ratePerSecond: 1, burst: 6 } });
    const cases: Array<[InjectOptions, number, string]> = [
      [{ method: 'POST', url: '/v1/tokenize', headers: bearer('plain'), payload: { namespace: 'n', values: ['x'.repeat(2000)] } }, 413, 'ERR_BODY_TOO_LARGE'],
      [{ method: 'POST', url: '/v1/tokenize', headers: { ...bearer('plain'), 'content-type': 'application/json' }, payload: `{"namespace":"n","values":["${SECRET}"` }, 400, 'ERR_INPUT_INVALID'],
      [{ method: 'POST', url: '/v1/tokenize', headers: bearer('plain'), payload: { namespace: '../etc', values: [SECRET] } }, 400, 'ERR_INPUT_INVALID'],
      [{ method: 'POST', url: '/v1/tokenize', headers: { ...bearer('plain'), 'x-cordon-consent': 'yes' }, payload: { namespace: 'n', values: [SECRET] } }, 400, 'ERR_INPUT_INVALID'],
      [{ method: 'POST', url: '/v1/tokenize', headers: { ...bearer('plain'), 'x-cordon-purpose': '<x>' }, payload: { namespace: 'n', values: [SECRET] } }, 400, 'ERR_INPUT_INVALID'],
    ];
    for (const [req, status, code] of cases) {
      const n = tk.audit.events.length;
      const r = await s.app.inject(req);
      assert.equal(r.statusCode, status, code);
      assert.equal(r.json().code, code);
      const evs = decisions(n);
      assert.equal(evs.length, 1, `${code}: one event`);
      assert.equal(evs[0]!.principal, 'user:plain');
      assert.equal(evs[0]!.reason, code);
      assert.equal(evs[0]!.attributes!['decision'], 'deny');
      assert.equal(evs[0]!.attributes!['request_id'], r.headers['x-request-id']);
    }
    // Over the rate: the 429 has no event of its own; the principal's refusals are one summary (issue 12).
    let last;
    for (let i = 0; i < 4 && last?.statusCode !== 429; i++) last = await s.app.inject({ method: 'GET', url: '/v1/keys', headers: bearer('plain') });
    assert.equal(last!.statusCode, 429);
    assert.equal(decisions(0, last!.headers['x-request-id'] as string).length, 0);
    const n = tk.audit.events.length;
    await s.app.close();
    const ev = decisions(n);
    assert.equal(ev.length, 1);
    assert.equal(ev[0]!.reason, 'ERR_RATE_LIMITED');
    assert.equal(ev[0]!.principal, 'user:plain');
    assert.equal(ev[0]!.attributes!['count'], 1);
    assert.ok(!JSON.stringify(tk.audit.events).includes(SECRET));
  });

  it('public routes and unknown routes write no decision', async () => {
    const s = make();
    const n = tk.audit.events.length;
    await s.app.inject({ method: 'GET', url: '/v1/healthz' });
    await s.app.inject({ method: 'GET', url: '/metrics' });
    await s.app.inject({ method: 'GET', url: '/v1/nothing' });
    assert.equal(decisions(n).length, 0);
  });

  it('flushAudit runs before every answer of a route that needs a decision', async () => {
    let flushed = 0;
    let pending: (() => void) | undefined;
    const s = make({ flushAudit: () => new Promise<void>((resolve) => { flushed++; pending = resolve; }) });
    let done = false;
    const p = s.app.inject({ method: 'POST', url: '/v1/tokenize', headers: bearer('plain'), payload: { namespace: 'n', values: ['v'] } }).then((r) => { done = true; return r; });
    for (let i = 0; i < 50 && pending === undefined; i++) await new Promise((r) => setTimeout(r, 10));
    assert.ok(pending, 'flushAudit was called');
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(done, false, 'the answer waited for the flush');
    pending();
    assert.equal((await p).statusCode, 200);
    const before = flushed;
    pending = undefined;
    const q = s.app.inject({ method: 'GET', url: '/v1/keys' }); // 401: an error answer waits too
    for (let i = 0; i < 50 && pending === undefined; i++) await new Promise((r) => setTimeout(r, 10));
    pending!();
    assert.equal((await q).statusCode, 401);
    assert.equal(flushed, before + 1);
  });

  it('a failing flushAudit: 503 ERR_AUDIT_UNAVAILABLE instead of the answer; no value leaves; the server keeps working', async () => {
    let failing = false;
    const s = make({ flushAudit: async () => { if (failing) throw new Error('postgres: connection refused to db.internal:5432'); } });
    const t = await s.app.inject({ method: 'POST', url: '/v1/tokenize', headers: bearer('plain'), payload: { namespace: 'pay.card', values: [SECRET] } });
    assert.equal(t.statusCode, 200);
    const [token] = (t.json() as { tokens: string[] }).tokens;
    failing = true;
    const d = await s.app.inject({ method: 'POST', url: '/v1/detokenize', headers: { ...bearer('plain'), 'x-cordon-purpose': 'support' }, payload: { namespace: 'pay.card', tokens: [token] } });
    assert.equal(d.statusCode, 503);
    assert.deepEqual(Object.keys(d.json()).sort(), ['code', 'message']);
    assert.equal(d.json().code, 'ERR_AUDIT_UNAVAILABLE');
    assert.match(d.headers['x-request-id'] as string, UUID_RE);
    assert.ok(!d.body.includes(SECRET) && !d.body.includes(token!) && !d.body.includes('postgres'));
    assert.equal(Number(d.headers['content-length']), Buffer.byteLength(d.body));
    for (const [req, name] of [
      [{ method: 'GET' as const, url: '/v1/keys' }, '401'],
      [{ method: 'POST' as const, url: '/v1/detokenize', headers: bearer('plain'), payload: { namespace: 'pay.card', tokens: [token], purpose: 'marketing' } }, '403'],
      [{ method: 'POST' as const, url: '/v1/tokenize', headers: bearer('plain'), payload: { namespace: '../x', values: [SECRET] } }, '400'],
    ] as const) {
      const r = await s.app.inject(req);
      assert.equal(r.statusCode, 503, name);
      assert.equal(r.json().code, 'ERR_AUDIT_UNAVAILABLE', name);
    }
    const ready = await s.app.inject({ method: 'GET', url: '/v1/readyz' });
    assert.equal(ready.statusCode, 503);
    assert.equal(ready.json().code, 'ERR_AUDIT_UNAVAILABLE');
    assert.equal((await s.app.inject({ method: 'GET', url: '/v1/healthz' })).statusCode, 200);
    failing = false;
    const again = await s.app.inject({ method: 'POST', url: '/v1/detokenize', headers: { ...bearer('plain'), 'x-cordon-purpose': 'support' }, payload: { namespace: 'pay.card', tokens: [token] } });
    assert.equal(again.statusCode, 200);
    assert.deepEqual(again.json(), { values: [SECRET] });
  });

  it('an audit sink that throws on the decision: 503, never the handler', async () => {
    let ran = false;
    const throwing = { emit: () => { throw new Error('disk full'); } };
    const s = make({ audit: throwing }, {
      extraRoutes: [{
        method: 'GET', url: '/v1/probe', summary: 'probe', tags: ['test'], action: 'keys:list',
        resource: () => ({ type: 'service', id: 'probe', attributes: {} }), response: Type.Object({}),
        async handler() { ran = true; return {}; },
      }],
    });
    const r = await s.app.inject({ method: 'GET', url: '/v1/probe', headers: bearer('plain') });
    assert.equal(r.statusCode, 503);
    assert.equal(r.json().code, 'ERR_AUDIT_UNAVAILABLE');
    assert.equal(ran, false);
  });

  it('consent: granted → true, denied → false, absent → none; anything else 400; recorded in the audit event', async () => {
    const s = make();
    for (const [header, expected] of [['granted', true], ['denied', false], [undefined, undefined]] as const) {
      const n = tk.audit.events.length;
      const r = await s.app.inject({ method: 'POST', url: '/v1/tokenize', headers: { ...bearer('plain'), ...(header !== undefined ? { 'x-cordon-consent': header } : {}) }, payload: { namespace: 'n', values: ['v'] } });
      assert.equal(r.statusCode, 200);
      assert.equal(authz.seen.at(-1)!.context.consent, expected);
      assert.equal('consent' in authz.seen.at(-1)!.context, expected !== undefined);
      assert.equal(decisions(n)[0]!.attributes!['consent'], expected);
    }
    for (const bad of ['GRANTED', 'true', 'yes', '', 'granted, denied']) {
      const r = await s.app.inject({ method: 'POST', url: '/v1/tokenize', headers: { ...bearer('plain'), 'x-cordon-consent': bad }, payload: { namespace: 'n', values: ['v'] } });
      assert.equal(r.statusCode, 400, JSON.stringify(bad));
      assert.equal(r.json().code, 'ERR_INPUT_INVALID');
    }
    // A consent field in the body is not a source: the schema refuses it.
    const body = await s.app.inject({ method: 'POST', url: '/v1/tokenize', headers: bearer('plain'), payload: { namespace: 'n', values: ['v'], consent: true } });
    assert.equal(body.statusCode, 400);
  });

  it('mfa comes from the verified credential only: never from attributes, headers or the body', async () => {
    const s = make();
    const n = tk.audit.events.length;
    await s.app.inject({ method: 'GET', url: '/v1/keys', headers: { ...bearer('strong') } });
    assert.equal(authz.seen.at(-1)!.context.mfa, true);
    assert.equal(decisions(n)[0]!.attributes!['mfa'], true);
    await s.app.inject({ method: 'GET', url: '/v1/keys', headers: { ...bearer('weak'), 'x-cordon-mfa': 'true' } });
    assert.equal(authz.seen.at(-1)!.context.mfa, false);
    // attributes.mfa (a claim the credential carries for other uses) is not the second factor.
    await s.app.inject({ method: 'GET', url: '/v1/keys', headers: { ...bearer('plain'), 'x-cordon-mfa': 'true' } });
    assert.equal(authz.seen.at(-1)!.context.mfa, false);
    const r = await s.app.inject({ method: 'POST', url: '/v1/tokenize', headers: bearer('plain'), payload: { namespace: 'n', values: ['v'], mfa: true } });
    assert.equal(r.statusCode, 400);
  });

  it('a handler over limits.handlerTimeoutMs answers 503 ERR_TIMEOUT; the server keeps answering', { timeout: 60_000 }, async () => {
    const sleep: ServerOptions['extraRoutes'] = [{
      method: 'GET', url: '/v1/sleep', summary: 'sleeps', tags: ['test'], action: 'keys:list',
      resource: () => ({ type: 'service', id: 'sleep', attributes: {} }), response: Type.Object({ slept: Type.Boolean() }, { additionalProperties: false }),
      // The handler finishes only when the test says so: the answer must come while it still runs
      // (no wall-clock bound, which a loaded machine would break).
      async handler() { await handlerMayFinish; finished = true; return { slept: true }; },
    }];
    let release!: () => void;
    let finished = false;
    let handlerMayFinish = new Promise<void>((r) => { release = r; });
    const s = make({}, { limits: { handlerTimeoutMs: 50 }, extraRoutes: sleep });
    const n = tk.audit.events.length;
    const r = await s.app.inject({ method: 'GET', url: '/v1/sleep', headers: bearer('plain') });
    assert.equal(finished, false, 'answered before the handler finished');
    assert.equal(r.statusCode, 503);
    assert.equal(r.json().code, 'ERR_TIMEOUT');
    assert.equal(decisions(n).length, 1, 'the decision was audited once');
    const k = await s.app.inject({ method: 'GET', url: '/v1/keys', headers: bearer('plain') });
    assert.equal(k.statusCode, 200);
    release(); // the late result is dropped without a second answer
    await handlerMayFinish;
    await new Promise((res) => setImmediate(res));
    assert.equal(finished, true);
    const again = await s.app.inject({ method: 'GET', url: '/v1/keys', headers: bearer('plain') });
    assert.equal(again.statusCode, 200);
    handlerMayFinish = new Promise<void>((r) => { release = r; });
    const generous = make({}, { limits: { handlerTimeoutMs: 60_000 }, extraRoutes: sleep });
    const pending = generous.app.inject({ method: 'GET', url: '/v1/sleep', headers: bearer('plain') });
    setImmediate(() => release());
    const ok = await pending;
    assert.equal(ok.statusCode, 200);
    assert.deepEqual(ok.json(), { slept: true });
  });

  it('limits.handlerTimeoutMs: default 30 s, configurable, bounded', () => {
    assert.equal(DEFAULT_LIMITS.handlerTimeoutMs, 30_000);
    const base = { listen: { host: '127.0.0.1', port: 0 }, tls: { cert: 's.crt', key: { env: 'K' }, mtls: 'off' } };
    assert.equal(parseServerConfig(base, '/tmp').limits.handlerTimeoutMs, 30_000);
    assert.equal(parseServerConfig({ ...base, limits: { handlerTimeoutMs: 5000 } }, '/tmp').limits.handlerTimeoutMs, 5000);
    for (const v of [0, 50, 600_001, '1000']) {
      assert.throws(() => parseServerConfig({ ...base, limits: { handlerTimeoutMs: v } }, '/tmp'), (e: { code?: string }) => e.code === 'ERR_CONFIG_INVALID', String(v));
    }
  });
});
