// The auth API the service codes against is importable as `cordon/auth` (package.json "exports").
import { it } from 'node:test';
import assert from 'node:assert/strict';

it('cordon/auth exports the service-facing API', async () => {
  const auth = await import('cordon/auth');
  for (const name of ['createJwtVerifier', 'issueJwt', 'principalFromCertificate', 'authFailureReason', 'hasLegacyTokenSigningKey'] as const) {
    assert.equal(typeof auth[name], 'function', name);
  }
  assert.equal(typeof auth.SqliteApiKeyStore.open, 'function');
  assert.equal(typeof auth.PostgresApiKeyStore.open, 'function');
  // The token signing key is never a file in cordon/auth any more: it lives in the workspace key store.
  assert.equal('loadTokenSigningKey' in auth, false);
});
