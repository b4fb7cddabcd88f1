// POST /v1/embeddings: an OpenAI-compatible embeddings endpoint in front of the configured upstream.
// Each input is sanitised, scanned for injection as retrieved data (recorded, never blocked: what
// is embedded is a document, and retrieval scans chunks again before they reach a prompt) and
// redacted with placeholders held for this request only — an embedding is never restored, so no
// value is stored anywhere. One `guard.embed` audit event per call: counts and entity kinds only.
import { Type, type Static } from '@sinclair/typebox';
import { CordonError, isCordonError } from '../../errors.js';
import { redactText } from '../../guard/redact/redact.js';
import { sanitise } from '../../guard/sanitise/sanitise.js';
import { requestPlacer, scanTexts } from '../guard-proxy.js';
import { entityCounts, recordHandlerEvent } from '../handler-audit.js';
import { Purpose, type RouteSpec } from '../route.js';
import { postUpstream, readUpstreamJson } from '../upstream.js';
import { proxyDeps } from './chat.js';

/** Most inputs in one request (OpenAI's limit). */
export const MAX_EMBED_INPUTS = 2048;

const Input = Type.String({ minLength: 1, maxLength: 100_000 });

const EmbeddingsBody = Type.Object({
  model: Type.String({ minLength: 1, maxLength: 256 }),
  input: Type.Union([Input, Type.Array(Input, { minItems: 1, maxItems: MAX_EMBED_INPUTS })], { description: 'text to embed (token arrays are not accepted: the guard reads text)' }),
  encoding_format: Type.Optional(Type.Union([Type.Literal('float'), Type.Literal('base64')])),
  dimensions: Type.Optional(Type.Integer({ minimum: 1, maximum: 65_536 })),
  user: Type.Optional(Type.String({ maxLength: 256 })),
  purpose: Type.Optional(Purpose),
}, { additionalProperties: false });

const EmbeddingsAnswer = Type.Object({
  object: Type.String(),
  data: Type.Array(Type.Object({}, { additionalProperties: true })),
}, { additionalProperties: true, description: 'the upstream\'s embeddings list, as it answered' });

export const embeddingsRoutes: readonly RouteSpec[] = [
  {
    method: 'POST', url: '/v1/embeddings', tags: ['guard'],
    summary: 'OpenAI-compatible embeddings through the LLM guard: inputs sanitised and redacted before the upstream sees them (docs/guard.md#proxy)',
    action: 'guard:embed',
    resource: () => ({ type: 'service', id: 'embeddings', attributes: {} }),
    body: EmbeddingsBody,
    response: EmbeddingsAnswer,
    errors: { 502: 'ERR_UPSTREAM_FAILED: the upstream model could not be reached or answered with an error' },
    errorShape: 'openai',
    async handler({ body }, ctx) {
      const guard = proxyDeps(ctx);
      const b = body as Static<typeof EmbeddingsBody>;
      const inputs = typeof b.input === 'string' ? [b.input] : b.input;
      let removed = 0;
      const clean = inputs.map((t) => {
        const s = sanitise(t);
        removed += s.removed.length;
        return s.text;
      });
      const verdict = await scanTexts(inputs.map((text) => ({ text, source: 'retrieved' as const })), guard.injection.threshold);
      const placer = requestPlacer();
      const entities: string[] = [];
      let escaped = 0;
      const redacted: string[] = [];
      for (const t of clean) {
        const r = await redactText(t, placer, guard.redact);
        escaped += r.escaped;
        for (const p of r.placeholders) entities.push(p.entity);
        redacted.push(r.text);
      }
      const { purpose: _purpose, ...rest } = b;
      const attributes = {
        model: b.model, inputs: inputs.length, sanitised: removed, entities: entityCounts(entities), escaped,
        input_flagged: verdict.flagged, input_score: verdict.score, input_rules: verdict.rules.join(','),
      };
      let json: unknown;
      try {
        json = await readUpstreamJson(await postUpstream(guard.upstream, '/embeddings', { ...rest, input: typeof b.input === 'string' ? redacted[0] : redacted }));
        const data = (json as { data?: unknown } | null)?.data;
        if (!Array.isArray(data) || data.length !== inputs.length) throw new CordonError('ERR_UPSTREAM_FAILED', 'the upstream model answered with an embeddings list of the wrong shape');
      } catch (e) {
        recordHandlerEvent(ctx, { type: 'guard.embed', outcome: 'failure', reason: isCordonError(e) ? e.code : 'ERR_INTERNAL', attributes });
        throw e;
      }
      recordHandlerEvent(ctx, { type: 'guard.embed', outcome: 'success', attributes });
      return json;
    },
  },
];
