// The service's token-signing key, kept like every other key: an Ed25519 seed in the workspace key
// store (`cordon-token-signing`, purpose `token-signing`), wrapped by the master key (or the HSM),
// versioned and rotatable, in keys.db or the shared PostgreSQL store alike. Issuing unwraps the
// primary version into memory only and records a `jwt.issue` audit event (never the token).
// The plaintext key file of earlier versions is never used: while it is in the workspace every
// path here refuses with ERR_SIGNING_KEY_PLAINTEXT, and `migrateLegacyTokenSigningKey` moves it in.
import { issueJwt, type IssueJwtOptions } from '../auth/issue-jwt.js';
import { jwtKeyId } from '../auth/jwt-claims.js';
import {
  hasLegacyTokenSigningKey, legacyTokenSigningKeyError, legacyTokenSigningKeyPath, readLegacyTokenSigningKey, removeLegacyTokenSigningKey,
} from '../auth/token-signing-key.js';
import { auditEvent } from '../audit/make-event.js';
import { ed25519KeyObjectsFromSeed, ed25519PublicKeyOf, ed25519SeedOf, type KeyObject } from '../crypto/key-objects.js';
import { CordonError, isCordonError } from '../errors.js';
import type { KeyInfo } from '../keys/keyring.js';
import { TOKEN_SIGNING_KEY_NAME, tokenVerificationKeys } from './token-verification.js';
import type { Workspace } from './workspace.js';

export interface TokenSigningKey {
  readonly version: number;
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** Whether this call created the key (first use). */
  readonly created: boolean;
}

function refuseLegacy(ws: Workspace): void {
  if (hasLegacyTokenSigningKey(ws.home)) throw legacyTokenSigningKeyError(ws.home);
}

async function existing(ws: Workspace): Promise<KeyInfo | undefined> {
  try {
    return await ws.keyring.show(TOKEN_SIGNING_KEY_NAME);
  } catch (e) {
    if (isCordonError(e, 'ERR_KEY_NOT_FOUND')) return undefined;
    throw e;
  }
}

function requirePurpose(info: KeyInfo): void {
  if (info.purpose !== 'token-signing') {
    throw new CordonError('ERR_KEY_EXISTS', `the key store holds a ${info.purpose} key named ${TOKEN_SIGNING_KEY_NAME}, a name Cordon needs for its token signing key; rename that key's data to another key first`);
  }
}

/** The primary version's key pair, unwrapped into memory; created on first use when `create` is set. */
export async function tokenSigningKey(ws: Workspace, options: { create?: boolean } = {}): Promise<TokenSigningKey> {
  refuseLegacy(ws);
  let info = await existing(ws);
  let created = false;
  if (info === undefined) {
    if (options.create !== true) throw new CordonError('ERR_KEY_NOT_FOUND', 'the workspace has no token signing key yet; create it with `cordon token keygen`');
    try {
      info = await ws.keyring.create(TOKEN_SIGNING_KEY_NAME, { purpose: 'token-signing' });
      created = true;
    } catch (e) {
      // Another process or instance created it first: use theirs.
      if (!isCordonError(e, 'ERR_KEY_EXISTS')) throw e;
      info = await ws.keyring.show(TOKEN_SIGNING_KEY_NAME);
    }
  }
  requirePurpose(info);
  const { version, material } = await ws.keyring.primaryMaterial(TOKEN_SIGNING_KEY_NAME, 'token-signing');
  const { privateKey, publicKey } = ed25519KeyObjectsFromSeed(material);
  return { version, kid: await jwtKeyId(publicKey), privateKey, publicKey, created };
}

/** Creates the key; ERR_KEY_EXISTS when the workspace has one (rotate it instead). */
export async function createTokenSigningKey(ws: Workspace): Promise<TokenSigningKey> {
  refuseLegacy(ws);
  if ((await existing(ws)) !== undefined) throw new CordonError('ERR_KEY_EXISTS', 'the workspace already has a token signing key; rotate it with `cordon token rotate`');
  await ws.keyring.create(TOKEN_SIGNING_KEY_NAME, { purpose: 'token-signing' });
  return { ...(await tokenSigningKey(ws)), created: true };
}

export interface IssuedToken {
  readonly token: string;
  readonly kid: string;
  readonly version: number;
  /** Whether the signing key was created by this call. */
  readonly created: boolean;
}

/**
 * Signs an access token with the workspace key (created on first use) and records a `jwt.issue`
 * audit event naming who issued it (`actor`), for whom, with which key version — never the token.
 *
 * @example
 * ```ts
 * const { token } = await issueAccessToken(ws, { issuer: 'cordon', audience: 'cordon-api', principal: 'svc:etl', roles: ['pipeline'], ttlSec: 900 }, { actor: 'local:alice' });
 * ```
 */
export async function issueAccessToken(ws: Workspace, o: Omit<IssueJwtOptions, 'privateKey'>, options: { actor: string }): Promise<IssuedToken> {
  const key = await tokenSigningKey(ws, { create: true });
  const token = await issueJwt({ ...o, privateKey: key.privateKey });
  ws.audit.emit(auditEvent({
    type: 'jwt.issue', outcome: 'success', principal: options.actor, key: { name: TOKEN_SIGNING_KEY_NAME, version: key.version },
    attributes: {
      sub: o.principal, kid: key.kid, roles: o.roles.join(','), ttl_sec: o.ttlSec, aud: o.audience,
      ...(o.tenant !== undefined ? { tenant: o.tenant } : {}),
    },
  }));
  await ws.flushAudit();
  return { token, kid: key.kid, version: key.version, created: key.created };
}

export interface RotatedTokenKey {
  readonly version: number;
  readonly kid: string;
  readonly publicKey: KeyObject;
  /** Earlier versions still accepted, and until when (empty with `dropOld`). */
  readonly stillAccepted: readonly { version: number; kid: string; acceptedUntil: string }[];
}

/**
 * Adds a new version and makes it primary. Earlier versions keep verifying until their set time
 * (TOKEN_KEY_GRACE_SEC after this rotation), or stop at once with `dropOld` (the minimum version
 * is raised to the new one) — to cut off every token signed so far.
 */
export async function rotateTokenSigningKey(ws: Workspace, options: { dropOld?: boolean } = {}): Promise<RotatedTokenKey> {
  refuseLegacy(ws);
  const info = await existing(ws);
  if (info === undefined) throw new CordonError('ERR_KEY_NOT_FOUND', 'the workspace has no token signing key yet; create it with `cordon token keygen`');
  requirePurpose(info);
  const rotated = await ws.keyring.rotate(TOKEN_SIGNING_KEY_NAME);
  if (options.dropOld === true) await ws.keyring.setMinDecryptionVersion(TOKEN_SIGNING_KEY_NAME, rotated.primaryVersion);
  const key = await tokenSigningKey(ws);
  const accepted = await tokenVerificationKeys(ws);
  return {
    version: key.version, kid: key.kid, publicKey: key.publicKey,
    stillAccepted: accepted.filter((a) => !a.primary).map((a) => ({ version: a.version, kid: a.kid, acceptedUntil: a.acceptedUntil! })),
  };
}

export interface MigratedTokenKey {
  readonly kid: string;
  readonly version: number;
  /** False when the key store already held this key (another instance migrated it first). */
  readonly imported: boolean;
}

/**
 * Moves the plaintext `token-signing-key.pem` into the key store as version 1 (same key, same kid:
 * tokens and verifiers keep working) and deletes the file. When the store already holds this key
 * the file is only deleted; when it holds a different one, nothing changes (ERR_KEY_EXISTS).
 */
export async function migrateLegacyTokenSigningKey(ws: Workspace): Promise<MigratedTokenKey> {
  const legacy = readLegacyTokenSigningKey(ws.home);
  const kid = await jwtKeyId(ed25519PublicKeyOf(legacy));
  const info = await existing(ws);
  let result: MigratedTokenKey;
  if (info === undefined) {
    const seed = ed25519SeedOf(legacy);
    try {
      await ws.keyring.create(TOKEN_SIGNING_KEY_NAME, { purpose: 'token-signing', material: seed });
    } finally {
      seed.fill(0);
    }
    result = { kid, version: 1, imported: true };
  } else {
    requirePurpose(info);
    const same = (await Promise.all(info.versions.filter((v) => v.state === 'enabled').map(async (v) => {
      const { publicKey: p } = ed25519KeyObjectsFromSeed(await ws.keyring.versionMaterial(TOKEN_SIGNING_KEY_NAME, v.version, 'token-signing'));
      return { version: v.version, kid: await jwtKeyId(p) };
    }).map((p) => p.catch(() => undefined)))).find((v) => v?.kid === kid);
    if (same === undefined) {
      throw new CordonError('ERR_KEY_EXISTS', `the key store already holds a different token signing key; the file's key was not imported. If no token it signed is still needed, delete ${legacyTokenSigningKeyPath(ws.home)}`);
    }
    result = { kid, version: same.version, imported: false };
  }
  removeLegacyTokenSigningKey(ws.home);
  return result;
}
