// A tokenized column's cordonProtect `namespace` (issue 18 item 7 loose end: it was accepted and
// ignored, so tokens went to <dataset>.<column> whatever the contract said): parsed and checked when
// the contract loads (refused on another operator or a name the vault would not take), carried by
// the protect plan to the vault, used by reveal, and given by the server's resource catalog the
// column's attributes and consent rule, so /v1/detokenize on it is judged like the column.
// (Erasure in that namespace: test/integration/erase-cli.)
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseContract } from '../../../src/contracts/parse-contract.js';
import { vaultNamespace } from '../../../src/contracts/vault-namespace.js';
import { planColumns, planPurposes } from '../../../src/pipeline/column-plan.js';
import { loadOperatorKeys } from '../../../src/pipeline/operator-keys.js';
import { protectRecords } from '../../../src/pipeline/protect-records.js';
import { revealValues } from '../../../src/pipeline/reveal.js';
import { ResourceCatalog } from '../../../src/server/catalog.js';
import { TokenVault } from '../../../src/vault/vault.js';
import { SqliteVaultStore } from '../../../src/vault/store/sqlite.js';
import { tempDir, tempKeyring } from '../../helpers/keyring.js';
import { revealGrants } from '../../helpers/reveal-policy.js';

const contract = (id: string, dataset: string, protect: string, extra = '') => `apiVersion: v3.1.0
kind: DataContract
id: ${id}
version: 1.0.0
status: active
schema:
  - name: ${dataset}
${extra}    properties:
      - { name: id, logicalType: string, primaryKey: true, classification: internal }
      - { name: email, logicalType: string, classification: restricted, customProperties: [{ property: cordonEntity, value: EMAIL_ADDRESS }, { property: cordonPurposes, value: [qa] }, { property: cordonProtect, value: ${protect} }] }
`;
const CONSENT = '    customProperties: [{ property: cordonConsent, value: { required: true } }]\n';

describe('contracts: a tokenized column\'s vault namespace', () => {
  it('is the declared one, else <dataset>.<column>; refused on another operator or an invalid name', () => {
    const ds = (p: string) => parseContract(contract('c', 'people', p)).datasets[0]!;
    assert.equal(planColumns(ds('{ operator: tokenize, namespace: crm.contacts }')).find((p) => p.name === 'email')!.namespace, 'crm.contacts');
    assert.equal(planColumns(ds('{ operator: tokenize }')).find((p) => p.name === 'email')!.namespace, 'people.email');
    assert.equal(vaultNamespace('people', ds('{ operator: tokenize, namespace: crm.contacts }').columns[1]!), 'crm.contacts');
    for (const bad of ['{ operator: hash, namespace: crm.contacts }', '{ operator: tokenize, namespace: "../x" }', '{ operator: tokenize, namespace: 7 }', '{ operator: tokenize, namespace: "" }']) {
      assert.throws(() => parseContract(contract('c', 'people', bad)), (e: { code?: string; message?: string }) => e.code === 'ERR_CONTRACT_INVALID' && /cordonProtect\/namespace/.test(e.message ?? ''), bad);
    }
  });

  it('protect tokenizes into it and reveal reads from it', async () => {
    const tk = await tempKeyring();
    const vault = await TokenVault.open(SqliteVaultStore.open(join(tempDir(), 'vault.db')), tk.keyring);
    try {
      const c = parseContract(contract('c', 'people', '{ operator: tokenize, namespace: crm.contacts }'));
      const dataset = c.datasets[0]!;
      const out = [];
      async function* one() { yield { id: 'p1', email: 'ann@example.com' }; }
      const plan = planColumns(dataset);
      for await (const r of protectRecords(one(), { dataset, plan, keys: await loadOperatorKeys(tk.keyring, planPurposes(plan)), vault })) out.push(r);
      const token = String(out[0]!['email']);
      assert.deepEqual(await vault.detokenize('crm.contacts', [token]), ['ann@example.com']);
      assert.deepEqual(await vault.detokenize('people.email', [token]), [undefined], 'nothing in the default namespace');
      const revealed = await revealValues({ contract: c, column: 'email', purpose: 'qa', principal: 'user:qa', policy: revealGrants({ 'user:qa': ['qa'] }), values: [token], keyring: tk.keyring, vault });
      assert.deepEqual(revealed, ['ann@example.com']);
    } finally {
      await vault.close();
      await tk.cleanup();
    }
  });

  it('the server catalog gives the namespace the column\'s attributes and consent rule; columns sharing one must agree', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'ok'));
    writeFileSync(join(dir, 'ok', 'people.yaml'), contract('people', 'people', '{ operator: tokenize, namespace: crm.contacts }', CONSENT));
    writeFileSync(join(dir, 'ok', 'leads.yaml'), contract('leads', 'leads', '{ operator: tokenize, namespace: crm.contacts }'));
    const cat = ResourceCatalog.load(join(dir, 'ok'));
    assert.equal(cat.consentRequired('crm.contacts'), true, 'one column sharing it requires consent: so does the namespace');
    assert.equal(cat.column('crm.contacts')['classification'], 'restricted');
    assert.equal(cat.consentRequired('people.email'), true);
    assert.equal(cat.consentRequired('leads.email'), false);
    mkdirSync(join(dir, 'clash'));
    writeFileSync(join(dir, 'clash', 'people.yaml'), contract('people', 'people', '{ operator: tokenize, namespace: crm.contacts }'));
    writeFileSync(join(dir, 'clash', 'staff.yaml'), contract('staff', 'staff', '{ operator: tokenize, namespace: crm.contacts }').replace('classification: restricted', 'classification: internal'));
    assert.throws(() => ResourceCatalog.load(join(dir, 'clash')), { code: 'ERR_CONTRACT_INVALID' });
  });
});
