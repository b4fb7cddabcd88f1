// Issue 18 item 2: per-subject crypto-shredding (`cordonProtect: {operator: encrypt, keyScope: subject}`).
// Protect seals each subject's values under the subject's own wrapped key; reveal opens them by the
// key id the ciphertext names; erasure destroys the key, after which every copy (a backup taken
// before the erasure included) fails to reveal with ERR_SUBJECT_ERASED, while other subjects still
// reveal. Runs on SQLite and (CORDON_TEST_PG_URL) PostgreSQL.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, tempKeyring, type TempKeyring } from '../../helpers/keyring.js';
import { SqliteSubjectIndex } from '../../../src/erasure/store/sqlite.js';
import { PostgresSubjectIndex } from '../../../src/erasure/store/postgres.js';
import type { SubjectIndexStore } from '../../../src/erasure/store/types.js';
import { PG_SKIP, ScratchSchemas } from '../../helpers/pg-schemas.js';
import { commitSubject, subjectIndexKey } from '../../../src/erasure/commitment.js';
import { recordSubjects, subjectScope } from '../../../src/erasure/record-subjects.js';
import { subjectKeyLookup, subjectKeySource } from '../../../src/erasure/subject-keys.js';
import { eraseSubject } from '../../../src/erasure/erase-subject.js';
import { parseContract } from '../../../src/contracts/parse-contract.js';
import { protectFile } from '../../../src/pipeline/protect-file.js';
import { revealValues } from '../../../src/pipeline/reveal.js';
import { openForSubject, sealForSubject } from '../../../src/transform/operators/encrypt-subject.js';
import { CordonError } from '../../../src/errors.js';

const CONTRACT = `apiVersion: v3.1.0
kind: DataContract
id: shred-test
version: 1.0.0
status: active
schema:
  - name: people
    properties:
      - { name: id, logicalType: string, primaryKey: true, classification: internal, customProperties: [{ property: cordonProtect, value: { operator: keep } }] }
      - { name: email, logicalType: string, classification: restricted, customProperties: [{ property: cordonProtect, value: { operator: encrypt, keyScope: subject } }, { property: cordonEntity, value: EMAIL_ADDRESS }] }
      - { name: city, logicalType: string, classification: confidential, customProperties: [{ property: cordonProtect, value: { operator: encrypt } }] }
`;
const allow = { authorize: () => ({ allowed: true, policies: ['test'], errors: [] }) };
const code = (c: string) => (e: unknown) => e instanceof CordonError && e.code === c;

function suite(name: string, open: () => Promise<SubjectIndexStore>, options: { skip?: string } = {}, done?: () => Promise<void>): void {
  describe(`erasure: subject keys (${name})`, options, () => {
    let k: TempKeyring;
    before(async () => { k = await tempKeyring(); });
    after(async () => { await k.cleanup(); await done?.(); });

    it('one key per subject, made once, wrapped; a destroyed key is ERR_SUBJECT_ERASED and leaves other subjects alone', async () => {
      const store = await open();
      try {
        const scope = 'c/d';
        const src = await subjectKeySource(store, k.keyring, scope);
        const [a1, b1, a2] = await src.keysFor(['alice', 'bob', 'alice']);
        assert.deepEqual(a1!.kid, a2!.kid);
        assert.notDeepEqual(a1!.kid, b1!.kid);
        assert.notDeepEqual(a1!.material, b1!.material);
        // Another run (new source, no cache) finds the same stored key.
        const [a3] = await (await subjectKeySource(store, k.keyring, scope)).keysFor(['alice']);
        assert.deepEqual(a3!.material, a1!.material);
        // Another scope is another key.
        const [a4] = await (await subjectKeySource(store, k.keyring, 'c/other')).keysFor(['alice']);
        assert.notDeepEqual(a4!.kid, a1!.kid);
        // The store holds the key wrapped only.
        const rec = (await store.subjectKeys(scope, [commitSubject(await subjectIndexKey(k.keyring), 'alice')]))[0]!;
        assert.ok(rec.wrapped !== null && !Buffer.from(rec.wrapped).includes(Buffer.from(a1!.material)));

        const ct = sealForSubject('alice@example.com', { dataset: 'd', field: 'email' }, a1!);
        assert.equal(openForSubject(ct, { dataset: 'd', field: 'email' }, a1!), 'alice@example.com');
        assert.throws(() => openForSubject(ct, { dataset: 'd', field: 'other' }, a1!), code('ERR_DECRYPTION_FAILED'));
        assert.throws(() => openForSubject(ct, { dataset: 'd', field: 'email' }, { kid: a1!.kid, material: b1!.material }), code('ERR_DECRYPTION_FAILED'));

        const commitment = commitSubject(await subjectIndexKey(k.keyring), 'alice');
        assert.equal(await store.destroySubjectKeys(commitment, scope), 1);
        assert.equal(await store.destroySubjectKeys(commitment, scope), 0, 'done already');
        const lookup = subjectKeyLookup(store, k.keyring);
        const got = await lookup.byIds([a1!.kid, b1!.kid, a4!.kid]);
        assert.equal(got.get(Buffer.from(a1!.kid).toString('hex')), 'destroyed');
        assert.deepEqual((got.get(Buffer.from(b1!.kid).toString('hex')) as { material: Uint8Array }).material, b1!.material);
        assert.notEqual(got.get(Buffer.from(a4!.kid).toString('hex')), 'destroyed', 'the scoped destroy kept the other scope');
        await assert.rejects((await subjectKeySource(store, k.keyring, scope)).keysFor(['alice']), code('ERR_SUBJECT_ERASED'));
        // Without a scope: every scope's key.
        assert.equal(await store.destroySubjectKeys(commitment), 1);
        assert.equal((await lookup.byIds([a4!.kid])).get(Buffer.from(a4!.kid).toString('hex')), 'destroyed');
      } finally {
        await store.close();
      }
    });

    it('protect seals under subject keys; erase shreds: a backup copy no longer reveals the subject, others still do', async () => {
      const dir = tempDir();
      const rows = ['id,email,city'];
      for (let i = 0; i < 50; i++) rows.push(`cust-${i},user${i}@example.com,Town ${i}`);
      rows.push('cust-7,second-address-7@example.com,Town 7b');
      writeFileSync(join(dir, 'in.csv'), rows.join('\n') + '\n');
      const contract = parseContract(CONTRACT);
      const ds = contract.datasets[0]!;
      const store = await open();
      try {
        const scope = subjectScope(contract.id, ds.name);
        const rec = (await recordSubjects(store, k.keyring, { runId: 'run-1', contractId: contract.id, dataset: ds, output: join(dir, 'out.csv'), manifest: join(dir, 'out.csv.manifest.json') }))!;
        await protectFile({
          input: join(dir, 'in.csv'), output: join(dir, 'out.csv'), contract, keyring: k.keyring, cordonVersion: '0.0.0', subjects: rec.sink,
          subjectKeys: await subjectKeySource(store, k.keyring, scope), workers: name === "SQLite" ? 1 : 0,
        });
        await rec.complete();
        copyFileSync(join(dir, 'out.csv'), join(dir, 'backup.csv'));
        const table = readFileSync(join(dir, 'backup.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
        assert.equal(table.length, 51);
        assert.ok(table.every((r) => r[1]!.startsWith('encs_v1_') && r[2]!.startsWith('enc_v')));
        assert.equal(readFileSync(join(dir, 'backup.csv'), 'utf8').includes('example.com'), false);
        const emailsOf = (id: string) => table.filter((r) => r[0] === id).map((r) => r[1]!);
        const reveal = (values: string[]) => revealValues({
          contract, column: 'email', purpose: 'test', principal: 'tester', policy: allow, values, keyring: k.keyring, subjectKeys: subjectKeyLookup(store, k.keyring),
        });
        assert.deepEqual(await reveal(emailsOf('cust-7')), ['user7@example.com', 'second-address-7@example.com']);
        // A changed key id names no key (or another): it fails like any tampering.
        const orig = emailsOf('cust-8')[0]!;
        const forged = `encs_v1_${orig[8] === 'A' ? 'B' : 'A'}${orig.slice(9)}`;
        await assert.rejects(reveal([forged]), code('ERR_DECRYPTION_FAILED'));

        const state = await eraseSubject({ subjectId: 'cust-7', reason: 'GDPR Art. 17 test', principal: 'tester', scope }, {
          index: store, keyring: k.keyring, vault: { deleteTokens: async () => 0, vacuum: async () => undefined },
          audit: { append: async () => 1 }, auditSubject: 'hmac-sha256:test',
        });
        assert.deepEqual(state.subjectKeys?.destroyed, 1);
        // The backup (taken before the erasure) still holds cust-7's ciphertexts: they no longer open.
        await assert.rejects(reveal(emailsOf('cust-7')), code('ERR_SUBJECT_ERASED'));
        await assert.rejects(reveal([emailsOf('cust-7')[1]!]), code('ERR_SUBJECT_ERASED'));
        assert.deepEqual(await reveal(emailsOf('cust-8')), ['user8@example.com']);
        // The rewritten output has no cust-7 row; a replay does not bring the subject back.
        assert.equal(readFileSync(join(dir, 'out.csv'), 'utf8').includes('cust-7,'), false);
      } finally {
        await store.close();
      }
    });
  });
}

suite('SQLite', async () => SqliteSubjectIndex.open(join(tempDir(), 'subjects.db')));
const schemas = new ScratchSchemas('cordon_subject_keys');
suite('PostgreSQL', async () => PostgresSubjectIndex.open((await schemas.create()).url), PG_SKIP, () => schemas.dropAll());

describe('erasure: subject keys leave nothing behind in subjects.db', () => {
  it('a destroyed wrapped key is gone from the database file and its WAL', async () => {
    const k = await tempKeyring();
    const path = join(tempDir(), 'subjects.db');
    const store = SqliteSubjectIndex.open(path);
    try {
      await (await subjectKeySource(store, k.keyring, 'c/d')).keysFor(['alice', 'bob']);
      const commitment = commitSubject(await subjectIndexKey(k.keyring), 'alice');
      const wrapped = Buffer.from((await store.subjectKeys('c/d', [commitment]))[0]!.wrapped!);
      const bytes = () => Buffer.concat([readFileSync(path), ...(existsSync(`${path}-wal`) ? [readFileSync(`${path}-wal`)] : [])]);
      assert.ok(bytes().includes(wrapped), 'the wrapped key is stored before');
      await store.destroySubjectKeys(commitment);
      assert.equal(bytes().includes(wrapped), false, 'no copy of the wrapped key after the destroy');
    } finally {
      await store.close();
      await k.cleanup();
    }
  });
});

describe('contracts: keyScope', () => {
  it('is for encrypt only, and needs a subject (primaryKey)', () => {
    const bad = (s: string) => assert.throws(() => parseContract(s), code('ERR_CONTRACT_INVALID'));
    bad(CONTRACT.replace('{ operator: encrypt, keyScope: subject }', '{ operator: hash, keyScope: subject }'));
    bad(CONTRACT.replace('{ operator: encrypt, keyScope: subject }', '{ operator: encrypt, keyScope: tenant }'));
    bad(CONTRACT.replace('primaryKey: true, ', ''));
    assert.equal(parseContract(CONTRACT).datasets[0]!.columns[1]!.protect?.keyScope, 'subject');
  });
});
