// The default embedder: a hashed bag of words plus character 3-grams (the "hashing trick", Weinberger
// et al., ICML 2009), signed by a second hash so collisions cancel on average, L2-normalised so
// cosine distance compares texts of any length. Offline, deterministic, no model, no download: good
// enough for lexical retrieval and for the demo; plug an HTTP embedder in for semantic search.
import type { Embedder } from './types.js';

const WORD = /[\p{L}\p{N}_]+/gu;
const WORD_WEIGHT = 1;
const GRAM_WEIGHT = 0.5;

// FNV-1a 32-bit over UTF-16 code units, seeded so the index and sign hashes are independent.
function fnv1a(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function add(v: Float32Array, feature: string, weight: number): void {
  const i = fnv1a(feature, 0) % v.length;
  v[i]! += (fnv1a(feature, 0x9e3779b9) & 1) === 0 ? weight : -weight;
}

/** One text's vector (exported for tests and for callers that embed synchronously). */
export function hashedVector(text: string, dimensions: number): Float32Array {
  const v = new Float32Array(dimensions);
  for (const m of text.toLowerCase().matchAll(WORD)) {
    const w = m[0];
    add(v, `w:${w}`, WORD_WEIGHT);
    const padded = `#${w}#`;
    for (let i = 0; i + 3 <= padded.length; i++) add(v, `g:${padded.slice(i, i + 3)}`, GRAM_WEIGHT);
  }
  let norm = 0;
  for (const x of v) norm += x * x;
  if (norm > 0) {
    const k = 1 / Math.sqrt(norm);
    for (let i = 0; i < v.length; i++) v[i]! *= k;
  }
  return v;
}

/**
 * @example
 * const e = hashedEmbedder();           // id 'hashed-v1-512'
 * const [v] = await e.embed(['refund policy for orders']);
 */
export function hashedEmbedder(options: { dimensions?: number } = {}): Embedder {
  const dimensions = options.dimensions ?? 512;
  if (!Number.isInteger(dimensions) || dimensions < 16 || dimensions > 8192) throw new TypeError('dimensions must be an integer in 16..8192');
  return {
    id: `hashed-v1-${dimensions}`,
    dimensions,
    async embed(texts) {
      return texts.map((t) => hashedVector(t, dimensions));
    },
  };
}
