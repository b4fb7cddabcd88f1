// SHA-2 digests (node:crypto). Used for integrity digests and canonical hashes, never for keyed
// pseudonyms (those use HMAC with a managed key).
import { createHash, hash } from 'node:crypto';

export function sha256(...parts: Uint8Array[]): Uint8Array {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

/** SHA-256 of one buffer in one call (no Hash object): the fast path for Merkle trees. */
export function sha256Once(data: Uint8Array): Uint8Array {
  return hash('sha256', data, 'buffer');
}

export function sha512(...parts: Uint8Array[]): Uint8Array {
  const h = createHash('sha512');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

/** Incremental SHA-256 for streams (files, artifacts). */
export function createSha256(): { update(data: Uint8Array): void; digest(): Uint8Array } {
  const h = createHash('sha256');
  return {
    update: (data) => void h.update(data),
    digest: () => new Uint8Array(h.digest()),
  };
}
