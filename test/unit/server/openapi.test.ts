// docs/openapi.json is generated from the route specs; this fails when it is out of date.
// Regenerate: node bin/cordon.js serve --openapi > docs/openapi.json
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { repoPath } from '../../helpers/paths.js';
import { buildOpenApi, openApiText } from '../../../src/server/openapi.js';
import { ROUTES } from '../../../src/server/routes/index.js';

describe('server: OpenAPI document', () => {
  it('docs/openapi.json matches the route schemas (regenerate: node bin/cordon.js serve --openapi > docs/openapi.json)', () => {
    assert.equal(readFileSync(repoPath('docs/openapi.json'), 'utf8'), openApiText());
  });

  it('is OpenAPI 3.1 with every route, request body and error response', () => {
    const doc = buildOpenApi() as { openapi: string; paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown>; 'x-cordon-action'?: string }>> };
    assert.equal(doc.openapi, '3.1.0');
    for (const r of ROUTES) {
      const op = doc.paths[r.url.replace(/:([A-Za-z]+)/g, '{$1}')]?.[r.method.toLowerCase()];
      assert.ok(op, `${r.method} ${r.url} missing`);
      assert.equal(op['x-cordon-action'], r.action);
      assert.equal(op.requestBody !== undefined, r.body !== undefined);
      if (r.action !== undefined) for (const s of ['401', '403', '429']) assert.ok(op.responses[s], `${r.url} lacks ${s}`);
    }
  });

  it('every /v1 route but health declares an action and a resource', () => {
    for (const r of ROUTES) {
      if (r.url === '/v1/healthz' || r.url === '/v1/readyz' || r.url === '/metrics') continue;
      assert.ok(r.action !== undefined && r.resource !== undefined, `${r.url} has no action/resource`);
    }
  });

  it('the OpenAI-compatible routes declare OpenAI\'s error shape, every other route Cordon\'s', () => {
    const doc = buildOpenApi() as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }> }>> };
    const openai = ROUTES.filter((r) => r.errorShape === 'openai').map((r) => r.url).sort();
    assert.deepEqual(openai, ['/v1/chat/completions', '/v1/embeddings']);
    for (const r of ROUTES) {
      const op = doc.paths[r.url.replace(/:([A-Za-z]+)/g, '{$1}')]![r.method.toLowerCase()]!;
      for (const [status, res] of Object.entries(op.responses)) {
        if (status === '200') continue;
        assert.equal(res.content?.['application/json']?.schema.$ref, `#/components/schemas/${r.errorShape === 'openai' ? 'OpenAiErrorBody' : 'ErrorBody'}`, `${r.url} ${status}`);
      }
    }
  });

  it('declares X-Cordon-Conversation on the chat route, with the pattern the proxy enforces', () => {
    const doc = buildOpenApi() as { paths: Record<string, Record<string, { parameters?: Array<{ name?: string; in?: string; schema?: { pattern?: string } }> }>> };
    const p = doc.paths['/v1/chat/completions']!['post']!.parameters?.find((x) => x.name === 'X-Cordon-Conversation');
    assert.equal(p?.in, 'header');
    assert.ok(new RegExp(p!.schema!.pattern!).test('ticket-42') && !new RegExp(p!.schema!.pattern!).test('../other'));
  });
});
