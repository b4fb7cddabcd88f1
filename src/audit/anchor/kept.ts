// A CheckpointAnchor from a store and the anchor MAC key: reading checks the record's MAC and that
// the size it was stored with is the size it names; advancing seals the record first.
import { isCordonError } from '../../errors.js';
import { openAnchor, sealAnchor, type AuditAnchor } from './record.js';
import type { AnchorState, AnchorStore, CheckpointAnchor } from './types.js';

/**
 * Joins an anchor store and the key its records are MAC'd with (a function: the key is unwrapped
 * by the master key only when first needed).
 *
 * @example
 * ```ts
 * const anchor = keptAnchor(SqliteAnchorStore.open(keysDbPath), async () => (await auditKeys()).anchorKey);
 * await anchor.state(); // { kind: 'anchored', anchor: { origin, size, rootHash } }
 * ```
 */
export function keptAnchor(store: AnchorStore, key: () => Promise<Uint8Array>): CheckpointAnchor {
  return {
    async state(): Promise<AnchorState> {
      const row = await store.read();
      if (row === undefined) return { kind: 'missing' };
      let anchor: AuditAnchor;
      try {
        anchor = openAnchor(row.text, await key());
      } catch (e) {
        if (isCordonError(e, 'ERR_AUDIT_CHAIN_BROKEN')) return { kind: 'invalid', reason: 'the record fails its MAC (altered or forged)' };
        throw e;
      }
      if (anchor.size !== row.size) return { kind: 'invalid', reason: `the record names size ${anchor.size} but is stored as ${row.size}` };
      return { kind: 'anchored', anchor };
    },
    async advance(anchor) {
      await store.advance(anchor.size, sealAnchor(anchor, await key()));
    },
    async recordedSize() {
      return (await store.read())?.size ?? 0;
    },
    close: () => store.close(),
  };
}
