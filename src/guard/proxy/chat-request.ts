// The proxy's request step for OpenAI-compatible chat completions: every message's text (a string
// `content`, or the `text` parts of a content array) is redacted through one conversation's placer,
// so the upstream model sees placeholders only. Other fields pass as they are. Returns the new body,
// the placeholders used (never values) and a SHA-256 of what is forwarded, for the audit record.
// Pure apart from the placer it is given; never mutates the caller's body.
import { sha256 } from '../../crypto/hash.js';
import { CordonError } from '../../errors.js';
import { redactText, type Placer, type RedactOptions } from '../redact/redact.js';

/** The part of an OpenAI chat message the guard reads. */
interface Message {
  readonly role?: unknown;
  readonly content?: unknown;
}

export interface GuardedChatRequest {
  /** The body to forward: messages redacted, everything else as sent. */
  readonly body: Record<string, unknown>;
  readonly placeholders: ReadonlyArray<{ readonly placeholder: string; readonly entity: string }>;
  /** Placeholder-shaped input escaped. */
  readonly escaped: number;
  /** Hex SHA-256 of the forwarded messages (canonical JSON of the array). */
  readonly promptSha256: string;
  /** The system prompt as the model sees it (system and developer messages), for the output scanner's overlap check. */
  readonly systemPrompt: string;
}

const hex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

/**
 * @example
 * ```ts
 * const g = await guardChatRequest({ model: 'm', messages: [{ role: 'user', content: 'Mail ada@example.com' }] }, placer);
 * // g.body.messages[0].content === 'Mail <EMAIL_ADDRESS_1>'
 * ```
 */
export async function guardChatRequest(body: unknown, placer: Placer, options: RedactOptions = {}): Promise<GuardedChatRequest> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new CordonError('ERR_INPUT_INVALID', 'a chat completion request is a JSON object');
  const messages = (body as { messages?: unknown }).messages;
  if (!Array.isArray(messages) || messages.length === 0) throw new CordonError('ERR_INPUT_INVALID', 'a chat completion request has a non-empty "messages" array');
  const seen = new Map<string, string>();
  let escaped = 0;
  const system: string[] = [];
  const redact = async (text: string): Promise<string> => {
    const r = await redactText(text, placer, options);
    escaped += r.escaped;
    for (const p of r.placeholders) if (!seen.has(p.placeholder)) seen.set(p.placeholder, p.entity);
    return r.text;
  };
  const out: unknown[] = [];
  for (const [i, m] of (messages as Message[]).entries()) {
    if (typeof m !== 'object' || m === null) throw new CordonError('ERR_INPUT_INVALID', `message ${i} is not an object`, { details: { message: i } });
    let content: unknown = m.content;
    if (typeof content === 'string') content = await redact(content);
    else if (Array.isArray(content)) {
      const parts: unknown[] = [];
      for (const part of content as unknown[]) {
        const p = part as { type?: unknown; text?: unknown };
        parts.push(typeof p === 'object' && p !== null && p.type === 'text' && typeof p.text === 'string' ? { ...p, text: await redact(p.text) } : part);
      }
      content = parts;
    }
    if ((m.role === 'system' || m.role === 'developer') && typeof content === 'string') system.push(content);
    out.push({ ...m, content });
  }
  const forwarded = { ...(body as Record<string, unknown>), messages: out };
  return {
    body: forwarded,
    placeholders: [...seen].map(([placeholder, entity]) => ({ placeholder, entity })),
    escaped,
    promptSha256: hex(sha256(new TextEncoder().encode(JSON.stringify(out)))),
    systemPrompt: system.join('\n'),
  };
}
