// `cordon manifest`, `cordon sign`, `cordon sign keygen` and `cordon verify` as users run them: exit
// codes (0 ok, 2 usage, 4 denied, 5 integrity), every difference listed, the reference
// model-signing bundles accepted and rejected after a change, the promotion gate, and auditing into
// the workspace when one exists.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliSandbox } from '../helpers/cli.js';
import { repoPath } from '../helpers/paths.js';

const FIXTURES = repoPath('test/fixtures/model-signing');

function tree(root: string, files: Record<string, string>): void {
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(join(root, p, '..'), { recursive: true });
    writeFileSync(join(root, p), c);
  }
}

describe('cordon sign / verify / manifest', () => {
  it('keygen, sign, verify, and every changed, added or removed file fails with exit 5', () => {
    const s = cliSandbox({ masterKey: false });
    try {
      const kg = s.run(['sign', 'keygen', '--alg', 'p256', '-o', 'release.pem']);
      assert.equal(kg.status, 0, kg.stderr);
      assert.match(kg.stdout, /^sha256:[0-9a-f]{64}\n$/);
      assert.equal(statSync(s.path('release.pem')).mode & 0o777, 0o600);
      assert.ok(existsSync(s.path('release.pub.pem')));
      assert.equal(s.run(['sign', 'keygen', '-o', 'release.pem']).status, 3, 'no overwrite without --force');

      tree(s.path('customers'), { 'part-0.csv': 'id,name\n1,a\n', 'eu/part-1.csv': 'id,name\n2,b\n' });
      const signed = s.run(['sign', 'customers', '--key', 'release.pem']);
      assert.equal(signed.status, 0, signed.stderr);
      assert.ok(existsSync(s.path('customers.sig')), 'default bundle path is <path>.sig');
      const bundle = JSON.parse(readFileSync(s.path('customers.sig'), 'utf8'));
      assert.equal(bundle.mediaType, 'application/vnd.dev.sigstore.bundle.v0.3+json');
      assert.equal(bundle.dsseEnvelope.payloadType, 'application/vnd.in-toto+json');

      const verify = (): ReturnType<typeof s.run> => s.run(['verify', 'customers', '--signature', 'customers.sig', '--public-key', 'release.pub.pem']);
      const ok = verify();
      assert.equal(ok.status, 0, ok.stderr);
      assert.match(ok.stdout, /verified customers: 2 files, signed by ecdsa-p256 key sha256:/);

      writeFileSync(s.path('customers/eu/part-1.csv'), 'id,name\n2,c\n');
      const changed = verify();
      assert.equal(changed.status, 5);
      assert.equal(changed.stdout, 'changed  eu/part-1.csv\n');
      assert.match(changed.stderr, /ERR_MANIFEST_MISMATCH/);
      writeFileSync(s.path('customers/eu/part-1.csv'), 'id,name\n2,b\n');
      writeFileSync(s.path('customers/extra.csv'), 'x');
      assert.equal(verify().stdout, 'added    extra.csv\n');
      rmSync(s.path('customers/extra.csv'));
      rmSync(s.path('customers/part-0.csv'));
      const removed = verify();
      assert.equal(removed.status, 5);
      assert.equal(removed.stdout, 'removed  part-0.csv\n');

      assert.equal(s.run(['sign', 'keygen', '--alg', 'ed25519', '-o', 'other.pem']).status, 0);
      writeFileSync(s.path('customers/part-0.csv'), 'id,name\n1,a\n');
      assert.equal(verify().status, 0);
      const wrongKey = s.run(['verify', 'customers', '--signature', 'customers.sig', '--public-key', 'other.pub.pem']);
      assert.equal(wrongKey.status, 5);
      assert.match(wrongKey.stderr, /ERR_SIGNATURE_INVALID/);
    } finally {
      s.cleanup();
    }
  });

  for (const name of ['v1.0.1-elliptic-key', 'v1.1.0-elliptic-key']) {
    it(`accepts the reference bundle ${name}, and rejects it after a byte changes`, () => {
      const s = cliSandbox({ masterKey: false });
      try {
        cpSync(join(FIXTURES, name), s.path(name), { recursive: true });
        const args = ['verify', name, '--signature', `${name}/model.sig`, '--public-key', join(FIXTURES, 'signing-key-pub.pem'), '--ignore-paths', 'ignore-me'];
        const ok = s.run(args);
        assert.equal(ok.status, 0, ok.stderr);
        assert.match(ok.stdout, /2 files, signed by ecdsa-p384 key sha256:c1e49d63327f85c7e2971aefd30b5a0d1c6b9b5e1a892e7f5fba995adace816d/);
        const b = readFileSync(s.path(name, 'signme-1'));
        b[0]! ^= 1;
        writeFileSync(s.path(name, 'signme-1'), b);
        const bad = s.run(args);
        assert.equal(bad.status, 5);
        assert.equal(bad.stdout, 'changed  signme-1\n');
      } finally {
        s.cleanup();
      }
    });
  }

  it('the promotion gate allows listed signers for their artifacts only (exit 4 otherwise)', () => {
    const s = cliSandbox({ masterKey: false });
    try {
      assert.equal(s.run(['sign', 'keygen', '--alg', 'ed25519', '-o', 'release.pem']).status, 0);
      assert.equal(s.run(['sign', 'keygen', '--alg', 'p384', '-o', 'intern.pem']).status, 0);
      tree(s.path('models/fraud'), { 'model.onnx': 'weights' });
      tree(s.path('datasets/customers'), { 'a.csv': 'x' });
      writeFileSync(s.path('trusted-signers.yaml'), 'version: 1\nsigners:\n  - id: release-team\n    publicKey: release.pub.pem\n    artifacts: ["models/*"]\n');
      assert.equal(s.run(['sign', 'models/fraud', '--key', 'release.pem', '-o', 'fraud.sig']).status, 0);
      assert.equal(s.run(['sign', 'datasets/customers', '--key', 'release.pem', '-o', 'customers.sig']).status, 0);
      assert.equal(s.run(['sign', 'models/fraud', '--key', 'intern.pem', '-o', 'fraud-intern.sig']).status, 0);

      const allowed = s.run(['verify', 'models/fraud', '--signature', 'fraud.sig', '--policy', 'trusted-signers.yaml']);
      assert.equal(allowed.status, 0, allowed.stderr);
      assert.match(allowed.stdout, /policy: signer release-team may sign models\/\*/);
      const otherArtifact = s.run(['verify', 'datasets/customers', '--signature', 'customers.sig', '--policy', 'trusted-signers.yaml']);
      assert.equal(otherArtifact.status, 4);
      assert.match(otherArtifact.stderr, /ERR_POLICY_DENIED/);
      const untrusted = s.run(['verify', 'models/fraud', '--signature', 'fraud-intern.sig', '--policy', 'trusted-signers.yaml', '--public-key', 'intern.pub.pem']);
      assert.equal(untrusted.status, 4);
      assert.match(untrusted.stderr, /ERR_POLICY_DENIED/);
      const unknownKey = s.run(['verify', 'models/fraud', '--signature', 'fraud-intern.sig', '--policy', 'trusted-signers.yaml']);
      assert.equal(unknownKey.status, 5, 'no trusted key verifies the signature');
      assert.equal(s.run(['verify', 'models/fraud', '--signature', 'fraud.sig']).status, 2, 'needs --public-key or --policy');
    } finally {
      s.cleanup();
    }
  });

  it('refuses a private key readable by others (exit 4)', () => {
    const s = cliSandbox({ masterKey: false });
    try {
      assert.equal(s.run(['sign', 'keygen', '-o', 'k.pem']).status, 0);
      tree(s.path('d'), { a: 'a' });
      chmodSync(s.path('k.pem'), 0o644);
      const r = s.run(['sign', 'd', '--key', 'k.pem']);
      assert.equal(r.status, 4);
      assert.match(r.stderr, /ERR_SIGNING_KEY_INSECURE/);
    } finally {
      s.cleanup();
    }
  });

  it('records signing and verification in the workspace audit log when a workspace exists', () => {
    const s = cliSandbox();
    try {
      assert.equal(s.run(['init']).status, 0);
      assert.equal(s.run(['sign', 'keygen', '-o', 'k.pem']).status, 0);
      tree(s.path('d'), { a: 'a' });
      assert.equal(s.run(['sign', 'd', '--key', 'k.pem']).status, 0);
      assert.equal(s.run(['verify', 'd', '--signature', 'd.sig', '--public-key', 'k.pub.pem']).status, 0);
      writeFileSync(s.path('d/a'), 'b');
      assert.equal(s.run(['verify', 'd', '--signature', 'd.sig', '--public-key', 'k.pub.pem']).status, 5);
      const events = readFileSync(join(s.env.CORDON_HOME!, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l))
        .filter((e) => String(e.type).startsWith('artifact.'));
      assert.deepEqual(events.map((e) => [e.type, e.outcome, e.reason]), [
        ['artifact.sign', 'success', undefined],
        ['artifact.verify', 'success', undefined],
        ['artifact.verify', 'failure', 'ERR_MANIFEST_MISMATCH'],
      ]);
      assert.equal(events[0].principal, 'test-user');
    } finally {
      s.cleanup();
    }
  });

  it('manifest create and verify: a version, then every difference with exit 5', () => {
    const s = cliSandbox({ masterKey: false });
    try {
      tree(s.path('data'), { 'a.csv': 'a\n', 'sub/b.csv': 'b\n', 'c.csv': 'c\n' });
      const created = s.run(['manifest', 'create', 'data', '-o', 'data/manifest.json']);
      assert.equal(created.status, 0, created.stderr);
      const m = JSON.parse(readFileSync(s.path('data/manifest.json'), 'utf8'));
      assert.deepEqual(m.files.map((f: { path: string }) => f.path), ['a.csv', 'c.csv', 'sub/b.csv'], 'the manifest inside the folder is left out');
      const ok = s.run(['manifest', 'verify', 'data', '--manifest', 'data/manifest.json']);
      assert.equal(ok.status, 0, ok.stderr);
      assert.match(ok.stdout, /^ok: 3 files match version sha256:[0-9a-f]{64}\n$/);
      writeFileSync(s.path('data/a.csv'), 'A\n');
      rmSync(s.path('data/c.csv'));
      writeFileSync(s.path('data/d.csv'), 'd\n');
      const bad = s.run(['manifest', 'verify', 'data', '--manifest', 'data/manifest.json']);
      assert.equal(bad.status, 5);
      assert.equal(bad.stdout, 'changed  a.csv\nadded    d.csv\nremoved  c.csv\n');
      assert.match(bad.stderr, /ERR_MANIFEST_MISMATCH/);
      const json = s.run(['manifest', 'verify', 'data', '--manifest', 'data/manifest.json', '--json']);
      assert.deepEqual(JSON.parse(json.stdout).removed, ['c.csv']);
      const stdout = s.run(['manifest', 'create', 'data']);
      assert.equal(JSON.parse(stdout.stdout).format, 'cordon-manifest/v1');
    } finally {
      s.cleanup();
    }
  });
});
