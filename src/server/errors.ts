// The server's one table from error to HTTP status, and the error body every failure returns:
// { code, message }. Messages come from CordonError (which never carries sensitive input) or are
// fixed strings; validation failures name the field path, never the value that failed. An unknown
// exception becomes ERR_INTERNAL with a fixed message and goes to the log, not to the caller.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { CordonError, type ErrorCategory } from '../errors.js';

/**
 * Codes the server answers with that the library never throws: a request over its principal's
 * rate, an unknown route, a body over the limit, a handler over its time limit, a request not
 * received in time, a request that arrives while the server shuts down. They appear only on the
 * wire (docs/server.md).
 */
export type ServerOnlyCode = 'ERR_RATE_LIMITED' | 'ERR_NOT_FOUND' | 'ERR_BODY_TOO_LARGE' | 'ERR_TIMEOUT' | 'ERR_REQUEST_TIMEOUT' | 'ERR_SHUTTING_DOWN';

/** Status per category of CordonError (src/errors.ts). */
export const CATEGORY_STATUS: Record<ErrorCategory, number> = {
  usage: 400,
  input: 400,
  denied: 403,
  integrity: 422,
  unavailable: 503,
  internal: 500,
};

/** Codes whose status differs from their category's, and the server-only codes. */
export const CODE_STATUS: Readonly<Record<string, number>> = {
  ERR_UNAUTHENTICATED: 401,
  ERR_POLICY_DENIED: 403,
  ERR_KEY_NOT_FOUND: 404,
  ERR_NOT_FOUND: 404,
  ERR_KEY_EXISTS: 409,
  ERR_AUDIT_CHAIN_BROKEN: 409,
  ERR_REQUEST_TIMEOUT: 408,
  ERR_BODY_TOO_LARGE: 413,
  ERR_RATE_LIMITED: 429,
  ERR_SHUTTING_DOWN: 503,
  ERR_KEYSTORE_BUSY: 503,
  // Fail closed: the response is withheld when its audit events could not be made durable.
  ERR_AUDIT_UNAVAILABLE: 503,
  // A handler over limits.handlerTimeoutMs: the server is overloaded or a dependency hangs (retry later).
  ERR_TIMEOUT: 503,
  // The proxy's upstream model could not be reached or answered with an error (docs/guard.md#proxy).
  ERR_UPSTREAM_FAILED: 502,
};

/** An error the server raises itself (authentication, rate limit, routing). */
export class HttpError extends Error {
  readonly code: ServerOnlyCode;
  readonly status: number;
  /** The same as `status`, under the name Node streams and fastify read from an error. */
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: ServerOnlyCode, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'HttpError';
    this.code = code;
    this.status = CODE_STATUS[code] ?? 500;
    this.statusCode = this.status;
    this.headers = headers;
  }
}

export interface ErrorBody {
  readonly code: string;
  readonly message: string;
}

/**
 * A JSON pointer with every segment that is not a plain name or index replaced by `*`: a segment
 * can be a key the caller chose (a record's column name), which must not be reflected.
 */
function safePath(pointer: string | undefined): string {
  if (pointer === undefined || pointer === '') return '';
  return pointer.split('/').map((seg, i) => (i === 0 || /^[A-Za-z0-9_]{1,64}$/.test(seg) ? seg : '*')).join('/');
}

/**
 * A lost connection to the shared store, as the `pg` driver reports it: a socket error, an
 * admin/crash shutdown (SQLSTATE 57P01–57P03), a connection exception (class 08), or the driver's
 * own messages for a connection that went away. Such a failure is the database's, not the caller's.
 */
export function isStoreConnectionError(e: unknown): boolean {
  if (e === null || typeof e !== 'object') return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && (/^(?:ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EPIPE)$/.test(code) || /^57P0[123]$/.test(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  const message = (e as { message?: unknown }).message;
  return typeof message === 'string' && /^(?:Connection terminated(?: unexpectedly| due to connection timeout)?|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable)$/.test(message);
}

/** Status and body for any thrown value. Pure, so the table is testable without a server. */
export function toHttpError(e: unknown): { status: number; body: ErrorBody; headers: Readonly<Record<string, string>> } {
  if (e instanceof HttpError) return { status: e.status, body: { code: e.code, message: e.message }, headers: e.headers };
  // The driver's message may name the host or user: the caller gets a fixed one.
  if (isStoreConnectionError(e)) return { status: 503, body: { code: 'ERR_STORE_UNAVAILABLE', message: 'the store is unavailable; retry later' }, headers: {} };
  if (e instanceof CordonError) {
    const status = CODE_STATUS[e.code] ?? CATEGORY_STATUS[e.category];
    // An internal error's message may describe internals; the caller gets a fixed one.
    return { status, body: { code: e.code, message: status === 500 ? 'internal error' : e.message }, headers: {} };
  }
  const fe = e as Partial<FastifyError> | null;
  if (fe && typeof fe === 'object') {
    // Fastify's own failures: the message can quote input (a JSON parse error shows the text near
    // the fault), so each gets a fixed message.
    if (fe.validation !== undefined) {
      const where = fe.validation.map((v) => `${fe.validationContext ?? 'body'}${safePath(v.instancePath)}`).slice(0, 3).join(', ');
      return { status: 400, body: { code: 'ERR_INPUT_INVALID', message: `request does not match the schema at ${where}` }, headers: {} };
    }
    switch (fe.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return { status: 413, body: { code: 'ERR_BODY_TOO_LARGE', message: 'request body is larger than the limit' }, headers: {} };
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return { status: 400, body: { code: 'ERR_INPUT_INVALID', message: 'request body is not valid JSON' }, headers: {} };
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return { status: 415, body: { code: 'ERR_INPUT_INVALID', message: 'request body must be application/json' }, headers: {} };
      default:
        break;
    }
    // Any other client error fastify raises (bad headers, unsupported encodings): its status, a fixed message.
    const st = fe.statusCode;
    if (e instanceof SyntaxError || (typeof fe.code === 'string' && fe.code.startsWith('FST_') && typeof st === 'number' && st >= 400 && st < 500)) {
      return { status: typeof st === 'number' && st >= 400 && st < 500 ? st : 400, body: { code: 'ERR_INPUT_INVALID', message: 'malformed request' }, headers: {} };
    }
  }
  return { status: 500, body: { code: 'ERR_INTERNAL', message: 'internal error' }, headers: {} };
}

/**
 * How a route's failures are written: Cordon's `{code, message}`, or, on the OpenAI-compatible proxy
 * routes, OpenAI's `{"error": {message, type, code, param}}` so OpenAI clients parse them (the
 * `openai` npm client raises an APIError whose `.code` is Cordon's stable code).
 */
export type ErrorShape = 'cordon' | 'openai';

export interface OpenAiErrorBody {
  readonly error: { readonly message: string; readonly type: string; readonly code: string; readonly param: null };
}

/** OpenAI's error `type` per status (its clients choose the exception class by status). */
function openAiType(status: number): string {
  switch (status) {
    case 401: return 'authentication_error';
    case 403: return 'permission_error';
    case 404: return 'not_found_error';
    case 409: return 'conflict_error';
    case 429: return 'rate_limit_error';
    default: return status >= 500 ? 'server_error' : 'invalid_request_error';
  }
}

/** A Cordon error body in the shape a route answers with: the same code and message either way. */
export function shapeErrorBody(status: number, body: ErrorBody, shape: ErrorShape = 'cordon'): ErrorBody | OpenAiErrorBody {
  if (shape === 'cordon') return body;
  return { error: { message: body.message, type: openAiType(status), code: body.code, param: null } };
}

/** The fastify error handler: one shape for every failure (per route: Cordon's or OpenAI's). */
export function sendError(e: unknown, request: FastifyRequest, reply: FastifyReply, shape: ErrorShape = 'cordon'): void {
  const { status, body, headers } = toHttpError(e);
  if (status >= 500) request.log.error({ code: body.code, err: e instanceof CordonError ? { code: e.code } : { name: (e as Error)?.name } }, 'request failed');
  void reply.code(status).headers(headers).send(shapeErrorBody(status, body, shape));
}
