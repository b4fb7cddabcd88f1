// Restoring a streamed answer: chunks arrive split anywhere, a placeholder among them ("<PER" then
// "SON_1>"). The restorer releases text up to a possible placeholder prefix at the end of what it
// has and holds that back until the next chunk (or end()) decides; held-back text is at most one
// placeholder long. Values are looked up once per distinct placeholder and cached for the stream.
import { findPlaceholders, heldBackFrom } from './placeholders.js';
import { replacePlaceholders, type Resolver } from './restore.js';

/**
 * @example
 * ```ts
 * const r = new StreamRestorer(resolver);
 * (await r.push('Dear <PER')) + (await r.push('SON_1>, hi')) + r.end() === 'Dear Ada Lovelace, hi'
 * ```
 */
export class StreamRestorer {
  readonly #resolver: Resolver;
  readonly #values = new Map<string, string>();
  readonly #asked = new Set<string>();
  #pending = '';
  #restored = 0;

  constructor(resolver: Resolver) {
    this.#resolver = resolver;
  }

  /** How many placeholders were restored so far. */
  get restored(): number {
    return this.#restored;
  }

  async #release(text: string): Promise<string> {
    const wanted = [...new Set(findPlaceholders(text).map((p) => p.placeholder))].filter((p) => !this.#asked.has(p));
    if (wanted.length > 0) {
      for (const p of wanted) this.#asked.add(p);
      for (const [p, v] of await this.#resolver.resolve(wanted)) this.#values.set(p, v);
    }
    const r = replacePlaceholders(text, this.#values);
    this.#restored += r.restored;
    return r.text;
  }

  /** Adds a chunk; returns the text that can be released now (possibly ""). */
  async push(chunk: string): Promise<string> {
    const all = this.#pending + chunk;
    const cut = heldBackFrom(all);
    this.#pending = all.slice(cut);
    return cut === 0 ? '' : this.#release(all.slice(0, cut));
  }

  /** Releases what is held back: the stream ended. */
  async end(): Promise<string> {
    const rest = this.#pending;
    this.#pending = '';
    return rest === '' ? '' : this.#release(rest);
  }
}
