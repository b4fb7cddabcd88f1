// The run manifest as retention reads and marks it: the input and quarantine files a run named
// (listed as unreachable), the output's digest (a file changed outside Cordon is not removed), and
// a `retention` note once the output is gone, so the manifest tells why its file is missing.
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../io/write-file-atomic.js';

export interface ManifestLike {
  input?: { path?: string };
  output?: { path?: string; sha256?: string };
  quarantine?: { path?: string };
  retention?: { retentionId: string; removedAt: string; retention: string };
}

/** The manifest at `path`, or undefined when there is none or it is not JSON. */
export function readManifest(path: string | null): ManifestLike | undefined {
  if (path === null) return undefined;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    return typeof m === 'object' && m !== null && !Array.isArray(m) ? (m as ManifestLike) : undefined;
  } catch {
    return undefined;
  }
}

/** Records in the manifest that its output was removed by a retention run (atomic replace). */
export function markRemoved(path: string, m: ManifestLike, note: NonNullable<ManifestLike['retention']>): void {
  writeFileAtomic(path, JSON.stringify({ ...m, retention: note }, null, 2) + '\n', { force: true });
}
