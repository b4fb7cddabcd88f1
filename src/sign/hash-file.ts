// Streams one file once, computing its SHA-256 and, for files longer than one chunk, the RFC 9162
// Merkle root over its fixed-size chunks (docs/manifests.md). Memory stays at one chunk whatever the
// file size. Chunks are CHUNK_SIZE bytes except the last, which holds the rest (never empty).
import { open, stat } from 'node:fs/promises';
import { createSha256 } from '../crypto/hash.js';
import { CordonError } from '../errors.js';
import { MerkleTree } from './merkle.js';

/** Bytes per Merkle leaf: 1 MiB. Recorded in every manifest, so it can change in a later version. */
export const CHUNK_SIZE = 1024 * 1024;

export interface FileDigest {
  readonly size: number;
  /** Hex SHA-256 of the whole file. */
  readonly sha256: string;
  /** Hex Merkle root over CHUNK_SIZE chunks, only when the file is longer than one chunk. */
  readonly merkleRoot?: string;
}

/** Progress of hashing: bytes hashed so far, of `total` bytes listed. */
export type Progress = (bytes: number, total: number) => void;

/** The listed files' total size, for progress (only asked for when someone watches). */
export async function totalSize(files: readonly { absolute: string }[]): Promise<number> {
  let total = 0;
  for (const f of files) total += (await stat(f.absolute).catch(() => ({ size: 0 }))).size;
  return total;
}

/** Hashes the file at `path` in one pass. */
export async function hashFile(path: string, options: { chunkSize?: number; merkle?: boolean; onBytes?: (bytes: number) => void } = {}): Promise<FileDigest> {
  const chunkSize = options.chunkSize ?? CHUNK_SIZE;
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) throw new TypeError('hashFile: chunkSize must be a positive integer');
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    throw new CordonError('ERR_IO', `cannot read ${path}`, { cause: e });
  }
  try {
    const h = createSha256();
    const tree = new MerkleTree();
    const buf = Buffer.allocUnsafe(chunkSize);
    let size = 0;
    for (;;) {
      // Fill a whole chunk (reads may return less), so leaves do not depend on read sizes.
      let filled = 0;
      while (filled < chunkSize) {
        const { bytesRead } = await fh.read(buf, filled, chunkSize - filled, null);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      if (filled === 0) break;
      const chunk = buf.subarray(0, filled);
      h.update(chunk);
      if (options.merkle !== false) tree.append(chunk);
      size += filled;
      options.onBytes?.(filled);
      if (filled < chunkSize) break;
    }
    const sha256 = Buffer.from(h.digest()).toString('hex');
    return tree.size > 1 ? { size, sha256, merkleRoot: Buffer.from(tree.root()).toString('hex') } : { size, sha256 };
  } catch (e) {
    if (e instanceof CordonError) throw e;
    throw new CordonError('ERR_IO', `cannot read ${path}`, { cause: e });
  } finally {
    await fh.close();
  }
}
