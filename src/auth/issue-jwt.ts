// Issues a short-lived Cordon access token (the profile in jwt-claims.ts). The private key never
// leaves the KeyObject; the token is returned to the caller and never logged.
import { SignJWT } from 'jose';
import { isEd25519KeyObject, ed25519PublicKeyOf, randomBytes, type KeyObject } from '../crypto/index.js';
import { CordonError } from '../errors.js';
import { DEFAULT_MAX_TTL_SEC, JWT_ALGORITHM, JWT_TYPE, isAttributes, jwtKeyId, parseAmr, type AttributeValue } from './jwt-claims.js';
import { checkName, checkNameList, checkPrincipalId } from './names.js';

export interface IssueJwtOptions {
  /** An Ed25519 private key (workspace `tokenSigningKey()`, or `ed25519PrivateKeyFromPem`). */
  readonly privateKey: KeyObject;
  readonly issuer: string;
  readonly audience: string;
  /** The `sub` claim: who the token speaks for. */
  readonly principal: string;
  readonly roles: readonly string[];
  /** Lifetime in seconds: 1 … maxTtlSec. */
  readonly ttlSec: number;
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
  readonly tenant?: string;
  /** Optional scope limit, sent as the space-separated `scope` claim. */
  readonly scopes?: readonly string[];
  /** RFC 8176 authentication methods the issuer verified (`pwd`, `otp`, `hwk`, `mfa`, …), sent as `amr`. */
  readonly amr?: readonly string[];
  /** The longest lifetime allowed (default 3600 s); verifiers enforce their own cap too. */
  readonly maxTtlSec?: number;
}

/**
 * Signs an access token for `principal`.
 *
 * @example
 * ```ts
 * const jwt = await issueJwt({ privateKey, issuer: 'cordon', audience: 'cordon-api', principal: 'svc:etl', roles: ['pipeline'], ttlSec: 900 });
 * ```
 */
export async function issueJwt(o: IssueJwtOptions): Promise<string> {
  if (!isEd25519KeyObject(o.privateKey, 'private')) throw new CordonError('ERR_CRYPTO_UNSUPPORTED', 'JWTs are signed with an Ed25519 private key only');
  const maxTtl = o.maxTtlSec ?? DEFAULT_MAX_TTL_SEC;
  if (!Number.isSafeInteger(o.ttlSec) || o.ttlSec < 1 || o.ttlSec > maxTtl) throw new CordonError('ERR_INPUT_INVALID', `the token lifetime must be 1–${maxTtl} seconds`);
  if (typeof o.issuer !== 'string' || o.issuer === '' || o.issuer.length > 256) throw new CordonError('ERR_INPUT_INVALID', 'issuer must be 1–256 characters');
  if (typeof o.audience !== 'string' || o.audience === '' || o.audience.length > 256) throw new CordonError('ERR_INPUT_INVALID', 'audience must be 1–256 characters');
  const claims: Record<string, unknown> = { roles: checkNameList(o.roles, 'roles') };
  if (o.tenant !== undefined) claims['tenant'] = checkName(o.tenant, 'tenant');
  if (o.scopes !== undefined) claims['scope'] = checkNameList(o.scopes, 'scopes').join(' ');
  if (o.amr !== undefined) {
    const amr = parseAmr(o.amr);
    if (amr === undefined) throw new CordonError('ERR_INPUT_INVALID', 'amr must be at most 16 method names (A–Z a–z 0–9 _ -, ≤ 32 characters)');
    claims['amr'] = amr;
  }
  if (o.attributes !== undefined) {
    if (!isAttributes(o.attributes)) throw new CordonError('ERR_INPUT_INVALID', 'attributes must be at most 32 names (A–Z a–z 0–9 _ . -) with string, number, boolean or string-list values');
    claims['attributes'] = o.attributes;
  }
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: JWT_ALGORITHM, typ: JWT_TYPE, kid: await jwtKeyId(ed25519PublicKeyOf(o.privateKey)) })
    .setIssuer(o.issuer)
    .setAudience(o.audience)
    .setSubject(checkPrincipalId(o.principal))
    .setIssuedAt(now)
    .setExpirationTime(now + o.ttlSec)
    .setJti(Buffer.from(randomBytes(16)).toString('base64url'))
    .sign(o.privateKey);
}
