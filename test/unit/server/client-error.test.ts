// Issue 12, item 8, in-process: the answer to each of Node's client errors is Cordon's
// `{code, message}` (never fastify's `{error, message, statusCode}`), written only when no response
// has begun, and a request body that does not end by its deadline fails with 408 ERR_REQUEST_TIMEOUT.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { answerClientError, clientErrorAnswer } from '../../../src/server/client-error.js';
import { withBodyDeadline } from '../../../src/server/body-deadline.js';
import { HttpError } from '../../../src/server/errors.js';

/** A socket stand-in that records what is written and whether it was destroyed. */
function fakeSocket(inFlight?: { headersSent: boolean }) {
  const written: string[] = [];
  const s = { writable: true, destroyed: false, _httpMessage: inFlight ?? null, write: (t: string) => { written.push(t); return true; }, destroy: () => { s.destroyed = true; } };
  return { s, written };
}
const err = (code: string) => Object.assign(new Error('x'), { code });

describe('server: Node client errors and body deadlines (issue 12 item 8)', () => {
  it('408, 431 and 400 in Cordon\'s shape', () => {
    assert.deepEqual(clientErrorAnswer('ERR_HTTP_REQUEST_TIMEOUT').status, 408);
    assert.equal(clientErrorAnswer('ERR_HTTP_REQUEST_TIMEOUT').body.code, 'ERR_REQUEST_TIMEOUT');
    assert.equal(clientErrorAnswer('HPE_HEADER_OVERFLOW').status, 431);
    for (const c of ['HPE_INVALID_METHOD', 'HPE_INVALID_HEADER_TOKEN', 'HPE_UNEXPECTED_CONTENT_LENGTH', undefined]) {
      const a = clientErrorAnswer(c);
      assert.equal(a.status, 400);
      assert.deepEqual(Object.keys(a.body).sort(), ['code', 'message']);
      assert.equal(a.body.code, 'ERR_INPUT_INVALID');
    }
  });

  it('writes one answer with a request id and closes; nothing into a response that has begun; nothing after a reset', () => {
    const a = fakeSocket();
    answerClientError(err('HPE_HEADER_OVERFLOW'), a.s as never);
    assert.equal(a.written.length, 1);
    const [head, body] = a.written[0]!.split('\r\n\r\n');
    assert.match(head!, /^HTTP\/1\.1 431 /);
    assert.match(head!, /\r\nx-request-id: [0-9a-f-]{36}\r\n/);
    assert.match(head!, /\r\nconnection: close/);
    assert.equal(Number(/content-length: (\d+)/.exec(head!)![1]), Buffer.byteLength(body!));
    assert.deepEqual(Object.keys(JSON.parse(body!)).sort(), ['code', 'message']);
    assert.equal(a.s.destroyed, true);
    const started = fakeSocket({ headersSent: true });
    answerClientError(err('ERR_HTTP_REQUEST_TIMEOUT'), started.s as never);
    assert.deepEqual(started.written, []);
    assert.equal(started.s.destroyed, true);
    const reset = fakeSocket();
    answerClientError(err('ECONNRESET'), reset.s as never);
    assert.deepEqual(reset.written, []);
  });

  it('a body that ends in time passes through; one that does not fails with the caller\'s 408', async () => {
    const late = () => new HttpError('ERR_REQUEST_TIMEOUT', 'late', { connection: 'close' });
    const quick = new PassThrough();
    const out = withBodyDeadline(quick, 10_000, late);
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    quick.end('{"text":"hi"}');
    await new Promise((r) => out.once('end', r));
    assert.equal(Buffer.concat(chunks).toString(), '{"text":"hi"}');
    const slow = new PassThrough();
    slow.write('{"te');
    const cut = withBodyDeadline(slow, 20, late);
    cut.resume();
    const e = await new Promise<unknown>((resolve) => cut.once('error', resolve));
    assert.ok(e instanceof HttpError);
    assert.equal(e.code, 'ERR_REQUEST_TIMEOUT');
    assert.equal(e.statusCode, 408);
    // A deadline already past fails at once.
    const past = withBodyDeadline(new PassThrough(), -5, late);
    past.resume();
    assert.equal(((await new Promise((resolve) => past.once('error', resolve))) as HttpError).code, 'ERR_REQUEST_TIMEOUT');
  });

  it('a deadline that passes after the reader stopped listening raises nothing uncaught', async () => {
    const idle = withBodyDeadline(new PassThrough(), 10, () => new HttpError('ERR_REQUEST_TIMEOUT', 'late'));
    await new Promise((resolve) => idle.once('close', resolve));
    assert.equal(idle.destroyed, true);
  });
});
