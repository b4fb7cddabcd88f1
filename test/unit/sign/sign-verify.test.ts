// Signing and verifying Cordon's own bundles: every key type round-trips, a one-byte change is always
// caught, the promotion gate allows only the signers the policy names for an artifact, every sign and
// verify is audited, and private key files must be private.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  generateSigningKey, keyFingerprint, parsePrivateKeyPem, parsePublicKeyPem, privateKeyPem, publicKeyPem, signMessage, verifyMessage,
  type SignatureAlgorithm,
} from '../../../src/crypto/signing-keys.js';
import { MemoryAuditSink } from '../../../src/audit/jsonl-sink.js';
import { signArtifact } from '../../../src/sign/sign-artifact.js';
import { verifyArtifact } from '../../../src/sign/verify-artifact.js';
import { decideSigner, globToRegExp, parseTrustedSigners } from '../../../src/sign/trusted-signers.js';
import { readPrivateKeyFile, writeKeyPair } from '../../../src/sign/key-files.js';
import { rejectsWith, tempDir, throwsWith, writeTree } from './helpers.js';

const ALGS: SignatureAlgorithm[] = ['ed25519', 'ecdsa-p256', 'ecdsa-p384'];

describe('crypto/signing-keys', () => {
  for (const alg of ALGS) {
    it(`${alg}: PEM round trip, sign, verify, reject`, () => {
      const k = generateSigningKey(alg);
      const k2 = parsePrivateKeyPem(privateKeyPem(k));
      assert.equal(k2.alg, alg);
      assert.deepEqual(k2.publicKey.spki, new Uint8Array(k.publicKey.spki));
      const pub = parsePublicKeyPem(publicKeyPem(k.publicKey));
      assert.equal(keyFingerprint(pub), keyFingerprint(k.publicKey));
      const msg = new TextEncoder().encode('promote model v7');
      const sig = signMessage(k2, msg);
      assert.ok(verifyMessage(pub, msg, sig));
      assert.ok(!verifyMessage(pub, new TextEncoder().encode('promote model v8'), sig));
      assert.ok(!verifyMessage(generateSigningKey(alg).publicKey, msg, sig));
      assert.ok(!verifyMessage(pub, msg, sig.subarray(1)), 'truncated signature');
      assert.ok(!verifyMessage(pub, msg, new Uint8Array(0)), 'empty signature');
    });
  }

  it('refuses keys it does not support and text that is not a key', () => {
    throwsWith(() => generateSigningKey('ecdsa-p521'), 'ERR_CRYPTO_UNSUPPORTED', 'P-521 generation');
    throwsWith(() => parsePublicKeyPem('nope'), 'ERR_INPUT_INVALID', 'garbage public key');
    throwsWith(() => parsePrivateKeyPem('-----BEGIN ENCRYPTED PRIVATE KEY-----\nAA==\n-----END ENCRYPTED PRIVATE KEY-----\n'), 'ERR_INPUT_INVALID', 'encrypted');
    const rsa = '-----BEGIN PUBLIC KEY-----\nMFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAMtrYwHy6qIt7rOtVBOjs/Ap1vNoHmVP\nkMXw/VQPt8zlrOJRSuufU2c4ZFAk3yrAk+EBEMHuZ0rZXF5EBRWQ/VcCAwEAAQ==\n-----END PUBLIC KEY-----\n';
    throwsWith(() => parsePublicKeyPem(rsa), 'ERR_CRYPTO_UNSUPPORTED', 'RSA');
  });
});

describe('sign: round trips', () => {
  for (const alg of ALGS) {
    it(`${alg}: sign a dataset directory, verify, then catch one changed byte`, async () => {
      const t = tempDir();
      try {
        const dir = join(t.dir, 'customers');
        writeTree(dir, { 'part-0.csv': 'id,name\n1,a\n', 'nested/part-1.csv': 'id,name\n2,b\n', '.git/HEAD': 'ref', '.gitignore': 'x' });
        const key = generateSigningKey(alg);
        const sigPath = join(t.dir, 'customers.sig');
        const s = await signArtifact(dir, key, { signaturePath: sigPath });
        assert.deepEqual(s.statement.resources.map((r) => r.name), ['nested/part-1.csv', 'part-0.csv']);
        const r = await verifyArtifact(dir, s.bundle, { keys: [key.publicKey], signaturePath: sigPath });
        assert.equal(r.signer.fingerprint, keyFingerprint(key.publicKey));
        writeFileSync(join(dir, 'nested/part-1.csv'), 'id,name\n2,c\n');
        await rejectsWith(verifyArtifact(dir, s.bundle, { keys: [key.publicKey] }), 'ERR_MANIFEST_MISMATCH', 'changed byte');
      } finally {
        t.cleanup();
      }
    });
  }

  it('a single file is signed as one resource named "." (as the reference does)', async () => {
    const t = tempDir();
    try {
      writeTree(t.dir, { 'model.onnx': 'weights' });
      const key = generateSigningKey('ed25519');
      const s = await signArtifact(join(t.dir, 'model.onnx'), key);
      assert.deepEqual(s.statement.resources.map((r) => r.name), ['.']);
      assert.equal(s.statement.subjectName, 'model.onnx');
      await verifyArtifact(join(t.dir, 'model.onnx'), s.bundle, { keys: [key.publicKey] });
      writeFileSync(join(t.dir, 'model.onnx'), 'weightz');
      await rejectsWith(verifyArtifact(join(t.dir, 'model.onnx'), s.bundle, { keys: [key.publicKey] }), 'ERR_MANIFEST_MISMATCH', 'changed');
    } finally {
      t.cleanup();
    }
  });

  it('git paths signed with --no-ignore-git-paths are checked on verify', async () => {
    const t = tempDir();
    try {
      writeTree(t.dir, { a: 'a', '.gitattributes': '* text' });
      const key = generateSigningKey('ed25519');
      const s = await signArtifact(t.dir, key, { ignoreGitPaths: false });
      assert.deepEqual(s.statement.resources.map((r) => r.name), ['.gitattributes', 'a']);
      await verifyArtifact(t.dir, s.bundle, { keys: [key.publicKey] });
      writeFileSync(join(t.dir, '.gitattributes'), '* binary');
      await rejectsWith(verifyArtifact(t.dir, s.bundle, { keys: [key.publicKey] }), 'ERR_MANIFEST_MISMATCH', 'signed .gitattributes changed');
    } finally {
      t.cleanup();
    }
  });

  it('an empty directory cannot be signed', async () => {
    const t = tempDir();
    try {
      await rejectsWith(signArtifact(t.dir, generateSigningKey('ed25519')), 'ERR_INPUT_INVALID', 'empty');
    } finally {
      t.cleanup();
    }
  });

  it('signing and verification are audited, failures with their code', async () => {
    const t = tempDir();
    try {
      const dir = join(t.dir, 'm');
      writeTree(dir, { a: 'a' });
      const key = generateSigningKey('ecdsa-p256');
      const sink = new MemoryAuditSink();
      const audit = { sink, principal: 'alice' };
      const s = await signArtifact(dir, key, { audit });
      await verifyArtifact(dir, s.bundle, { keys: [key.publicKey], audit });
      await rejectsWith(verifyArtifact(dir, s.bundle, { keys: [generateSigningKey('ecdsa-p256').publicKey], audit }), 'ERR_SIGNATURE_INVALID', 'other key');
      assert.deepEqual(sink.events.map((e) => [e.type, e.outcome, e.reason]), [
        ['artifact.sign', 'success', undefined],
        ['artifact.verify', 'success', undefined],
        ['artifact.verify', 'failure', 'ERR_SIGNATURE_INVALID'],
      ]);
      assert.equal(sink.events[0]!.principal, 'alice');
      assert.equal(sink.events[0]!.attributes?.signer, keyFingerprint(key.publicKey));
      assert.equal(sink.events[1]!.attributes?.digest, `sha256:${s.statement.rootDigest}`);
    } finally {
      t.cleanup();
    }
  });
});

describe('sign: trusted signers (promotion gate)', () => {
  const release = generateSigningKey('ecdsa-p256');
  const ci = generateSigningKey('ed25519');
  const keys: Record<string, string> = { 'release.pub.pem': publicKeyPem(release.publicKey) };
  const read = (p: string) => {
    const pem = keys[p];
    if (pem === undefined) throw new Error(`no key ${p}`);
    return parsePublicKeyPem(pem);
  };
  const policy = parseTrustedSigners(`
version: 1
signers:
  - id: release-team
    publicKey: release.pub.pem
    artifacts: ["models/**", "fraud-*"]
  - id: ci
    fingerprint: ${keyFingerprint(ci.publicKey)}
    artifacts: ["datasets/*"]
`, read);

  it('allows a signer only for its artifacts', () => {
    const fpRelease = keyFingerprint(release.publicKey);
    const fpCi = keyFingerprint(ci.publicKey);
    assert.deepEqual(decideSigner(policy, fpRelease, { name: 'fraud-v7', path: 'out/fraud-v7' }), { allow: true, reason: 'signer release-team may sign fraud-*', policyId: 'release-team' });
    assert.equal(decideSigner(policy, fpRelease, { name: 'x', path: 'models/a/b/x' }).allow, true);
    assert.equal(decideSigner(policy, fpRelease, { name: 'customers', path: 'datasets/customers' }).allow, false);
    assert.equal(decideSigner(policy, fpCi, { name: 'customers', path: 'datasets/customers' }).allow, true);
    assert.equal(decideSigner(policy, fpCi, { name: 'customers', path: 'datasets/eu/customers' }).allow, false, '* stays within a segment');
    const unknown = decideSigner(policy, keyFingerprint(generateSigningKey('ed25519').publicKey), { name: 'fraud-v7', path: 'fraud-v7' });
    assert.equal(unknown.allow, false);
    assert.equal(unknown.policyId, 'trusted-signers');
  });

  it('glob patterns are anchored and escape regex characters', () => {
    assert.ok(globToRegExp('a.b').test('a.b'));
    assert.ok(!globToRegExp('a.b').test('axb'));
    assert.ok(!globToRegExp('model').test('model-2'));
    assert.ok(globToRegExp('m?del').test('model'));
  });

  it('verification refuses a valid signature from a signer not allowed for the artifact', async () => {
    const t = tempDir();
    try {
      const dir = join(t.dir, 'customers');
      writeTree(dir, { 'a.csv': 'x' });
      const s = await signArtifact(dir, release);
      const sink = new MemoryAuditSink();
      const e = await rejectsWith(verifyArtifact(dir, s.bundle, { keys: [release.publicKey], policy, identity: { name: 'customers', path: 'datasets/customers' }, audit: { sink, principal: 'p' } }), 'ERR_POLICY_DENIED', 'wrong artifact');
      assert.equal(e.details?.policy, 'release-team');
      assert.equal(sink.events[0]!.reason, 'ERR_POLICY_DENIED');
      const ok = await verifyArtifact(dir, s.bundle, { keys: [release.publicKey], policy, identity: { name: 'customers', path: 'models/customers' } });
      assert.equal(ok.decision?.policyId, 'release-team');
    } finally {
      t.cleanup();
    }
  });

  it('refuses malformed policies', () => {
    const bad = [
      'version: 2\nsigners: []',
      'version: 1\nsigners: []',
      'version: 1\nsigners:\n  - id: a\n    artifacts: ["x"]',
      'version: 1\nsigners:\n  - id: a\n    fingerprint: sha256:00\n    artifacts: ["x"]',
      `version: 1\nsigners:\n  - id: a\n    fingerprint: ${keyFingerprint(ci.publicKey)}\n    artifacts: []`,
      `version: 1\nsigners:\n  - id: a\n    publicKey: release.pub.pem\n    fingerprint: ${keyFingerprint(ci.publicKey)}\n    artifacts: ["x"]`,
      `version: 1\nsigners:\n  - id: a\n    fingerprint: ${keyFingerprint(ci.publicKey)}\n    artifacts: ["x"]\n  - id: a\n    fingerprint: ${keyFingerprint(ci.publicKey)}\n    artifacts: ["y"]`,
      ': : :',
    ];
    for (const text of bad) throwsWith(() => parseTrustedSigners(text, read), 'ERR_INPUT_INVALID', text);
  });
});

describe('sign: key files', () => {
  it('writes the private key 0600 beside its .pub.pem, refuses to overwrite, refuses readable keys', () => {
    const t = tempDir();
    try {
      const path = join(t.dir, 'release.pem');
      const key = generateSigningKey('ed25519');
      const { publicPath } = writeKeyPair(path, key);
      assert.equal(publicPath, join(t.dir, 'release.pub.pem'));
      assert.equal(statSync(path).mode & 0o777, 0o600);
      assert.equal(keyFingerprint(parsePublicKeyPem(readFileSync(publicPath, 'utf8'))), keyFingerprint(key.publicKey));
      assert.equal(keyFingerprint(readPrivateKeyFile(path).publicKey), keyFingerprint(key.publicKey));
      throwsWith(() => writeKeyPair(path, key), 'ERR_OUTPUT_EXISTS', 'existing');
      chmodSync(path, 0o640);
      throwsWith(() => readPrivateKeyFile(path), 'ERR_SIGNING_KEY_INSECURE', 'group-readable');
      throwsWith(() => readPrivateKeyFile(join(t.dir, 'missing.pem')), 'ERR_IO', 'missing');
    } finally {
      t.cleanup();
    }
  });
});

describe('sign: artifact identity for the policy', () => {
  it('uses the base name and the path as given, without ./ or a trailing slash', async () => {
    const { identityOf } = await import('../../../src/sign/verify-artifact.js');
    assert.deepEqual(identityOf('./models/fraud/'), { name: 'fraud', path: 'models/fraud' });
    assert.deepEqual(identityOf('models/fraud'), { name: 'fraud', path: 'models/fraud' });
  });

  it('refuses patterns with too many wildcards', () => {
    throwsWith(() => parseTrustedSigners(`version: 1\nsigners:\n  - id: a\n    fingerprint: sha256:${'0'.repeat(64)}\n    artifacts: ["${'a*'.repeat(9)}"]\n`, () => { throw new Error('unused'); }), 'ERR_INPUT_INVALID', 'wildcards');
  });
});
