// The OpenSSF model-signing reference bundles (test/fixtures/model-signing, from released versions
// of sigstore/model-transparency) verify with their public key, and stop verifying after any byte of
// a signed file changes, a file is added or removed, or the bundle is altered. Cordon's own bundles
// must have the same structure, field by field, as the reference v1.1.0 bundle.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSigningKey, parsePublicKeyPem } from '../../../src/crypto/signing-keys.js';
import { createHash } from 'node:crypto';
import { parseBundle, parseStatement, serializeBundle, serializeStatement, BUNDLE_MEDIA_TYPE, IN_TOTO_PAYLOAD_TYPE } from '../../../src/sign/model-signing-format.js';
import { pae } from '../../../src/sign/dsse.js';
import { signArtifact, keyHint } from '../../../src/sign/sign-artifact.js';
import { verifyArtifact } from '../../../src/sign/verify-artifact.js';
import { publicKeyPem, signMessage } from '../../../src/crypto/signing-keys.js';
import { copyReference, FIXTURES, REFERENCE_DIRS, REFERENCE_KEY, rejectsWith, tempDir, writeTree } from './helpers.js';

const refKey = parsePublicKeyPem(readFileSync(REFERENCE_KEY, 'utf8'));
const bundleOf = (dir: string): string => readFileSync(join(dir, 'model.sig'), 'utf8');
const verifyRef = (dir: string, bundle = bundleOf(dir)) =>
  verifyArtifact(dir, bundle, { keys: [refKey], ignore: ['ignore-me'], signaturePath: join(dir, 'model.sig') });

/** The shape of a JSON value: objects by sorted keys, arrays by their first element, scalars by type. */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.length === 0 ? [] : [shape(v[0])];
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, shape((v as Record<string, unknown>)[k])]));
  return v === null ? 'null' : typeof v;
}

describe('sign: OpenSSF model-signing reference bundles', () => {
  it('the reference key is ECDSA P-384, and the v1.1.0 hint is SHA-256 of its PEM', () => {
    assert.equal(refKey.alg, 'ecdsa-p384');
    const b = parseBundle(JSON.parse(bundleOf(join(FIXTURES, 'v1.1.0-elliptic-key'))));
    assert.equal(b.keyHint, keyHint(publicKeyPem(refKey)));
  });

  for (const name of REFERENCE_DIRS) {
    describe(name, () => {
      it('verifies with the reference public key', async () => {
        const r = await verifyRef(join(FIXTURES, name));
        assert.equal(r.files, 2);
        assert.deepEqual(r.statement.resources.map((x) => x.name), ['signme-1', 'signme-2']);
        assert.equal(r.statement.rootDigest, '92745110b1ab4368471cbe31664e10174e954b113a3df333db860317b2c6dec4');
        assert.equal(r.signer.alg, 'ecdsa-p384');
      });

      it('fails after any single byte of a signed file changes', async () => {
        const t = tempDir();
        try {
          const dir = copyReference(name, t.dir);
          for (const file of ['signme-1', 'signme-2']) {
            const original = readFileSync(join(dir, file));
            for (let i = 0; i < original.length; i++) {
              const changed = Buffer.from(original);
              changed[i]! ^= 0x01;
              writeFileSync(join(dir, file), changed);
              await rejectsWith(verifyRef(dir), 'ERR_MANIFEST_MISMATCH', `${file} byte ${i} flipped`);
            }
            writeFileSync(join(dir, file), Buffer.concat([original, Buffer.from('x')]));
            await rejectsWith(verifyRef(dir), 'ERR_MANIFEST_MISMATCH', `${file} extended`);
            writeFileSync(join(dir, file), original.subarray(0, original.length - 1));
            await rejectsWith(verifyRef(dir), 'ERR_MANIFEST_MISMATCH', `${file} truncated`);
            writeFileSync(join(dir, file), original);
          }
          await verifyRef(dir);
        } finally {
          t.cleanup();
        }
      });

      it('fails when a file is added or removed, and lists it', async () => {
        const t = tempDir();
        try {
          const dir = copyReference(name, t.dir);
          writeTree(dir, { 'extra.bin': 'x' });
          let seen: unknown;
          await rejectsWith(verifyArtifact(dir, bundleOf(dir), { keys: [refKey], ignore: ['ignore-me'], signaturePath: join(dir, 'model.sig'), onMismatch: (d) => { seen = d; } }), 'ERR_MANIFEST_MISMATCH', 'file added');
          assert.deepEqual(seen, { ok: false, changed: [], added: ['extra.bin'], removed: [] });
          rmSync(join(dir, 'extra.bin'));
          rmSync(join(dir, 'signme-2'));
          await rejectsWith(verifyRef(dir), 'ERR_MANIFEST_MISMATCH', 'file removed');
        } finally {
          t.cleanup();
        }
      });

      it('fails with another key, or after any change to the signed payload or signature', async () => {
        const dir = join(FIXTURES, name);
        const other = generateSigningKey('ecdsa-p384').publicKey;
        await rejectsWith(verifyArtifact(dir, bundleOf(dir), { keys: [other], ignore: ['ignore-me'] }), 'ERR_SIGNATURE_INVALID', 'other key');
        const json = JSON.parse(bundleOf(dir));
        const payload = Buffer.from(json.dsseEnvelope.payload, 'base64');
        for (const i of [0, 20, payload.length >> 1, payload.length - 1]) {
          const p = Buffer.from(payload);
          p[i]! ^= 0x20;
          const tampered = { ...json, dsseEnvelope: { ...json.dsseEnvelope, payload: p.toString('base64') } };
          await rejectsWith(verifyRef(dir, JSON.stringify(tampered)), 'ERR_SIGNATURE_INVALID', `payload byte ${i}`);
        }
        const sig = Buffer.from(json.dsseEnvelope.signatures[0].sig, 'base64');
        sig[sig.length - 3]! ^= 0x01;
        const badSig = { ...json, dsseEnvelope: { ...json.dsseEnvelope, signatures: [{ sig: sig.toString('base64') }] } };
        await rejectsWith(verifyRef(dir, JSON.stringify(badSig)), 'ERR_SIGNATURE_INVALID', 'signature byte');
        const otherType = { ...json, dsseEnvelope: { ...json.dsseEnvelope, payloadType: 'application/json' } };
        await rejectsWith(verifyRef(dir, JSON.stringify(otherType)), 'ERR_FORMAT_UNSUPPORTED', 'payload type');
        await rejectsWith(verifyRef(dir, '{'), 'ERR_SIGNATURE_INVALID', 'not JSON');
      });
    });
  }

  it('v1.1.0 records ignore-me in its ignore_paths; v1.0.1 needs --ignore-paths for it', async () => {
    const v11 = join(FIXTURES, 'v1.1.0-elliptic-key');
    await verifyArtifact(v11, bundleOf(v11), { keys: [refKey], signaturePath: join(v11, 'model.sig') });
    const v10 = join(FIXTURES, 'v1.0.1-elliptic-key');
    let added: readonly string[] = [];
    await rejectsWith(verifyArtifact(v10, bundleOf(v10), { keys: [refKey], signaturePath: join(v10, 'model.sig'), onMismatch: (d) => { added = d.added; } }), 'ERR_MANIFEST_MISMATCH', 'v1.0.1 without ignore');
    assert.deepEqual(added, ['ignore-me']);
  });

  it('a validly signed statement whose subject digest does not match its resources is refused', async () => {
    const t = tempDir();
    try {
      writeTree(t.dir, { a: 'a' });
      const key = generateSigningKey('ed25519');
      const payload = serializeStatement({
        subjectName: 'x', rootDigest: '0'.repeat(64), resources: [{ name: 'a', algorithm: 'sha256', digest: createHash('sha256').update('a').digest('hex') }],
        serialization: { method: 'files', hashType: 'sha256', allowSymlinks: false, ignorePaths: [] },
      });
      const bundle = serializeBundle({ payloadType: IN_TOTO_PAYLOAD_TYPE, payload, signatures: [{ sig: signMessage(key, pae(IN_TOTO_PAYLOAD_TYPE, payload)), keyid: '' }] }, 'hint');
      await rejectsWith(verifyArtifact(t.dir, bundle, { keys: [key.publicKey] }), 'ERR_MANIFEST_MISMATCH', 'root digest');
      // One good signature among bad ones is enough (DSSE: any verifying signature).
      const good = await signArtifact(t.dir, key);
      const json = JSON.parse(good.bundle);
      json.dsseEnvelope.signatures.unshift({ sig: Buffer.alloc(64).toString('base64'), keyid: 'other' });
      await verifyArtifact(t.dir, JSON.stringify(json), { keys: [key.publicKey] });
    } finally {
      t.cleanup();
    }
  });

  it('Cordon bundles have the reference v1.1.0 structure, field by field', async () => {
    const t = tempDir();
    try {
      const dir = join(t.dir, 'model');
      writeTree(dir, { 'signme-1': 'signme-1\n', 'signme-2': 'signme-2', 'ignore-me': '' });
      const key = generateSigningKey('ecdsa-p256');
      const { bundle } = await signArtifact(dir, key, { ignore: ['ignore-me'], signaturePath: join(dir, 'model.sig') });
      const ref = JSON.parse(bundleOf(join(FIXTURES, 'v1.1.0-elliptic-key')));
      const ours = JSON.parse(bundle);
      assert.deepEqual(shape(ours), shape(ref), 'bundle shape');
      assert.equal(ours.mediaType, BUNDLE_MEDIA_TYPE);
      assert.equal(ours.dsseEnvelope.payloadType, ref.dsseEnvelope.payloadType);
      const ourStatement = JSON.parse(Buffer.from(ours.dsseEnvelope.payload, 'base64').toString());
      const refStatement = JSON.parse(Buffer.from(ref.dsseEnvelope.payload, 'base64').toString());
      assert.deepEqual(shape(ourStatement), shape(refStatement), 'statement shape');
      assert.equal(ourStatement._type, refStatement._type);
      assert.equal(ourStatement.predicateType, refStatement.predicateType);
      // Same file contents as the reference example, so the same resources and root digest.
      assert.deepEqual(ourStatement.predicate.resources, refStatement.predicate.resources);
      assert.equal(ourStatement.subject[0].digest.sha256, refStatement.subject[0].digest.sha256);
      assert.deepEqual(ourStatement.predicate.serialization.ignore_paths, ['.git', '.gitattributes', '.github', '.gitignore', 'ignore-me', 'model.sig']);
      // The payload is laid out as the reference writes it: two-space JSON, same key order.
      const refText = Buffer.from(ref.dsseEnvelope.payload, 'base64').toString();
      const ourText = Buffer.from(ours.dsseEnvelope.payload, 'base64').toString();
      assert.deepEqual(Object.keys(ourStatement), Object.keys(refStatement));
      assert.deepEqual(Object.keys(ourStatement.predicate), Object.keys(refStatement.predicate));
      assert.deepEqual(Object.keys(ourStatement.predicate.resources[0]), Object.keys(refStatement.predicate.resources[0]));
      assert.equal(ourText.split('\n')[1], refText.split('\n')[1]);
      // And the same verifier accepts it.
      const r = await verifyArtifact(dir, bundle, { keys: [key.publicKey], signaturePath: join(dir, 'model.sig') });
      assert.equal(r.files, 2);
      assert.ok(parseStatement(Buffer.from(ours.dsseEnvelope.payload, 'base64')));
    } finally {
      t.cleanup();
    }
  });
});
