// The rows both key stores read back (SQLite and PostgreSQL name their columns alike) and the one
// mapping from a row to the store's records, so the two backends cannot drift apart.
import type { KeyPurpose, KeyRecord, KeyStatus, KeyVersionRecord, KeyVersionState } from './types.js';

export interface KeyRow {
  name: string; purpose: string; status: string; primary_version: number; min_decryption_version: number; created_at: string; updated_at: string;
  /** Schema version 2; null for a key of no tenant (and every key of a migrated version-1 store). */
  tenant: string | null;
}
export interface VersionRow {
  name: string; version: number; state: string; kek_id: string; wrapped: Buffer | null; created_at: string; destroyed_at: string | null;
}

export function toKey(r: KeyRow): KeyRecord {
  return {
    name: r.name, purpose: r.purpose as KeyPurpose, status: r.status as KeyStatus, primaryVersion: r.primary_version,
    minDecryptionVersion: r.min_decryption_version, createdAt: r.created_at, updatedAt: r.updated_at,
    ...(r.tenant !== null && r.tenant !== undefined ? { tenant: r.tenant } : {}),
  };
}

export function toVersion(r: VersionRow): KeyVersionRecord {
  return {
    name: r.name, version: r.version, state: r.state as KeyVersionState, kekId: r.kek_id,
    wrapped: r.wrapped === null ? null : new Uint8Array(r.wrapped), createdAt: r.created_at, destroyedAt: r.destroyed_at,
  };
}
