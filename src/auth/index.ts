// cordon/auth: who is calling — mutual TLS certificates, Ed25519 JWTs and API keys, each turned
// into one Principal; refusals are ERR_UNAUTHENTICATED. Re-exports only (docs/auth.md).
export { type Principal, type AuthFailureReason, UNAUTHENTICATED_MESSAGE, authFailureReason } from './principal.js';
export { createJwtVerifier, type JwtVerifierOptions } from './verify-jwt.js';
export { issueJwt, type IssueJwtOptions } from './issue-jwt.js';
export {
  JWT_ALGORITHM, JWT_TYPE, DEFAULT_MAX_TTL_SEC, DEFAULT_CLOCK_TOLERANCE_SEC, DEFAULT_ISSUER, DEFAULT_AUDIENCE, MAX_JWT_LENGTH,
  jwtKeyId, type AttributeValue,
} from './jwt-claims.js';
export { type ApiKeyStore, type ApiKeyInfo, type CreateApiKeyOptions } from './api-key-store.js';
export { API_KEY_PREFIX } from './api-key-format.js';
export { SqliteApiKeyStore } from './store/sqlite.js';
export { PostgresApiKeyStore } from './store/postgres.js';
export { principalFromCertificate, parseSpiffeId, type CertificateNames } from './principal-from-certificate.js';
// The token signing key itself lives in the workspace key store: cordon/workspace (token-signing.ts).
export { hasLegacyTokenSigningKey, LEGACY_TOKEN_SIGNING_KEY_FILE } from './token-signing-key.js';
