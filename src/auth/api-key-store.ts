// API keys: the store interface the service calls, and the logic every backend shares. A backend
// (store/sqlite.ts, store/postgres.ts) only moves rows (`ApiKeyRows`); minting, hashing, the
// constant-time check, revocation and expiry live here once, so the backends cannot drift apart.
// Stores hold the hash, never the key; nothing here logs or returns a secret after `create`.
import { CordonError } from '../errors.js';
import { apiKeySecretMatches, isApiKeyId, mintApiKey, parseApiKey } from './api-key-format.js';
import { checkName, checkNameList, checkPrincipalId, isReservedPrincipal } from './names.js';
import { unauthenticated, type Principal } from './principal.js';

export interface CreateApiKeyOptions {
  readonly principal: string;
  readonly roles: readonly string[];
  /** What the key may be used for (the service checks them; an empty list allows nothing scoped). */
  readonly scopes: readonly string[];
  readonly tenant?: string;
  /** Expiry, milliseconds since the Unix epoch; absent means no expiry. */
  readonly expiresAt?: number;
}

/** What `list()` shows about a key: everything but its hash. Times are ms since the Unix epoch. */
export interface ApiKeyInfo {
  readonly id: string;
  readonly principal: string;
  readonly roles: readonly string[];
  readonly scopes: readonly string[];
  readonly tenant: string | null;
  readonly createdAt: number;
  readonly expiresAt: number | null;
  readonly revokedAt: number | null;
}

/**
 * The API keys of a deployment.
 *
 * @example
 * ```ts
 * const store = SqliteApiKeyStore.open('apikeys.db');
 * const { id, key } = await store.create({ principal: 'svc:etl', roles: ['pipeline'], scopes: ['tokenize'] });
 * const p = await store.verify(key);   // Principal, via 'apikey'
 * await store.revoke(id);
 * ```
 */
export interface ApiKeyStore {
  /** Mints a key; `key` is returned this once and never stored. */
  create(o: CreateApiKeyOptions): Promise<{ id: string; key: string }>;
  /** The principal of a valid key; ERR_UNAUTHENTICATED for anything else. */
  verify(key: string): Promise<Principal>;
  /** Revokes a key (idempotent); ERR_INPUT_INVALID when no key has that id. */
  revoke(id: string): Promise<void>;
  list(): Promise<ApiKeyInfo[]>;
  close(): void | Promise<void>;
}

/** A stored row: the info plus the SHA-256 of the secret (api-key-format.ts). */
export interface ApiKeyRow extends ApiKeyInfo {
  readonly hash: Uint8Array;
}

/** What a backend provides: four row operations. */
export interface ApiKeyRows {
  insert(row: ApiKeyRow): Promise<void>;
  get(id: string): Promise<ApiKeyRow | undefined>;
  /** Sets revoked_at when not yet set; false when no row has that id. */
  revoke(id: string, at: number): Promise<boolean>;
  all(): Promise<ApiKeyInfo[]>;
}

export async function createApiKey(rows: ApiKeyRows, o: CreateApiKeyOptions, now = Date.now()): Promise<{ id: string; key: string }> {
  const principal = checkPrincipalId(o.principal);
  const roles = checkNameList(o.roles, 'roles');
  const scopes = checkNameList(o.scopes, 'scopes');
  const tenant = o.tenant === undefined ? null : checkName(o.tenant, 'tenant');
  if (o.expiresAt !== undefined && (!Number.isSafeInteger(o.expiresAt) || o.expiresAt <= now)) throw new CordonError('ERR_INPUT_INVALID', 'expiresAt must be a time in the future (milliseconds since the epoch)');
  const minted = mintApiKey();
  await rows.insert({ id: minted.id, hash: minted.hash, principal, roles, scopes, tenant, createdAt: now, expiresAt: o.expiresAt ?? null, revokedAt: null });
  return { id: minted.id, key: minted.key };
}

/**
 * Checks a presented key. The row is found by id; the secret's hash is compared in constant time,
 * against a dummy hash when the id is unknown so both paths do the same work. Revocation and
 * expiry are checked only after the secret matched. Every refusal is the same error.
 */
export async function verifyApiKey(rows: ApiKeyRows, key: string, now = Date.now()): Promise<Principal> {
  const parsed = parseApiKey(key);
  if (parsed === undefined) throw unauthenticated('malformed');
  const row = await rows.get(parsed.id);
  if (!apiKeySecretMatches(parsed.id, parsed.secret, row?.hash)) throw unauthenticated(row === undefined ? 'unknown_id' : 'wrong_secret');
  if (row!.revokedAt !== null) throw unauthenticated('revoked');
  if (row!.expiresAt !== null && row!.expiresAt <= now) throw unauthenticated('expired');
  // A key made for a reserved name before such names were refused at creation.
  if (isReservedPrincipal(row!.principal)) throw unauthenticated('reserved_principal');
  return {
    id: row!.principal, roles: Object.freeze([...row!.roles]), scopes: Object.freeze([...row!.scopes]), via: 'apikey',
    attributes: Object.freeze({ apiKeyId: row!.id }),
    ...(row!.tenant !== null ? { tenant: row!.tenant } : {}),
  };
}

export async function revokeApiKey(rows: ApiKeyRows, id: string, now = Date.now()): Promise<void> {
  if (!isApiKeyId(id) || !(await rows.revoke(id, now))) throw new CordonError('ERR_INPUT_INVALID', 'no API key with that id (ids are 24 hex characters; see `cordon apikey list`)');
}

/** Parses a JSON list column written by a backend. */
export function parseNameColumn(text: string): string[] {
  const v = JSON.parse(text) as unknown;
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) throw new CordonError('ERR_KEYSTORE_CORRUPT', 'an API key row holds a malformed list');
  return v;
}
