// The rate limiters (@fastify/rate-limit behind RateLimiter): peek counts nothing, take refuses
// past the burst with Retry-After until the window ends; with Redis (CORDON_TEST_REDIS_URL, set by
// .ci/run) two server instances share one budget per principal and per client address, so the
// issue 12 item 3 property holds across instances: an address that used up its failed-credential
// budget on one instance is refused on another before its (right) credential is checked. A store
// that cannot be reached refuses with ERR_STORE_UNAVAILABLE (503), never lets a request through.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import { randomId } from '../../../src/crypto/random.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import { buildServer } from '../../../src/server/app.js';
import type { Authorizer } from '../../../src/server/authorize.js';
import type { Principal } from '../../../src/server/principal.js';
import { registerRateLimits, type RateLimitStore } from '../../../src/server/rate-limit.js';
import { tempKeyring, type TempKeyring } from '../../helpers/keyring.js';

const REDIS_URL = process.env['CORDON_TEST_REDIS_URL'] || undefined;
const REDIS_SKIP = REDIS_URL === undefined ? { skip: 'CORDON_TEST_REDIS_URL is not set (.ci/run sets it to the local Redis)' } : {};

/** An app with one limiter, ready, and a request object to count against. */
async function limiterApp(store: RateLimitStore, options: { rate: number; burst: number }) {
  const app = Fastify();
  const limiter = registerRateLimits(app, store)(options);
  let req: FastifyRequest | undefined;
  app.get('/', async (r) => { req = r; return 'ok'; });
  await app.ready();
  await app.inject({ method: 'GET', url: '/' });
  return { app, limiter, req: req! };
}

describe('server: rate limiters', () => {
  it('memory: peek counts nothing; take allows the burst, then refuses with Retry-After; keys are apart; the window ends', async () => {
    const { app, limiter, req } = await limiterApp({ kind: 'memory' }, { rate: 10, burst: 2 }); // a 200 ms window
    try {
      for (let i = 0; i < 5; i++) assert.equal((await limiter.peek(req, 'a')).allowed, true);
      assert.equal((await limiter.take(req, 'a')).allowed, true);
      assert.equal((await limiter.take(req, 'a')).allowed, true);
      const p = await limiter.peek(req, 'a');
      assert.deepEqual(p, { allowed: false, retryAfter: 1 });
      assert.equal((await limiter.take(req, 'a')).allowed, false);
      assert.equal((await limiter.take(req, 'b')).allowed, true);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal((await limiter.peek(req, 'a')).allowed, true);
      assert.equal((await limiter.take(req, 'a')).allowed, true);
    } finally {
      await app.close();
    }
  });

  it('Retry-After is the rest of the window in whole seconds', async () => {
    const { app, limiter, req } = await limiterApp({ kind: 'memory' }, { rate: 0.5, burst: 5 }); // a 10 s window
    try {
      for (let i = 0; i < 5; i++) await limiter.take(req, 'k');
      const r = await limiter.take(req, 'k');
      assert.ok(!r.allowed && r.retryAfter >= 9 && r.retryAfter <= 10, JSON.stringify(r));
    } finally {
      await app.close();
    }
  });

  it('a Redis that cannot be reached: ERR_STORE_UNAVAILABLE, not an unlimited request', async () => {
    const client = new Redis({ host: '127.0.0.1', port: 1, lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    const { app, limiter, req } = await limiterApp({ kind: 'redis', client }, { rate: 1, burst: 1 });
    try {
      await assert.rejects(limiter.take(req, 'a'), { code: 'ERR_STORE_UNAVAILABLE' });
      await assert.rejects(limiter.peek(req, 'a'), { code: 'ERR_STORE_UNAVAILABLE' });
    } finally {
      await app.close();
      client.disconnect();
    }
  });

  describe('Redis: several instances share one budget', REDIS_SKIP, () => {
    const GOOD_KEY = `ck_${'b'.repeat(24)}_${'H'.repeat(43)}`;
    const svc: Principal = { id: `svc:${randomId()}`, roles: [], attributes: {}, via: 'apikey' };
    const PERMIT: Authorizer = { authorize: () => ({ allowed: true, policies: ['permit'], errors: [] }) };
    let tk: TempKeyring;
    const clients: Redis[] = [];
    const servers: FastifyInstance[] = [];
    let checked: string[] = [];

    const instance = (limits: Record<string, number>) => {
      const client = new Redis(REDIS_URL!);
      clients.push(client);
      const s = buildServer({ keyring: tk.keyring, audit: tk.audit, recognizers: DEFAULT_RECOGNIZERS }, {
        authenticators: { apiKey: async (k) => { checked.push(k); if (k !== GOOD_KEY) throw new Error('unknown'); return svc; } },
        authorizer: PERMIT, limits, rateLimitStore: { kind: 'redis', client },
      });
      servers.push(s.app);
      return s.app;
    };

    before(async () => { tk = await tempKeyring(); });
    after(async () => {
      for (const s of servers) await s.close();
      for (const c of clients) c.disconnect();
      await tk.cleanup();
    });

    it('a principal\'s rate: two requests on instance A use the burst of 2, B refuses the third', async () => {
      const a = instance({ ratePerSecond: 0.01, burst: 2 });
      const b = instance({ ratePerSecond: 0.01, burst: 2 });
      const get = (app: FastifyInstance) => app.inject({ method: 'GET', url: '/v1/keys', headers: { 'x-api-key': GOOD_KEY } });
      assert.equal((await get(a)).statusCode, 200);
      assert.equal((await get(a)).statusCode, 200);
      const third = await get(b);
      assert.equal(third.statusCode, 429);
      assert.ok(Number(third.headers['retry-after']) >= 1);
    });

    it('failed credentials on A use up the address\'s budget; a right key on B is refused unchecked', async () => {
      const address = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
      const a = instance({ authFailuresPerSecond: 0.01, authFailureBurst: 3 });
      const b = instance({ authFailuresPerSecond: 0.01, authFailureBurst: 3 });
      for (let i = 0; i < 3; i++) {
        const r = await a.inject({ method: 'GET', url: '/v1/keys', headers: { 'x-api-key': `ck_guess${i}` }, remoteAddress: address });
        assert.equal(r.statusCode, 401);
      }
      checked = [];
      const right = await b.inject({ method: 'GET', url: '/v1/keys', headers: { 'x-api-key': GOOD_KEY }, remoteAddress: address });
      assert.equal(right.statusCode, 429);
      assert.deepEqual(checked, [], 'the credential was not verified');
    });
  });
});
