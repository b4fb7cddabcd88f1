// An OpenAI-compatible embeddings endpoint (POST {baseUrl}/embeddings, as /v1/embeddings of OpenAI,
// vLLM, Ollama, LiteLLM and text-embeddings-inference answer it). Only redacted text is sent: the
// ingest and retrieve paths redact before they embed. The API key goes in a header and never into
// an error; the answer is validated (count, order by `index`, dimensions, finite numbers).
import { CordonError } from '../errors.js';
import type { Embedder } from './types.js';

export interface HttpEmbedderOptions {
  /** Base URL including the version path, e.g. http://127.0.0.1:8080/v1. http: or https: only. */
  readonly url: string;
  readonly model: string;
  /** Sent as `Authorization: Bearer <apiKey>` when given. */
  readonly apiKey?: string;
  /** Expected vector length; the first answer sets it when absent. */
  readonly dimensions?: number;
  /** Per request (default 30 000 ms). */
  readonly timeoutMs?: number;
  /** Texts per request (default 64). */
  readonly batchSize?: number;
}

function upstream(message: string, cause?: unknown): CordonError {
  return new CordonError('ERR_STORE_UNAVAILABLE', `embeddings endpoint: ${message}`, cause === undefined ? undefined : { cause });
}

/**
 * @example
 * const e = httpEmbedder({ url: 'http://127.0.0.1:11434/v1', model: 'nomic-embed-text', dimensions: 768 });
 */
export function httpEmbedder(options: HttpEmbedderOptions): Embedder {
  let base: URL;
  try {
    base = new URL(options.url);
  } catch {
    throw new CordonError('ERR_CONFIG_INVALID', 'the embeddings URL is not a URL');
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new CordonError('ERR_CONFIG_INVALID', 'the embeddings URL must be http: or https:');
  if (base.username !== '' || base.password !== '') throw new CordonError('ERR_CONFIG_INVALID', 'the embeddings URL must not carry credentials; pass the API key separately');
  if (typeof options.model !== 'string' || options.model === '') throw new CordonError('ERR_CONFIG_INVALID', 'an embeddings model name is required');
  const endpoint = `${base.href.replace(/\/+$/, '')}/embeddings`;
  const batch = options.batchSize ?? 64;
  let dims = options.dimensions;
  const embedder: Embedder & { dimensions: number } = {
    id: `http:${base.host}${base.pathname.replace(/\/+$/, '')}#${options.model}`,
    get dimensions() { return dims ?? 0; },
    async embed(texts) {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += batch) out.push(...await request(texts.slice(i, i + batch)));
      return out;
    },
  };
  async function request(input: readonly string[]): Promise<Float32Array[]> {
    let res: Response;
    try {
      res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) },
        body: JSON.stringify({ model: options.model, input, encoding_format: 'float' }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
    } catch (e) {
      throw upstream('unreachable', e);
    }
    if (!res.ok) throw upstream(`answered HTTP ${res.status}`);
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw upstream('answered with something that is not JSON');
    }
    const data = (body as { data?: unknown }).data;
    if (!Array.isArray(data) || data.length !== input.length) throw upstream(`answered ${Array.isArray(data) ? data.length : 'no'} embeddings for ${input.length} inputs`);
    const vectors: Array<Float32Array | undefined> = new Array(input.length);
    data.forEach((d: unknown, n) => {
      const item = d as { embedding?: unknown; index?: unknown };
      const at = typeof item.index === 'number' ? item.index : n;
      if (!Number.isInteger(at) || at < 0 || at >= input.length || vectors[at] !== undefined) throw upstream('answered embeddings with wrong indexes');
      const e = item.embedding;
      if (!Array.isArray(e) || e.length === 0 || !e.every((x) => typeof x === 'number' && Number.isFinite(x))) throw upstream('answered an embedding that is not a list of numbers');
      dims ??= e.length;
      if (e.length !== dims) throw upstream(`answered ${e.length} dimensions, expected ${dims}`);
      vectors[at] = Float32Array.from(e as number[]);
    });
    return vectors as Float32Array[];
  }
  return embedder;
}
