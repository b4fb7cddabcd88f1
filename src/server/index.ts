// The HTTPS API shell: re-exports only.
export { buildServer, DEFAULT_LIMITS, type CordonServer, type Limits, type MtlsMode, type ServerOptions, type TlsOptions } from './app.js';
export { DENY_ALL, type Authorizer, type AuthzDecision, type AuthzRequest, type AuthzResource, type AuthzContext } from './authorize.js';
export { type Authenticators } from './authenticate.js';
export { principalFromCertificate, type Principal, type Authenticated } from './principal.js';
export { createDevCerts, type DevCerts, type DevCertsOptions } from './certs.js';
export { parseServerConfig, readServerConfig, readSecret, type ServerConfig } from './config.js';
export { buildOpenApi, openApiText } from './openapi.js';
export { runUntilSignal, type RunOptions } from './listen.js';
export { toHttpError, CATEGORY_STATUS, CODE_STATUS } from './errors.js';
export { registerRateLimits, type RateLimiter, type RateLimitOptions, type RateLimitStore, type RateVerdict } from './rate-limit.js';
export type { RouteSpec, ServerDeps } from './route.js';
export { openServer, type OpenedServer } from './open.js';
export { ResourceCatalog, type ResourceAttributes } from './catalog.js';
