// The library is importable by area through the package's own name (package.json "exports").
import { it } from 'node:test';
import assert from 'node:assert/strict';

it('imports cordon, cordon/crypto, cordon/keys, cordon/files, cordon/formats, cordon/audit, cordon/workspace, cordon/errors', async () => {
  const root = await import('cordon');
  assert.equal(typeof root.CordonError, 'function');
  assert.equal(typeof (await import('cordon/crypto')).aesGcmSeal, 'function');
  assert.equal(typeof (await import('cordon/keys')).Keyring, 'function');
  assert.equal(typeof (await import('cordon/files')).encryptFile, 'function');
  assert.equal(typeof (await import('cordon/formats')).parseHeader, 'function');
  assert.equal(typeof (await import('cordon/audit')).JsonlAuditSink, 'function');
  assert.equal(typeof (await import('cordon/workspace')).openWorkspace, 'function');
  assert.equal((await import('cordon/errors')).CordonError, root.CordonError);
});
