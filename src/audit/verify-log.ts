// Full verification of an audit log: re-reads every entry, recomputes every leaf and subtree hash
// from the entry bytes, and checks every stored checkpoint's signature and root. Named steps:
//   1. entries   — contiguous indexes, `seq` inside each entry equals its index, columns match, leaf hash matches
//   2. tree      — each stored subtree hash equals the one recomputed from the entries
//   3. checkpoints — signature by a trusted key, origin, and root equal to the recomputed root at that size;
//                   a checkpoint larger than the log means the log was cut back
//   4. witnessed  — the same for checkpoints kept elsewhere (`audit checkpoint --publish`)
//   5. anchor     — the checkpoint recorded outside the store (anchor/): present and authentic, not larger
//                   than the log, root equal to the recomputed root, and covered by a stored checkpoint
//                   (events past the newest checkpoint are the normal unsigned tail)
// Reading order matters with concurrent writers: the caller reads the anchor before calling this,
// and this reads the checkpoints before the size, so every anchor and checkpoint it sees was
// written after the entries it covers.
// The report gives the first bad index: entries before it are covered by the evidence, entries from
// it on are not. Memory: 64 bytes per entry (leaf and interior hashes), 64 MB for a million.
import type { AnchorState } from './anchor/types.js';
import { parseCheckpoint } from './checkpoint.js';
import { decodeEntry } from './entry.js';
import { HASH_LENGTH, leafHash, nodeHashOfPair } from './merkle/hash.js';
import { treeHash } from './merkle/tree.js';
import { openNote, type NoteVerifier } from './signed-note.js';
import type { AuditStore } from './store/types.js';

export type AuditProblemKind =
  | 'entry-missing' | 'entry-invalid' | 'entry-moved' | 'entry-columns' | 'leaf-hash'
  | 'node-hash' | 'checkpoint-signature' | 'checkpoint-origin' | 'checkpoint-root' | 'log-truncated'
  | 'checkpoint-missing' | 'anchor-missing' | 'anchor-invalid';

export interface AuditProblem {
  readonly kind: AuditProblemKind;
  /** First entry index the problem affects, when it concerns entries. */
  readonly index?: number;
  /** Tree size of the checkpoint concerned. */
  readonly checkpointSize?: number;
  readonly message: string;
}

export interface AuditVerifyReport {
  readonly ok: boolean;
  readonly size: number;
  readonly checkpoints: number;
  /** Size of the newest checkpoint that verified; entries past it are not yet signed. */
  readonly signedSize: number;
  /** Size recorded by the anchor, when one was given and is authentic. */
  readonly anchoredSize?: number;
  readonly firstBadIndex?: number;
  readonly problems: readonly AuditProblem[];
}

export interface VerifyLogOptions {
  /** Trusted verifier keys for the checkpoints. */
  readonly verifiers: readonly NoteVerifier[];
  /** The log's origin; checkpoints with another origin are refused. */
  readonly origin?: string;
  /** Stop recording after this many problems (default 100). */
  readonly maxProblems?: number;
  readonly batchSize?: number;
  /**
   * The anchor kept outside the store, read before this call. Given, it must be present and
   * authentic; omitted (a bare store), it is not checked.
   */
  readonly anchor?: AnchorState;
  /** Signed checkpoints kept elsewhere (`source` names where, for the report). */
  readonly witnessed?: readonly { readonly source: string; readonly note: string }[];
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) === 0;

/** Verifies the whole log in `store`. Never throws for a damaged log: damage is in the report. */
export async function verifyAuditLog(store: AuditStore, options: VerifyLogOptions): Promise<AuditVerifyReport> {
  const max = options.maxProblems ?? 100;
  const batch = options.batchSize ?? 20_000;
  const problems: AuditProblem[] = [];
  const report = (p: AuditProblem): void => void (problems.length < max && problems.push(p));

  // Checkpoints before the size (see the header).
  const cps = await store.checkpoints();
  // Step 1: entries.
  const size = await store.size();
  const levels: Buffer[] = [Buffer.alloc(size * HASH_LENGTH)];
  // Subtrees already known to be damaged, per level: a parent of a damaged subtree is not reported again.
  const tainted: Set<number>[] = [new Set()];
  let expected = 0;
  // Entries appended while we verify are past `size` and left for the next run.
  while (expected < size) {
    const rows = (await store.entries(expected, batch)).filter((r) => r.index < size);
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.index !== expected) {
        report({ kind: 'entry-missing', index: expected, message: `entries ${expected}..${r.index - 1} are missing` });
        for (let j = expected; j < r.index; j++) tainted[0]!.add(j);
      }
      expected = r.index + 1;
      const leaf = leafHash(r.entry);
      levels[0]!.set(leaf, r.index * HASH_LENGTH);
      try {
        const ev = decodeEntry(r.entry);
        if (ev.seq !== r.index) report({ kind: 'entry-moved', index: r.index, message: `entry ${r.index} says it belongs at index ${ev.seq} (moved, inserted or deleted entries)` });
        if (ev.id !== r.id || ev.time !== r.time || ev.type !== r.type || ev.principal !== r.principal) {
          report({ kind: 'entry-columns', index: r.index, message: `entry ${r.index}: the indexed columns do not match the entry` });
        }
      } catch {
        report({ kind: 'entry-invalid', index: r.index, message: `entry ${r.index} is not a valid entry` });
      }
      if (!sameBytes(leaf, r.leafHash)) {
        report({ kind: 'leaf-hash', index: r.index, message: `entry ${r.index} does not match its stored leaf hash (modified)` });
        tainted[0]!.add(r.index);
      }
    }
  }

  // Step 2: interior nodes, level by level.
  for (let level = 1; 2 ** level <= size; level++) {
    const below = levels[level - 1]!;
    const taintedBelow = tainted[level - 1]!;
    const taintedHere = new Set<number>();
    tainted.push(taintedHere);
    for (const j of taintedBelow) taintedHere.add(Math.floor(j / 2));
    const damaged = (j: number, message: string): void => {
      if (taintedHere.has(j)) return;
      taintedHere.add(j);
      report({ kind: 'node-hash', index: j * 2 ** level, message });
    };
    const count = Math.floor(below.length / HASH_LENGTH / 2);
    const here = Buffer.alloc(count * HASH_LENGTH);
    for (let j = 0; j < count; j++) {
      here.set(nodeHashOfPair(below.subarray(2 * j * HASH_LENGTH, (2 * j + 2) * HASH_LENGTH)), j * HASH_LENGTH);
    }
    levels.push(here);
    let next = 0;
    while (next < count) {
      const stored = await store.levelNodes(level, next, batch);
      if (stored.length === 0) break;
      for (const s of stored) {
        if (s.index >= count) { next = count; break; }
        for (let j = next; j < s.index; j++) damaged(j, `stored subtree ${level}:${j} is missing`);
        if (!sameBytes(s.hash, here.subarray(s.index * HASH_LENGTH, (s.index + 1) * HASH_LENGTH))) {
          damaged(s.index, `stored subtree ${level}:${s.index} (entries ${s.index * 2 ** level}..${(s.index + 1) * 2 ** level - 1}) does not match the entries`);
        }
        next = s.index + 1;
      }
    }
    for (let j = next; j < count; j++) damaged(j, `stored subtree ${level}:${j} is missing`);
  }
  const src = (level: number, index: number): Uint8Array => levels[level]!.subarray(index * HASH_LENGTH, (index + 1) * HASH_LENGTH);

  // Step 3: checkpoints.
  let signedSize = 0;
  let goodBelow = 0;
  /** Checks one signed checkpoint against the recomputed tree; its size when it verified. */
  const checkNote = (note: string, label: string, storedSize?: number): number | undefined => {
    const opened = openNote(note, options.verifiers);
    if (!opened.ok) {
      report({ kind: 'checkpoint-signature', ...(storedSize !== undefined ? { checkpointSize: storedSize } : {}), message: `${label}: ${opened.reason} (forged or altered)` });
      return undefined;
    }
    let body;
    try {
      body = parseCheckpoint(opened.text);
    } catch {
      report({ kind: 'checkpoint-signature', ...(storedSize !== undefined ? { checkpointSize: storedSize } : {}), message: `${label} is signed but not a checkpoint` });
      return undefined;
    }
    if ((options.origin !== undefined && body.origin !== options.origin) || (storedSize !== undefined && body.size !== storedSize)) {
      report({ kind: 'checkpoint-origin', checkpointSize: storedSize ?? body.size, message: `${label} is for ${body.origin} at size ${body.size}` });
      return undefined;
    }
    return checkRoot(body.size, body.rootHash, label);
  };
  const checkRoot = (n: number, rootHash: Uint8Array, label: string): number | undefined => {
    if (n > size) {
      report({ kind: 'log-truncated', checkpointSize: n, index: size, message: `the log has ${size} entries but ${label} covers ${n}: entries ${size}..${n - 1} were removed` });
      return undefined;
    }
    if (!sameBytes(treeHash(n, src), rootHash)) {
      report({ kind: 'checkpoint-root', checkpointSize: n, index: goodBelow, message: `the entries do not hash to the root of ${label} (changed at or after index ${goodBelow})` });
      return undefined;
    }
    goodBelow = Math.max(goodBelow, n);
    return n;
  };
  for (const cp of cps) {
    const ok = checkNote(cp.note, `checkpoint of size ${cp.size}`, cp.size);
    if (ok !== undefined) signedSize = Math.max(signedSize, ok);
  }

  // Step 4: checkpoints kept elsewhere.
  for (const w of options.witnessed ?? []) checkNote(w.note, w.source);

  // Step 5: the anchor.
  let anchoredSize: number | undefined;
  const anchor = options.anchor;
  if (anchor !== undefined) {
    switch (anchor.kind) {
      case 'missing':
        report({ kind: 'anchor-missing', message: 'the key store holds no audit anchor: it was removed (every workspace records one when it is created)' });
        break;
      case 'invalid':
        report({ kind: 'anchor-invalid', message: `the audit anchor in the key store is not authentic: ${anchor.reason}` });
        break;
      case 'anchored': {
        const a = anchor.anchor;
        if (options.origin !== undefined && a.origin !== options.origin) {
          report({ kind: 'anchor-invalid', message: `the audit anchor belongs to ${a.origin}, not this log: the log was replaced` });
          break;
        }
        anchoredSize = a.size;
        if (checkRoot(a.size, a.rootHash, `the anchored checkpoint (size ${a.size})`) !== undefined && a.size > signedSize) {
          report({ kind: 'checkpoint-missing', checkpointSize: a.size, index: signedSize, message: `a checkpoint of size ${a.size} was signed, but the log keeps valid checkpoints only up to ${signedSize}: checkpoints were removed` });
        }
      }
    }
  }
  return {
    ok: problems.length === 0, size, checkpoints: cps.length, signedSize, problems,
    ...(anchoredSize !== undefined ? { anchoredSize } : {}),
    ...firstBad(problems),
  };
}

/**
 * The first bad index: the smallest index a located problem names (an entry, a subtree, a cut).
 * Only when nothing is located does it fall back to the bound a failing checkpoint gives (the
 * size of the last checkpoint that still verified: the damage is at or after it).
 */
export function firstBad(problems: readonly AuditProblem[]): { firstBadIndex?: number } {
  const located = problems.filter((p) => p.kind !== 'checkpoint-root' && p.kind !== 'checkpoint-signature' && p.kind !== 'checkpoint-missing').map((p) => p.index).filter((i): i is number => i !== undefined);
  const bounds = problems.map((p) => p.index).filter((i): i is number => i !== undefined);
  const pick = located.length > 0 ? located : bounds;
  return pick.length > 0 ? { firstBadIndex: Math.min(...pick) } : {};
}
