// CSPRNG. Every random byte Cordon uses (keys, salts, nonces, tokens) comes from here, which is
// node:crypto's randomBytes (the OS CSPRNG). Never Math.random.
import { randomBytes as nodeRandomBytes, randomUUID as nodeRandomUUID } from 'node:crypto';

/** Returns `length` bytes from the operating system's CSPRNG. */
export function randomBytes(length: number): Uint8Array {
  if (!Number.isSafeInteger(length) || length < 0) throw new TypeError('randomBytes: length must be a non-negative integer');
  const b = nodeRandomBytes(length);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** A random (version 4) UUID, for event and run identifiers. */
export function randomId(): string {
  return nodeRandomUUID();
}
