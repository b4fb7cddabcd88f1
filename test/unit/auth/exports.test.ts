// The auth API the service codes against is importable as `cordon/auth` (package.json "exports").
import { it } from 'node:test';
import assert from 'node:assert/strict';

it('cordon/auth exports the service-facing API', async () => {
  const auth = await import('cordon/auth');
  for (const name of ['createJwtVerifier', 'issueJwt', 'principalFromCertificate', 'authFailureReason', 'loadTokenSigningKey', 'loadTokenVerificationKey'] as const) {
    assert.equal(typeof auth[name], 'function', name);
  }
  assert.equal(typeof auth.SqliteApiKeyStore.open, 'function');
  assert.equal(typeof auth.PostgresApiKeyStore.open, 'function');
});
