// The Merkle tree over stored complete subtrees, checked against the RFC 9162 §2.1.1 definition
// computed naively, for every size up to 130: roots, every inclusion proof, every consistency
// proof, and a one-byte change to any proof hash that must make verification fail.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY_ROOT, leafHash, nodeHash } from '../../../src/audit/merkle/hash.js';
import { consistencyProof, edgeNodes, inclusionProof, splitPoint, treeHash, TreeBuilder, type NodeSource } from '../../../src/audit/merkle/tree.js';
import { rootFromInclusionProof, verifyConsistency, verifyInclusion } from '../../../src/audit/merkle/verify.js';

const N = 130;
const leaves = Array.from({ length: N }, (_, i) => leafHash(Buffer.from(`entry ${i}`)));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** RFC 9162 §2.1.1, literally. */
function mth(d: Uint8Array[]): Uint8Array {
  if (d.length === 0) return EMPTY_ROOT;
  if (d.length === 1) return d[0]!;
  const k = splitPoint(d.length);
  return nodeHash(mth(d.slice(0, k)), mth(d.slice(k)));
}

// Every complete subtree, as a store keeps them, collected from TreeBuilder's callbacks.
const stored = new Map<string, Uint8Array>();
const builder = new TreeBuilder();
leaves.forEach((l, i) => {
  stored.set(`0:${i}`, l);
  builder.push(l, (level, index, hash) => stored.set(`${level}:${index}`, hash));
});
const src: NodeSource = (level, index) => {
  const h = stored.get(`${level}:${index}`);
  assert.ok(h, `node ${level}:${index} was never stored`);
  return h;
};
const roots = Array.from({ length: N + 1 }, (_, n) => mth(leaves.slice(0, n)));

describe('Merkle tree over stored subtrees (RFC 9162 §2.1)', () => {
  it('TreeBuilder stores exactly the complete aligned subtrees', () => {
    for (const [key, h] of stored) {
      const [level, index] = key.split(':').map(Number) as [number, number];
      assert.equal(hex(h), hex(mth(leaves.slice(index * 2 ** level, (index + 1) * 2 ** level))), key);
    }
    assert.equal(stored.size, N + N - edgeNodes(N).length);
  });

  it(`the root of every size 0..${N} equals MTH`, () => {
    for (let n = 0; n <= N; n++) assert.equal(hex(treeHash(n, src)), hex(roots[n]!), `size ${n}`);
    assert.equal(hex(builder.root()), hex(roots[N]!));
  });

  it('a builder resumed from a right edge continues the same tree', () => {
    for (const n of [0, 1, 5, 64, 77]) {
      const b = new TreeBuilder({ size: n, edge: edgeNodes(n).map(({ level, index }) => src(level, index)) });
      for (let i = n; i < N; i++) b.push(leaves[i]!);
      assert.equal(hex(b.root()), hex(roots[N]!), `resumed at ${n}`);
    }
  });

  it('every inclusion proof verifies; any changed byte, index or size fails', () => {
    for (let n = 1; n <= N; n++) {
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(i, n, src);
        assert.ok(verifyInclusion(leaves[i]!, i, n, proof, roots[n]!), `${i}/${n}`);
        if (proof.length > 0) {
          const bad = proof.map((p) => new Uint8Array(p));
          bad[i % bad.length]![7]! ^= 1;
          assert.equal(verifyInclusion(leaves[i]!, i, n, bad, roots[n]!), false);
          assert.equal(verifyInclusion(leaves[i]!, i, n, proof.slice(1), roots[n]!), false);
        }
        if (n > 1) assert.equal(verifyInclusion(leaves[i]!, (i + 1) % n, n, proof, roots[n]!), false);
        assert.equal(hex(rootFromInclusionProof(leaves[i]!, i, n, proof)!), hex(roots[n]!));
        if (n < N) assert.equal(verifyInclusion(leaves[i]!, i, n + 1, proof, roots[n + 1]!), false, `${i}/${n} as ${n + 1}`);
      }
    }
  });

  it('every consistency proof verifies; any changed byte fails', () => {
    for (let n = 1; n <= 70; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(m, n, src);
        assert.ok(verifyConsistency(m, n, proof, roots[m]!, roots[n]!), `${m}->${n}`);
        if (proof.length > 0) {
          const bad = proof.map((p) => new Uint8Array(p));
          bad[(m + n) % bad.length]![0]! ^= 0x80;
          assert.equal(verifyConsistency(m, n, bad, roots[m]!, roots[n]!), false, `tampered ${m}->${n}`);
        }
        if (m < n) assert.equal(verifyConsistency(m, n, proof, roots[m]!, roots[n - 1]!), false, `wrong root ${m}->${n}`);
      }
    }
  });

  it('refuses impossible ranges as programmer errors', () => {
    assert.throws(() => inclusionProof(5, 5, src), RangeError);
    assert.throws(() => consistencyProof(6, 5, src), RangeError);
  });
});
