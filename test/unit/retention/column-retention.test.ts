// Issue 18 item 6, per column: cordonRetention on a property, shorter than its dataset's. The parser
// refuses a bad or not-shorter value (ERR_CONTRACT_INVALID); retention sets the column's values to
// null in the outputs of runs past the column's cut-off but not the dataset's (CSV: empty field,
// JSONL: null), atomically, with the manifest's digest and `agedColumns` updated; an output past the
// dataset's cut-off is removed whole, not rewritten; the column's tokens stored before its cut-off
// no longer detokenize while one stored after still does; an aged output is not rewritten again; a
// run stopped after the rename is completed by the next one. SQLite and PostgreSQL.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, tempKeyring } from '../../helpers/keyring.js';
import { retentionBackends } from '../../helpers/retention-stores.js';
import { TokenVault } from '../../../src/vault/vault.js';
import { parseContract } from '../../../src/contracts/parse-contract.js';
import { planRetention } from '../../../src/retention/plan-retention.js';
import { applyRetention } from '../../../src/retention/apply-retention.js';
import { retentionReceiptOf, signRetentionReceipt, verifyRetentionReceipt } from '../../../src/retention/receipt.js';
import { fileSha256 } from '../../../src/erasure/rewrite-output.js';
import { generateSigningKey } from '../../../src/crypto/signing-keys.js';
import { CordonError } from '../../../src/errors.js';

const contract = (dataset: string | undefined, column: string) => `apiVersion: v3.1.0
kind: DataContract
id: col-test
version: 1.0.0
status: active
schema:
  - name: people
${dataset !== undefined ? `    customProperties: [{ property: cordonRetention, value: ${dataset} }]\n` : ''}    properties:
      - { name: id, logicalType: string, primaryKey: true, classification: internal, customProperties: [{ property: cordonProtect, value: { operator: keep } }] }
      - { name: email, logicalType: string, classification: restricted, customProperties: [{ property: cordonProtect, value: { operator: tokenize } }, { property: cordonRetention, value: ${column} }] }
      - { name: name, logicalType: string, classification: restricted, customProperties: [{ property: cordonProtect, value: { operator: hash } }] }
`;
const CONTRACT = parseContract(contract('P30D', 'P1D'));
const DAY = 86_400_000;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const invalid = (e: unknown) => e instanceof CordonError && e.code === 'ERR_CONTRACT_INVALID';

describe('retention: a column\'s cordonRetention in the contract', () => {
  it('is parsed on the property; a bad value or one not shorter than the dataset\'s is refused', () => {
    assert.equal(CONTRACT.datasets[0]!.columns.find((c) => c.name === 'email')!.retention?.duration, 'P1D');
    assert.equal(parseContract(contract(undefined, 'P7D')).datasets[0]!.columns[1]!.retention?.duration, 'P7D', 'a dataset kept for ever may age a column');
    assert.throws(() => parseContract(contract('P30D', 'soon')), invalid);
    assert.throws(() => parseContract(contract('P30D', 'P0D')), invalid);
    assert.throws(() => parseContract(contract('P30D', 'P30D')), invalid, 'as long as the dataset\'s: pointless');
    assert.throws(() => parseContract(contract('P30D', 'P1Y')), invalid);
    assert.throws(() => parseContract(contract('P30D', 'P1M')), invalid, 'a month is not always shorter than 30 days');
    assert.equal(parseContract(contract('P1M', 'P27D')).datasets[0]!.columns[1]!.retention?.duration, 'P27D');
  });
});

const { schemas, backends: BACKENDS } = retentionBackends('cordon_colret');

describe('retention: per column', () => {
  after(() => schemas.dropAll());
  for (const [name, open, skip] of BACKENDS) it(`${name}: the column is nulled in outputs past its cut-off, its old tokens go, the rest stays`, skip, async () => {
    const k = await tempKeyring();
    const dir = tempDir();
    const stores = await open(dir);
    const vault = await TokenVault.open(stores.vault, k.keyring);
    const index = stores.index;
    try {
      const old = await vault.tokenize('people.email', ['a@example.com', 'b@example.com']);
      await pause(20);
      const cut = Date.now();
      await pause(20);
      const [fresh] = await vault.tokenize('people.email', ['c@example.com']);
      const now = cut + DAY;
      const files: Record<string, [string, string]> = {
        'csv.csv': ['csv', `id,email,name\ncust-1,${old[0]},h1\ncust-2,${old[1]},h2\n`],
        'jsonl.jsonl': ['jsonl', `{"id":"cust-1","email":"${old[0]}","name":"h1"}\n{"id":"cust-2","email":"${old[1]}","name":"h2"}\n`],
        'new.csv': ['csv', `id,email,name\ncust-3,${fresh},h3\n`],
        'ancient.csv': ['csv', `id,email,name\ncust-0,x,h0\n`],
        'crash.csv': ['csv', `id,email,name\ncust-4,${old[0]},h4\n`],
      };
      const at: Record<string, number> = { 'csv.csv': cut - 10, 'jsonl.jsonl': cut - 5, 'new.csv': cut + 10, 'ancient.csv': now - 40 * DAY, 'crash.csv': cut - 3 };
      for (const [n, [format, text]] of Object.entries(files)) {
        const out = join(dir, n);
        writeFileSync(out, text);
        writeFileSync(`${out}.manifest.json`, JSON.stringify({ output: { path: out, format, sha256: await fileSha256(out) } }));
        await index.beginRun({ runId: `r-${n}`, scope: 'col-test/people', output: out, manifest: `${out}.manifest.json`, createdAt: at[n]! });
        await index.completeRun(`r-${n}`);
      }
      const p = (n: string) => join(dir, n);
      const digests = await Promise.all(Object.keys(files).map((n) => fileSha256(p(n))));

      // The dry run: the column's outputs (not the one past the dataset's cut-off) and its tokens; nothing changes.
      const deps = { index, vault, keyring: k.keyring };
      const plan = await planRetention([CONTRACT], now, deps);
      assert.deepEqual(plan.columns?.map((c) => [c.scope, c.column, c.retention, c.cutoff, c.namespace]), [['col-test/people', 'email', 'P1D', new Date(cut).toISOString(), 'people.email']]);
      assert.deepEqual(plan.outputs.map((o) => o.runId), ['r-ancient.csv']);
      assert.deepEqual(plan.columnOutputs?.map((o) => [o.runId, o.columns]).sort(), [['r-crash.csv', ['email']], ['r-csv.csv', ['email']], ['r-jsonl.jsonl', ['email']]]);
      assert.deepEqual(plan.vault.map((v) => [v.namespace, v.cutoff, v.tokens, v.columns]), [['people.email', new Date(cut).toISOString(), 2, ['col-test/people#email']]]);
      assert.deepEqual(await Promise.all(Object.keys(files).map((n) => fileSha256(p(n)))), digests);
      assert.equal((await index.unfinished()).length, 0);

      // A run stopped right after the first rename: the next one completes it.
      const order = plan.columnOutputs!.map((o) => o.output);
      await assert.rejects(applyRetention({ contracts: [CONTRACT], now, principal: 'ops' }, {
        ...deps, audit: { async append() { return 1; } }, onStep: (s) => { if (s === 'column-output-renamed') throw new Error('killed'); },
      }), /killed/);
      const first = order[0]!;
      assert.notEqual(await fileSha256(first), digests[Object.keys(files).indexOf(first.slice(dir.length + 1))], 'the first file was renamed');
      assert.equal(JSON.parse(readFileSync(`${first}.manifest.json`, 'utf8')).agedColumns, undefined, 'its manifest not yet marked');

      const state = await applyRetention({ contracts: [CONTRACT], now: now + 5 * DAY, principal: 'ops' }, { ...deps, audit: { async append() { return 2; } } });
      assert.equal(state.resumed, true);
      assert.equal(readFileSync(p('csv.csv'), 'utf8'), 'id,email,name\ncust-1,,h1\ncust-2,,h2\n');
      assert.deepEqual(readFileSync(p('jsonl.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)), [{ id: 'cust-1', email: null, name: 'h1' }, { id: 'cust-2', email: null, name: 'h2' }]);
      assert.equal(readFileSync(p('crash.csv'), 'utf8'), 'id,email,name\ncust-4,,h4\n');
      assert.equal(readFileSync(p('new.csv'), 'utf8'), files['new.csv']![1], 'an output after the column\'s cut-off is untouched');
      assert.equal(existsSync(p('ancient.csv')), false, 'an output past the dataset\'s cut-off is removed whole');
      for (const n of ['csv.csv', 'jsonl.jsonl', 'crash.csv']) {
        const m = JSON.parse(readFileSync(`${p(n)}.manifest.json`, 'utf8'));
        assert.equal(m.output.sha256, await fileSha256(p(n)), `${n}: the manifest names the new file`);
        assert.deepEqual(m.agedColumns.map((a: { column: string; retentionId: string; retention: string }) => [a.column, a.retentionId, a.retention]), [['email', state.retentionId, 'P1D']]);
      }
      assert.deepEqual(await vault.detokenize('people.email', [...old, fresh!]), [undefined, undefined, 'c@example.com'], 'old tokens of the column go; a newer one still reveals');
      assert.deepEqual(state.columnOutputs!.map((o) => o.status), ['aged', 'aged', 'aged']);

      const signer = generateSigningKey('ed25519');
      const receipt = verifyRetentionReceipt(signRetentionReceipt(retentionReceiptOf(state, signer.publicKey), signer), signer.publicKey);
      assert.equal(receipt.tiers.outputs.columns.files, 3);
      assert.deepEqual(receipt.tiers.outputs.columns.perColumn.map((c) => [c.scope, c.column, c.files]), [['col-test/people', 'email', 3]]);
      assert.deepEqual(receipt.tiers.vault.namespaces.map((n) => [n.namespace, n.deleted, n.columns]), [['people.email', 2, ['col-test/people#email']]]);
      assert.equal(receipt.tiers.outputs.files, 1);

      // Again: an aged output is not rewritten twice.
      const aged = await Promise.all(['csv.csv', 'jsonl.jsonl', 'crash.csv'].map((n) => fileSha256(p(n))));
      const again = await applyRetention({ contracts: [CONTRACT], now, principal: 'ops' }, { ...deps, audit: { async append() { return 3; } } });
      assert.deepEqual(again.columnOutputs!.map((o) => o.status), ['aged-before', 'aged-before', 'aged-before']);
      assert.deepEqual(await Promise.all(['csv.csv', 'jsonl.jsonl', 'crash.csv'].map((n) => fileSha256(p(n)))), aged);
      assert.equal(retentionReceiptOf(again, signer.publicKey).tiers.outputs.columns.files, 0);

      // A shared namespace that a column without any retention also writes to is not aged.
      const [kept] = await vault.tokenize('people.email', ['d@example.com']);
      const SHARED = parseContract(`apiVersion: v3.1.0
kind: DataContract
id: col-shared
version: 1.0.0
status: active
schema:
  - name: leads
    properties:
      - { name: mail, logicalType: string, classification: restricted, customProperties: [{ property: cordonProtect, value: { operator: tokenize, namespace: people.email } }] }
`);
      const shared = await planRetention([CONTRACT, SHARED], now + 5 * DAY, deps);
      assert.deepEqual(shared.vault, []);
      assert.ok(shared.unreachable.some((u) => u.tier === 'vault' && u.path === 'people.email'), JSON.stringify(shared.unreachable));
      await applyRetention({ contracts: [CONTRACT, SHARED], now: now + 5 * DAY, principal: 'ops' }, { ...deps, audit: { async append() { return 4; } } });
      assert.deepEqual(await vault.detokenize('people.email', [kept!]), ['d@example.com']);
    } finally {
      await vault.close();
      await index.close();
      await k.cleanup();
    }
  });
});
