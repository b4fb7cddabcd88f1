// RFC 9162 §2.1.1 Merkle Tree Hash: the streaming tree against the canonical RFC 6962 test tree
// (roots for sizes 0..8 from transparency-dev/merkle testonly/constants.go, Apache-2.0, as collected
// in ../shared/vectors/merkle-rfc6962), against the recursive definition for every size up to 70,
// and hashFile's chunking at and around chunk boundaries.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { MerkleTree, leafHash, nodeHash } from '../../../src/sign/merkle.js';
import { hashFile } from '../../../src/sign/hash-file.js';
import { tempDir } from './helpers.js';

const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** RFC 9162 §2.1.1, literally: split at the largest power of two smaller than n. */
function mth(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return new Uint8Array(createHash('sha256').digest());
  if (leaves.length === 1) return leafHash(leaves[0]!);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

describe('sign/merkle: RFC 9162 Merkle Tree Hash', () => {
  it('hasher vectors (RFC 6962 test data)', () => {
    assert.equal(hex(leafHash(new Uint8Array())), '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    assert.equal(hex(leafHash(Buffer.from('4c313233343536', 'hex'))), '395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56');
    assert.equal(hex(nodeHash(Buffer.from('4e313233', 'hex'), Buffer.from('4e343536', 'hex'))), 'aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb');
  });

  it('roots of the canonical tree for sizes 0..8', () => {
    const t = new MerkleTree();
    assert.equal(hex(t.root()), ROOTS[0]);
    LEAVES.forEach((l, i) => {
      t.append(Buffer.from(l, 'hex'));
      assert.equal(hex(t.root()), ROOTS[i + 1], `size ${i + 1}`);
    });
  });

  it('matches the recursive definition for every size 0..70', () => {
    const leaves: Uint8Array[] = [];
    const t = new MerkleTree();
    for (let n = 0; n <= 70; n++) {
      assert.equal(hex(t.root()), hex(mth(leaves)), `size ${n}`);
      const leaf = new Uint8Array([n, n * 7 & 0xff, 3]);
      leaves.push(leaf);
      t.append(leaf);
    }
  });
});

describe('sign/hash-file: one pass, SHA-256 and chunk Merkle root', () => {
  const CH = 1024;
  for (const size of [0, 1, CH - 1, CH, CH + 1, 2 * CH, 3 * CH + 17, 8 * CH, 9 * CH - 1]) {
    it(`${size} bytes with ${CH}-byte chunks`, async () => {
      const tmp = tempDir();
      try {
        const data = Buffer.alloc(size);
        for (let i = 0; i < size; i++) data[i] = (i * 31 + 7) & 0xff;
        const p = join(tmp.dir, 'f.bin');
        writeFileSync(p, data);
        const d = await hashFile(p, { chunkSize: CH });
        assert.equal(d.size, size);
        assert.equal(d.sha256, createHash('sha256').update(data).digest('hex'));
        const chunks: Uint8Array[] = [];
        for (let o = 0; o < size; o += CH) chunks.push(data.subarray(o, Math.min(size, o + CH)));
        if (chunks.length > 1) assert.equal(d.merkleRoot, hex(mth(chunks)));
        else assert.equal(d.merkleRoot, undefined, 'files of at most one chunk carry no Merkle root');
      } finally {
        tmp.cleanup();
      }
    });
  }
});
