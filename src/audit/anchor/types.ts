// Where the audit anchor is kept and how the log and its verifier see it. The store holds opaque
// sealed text plus its size (so that "only forward" is one atomic statement); `CheckpointAnchor`
// adds the MAC key (kept.ts). One file per backend: sqlite.ts (the workspace's keys.db),
// postgres.ts (a table beside the key store's tables, never among the audit tables).
import type { AuditAnchor } from './record.js';

export interface AnchorStore {
  /** The stored record and the size it was stored with, or undefined when there is none. */
  read(): Promise<{ readonly size: number; readonly text: string } | undefined>;
  /**
   * Stores `text` (a sealed anchor of `size`) unless the stored record's size is already ≥ `size`,
   * in one atomic statement: with several writers the anchor only moves forward.
   */
  advance(size: number, text: string): Promise<void>;
  close(): Promise<void>;
}

/** What the key store says about the log: anchored, no record at all, or a record that fails its MAC. */
export type AnchorState =
  | { readonly kind: 'anchored'; readonly anchor: AuditAnchor }
  | { readonly kind: 'missing' }
  | { readonly kind: 'invalid'; readonly reason: string };

/** The anchor as the log uses it: read and checked, and moved forward after a checkpoint is signed. */
export interface CheckpointAnchor {
  state(): Promise<AnchorState>;
  /** Records `anchor` unless a record at least as large is kept (only forward). */
  advance(anchor: AuditAnchor): Promise<void>;
  /** The size of the stored record without checking its MAC (0 when none): for a cheap check when a workspace opens. */
  recordedSize(): Promise<number>;
  close(): Promise<void>;
}
