// A route as data: method, path, TypeBox schemas, the action it needs and how to find its
// resource, and a handler. The app registers these with fastify and the OpenAPI generator reads
// the same objects, so the document cannot drift from what the server validates.
import type { Readable } from 'node:stream';
import { Type, type TSchema } from '@sinclair/typebox';
import type { AuditSink } from '../audit/event.js';
import type { MerkleAuditLog } from '../audit/log.js';
import type { NoteVerifier } from '../audit/signed-note.js';
import type { Recognizer } from '../detect/types.js';
import type { Keyring } from '../keys/keyring.js';
import type { LineageStore } from '../lineage/store.js';
import type { BudgetLedgerStore } from '../privacy/ledger/types.js';
import type { TokenVault } from '../vault/vault.js';
import type { Action, AuthzContext, AuthzDecision, AuthzResource } from './authorize.js';
import type { AuthzPrincipal } from '../policy/types.js';
import type { ResourceCatalog } from './catalog.js';
import type { DpDatasetSource } from './config.js';
import type { ErasureJobs } from './erasure-jobs.js';
import type { ErrorShape } from './errors.js';
import type { GuardProxyDeps } from './guard-proxy.js';
import type { Metrics } from './metrics.js';
import type { Authenticated } from './principal.js';

/** The error body of every failure (src/server/errors.ts). */
export const ErrorBody = Type.Object({
  code: Type.String({ description: 'a stable ERR_* code (docs/errors.md, docs/server.md)' }),
  message: Type.String(),
}, { $id: 'ErrorBody', additionalProperties: false });

/** The error body of the OpenAI-compatible routes (errorShape 'openai'): what OpenAI clients parse. */
export const OpenAiErrorBody = Type.Object({
  error: Type.Object({
    message: Type.String(),
    type: Type.String({ description: 'invalid_request_error, authentication_error, permission_error, not_found_error, conflict_error, rate_limit_error or server_error, from the status' }),
    code: Type.String({ description: 'Cordon\'s stable ERR_* code (docs/errors.md)' }),
    param: Type.Null(),
  }, { additionalProperties: false }),
}, { $id: 'OpenAiErrorBody', additionalProperties: false });

/** A request header a route reads beyond the common ones (declared in OpenAPI as a header parameter). */
export interface RouteHeader {
  readonly name: string;
  readonly description: string;
  readonly schema: TSchema;
}

/** A purpose named in a request (the `X-Cordon-Purpose` header or a body field). */
export const PURPOSE_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$';
export const Purpose = Type.String({ pattern: PURPOSE_PATTERN, description: 'why the data is used; the policy decides which purposes an action allows' });

/** Request headers every route with an action reads (declared in OpenAPI as components.parameters). */
export const PURPOSE_HEADER = 'x-cordon-purpose';
export const CONSENT_HEADER = 'x-cordon-consent';
/** The data subject a request on a consent-requiring column concerns (docs/consent.md); never logged. */
export const SUBJECT_HEADER = 'x-cordon-subject';

/** The consent registry as the PEP and POST /v1/protect read it: whether the subject's grant of the purpose stands now. */
export interface ConsentLookup {
  granted(subjectId: string, purpose: string): Promise<boolean>;
  /** For each id, in order (a batch's subjects in one query). */
  grantedEach(subjectIds: readonly string[], purpose: string): Promise<boolean[]>;
}

/** The subject index's tombstones as POST /v1/protect reads them: for each id, whether its erasure is recorded in `scope` (`<contract id>/<dataset>`) or every scope. */
export type TombstoneLookup = (scope: string, subjectIds: readonly string[]) => Promise<boolean[]>;
/** Response headers: the request id on every answer, Retry-After on a rate-limited one (components.headers). */
export const REQUEST_ID_HEADER = 'x-request-id';
export const RETRY_AFTER_HEADER = 'retry-after';

/** What a route handler can use. */
export interface ServerDeps {
  readonly keyring: Keyring;
  readonly audit: AuditSink;
  /** The token vault; absent when the server runs without one (tokenize routes then answer 503). */
  readonly vault?: TokenVault;
  readonly recognizers: readonly Recognizer[];
  /** The folder `POST /v1/protect` reads named contracts from; absent: protect answers 503. */
  readonly contractsDir?: string;
  /** Resource attributes from the contracts (classification, allowed purposes); absent: none. */
  readonly catalog?: ResourceCatalog;
  /** The consent registry, for columns whose contract requires consent (fail closed without it). */
  readonly consent?: ConsentLookup;
  /** Tombstones of erased subjects, for POST /v1/protect on a dataset with a subject column (absent: such a request is 503 ERR_WORKSPACE_MISSING). */
  readonly tombstones?: TombstoneLookup;
  /** The workspace's tamper-evident audit log and its checkpoint verifier; absent: /v1/audit answers 503. */
  readonly auditLog?: { readonly log: MerkleAuditLog; verifier(): Promise<NoteVerifier> };
  /**
   * Makes the audit events emitted so far durable (the PostgreSQL audit log queues them). When set,
   * no answer of a route that needs a decision leaves before it resolves; when it rejects, the
   * answer is 503 ERR_AUDIT_UNAVAILABLE instead (fail closed).
   */
  readonly flushAudit?: () => Promise<void>;
  /** Reads the store itself (not a cache) for readiness; throws when it cannot be reached. */
  readonly probeStore?: () => Promise<void>;
  /** The lineage store, opened once by whoever builds the server (who also closes it); absent: /v1/lineage answers 503. */
  readonly lineage?: LineageStore;
  /** The datasets POST /v1/dp/query answers over, by name (config dp.datasets, checked at start); absent: every name is 404. */
  readonly dpDatasets?: ReadonlyMap<string, DpDatasetSource>;
  /** Opens the privacy budget ledger (closed after each use); absent: /v1/dp/query answers 503. */
  readonly openPrivacyLedger?: () => Promise<BudgetLedgerStore>;
  /** The OpenAI-compatible proxy's upstream, conversation vault and settings; absent: /v1/chat/completions and /v1/embeddings answer 502. */
  readonly guard?: GuardProxyDeps;
  /** Erasures and their approvals (POST /v1/erase, docs/erasure.md#the-api); absent: those routes answer 503. */
  readonly erasure?: ErasureJobs;
}

export interface RouteContext {
  readonly deps: ServerDeps;
  readonly metrics: Metrics;
  /** Absent on public routes. */
  readonly caller: Authenticated | undefined;
  readonly purpose: string | undefined;
  /** The request's id (X-Request-Id), for the events a handler emits. */
  readonly requestId: string;
  /** What the route's `context` added to its decision (POST /v1/erase: the approvals the policy saw, which the handler uses up). */
  readonly decidedOn: Pick<AuthzContext, 'approvedBy'>;
  /** One request header (lower-case name); a repeated header is absent. */
  header(name: string): string | undefined;
  /**
   * A second decision a handler needs (the proxy's `guard:restore`): the same caller and context as
   * the route's, audited as its own `authz.decision` event. Throws ERR_AUDIT_UNAVAILABLE when the
   * event cannot be written; an authorizer that throws is a deny.
   */
  authorize(action: Action, resource: AuthzResource): Promise<AuthzDecision>;
}

/** A handler's answer sent as a stream (server-sent events) instead of a JSON body. */
export class StreamedAnswer {
  constructor(readonly contentType: string, readonly body: Readable) {}
}

export interface RouteInput {
  readonly body: unknown;
  readonly params: Readonly<Record<string, string>>;
  /** The validated query string (strings only: nothing is coerced). */
  readonly query: Readonly<Record<string, string>>;
}

export interface RouteSpec {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly summary: string;
  readonly tags: readonly string[];
  /** The action the policy engine is asked about; absent for public routes (health, metrics). */
  readonly action?: Action;
  /**
   * The resource the action is on, from the validated request (and, for keys, the key store's
   * record of the key's tenant). Required when `action` is set.
   */
  readonly resource?: (input: RouteInput, deps: ServerDeps, caller: AuthzPrincipal) => AuthzResource | Promise<AuthzResource>;
  /**
   * Decision context the route adds from Cordon's own records (never from the caller's say-so):
   * POST /v1/erase's `approvedBy`. Read after the resource, before the decision.
   */
  readonly context?: (input: RouteInput, deps: ServerDeps, resource: AuthzResource) => Promise<Pick<AuthzContext, 'approvedBy'>>;
  /**
   * True when the handler keeps only the records whose data subject's grant of the request's purpose
   * the consent registry holds (POST /v1/protect on a dataset whose contract requires consent): the
   * PEP then needs a purpose and a registry, and the caller's X-Cordon-Consent is not believed.
   */
  readonly consentPerRecord?: (input: RouteInput, deps: ServerDeps) => boolean;
  readonly body?: TSchema;
  readonly params?: TSchema;
  /** The query string: an object schema of string properties. */
  readonly query?: TSchema;
  /** Error statuses beyond the common ones, documented in OpenAPI: status → description. */
  readonly errors?: Readonly<Record<string, string>>;
  /** The success response (200). */
  readonly response: TSchema;
  /** Content type of the success response (default application/json). */
  readonly produces?: string;
  /** Request headers the handler reads (ctx.header) beyond Purpose and Consent. */
  readonly headers?: readonly RouteHeader[];
  /** The shape of the route's error bodies: Cordon's {code, message} (default) or OpenAI's {error: {…}}. */
  readonly errorShape?: ErrorShape;
  readonly handler: (input: RouteInput, ctx: RouteContext) => Promise<unknown>;
}
