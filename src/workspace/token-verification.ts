// Which token-signing key versions a verifier accepts, and the per-token key lookup `cordon serve`
// uses. The key is `cordon-token-signing` in the workspace key store (token-signing.ts); every
// version's public key is derived from its wrapped Ed25519 seed and named by its RFC 7638 `kid`.
// Accepted: the primary version; an older version until its set time — when the next version was
// created plus TOKEN_KEY_GRACE_SEC, so every token it signed can run out — unless its minimum
// version was raised past it (`cordon token rotate --drop-old`) or it was destroyed.
// With a shared store the key store's cache bound (CORDON_KEY_CACHE_MS) is how stale a decision
// can be; every instance reads the same rows, so all instances accept the same keys.
// It must never accept a token when the plaintext key file of earlier versions is in the workspace.
import { DEFAULT_CLOCK_TOLERANCE_SEC, DEFAULT_MAX_TTL_SEC, jwtKeyId } from '../auth/jwt-claims.js';
import { hasLegacyTokenSigningKey, legacyTokenSigningKeyError } from '../auth/token-signing-key.js';
import { ed25519KeyObjectsFromSeed, type KeyObject } from '../crypto/key-objects.js';
import { isCordonError } from '../errors.js';
import type { KeyInfo } from '../keys/keyring.js';
import type { Workspace } from './workspace.js';

/** The key store name of the service's token-signing key (purpose `token-signing`). */
export const TOKEN_SIGNING_KEY_NAME = 'cordon-token-signing';
/**
 * How long a superseded version still verifies: the longest token lifetime, the clock tolerance,
 * and 60 s for the largest key cache bound (CORDON_KEY_CACHE_MS ≤ 60000), during which another
 * instance may still sign with it.
 */
export const TOKEN_KEY_GRACE_SEC = DEFAULT_MAX_TTL_SEC + DEFAULT_CLOCK_TOLERANCE_SEC + 60;

/** A version a verifier accepts now; `acceptedUntil` is null for the primary version. */
export interface AcceptedVersion {
  readonly version: number;
  readonly primary: boolean;
  readonly acceptedUntil: string | null;
}

/** The rule, as a pure function of the key's metadata and the time (ms since the epoch). */
export function acceptedTokenKeyVersions(info: KeyInfo, nowMs: number, graceSec = TOKEN_KEY_GRACE_SEC): AcceptedVersion[] {
  const out: AcceptedVersion[] = [];
  const versions = [...info.versions].sort((a, b) => a.version - b.version);
  for (const [i, v] of versions.entries()) {
    if (v.state !== 'enabled' || v.version < info.minDecryptionVersion || v.version > info.primaryVersion) continue;
    if (v.version === info.primaryVersion) {
      out.push({ version: v.version, primary: true, acceptedUntil: null });
      continue;
    }
    const next = versions[i + 1];
    const supersededAt = next === undefined ? NaN : Date.parse(next.createdAt);
    if (!Number.isFinite(supersededAt)) continue;
    const until = supersededAt + graceSec * 1000;
    if (nowMs < until) out.push({ version: v.version, primary: false, acceptedUntil: new Date(until).toISOString() });
  }
  return out;
}

export interface TokenVerificationKey extends AcceptedVersion {
  readonly kid: string;
  readonly publicKey: KeyObject;
}

/** Public keys per version, derived once (a version's seed never changes). */
type PublicCache = Map<number, Promise<{ kid: string; publicKey: KeyObject }>>;

function publicOf(ws: Workspace, cache: PublicCache, version: number): Promise<{ kid: string; publicKey: KeyObject }> {
  let p = cache.get(version);
  if (p === undefined) {
    p = (async () => {
      const seed = await ws.keyring.versionMaterial(TOKEN_SIGNING_KEY_NAME, version, 'token-signing');
      const { publicKey } = ed25519KeyObjectsFromSeed(seed);
      return { kid: await jwtKeyId(publicKey), publicKey };
    })();
    p.catch(() => cache.delete(version));
    cache.set(version, p);
  }
  return p;
}

async function acceptedNow(ws: Workspace, cache: PublicCache, nowMs: number): Promise<TokenVerificationKey[]> {
  let info: KeyInfo;
  try {
    info = await ws.keyring.show(TOKEN_SIGNING_KEY_NAME);
  } catch (e) {
    if (isCordonError(e, 'ERR_KEY_NOT_FOUND')) return [];
    throw e;
  }
  if (info.purpose !== 'token-signing') return [];
  return Promise.all(acceptedTokenKeyVersions(info, nowMs).map(async (a) => ({ ...a, ...(await publicOf(ws, cache, a.version)) })));
}

/** The versions verifiers accept now, with their public keys (`cordon token public-key --all`). */
export async function tokenVerificationKeys(ws: Workspace, options: { now?: () => number } = {}): Promise<TokenVerificationKey[]> {
  return acceptedNow(ws, new Map(), (options.now ?? Date.now)());
}

/**
 * The `resolveKey` of `createJwtVerifier` for the workspace's key: each token's `kid` is looked up
 * among the versions accepted at that moment (metadata from the key store, or its cache). Refuses
 * to start while the plaintext key file is in the workspace (ERR_SIGNING_KEY_PLAINTEXT).
 *
 * @example
 * ```ts
 * const verify = createJwtVerifier({ issuer: 'cordon', audience: 'cordon-api', resolveKey: tokenKeyResolver(ws) });
 * ```
 */
export function tokenKeyResolver(ws: Workspace, options: { now?: () => number } = {}): (kid: string) => Promise<KeyObject | undefined> {
  if (hasLegacyTokenSigningKey(ws.home)) throw legacyTokenSigningKeyError(ws.home);
  const cache: PublicCache = new Map();
  const now = options.now ?? Date.now;
  return async (kid) => (await acceptedNow(ws, cache, now())).find((k) => k.kid === kid)?.publicKey;
}
