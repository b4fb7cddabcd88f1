// The run manifest as retention reads and marks it: the input and quarantine files a run named
// (listed as unreachable), the output's digest (a file changed outside Cordon is not removed), and
// a `retention` note once the output is gone, so the manifest tells why its file is missing; an
// `agedColumns` note when a column retention set a column's values to null (with the new digest).
import { readFileSync } from 'node:fs';
import type { DatasetFormat } from '../io/dataset.js';
import { writeFileAtomic } from '../io/write-file-atomic.js';

/** A column whose values a retention run set to null in the output. */
export interface AgedColumn { readonly column: string; readonly retentionId: string; readonly retention: string; readonly agedAt: string }

export interface ManifestLike {
  input?: { path?: string };
  output?: { path?: string; sha256?: string; format?: DatasetFormat; encrypted?: boolean };
  quarantine?: { path?: string };
  retention?: { retentionId: string; removedAt: string; retention: string };
  agedColumns?: AgedColumn[];
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

/** Records in the manifest that some columns' values were set to null, and the new file's digest (atomic replace). */
export function markAged(path: string, m: ManifestLike, sha256: string, aged: readonly AgedColumn[]): void {
  const kept = (m.agedColumns ?? []).filter((a) => !aged.some((x) => x.column === a.column));
  writeFileAtomic(path, JSON.stringify({ ...m, output: { ...m.output, sha256 }, agedColumns: [...kept, ...aged] }, null, 2) + '\n', { force: true });
}
