// RFC 9162 §2.1.1 hashing: the Merkle Tree Hash of Cordon's audit log. Domain separation between
// leaves and interior nodes is what stops a leaf from being passed off as a subtree (second
// preimage), so these functions are the only way the log hashes anything.
import { sha256, sha256Once } from '../../crypto/hash.js';

/** Hash length of SHA-256; proofs and roots with any other length are rejected. */
export const HASH_LENGTH = 32;

/** RFC 9162 §2.1.1: MTH({}) = SHA-256() — the root of the empty tree. */
export const EMPTY_ROOT: Uint8Array = sha256();

/** RFC 9162 §2.1.1: leaf = SHA-256(0x00 ‖ entry). */
export function leafHash(entry: Uint8Array): Uint8Array {
  const b = Buffer.allocUnsafe(entry.length + 1);
  b[0] = 0x00;
  b.set(entry, 1);
  return sha256Once(b);
}

/** RFC 9162 §2.1.1: node = SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  const b = Buffer.allocUnsafe(1 + left.length + right.length);
  b[0] = 0x01;
  b.set(left, 1);
  b.set(right, 1 + left.length);
  return sha256Once(b);
}

/** nodeHash of two adjacent 32-byte hashes given as one 64-byte slice (left ‖ right). */
export function nodeHashOfPair(pair: Uint8Array): Uint8Array {
  const b = Buffer.allocUnsafe(1 + pair.length);
  b[0] = 0x01;
  b.set(pair, 1);
  return sha256Once(b);
}
