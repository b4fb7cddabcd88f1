// Security review, issue 12, item 12: keys carry a tenant (set at creation, kept by the key store),
// the server hands it to the policy for data-key and field-encryption requests, and the example
// policies (policies/) keep every tenant to its own keys; the pipeline service detokenizes
// restricted data only for a purpose the contract allows. The server runs in-process with the real
// example policies; callers are stub-authenticated principals with roles and tenants.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempKeyring, type TempKeyring } from '../helpers/keyring.js';
import { cliSandbox } from '../helpers/cli.js';
import { repoPath } from '../helpers/paths.js';
import { TokenVault } from '../../src/vault/vault.js';
import { SqliteVaultStore } from '../../src/vault/store/sqlite.js';
import { DEFAULT_RECOGNIZERS } from '../../src/detect/registry.js';
import { buildServer } from '../../src/server/app.js';
import { ResourceCatalog } from '../../src/server/catalog.js';
import { PolicyEngine } from '../../src/policy/policy-engine.js';
import type { Principal } from '../../src/server/principal.js';

const contract = (o: { id: string; tenant: string; dataset: string; column: string; classification: string }) => `apiVersion: v3.1.0
kind: DataContract
id: ${o.id}
name: ${o.dataset}
version: 1.0.0
status: active
tenant: ${o.tenant}
schema:
  - name: ${o.dataset}
    logicalType: object
    properties:
      - name: ${o.column}
        logicalType: string
        classification: ${o.classification}
        customProperties:
          - property: cordonProtect
            value: { operator: tokenize }
          - property: cordonPurposes
            value: [fraud-investigation]
`;

const PRINCIPALS: Record<string, Principal> = {
  'etl-acme': { id: 'svc:etl-acme', roles: ['pipeline-service'], tenant: 'acme', attributes: {}, via: 'jwt' },
  'etl-globex': { id: 'svc:etl-globex', roles: ['pipeline-service'], tenant: 'globex', attributes: {}, via: 'jwt' },
  'etl-none': { id: 'svc:etl-single', roles: ['pipeline-service'], attributes: {}, via: 'jwt' },
  'ben-acme': { id: 'ben@acme.example', roles: ['ml-engineer'], tenant: 'acme', attributes: {}, via: 'jwt' },
  'ben-globex': { id: 'ben@globex.example', roles: ['ml-engineer'], tenant: 'globex', attributes: {}, via: 'jwt' },
};

describe('keys with tenants, through the server and the example policies', () => {
  let tk: TempKeyring;
  let vault: TokenVault;
  let server: ReturnType<typeof buildServer>;
  const as = (who: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${who}`, ...extra });
  const post = (who: string, url: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
    server.app.inject({ method: 'POST', url, headers: as(who, headers), payload });
  const lastDecision = () => tk.audit.events.filter((e) => e.type === 'authz.decision').at(-1)!;

  before(async () => {
    tk = await tempKeyring({ keys: [] });
    vault = await TokenVault.open(SqliteVaultStore.open(join(tk.dir, 'vault.db')), tk.keyring);
    await tk.keyring.create('acme-dek', { tenant: 'acme' });
    await tk.keyring.create('globex-dek', { tenant: 'globex' });
    await tk.keyring.create('shared-dek');
    // The workspace's field-encryption key belongs to acme.
    await tk.keyring.create('field', { purpose: 'envelope', tenant: 'acme' });
    const contracts = join(tk.dir, 'contracts');
    mkdirSync(contracts);
    writeFileSync(join(contracts, 'payments.yaml'), contract({ id: 'a1b2c3d4-0000-4000-8000-0000000000a1', tenant: 'acme', dataset: 'payments', column: 'card', classification: 'restricted' }));
    writeFileSync(join(contracts, 'orders.yaml'), contract({ id: 'a1b2c3d4-0000-4000-8000-0000000000a2', tenant: 'globex', dataset: 'orders', column: 'email', classification: 'confidential' }));
    server = buildServer({ keyring: tk.keyring, audit: tk.audit, vault, recognizers: DEFAULT_RECOGNIZERS, catalog: ResourceCatalog.load(contracts) }, {
      authenticators: { jwt: async (t) => { const p = PRINCIPALS[t]; if (p === undefined) throw new Error('unknown'); return p; } },
      authorizer: PolicyEngine.load(repoPath('policies')),
    });
  });
  after(async () => {
    await server.app.close();
    await vault.close();
    await tk.cleanup();
  });

  it('the key store keeps the tenant given at creation; a bad tenant is refused', async () => {
    assert.equal((await tk.keyring.show('acme-dek')).tenant, 'acme');
    assert.equal((await tk.keyring.show('shared-dek')).tenant, undefined);
    assert.equal(await tk.keyring.tenantOf('globex-dek'), 'globex');
    assert.equal(await tk.keyring.tenantOf('no-such-key'), undefined);
    await assert.rejects(tk.keyring.create('bad', { tenant: 'a b' }), { code: 'ERR_INPUT_INVALID' });
    await assert.rejects(tk.keyring.create('bad', { tenant: '' }), { code: 'ERR_INPUT_INVALID' });
  });

  it('a tenant generates and unwraps data keys under its own key', async () => {
    const g = await post('etl-acme', '/v1/datakey', { key: 'acme-dek', context: 'obj-1' });
    assert.equal(g.statusCode, 200, g.body);
    const u = await post('etl-acme', '/v1/datakey/unwrap', { wrapped: g.json().wrapped, context: 'obj-1' });
    assert.equal(u.statusCode, 200, u.body);
    assert.equal(u.json().plaintext, g.json().plaintext);
    assert.equal(lastDecision().attributes!['policies'], 'pipeline-service.datakey-own-tenant');
  });

  it('another tenant may not unwrap that data key, nor generate under that key (403, audited)', async () => {
    const g = await post('etl-acme', '/v1/datakey', { key: 'acme-dek', context: 'obj-2' });
    const u = await post('etl-globex', '/v1/datakey/unwrap', { wrapped: g.json().wrapped, context: 'obj-2' });
    assert.equal(u.statusCode, 403, u.body);
    assert.equal(u.json().code, 'ERR_POLICY_DENIED');
    assert.ok(!u.body.includes(g.json().plaintext));
    const ev = lastDecision();
    assert.equal(ev.principal, 'svc:etl-globex');
    assert.equal(ev.attributes!['decision'], 'deny');
    assert.equal(ev.attributes!['policies'], 'forbid.cross-tenant,forbid.key-of-another-tenant');
    assert.equal((await post('etl-globex', '/v1/datakey', { key: 'acme-dek' })).statusCode, 403);
    assert.equal((await post('ben-globex', '/v1/datakey', { key: 'acme-dek' })).statusCode, 403);
  });

  it('a key of no tenant serves only principals of no tenant', async () => {
    assert.equal((await post('etl-acme', '/v1/datakey', { key: 'shared-dek' })).statusCode, 403);
    assert.equal((await post('ben-acme', '/v1/datakey', { key: 'shared-dek' })).statusCode, 403);
    const g = await post('etl-none', '/v1/datakey', { key: 'shared-dek' });
    assert.equal(g.statusCode, 200, g.body);
    assert.equal((await post('etl-none', '/v1/datakey', { key: 'acme-dek' })).statusCode, 403);
  });

  it('a key name the store does not hold is decided like a key of no tenant (no existence oracle)', async () => {
    const r = await post('etl-globex', '/v1/datakey', { key: 'no-such-key' });
    assert.equal(r.statusCode, 403);
    assert.equal(r.json().code, 'ERR_POLICY_DENIED');
  });

  it('field encryption: the field key\'s tenant is the column\'s when the contracts give none', async () => {
    const ok = await post('ben-acme', '/v1/encrypt', { dataset: 'features', field: 'income', values: ['52000'] });
    assert.equal(ok.statusCode, 200, ok.body);
    const other = await post('ben-globex', '/v1/encrypt', { dataset: 'features', field: 'income', values: ['52000'] });
    assert.equal(other.statusCode, 403, other.body);
    assert.equal(lastDecision().attributes!['policies'], 'forbid.cross-tenant');
  });

  it('field encryption: a column of another tenant than the field key is refused before the policy', async () => {
    const r = await post('ben-globex', '/v1/encrypt', { dataset: 'orders', field: 'email', values: ['ceo@globex.example'] });
    assert.equal(r.statusCode, 403, r.body);
    assert.equal(r.json().code, 'ERR_POLICY_DENIED');
    assert.ok(!r.body.includes('ceo@globex'));
  });

  it('the pipeline service detokenizes its restricted data only for a purpose the contract allows', async () => {
    const [token] = await vault.tokenize('payments.card', ['4111 1111 1111 1111']);
    const denied = await post('etl-acme', '/v1/detokenize', { namespace: 'payments.card', tokens: [token] }, { 'x-cordon-purpose': 'billing' });
    assert.equal(denied.statusCode, 403, denied.body);
    assert.ok(!denied.body.includes('4111'));
    const allowed = await post('etl-acme', '/v1/detokenize', { namespace: 'payments.card', tokens: [token] }, { 'x-cordon-purpose': 'fraud-investigation' });
    assert.equal(allowed.statusCode, 200, allowed.body);
    assert.deepEqual(allowed.json().values, ['4111 1111 1111 1111']);
    // Another tenant's service: never, whatever the purpose.
    const globex = await post('etl-globex', '/v1/detokenize', { namespace: 'payments.card', tokens: [token] }, { 'x-cordon-purpose': 'fraud-investigation' });
    assert.equal(globex.statusCode, 403);
  });
});

describe('cordon keys create --tenant', () => {
  it('stores the tenant, shows it in list and JSON, refuses a malformed one, and documents the option', () => {
    const s = cliSandbox();
    try {
      assert.equal(s.run(['init']).status, 0);
      const c = s.run(['keys', 'create', 'acme-dek', '--tenant', 'acme', '--json']);
      assert.equal(c.status, 0, c.stderr);
      assert.equal(JSON.parse(c.stdout).tenant, 'acme');
      const l = s.run(['keys', 'list']);
      assert.match(l.stdout, /^acme-dek {2}purpose=envelope {2}tenant=acme /m);
      const plain = s.run(['keys', 'create', 'plain', '--json']);
      assert.equal(JSON.parse(plain.stdout).tenant, undefined);
      const bad = s.run(['keys', 'create', 'bad', '--tenant', 'acme corp']);
      assert.equal(bad.status, 3, bad.stderr);
      assert.match(bad.stderr, /ERR_INPUT_INVALID/);
      const help = s.run(['keys', 'create', '--help']);
      assert.match(help.stdout, /--tenant <tenant>/);
      assert.match(help.stdout, /cordon keys create \S+ --tenant acme/);
    } finally {
      s.cleanup();
    }
  });
});
