// RFC 9162 §2.1.1 Merkle Tree Hash, computed as leaves stream in (one file chunk at a time), in
// O(log n) memory. leaf = SHA-256(0x00 ‖ data), node = SHA-256(0x01 ‖ left ‖ right); the tree over n
// leaves splits at the largest power of two below n, and the empty tree hashes to SHA-256("").
// The stack holds the roots of complete subtrees, largest first (the binary digits of n): equal
// neighbours merge as leaves arrive, and at the end the stack folds from the right, which is exactly
// the recursive MTH split.
import { sha256 } from '../crypto/hash.js';

const LEAF = new Uint8Array([0x00]);
const NODE = new Uint8Array([0x01]);

/** RFC 9162 §2.1.1: MTH({d}) = SHA-256(0x00 ‖ d). */
export function leafHash(data: Uint8Array): Uint8Array {
  return sha256(LEAF, data);
}

/** RFC 9162 §2.1.1: SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(NODE, left, right);
}

/**
 * Streaming Merkle Tree Hash.
 *
 * @example
 * ```ts
 * const t = new MerkleTree();
 * for (const chunk of chunks) t.append(chunk);
 * const root = t.root();
 * ```
 */
export class MerkleTree {
  readonly #stack: { hash: Uint8Array; size: number }[] = [];
  #count = 0;

  /** Number of leaves so far. */
  get size(): number {
    return this.#count;
  }

  /** Appends one leaf given its data. */
  append(data: Uint8Array): void {
    this.appendLeafHash(leafHash(data));
  }

  /** Appends one leaf given its leaf hash. */
  appendLeafHash(hash: Uint8Array): void {
    let top = { hash, size: 1 };
    while (this.#stack.length > 0 && this.#stack[this.#stack.length - 1]!.size === top.size) {
      const left = this.#stack.pop()!;
      top = { hash: nodeHash(left.hash, top.hash), size: left.size * 2 };
    }
    this.#stack.push(top);
    this.#count++;
  }

  /** The root over the leaves so far; SHA-256("") for none. Does not end the tree. */
  root(): Uint8Array {
    if (this.#stack.length === 0) return sha256();
    let acc = this.#stack[this.#stack.length - 1]!.hash;
    for (let i = this.#stack.length - 2; i >= 0; i--) acc = nodeHash(this.#stack[i]!.hash, acc);
    return acc;
  }
}
