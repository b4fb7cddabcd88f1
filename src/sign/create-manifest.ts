// `manifest create`: records a dataset version — every file's size and SHA-256, and a Merkle root
// for files longer than one chunk — by streaming each file once (docs/manifests.md).
import { CHUNK_SIZE, hashFile, totalSize, type Progress } from './hash-file.js';
import { listArtifactFiles } from './list-files.js';
import { MANIFEST_FORMAT, versionId, type Manifest, type ManifestEntry } from './manifest-format.js';

export interface CreateManifestOptions {
  /** Relative '/' paths to leave out (an ignored directory leaves out everything under it). */
  readonly ignore?: readonly string[];
  /** Merkle leaf size in bytes (default CHUNK_SIZE, 1 MiB). */
  readonly chunkSize?: number;
  /** Called as files are read, with the bytes hashed so far and the listed files' total size. */
  readonly onProgress?: Progress;
}

/** Hashes the listed files, one at a time, in order. */
export async function hashEntries(files: readonly { path: string; absolute: string }[], chunkSize: number, onProgress?: Progress): Promise<ManifestEntry[]> {
  const out: ManifestEntry[] = [];
  const total = onProgress === undefined ? 0 : await totalSize(files);
  let done = 0;
  for (const f of files) {
    const d = await hashFile(f.absolute, { chunkSize, ...(onProgress !== undefined ? { onBytes: (n: number) => onProgress((done += n), total) } : {}) });
    out.push({ path: f.path, ...d });
  }
  return out;
}

/**
 * Creates the manifest of `path`.
 *
 * @example
 * ```ts
 * const m = await createManifest('data/', { ignore: ['tmp'] });
 * writeFileSync('manifest.json', serializeManifest(m));
 * ```
 */
export async function createManifest(path: string, options: CreateManifestOptions = {}): Promise<Manifest> {
  const chunkSize = options.chunkSize ?? CHUNK_SIZE;
  const ignore = [...new Set(options.ignore ?? [])].sort();
  const listing = await listArtifactFiles(path, { ignore });
  const files = await hashEntries(listing.files, chunkSize, options.onProgress);
  return {
    format: MANIFEST_FORMAT,
    version: versionId(files),
    created: new Date().toISOString(),
    artifact: { name: listing.name, kind: listing.kind },
    hash: { algorithm: 'sha256', merkle: { tree: 'rfc9162-sha256', chunkSize } },
    ignore,
    files,
  };
}
