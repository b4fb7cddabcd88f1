// The proxy's answer step for a streamed chat completion (server-sent events, `data: {chunk}` and
// `data: [DONE]`). Each choice's `delta.content` goes through its own StreamRestorer (when the
// caller may restore), so a placeholder split across chunks is restored whole and nothing else is
// delayed; the text the model wrote is collected per choice for the output scan at the end. Events
// that are not JSON chunks pass unchanged. Pure: text in, text out.
import { createSha256 } from '../../crypto/hash.js';
import { scanOutput, type OutputScanOptions } from '../output/scan-output.js';
import type { Resolver } from '../redact/restore.js';
import { StreamRestorer } from '../redact/stream-restorer.js';
import type { ScanResult } from '../types.js';

interface Chunk {
  choices?: Array<{ index?: number; delta?: { content?: unknown }; finish_reason?: unknown }>;
  [k: string]: unknown;
}

/**
 * @example
 * ```ts
 * const g = new SseChatGuard(resolver, { allowedHosts: [] });
 * for await (const bytes of upstream) res.write(await g.push(decoder.decode(bytes, { stream: true })));
 * res.write(await g.end()); const { verdicts, answerSha256 } = g.summary();
 * ```
 */
export class SseChatGuard {
  readonly #resolver: Resolver | undefined;
  readonly #scan: OutputScanOptions;
  readonly #restorers = new Map<number, StreamRestorer>();
  readonly #answers = new Map<number, string>();
  #buffer = '';
  #lastId: Record<string, unknown> = {};

  constructor(resolver: Resolver | undefined, scan: OutputScanOptions = {}) {
    this.#resolver = resolver;
    this.#scan = scan;
  }

  #restorer(index: number): StreamRestorer | undefined {
    if (this.#resolver === undefined) return undefined;
    let r = this.#restorers.get(index);
    if (r === undefined) this.#restorers.set(index, (r = new StreamRestorer(this.#resolver)));
    return r;
  }

  async #event(event: string): Promise<string> {
    const lines = event.split('\n');
    const dataLines = lines.filter((l) => l.startsWith('data:'));
    if (dataLines.length === 0) return `${event}\n\n`;
    const data = dataLines.map((l) => l.slice(l.startsWith('data: ') ? 6 : 5)).join('\n');
    if (data.trim() === '[DONE]') return `${await this.#flushAll()}${event}\n\n`;
    let chunk: Chunk;
    try {
      chunk = JSON.parse(data) as Chunk;
    } catch {
      return `${event}\n\n`;
    }
    if (!Array.isArray(chunk.choices)) return `${event}\n\n`;
    this.#lastId = { id: chunk['id'], object: chunk['object'], created: chunk['created'], model: chunk['model'] };
    for (const [i, c] of chunk.choices.entries()) {
      const index = typeof c.index === 'number' ? c.index : i;
      const content = c.delta?.content;
      const r = this.#restorer(index);
      if (typeof content === 'string') {
        this.#answers.set(index, (this.#answers.get(index) ?? '') + content);
        if (r !== undefined) c.delta!.content = await r.push(content);
      }
      if (r !== undefined && c.finish_reason !== null && c.finish_reason !== undefined) {
        const rest = await r.end();
        if (rest !== '') c.delta = { ...(c.delta ?? {}), content: (typeof c.delta?.content === 'string' ? c.delta.content : '') + rest };
      }
    }
    return `data: ${JSON.stringify(chunk)}\n\n`;
  }

  /** Text any restorer still holds, as one chunk per choice (an upstream that ended without finish_reason). */
  async #flushAll(): Promise<string> {
    let out = '';
    for (const [index, r] of this.#restorers) {
      const rest = await r.end();
      if (rest !== '') out += `data: ${JSON.stringify({ ...this.#lastId, choices: [{ index, delta: { content: rest }, finish_reason: null }] })}\n\n`;
    }
    return out;
  }

  /** Adds upstream text; returns the events that can go to the caller now. */
  async push(text: string): Promise<string> {
    this.#buffer += text.replace(/\r\n/g, '\n');
    let out = '';
    for (let cut = this.#buffer.indexOf('\n\n'); cut !== -1; cut = this.#buffer.indexOf('\n\n')) {
      const event = this.#buffer.slice(0, cut);
      this.#buffer = this.#buffer.slice(cut + 2);
      if (event !== '') out += await this.#event(event);
    }
    return out;
  }

  /** The upstream closed: what is left. */
  async end(): Promise<string> {
    const rest = this.#buffer;
    this.#buffer = '';
    return (rest.trim() === '' ? '' : await this.#event(rest)) + (await this.#flushAll());
  }

  /** Output-scan verdicts per choice over what the model wrote, and the hash of it. */
  summary(): { verdicts: Array<ScanResult & { choice: number }>; answerSha256: string; restored: number } {
    const h = createSha256();
    const indexes = [...this.#answers.keys()].sort((a, b) => a - b);
    indexes.forEach((i, k) => h.update(new TextEncoder().encode((k > 0 ? '\u0000' : '') + this.#answers.get(i)!)));
    const d = h.digest();
    return {
      verdicts: indexes.map((i) => ({ choice: i, ...scanOutput(this.#answers.get(i)!, this.#scan) })),
      answerSha256: Buffer.from(d.buffer, d.byteOffset, d.byteLength).toString('hex'),
      restored: [...this.#restorers.values()].reduce((n, r) => n + r.restored, 0),
    };
  }
}
