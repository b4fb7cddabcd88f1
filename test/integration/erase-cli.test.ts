// Issue 18 items 1-4 through the CLI: a dataset protected twice (CSV and JSONL), one subject erased:
// no output holds the subject's rows, the manifests match the rewritten files, the tokens only that
// subject held are gone from the vault while a token another subject shares stays, the receipt
// verifies offline and fails after a one-byte change, the id appears in no file Cordon wrote
// (audit, receipt, subject index), and a replay of the original input leaves the subject out and
// says how many rows the tombstone removed.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliSandbox } from '../helpers/cli.js';
import { csvIds, peopleContract, peopleSandbox, sha256Hex, vaultValues } from '../helpers/people-sandbox.js';
import { generateSigningKey, keyFingerprint, privateKeyPem, publicKeyPem } from '../../src/crypto/signing-keys.js';

const CONTRACT = peopleContract({ id: 'erase-test', namespace: 'crm.contacts', columns: ['{ name: city, logicalType: string, classification: internal, customProperties: [{ property: cordonProtect, value: { operator: keep } }] }'] });
// cust-2 has two rows; one of its emails is shared with cust-4.
const CSV = [
  'id,email,city',
  'cust-1,ann@example.com,Lyon',
  'cust-2,bob@example.com,Nantes',
  'cust-3,cid@example.com,Paris',
  'cust-2,shared@example.com,Nantes',
  'cust-4,shared@example.com,Lille',
  'cust-5,eve@example.com,Metz',
].join('\n') + '\n';

const sha = sha256Hex;
const ids = csvIds;

describe('cordon erase (issue 18)', () => {
  let s: CliSandbox;
  before(() => {
    s = peopleSandbox(CONTRACT, CSV);
  });
  after(() => s.cleanup());

  it('erases a subject from two outputs and the vault, with a receipt that verifies; a replay keeps it out', async () => {
    for (const out of ['out1.csv', 'out2.jsonl']) {
      const r = s.run(['protect', 'in.csv', '-c', 'c.yaml', '-o', out]);
      assert.equal(r.status, 0, r.stderr);
    }
    const before1 = readFileSync(s.path('out1.csv'), 'utf8');
    const bobToken = before1.split('\n').find((l) => l.startsWith('cust-2,') && l.endsWith('Nantes') && !before1.includes(`cust-4,${l.split(',')[1]}`))!.split(',')[1]!;
    const sharedToken = before1.split('\n').find((l) => l.startsWith('cust-4,'))!.split(',')[1]!;

    const e = s.run(['erase', '--subject', '-', '--reason', 'GDPR Art. 17 request #123', '--receipt', 'r.json', '--json'], { input: 'cust-2' });
    assert.equal(e.status, 0, e.stderr);
    const stmt = JSON.parse(e.stdout);
    assert.equal(stmt.tiers.outputs.files, 2);
    assert.equal(stmt.tiers.outputs.rowsRemoved, 4);
    assert.equal(stmt.tiers.vault.tokensDeleted, 1, JSON.stringify(stmt.tiers));
    assert.equal(stmt.tiers.vault.sharedTokensKept, 1);
    assert.ok(stmt.unreachable.some((u: { tier: string }) => u.tier === 'inputs'));
    assert.match(stmt.subject, /^hmac-sha256:[0-9a-f]{64}$/);
    assert.deepEqual([stmt.tiers.subjectKeys.action, stmt.tiers.subjectKeys.keysDestroyed], ['destroyed', 0], 'no keyScope: subject column here');

    // Outputs: no cust-2 row, other rows in order; manifests describe the new files.
    const out1 = readFileSync(s.path('out1.csv'));
    assert.deepEqual(ids(out1.toString()), ['cust-1', 'cust-3', 'cust-4', 'cust-5']);
    const out2 = readFileSync(s.path('out2.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).id);
    assert.deepEqual(out2, ['cust-1', 'cust-3', 'cust-4', 'cust-5']);
    const m1 = JSON.parse(readFileSync(s.path('out1.csv.manifest.json'), 'utf8'));
    assert.equal(m1.output.sha256, sha(out1));
    assert.equal(m1.rows.out, 4);
    assert.equal(m1.erasures[0].rowsRemoved, 2);

    // Vault: cust-2's own token is gone from the contract's namespace (crm.contacts, not the default
    // people.email, where no token ever was), the shared one and the others resolve.
    assert.deepEqual(await vaultValues(s, 'crm.contacts', [bobToken, sharedToken]), [undefined, 'shared@example.com']);
    assert.deepEqual(await vaultValues(s, 'people.email', [sharedToken]), [undefined]);
    assert.deepEqual(stmt.tiers.vault.namespaces, ['crm.contacts']);

    // Lineage: one ERASE event shows both rewritten files going from their old digest to the new one.
    const exported = s.run(['lineage', 'export']);
    assert.equal(exported.status, 0, exported.stderr);
    const erasures = exported.stdout.trim().split('\n').map((l) => JSON.parse(l)).filter((ev) => ev.job.facets?.jobType?.jobType === 'ERASE');
    assert.equal(erasures.length, 1);
    assert.deepEqual(erasures[0].outputs.map((d: { facets: { version: { datasetVersion: string } } }) => d.facets.version.datasetVersion).sort(),
      [sha(out1), sha(readFileSync(s.path('out2.jsonl')))].sort());
    assert.equal(JSON.stringify(erasures[0]).includes('cust-2'), false);

    // The receipt verifies offline; one changed byte does not.
    const v = s.run(['receipt', 'verify', 'r.json']);
    assert.equal(v.status, 0, v.stderr);
    assert.match(v.stdout, /^verified: erasure er_/);
    const env = JSON.parse(readFileSync(s.path('r.json'), 'utf8'));
    const payload = Buffer.from(env.payload, 'base64');
    payload[payload.indexOf('"rowsRemoved":') + 14] ^= 1;
    writeFileSync(s.path('bad.json'), JSON.stringify({ ...env, payload: payload.toString('base64') }));
    const bad = s.run(['receipt', 'verify', 'bad.json']);
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /ERR_SIGNATURE_INVALID/);

    // The id is in no file Cordon wrote.
    for (const f of ['r.json', ...readdirSync(s.path('ws')).filter((n) => /\.(db|jsonl|db-wal)$/.test(n)).map((n) => join('ws', n))]) {
      assert.equal(readFileSync(s.path(f)).includes('cust-2'), false, `${f} holds the id`);
    }

    // A replay of the original input: the subject stays out, and the run says why.
    const replay = s.run(['protect', 'in.csv', '-c', 'c.yaml', '-o', 'out3.csv']);
    assert.equal(replay.status, 0, replay.stderr);
    assert.match(replay.stdout, /2 row\(s\) of erased subjects dropped/);
    assert.deepEqual(ids(readFileSync(s.path('out3.csv'), 'utf8')), ['cust-1', 'cust-3', 'cust-4', 'cust-5']);
    assert.equal(JSON.parse(readFileSync(s.path('out3.csv.manifest.json'), 'utf8')).rows.erased, 2);
  });

  it('refuses a reason that contains the id, and an existing receipt file', () => {
    const r = s.run(['erase', '--subject', 'cust-5', '--reason', 'erase cust-5 now', '--receipt', 'r5.json']);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /ERR_USAGE/);
    writeFileSync(s.path('taken.json'), 'x');
    const t = s.run(['erase', '--subject', 'cust-5', '--reason', 'request #9', '--receipt', 'taken.json']);
    assert.notEqual(t.status, 0);
    assert.match(t.stderr, /ERR_OUTPUT_EXISTS/);
  });
  it('issue 12: the receipt signing key is in the key store, wrapped, never a plaintext file in the workspace', () => {
    const e = s.run(['erase', '--subject', 'cust-3', '--reason', 'request #12', '--receipt', 'r12.json']);
    assert.equal(e.status, 0, e.stderr);
    // No file anywhere in the workspace holds a private key in clear (PEM or the PKCS#8 Ed25519 prefix).
    const walk = (d: string): string[] => readdirSync(d).flatMap((n) => { const p = join(d, n); return statSync(p).isDirectory() ? walk(p) : [p]; });
    const pkcs8Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');
    for (const f of walk(s.path('ws'))) {
      const b = readFileSync(f);
      assert.equal(b.includes('PRIVATE KEY'), false, `${f} holds a PEM private key`);
      assert.equal(b.includes(pkcs8Prefix), false, `${f} holds a PKCS#8 Ed25519 key`);
    }
    // An auditor gets the public key and verifies offline.
    const pub = s.run(['receipt', 'public-key', '-o', 'receipt.pub.pem']);
    assert.equal(pub.status, 0, pub.stderr);
    const v = s.run(['receipt', 'verify', 'r12.json', '--key', 'receipt.pub.pem', '--json']);
    assert.equal(v.status, 0, v.stderr);
    assert.equal(JSON.parse(v.stdout).signer, keyFingerprint({ alg: 'ed25519', spki: Buffer.from(readFileSync(s.path('receipt.pub.pem'), 'utf8').replace(/-----[A-Z ]+-----|\s/g, ''), 'base64') }));
    // A key someone else holds does not verify it.
    writeFileSync(s.path('other.pub.pem'), publicKeyPem(generateSigningKey('ed25519').publicKey));
    const other = s.run(['receipt', 'verify', 'r12.json', '--key', 'other.pub.pem']);
    assert.equal(other.status, 5, other.stderr);
    assert.match(other.stderr, /ERR_SIGNATURE_INVALID/);
  });

  it('issue 12: a plaintext receipt key left by an earlier build stops erase until migrate-key moves it; its receipts still verify', () => {
    const old = generateSigningKey('ed25519');
    const sb = peopleSandbox(CONTRACT, CSV);
    try {
      assert.equal(sb.run(['protect', 'in.csv', '-c', 'c.yaml', '-o', 'o.csv']).status, 0);
      writeFileSync(sb.path('old.pem'), privateKeyPem(old));
      chmodSync(sb.path('old.pem'), 0o600);
      // A receipt the old key signed (as the earlier build did).
      const signedOld = sb.run(['erase', '--subject', 'cust-1', '--reason', 'request #1', '--receipt', 'old.json', '--signing-key', 'old.pem']);
      assert.equal(signedOld.status, 0, signedOld.stderr);
      mkdirSync(sb.path('ws', 'erasure'), { recursive: true });
      writeFileSync(sb.path('ws', 'erasure', 'receipt-signing.pem'), privateKeyPem(old), { mode: 0o600 });
      const refused = sb.run(['erase', '--subject', 'cust-5', '--reason', 'request #2', '--receipt', 'new.json']);
      assert.notEqual(refused.status, 0);
      assert.match(refused.stderr, /ERR_SIGNING_KEY_PLAINTEXT/);
      assert.equal(existsSync(sb.path('new.json')), false);
      const m = sb.run(['receipt', 'migrate-key']);
      assert.equal(m.status, 0, m.stderr);
      assert.match(m.stdout, new RegExp(keyFingerprint(old.publicKey)));
      assert.equal(existsSync(sb.path('ws', 'erasure', 'receipt-signing.pem')), false);
      const v = sb.run(['receipt', 'verify', 'old.json']);
      assert.equal(v.status, 0, v.stderr);
      const next = sb.run(['erase', '--subject', 'cust-5', '--reason', 'request #2', '--receipt', 'new.json']);
      assert.equal(next.status, 0, next.stderr);
      assert.equal(sb.run(['receipt', 'verify', 'new.json']).status, 0);
    } finally {
      sb.cleanup();
    }
  });
});
