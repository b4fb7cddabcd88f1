// The proxy routes answer errors in OpenAI's shape (issue 16 item 3): the same status, code and
// message as Cordon's {code, message}, under {error: {message, type, code, param}}, with the type
// OpenAI clients expect for the status. Checked here in-process; the openai client over TLS in
// test/integration/guard-proxy.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CordonError } from '../../../src/errors.js';
import { HttpError, shapeErrorBody, toHttpError } from '../../../src/server/errors.js';

const shaped = (e: unknown) => { const { status, body } = toHttpError(e); return { status, body: shapeErrorBody(status, body, 'openai') }; };

describe('server: OpenAI error shape', () => {
  it('keeps Cordon\'s code and message, and names the type by status', () => {
    const cases: Array<[unknown, number, string, string]> = [
      [new CordonError('ERR_INPUT_INVALID', 'bad'), 400, 'invalid_request_error', 'ERR_INPUT_INVALID'],
      [new CordonError('ERR_INJECTION_BLOCKED', 'refused'), 400, 'invalid_request_error', 'ERR_INJECTION_BLOCKED'],
      [new CordonError('ERR_UNAUTHENTICATED', 'no'), 401, 'authentication_error', 'ERR_UNAUTHENTICATED'],
      [new CordonError('ERR_POLICY_DENIED', 'no'), 403, 'permission_error', 'ERR_POLICY_DENIED'],
      [new HttpError('ERR_RATE_LIMITED', 'too many'), 429, 'rate_limit_error', 'ERR_RATE_LIMITED'],
      [new CordonError('ERR_UPSTREAM_FAILED', 'upstream'), 502, 'server_error', 'ERR_UPSTREAM_FAILED'],
      [new Error('secret detail'), 500, 'server_error', 'ERR_INTERNAL'],
    ];
    for (const [e, status, type, code] of cases) {
      const r = shaped(e);
      assert.equal(r.status, status, code);
      assert.deepEqual(r.body, { error: { message: toHttpError(e).body.message, type, code, param: null } });
    }
    assert.equal(JSON.stringify(shaped(new Error('secret detail'))).includes('secret'), false);
  });

  it('leaves Cordon\'s shape alone by default', () => {
    assert.deepEqual(shapeErrorBody(400, { code: 'ERR_INPUT_INVALID', message: 'bad' }), { code: 'ERR_INPUT_INVALID', message: 'bad' });
  });
});
