// The proxy's one outbound call: POST JSON to the configured OpenAI-compatible upstream over TLS
// (https only; the system's CAs or the configured bundle), with its API key as a bearer token. The
// key is read once at start from a secret reference and never logged, echoed or put in an error;
// errors name neither the URL's query nor what the upstream said. The answer's body is a stream
// the caller reads (a JSON document or server-sent events).
import { request as httpsRequest } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { CordonError } from '../errors.js';

export interface Upstream {
  /** The base URL, e.g. https://api.openai.com/v1 (paths `/chat/completions`, `/embeddings` are appended). */
  readonly baseUrl: URL;
  /** The bearer token sent upstream; absent: no Authorization header. */
  readonly apiKey?: string;
  /** CA bundle the upstream's certificate must chain to (default: Node's bundled CAs). */
  readonly ca?: Buffer;
  /** Milliseconds the connection may stay silent, before or during the answer (default 60 000). */
  readonly timeoutMs?: number;
  /**
   * Milliseconds the whole call may take, request to the answer's last byte (default 600 000): an
   * upstream that keeps sending a little at a time, or streams without end, is cut off then.
   */
  readonly maxDurationMs?: number;
}

/** Default bound on one upstream call, headers to last byte (10 minutes). */
export const DEFAULT_UPSTREAM_MAX_DURATION_MS = 600_000;

export interface UpstreamAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: IncomingMessage;
}

/** Most bytes of an upstream JSON answer read into memory (8 MiB). */
export const MAX_UPSTREAM_JSON = 8 * 1024 * 1024;

const failed = (why: string) => new CordonError('ERR_UPSTREAM_FAILED', `the upstream model ${why}`);

/** Checks a configured base URL: https, no credentials, no query or fragment. */
export function parseUpstreamUrl(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new CordonError('ERR_CONFIG_INVALID', 'server config: /guard/upstream/url is not a URL');
  }
  if (u.protocol !== 'https:') throw new CordonError('ERR_CONFIG_INVALID', 'server config: /guard/upstream/url must be https:// (prompts go to the upstream over TLS only)');
  if (u.username !== '' || u.password !== '') throw new CordonError('ERR_CONFIG_INVALID', 'server config: /guard/upstream/url must not hold credentials; use /guard/upstream/apiKey');
  if (u.search !== '' || u.hash !== '') throw new CordonError('ERR_CONFIG_INVALID', 'server config: /guard/upstream/url must have no query or fragment');
  return u;
}

/**
 * POSTs `body` as JSON to `<baseUrl><path>`; resolves once the answer's headers are in. The answer's
 * body fails with ERR_UPSTREAM_FAILED when the call passes `maxDurationMs` in all.
 */
export function postUpstream(upstream: Upstream, path: '/chat/completions' | '/embeddings', body: unknown): Promise<UpstreamAnswer> {
  const text = JSON.stringify(body);
  const base = upstream.baseUrl;
  return new Promise((resolve, reject) => {
    let answer: IncomingMessage | undefined;
    const req = httpsRequest({
      protocol: 'https:', hostname: base.hostname.replace(/^\[|\]$/g, ''), port: base.port === '' ? 443 : Number(base.port),
      path: `${base.pathname.replace(/\/$/, '')}${path}`, method: 'POST', agent: false, minVersion: 'TLSv1.2',
      ...(upstream.ca !== undefined ? { ca: upstream.ca } : {}),
      headers: {
        'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), accept: 'application/json, text/event-stream',
        ...(upstream.apiKey !== undefined ? { authorization: `Bearer ${upstream.apiKey}` } : {}),
      },
      timeout: upstream.timeoutMs ?? 60_000,
    }, (res) => {
      answer = res;
      res.once('close', () => clearTimeout(deadline));
      resolve({ status: res.statusCode ?? 502, contentType: String(res.headers['content-type'] ?? ''), body: res });
    });
    // The socket timeout above only measures silence; this bounds the whole call.
    const deadline = setTimeout(() => {
      const e = failed('did not finish in time');
      if (answer !== undefined) answer.destroy(e);
      req.destroy(e);
    }, upstream.maxDurationMs ?? DEFAULT_UPSTREAM_MAX_DURATION_MS);
    deadline.unref();
    // The cause (a TLS or DNS error) may name hosts; the caller gets one message, the operator the log.
    req.on('timeout', () => {
      const e = failed('did not answer in time');
      if (answer !== undefined) answer.destroy(e);
      req.destroy(e);
    });
    req.on('error', (e) => {
      clearTimeout(deadline);
      reject(isUpstreamError(e) ? e : failed('could not be reached'));
    });
    req.end(text);
  });
}

const isUpstreamError = (e: unknown): e is CordonError => e instanceof CordonError && e.code === 'ERR_UPSTREAM_FAILED';

/** Reads a whole JSON answer (bounded); a non-2xx status or a body that is not JSON is ERR_UPSTREAM_FAILED. */
export async function readUpstreamJson(answer: UpstreamAnswer): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const c of answer.body) {
      size += (c as Buffer).length;
      if (size > MAX_UPSTREAM_JSON) {
        answer.body.destroy();
        throw failed('answered with more than 8 MiB');
      }
      chunks.push(c as Buffer);
    }
  } catch (e) {
    throw isUpstreamError(e) ? e : failed('closed the connection early');
  }
  // What the upstream said on an error can echo the prompt: only its status is passed on.
  if (answer.status < 200 || answer.status > 299) throw failed(`answered ${answer.status}`);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw failed('answered with something that is not JSON');
  }
}
