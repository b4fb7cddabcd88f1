// The sign area is importable through the package's own name (package.json "exports": "./sign"),
// and from the facade as `sign`.
import { it } from 'node:test';
import assert from 'node:assert/strict';

it('imports cordon/sign and cordon.sign', async () => {
  const sign = await import('cordon/sign');
  assert.equal(typeof sign.signArtifact, 'function');
  assert.equal(typeof sign.verifyArtifact, 'function');
  assert.equal(typeof sign.createManifest, 'function');
  assert.equal((await import('cordon')).sign.verifyArtifact, sign.verifyArtifact);
  assert.equal(typeof (await import('cordon/crypto')).generateSigningKey, 'function');
});
