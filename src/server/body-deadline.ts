// A request body must arrive within its deadline (limits.requestTimeoutMs from the moment the
// request reached fastify). Node's own request timeout did not cut a body trickled at 1 byte/s
// (issue 12: held 63 s with requestTimeoutMs 5000), so the body fastify reads is piped through
// a stream that fails with the caller's error at the deadline; fastify answers it like any body
// error, through the server's error handler, in Cordon's `{code, message}` shape.
import { PassThrough, type Readable } from 'node:stream';

/** `payload` as a stream that errors with `late()` if it has not ended `ms` from now. */
export function withBodyDeadline(payload: Readable, ms: number, late: () => Error): Readable {
  const out = new PassThrough();
  // fastify listens for errors only while it reads: one after it stopped (an early 413) must not be uncaught.
  out.on('error', () => {});
  const timer = setTimeout(() => {
    payload.unpipe(out);
    out.destroy(late());
  }, Math.max(0, ms));
  const done = () => clearTimeout(timer);
  payload.once('end', done);
  payload.once('close', done);
  out.once('close', done);
  payload.once('error', (e) => out.destroy(e));
  payload.pipe(out);
  return out;
}
