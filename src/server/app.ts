// Builds the Cordon API server: fastify with, in order, a random request id (never the client's),
// the client address's failed-credential limit (consulted before any credential is looked at),
// authentication (onRequest, before the body is read), the per-principal rate limit, schema
// validation, ONE authorization hook (preHandler) in front of every /v1 route that declares an
// action, the handler (bounded by limits.handlerTimeoutMs), the audit barrier (onSend: exactly one
// authz.decision event per such request, made durable before any answer leaves), and metrics
// (onResponse). Requests refused by a rate limit are audited as one summary per address or
// principal per interval (refusal-tally.ts), not one event each. Routes are data (routes/*.ts); this file only wires them. TLS 1.3 only when TLS is
// configured; tests pass no TLS and drive the app with inject().
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Server as HttpsServer } from 'node:https';
import { auditEvent } from '../audit/make-event.js';
import { authFailureReason } from '../auth/principal.js';
import { randomId } from '../crypto/random.js';
import { CordonError, isCordonError } from '../errors.js';
import { authenticate, type Authenticators } from './authenticate.js';
import { withBodyDeadline } from './body-deadline.js';
import { answerClientError } from './client-error.js';
import { decide, DENY_ALL, type Authorizer, type AuthzContext } from './authorize.js';
import { HttpError, sendError, shapeErrorBody, toHttpError } from './errors.js';
import { Metrics } from './metrics.js';
import type { Authenticated } from './principal.js';
import { registerRateLimits, type RateLimiter, type RateLimitStore } from './rate-limit.js';
import { RefusalTally } from './refusal-tally.js';
import { loggablePath, urlHoldsCredential } from './url-credentials.js';
import { CONSENT_HEADER, SUBJECT_HEADER, ErrorBody, OpenAiErrorBody, PURPOSE_HEADER, PURPOSE_PATTERN, REQUEST_ID_HEADER, RETRY_AFTER_HEADER, StreamedAnswer, type RouteContext, type RouteSpec, type ServerDeps } from './route.js';
import { ROUTES } from './routes/index.js';
import { honourPauseOnTls } from './tls-pause.js';
import { checkRequestWellFormed } from './well-formed.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's spec, for the hooks (set on every route this file registers). */
    spec?: RouteSpec;
  }
}

export type MtlsMode = 'off' | 'optional' | 'required';

export interface TlsOptions {
  readonly cert: string | Buffer;
  readonly key: string | Buffer;
  /** CA bundle that client certificates must chain to (required for mtls optional/required). */
  readonly ca?: string | Buffer;
  readonly mtls: MtlsMode;
}

export interface Limits {
  /** Largest request body in bytes (413 above it). */
  readonly bodyBytes: number;
  /** Requests per second per principal, sustained, and the burst allowed. */
  readonly ratePerSecond: number;
  readonly burst: number;
  /**
   * Failed credentials per second per client address, sustained, and the burst allowed. Past them
   * the address gets 429 for every /v1 route that needs a credential, which is not even checked.
   */
  readonly authFailuresPerSecond: number;
  readonly authFailureBurst: number;
  /** Milliseconds to receive a whole request. */
  readonly requestTimeoutMs: number;
  /** Milliseconds a route handler may take before the request is answered 503 ERR_TIMEOUT. */
  readonly handlerTimeoutMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  bodyBytes: 1024 * 1024, ratePerSecond: 1000, burst: 2000, authFailuresPerSecond: 1, authFailureBurst: 20, requestTimeoutMs: 30_000, handlerTimeoutMs: 30_000,
};

export interface ServerOptions {
  readonly tls?: TlsOptions;
  readonly limits?: Partial<Limits>;
  readonly authenticators?: Authenticators;
  /** The policy engine; default: deny every /v1 request that needs a decision. */
  readonly authorizer?: Authorizer;
  /**
   * Where the rate limits count (default: in memory, per instance). Redis makes the limits shared
   * by every instance using the same Redis (docs/server.md, "Limits").
   */
  readonly rateLimitStore?: RateLimitStore;
  /** Routes beyond the standard ones (the benchmark's no-op). */
  readonly extraRoutes?: readonly RouteSpec[];
  /**
   * The request log (default off): `true` or a level, and where lines go (default stdout). Lines
   * hold method, path (never the query string) and status only.
   */
  readonly logger?: boolean | { level: string; stream?: { write(line: string): void } };
}

interface RequestState {
  caller: Authenticated | undefined;
  purpose: string | undefined;
  /** True once this request's authz.decision event was emitted: at most one per request. */
  audited: boolean;
  /** The code of the error the request was refused with, for the audit event of a refusal. */
  refusal: string | undefined;
  /** Refused by a rate limit (counted in the refusal tally) or during shutdown: no event and no audit flush of its own. */
  skipAudit: boolean;
  /** When the request reached fastify (ms): its body must be in by this + limits.requestTimeoutMs. */
  started: number;
  /** The decision context the route's decision used, for a handler's further decisions. */
  context?: AuthzContext;
  /** What the route's own `context` added to that decision. */
  decidedOn?: Pick<AuthzContext, 'approvedBy'>;
}

const PURPOSE_RE = new RegExp(PURPOSE_PATTERN);

/** The one refusal of a credential in the URL (fixed message: the URL is never quoted). */
const credentialInUrl = () => new CordonError('ERR_INPUT_INVALID', 'credentials are not accepted in the URL; send them in the Authorization or X-API-Key header');

/**
 * fastify's logger option: off, or pino at a level with a request serializer that keeps the method
 * and the path only (the default one logs the URL with its query string, host and client port).
 */
function loggerOptions(logger: ServerOptions['logger']) {
  if (logger === undefined || logger === false) return false;
  const { level, stream } = logger === true ? { level: 'info', stream: undefined } : logger;
  return {
    level,
    ...(stream !== undefined ? { stream } : {}),
    serializers: { req: (req: { method?: string; url?: string }) => ({ method: req.method, url: loggablePath(req.url ?? '') }) },
  };
}


/** The one answer when the audit log cannot make a request's events durable (fail closed). */
const AUDIT_UNAVAILABLE = { code: 'ERR_AUDIT_UNAVAILABLE', message: 'the audit log is unavailable; the request was not completed' };
const AUDIT_UNAVAILABLE_BODY = { cordon: JSON.stringify(AUDIT_UNAVAILABLE), openai: JSON.stringify(shapeErrorBody(503, AUDIT_UNAVAILABLE, 'openai')) };

/**
 * `X-Cordon-Consent: granted | denied` → true | false; absent → undefined; anything else is 400. The
 * caller attests its legal basis; the value is recorded in the decision's audit event.
 */
function consentOf(header: string | string[] | undefined): boolean | undefined {
  if (header === undefined) return undefined;
  if (header === 'granted') return true;
  if (header === 'denied') return false;
  throw new CordonError('ERR_INPUT_INVALID', 'X-Cordon-Consent must be "granted" or "denied"');
}

/** `work`, or a 503 ERR_TIMEOUT after `ms`. The work is not cancelled: its late result is dropped. */
async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new HttpError('ERR_TIMEOUT', 'the request took too long; retry later')), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The spec of the route a request matched, if any. */
const specOf = (request: FastifyRequest): RouteSpec | undefined => request.routeOptions.config?.spec;

export interface CordonServer {
  readonly app: FastifyInstance;
  readonly metrics: Metrics;
}

/** The configured server, not yet listening: `app.listen()` or `app.inject()`. */
export function buildServer(deps: ServerDeps, options: ServerOptions = {}): CordonServer {
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const authenticators = options.authenticators ?? {};
  const authorizer = options.authorizer ?? DENY_ALL;
  const metrics = new Metrics();
  const state = new WeakMap<FastifyRequest, RequestState>();
  const tls = options.tls;
  if (tls !== undefined && tls.mtls !== 'off' && tls.ca === undefined) throw new TypeError('mutual TLS needs a CA bundle');

  const app = Fastify({
    logger: loggerOptions(options.logger),
    // Every request gets a random id; a client-sent request-id header is never trusted or reused.
    genReqId: () => randomId(),
    requestIdHeader: false,
    // A malformed or over-long URL is answered before routing; fastify's own answer would quote it.
    frameworkErrors: (e, request, reply) => {
      void reply.header(REQUEST_ID_HEADER, request.id);
      sendError(e, request, reply);
    },
    bodyLimit: limits.bodyBytes,
    requestTimeout: limits.requestTimeoutMs,
    connectionTimeout: limits.requestTimeoutMs,
    // Node's refusals (timeouts, oversized or unparsable requests) in Cordon's error shape.
    clientErrorHandler: answerClientError,
    // fastify's own 503 while closing has its own body shape: the onRequest hook answers instead.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    // Reject what does not match rather than silently strip or coerce it.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: false } },
    ...(tls === undefined ? {} : {
      https: {
        cert: tls.cert, key: tls.key, ...(tls.ca !== undefined ? { ca: tls.ca } : {}),
        minVersion: 'TLSv1.3' as const,
        requestCert: tls.mtls !== 'off',
        rejectUnauthorized: tls.mtls === 'required',
      },
    }),
  }) as unknown as FastifyInstance;
  // Node checks header and request deadlines every connectionsCheckingInterval (default 30 s, so a
  // 5 s limit held slow headers ~32 s): check often enough that a limit means what it says.
  const server = app.server as typeof app.server & { headersTimeout: number; connectionsCheckingInterval: number };
  server.headersTimeout = limits.requestTimeoutMs;
  server.connectionsCheckingInterval = Math.min(1000, Math.max(100, Math.floor(limits.requestTimeoutMs / 10)));
  // A request over one TLS record arriving while the last answer is held back must wait, not reset
  // the connection (issue 15; tls-pause.ts).
  if (tls !== undefined) honourPauseOnTls(app.server as HttpsServer);
  const limiterFor = registerRateLimits(app, options.rateLimitStore);
  const limiter: RateLimiter = limiterFor({ rate: limits.ratePerSecond, burst: limits.burst });
  const failures: RateLimiter = limiterFor({ rate: limits.authFailuresPerSecond, burst: limits.authFailureBurst });
  let closing = false;
  app.addHook('preClose', async () => { closing = true; });

  /** Emits an audit event; a sink that refuses it stops the request (no action without its record). */
  const emitOrFail = (event: Parameters<typeof deps.audit.emit>[0]): void => {
    try {
      deps.audit.emit(event);
    } catch {
      throw new CordonError('ERR_AUDIT_UNAVAILABLE', 'the audit log is unavailable; the request was not completed');
    }
  };

  app.setErrorHandler((e, request, reply) => {
    const s = state.get(request);
    if (s !== undefined) s.refusal = toHttpError(e).body.code;
    sendError(e, request, reply, specOf(request)?.errorShape);
  });
  app.setNotFoundHandler((request, reply) => sendError(new HttpError('ERR_NOT_FOUND', 'no such route'), request, reply));

  // Refusals by a rate limit: one summary event per address or principal per interval, with the count.
  const tally = new RefusalTally({
    emit: (r) => deps.audit.emit(auditEvent({
      type: 'authz.decision', outcome: 'failure', principal: r.principal, reason: 'ERR_RATE_LIMITED',
      attributes: { decision: 'deny', stage: 'rate-limited', count: r.count, actions: r.actions, source: r.source, first: r.first, last: r.last },
    })),
    ...(deps.flushAudit !== undefined ? { afterEmit: deps.flushAudit } : {}),
    onError: () => app.log.error({ code: 'ERR_AUDIT_UNAVAILABLE' }, 'rate-limit summary could not be audited'),
  });
  app.addHook('onClose', async () => tally.close());

  /** Refuses a request over a rate limit: counted under `key`, answered 429, no event of its own. */
  const overLimit = (s: RequestState, key: string, who: { principal: string; source: string }, action: string, retryAfter: number): HttpError => {
    s.audited = true;
    s.skipAudit = true;
    tally.count(key, who, action);
    metrics.decisions.inc({ action, decision: 'rate-limited' });
    return new HttpError('ERR_RATE_LIMITED', 'too many requests', { [RETRY_AFTER_HEADER]: String(retryAfter) });
  };

  // The address's failed-credential limit, authentication and the principal's rate limit, before the
  // body is read. Public routes (no action) skip all three.
  app.addHook('onRequest', async (request) => {
    const spec = specOf(request);
    const s: RequestState = { caller: undefined, purpose: undefined, audited: false, refusal: undefined, skipAudit: false, started: Date.now() };
    state.set(request, s);
    if (closing) {
      s.audited = true;
      s.skipAudit = true;
      throw new HttpError('ERR_SHUTTING_DOWN', 'the server is shutting down; retry', { connection: 'close' });
    }
    if (spec?.action === undefined) {
      if (urlHoldsCredential(request.url)) throw credentialInUrl();
      return;
    }
    // An address over its failed-credential limit is refused before any credential (certificate,
    // JWT, API key) is looked at: a right guess made during the limit gets the same 429 as a wrong one.
    const addr = `addr:${request.ip}`;
    const gate = await failures.peek(request, addr);
    if (!gate.allowed) throw overLimit(s, addr, { principal: 'unauthenticated', source: request.ip }, spec.action, gate.retryAfter);
    try {
      // A credential in the URL is refused, and counts as a failed credential of the address.
      if (urlHoldsCredential(request.url)) throw credentialInUrl();
      s.caller = await authenticate(request, authenticators);
    } catch (e) {
      // Every failed credential counts against the client address; within its budget each is
      // audited on its own, past it (requests that passed the gate together) it joins the tally.
      const r = await failures.take(request, addr);
      if (!r.allowed) throw overLimit(s, addr, { principal: 'unauthenticated', source: request.ip }, spec.action, r.retryAfter);
      s.audited = true;
      emitOrFail(auditEvent({
        type: 'authz.decision', outcome: 'failure', principal: 'unauthenticated', reason: isCordonError(e) ? e.code : 'ERR_UNAUTHENTICATED',
        attributes: {
          action: spec.action, decision: 'deny',
          authn_failure: isCordonError(e, 'ERR_UNAUTHENTICATED') ? authFailureReason(e) ?? 'missing' : isCordonError(e, 'ERR_INPUT_INVALID') ? 'credential_in_url' : 'unavailable',
          source: request.ip, request_id: request.id,
        },
      }));
      metrics.decisions.inc({ action: spec.action, decision: 'unauthenticated' });
      throw e;
    }
    const id = s.caller.principal.id;
    const r = await limiter.take(request, `principal:${id}`);
    if (!r.allowed) throw overLimit(s, `principal:${id}`, { principal: id, source: request.ip }, spec.action, r.retryAfter);
  });

  // The body must be in within limits.requestTimeoutMs of the request's arrival: else 408 and the
  // connection is closed (the rest of a trickled body is never read).
  app.addHook('preParsing', async (request, reply, payload) => {
    const started = state.get(request)?.started ?? Date.now();
    const body = withBodyDeadline(payload, started + limits.requestTimeoutMs - Date.now(),
      () => new HttpError('ERR_REQUEST_TIMEOUT', 'the request body was not received in time', { connection: 'close' }));
    // Once the answer is out (possibly before the body was read: 413, 415), the deadline is moot.
    reply.raw.once('close', () => body.destroy());
    return body;
  });

  // The one authorization hook: after validation, so the resource comes from a checked body.
  app.addHook('preHandler', async (request) => {
    const spec = specOf(request);
    const s = state.get(request);
    if (spec?.action === undefined) return;
    // Fail closed: an action route never reaches its handler without a caller and a decision.
    if (s?.caller === undefined || spec.resource === undefined) throw new CordonError('ERR_INTERNAL', 'route reached without authentication');
    checkRequestWellFormed(request);
    const header = request.headers[PURPOSE_HEADER];
    const fromBody = (request.body as { purpose?: unknown } | undefined)?.purpose;
    if (header !== undefined && (typeof header !== 'string' || !PURPOSE_RE.test(header))) {
      throw new CordonError('ERR_INPUT_INVALID', 'X-Cordon-Purpose must be 1-64 letters, digits, ".", "_", ":" or "-"');
    }
    if (typeof header === 'string' && typeof fromBody === 'string' && header !== fromBody) {
      throw new CordonError('ERR_INPUT_INVALID', 'X-Cordon-Purpose and the body\'s purpose differ');
    }
    s.purpose = typeof header === 'string' ? header : typeof fromBody === 'string' ? fromBody : undefined;
    let consent = consentOf(request.headers[CONSENT_HEADER]);
    const input = { body: request.body, params: request.params as Record<string, string>, query: (request.query ?? {}) as Record<string, string> };
    const resource = await spec.resource(input, deps, s.caller.principal);
    // docs/consent.md: where the column's contract requires consent, the registry says, not the
    // caller; without a subject, a purpose or a grant the request is refused before the policy
    // (the refusal's audit event is written by the barrier below). Fails closed.
    if (resource.type === 'column' && deps.catalog?.consentRequired(resource.id) === true) {
      const subject = request.headers[SUBJECT_HEADER];
      if (typeof subject !== 'string' || subject === '' || subject.length > 256) throw new CordonError('ERR_CONSENT_MISSING', 'this column\'s contract requires the data subject\'s consent: name the subject in X-Cordon-Subject');
      if (s.purpose === undefined) throw new CordonError('ERR_CONSENT_MISSING', 'this column\'s contract requires the data subject\'s consent: name the purpose (X-Cordon-Purpose)');
      if (deps.consent === undefined) throw new CordonError('ERR_CONSENT_MISSING', 'this column\'s contract requires consent and the server has no consent registry');
      consent = await deps.consent.granted(subject, s.purpose);
      if (!consent) throw new CordonError('ERR_CONSENT_MISSING', 'the data subject has not granted this purpose (never granted, or withdrawn)');
      // An erased subject (a tombstone in the column's scope or *) is refused whatever grant still stands (fail closed without the index).
      const scopes = deps.catalog.subjectScopes(resource.id);
      if (scopes.length > 0) {
        if (deps.tombstones === undefined) throw new CordonError('ERR_WORKSPACE_MISSING', 'this server has no subject index: a request naming a data subject cannot be checked against erasures');
        for (const scope of scopes) if ((await deps.tombstones(scope, [subject]))[0] === true) throw new CordonError('ERR_SUBJECT_ERASED', 'the data subject was erased');
      }
    } else if (spec.consentPerRecord?.(input, deps) === true) {
      // The handler drops every record whose subject holds no grant of the purpose in the registry, so
      // what the policy permits reaches only consented rows: context.consent is true whatever the
      // caller's header said (a header claiming consent the registry lacks admits no row).
      if (s.purpose === undefined) throw new CordonError('ERR_CONSENT_MISSING', 'this dataset\'s contract requires the data subjects\' consent: name the purpose (X-Cordon-Purpose or the body\'s purpose)');
      if (deps.consent === undefined) throw new CordonError('ERR_CONSENT_MISSING', 'this dataset\'s contract requires consent and the server has no consent registry');
      consent = true;
    }
    s.audited = true;
    let decision;
    // What the route adds from Cordon's own records (POST /v1/erase: approvedBy); nothing below can be overridden by it.
    s.decidedOn = spec.context !== undefined ? await spec.context(input, deps, resource) : {};
    s.context = {
      ...s.decidedOn,
      ...(s.purpose !== undefined ? { purpose: s.purpose } : {}),
      ...(consent !== undefined ? { consent } : {}),
      // Only the verified credential says whether a second factor was used (RFC 8176 amr).
      mfa: s.caller.principal.mfa === true,
      time: new Date().toISOString(),
      source: request.ip,
    };
    try {
      decision = await decide(authorizer, { principal: s.caller.principal, action: spec.action, resource, context: s.context }, deps.audit, { requestId: request.id });
    } catch {
      // decide() only throws when the audit sink refuses the event: no decision without its record.
      throw new CordonError('ERR_AUDIT_UNAVAILABLE', 'the audit log is unavailable; the request was not completed');
    }
    metrics.decisions.inc({ action: spec.action, decision: decision.allowed ? 'allow' : 'deny' });
    if (!decision.allowed) throw new CordonError('ERR_POLICY_DENIED', 'the policy does not allow this request');
  });

  // The audit barrier, on every answer (success or error) of a route that needs a decision: a request
  // refused before its decision (rate limit, body, schema, headers) gets its one authz.decision event
  // here, then the audit log is flushed; if it cannot be, the answer is replaced by 503 so nothing
  // leaves (a detokenized value least of all) whose access was not recorded.
  app.addHook('onSend', async (request, reply, payload) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    const spec = specOf(request);
    if (spec?.action === undefined) return payload;
    const s = state.get(request);
    // A rate-limited refusal releases nothing and was counted in the tally: no event, no flush to wait for.
    if (s?.skipAudit === true) return payload;
    try {
      if (s !== undefined && !s.audited) {
        s.audited = true;
        deps.audit.emit(auditEvent({
          type: 'authz.decision', outcome: 'failure', principal: s.caller?.principal.id ?? 'unauthenticated', reason: s.refusal ?? 'ERR_INTERNAL',
          attributes: { action: spec.action, decision: 'deny', stage: 'before-decision', source: request.ip, request_id: request.id },
        }));
        metrics.decisions.inc({ action: spec.action, decision: 'refused' });
      }
      if (deps.flushAudit !== undefined) await deps.flushAudit();
      return payload;
    } catch {
      request.log.error({ code: 'ERR_AUDIT_UNAVAILABLE' }, 'audit flush failed; answer withheld');
      void reply.code(503).removeHeader(RETRY_AFTER_HEADER).type('application/json; charset=utf-8');
      return AUDIT_UNAVAILABLE_BODY[spec.errorShape ?? 'cordon'];
    }
  });

  app.addHook('onResponse', async (request, reply) => {
    metrics.request(request.routeOptions.url ?? 'unmatched', request.method, reply.statusCode, reply.elapsedTime / 1000);
  });

  for (const spec of [...ROUTES, ...(options.extraRoutes ?? [])]) {
    if (spec.action !== undefined && spec.resource === undefined) throw new TypeError(`${spec.url} declares an action but no resource`);
    const json = spec.produces === undefined;
    const errorBody = spec.errorShape === 'openai' ? OpenAiErrorBody : ErrorBody;
    app.route({
      method: spec.method,
      url: spec.url,
      config: { spec },
      schema: {
        ...(spec.body ? { body: spec.body } : {}),
        ...(spec.params ? { params: spec.params } : {}),
        ...(spec.query ? { querystring: spec.query } : {}),
        response: { ...(json ? { 200: spec.response } : {}), '4xx': errorBody, '5xx': errorBody },
      },
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const s = state.get(request);
        const ctx: RouteContext = {
          // Key events a handler causes name the caller the policy decided for (docs/audit.md).
          deps: s?.caller === undefined ? deps : { ...deps, keyring: deps.keyring.as(s.caller.principal.id) }, metrics, caller: s?.caller, purpose: s?.purpose, requestId: request.id, decidedOn: s?.decidedOn ?? {},
          header: (name) => { const v = request.headers[name]; return typeof v === 'string' ? v : undefined; },
          authorize: async (action, resource) => {
            if (s?.caller === undefined || s.context === undefined) throw new CordonError('ERR_INTERNAL', 'a further decision needs the route\'s own');
            try {
              const d = await decide(authorizer, { principal: s.caller.principal, action, resource, context: { ...s.context, time: new Date().toISOString() } }, deps.audit, { requestId: request.id });
              metrics.decisions.inc({ action, decision: d.allowed ? 'allow' : 'deny' });
              return d;
            } catch {
              throw new CordonError('ERR_AUDIT_UNAVAILABLE', 'the audit log is unavailable; the request was not completed');
            }
          },
        };
        const out = await withTimeout(spec.handler(
          { body: request.body, params: (request.params ?? {}) as Record<string, string>, query: (request.query ?? {}) as Record<string, string> }, ctx,
        ), limits.handlerTimeoutMs);
        if (out instanceof StreamedAnswer) {
          void reply.type(out.contentType).header('cache-control', 'no-store');
          return reply.send(out.body);
        }
        if (!json) void reply.type(spec.produces!);
        return out;
      },
    });
  }
  return { app, metrics };
}
