// `manifest verify`: recomputes a manifest's files from disk and reports every changed, added and
// removed file. The result lists them all; `assertManifestMatches` turns a difference into
// ERR_MANIFEST_MISMATCH for callers that only need a yes or no.
import { CordonError } from '../errors.js';
import { compareManifests, type ManifestDiff } from './compare-manifests.js';
import { hashEntries } from './create-manifest.js';
import { listArtifactFiles } from './list-files.js';
import type { Manifest } from './manifest-format.js';

export interface VerifyManifestResult extends ManifestDiff {
  readonly version: string;
  readonly files: number;
}

/**
 * Checks `path` against `manifest`.
 *
 * @example
 * ```ts
 * const r = await verifyManifest('data/', parseManifest(JSON.parse(text)));
 * if (!r.ok) console.log(r.changed, r.added, r.removed);
 * ```
 */
export async function verifyManifest(path: string, manifest: Manifest, options: { ignore?: readonly string[] } = {}): Promise<VerifyManifestResult> {
  const listing = await listArtifactFiles(path, { ignore: [...manifest.ignore, ...(options.ignore ?? [])] });
  const actual = await hashEntries(listing.files, manifest.hash.merkle.chunkSize);
  const diff = compareManifests(manifest.files, actual);
  return { ...diff, version: manifest.version, files: actual.length };
}

/** Throws ERR_MANIFEST_MISMATCH, with counts in the details, unless `r.ok`. */
export function assertManifestMatches(r: ManifestDiff): void {
  if (r.ok) return;
  throw new CordonError('ERR_MANIFEST_MISMATCH', `contents differ from the manifest: ${r.changed.length} changed, ${r.added.length} added, ${r.removed.length} removed`, {
    details: { changed: r.changed.length, added: r.added.length, removed: r.removed.length },
  });
}
