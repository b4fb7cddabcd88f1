// Which token-signing key versions a verifier accepts (issue 12 item 1): the primary version; an
// older one until the next version's creation + TOKEN_KEY_GRACE_SEC; never one below the minimum
// version (`cordon token rotate --drop-old`) or destroyed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TOKEN_KEY_GRACE_SEC, acceptedTokenKeyVersions } from '../../../src/workspace/token-verification.js';
import type { KeyInfo } from '../../../src/keys/keyring.js';

const T0 = Date.parse('2026-12-01T00:00:00Z');
const at = (ms: number) => new Date(ms).toISOString();

function info(versions: Array<{ version: number; createdAt: number; destroyed?: boolean }>, o: { primary?: number; min?: number } = {}): KeyInfo {
  return {
    name: 'cordon-token-signing', purpose: 'token-signing', status: 'active',
    primaryVersion: o.primary ?? versions.at(-1)!.version, minDecryptionVersion: o.min ?? 1, createdAt: at(T0), updatedAt: at(T0),
    versions: versions.map((v) => ({
      name: 'cordon-token-signing', version: v.version, state: v.destroyed ? 'destroyed' : 'enabled', kekId: 'k',
      createdAt: at(v.createdAt), destroyedAt: v.destroyed ? at(v.createdAt) : null,
    })),
  };
}

describe('acceptedTokenKeyVersions', () => {
  it('the grace is the longest token lifetime, the clock tolerance and the largest key cache bound', () => {
    assert.equal(TOKEN_KEY_GRACE_SEC, 3600 + 30 + 60);
  });

  it('one version: accepted, with no end', () => {
    assert.deepEqual(acceptedTokenKeyVersions(info([{ version: 1, createdAt: T0 }]), T0 + 10 * 86400_000), [{ version: 1, primary: true, acceptedUntil: null }]);
  });

  it('after a rotation the old version verifies until the rotation + grace, then not', () => {
    const rotated = T0 + 86400_000;
    const k = info([{ version: 1, createdAt: T0 }, { version: 2, createdAt: rotated }]);
    const until = rotated + TOKEN_KEY_GRACE_SEC * 1000;
    assert.deepEqual(acceptedTokenKeyVersions(k, until - 1), [
      { version: 1, primary: false, acceptedUntil: at(until) }, { version: 2, primary: true, acceptedUntil: null },
    ]);
    assert.deepEqual(acceptedTokenKeyVersions(k, until).map((a) => a.version), [2]);
    // Each old version's clock starts when its own successor was made.
    const k3 = info([{ version: 1, createdAt: T0 }, { version: 2, createdAt: rotated }, { version: 3, createdAt: rotated + 600_000 }]);
    assert.deepEqual(acceptedTokenKeyVersions(k3, rotated + 700_000).map((a) => a.version), [1, 2, 3]);
    assert.deepEqual(acceptedTokenKeyVersions(k3, until + 1).map((a) => a.version), [2, 3]);
  });

  it('a raised minimum version (--drop-old) or a destroyed version is refused at once', () => {
    const k = info([{ version: 1, createdAt: T0 }, { version: 2, createdAt: T0 + 1000 }], { min: 2 });
    assert.deepEqual(acceptedTokenKeyVersions(k, T0 + 2000).map((a) => a.version), [2]);
    const d = info([{ version: 1, createdAt: T0, destroyed: true }, { version: 2, createdAt: T0 + 1000 }]);
    assert.deepEqual(acceptedTokenKeyVersions(d, T0 + 2000).map((a) => a.version), [2]);
  });
});
