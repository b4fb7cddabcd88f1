// The server's config file (`cordon serve --config server.yaml`, YAML or JSON): validated against
// one TypeBox schema, relative paths resolved against the file's folder. Secrets (the TLS private
// key) are references — `{ file: path }` or `{ env: NAME }` — never inline: a config that holds a
// private key or an inline secret string is refused, so config files can be reviewed and committed.
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { parse as parseYaml } from 'yaml';
import { CordonError } from '../errors.js';
import { AUDIT_SYNC_WINDOW_MS, MAX_AUDIT_SYNC_WINDOW_MS, MIN_AUDIT_SYNC_WINDOW_MS, SYNC_DURABILITY, batchDurability, type AuditDurability } from '../audit/durability.js';
import { ENTITIES, type Entity } from '../detect/types.js';
import { PROFILE_NAMES, type ProfileName } from '../detect/profiles/table.js';
import { MAX_PLACEHOLDER_TTL_MS } from '../vault/conversation/vault.js';
import { DEFAULT_LIMITS, type Limits, type MtlsMode } from './app.js';
import { parseUpstreamUrl } from './upstream.js';

/** The default of auth.apiKeys.cacheSeconds: a revoked key stops working within 2 s. */
export const API_KEY_CACHE_SECONDS = 2;
/** Its upper bound: a revocation must take effect within a minute whatever the config says. */
export const MAX_API_KEY_CACHE_SECONDS = 60;

const DP_NAME = '^[A-Za-z0-9][A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)*$';
const DP_NAME_RE = new RegExp(DP_NAME);
const Path = Type.String({ minLength: 1, maxLength: 4096 });
const SecretRef = Type.Union([
  Type.Object({ file: Path }, { additionalProperties: false }),
  Type.Object({ env: Type.String({ pattern: '^[A-Z_][A-Z0-9_]{0,127}$' }) }, { additionalProperties: false }),
]);

export const ServerConfigSchema = Type.Object({
  listen: Type.Object({
    host: Type.String({ minLength: 1, maxLength: 255 }),
    port: Type.Integer({ minimum: 0, maximum: 65535 }),
  }, { additionalProperties: false }),
  tls: Type.Object({
    cert: Path,
    key: SecretRef,
    ca: Type.Optional(Path),
    mtls: Type.Union([Type.Literal('off'), Type.Literal('optional'), Type.Literal('required')]),
  }, { additionalProperties: false }),
  auth: Type.Optional(Type.Object({
    jwt: Type.Optional(Type.Object({
      issuer: Type.String({ minLength: 1 }),
      audience: Type.String({ minLength: 1 }),
      /** An Ed25519 public key as an OKP JWK file; default: the workspace's token signing key. */
      publicKeyJwk: Type.Optional(Path),
    }, { additionalProperties: false })),
    apiKeys: Type.Optional(Type.Object({
      store: Path,
      /**
       * How long a verified key is used without reading the store again (src/server/api-key-cache.ts):
       * the bound on a revocation or expiry taking effect in a running server. 0 turns the cache off;
       * at most MAX_API_KEY_CACHE_SECONDS. Default API_KEY_CACHE_SECONDS.
       */
      cacheSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_API_KEY_CACHE_SECONDS })),
    }, { additionalProperties: false })),
  }, { additionalProperties: false })),
  policy: Type.Optional(Type.Object({ dir: Path }, { additionalProperties: false })),
  contracts: Type.Optional(Type.Object({ dir: Path }, { additionalProperties: false })),
  /**
   * The datasets POST /v1/dp/query may answer over (docs/privacy.md#the-server-route): a dataset name
   * (the contract's dataset) -> the file the server reads (any format io/formats.ts lists) and the contract file
   * stem in contracts.dir whose cordonPrivacyBudget is spent. Checked at start (src/server/dp-datasets.ts).
   */
  dp: Type.Optional(Type.Object({
    datasets: Type.Record(Type.String({ pattern: DP_NAME, maxLength: 128 }), Type.Object({
      file: Path,
      contract: Type.String({ pattern: DP_NAME, maxLength: 128 }),
    }, { additionalProperties: false }), { maxProperties: 256 }),
  }, { additionalProperties: false })),
  /** Custom recognizer files (docs/detect.md) that POST /v1/detect uses beside the built-in ones. */
  detect: Type.Optional(Type.Object({ recognizers: Type.Array(Path, { maxItems: 32 }) }, { additionalProperties: false })),
  /** The OpenAI-compatible proxy (POST /v1/chat/completions, /v1/embeddings; docs/guard.md#proxy). */
  guard: Type.Optional(Type.Object({
    upstream: Type.Object({
      url: Type.String({ minLength: 1, maxLength: 2048 }),
      apiKey: Type.Optional(SecretRef),
      ca: Type.Optional(Path),
      timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 600_000 })),
      maxDurationMs: Type.Optional(Type.Integer({ minimum: 1000, maximum: 3_600_000 })),
    }, { additionalProperties: false }),
    injection: Type.Optional(Type.Object({
      action: Type.Union([Type.Literal('block'), Type.Literal('flag')]),
      threshold: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    }, { additionalProperties: false })),
    redact: Type.Optional(Type.Object({
      profile: Type.Optional(Type.Union(PROFILE_NAMES.map((p) => Type.Literal(p)))),
      entities: Type.Optional(Type.Array(Type.Union(ENTITIES.map((e) => Type.Literal(e))), { minItems: 1, uniqueItems: true })),
    }, { additionalProperties: false })),
    output: Type.Optional(Type.Object({
      allowedHosts: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 253 }), { maxItems: 256 })),
    }, { additionalProperties: false })),
    ttlSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PLACEHOLDER_TTL_MS / 1000 })),
  }, { additionalProperties: false })),
  /**
   * Retention on a schedule (docs/retention.md#scheduled): every `schedule.intervalSeconds`, the
   * server applies the cordonRetention of the contracts in contracts.dir, off the request path,
   * and writes each run's signed receipt into `receipts` (a folder). `destroyKeyVersions` (default
   * false) also destroys superseded operator key versions past the cut-off: set it only when
   * contracts.dir holds every contract of the workspace (operator keys are shared by all of them).
   */
  retention: Type.Optional(Type.Object({
    schedule: Type.Object({ intervalSeconds: Type.Integer({ minimum: 1, maximum: 31_536_000 }) }, { additionalProperties: false }),
    receipts: Path,
    destroyKeyVersions: Type.Optional(Type.Boolean()),
  }, { additionalProperties: false })),
  /**
   * Erasures (POST /v1/erase, docs/erasure.md#long-erasures-a-job): on shutdown the server waits for
   * a running erasure at most `shutdownWaitSeconds` (default 30); past it the erasure is left to
   * stop and resumes (from its journal) when the server starts again.
   */
  erasure: Type.Optional(Type.Object({
    shutdownWaitSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400 })),
  }, { additionalProperties: false })),
  /**
   * How durable a request's audit event is before its answer leaves (docs/server.md#audit-durability,
   * src/audit/durability.ts). `sync` (default): on disk (fdatasync / synchronous commit). `batch`:
   * committed (a crash of the server process loses nothing answered) and on disk within
   * `syncWindowMs` (default AUDIT_SYNC_WINDOW_MS): an OS crash or power loss may lose the events
   * answered in the last window.
   */
  audit: Type.Optional(Type.Object({
    durability: Type.Union([Type.Literal('sync'), Type.Literal('batch')]),
    syncWindowMs: Type.Optional(Type.Integer({ minimum: MIN_AUDIT_SYNC_WINDOW_MS, maximum: MAX_AUDIT_SYNC_WINDOW_MS })),
  }, { additionalProperties: false })),
  limits: Type.Optional(Type.Object({
    bodyBytes: Type.Optional(Type.Integer({ minimum: 1024, maximum: 64 * 1024 * 1024 })),
    ratePerSecond: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000 })),
    burst: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000 })),
    authFailuresPerSecond: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000 })),
    authFailureBurst: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000 })),
    requestTimeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 600_000 })),
    handlerTimeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 600_000 })),
  }, { additionalProperties: false })),
}, { additionalProperties: false });

export type ServerConfigFile = Static<typeof ServerConfigSchema>;
export type SecretReference = Static<typeof SecretRef>;

export interface ServerConfig {
  readonly listen: { readonly host: string; readonly port: number };
  readonly tls: { readonly cert: string; readonly key: SecretReference; readonly ca?: string; readonly mtls: MtlsMode };
  readonly jwt?: { readonly issuer: string; readonly audience: string; readonly publicKeyJwk?: string };
  readonly apiKeyStore?: string;
  /** How long a verified API key is trusted without the store (ms; 0: never); default API_KEY_CACHE_SECONDS. */
  readonly apiKeyCacheMs?: number;
  readonly policyDir?: string;
  readonly contractsDir?: string;
  /** The datasets POST /v1/dp/query answers over, by name (files absolute); absent: the route answers 404 for every name. */
  readonly dpDatasets?: ReadonlyMap<string, DpDatasetSource>;
  /** Custom recognizer files for POST /v1/detect (absolute paths; `cordon serve --recognizers` adds one). */
  readonly recognizers?: readonly string[];
  /** The OpenAI-compatible proxy; absent: its routes answer 502 ERR_UPSTREAM_FAILED. */
  readonly guard?: GuardConfig;
  /** Retention applied on a schedule; absent: only `cordon retention apply` applies it. */
  readonly retention?: { readonly intervalMs: number; readonly receiptsDir: string; readonly destroyKeyVersions: boolean };
  /** How long shutdown waits for a running erasure (default 30 s); past it the erasure resumes at the next start. */
  readonly erasure: { readonly shutdownWaitMs: number };
  /** How durable an answered request's audit event is (default sync: on disk). */
  readonly auditDurability: AuditDurability;
  readonly limits: Limits;
}

/** A dataset the server holds for DP queries: its file and the contract (file stem in contracts.dir) that sets its budget. */
export interface DpDatasetSource {
  readonly file: string;
  readonly contract: string;
}

export interface GuardConfig {
  readonly upstream: { readonly url: URL; readonly apiKey?: SecretReference; readonly ca?: string; readonly timeoutMs?: number; readonly maxDurationMs?: number };
  readonly injection: { readonly action: 'block' | 'flag'; readonly threshold: number };
  readonly redact: { readonly profile?: ProfileName; readonly entities?: readonly Entity[] };
  readonly allowedHosts: readonly string[];
  readonly ttlMs?: number;
}

/** Strings that are secrets, wherever they appear in a config. */
const INLINE_SECRET_RE = /-----BEGIN [A-Z ]*PRIVATE KEY-----|^ck_[A-Za-z0-9_-]{16,}$|^eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\./;

function findInlineSecret(v: unknown, path: string): string | undefined {
  if (typeof v === 'string') return INLINE_SECRET_RE.test(v) ? path : undefined;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = findInlineSecret(v[i], `${path}/${i}`);
      if (p) return p;
    }
  } else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const p = findInlineSecret(x, `${path}/${k}`);
      if (p) return p;
    }
  }
  return undefined;
}

/** Validates a parsed config; `base` is the folder relative paths start from. */
export function parseServerConfig(doc: unknown, base: string): ServerConfig {
  const inline = findInlineSecret(doc, '');
  if (inline !== undefined) throw new CordonError('ERR_CONFIG_INVALID', `server config: ${inline} holds a secret inline; refer to it with { file: path } or { env: NAME }`);
  const tlsKey = (doc as { tls?: { key?: unknown } } | null)?.tls?.key;
  if (typeof tlsKey === 'string') throw new CordonError('ERR_CONFIG_INVALID', 'server config: /tls/key must be a reference, { file: path } or { env: NAME }, never the key itself');
  const first = Value.Errors(ServerConfigSchema, doc).First();
  if (first !== undefined) throw new CordonError('ERR_CONFIG_INVALID', `server config: ${first.path || '/'} ${first.message}`);
  const c = doc as ServerConfigFile;
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  if (c.tls.mtls !== 'off' && c.tls.ca === undefined) throw new CordonError('ERR_CONFIG_INVALID', 'server config: /tls/ca is required when mtls is optional or required');
  const limits: Limits = { ...DEFAULT_LIMITS, ...c.limits };
  // A record's key pattern is not every validator's concern: the names are checked here as well.
  for (const name of Object.keys(c.dp?.datasets ?? {})) {
    if (!DP_NAME_RE.test(name) || name.length > 128) throw new CordonError('ERR_CONFIG_INVALID', 'server config: /dp/datasets: a dataset name is letters, digits, "_", "-" and inner dots');
  }
  if (c.audit?.syncWindowMs !== undefined && c.audit.durability !== 'batch') throw new CordonError('ERR_CONFIG_INVALID', 'server config: /audit/syncWindowMs applies to durability batch only');
  if (c.retention !== undefined && c.contracts === undefined) throw new CordonError('ERR_CONFIG_INVALID', 'server config: /retention needs /contracts/dir (the contracts whose cordonRetention applies)');
  if (c.dp !== undefined && Object.keys(c.dp.datasets).length > 0 && c.contracts === undefined) throw new CordonError('ERR_CONFIG_INVALID', 'server config: /dp/datasets needs /contracts/dir (each dataset names a contract there)');
  return {
    listen: c.listen,
    tls: {
      cert: abs(c.tls.cert),
      key: 'file' in c.tls.key ? { file: abs(c.tls.key.file) } : c.tls.key,
      ...(c.tls.ca !== undefined ? { ca: abs(c.tls.ca) } : {}),
      mtls: c.tls.mtls,
    },
    ...(c.auth?.jwt ? { jwt: { ...c.auth.jwt, ...(c.auth.jwt.publicKeyJwk !== undefined ? { publicKeyJwk: abs(c.auth.jwt.publicKeyJwk) } : {}) } } : {}),
    ...(c.auth?.apiKeys ? { apiKeyStore: abs(c.auth.apiKeys.store) } : {}),
    ...(c.auth?.apiKeys?.cacheSeconds !== undefined ? { apiKeyCacheMs: c.auth.apiKeys.cacheSeconds * 1000 } : {}),
    ...(c.policy ? { policyDir: abs(c.policy.dir) } : {}),
    ...(c.contracts ? { contractsDir: abs(c.contracts.dir) } : {}),
    ...(c.dp !== undefined && Object.keys(c.dp.datasets).length > 0 ? {
      dpDatasets: new Map(Object.entries(c.dp.datasets).map(([name, d]) => [name, { file: abs(d.file), contract: d.contract }] as const)),
    } : {}),
    ...(c.detect !== undefined && c.detect.recognizers.length > 0 ? { recognizers: c.detect.recognizers.map(abs) } : {}),
    ...(c.guard !== undefined ? { guard: {
      upstream: {
        url: parseUpstreamUrl(c.guard.upstream.url),
        ...(c.guard.upstream.apiKey !== undefined ? { apiKey: 'file' in c.guard.upstream.apiKey ? { file: abs(c.guard.upstream.apiKey.file) } : c.guard.upstream.apiKey } : {}),
        ...(c.guard.upstream.ca !== undefined ? { ca: abs(c.guard.upstream.ca) } : {}),
        ...(c.guard.upstream.timeoutMs !== undefined ? { timeoutMs: c.guard.upstream.timeoutMs } : {}),
        ...(c.guard.upstream.maxDurationMs !== undefined ? { maxDurationMs: c.guard.upstream.maxDurationMs } : {}),
      },
      // Default: block. A proxy that only flags must say so.
      injection: { action: c.guard.injection?.action ?? 'block', threshold: c.guard.injection?.threshold ?? 0.5 },
      redact: { ...(c.guard.redact?.profile !== undefined ? { profile: c.guard.redact.profile } : {}), ...(c.guard.redact?.entities !== undefined ? { entities: c.guard.redact.entities } : {}) },
      allowedHosts: c.guard.output?.allowedHosts ?? [],
      ...(c.guard.ttlSeconds !== undefined ? { ttlMs: c.guard.ttlSeconds * 1000 } : {}),
    } } : {}),
    ...(c.retention !== undefined ? { retention: { intervalMs: c.retention.schedule.intervalSeconds * 1000, receiptsDir: abs(c.retention.receipts), destroyKeyVersions: c.retention.destroyKeyVersions === true } } : {}),
    erasure: { shutdownWaitMs: (c.erasure?.shutdownWaitSeconds ?? 30) * 1000 },
    auditDurability: c.audit?.durability === 'batch' ? batchDurability(c.audit.syncWindowMs ?? AUDIT_SYNC_WINDOW_MS) : SYNC_DURABILITY,
    limits,
  };
}

/** Reads and validates the config file at `path` (YAML or JSON). */
export function readServerConfig(path: string): ServerConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CordonError('ERR_IO', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let doc: unknown;
  try {
    doc = parseYaml(text, { maxAliasCount: 100 });
  } catch {
    throw new CordonError('ERR_CONFIG_INVALID', `${path} is not valid YAML or JSON`);
  }
  return parseServerConfig(doc, dirname(resolve(path)));
}

/**
 * The bytes a secret reference names. A file must not be readable by group or others; an
 * environment variable must be set and non-empty.
 */
export function readSecret(ref: SecretReference, env: NodeJS.ProcessEnv = process.env): Buffer {
  if ('env' in ref) {
    const v = env[ref.env];
    if (v === undefined || v === '') throw new CordonError('ERR_CONFIG_INVALID', `environment variable ${ref.env} is not set`);
    return Buffer.from(v.replace(/\\n/g, '\n'), 'utf8');
  }
  let mode: number;
  try {
    mode = statSync(ref.file).mode;
  } catch (e) {
    throw new CordonError('ERR_IO', `cannot read ${ref.file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  if ((mode & 0o077) !== 0) throw new CordonError('ERR_CONFIG_INVALID', `${ref.file} is readable by group or others; chmod 600 it`);
  return readFileSync(ref.file);
}

/** Reads a non-secret file (certificate, CA bundle, public key). */
export function readPublicFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new CordonError('ERR_IO', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}
