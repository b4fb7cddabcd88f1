// RFC 6962 / RFC 9162 Merkle tree vectors from transparency-dev/merkle (merkle-rfc6962/SOURCE.txt):
// the hasher cases, the reference tree (every node hash and the root for sizes 0..8), the
// known-good inclusion and consistency proofs (generated and verified), and every one of the
// 98 + 98 verification probes, accepted or rejected as the file says.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY_ROOT, leafHash, nodeHash } from '../../src/audit/merkle/hash.js';
import { consistencyProof, inclusionProof, treeHash, TreeBuilder, type NodeSource } from '../../src/audit/merkle/tree.js';
import { verifyConsistency, verifyInclusion } from '../../src/audit/merkle/verify.js';
import { sha256 } from '../../src/crypto/hash.js';
import { hex, loadVectors, toHex } from './support.js';

interface HasherCase { desc: string; input?: null; leaf?: string; left?: string; right?: string; want: string }
interface InclusionProbe { file: string; desc: string; wantErr: boolean; leafIdx0: number; treeSize: number; root: string | null; leafHash: string | null; proof: string[] | null }
interface ConsistencyProbe { file: string; desc: string; wantErr: boolean; size1: number; size2: number; root1: string | null; root2: string | null; proof: string[] | null }
interface VectorFile {
  hasher: HasherCase[];
  referenceTree: { leaves: string[]; nodeHashesByLevel: string[][]; rootHashesBySize: string[] };
  proofs: { inclusion: { leafIndex1: number; treeSize: number; proof: string[] }[]; consistency: { size1: number; size2: number; proof: string[] }[] };
  probes: { inclusion: InclusionProbe[]; consistency: ConsistencyProbe[] };
}

const v = loadVectors<VectorFile>('merkle-rfc6962/merkle_rfc6962_vectors.json');
const leaves = v.referenceTree.leaves.map(hex);
const leafHashes = leaves.map(leafHash);

/** Complete subtrees recomputed from the leaves (no stored nodes): the tree code must not care. */
const fromLeaves: NodeSource = (level, index) => {
  const hashes: Uint8Array[] = leafHashes.slice(index * 2 ** level, (index + 1) * 2 ** level);
  assert.equal(hashes.length, 2 ** level, `subtree ${level}:${index} is past the leaves`);
  let row = hashes;
  while (row.length > 1) row = row.flatMap((_, i) => (i % 2 === 0 ? [nodeHash(row[i]!, row[i + 1]!)] : []));
  return row[0]!;
};
const h = (s: string | null): Uint8Array => (s === null ? new Uint8Array(0) : hex(s));

describe('RFC 9162 Merkle vectors (transparency-dev/merkle)', () => {
  it(`hasher: ${v.hasher.length} cases`, () => {
    for (const c of v.hasher) {
      const got = c.leaf !== undefined ? leafHash(hex(c.leaf)) : c.left !== undefined ? nodeHash(hex(c.left), hex(c.right!)) : EMPTY_ROOT;
      assert.equal(toHex(got), c.want, c.desc);
    }
    assert.equal(toHex(EMPTY_ROOT), toHex(sha256()));
  });

  it('reference tree: every complete-subtree hash', () => {
    v.referenceTree.nodeHashesByLevel.forEach((row, level) => row.forEach((want, index) => assert.equal(toHex(fromLeaves(level, index)), want, `node ${level}:${index}`)));
  });

  it('reference tree: the root of every size 0..8, by subtree and by TreeBuilder', () => {
    const b = new TreeBuilder();
    v.referenceTree.rootHashesBySize.forEach((want, size) => {
      assert.equal(toHex(treeHash(size, fromLeaves)), want, `MTH size ${size}`);
      assert.equal(toHex(b.root()), want, `builder size ${size}`);
      if (size < leafHashes.length) b.push(leafHashes[size]!);
    });
  });

  it(`known-good inclusion proofs: ${v.proofs.inclusion.length} generated and verified`, () => {
    for (const p of v.proofs.inclusion) {
      const index = p.leafIndex1 - 1;
      const got = inclusionProof(index, p.treeSize, fromLeaves);
      assert.deepEqual(got.map(toHex), p.proof, `leaf ${index} of ${p.treeSize}`);
      assert.ok(verifyInclusion(leafHashes[index]!, index, p.treeSize, got, hex(v.referenceTree.rootHashesBySize[p.treeSize]!)));
    }
  });

  it(`known-good consistency proofs: ${v.proofs.consistency.length} generated and verified`, () => {
    for (const p of v.proofs.consistency) {
      const got = consistencyProof(p.size1, p.size2, fromLeaves);
      assert.deepEqual(got.map(toHex), p.proof, `${p.size1} -> ${p.size2}`);
      const r1 = hex(v.referenceTree.rootHashesBySize[p.size1]!);
      const r2 = hex(v.referenceTree.rootHashesBySize[p.size2]!);
      assert.ok(verifyConsistency(p.size1, p.size2, got, r1, r2), `${p.size1} -> ${p.size2}`);
    }
  });

  it('every proof between every pair of sizes 1..8 is generated and verifies', () => {
    for (let n = 1; n <= 8; n++) {
      const root = hex(v.referenceTree.rootHashesBySize[n]!);
      for (let i = 0; i < n; i++) assert.ok(verifyInclusion(leafHashes[i]!, i, n, inclusionProof(i, n, fromLeaves), root), `inclusion ${i}/${n}`);
      for (let m = 1; m <= n; m++) {
        assert.ok(verifyConsistency(m, n, consistencyProof(m, n, fromLeaves), hex(v.referenceTree.rootHashesBySize[m]!), root), `consistency ${m}->${n}`);
      }
    }
  });

  describe(`inclusion probes: ${v.probes.inclusion.length}`, () => {
    v.probes.inclusion.forEach((p, i) => {
      it(`#${i} ${p.file}: ${p.desc} → ${p.wantErr ? 'reject' : 'accept'}`, () => {
        const ok = verifyInclusion(h(p.leafHash), p.leafIdx0, p.treeSize, (p.proof ?? []).map(hex), h(p.root));
        assert.equal(ok, !p.wantErr);
      });
    });
  });

  describe(`consistency probes: ${v.probes.consistency.length}`, () => {
    v.probes.consistency.forEach((p, i) => {
      it(`#${i} ${p.file}: ${p.desc} → ${p.wantErr ? 'reject' : 'accept'}`, () => {
        const ok = verifyConsistency(p.size1, p.size2, (p.proof ?? []).map(hex), h(p.root1), h(p.root2));
        assert.equal(ok, !p.wantErr);
      });
    });
  });

  it('196 probes in all', () => assert.equal(v.probes.inclusion.length + v.probes.consistency.length, 196));
});
