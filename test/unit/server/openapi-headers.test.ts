// Issue 14 item 9: the OpenAPI document declares the request headers the authorization hook reads
// (X-Cordon-Purpose, X-Cordon-Consent) and the response headers the server sends (X-Request-Id on
// every answer, Retry-After on 429), and the running server agrees: each route answers with the
// headers its operation declares, and the header names in the spec are the ones the app reads.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { tempKeyring, type TempKeyring } from '../../helpers/keyring.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import { buildServer } from '../../../src/server/app.js';
import { buildOpenApi } from '../../../src/server/openapi.js';
import { ROUTES } from '../../../src/server/routes/index.js';
import type { Principal } from '../../../src/server/principal.js';
import { SUBJECT_HEADER } from '../../../src/server/route.js';

interface Op { parameters?: Array<{ $ref?: string; name?: string; in?: string }>; responses: Record<string, { headers?: Record<string, { $ref: string }> }> }
interface Doc {
  paths: Record<string, Record<string, Op>>;
  components: { parameters: Record<string, { name: string; in: string; schema: Record<string, unknown> }>; headers: Record<string, { schema: Record<string, unknown> }> };
}

const doc = buildOpenApi() as unknown as Doc;
const opOf = (method: string, url: string): Op => doc.paths[url.replace(/:([A-Za-z]+)/g, '{$1}')]![method.toLowerCase()]!;

describe('server: OpenAPI headers against the routes', () => {
  let tk: TempKeyring;
  const alice: Principal = { id: 'user:alice', roles: [], attributes: {}, via: 'jwt' };
  let server: ReturnType<typeof buildServer>;

  before(async () => {
    tk = await tempKeyring();
    server = buildServer({ keyring: tk.keyring, audit: tk.audit, recognizers: DEFAULT_RECOGNIZERS }, {
      authenticators: { jwt: async (t) => { if (t !== 'alice') throw new Error('bad'); return alice; } },
      authorizer: { authorize: () => ({ allowed: true, policies: ['allow-all'], errors: [] }) },
      // One unauthenticated request per route below counts against the address's failed-credential budget.
      limits: { ratePerSecond: 0.001, burst: 3, authFailureBurst: 100 },
    });
  });
  after(async () => {
    await server.app.close();
    await tk.cleanup();
  });

  it('declares Purpose, Consent and Subject as header parameters of every route with an action, and no other route', () => {
    const { Purpose, Consent, Subject } = doc.components.parameters;
    assert.deepEqual([Purpose!.name, Purpose!.in, Consent!.name, Consent!.in, Subject!.name, Subject!.in], ['X-Cordon-Purpose', 'header', 'X-Cordon-Consent', 'header', 'X-Cordon-Subject', 'header']);
    assert.equal(Subject!.name.toLowerCase(), SUBJECT_HEADER);
    assert.deepEqual(Consent!.schema['enum'], ['granted', 'denied']);
    for (const r of ROUTES) {
      const refs = (opOf(r.method, r.url).parameters ?? []).map((p) => p.$ref);
      const declared = refs.includes('#/components/parameters/Purpose') && refs.includes('#/components/parameters/Consent') && refs.includes('#/components/parameters/Subject');
      assert.equal(declared, r.action !== undefined, `${r.method} ${r.url}`);
    }
  });

  it('declares X-Request-Id on every response of every route and Retry-After on every 429', () => {
    assert.deepEqual(doc.components.headers['RequestId']!.schema, { type: 'string', format: 'uuid' });
    assert.equal(doc.components.headers['RetryAfter']!.schema['type'], 'integer');
    for (const r of ROUTES) {
      for (const [status, res] of Object.entries(opOf(r.method, r.url).responses)) {
        assert.deepEqual(res.headers?.['X-Request-Id'], { $ref: '#/components/headers/RequestId' }, `${r.url} ${status}`);
        assert.equal(res.headers?.['Retry-After'] !== undefined, status === '429', `${r.url} ${status} Retry-After`);
      }
    }
  });

  it('every route answers with the X-Request-Id its operation declares, with a status the operation lists', async () => {
    for (const r of ROUTES) {
      const url = r.url.replace(/:([A-Za-z]+)/g, 'x');
      const res = await server.app.inject({ method: r.method, url, ...(r.method === 'POST' ? { payload: {} } : {}) });
      assert.match(String(res.headers['x-request-id']), /^[0-9a-f-]{36}$/, `${r.method} ${r.url}`);
      const statuses = Object.keys(opOf(r.method, r.url).responses);
      assert.ok(statuses.includes(String(res.statusCode)), `${r.method} ${r.url} answered ${res.statusCode}, the spec lists ${statuses.join(' ')}`);
    }
  });

  it('the spec\'s header names are the ones the server reads and sends', async () => {
    const detect = (headers: Record<string, string>) => server.app.inject({ method: 'POST', url: '/v1/detect', headers: { authorization: 'Bearer alice', ...headers }, payload: { text: 'hi' } });
    const purpose = doc.components.parameters['Purpose']!.name;
    const consent = doc.components.parameters['Consent']!.name;
    assert.equal((await detect({ [purpose]: 'not a purpose!' })).statusCode, 400);
    assert.equal((await detect({ [consent]: 'maybe' })).statusCode, 400);
    // the third request of the burst passes; the fourth is over the limit
    const ok = await detect({ [purpose]: 'analytics', [consent]: 'granted' });
    assert.equal(ok.statusCode, 200, ok.body);
    const limited = await detect({});
    assert.equal(limited.statusCode, 429);
    assert.match(String(limited.headers['retry-after']), /^[1-9]\d*$/);
    assert.match(String(limited.headers['x-request-id']), /^[0-9a-f-]{36}$/);
  });
});
