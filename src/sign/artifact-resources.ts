// The resources (file digests) of an artifact as model-signing lists them, computed from disk, and
// the root digest over them. Shared by signing and verification so both hash the same way.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { createSha256 } from '../crypto/hash.js';
import { CordonError } from '../errors.js';
import { hashFile, totalSize, type Progress } from './hash-file.js';
import { listArtifactFiles } from './list-files.js';
import type { Resource } from './model-signing-format.js';

export interface ArtifactResources {
  readonly kind: 'directory' | 'file';
  readonly root: string;
  readonly name: string;
  readonly resources: readonly Resource[];
}

/**
 * Hashes every file of `path` (minus `ignore`, relative '/' paths). As in the reference, a
 * single-file artifact has one resource named ".".
 */
export async function artifactResources(path: string, ignore: Iterable<string>, onProgress?: Progress): Promise<ArtifactResources> {
  const listing = await listArtifactFiles(path, { ignore });
  const resources: Resource[] = [];
  const total = onProgress === undefined ? 0 : await totalSize(listing.files);
  let done = 0;
  for (const f of listing.files) {
    const d = await hashFile(f.absolute, { merkle: false, ...(onProgress !== undefined ? { onBytes: (n: number) => onProgress((done += n), total) } : {}) });
    resources.push({ name: listing.kind === 'file' ? '.' : f.path, algorithm: 'sha256', digest: d.sha256 });
  }
  return { kind: listing.kind, root: listing.root, name: listing.name, resources };
}

/** model-signing: subject digest = SHA-256(raw digest 1 ‖ raw digest 2 ‖ …) in listed order. */
export function rootDigest(resources: readonly Resource[]): string {
  const h = createSha256();
  for (const r of resources) h.update(Buffer.from(r.digest, 'hex'));
  return Buffer.from(h.digest()).toString('hex');
}

/**
 * A path given on the command line as a relative '/' path inside `root`, or undefined when it lies
 * outside. Absolute paths are taken as they are; relative ones are relative to `root`.
 */
export function pathInside(root: string, p: string, base: 'root' | 'cwd' = 'root'): string | undefined {
  const abs = isAbsolute(p) ? p : base === 'root' ? resolve(root, p) : resolve(p);
  const rel = relative(root, abs);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/** Normalises user-given ignore paths to relative '/' paths inside `root`. */
export function normaliseIgnore(root: string, paths: readonly string[]): string[] {
  return paths.map((p) => {
    const rel = pathInside(root, p);
    if (rel === undefined) throw new CordonError('ERR_INPUT_INVALID', `ignore path ${JSON.stringify(p)} is not inside the artifact`);
    return rel;
  });
}
