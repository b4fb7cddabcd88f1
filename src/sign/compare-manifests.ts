// Compares a recorded file list with a recomputed one. Pure: lists in, differences out.
import type { ManifestEntry } from './manifest-format.js';

export interface ManifestDiff {
  /** True when nothing changed. */
  readonly ok: boolean;
  /** In both, with different contents. */
  readonly changed: readonly string[];
  /** Only in the recomputed list (new files). */
  readonly added: readonly string[];
  /** Only in the recorded list (files gone). */
  readonly removed: readonly string[];
}

/** Every changed, added and removed path, each list in the order of its input. */
export function compareManifests(recorded: readonly ManifestEntry[], actual: readonly ManifestEntry[]): ManifestDiff {
  const want = new Map(recorded.map((e) => [e.path, e]));
  const have = new Map(actual.map((e) => [e.path, e]));
  const changed: string[] = [];
  const added: string[] = [];
  for (const a of actual) {
    const r = want.get(a.path);
    if (r === undefined) added.push(a.path);
    else if (r.size !== a.size || r.sha256 !== a.sha256 || (r.merkleRoot !== undefined && r.merkleRoot !== a.merkleRoot)) changed.push(a.path);
  }
  const removed = recorded.filter((r) => !have.has(r.path)).map((r) => r.path);
  return { ok: changed.length + added.length + removed.length === 0, changed, added, removed };
}
