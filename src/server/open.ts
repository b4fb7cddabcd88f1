// Wires a running server from a validated config and an open workspace: TLS material, the token
// vault (the workspace's own — vault.db, or the shared PostgreSQL store — or PostgreSQL from
// CORDON_VAULT_URL), JWT and API-key verifiers (src/auth; API keys from the config's file, else the
// shared store's table), the policy engine (src/policy; none configured means every /v1 decision is
// deny), the rate-limit store (in memory, or Redis from CORDON_RATE_LIMIT_URL so instances share
// their limits), and the close order for shutdown: server drained first, then vault, API key store,
// lineage store and the Redis connection.
import type { NoteVerifier } from '../audit/signed-note.js';
import type { ApiKeyStore } from '../auth/api-key-store.js';
import { SqliteApiKeyStore } from '../auth/store/sqlite.js';
import { createJwtVerifier } from '../auth/verify-jwt.js';
import { openLineageStore } from '../lineage/store.js';
import { mergeRecognizerDocs, recognizerDocFromYaml } from '../contracts/load-recognizers.js';
import type { RecognizerDoc } from '../contracts/types.js';
import { withCustomRecognizers } from '../contracts/with-custom-recognizers.js';
import { CordonError } from '../errors.js';
import { PolicyEngine } from '../policy/policy-engine.js';
import { TokenVault } from '../vault/vault.js';
import { PostgresVaultStore } from '../vault/store/postgres.js';
import { SERVER_STORE_OPTIONS } from '../vault/store/sqlite.js';
import { tokenKeyResolver } from '../workspace/token-verification.js';
import type { Workspace } from '../workspace/workspace.js';
import { join } from 'node:path';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { Redis } from 'ioredis';
import { ConversationVault } from '../vault/conversation/vault.js';
import { SqliteConversationStore } from '../vault/conversation/sqlite.js';
import { PostgresConversationStore } from '../vault/conversation/postgres.js';
import type { GuardProxyDeps } from './guard-proxy.js';
import { buildServer, type CordonServer } from './app.js';
import type { RateLimitStore } from './rate-limit.js';
import type { Authenticators } from './authenticate.js';
import { cachedApiKeyVerifier } from './api-key-cache.js';
import { DENY_ALL } from './authorize.js';
import { ResourceCatalog } from './catalog.js';
import type { ConsentLookup } from './route.js';
import { lookupTombstones } from './lookup-tombstones.js';
import { openConsentRegistry } from '../consent/open-registry.js';
import type { ConsentStore } from '../consent/store/types.js';
import { lookupConsent } from '../consent/lookup-consent.js';
import { openSubjectIndex } from '../erasure/open-index.js';
import type { SubjectIndexStore } from '../erasure/store/types.js';
import { subjectCommitment } from '../audit/commitment.js';
import { recordErasureLineage } from '../lineage/record-protect.js';
import { newRunId } from '../lineage/run-id.js';
import { RECEIPT_SIGNING, workspaceSigningKey } from '../workspace/signing-keys.js';
import { ErasureJobs } from './erasure-jobs.js';
import { checkDpDatasets } from './dp-datasets.js';
import { API_KEY_CACHE_SECONDS, readPublicFile, readSecret, type GuardConfig, type ServerConfig } from './config.js';
import type { Upstream } from './upstream.js';
import { runRetention } from '../retention/run-retention.js';
import { resolvePrincipal } from '../workspace/workspace.js';
import { startRetentionSchedule, type RetentionSchedule } from './retention-schedule.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** How long a verified API key is used without asking the store by default (auth.apiKeys.cacheSeconds). */
export const API_KEY_CACHE_MS = API_KEY_CACHE_SECONDS * 1000;

export interface OpenedServer extends CordonServer {
  /** Notices for the operator (no policy configured, …). */
  readonly notices: readonly string[];
  /** Closes what the server opened (not the workspace). Call after the server has drained. */
  closeResources(): Promise<void>;
}

async function openVault(ws: Workspace, env: NodeJS.ProcessEnv): Promise<TokenVault> {
  const url = env['CORDON_VAULT_URL'];
  // The server's event loop must not stall on vault.db's WAL checkpoints or on its group commits of
  // new tokens: worker threads run them.
  if (url === undefined || url === '') return ws.openVault(SERVER_STORE_OPTIONS);
  if (!/^postgres(?:ql)?:\/\//.test(url)) throw new CordonError('ERR_CONFIG_INVALID', 'CORDON_VAULT_URL must be a postgres:// URL');
  return TokenVault.open(await PostgresVaultStore.open(url), ws.keyring);
}

/**
 * The rate-limit store: Redis when CORDON_RATE_LIMIT_URL is set (redis:// or rediss://), connected
 * now so a wrong URL stops the start, not the first request; in memory otherwise. Commands fail at
 * once while the connection is down (no offline queue), so a request is refused with 503 rather
 * than held; the client reconnects by itself.
 */
async function openRateLimitStore(env: NodeJS.ProcessEnv): Promise<RateLimitStore> {
  const url = env['CORDON_RATE_LIMIT_URL'];
  if (url === undefined || url === '') return { kind: 'memory' };
  if (!/^rediss?:\/\//.test(url)) throw new CordonError('ERR_CONFIG_INVALID', 'CORDON_RATE_LIMIT_URL must be a redis:// or rediss:// URL');
  const client = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 5000 });
  client.on('error', () => {}); // reported per request as ERR_STORE_UNAVAILABLE; the URL may hold a password
  try {
    await client.connect();
  } catch {
    client.disconnect();
    throw new CordonError('ERR_STORE_UNAVAILABLE', 'cannot reach the rate-limit store (CORDON_RATE_LIMIT_URL)');
  }
  return { kind: 'redis', client };
}

/** The workspace's conversation vault (guard-vault.db, or the shared PostgreSQL store), as `cordon guard redact` uses it. */
async function openConversationVault(ws: Workspace): Promise<ConversationVault> {
  if (ws.store.kind === 'postgres') return ConversationVault.open(await PostgresConversationStore.open(ws.store.url), ws.keyring);
  return ConversationVault.open(SqliteConversationStore.open(join(ws.home, 'guard-vault.db')), ws.keyring);
}

/** The proxy's upstream: its URL, the API key read from its reference now (never logged), its CA bundle. */
function readUpstream(g: GuardConfig, env: NodeJS.ProcessEnv): Upstream {
  return {
    baseUrl: g.upstream.url,
    ...(g.upstream.apiKey !== undefined ? { apiKey: readSecret(g.upstream.apiKey, env).toString('utf8').trim() } : {}),
    ...(g.upstream.ca !== undefined ? { ca: readPublicFile(g.upstream.ca) } : {}),
    ...(g.upstream.timeoutMs !== undefined ? { timeoutMs: g.upstream.timeoutMs } : {}),
    ...(g.upstream.maxDurationMs !== undefined ? { maxDurationMs: g.upstream.maxDurationMs } : {}),
  };
}

export async function openServer(config: ServerConfig, ws: Workspace, options: { env?: NodeJS.ProcessEnv; logger?: boolean | { level: string } } = {}): Promise<OpenedServer> {
  const env = options.env ?? process.env;
  const notices: string[] = [];
  const tls = {
    cert: readPublicFile(config.tls.cert),
    key: readSecret(config.tls.key, env),
    ...(config.tls.ca !== undefined ? { ca: readPublicFile(config.tls.ca) } : {}),
    mtls: config.tls.mtls,
  };
  const authenticators: { jwt?: Authenticators['jwt']; apiKey?: Authenticators['apiKey'] } = {};
  if (config.jwt !== undefined) {
    type Keys = NonNullable<Parameters<typeof createJwtVerifier>[0]['publicKeys']>;
    const { issuer, audience } = config.jwt;
    if (config.jwt.publicKeyJwk !== undefined) {
      let publicKeys: Keys;
      try {
        publicKeys = [JSON.parse(readPublicFile(config.jwt.publicKeyJwk).toString('utf8'))] as Keys;
      } catch (e) {
        if (e instanceof CordonError) throw e;
        throw new CordonError('ERR_CONFIG_INVALID', `${config.jwt.publicKeyJwk} is not a JSON Web Key`);
      }
      authenticators.jwt = createJwtVerifier({ issuer, audience, publicKeys });
    } else {
      // The workspace key store's token-signing key: every accepted version, looked up per token by kid.
      authenticators.jwt = createJwtVerifier({ issuer, audience, resolveKey: tokenKeyResolver(ws) });
    }
  }
  // Read everything that can fail before opening stores, so a bad config leaves nothing open.
  // Custom recognizers: the config's files and --recognizers, one document (a name two define is refused).
  let custom: RecognizerDoc | undefined;
  for (const file of config.recognizers ?? []) {
    try {
      custom = mergeRecognizerDocs(custom, recognizerDocFromYaml(readPublicFile(file).toString('utf8')));
    } catch (e) {
      throw e instanceof CordonError && e.code === 'ERR_RECOGNIZERS_INVALID' ? new CordonError(e.code, `${file}: ${e.message}`) : e;
    }
  }
  const recognizers = withCustomRecognizers(custom);
  const upstream = config.guard !== undefined ? readUpstream(config.guard, env) : undefined;
  const catalog = config.contractsDir !== undefined ? ResourceCatalog.load(config.contractsDir) : undefined;
  if (config.dpDatasets !== undefined) checkDpDatasets(config.contractsDir, config.dpDatasets);
  if (config.retention !== undefined) {
    let dir = false;
    try { dir = statSync(config.retention.receiptsDir).isDirectory(); } catch { /* reported below */ }
    if (!dir) throw new CordonError('ERR_CONFIG_INVALID', `server config: /retention/receipts ${config.retention.receiptsDir} is not a folder`);
  }
  let apiKeys: ApiKeyStore | undefined;
  if (config.apiKeyStore !== undefined) apiKeys = SqliteApiKeyStore.open(config.apiKeyStore);
  else if (ws.store.kind === 'postgres') apiKeys = await ws.openApiKeys();
  if (apiKeys !== undefined) {
    const store = apiKeys;
    // A verified key is trusted for auth.apiKeys.cacheSeconds (default API_KEY_CACHE_MS) without
    // reading the store again (api-key-cache.ts); 0 asks the store on every request.
    authenticators.apiKey = cachedApiKeyVerifier((key) => store.verify(key), { ttlMs: config.apiKeyCacheMs ?? API_KEY_CACHE_MS });
  }
  if (config.tls.mtls === 'off' && authenticators.jwt === undefined && authenticators.apiKey === undefined) {
    notices.push('no authentication is configured (mtls off, no jwt, no api keys): every /v1 request will be 401');
  }
  let authorizer = DENY_ALL;
  if (config.policyDir !== undefined) {
    const engine = PolicyEngine.load(config.policyDir);
    authorizer = engine;
    for (const w of engine.warnings) notices.push(`policy warning: ${w}`);
  } else {
    notices.push('no policy dir is configured: every /v1 request that needs a decision is denied');
  }
  let vault: TokenVault;
  try {
    vault = await openVault(ws, env);
  } catch (e) {
    await apiKeys?.close();
    throw e;
  }
  // Opened once for the server's life (PostgreSQL keeps one pool); if it cannot open, the vault is closed again.
  const lineage = await openLineageStore(ws.lineage).catch(async (e: unknown) => {
    try { await vault.close(); } finally { await apiKeys?.close(); }
    throw e;
  });
  const rateLimitStore = await openRateLimitStore(env).catch(async (e: unknown) => {
    try { await vault.close(); } finally { try { await apiKeys?.close(); } finally { await lineage.close(); } }
    throw e;
  });
  let guard: GuardProxyDeps | undefined;
  if (config.guard !== undefined && upstream !== undefined) {
    const g = config.guard;
    const conversations = await openConversationVault(ws).catch(async (e: unknown) => {
      try { await vault.close(); } finally { try { await apiKeys?.close(); } finally { try { await lineage.close(); } finally { if (rateLimitStore.kind === 'redis') await rateLimitStore.client.quit().catch(() => {}); } } }
      throw e;
    });
    guard = {
      upstream, vault: conversations, injection: g.injection,
      redact: { ...g.redact, recognizers }, output: { allowedHosts: g.allowedHosts },
      ...(g.ttlMs !== undefined ? { ttlMs: g.ttlMs } : {}),
    };
  }
  const auditLog = ws.auditLog;
  // Audit durability (docs/server.md#audit-durability): on disk before each answer unless the config opts into batch.
  auditLog?.groupCommit({ durability: config.auditDurability });
  let auditVerifier: Promise<NoteVerifier> | undefined;
  // The consent registry (docs/consent.md), opened on first use when a contract requires consent.
  let registry: Promise<ConsentStore> | undefined;
  const openRegistry = (): Promise<ConsentStore> => (registry ??= openConsentRegistry(ws.store.kind === 'local' ? { kind: 'local', home: ws.home } : { kind: 'postgres', url: ws.store.url })
    .catch((e: unknown) => { registry = undefined; throw e; }));
  const consent: ConsentLookup = lookupConsent(openRegistry, ws.keyring);
  // Erasures (POST /v1/erase): the subject index opened on first use, the receipt key from the key store.
  let subjectIndex: Promise<SubjectIndexStore> | undefined;
  const openIndex = (): Promise<SubjectIndexStore> => (subjectIndex ??= openSubjectIndex(ws.store.kind === 'local' ? { kind: 'local', home: ws.home } : { kind: 'postgres', url: ws.store.url })
    .catch((e: unknown) => { subjectIndex = undefined; throw e; }));
  // POST /v1/protect drops the rows of erased subjects, as cordon protect does (docs/erasure.md#tombstones).
  const tombstones = lookupTombstones(openIndex, ws.keyring);
  const erasure = new ErasureJobs({
    keyring: ws.keyring, index: openIndex, vault,
    audit: {
      async append(event) {
        if (auditLog === undefined) { ws.audit.emit(event); await ws.flushAudit(); return undefined; }
        return (await auditLog.appendMany([event])).first;
      },
    },
    auditSubject: async (id) => subjectCommitment(id, (await ws.auditKeys()).commitmentKey),
    // The RAG store (LanceDB, a native module: loaded only when an erasure runs and the workspace has one).
    async rag() {
      const dir = join(ws.home, 'rag');
      if (!existsSync(dir)) return undefined;
      const store = await (await import('../rag/lancedb-store.js')).LanceChunkStore.open(dir);
      return { eraser: store, close: () => store.close() };
    },
    signer: () => workspaceSigningKey(ws, RECEIPT_SIGNING),
    async afterReceipt(receipt) {
      const items = receipt.tiers.outputs.items;
      if (items.length === 0) return;
      await recordErasureLineage(ws.lineage, {
        runId: newRunId(), scope: receipt.scope, cordonVersion: VERSION,
        outputs: items.map((i) => ({ path: i.path, sha256Before: i.sha256Before, sha256After: i.sha256After, rowsAfter: i.rowsAfter })),
      }, { home: ws.home });
    },
  }, { waitMs: Math.max(1000, Math.min(10_000, config.limits.handlerTimeoutMs - 5000)) });
  const built = buildServer({
    consent, erasure, tombstones,
    keyring: ws.keyring, audit: ws.audit, vault, recognizers,
    ...(auditLog !== undefined ? {
      auditLog: { log: auditLog, verifier: () => (auditVerifier ??= (async () => (await ws.auditKeys()).verifier(await auditLog.origin()))()
        .catch((e: unknown) => { auditVerifier = undefined; throw e; })) },
    } : {}),
    // Audit events are written in groups; each response waits until the events it caused are stored.
    flushAudit: () => ws.flushAudit(),
    probeStore: () => ws.probe(),
    openPrivacyLedger: () => ws.openPrivacyLedger(),
    ...(config.dpDatasets !== undefined ? { dpDatasets: config.dpDatasets } : {}),
    lineage, ...(guard !== undefined ? { guard } : {}), ...(config.contractsDir !== undefined ? { contractsDir: config.contractsDir } : {}), ...(catalog ? { catalog } : {}) }, {
    tls, limits: config.limits, authenticators, authorizer, rateLimitStore, ...(options.logger !== undefined ? { logger: options.logger } : {}),
  });
  // The erasure jobs a stopped server left queued or running resume now (docs/erasure.md#long-erasures-a-job).
  // A failure to read them does not stop the start: they resume at the next one.
  await erasure.resume().then((n) => { if (n > 0) built.app.log.info({ jobs: n }, 'resuming interrupted erasures'); }, () => built.app.log.warn({ code: 'ERR_STORE_UNAVAILABLE' }, 'the interrupted erasures could not be read; they resume at the next start'));
  const schedule = config.retention !== undefined && config.contractsDir !== undefined
    ? scheduleRetention(ws, vault, built.metrics, { ...config.retention, contractsDir: config.contractsDir }, env, (code) => built.app.log.warn({ code }, 'scheduled retention run failed'))
    : undefined;
  return {
    ...built,
    notices,
    async closeResources() {
      // A queued or running erasure ends before the stores it uses close, or, past erasure.shutdownWaitMs,
      // is left to stop when they close: its journal and stored job resume it at the next start.
      if (!await erasure.idle(config.erasure.shutdownWaitMs)) built.app.log.warn({ code: 'ERR_ERASURE_INCOMPLETE' }, 'an erasure was still running at shutdown; it resumes when the server starts again');
      // A retention run in progress finishes (or fails) before the stores it uses close.
      await schedule?.stop();
      try {
        await vault.close();
      } finally {
        try { await apiKeys?.close(); } finally {
          try { await lineage.close(); } finally {
            try { if (rateLimitStore.kind === 'redis') await rateLimitStore.client.quit().catch(() => {}); } finally {
              try { await guard?.vault.close(); } finally {
                try { if (registry !== undefined) await (await registry.catch(() => undefined))?.close(); } finally {
                  if (subjectIndex !== undefined) await (await subjectIndex.catch(() => undefined))?.close();
                }
              }
            }
          }
        }
      }
    },
  };
}

/** The retention schedule over the server's vault and the workspace's stores (docs/retention.md#scheduled). */
function scheduleRetention(ws: Workspace, vault: TokenVault, metrics: CordonServer['metrics'], r: { intervalMs: number; receiptsDir: string; contractsDir: string; destroyKeyVersions: boolean },
  env: NodeJS.ProcessEnv, onError: (code: string) => void): RetentionSchedule {
  const principal = resolvePrincipal(env);
  const log = ws.auditLog;
  return startRetentionSchedule({
    intervalMs: r.intervalMs, contractsDir: r.contractsDir, metrics, audit: ws.audit, principal, onError,
    async run(contracts) {
      const index = await openSubjectIndex(ws.store.kind === 'local' ? { kind: 'local', home: ws.home } : { kind: 'postgres', url: ws.store.url });
      // The RAG store (LanceDB, a native module: loaded only when the workspace has one), for its chunks' retention.
      const rag = join(ws.home, 'rag');
      const chunks = existsSync(rag) ? await (await import('../rag/lancedb-store.js')).LanceChunkStore.open(rag) : undefined;
      try {
        const signer = await workspaceSigningKey(ws, RECEIPT_SIGNING);
        return await runRetention({ contracts, principal }, {
          index, vault, keyring: ws.keyring, destroyKeyVersions: r.destroyKeyVersions, ...(chunks !== undefined ? { ragDir: rag, rag: chunks } : {}),
          audit: {
            async append(event) {
              if (log === undefined) { ws.audit.emit(event); return undefined; }
              return (await log.appendMany([event])).first;
            },
          },
        }, signer, (id) => join(r.receiptsDir, `${id}.receipt.json`));
      } finally {
        try { await chunks?.close(); } finally { await index.close(); }
      }
    },
  });
}
