// What the OpenAI-compatible proxy routes (routes/chat.ts, routes/embeddings.ts) need: the
// upstream, the conversation vault, and the guard's settings from the server config. Also the
// steps both routes share: the caller's conversation scope, sanitise + injection scan of the
// untrusted messages, and a per-request placer for texts that are never restored (embeddings).
import { sha256 } from '../crypto/hash.js';
import { randomId } from '../crypto/random.js';
import { CordonError } from '../errors.js';
import type { OutputScanOptions } from '../guard/output/scan-output.js';
import type { Placer, RedactOptions } from '../guard/redact/redact.js';
import { sanitise } from '../guard/sanitise/sanitise.js';
import { scanInput } from '../guard/scan-input.js';
import type { GuardSource, ScanResult } from '../guard/types.js';
import type { ConversationScope } from '../vault/conversation/types.js';
import { placeholderLabel, type ConversationVault } from '../vault/conversation/vault.js';
import type { AuthzResource } from './authorize.js';
import type { Authenticated } from './principal.js';
import type { Upstream } from './upstream.js';

export interface GuardProxyDeps {
  readonly upstream: Upstream;
  readonly vault: ConversationVault;
  /** What a flagged prompt does: refused with 400 ERR_INJECTION_BLOCKED, or forwarded and audited. */
  readonly injection: { readonly action: 'block' | 'flag'; readonly threshold: number };
  /** Which entities are replaced by placeholders before the model sees them. */
  readonly redact: RedactOptions;
  /** Output scanners' settings (allowed link hosts, canaries); the system prompt is added per request. */
  readonly output: OutputScanOptions;
  /** How long a conversation's placeholders resolve (default: the vault's, 24 h). */
  readonly ttlMs?: number;
}

/** The header naming a conversation (placeholders stay the same across its turns). */
export const CONVERSATION_HEADER = 'x-cordon-conversation';
export const CONVERSATION_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._:@-]{0,95}$';
const CONVERSATION_RE = new RegExp(CONVERSATION_PATTERN);

export interface CallerConversation {
  /** The vault scope: the caller's tenant, and the conversation prefixed by a digest of the caller's id. */
  readonly scope: ConversationScope;
  /** The Cedar resource of guard:restore: the conversation, with the caller's tenant when it has one. */
  readonly resource: AuthzResource;
}

/**
 * A conversation belongs to its caller: the vault scope joins the caller's tenant and a digest of the
 * caller's id to the name the caller chose (`X-Cordon-Conversation`, else a new random one per
 * request), so no caller can name another's conversation and have its placeholders restored.
 */
export function callerConversation(caller: Authenticated | undefined, header: string | undefined): CallerConversation {
  if (caller === undefined) throw new CordonError('ERR_INTERNAL', 'a proxy route reached without a caller');
  if (header !== undefined && !CONVERSATION_RE.test(header)) throw new CordonError('ERR_INPUT_INVALID', 'X-Cordon-Conversation must be 1-96 letters, digits, ".", "_", ":", "@" or "-", starting with a letter or digit');
  const name = header ?? `r-${randomId()}`;
  const who = Buffer.from(sha256(new TextEncoder().encode(caller.principal.id))).toString('hex').slice(0, 24);
  const tenant = caller.principal.tenant;
  // A caller with no tenant keeps its conversations under "untenanted"; forbid.cross-tenant then
  // denies it guard:restore (the resource has no tenant, and the policy needs one).
  const scope = { tenant: tenant ?? 'untenanted', conversation: `${who}.${name}` };
  return {
    scope,
    resource: { type: 'conversation', id: `${scope.tenant}/${scope.conversation}`, attributes: tenant !== undefined ? { tenant } : {} },
  };
}

/** Text parts of one chat message's content (a string, or an array of parts with `type: 'text'`). */
export function mapMessageText<T>(content: unknown, f: (text: string) => T): T[] {
  if (typeof content === 'string') return [f(content)];
  if (!Array.isArray(content)) return [];
  return content.flatMap((p: unknown) => (typeof p === 'object' && p !== null && (p as { type?: unknown }).type === 'text' && typeof (p as { text?: unknown }).text === 'string' ? [f((p as { text: string }).text)] : []));
}

/** Sanitised content: invisible and smuggling characters removed, letters kept (docs/guard.md#sanitise). */
export function sanitiseContent(content: unknown): { content: unknown; removed: number } {
  let removed = 0;
  const clean = (t: string) => {
    const s = sanitise(t);
    removed += s.removed.length;
    return s.text;
  };
  if (typeof content === 'string') return { content: clean(content), removed };
  if (!Array.isArray(content)) return { content, removed };
  const parts = content.map((p: unknown) => (typeof p === 'object' && p !== null && (p as { type?: unknown }).type === 'text' && typeof (p as { text?: unknown }).text === 'string'
    ? { ...(p as object), text: clean((p as { text: string }).text) } : p));
  return { content: parts, removed };
}

/** Which messages are untrusted, and as what: the user's own text, or data (tool results) the model reads. */
export function sourceOfRole(role: unknown): GuardSource | undefined {
  if (role === 'user') return 'user';
  if (role === 'tool' || role === 'function') return 'retrieved';
  return undefined;
}

export interface InputVerdict {
  readonly flagged: boolean;
  readonly score: number;
  /** `scanner/rule` of each finding, deduplicated (no offsets, no text). */
  readonly rules: readonly string[];
}

/** The strongest verdict over several scanned texts. */
export async function scanTexts(texts: ReadonlyArray<{ text: string; source: GuardSource }>, threshold: number): Promise<InputVerdict> {
  let score = 0;
  const rules = new Set<string>();
  for (const t of texts) {
    const r: ScanResult = await scanInput(t.text, { source: t.source, threshold });
    score = Math.max(score, r.score);
    for (const f of r.findings) if (f.score >= threshold) rules.add(`${f.scanner}/${f.rule}`);
  }
  return { flagged: score >= threshold, score: Math.round(score * 1000) / 1000, rules: [...rules].sort() };
}

/** A placer for one request only: same value → same placeholder, nothing stored (embeddings are never restored). */
export function requestPlacer(): Placer {
  const byValue = new Map<string, string>();
  const next = new Map<string, number>();
  return {
    async place(values) {
      return values.map(({ value, entity }) => {
        const key = `${entity}\u0000${value}`;
        let p = byValue.get(key);
        if (p === undefined) {
          const label = placeholderLabel(entity);
          const n = (next.get(label) ?? 0) + 1;
          next.set(label, n);
          byValue.set(key, (p = `<${label}_${n}>`));
        }
        return p;
      });
    },
  };
}
