// The workspace: CORDON_HOME (default ./.cordon) holds config.json, the key store (keys.db), the
// tamper-evident audit log (audit.db, signed with the key in audit-key.json), a plain JSON-lines
// copy of the events (audit.jsonl, not tamper-evident), the token vault (vault.db), lineage
// (lineage.db), API keys (apikeys.db) and the privacy budget ledger (privacy.db). With a shared store (`--store postgres://…` or
// CORDON_STORE) all of that state lives in PostgreSQL instead (shared-workspace.ts), so several
// instances act as one. `cordon init` creates a workspace; everything else opens it and explains how
// to create it when it is missing. The master key never lives in either.
import { existsSync, mkdirSync, readFileSync, chmodSync, statSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { JsonlAuditSink } from '../audit/jsonl-sink.js';
import { keptAnchor } from '../audit/anchor/kept.js';
import { SqliteAnchorStore } from '../audit/anchor/sqlite.js';
import type { CheckpointAnchor } from '../audit/anchor/types.js';
import type { AuditSink } from '../audit/event.js';
import { EMPTY_ROOT } from '../audit/merkle/hash.js';
import { MerkleAuditLog } from '../audit/log.js';
import { SqliteAuditStore } from '../audit/store/sqlite.js';
import { TeeAuditSink } from '../audit/tee-sink.js';
import { randomBytes } from '../crypto/random.js';
import { CordonError } from '../errors.js';
import { writeFileAtomic } from '../io/write-file-atomic.js';
import { Keyring } from '../keys/keyring.js';
import type { KekConfig, KekProvider } from '../keys/kek/provider.js';
import { SqliteKeyStore } from '../keys/store/sqlite.js';
import { SqliteApiKeyStore } from '../auth/store/sqlite.js';
import type { ApiKeyStore } from '../auth/api-key-store.js';
import { isReservedPrincipal } from '../auth/names.js';
import { LINEAGE_DB_FILE, type LineageLocation } from '../lineage/store.js';
import { TokenVault } from '../vault/vault.js';
import { SqliteBudgetLedger } from '../privacy/ledger/sqlite.js';
import type { BudgetLedgerStore } from '../privacy/ledger/types.js';
import { SqliteVaultStore } from '../vault/store/sqlite.js';
import { CONFIG_VERSION, parseConfig, type WorkspaceConfig } from './config.js';
import { AUDIT_KEY_FILE, ensureAuditKey, fileAuditKeySlot, loadAuditKeys, type AuditKeys } from './audit-keys.js';
import { checkpointNotice } from './checkpoint-notice.js';
import { openKek } from './open-kek.js';
import { initSharedWorkspace, openSharedWorkspace } from './shared-workspace.js';
import { describeStore, resolveStore, type StoreLocation } from './store-location.js';

/** The tamper-evident audit log in the workspace. */
export const AUDIT_DB_FILE = 'audit.db';

export const DEFAULT_KEY_NAME = 'default';

/** The differential-privacy budget ledger in a local workspace. */
export const PRIVACY_DB_FILE = 'privacy.db';

export interface WorkspaceEnv {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Receives plain-language notices (e.g. a development master key was created). */
  readonly onNotice?: (message: string) => void;
  /** Overrides the audit sink (tests). */
  readonly audit?: AuditSink;
  /** Where the state lives: `local` or a postgres:// URL (default: CORDON_STORE, else local). */
  readonly store?: string;
}

export interface Workspace {
  /** The local folder (CORDON_HOME); with a shared store it holds no state of the workspace. */
  readonly home: string;
  /** Where the state lives. */
  readonly store: StoreLocation;
  /** `local` or `postgres://host/db`: printable, never the credentials. */
  readonly storeDescription: string;
  readonly config: WorkspaceConfig;
  readonly keyring: Keyring;
  readonly audit: AuditSink;
  /** The Merkle audit log (absent when a test overrides the sink). */
  readonly auditLog: MerkleAuditLog | undefined;
  /** The log's newest checkpoint as recorded in the key store (absent with the log). Read it before verifying. */
  readonly auditAnchor: CheckpointAnchor | undefined;
  /** Checkpoint signing key, its verifier and the subject-commitment key (unwrapped on first call). */
  auditKeys(): Promise<AuditKeys>;
  /** Where lineage is kept: lineage.db, or the shared store's tables (open with openLineageStore). */
  readonly lineage: LineageLocation;
  /**
   * The token vault (vault.db, or the shared store's tables). The caller closes it before the
   * workspace. `backgroundCheckpoints`: vault.db's WAL checkpoints run on a worker thread (servers);
   * `writerThread`: so do its group commits of new tokens (servers; docs/vault.md#speed).
   */
  openVault(options?: { backgroundCheckpoints?: boolean; writerThread?: boolean }): Promise<TokenVault>;
  /** The service's API keys (apikeys.db, or the shared store's table). The caller closes it. */
  openApiKeys(): Promise<ApiKeyStore>;
  /** The differential-privacy budget ledger (privacy.db, or the shared store's table). The caller closes it. */
  openPrivacyLedger(): Promise<BudgetLedgerStore>;
  /** Reads the store itself (not a cache); throws when it cannot be reached (readiness checks). */
  probe(): Promise<void>;
  /** Resolves when every audit event emitted so far is stored (a shared store queues them); throws if they cannot be. */
  flushAudit(): Promise<void>;
  close(): Promise<void>;
}

/** CORDON_HOME, or `.cordon` in the current directory. */
export function resolveHome(options: WorkspaceEnv = {}): string {
  const env = options.env ?? process.env;
  return resolve(options.cwd ?? process.cwd(), env.CORDON_HOME && env.CORDON_HOME !== '' ? env.CORDON_HOME : '.cordon');
}

/**
 * Who acts: CORDON_PRINCIPAL, or local:<os user>. CORDON_PRINCIPAL may not take a name Cordon writes
 * into audit events itself (`unauthenticated`, `local:…`): events would no longer say who acted.
 */
export function resolvePrincipal(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CORDON_PRINCIPAL) {
    if (isReservedPrincipal(env.CORDON_PRINCIPAL)) {
      throw new CordonError('ERR_PRINCIPAL_RESERVED', 'CORDON_PRINCIPAL names a principal Cordon reserves for itself (unauthenticated, local:…); pick another name');
    }
    return env.CORDON_PRINCIPAL;
  }
  try {
    return `local:${userInfo().username}`;
  } catch {
    return 'local:unknown';
  }
}

interface OpenedAudit {
  readonly sink: AuditSink;
  readonly log: MerkleAuditLog | undefined;
  readonly anchor: CheckpointAnchor | undefined;
  keys(): Promise<AuditKeys>;
  close(): Promise<void>;
}

/**
 * The Merkle log in audit.db (checkpoints signed on close and every 1000 events, each recorded in
 * the anchor in keys.db), teed to audit.jsonl. Only `init` creates audit.db: when it has vanished
 * from a workspace, opening fails with ERR_AUDIT_LOG_MISSING.
 */
function openAudit(home: string, options: WorkspaceEnv, kek: KekProvider, create: boolean): OpenedAudit {
  let keys: Promise<AuditKeys> | undefined;
  const loadKeys = (): Promise<AuditKeys> => (keys ??= loadAuditKeys(fileAuditKeySlot(home), kek));
  const override = options.audit as (AuditSink & { close?: () => void }) | undefined;
  if (override !== undefined) return { sink: override, log: undefined, anchor: undefined, keys: loadKeys, async close() { override.close?.(); } };
  const store = SqliteAuditStore.open(join(home, AUDIT_DB_FILE), { create });
  let anchor: CheckpointAnchor;
  try {
    anchor = keptAnchor(SqliteAnchorStore.open(join(home, 'keys.db')), async () => (await loadKeys()).anchorKey);
  } catch (e) {
    void store.close();
    throw e;
  }
  const log = new MerkleAuditLog(store, {
    signer: async (origin) => (await loadKeys()).signer(origin), anchor,
    onError: (e) => options.onNotice?.(checkpointNotice(e)),
  });
  const jsonl = new JsonlAuditSink(join(home, 'audit.jsonl'));
  return {
    sink: new TeeAuditSink([log, jsonl]), log, anchor, keys: loadKeys,
    async close() {
      try {
        await log.close();
      } finally {
        jsonl.close();
      }
    },
  };
}

export interface InitOptions extends WorkspaceEnv {
  /** Master key configuration (default: local). */
  readonly kek?: KekConfig;
  /** For pkcs11: create the key inside the token instead of using an existing one. */
  readonly createHsmKey?: boolean;
}

/**
 * Creates the workspace: folder (0700), config.json, key store, and a `default` envelope key.
 * Refuses to touch an existing workspace.
 */
export async function initWorkspace(options: InitOptions = {}): Promise<Workspace> {
  const home = resolveHome(options);
  const env = options.env ?? process.env;
  const location = resolveStore({ ...(options.store !== undefined ? { store: options.store } : {}), env });
  if (location.kind === 'postgres') return initSharedWorkspace(location, home, options, { principal: resolvePrincipal(env), defaultKey: DEFAULT_KEY_NAME });
  if (existsSync(join(home, 'config.json'))) {
    throw new CordonError('ERR_WORKSPACE_INVALID', `a Cordon workspace already exists at ${home}`);
  }
  let kekConfig: KekConfig = options.kek ?? { kind: 'local' };
  if (kekConfig.kind === 'passphrase' && kekConfig.salt === '') {
    kekConfig = { ...kekConfig, salt: Buffer.from(randomBytes(16)).toString('base64') };
  }
  const existed = existsSync(home);
  mkdirSync(home, { recursive: true, mode: 0o700 });
  chmodSync(home, 0o700);
  try {
    return await createIn(home, kekConfig, options, env);
  } catch (e) {
    // Leave nothing half-made: a folder we created goes; one that existed keeps only what it had.
    if (!existed) rmSync(home, { recursive: true, force: true });
    else for (const f of ['keys.db', 'keys.db-wal', 'keys.db-shm', 'audit.jsonl', AUDIT_DB_FILE, `${AUDIT_DB_FILE}-wal`, `${AUDIT_DB_FILE}-shm`, AUDIT_KEY_FILE]) rmSync(join(home, f), { force: true });
    throw e;
  }
}

async function createIn(home: string, kekConfig: KekConfig, options: InitOptions, env: NodeJS.ProcessEnv): Promise<Workspace> {
  let kek: KekProvider;
  if (kekConfig.kind === 'pkcs11' && options.createHsmKey === true) {
    const { createPkcs11Kek } = await import('../keys/kek/pkcs11.js');
    kek = await createPkcs11Kek(kekConfig, { env });
  } else {
    kek = await openKek(kekConfig, home, options, true);
  }
  const config: WorkspaceConfig = { version: CONFIG_VERSION, kek: kekConfig, kekId: kek.id, defaultKey: DEFAULT_KEY_NAME };
  const store = SqliteKeyStore.open(join(home, 'keys.db'), { create: true });
  await ensureAuditKey(fileAuditKeySlot(home), kek);
  const audit = openAudit(home, options, kek, true);
  // The anchor starts with the log, so a log without one is never a new workspace's.
  if (audit.log !== undefined) await audit.anchor?.advance({ origin: await audit.log.origin(), size: 0, rootHash: EMPTY_ROOT });
  const keyring = new Keyring({ store, kek, audit: audit.sink, principal: resolvePrincipal(env) });
  await keyring.create(DEFAULT_KEY_NAME, { purpose: 'envelope' });
  writeFileAtomic(join(home, 'config.json'), JSON.stringify(config, null, 2) + '\n', { force: true });
  return makeWorkspace(home, config, keyring, audit);
}

function makeWorkspace(home: string, config: WorkspaceConfig, keyring: Keyring, audit: OpenedAudit): Workspace {
  const store: StoreLocation = { kind: 'local' };
  return {
    home, store, storeDescription: describeStore(store), config, keyring, audit: audit.sink, auditLog: audit.log, auditAnchor: audit.anchor, auditKeys: audit.keys,
    lineage: { kind: 'sqlite', path: join(home, LINEAGE_DB_FILE) },
    async openVault(options = {}) {
      return TokenVault.open(SqliteVaultStore.open(join(home, 'vault.db'), options), keyring);
    },
    async openApiKeys() {
      return SqliteApiKeyStore.open(join(home, 'apikeys.db'));
    },
    async openPrivacyLedger() {
      return SqliteBudgetLedger.open(join(home, PRIVACY_DB_FILE));
    },
    async flushAudit() {
      await audit.log?.flushEmitted();
    },
    async probe() {
      await keyring.list();
    },
    async close() {
      // The audit log first: its closing checkpoint is signed with a key the master key unwraps.
      try {
        await audit.close();
      } finally {
        await keyring.close();
      }
    },
  };
}

/** Opens an existing workspace; ERR_WORKSPACE_MISSING says how to create one. */
export async function openWorkspace(options: WorkspaceEnv = {}): Promise<Workspace> {
  const home = resolveHome(options);
  const env = options.env ?? process.env;
  const location = resolveStore({ ...(options.store !== undefined ? { store: options.store } : {}), env });
  if (location.kind === 'postgres') return openSharedWorkspace(location, home, options, { principal: resolvePrincipal(env) });
  const cfgPath = join(home, 'config.json');
  if (!existsSync(cfgPath)) {
    throw new CordonError('ERR_WORKSPACE_MISSING', `no Cordon workspace at ${home}: create one with \`cordon init\`, or point CORDON_HOME at an existing one`);
  }
  if (!statSync(home).isDirectory()) throw new CordonError('ERR_WORKSPACE_INVALID', `${home} is not a directory`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(cfgPath, 'utf8'));
  } catch {
    throw new CordonError('ERR_CONFIG_INVALID', `${cfgPath} is not valid JSON`);
  }
  const config = parseConfig(json);
  const kek = await openKek(config.kek, home, options, false);
  if (kek.id !== config.kekId) {
    await kek.close();
    throw new CordonError('ERR_MASTER_KEY_MISMATCH', `the configured master key (${kek.id}) is not the one this workspace was created with (${config.kekId})`);
  }
  const store = SqliteKeyStore.open(join(home, 'keys.db'));
  let audit: OpenedAudit;
  try {
    audit = openAudit(home, options, kek, false);
  } catch (e) {
    await store.close();
    await kek.close();
    throw e;
  }
  const ws = makeWorkspace(home, config, new Keyring({ store, kek, audit: audit.sink, principal: resolvePrincipal(env) }), audit);
  try {
    await audit.log?.checkNotLost();
  } catch (e) {
    await ws.close().catch(() => undefined);
    throw e;
  }
  return ws;
}
