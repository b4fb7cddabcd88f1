// The Merkle Tree Hash, inclusion proofs and consistency proofs of RFC 9162 §2.1.1–§2.1.4.1, over
// a source of complete-subtree hashes. A log stores the hash of every complete, aligned subtree
// (level 0 = leaf hashes, level l = the node over leaves [i·2^l, (i+1)·2^l)), so any root or proof
// for any tree size needs O(log² n) stored hashes and no rehashing of entries.
import { EMPTY_ROOT, nodeHash } from './hash.js';

/** The hash of the complete subtree at `level` with index `index` (it covers 2^level leaves). */
export type NodeSource = (level: number, index: number) => Uint8Array;

/** Largest power of two strictly less than n (n ≥ 2): the split point k of RFC 9162 §2.1.1. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && splitPoint(n + 1) === n;
}

function log2(n: number): number {
  return Math.round(Math.log2(n));
}

/** MTH(D[start:end]), from stored complete subtrees where the range allows, splitting where not. */
export function subtreeHash(start: number, end: number, src: NodeSource): Uint8Array {
  const n = end - start;
  if (n <= 0) return EMPTY_ROOT;
  if (isPowerOfTwo(n) && start % n === 0) return src(log2(n), start / n);
  const k = splitPoint(n);
  return nodeHash(subtreeHash(start, start + k, src), subtreeHash(start + k, end, src));
}

/** RFC 9162 §2.1.1: the root of the tree of the first `size` leaves. */
export function treeHash(size: number, src: NodeSource): Uint8Array {
  return subtreeHash(0, size, src);
}

/** RFC 9162 §2.1.3.1: PATH(m, D[n]) — the audit path of leaf `index` in the tree of `size` leaves, leaf end first. */
export function inclusionProof(index: number, size: number, src: NodeSource): Uint8Array[] {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) {
    throw new RangeError(`inclusionProof: index ${index} is not in a tree of size ${size}`);
  }
  const path: Uint8Array[] = [];
  const walk = (m: number, start: number, end: number): void => {
    const n = end - start;
    if (n <= 1) return;
    const k = splitPoint(n);
    if (m < k) {
      walk(m, start, start + k);
      path.push(subtreeHash(start + k, end, src));
    } else {
      walk(m - k, start + k, end);
      path.push(subtreeHash(start, start + k, src));
    }
  };
  walk(index, 0, size);
  return path;
}

/** RFC 9162 §2.1.4.1: PROOF(m, D[n]) — proves the tree of `size1` leaves is a prefix of the tree of `size2`. */
export function consistencyProof(size1: number, size2: number, src: NodeSource): Uint8Array[] {
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 0 || size1 > size2) {
    throw new RangeError(`consistencyProof: sizes ${size1} and ${size2} are not a prefix pair`);
  }
  const proof: Uint8Array[] = [];
  if (size1 === 0 || size1 === size2) return proof;
  // SUBPROOF(m, D[start:end], b)
  const sub = (m: number, start: number, end: number, b: boolean): void => {
    const n = end - start;
    if (m === n) {
      if (!b) proof.push(subtreeHash(start, end, src));
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      sub(m, start, start + k, b);
      proof.push(subtreeHash(start + k, end, src));
    } else {
      sub(m - k, start + k, end, false);
      proof.push(subtreeHash(start, start + k, src));
    }
  };
  sub(size1, 0, size2, true);
  return proof;
}

/**
 * Builds a tree one leaf hash at a time, keeping only the right edge (one hash per set bit of the
 * size). `onNode` sees every complete subtree as it is finished, so a store can persist them.
 */
export class TreeBuilder {
  /** Complete subtrees of the current size, largest (leftmost) first: [level, hash]. */
  readonly #edge: { level: number; hash: Uint8Array }[] = [];
  #size = 0;

  constructor(initial?: { size: number; edge: readonly Uint8Array[] }) {
    if (initial) {
      this.#size = initial.size;
      const levels = edgeLevels(initial.size);
      if (levels.length !== initial.edge.length) throw new RangeError('TreeBuilder: right edge does not match the size');
      levels.forEach((level, i) => this.#edge.push({ level, hash: initial.edge[i]! }));
    }
  }

  get size(): number {
    return this.#size;
  }

  /** Appends a leaf hash; calls `onNode(level, index, hash)` for each interior node it completes. */
  push(leaf: Uint8Array, onNode?: (level: number, index: number, hash: Uint8Array) => void): void {
    let level = 0;
    let hash = leaf;
    let index = this.#size;
    while (this.#edge.length > 0 && this.#edge[this.#edge.length - 1]!.level === level) {
      const left = this.#edge.pop()!;
      hash = nodeHash(left.hash, hash);
      level++;
      index = Math.floor(index / 2);
      onNode?.(level, index, hash);
    }
    this.#edge.push({ level, hash });
    this.#size++;
  }

  /** MTH of the leaves pushed so far. */
  root(): Uint8Array {
    if (this.#edge.length === 0) return EMPTY_ROOT;
    let r = this.#edge[this.#edge.length - 1]!.hash;
    for (let i = this.#edge.length - 2; i >= 0; i--) r = nodeHash(this.#edge[i]!.hash, r);
    return r;
  }

  /** The right edge (for resuming): hashes of the complete subtrees, largest first. */
  edge(): Uint8Array[] {
    return this.#edge.map((e) => e.hash);
  }
}

/** Levels of the complete subtrees that make up a tree of `size` leaves, largest first. */
export function edgeLevels(size: number): number[] {
  const out: number[] = [];
  for (let level = 52; level >= 0; level--) if (Math.floor(size / 2 ** level) % 2 === 1) out.push(level);
  return out;
}

/** The (level, index) of each complete subtree of the right edge of a tree of `size` leaves. */
export function edgeNodes(size: number): { level: number; index: number }[] {
  let start = 0;
  return edgeLevels(size).map((level) => {
    const node = { level, index: start / 2 ** level };
    start += 2 ** level;
    return node;
  });
}

/**
 * Runs a tree computation against an asynchronous store: first with a recording source to learn
 * which stored hashes it needs (they depend on sizes and indexes only), then fetches them in one
 * batch and runs it for real.
 */
export async function withStoredNodes<T>(fetch: (nodes: readonly { level: number; index: number }[]) => Promise<Map<string, Uint8Array>>, compute: (src: NodeSource) => T): Promise<T> {
  const wanted = new Map<string, { level: number; index: number }>();
  const dummy = new Uint8Array(32);
  compute((level, index) => {
    wanted.set(`${level}:${index}`, { level, index });
    return dummy;
  });
  const got = await fetch([...wanted.values()]);
  return compute((level, index) => {
    const h = got.get(`${level}:${index}`);
    if (h === undefined) throw new RangeError(`missing stored node ${level}:${index}`);
    return h;
  });
}
