// Issue 12, item 7: a credential in the URL is refused with 400 (before authentication, counted as
// a failed credential of the address), and the request log shows the path without the query string
// and without credential-shaped values. In-process with inject() and a captured log stream.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { tempKeyring, type TempKeyring } from '../../helpers/keyring.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import { buildServer } from '../../../src/server/app.js';
import type { Authorizer } from '../../../src/server/authorize.js';
import { loggablePath, urlHoldsCredential } from '../../../src/server/url-credentials.js';

const KEY = `ck_${'0123456789abcdef01234567'}_${'S'.repeat(43)}`;
const JWT = 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJhbmEifQ.c2lnbmF0dXJlc2lnbmF0dXJl';
const PERMIT: Authorizer = { authorize: () => ({ allowed: true, policies: ['permit'], errors: [] }) };

describe('server: credentials in URLs (issue 12 item 7)', () => {
  let tk: TempKeyring;
  let server: ReturnType<typeof buildServer>;
  let checked: string[];
  const lines: string[] = [];

  before(async () => {
    tk = await tempKeyring();
    checked = [];
    server = buildServer({ keyring: tk.keyring, audit: tk.audit, recognizers: DEFAULT_RECOGNIZERS }, {
      authenticators: { apiKey: async (k) => { checked.push(k); if (k !== KEY) throw new Error('no'); return { id: 'svc:etl', roles: [], attributes: {}, via: 'apikey' }; } },
      authorizer: PERMIT,
      logger: { level: 'info', stream: { write: (line) => { lines.push(line); } } },
    });
  });
  after(async () => {
    await server.app.close();
    await tk.cleanup();
  });

  it('urlHoldsCredential: credential-named parameters and credential-shaped values, raw or encoded', () => {
    for (const u of [
      `/v1/keys?api_key=${KEY}`, '/v1/keys?api_key=', '/v1/keys?apiKey=x', '/v1/keys?X-API-Key=x', '/v1/keys?access_token=abc', '/v1/keys?a=1&token=t',
      '/v1/keys?password=p', '/v1/keys?client_secret=s', `/v1/keys?q=${KEY}`, `/v1/keys?q=${encodeURIComponent(JWT)}`, `/v1/x/${KEY}`,
      `/v1/keys?q=${KEY.replace('_', '%5F')}`, '/v1/keys?h=Bearer%20abc', '/v1/keys?%61pi_key=x',
    ]) assert.equal(urlHoldsCredential(u), true, u);
    for (const u of ['/v1/keys', '/v1/audit/events?limit=10&type=authz.decision', '/v1/lineage/trace?target=raw.csv.email&depth=2', '/v1/keys?monkey=1', '/v1/audit/events?principal=svc:etl']) {
      assert.equal(urlHoldsCredential(u), false, u);
    }
  });

  it('loggablePath: no query string, no credential-shaped value, bounded', () => {
    assert.equal(loggablePath(`/v1/keys?api_key=${KEY}`), '/v1/keys');
    assert.equal(loggablePath('/v1/audit/events?limit=10#x'), '/v1/audit/events');
    assert.equal(loggablePath(`/v1/x/${KEY}/y`), '/v1/x/[redacted]/y');
    assert.ok(loggablePath(`/${'a'.repeat(5000)}`).length < 300);
  });

  it('a credential in the query string is refused with 400 and never verified, on every route; the log shows the path only', async () => {
    const n = tk.audit.events.length;
    for (const url of [`/v1/keys?api_key=${KEY}`, `/v1/keys?x=${KEY}`, `/v1/healthz?access_token=${JWT}`, `/v1/nothing?api_key=${KEY}`]) {
      const r = await server.app.inject({ method: 'GET', url });
      assert.equal(r.statusCode, 400, url);
      assert.equal(r.json().code, 'ERR_INPUT_INVALID');
      assert.ok(!r.body.includes(KEY) && !r.body.includes(JWT));
    }
    // Even with a valid key in the header as well: refused, and the URL's key is not tried.
    const both = await server.app.inject({ method: 'GET', url: `/v1/keys?api_key=${KEY}`, headers: { 'x-api-key': KEY } });
    assert.equal(both.statusCode, 400);
    assert.deepEqual(checked, []);
    // The refusals on the /v1 route that needs a credential are audited as failed credentials.
    const evs = tk.audit.events.slice(n).filter((e) => e.type === 'authz.decision');
    assert.equal(evs.length, 3);
    for (const e of evs) assert.equal(e.attributes!['authn_failure'], 'credential_in_url');
    assert.ok(!JSON.stringify(tk.audit.events).includes(KEY));
    // The same key in the header works.
    const ok = await server.app.inject({ method: 'GET', url: '/v1/keys?', headers: { 'x-api-key': KEY } });
    assert.equal(ok.statusCode, 200);
    const log = lines.join('');
    assert.ok(lines.length > 0, 'the request log was written');
    assert.ok(!log.includes(KEY) && !log.includes(JWT) && !log.includes('api_key') && !log.includes('access_token'), 'no credential or query string in the log');
    assert.match(log, /"url":"\/v1\/keys"/);
    assert.match(log, /"url":"\/v1\/healthz"/);
  });
});
