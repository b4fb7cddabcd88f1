// A workspace whose state lives in PostgreSQL (`--store postgres://…` or CORDON_STORE): the config,
// the key store, the Merkle audit log and its audit key, the token vault, lineage and API keys are
// tables of one database, reached through one connection pool. Several instances opened on the same
// database behave as one: the vault converges on one token per value, the audit log is one Merkle
// log (appends serialise on an advisory lock), and key metadata is cached for at most
// CORDON_KEY_CACHE_MS (default 2000 ms), the bound within which a rotation made on one instance is
// used by every other (docs/deploy.md). The master key stays outside: from the environment, a file
// or an HSM, never in the database, and never a development default created on the fly.
import pg from 'pg';
import { keptAnchor } from '../audit/anchor/kept.js';
import { PostgresAnchorStore } from '../audit/anchor/postgres.js';
import type { AuditSink } from '../audit/event.js';
import { EMPTY_ROOT } from '../audit/merkle/hash.js';
import { MerkleAuditLog } from '../audit/log.js';
import { PostgresAuditStore } from '../audit/store/postgres.js';
import { PostgresApiKeyStore } from '../auth/store/postgres.js';
import { PostgresBudgetLedger } from '../privacy/ledger/postgres.js';
import { randomBytes } from '../crypto/random.js';
import { CordonError, isCordonError } from '../errors.js';
import { Keyring } from '../keys/keyring.js';
import type { KekConfig, KekProvider } from '../keys/kek/provider.js';
import { CachedKeyStore } from '../keys/store/cached.js';
import { PostgresKeyStore } from '../keys/store/postgres.js';
import { TokenVault } from '../vault/vault.js';
import { PostgresVaultStore } from '../vault/store/postgres.js';
import { ensureAuditKey, loadAuditKeys, type AuditKeys, type AuditKeySlot } from './audit-keys.js';
import { CONFIG_VERSION, parseConfig, type WorkspaceConfig } from './config.js';
import { openKek } from './open-kek.js';
import { SharedMeta } from './shared-meta.js';
import { describeStore, type StoreLocation } from './store-location.js';
import { checkpointNotice } from './checkpoint-notice.js';
import type { InitOptions, Workspace, WorkspaceEnv } from './workspace.js';

/** How long key metadata may be served from memory before it is read again (the rotation bound). */
export const DEFAULT_KEY_CACHE_MS = 2000;
const POOL_SIZE = 10;

type SharedStore = Extract<StoreLocation, { kind: 'postgres' }>;

/** Who acts and the default key's name (from workspace.ts, which owns both). */
export interface SharedDefaults {
  readonly principal: string;
  readonly defaultKey: string;
}

/** CORDON_KEY_CACHE_MS: 0–60000 ms. */
export function keyCacheMs(env: NodeJS.ProcessEnv): number {
  const raw = env['CORDON_KEY_CACHE_MS'];
  if (raw === undefined || raw === '') return DEFAULT_KEY_CACHE_MS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 60_000) throw new CordonError('ERR_CONFIG_INVALID', 'CORDON_KEY_CACHE_MS must be a whole number of milliseconds from 0 to 60000');
  return n;
}

function metaSlot(meta: SharedMeta): AuditKeySlot {
  return { read: () => meta.get('audit-key'), createIfAbsent: (text) => meta.putIfAbsent('audit-key', text) };
}

async function withPool<T>(store: SharedStore, fn: (pool: pg.Pool, meta: SharedMeta) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: store.url, max: POOL_SIZE });
  // An idle client that loses its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  try {
    return await fn(pool, await SharedMeta.open(pool));
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw e;
  }
}

async function assemble(store: SharedStore, home: string, pool: pg.Pool, meta: SharedMeta, config: WorkspaceConfig, kek: KekProvider, options: WorkspaceEnv, principal: string): Promise<Workspace> {
  const env = options.env ?? process.env;
  const closeKek = async () => kek.close().catch(() => undefined);
  let keyStore: PostgresKeyStore;
  let auditStore: PostgresAuditStore;
  let anchorStore: PostgresAnchorStore;
  try {
    keyStore = await PostgresKeyStore.open(store.url, { pool });
    auditStore = await PostgresAuditStore.open(store.url, { pool });
    anchorStore = await PostgresAnchorStore.open(pool);
  } catch (e) {
    await closeKek();
    throw e;
  }
  let keys: Promise<AuditKeys> | undefined;
  const loadKeys = (): Promise<AuditKeys> => (keys ??= loadAuditKeys(metaSlot(meta), kek).catch((e: unknown) => {
    keys = undefined;
    throw e;
  }));
  const anchor = keptAnchor(anchorStore, async () => (await loadKeys()).anchorKey);
  const log = new MerkleAuditLog(auditStore, {
    signer: async (origin) => (await loadKeys()).signer(origin), anchor,
    onError: (e) => options.onNotice?.(isCordonError(e, 'ERR_AUDIT_CHAIN_BROKEN') ? checkpointNotice(e) : `audit log: background work failed (${isCordonError(e) ? e.code : 'error'}); the next flush retries`),
  });
  const override = options.audit as (AuditSink & { close?: () => void }) | undefined;
  const sink: AuditSink = override ?? log;
  const keyring = new Keyring({ store: new CachedKeyStore(keyStore, { ttlMs: keyCacheMs(env) }), kek, audit: sink, principal });
  return {
    home, store, storeDescription: describeStore(store), config, keyring, audit: sink, auditLog: override === undefined ? log : undefined,
    auditAnchor: override === undefined ? anchor : undefined, auditKeys: loadKeys,
    lineage: { kind: 'postgres', url: store.url, pool },
    async openVault() {
      return TokenVault.open(await PostgresVaultStore.open(store.url, { pool }), keyring);
    },
    async openApiKeys() {
      return PostgresApiKeyStore.open(store.url, { pool });
    },
    async openPrivacyLedger() {
      return PostgresBudgetLedger.open(store.url, { pool });
    },
    async flushAudit() {
      await log.flushEmitted();
    },
    async probe() {
      // The keyring's metadata may come from the cache; this reads the database.
      if ((await meta.get('config')) === undefined) throw new CordonError('ERR_WORKSPACE_MISSING', `the workspace config is gone from ${describeStore(store)}`);
    },
    async close() {
      try {
        // The audit log first: its closing checkpoint is signed with a key the master key unwraps.
        try {
          await log.close();
        } finally {
          override?.close?.();
          await keyring.close();
        }
      } finally {
        await pool.end();
      }
    },
  };
}

/**
 * Creates a shared workspace in the database: its tables, the `default` key, the audit key, and the
 * config row. Refused when the database already holds one.
 */
export async function initSharedWorkspace(store: SharedStore, home: string, options: InitOptions, defaults: SharedDefaults): Promise<Workspace> {
  return withPool(store, async (pool, meta) => {
    if ((await meta.get('config')) !== undefined) {
      throw new CordonError('ERR_WORKSPACE_INVALID', `a Cordon workspace already exists in ${describeStore(store)}`);
    }
    let kekConfig: KekConfig = options.kek ?? { kind: 'local' };
    if (kekConfig.kind === 'passphrase' && kekConfig.salt === '') kekConfig = { ...kekConfig, salt: Buffer.from(randomBytes(16)).toString('base64') };
    let kek: KekProvider;
    if (kekConfig.kind === 'pkcs11' && options.createHsmKey === true) {
      const { createPkcs11Kek } = await import('../keys/kek/pkcs11.js');
      kek = await createPkcs11Kek(kekConfig, { env: options.env ?? process.env });
    } else {
      kek = await openKek(kekConfig, home, options, false);
    }
    const config: WorkspaceConfig = { version: CONFIG_VERSION, kek: kekConfig, kekId: kek.id, defaultKey: defaults.defaultKey };
    const ws = await assemble(store, home, pool, meta, config, kek, options, defaults.principal);
    try {
      try {
        await ws.keyring.create(defaults.defaultKey, { purpose: 'envelope' });
      } catch (e) {
        // An earlier init that stopped before writing the config left the key: keep it.
        if (!isCordonError(e, 'ERR_KEY_EXISTS')) throw e;
      }
      await ensureAuditKey(metaSlot(meta), kek);
      // The anchor starts with the log (a no-op when a concurrent init or an earlier one wrote it).
      if (ws.auditLog !== undefined) await ws.auditAnchor?.advance({ origin: await ws.auditLog.origin(), size: 0, rootHash: EMPTY_ROOT });
      const stored = parseConfig(JSON.parse(await meta.putIfAbsent('config', JSON.stringify(config))));
      if (stored.kekId !== config.kekId) {
        throw new CordonError('ERR_MASTER_KEY_MISMATCH', `another init created this workspace at the same time with a different master key (${stored.kekId})`);
      }
      return ws;
    } catch (e) {
      await ws.close().catch(() => undefined);
      throw e;
    }
  });
}

/** Opens the shared workspace in the database; ERR_WORKSPACE_MISSING says how to create one. */
export async function openSharedWorkspace(store: SharedStore, home: string, options: WorkspaceEnv, defaults: Pick<SharedDefaults, 'principal'>): Promise<Workspace> {
  return withPool(store, async (pool, meta) => {
    const text = await meta.get('config');
    if (text === undefined) {
      throw new CordonError('ERR_WORKSPACE_MISSING', `no Cordon workspace in ${describeStore(store)}: create one with \`cordon init --store <url>\``);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new CordonError('ERR_CONFIG_INVALID', `the workspace config in ${describeStore(store)} is not valid JSON`);
    }
    const config = parseConfig(json);
    const kek = await openKek(config.kek, home, options, false);
    if (kek.id !== config.kekId) {
      await kek.close();
      throw new CordonError('ERR_MASTER_KEY_MISMATCH', `the configured master key (${kek.id}) is not the one this workspace was created with (${config.kekId})`);
    }
    const ws = await assemble(store, home, pool, meta, config, kek, options, defaults.principal);
    try {
      // Tables dropped and recreated empty under a log the anchor says had signed events.
      await ws.auditLog?.checkNotLost();
    } catch (e) {
      await ws.close().catch(() => undefined);
      throw e;
    }
    return ws;
  });
}
