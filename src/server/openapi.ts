// The OpenAPI 3.1 document, generated from the same route specs the server registers (route.ts),
// so it cannot drift. docs/openapi.json is this output; `cordon serve --openapi > docs/openapi.json`
// regenerates it and test/unit/server/openapi.test.ts fails when the checked-in copy is stale.
import type { TSchema } from '@sinclair/typebox';
import { CONSENT_HEADER, SUBJECT_HEADER, ErrorBody, OpenAiErrorBody, Purpose, PURPOSE_HEADER, REQUEST_ID_HEADER, RETRY_AFTER_HEADER, type RouteSpec } from './route.js';
import { ROUTES } from './routes/index.js';

export const API_VERSION = '1.0.0';

/** A schema as plain JSON Schema 2020-12: TypeBox's symbol-keyed metadata and $id dropped. */
function plain(schema: TSchema): Record<string, unknown> {
  const { $id: _id, ...rest } = JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;
  return rest;
}

const ERROR_REF = { $ref: '#/components/schemas/ErrorBody' };

/** Header names as HTTP writes them (the server's constants are lower case; headers are case-insensitive). */
const titled = (h: string): string => h.split('-').map((p) => (p === 'id' ? 'Id' : p.charAt(0).toUpperCase() + p.slice(1))).join('-');

/** Headers of every answer, and of a refusal by the rate limit. */
const REQUEST_ID_REF = { $ref: '#/components/headers/RequestId' };
const RETRY_AFTER_REF = { $ref: '#/components/headers/RetryAfter' };
const answerHeaders = (status: string) => ({ [titled(REQUEST_ID_HEADER)]: REQUEST_ID_REF, ...(status === '429' ? { [titled(RETRY_AFTER_HEADER)]: RETRY_AFTER_REF } : {}) });
const OPENAI_ERROR_REF = { $ref: '#/components/schemas/OpenAiErrorBody' };

function operation(spec: RouteSpec): Record<string, unknown> {
  // The OpenAI-compatible routes answer errors in OpenAI's shape, with Cordon's code in error.code.
  const errorSchema = spec.errorShape === 'openai' ? OPENAI_ERROR_REF : ERROR_REF;
  const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: errorSchema } } });
  const pathParams = spec.params ? Object.keys((spec.params as unknown as { properties: Record<string, TSchema> }).properties) : [];
  const query = spec.query as unknown as { properties: Record<string, TSchema>; required?: string[] } | undefined;
  const parameters: Array<Record<string, unknown>> = [
    ...pathParams.map((name) => ({
      name, in: 'path', required: true,
      schema: plain((spec.params as unknown as { properties: Record<string, TSchema> }).properties[name]!),
    })),
    ...Object.entries(query?.properties ?? {}).map(([name, schema]) => {
      const { description, ...rest } = plain(schema);
      return { name, in: 'query', required: query?.required?.includes(name) ?? false, ...(description !== undefined ? { description } : {}), schema: rest };
    }),
    // Every route the policy decides on reads the purpose, consent and subject headers (app.ts).
    ...(spec.action !== undefined ? [{ $ref: '#/components/parameters/Purpose' }, { $ref: '#/components/parameters/Consent' }, { $ref: '#/components/parameters/Subject' }] : []),
    // Headers of the route's own (the proxy's X-Cordon-Conversation).
    ...(spec.headers ?? []).map((h) => ({ name: titled(h.name), in: 'header', required: false, description: h.description, schema: plain(h.schema) })),
  ];
  const responses: Record<string, unknown> = {
    200: { description: 'success', content: { [spec.produces ?? 'application/json']: { schema: plain(spec.response) } } },
  };
  if (spec.body || spec.params || spec.query) responses['400'] = errorResponse('the request does not match the schema (ERR_INPUT_INVALID)');
  if (spec.action !== undefined) {
    responses['401'] = errorResponse('no valid credential (ERR_UNAUTHENTICATED)');
    responses['403'] = errorResponse('the policy denied the request (ERR_POLICY_DENIED)');
    responses['429'] = errorResponse('over the rate limit; see Retry-After (ERR_RATE_LIMITED)');
  }
  for (const [status, description] of Object.entries(spec.errors ?? {})) responses[status] = errorResponse(description);
  if (spec.body) responses['413'] = errorResponse('the body is over the size limit (ERR_BODY_TOO_LARGE)');
  responses['500'] = errorResponse('internal error (ERR_INTERNAL)');
  responses['503'] = errorResponse(spec.action !== undefined
    ? 'a dependency is unavailable; the audit log could not record the request (ERR_AUDIT_UNAVAILABLE); or the handler took longer than limits.handlerTimeoutMs (ERR_TIMEOUT)'
    : 'a dependency is unavailable');
  for (const [status, r] of Object.entries(responses)) (r as { headers?: unknown }).headers = answerHeaders(status);
  return {
    operationId: `${spec.method.toLowerCase()}${spec.url.replace(/\/:([a-z]+)/g, 'By/$1').split(/[/_-]/).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('')}`,
    summary: spec.summary,
    tags: [...spec.tags],
    ...(spec.action !== undefined ? { 'x-cordon-action': spec.action } : { security: [] }),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: plain(spec.body) } } } } : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document for `routes` (default: every route of the API). */
export function buildOpenApi(routes: readonly RouteSpec[] = ROUTES): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of routes) {
    const path = spec.url.replace(/:([A-Za-z]+)/g, '{$1}');
    (paths[path] ??= {})[spec.method.toLowerCase()] = operation(spec);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Cordon API',
      version: API_VERSION,
      description: 'Detect, tokenize and protect sensitive data over HTTPS (TLS 1.3, optional mutual TLS). Every /v1 route that names an x-cordon-action passes one authorization hook; see docs/server.md. Every answer carries an X-Request-Id header (a random UUID; the audit event of the request\'s decision records it as request_id). Optional request headers: X-Cordon-Purpose, X-Cordon-Consent (granted | denied), X-Cordon-Subject (for columns whose contract requires consent).',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: 'https://localhost:8443' }],
    security: [{ mutualTLS: [] }, { bearer: [] }, { apiKey: [] }],
    paths,
    components: {
      schemas: { ErrorBody: plain(ErrorBody), OpenAiErrorBody: plain(OpenAiErrorBody) },
      parameters: {
        Purpose: {
          name: titled(PURPOSE_HEADER), in: 'header', required: false,
          description: 'why the data is used; the policy decides which purposes an action allows. When the body also names a purpose, the two must be equal (else 400).',
          schema: plain(Purpose),
        },
        Consent: {
          name: titled(CONSENT_HEADER), in: 'header', required: false,
          description: 'the caller attests the data subject\'s consent; recorded in the decision\'s audit event and given to the policy as context.consent',
          schema: { type: 'string', enum: ['granted', 'denied'] },
        },
        Subject: {
          name: titled(SUBJECT_HEADER), in: 'header', required: false,
          description: 'the data subject a request on a column whose contract requires consent concerns (docs/consent.md): the consent registry, not X-Cordon-Consent, then decides context.consent; without it such a request is 403 ERR_CONSENT_MISSING. Never logged or audited (the audit event names the subject by a keyed commitment at most).',
          schema: { type: 'string', minLength: 1, maxLength: 256 },
        },
      },
      headers: {
        RequestId: { description: 'a random UUID for this request (a client-sent one is ignored); the audit event of its decision records it as request_id', schema: { type: 'string', format: 'uuid' } },
        RetryAfter: { description: 'whole seconds to wait before retrying (RFC 9110 §10.2.3)', schema: { type: 'integer', minimum: 1 } },
      },
      securitySchemes: {
        mutualTLS: { type: 'mutualTLS', description: 'a client certificate from the configured CA; its SPIFFE URI SAN (or CN) names the principal' },
        bearer: { type: 'http', scheme: 'bearer', description: 'a short-lived EdDSA JWT, or an API key (ck_…)' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      },
    },
  };
}

/** The document as docs/openapi.json holds it. */
export function openApiText(): string {
  return JSON.stringify(buildOpenApi(), null, 2) + '\n';
}
