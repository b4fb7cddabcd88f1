// The proxy's answer step for a whole (non-streamed) chat completion: each choice's text is scanned
// as the model wrote it (output scanners: leaks, prompt leakage, exfiltration, tool injection), then
// restored for a caller the policy allowed (a resolver) or left with its placeholders (none). The
// audit record gets the SHA-256 of the model's answer and the verdicts, never text.
import { sha256 } from '../../crypto/hash.js';
import { scanOutput, type OutputScanOptions } from '../output/scan-output.js';
import { restoreText, type Resolver } from '../redact/restore.js';
import type { ScanResult } from '../types.js';

export interface GuardedChatResponse {
  readonly body: Record<string, unknown>;
  /** One verdict per choice, by choice index. */
  readonly verdicts: ReadonlyArray<ScanResult & { readonly choice: number }>;
  readonly restored: number;
  /** Hex SHA-256 of the model's answer texts (choices in order, joined by U+0000), as the model wrote them. */
  readonly answerSha256: string;
}

const hex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

/** Scans and (with a resolver) restores every choice's `message.content`. */
export async function guardChatResponse(body: unknown, resolver: Resolver | undefined, scan: OutputScanOptions = {}): Promise<GuardedChatResponse> {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const choices = Array.isArray(b['choices']) ? (b['choices'] as Array<Record<string, unknown>>) : [];
  const verdicts: Array<ScanResult & { choice: number }> = [];
  const texts: string[] = [];
  let restored = 0;
  const out: unknown[] = [];
  for (const [i, c] of choices.entries()) {
    const message = (typeof c?.['message'] === 'object' && c['message'] !== null ? c['message'] : {}) as Record<string, unknown>;
    const content = message['content'];
    if (typeof content !== 'string') {
      out.push(c);
      continue;
    }
    texts.push(content);
    verdicts.push({ choice: typeof c['index'] === 'number' ? c['index'] : i, ...scanOutput(content, scan) });
    if (resolver === undefined) {
      out.push(c);
      continue;
    }
    const r = await restoreText(content, resolver);
    restored += r.restored;
    out.push({ ...c, message: { ...message, content: r.text } });
  }
  return { body: { ...b, choices: out }, verdicts, restored, answerSha256: hex(sha256(new TextEncoder().encode(texts.join('\u0000')))) };
}
