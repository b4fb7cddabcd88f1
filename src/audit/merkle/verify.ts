// Verification of RFC 9162 proofs: §2.1.3.2 (inclusion) and §2.1.4.2 (consistency), exactly as
// written there, plus the length checks the RFC leaves implicit (every hash is 32 bytes). Returns
// false for any malformed input; never throws.
import { constantTimeEqual } from '../../crypto/constant-time.js';
import { HASH_LENGTH, nodeHash } from './hash.js';

const is32 = (h: Uint8Array): boolean => h instanceof Uint8Array && h.length === HASH_LENGTH;
const isSize = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && constantTimeEqual(a, b);
}

/** The root that an inclusion proof implies, or undefined when the proof is malformed (RFC 9162 §2.1.3.2 steps 1–4). */
export function rootFromInclusionProof(leafHash: Uint8Array, index: number, size: number, proof: readonly Uint8Array[]): Uint8Array | undefined {
  if (!isSize(index) || !isSize(size) || index >= size) return undefined;
  if (!is32(leafHash) || !proof.every(is32)) return undefined;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return undefined;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : undefined;
}

/** RFC 9162 §2.1.3.2: does `proof` show leaf `index` with hash `leafHash` in the tree of `size` with root `root`? */
export function verifyInclusion(leafHash: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!is32(root)) return false;
  const r = rootFromInclusionProof(leafHash, index, size, proof);
  return r !== undefined && equal(r, root);
}

/**
 * RFC 9162 §2.1.4.2: does `proof` show the tree of `size1` (root1) is a prefix of the tree of
 * `size2` (root2)? Equal sizes need an empty proof and equal roots. A proof from the empty tree
 * is refused: every tree extends it, so it proves nothing (the transparency-dev test data agrees).
 */
export function verifyConsistency(size1: number, size2: number, proof: readonly Uint8Array[], root1: Uint8Array, root2: Uint8Array): boolean {
  if (!isSize(size1) || !isSize(size2) || size2 < size1 || size1 === 0) return false;
  if (size1 === size2) return proof.length === 0 && equal(root1, root2);
  // Step 1: an empty path fails.
  if (proof.length === 0 || !is32(root1) || !is32(root2) || !proof.every(is32)) return false;
  // Step 2: if size1 is an exact power of two, prepend root1.
  const path = Number.isInteger(Math.log2(size1)) ? [root1, ...proof] : [...proof];
  // Step 3.
  let fn = size1 - 1;
  let sn = size2 - 1;
  // Step 4: shift while LSB(fn) is set.
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // Step 5.
  let fr = path[0]!;
  let sr = path[0]!;
  // Step 6.
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // Step 7.
  return sn === 0 && equal(fr, root1) && equal(sr, root2);
}
