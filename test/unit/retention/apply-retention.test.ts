// Issue 18 item 6: retention applied by the library, on SQLite and PostgreSQL (vault and subject
// index). Tokens first stored before the cut-off go and later ones stay (v2 and preserve tokens),
// an output of a run made before the cut-off is removed whole and its manifest marked while a newer
// one stays, a changed file is listed as unreachable and left alone, a key version superseded
// before the cut-off is destroyed while the primary stays, the plan (dry run) changes nothing, and
// the signed receipt verifies and fails after a one-byte change. Also the cut-off arithmetic.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, tempKeyring } from '../../helpers/keyring.js';
import { retentionBackends } from '../../helpers/retention-stores.js';
import { TokenVault } from '../../../src/vault/vault.js';
import { parseContract } from '../../../src/contracts/parse-contract.js';
import { parseRetentionSpec, retentionEnds } from '../../../src/contracts/retention-spec.js';
import { cutoffOf, planRetention } from '../../../src/retention/plan-retention.js';
import { applyRetention } from '../../../src/retention/apply-retention.js';
import { retentionReceiptOf, signRetentionReceipt, verifyRetentionReceipt } from '../../../src/retention/receipt.js';
import { fileSha256 } from '../../../src/erasure/rewrite-output.js';
import { generateSigningKey } from '../../../src/crypto/signing-keys.js';
import type { AuditEvent } from '../../../src/audit/event.js';
import { CordonError } from '../../../src/errors.js';
import { commitSubject, subjectIndexKey } from '../../../src/erasure/commitment.js';
import { subjectKeySource } from '../../../src/erasure/subject-keys.js';

const CONTRACT = parseContract(`apiVersion: v3.1.0
kind: DataContract
id: keep-test
version: 1.0.0
status: active
schema:
  - name: people
    customProperties: [{ property: cordonRetention, value: P1D }]
    properties:
      - { name: id, logicalType: string, primaryKey: true, classification: internal, customProperties: [{ property: cordonProtect, value: { operator: keep } }] }
      - { name: email, logicalType: string, classification: restricted, customProperties: [{ property: cordonProtect, value: { operator: tokenize } }] }
      - { name: name, logicalType: string, classification: restricted, customProperties: [{ property: cordonProtect, value: { operator: hash } }] }
`);
// Another dataset, without a retention, that hashes too: it uses the same operator key (pseudonym).
const KEEPS_FOREVER = parseContract(`apiVersion: v3.1.0
kind: DataContract
id: keep-forever
version: 1.0.0
status: active
schema:
  - name: ledger
    properties:
      - { name: id, logicalType: string, primaryKey: true, classification: internal, customProperties: [{ property: cordonProtect, value: { operator: keep } }] }
      - { name: owner, logicalType: string, classification: restricted, customProperties: [{ property: cordonProtect, value: { operator: hash } }] }
`);
const DAY = 86_400_000;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('retention: cut-off', () => {
  it('is the earliest time still within retention, for fixed and calendar units', () => {
    for (const [d, now] of [['P1D', Date.UTC(2026, 11, 6, 12)], ['P1M', Date.UTC(2026, 2, 31)], ['P1Y', Date.UTC(2028, 1, 29)], ['PT90M', Date.UTC(2026, 0, 1)]] as const) {
      const spec = parseRetentionSpec(d, '', [])!;
      const t = cutoffOf(spec, now);
      assert.ok(retentionEnds(spec, t) >= now, `${d}: data of the cut-off is kept`);
      assert.ok(retentionEnds(spec, t - 1) < now, `${d}: data 1 ms older is past retention`);
    }
    assert.equal(cutoffOf(parseRetentionSpec('P1D', '', [])!, Date.UTC(2026, 11, 6)), Date.UTC(2026, 11, 5));
  });
});

const { schemas, backends: BACKENDS } = retentionBackends('cordon_retention');

describe('retention: apply', () => {
  after(() => schemas.dropAll());
  for (const [name, open, skip] of BACKENDS) it(`${name}: old tokens, outputs and key versions go; newer ones stay; the dry run changes nothing`, skip, async () => {
    const k = await tempKeyring();
    const dir = tempDir();
    const stores = await open(dir);
    const vault = await TokenVault.open(stores.vault, k.keyring);
    const index = stores.index;
    try {
      // Old data: tokens, a pseudonym key version, two outputs (one changed since Cordon wrote it).
      const old = await vault.tokenize('people.email', ['a@example.com', 'b@example.com']);
      const [oldCard] = await vault.tokenize('people.email', ['4111111111111111'], { format: { kind: 'preserve', keepLast: 4 } });
      await k.keyring.ensure('pseudonym', 'mac');
      await k.keyring.rotate('pseudonym');
      const outputs: string[] = [];
      for (const [i, n] of ['old.csv', 'changed.csv', 'new.csv'].entries()) {
        const out = join(dir, n);
        writeFileSync(out, `id,email\ncust-${i},tok\n`);
        const manifest = `${out}.manifest.json`;
        writeFileSync(manifest, JSON.stringify({ input: { path: join(dir, 'in.csv') }, output: { path: out, sha256: await fileSha256(out) } }));
        outputs.push(out);
      }
      writeFileSync(outputs[1]!, 'id,email\nsomeone else wrote this\n');
      await pause(20);
      const cut = Date.now();
      await pause(20);
      // Newer data: a token, a key version, an output.
      const [fresh] = await vault.tokenize('people.email', ['c@example.com']);
      await k.keyring.rotate('pseudonym');
      const runs: Array<[string, number]> = [['r-old', cut - 10], ['r-changed', cut - 5], ['r-new', cut + 10]];
      for (const [i, [runId, at]] of runs.entries()) {
        await index.beginRun({ runId, scope: 'keep-test/people', output: outputs[i]!, manifest: `${outputs[i]}.manifest.json`, createdAt: at });
        await index.completeRun(runId);
      }
      const now = cut + DAY;
      // Operator keys are shared by every dataset of the workspace: without destroyKeyVersions the
      // superseded version is kept and reported; a dataset without a retention using the key keeps it too.
      const kept = await planRetention([CONTRACT], now, { index, vault, keyring: k.keyring });
      assert.deepEqual(kept.keys, []);
      assert.ok(kept.unreachable.some((u) => u.tier === 'keys' && /1 superseded operator key version/.test(u.why)), JSON.stringify(kept.unreachable));
      const shared = await planRetention([CONTRACT, KEEPS_FOREVER], now, { index, vault, keyring: k.keyring, destroyKeyVersions: true });
      assert.deepEqual(shared.keys, []);
      assert.ok(shared.unreachable.some((u) => u.tier === 'keys' && /pseudonym is kept: a dataset without a retention uses it/.test(u.why)), JSON.stringify(shared.unreachable));
      const deps = { index, vault, keyring: k.keyring, destroyKeyVersions: true };

      // The dry run: the plan, nothing changed.
      const plan = await planRetention([CONTRACT], now, deps);
      assert.deepEqual(plan.datasets.map((d) => [d.scope, d.retention, d.cutoff, d.namespaces, d.keys]), [['keep-test/people', 'P1D', new Date(cut).toISOString(), ['people.email'], ['pseudonym']]]);
      assert.deepEqual(plan.vault.map((v) => [v.namespace, v.tokens]), [['people.email', 3]]);
      assert.deepEqual(plan.outputs.map((o) => o.runId), ['r-old', 'r-changed']);
      assert.deepEqual(plan.keys.map((x) => [x.name, x.version]), [['pseudonym', 1]]);
      assert.ok(plan.unreachable.some((u) => u.tier === 'inputs'));
      assert.equal(await stores.vault.count(), 4);
      assert.ok(outputs.every((o) => existsSync(o)));
      assert.equal((await k.keyring.show('pseudonym')).versions.find((v) => v.version === 1)!.state, 'enabled');
      assert.equal((await index.unfinished()).length, 0, 'the dry run journals nothing');

      // Apply.
      const events: AuditEvent[] = [];
      const steps: string[] = [];
      const state = await applyRetention({ contracts: [CONTRACT], now, principal: 'ops' }, {
        ...deps, audit: { async append(e) { events.push(e); return 7; } }, onStep: (s) => { steps.push(s); },
      });
      assert.deepEqual(await vault.detokenize('people.email', [...old, oldCard!, fresh!]), [undefined, undefined, undefined, 'c@example.com']);
      assert.equal(state.vault!.deleted, 3);
      assert.equal(existsSync(outputs[0]!), false, 'the old output is removed');
      assert.equal(existsSync(outputs[1]!), true, 'a file changed since Cordon wrote it is left alone');
      assert.equal(existsSync(outputs[2]!), true, 'the newer output stays');
      assert.equal(JSON.parse(readFileSync(`${outputs[0]}.manifest.json`, 'utf8')).retention.retentionId, state.retentionId);
      assert.deepEqual(state.outputs.map((o) => [o.runId, o.status]), [['r-old', 'removed'], ['r-changed', 'unreachable']]);
      assert.ok(state.unreachable.some((u) => u.tier === 'outputs' && u.path === outputs[1]));
      assert.deepEqual((await index.runsBefore('keep-test/people', now)).map((r) => r.runId), ['r-changed', 'r-new'], 'the removed output left the subject index');
      const versions = (await k.keyring.show('pseudonym')).versions;
      assert.deepEqual(versions.map((v) => v.state), ['destroyed', 'enabled', 'enabled']);
      assert.deepEqual(events.map((e) => [e.type, e.outcome, e.principal, e.attributes?.['tokensDeleted'], e.attributes?.['outputsRemoved'], e.attributes?.['keyVersionsDestroyed']]), [['retention.apply', 'success', 'ops', 3, 1, 1]]);
      assert.equal(steps.at(-1), 'done');
      assert.equal((await index.unfinished()).length, 0);

      // The receipt.
      const key = generateSigningKey('ed25519');
      const receipt = retentionReceiptOf(state, key.publicKey);
      assert.equal(receipt.tiers.audit.index, 7);
      const text = signRetentionReceipt(receipt, key);
      assert.deepEqual(verifyRetentionReceipt(text, key.publicKey), receipt);
      const env = JSON.parse(text);
      const payload = Buffer.from(env.payload, 'base64');
      payload[payload.indexOf('"removed"') + 2] ^= 1;
      env.payload = payload.toString('base64');
      assert.throws(() => verifyRetentionReceipt(JSON.stringify(env), key.publicKey), (e: unknown) => e instanceof CordonError && e.code === 'ERR_SIGNATURE_INVALID');

      // Again at the same time: nothing left to do.
      const again = await applyRetention({ contracts: [CONTRACT], now, principal: 'ops' }, { ...deps, audit: { async append() { return undefined; } } });
      assert.equal(again.vault!.deleted, 0);
      assert.equal(again.keys!.destroyed, 0);
      assert.deepEqual(again.outputs.map((o) => o.status), ['unreachable']);
    } finally {
      await vault.close();
      await index.close();
      await k.cleanup();
    }
  });

  for (const [name, open, skip] of BACKENDS) it(`${name}: subject keys of subjects whose data is all past retention are destroyed, counted; the others stay (issue 18 gap 3)`, skip, async () => {
    const k = await tempKeyring();
    const dir = tempDir();
    const stores = await open(dir);
    const vault = await TokenVault.open(stores.vault, k.keyring);
    const index = stores.index;
    try {
      const scope = 'keep-test/people';
      const ik = await subjectIndexKey(k.keyring);
      const [gone, stays, young, elsewhere, erased] = ['cust-1', 'cust-2', 'cust-3', 'cust-4', 'cust-5'].map((id) => commitSubject(ik, id));
      const cut = Date.now() - 1000;
      const key = (commitment: Uint8Array, at: number, where = scope, wrapped: Uint8Array | null = new Uint8Array(60).fill(7)) =>
        ({ commitment, scope: where, kid: crypto.getRandomValues(new Uint8Array(16)), wrapped, keyVersion: 1, createdAt: at });
      await index.putSubjectKeys([key(gone!, cut - 100), key(stays!, cut - 100), key(young!, cut + 5), key(elsewhere!, cut - 100, 'other/x'), key(erased!, cut - 100, scope, null)]);
      // cust-1 is only in a run before the cut-off; cust-2 also in one after it.
      await index.beginRun({ runId: 'r-old', scope, output: join(dir, 'gone-already.csv'), manifest: null, createdAt: cut - 10 });
      await index.addRows('r-old', [gone!, stays!], [0, 1]);
      await index.completeRun('r-old');
      await index.beginRun({ runId: 'r-new', scope, output: join(dir, 'new.csv'), manifest: null, createdAt: cut + 10 });
      await index.addRows('r-new', [stays!], [0]);
      await index.completeRun('r-new');
      const now = cut + DAY;
      const deps = { index, vault, keyring: k.keyring };
      const live = async (c: Uint8Array, where = scope) => (await index.subjectKeys(where, [c])).filter((r) => r.wrapped !== null).length;

      // A protect run in progress that began after the cut-off: its rows are not known, nothing is planned.
      await index.beginRun({ runId: 'r-running', scope, output: join(dir, 'running.csv'), manifest: null, createdAt: cut + 20 });
      const busy = await planRetention([CONTRACT], now, deps);
      assert.deepEqual(busy.subjectKeys, []);
      assert.ok(busy.unreachable.some((u) => u.tier === 'subject-keys' && u.path === scope), JSON.stringify(busy.unreachable));
      assert.equal(await index.subjectKeysBefore(scope, Date.parse(busy.datasets[0]!.cutoff), { destroy: true }), undefined);
      assert.equal(await live(gone!), 1, 'nothing destroyed while a run is pending');
      await index.abortRun('r-running');

      // The dry run counts cust-1's key only, and changes nothing.
      const plan = await planRetention([CONTRACT], now, deps);
      assert.deepEqual(plan.subjectKeys, [{ scope, cutoff: plan.datasets[0]!.cutoff, keys: 1 }]);
      assert.equal(await live(gone!), 1);

      const events: AuditEvent[] = [];
      const done = await applyRetention({ contracts: [CONTRACT], now, principal: 'ops' }, { ...deps, audit: { async append(e) { events.push(e); return events.length - 1; } } });
      assert.equal(done.subjectKeys?.destroyed, 1);
      assert.deepEqual(await index.subjectKeys(scope, [gone!]), [], 'the key row is gone');
      assert.equal(await live(stays!), 1, 'a subject with data after the cut-off keeps its key');
      assert.equal(await live(young!), 1, 'a key made after the cut-off stays');
      assert.equal(await live(elsewhere!, 'other/x'), 1, 'another dataset\'s key stays');
      assert.equal((await index.subjectKeys(scope, [erased!])).length, 1, 'an erasure\'s destroyed key stays as its tombstone');
      assert.equal(events.find((e) => e.type === 'retention.apply')?.attributes?.['subjectKeysDestroyed'], 1);
      const signer = generateSigningKey('ed25519');
      const receipt = verifyRetentionReceipt(signRetentionReceipt(retentionReceiptOf(done, signer.publicKey), signer), signer.publicKey);
      assert.equal(receipt.tiers.subjectKeys.keysDestroyed, 1);
      assert.deepEqual(receipt.tiers.subjectKeys.scopes.map((x) => [x.scope, x.planned, x.destroyed]), [[scope, 1, 1]]);
      // A subject whose new data arrives later gets a new key (not ERR_SUBJECT_ERASED).
      const source = await subjectKeySource(index, k.keyring, scope);
      assert.equal((await source.keysFor(['cust-1'])).length, 1);
      assert.equal(await live(gone!), 1);
      // Nothing more to age.
      assert.deepEqual((await planRetention([CONTRACT], now, deps)).subjectKeys, []);
    } finally {
      await vault.close();
      await index.close();
      await k.cleanup();
    }
  });

  it('an unfinished run has no receipt (ERR_RETENTION_INCOMPLETE)', async () => {
    const key = generateSigningKey('ed25519');
    const state = { v: 1, retentionId: 'rt_x', principal: 'p', startedAt: '', plan: { now: '', datasets: [], vault: [], outputs: [], subjectKeys: [], keys: [], unreachable: [] }, outputs: [], unreachable: [] } as const;
    assert.throws(() => retentionReceiptOf({ ...state, outputs: [], unreachable: [] }, key.publicKey), (e: unknown) => e instanceof CordonError && e.code === 'ERR_RETENTION_INCOMPLETE');
  });
});
