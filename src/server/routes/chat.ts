// POST /v1/chat/completions: an OpenAI-compatible chat endpoint in front of the configured upstream
// model. Steps, in order: the caller's conversation (its tenant, its own id) → sanitise the untrusted
// messages (user, tool) → injection scan (block or flag, per config) → redact every message into the
// conversation's placeholders → the guard:restore decision → forward over TLS → output scanners on
// what the model wrote → restore for an allowed caller (streamed answers restore across chunk
// boundaries). One `guard.chat` audit event per call: hashes of prompt and answer, placeholders and
// entity counts, verdicts — never a value or a text. Nothing the upstream says on an error is relayed.
import { PassThrough } from 'node:stream';
import { Type, type Static } from '@sinclair/typebox';
import { CordonError, isCordonError } from '../../errors.js';
import { guardChatRequest } from '../../guard/proxy/chat-request.js';
import { guardChatResponse } from '../../guard/proxy/chat-response.js';
import { SseChatGuard } from '../../guard/proxy/sse.js';
import type { Placer } from '../../guard/redact/redact.js';
import type { Resolver } from '../../guard/redact/restore.js';
import type { ScanResult } from '../../guard/types.js';
import { callerConversation, CONVERSATION_HEADER, CONVERSATION_PATTERN, mapMessageText, sanitiseContent, scanTexts, sourceOfRole, type GuardProxyDeps, type InputVerdict } from '../guard-proxy.js';
import { entityCounts, recordHandlerEvent } from '../handler-audit.js';
import { Purpose, StreamedAnswer, type RouteContext, type RouteSpec } from '../route.js';
import { postUpstream, readUpstreamJson } from '../upstream.js';

/** Most messages in one request. */
export const MAX_CHAT_MESSAGES = 1024;

const Message = Type.Object({
  role: Type.String({ minLength: 1, maxLength: 32 }),
  content: Type.Optional(Type.Union([Type.String(), Type.Null(), Type.Array(Type.Object({ type: Type.String({ maxLength: 64 }) }, { additionalProperties: true }), { maxItems: 256 })])),
}, { additionalProperties: true });

const ChatBody = Type.Object({
  model: Type.String({ minLength: 1, maxLength: 256 }),
  messages: Type.Array(Message, { minItems: 1, maxItems: MAX_CHAT_MESSAGES }),
  stream: Type.Optional(Type.Boolean()),
  purpose: Type.Optional(Purpose),
}, { additionalProperties: true, description: 'an OpenAI chat completion request; fields beyond these are forwarded as sent' });

const ChatAnswer = Type.Object({
  id: Type.String(),
  object: Type.String(),
  choices: Type.Array(Type.Object({}, { additionalProperties: true })),
}, { additionalProperties: true, description: 'the upstream\'s chat completion, scanned and (for an allowed caller) restored; with stream: true, server-sent events of chat.completion.chunk' });

/** The guard's settings, or 502 when the server has no upstream configured. */
export function proxyDeps(ctx: RouteContext): GuardProxyDeps {
  const g = ctx.deps.guard;
  if (g === undefined) throw new CordonError('ERR_UPSTREAM_FAILED', 'the upstream model is not configured on this server (guard.upstream in the server config)');
  return g;
}

const verdictAttributes = (prefix: string, v: { flagged: boolean; score: number; rules: readonly string[] }) => ({
  [`${prefix}_flagged`]: v.flagged, [`${prefix}_score`]: v.score, [`${prefix}_rules`]: v.rules.join(','),
});

/** The output verdicts of every choice as one: strongest score, `scanner/rule` of flagged findings. */
function outputVerdict(verdicts: ReadonlyArray<ScanResult>): InputVerdict {
  let score = 0;
  const rules = new Set<string>();
  for (const v of verdicts) {
    score = Math.max(score, v.score);
    if (v.flagged) for (const f of v.findings) rules.add(`${f.scanner}/${f.rule}`);
  }
  return { flagged: verdicts.some((v) => v.flagged), score, rules: [...rules].sort() };
}

export const chatRoutes: readonly RouteSpec[] = [
  {
    method: 'POST', url: '/v1/chat/completions', tags: ['guard'],
    summary: 'OpenAI-compatible chat completions through the LLM guard: sanitise, injection scan, redact, forward, output scan, restore for callers allowed guard:restore (docs/guard.md#proxy)',
    action: 'guard:chat',
    resource: () => ({ type: 'service', id: 'chat', attributes: {} }),
    body: ChatBody,
    response: ChatAnswer,
    errors: { 502: 'ERR_UPSTREAM_FAILED: the upstream model could not be reached or answered with an error' },
    errorShape: 'openai',
    headers: [{
      name: CONVERSATION_HEADER,
      description: 'names the conversation whose placeholders persist across turns (the same value gets the same placeholder); scoped to the caller, so another caller naming it shares nothing. Absent: a new conversation per request',
      schema: Type.String({ pattern: CONVERSATION_PATTERN }),
    }],
    async handler({ body }, ctx) {
      const guard = proxyDeps(ctx);
      const b = body as Static<typeof ChatBody>;
      const conv = callerConversation(ctx.caller, ctx.header(CONVERSATION_HEADER));
      const base = { tenant: conv.scope.tenant, conversation: conv.scope.conversation, model: b.model, stream: b.stream === true, messages: b.messages.length };

      // Sanitise what is untrusted, then scan it; system and assistant turns are the application's.
      let removed = 0;
      const scanned: Array<{ text: string; source: 'user' | 'retrieved' }> = [];
      const messages = b.messages.map((m) => {
        const source = sourceOfRole(m.role);
        if (source === undefined) return m;
        // The scan reads the text as sent (smuggled characters are evidence); the model gets it sanitised.
        scanned.push(...mapMessageText(m.content, (text) => ({ text, source })));
        const s = sanitiseContent(m.content);
        removed += s.removed;
        return { ...m, content: s.content };
      });
      const input = await scanTexts(scanned, guard.injection.threshold);
      if (input.flagged && guard.injection.action === 'block') {
        recordHandlerEvent(ctx, { type: 'guard.chat', outcome: 'failure', reason: 'ERR_INJECTION_BLOCKED', attributes: { ...base, sanitised: removed, ...verdictAttributes('input', input) } });
        throw new CordonError('ERR_INJECTION_BLOCKED', 'the prompt was refused: the guard found a prompt injection in it');
      }

      // Redact into the caller's conversation; the body's purpose is Cordon's, not the model's.
      const { purpose: _purpose, ...rest } = { ...b, messages } as Record<string, unknown> & { purpose?: unknown };
      const placer: Placer = { place: (values) => guard.vault.place(conv.scope, values, guard.ttlMs !== undefined ? { ttlMs: guard.ttlMs } : {}) };
      const request = await guardChatRequest(rest, placer, guard.redact);
      const decision = await ctx.authorize('guard:restore', conv.resource);
      const resolver: Resolver | undefined = decision.allowed ? { resolve: (ps) => guard.vault.resolve(conv.scope, ps) } : undefined;
      const reqAttributes = {
        ...base, sanitised: removed, ...verdictAttributes('input', input),
        placeholders: request.placeholders.map((p) => p.placeholder).join(','), entities: entityCounts(request.placeholders.map((p) => p.entity)),
        escaped: request.escaped, prompt_sha256: request.promptSha256, restore: decision.allowed ? 'allow' : 'deny',
      };
      const scan = { ...guard.output, ...(request.systemPrompt !== '' ? { systemPrompt: request.systemPrompt } : {}) };
      const fail = (e: unknown): never => {
        recordHandlerEvent(ctx, { type: 'guard.chat', outcome: 'failure', reason: isCordonError(e) ? e.code : 'ERR_INTERNAL', attributes: reqAttributes });
        throw e;
      };

      const answer = await postUpstream(guard.upstream, '/chat/completions', request.body).catch(fail);
      if (b.stream !== true || answer.status < 200 || answer.status > 299) {
        const json = await readUpstreamJson(answer).catch(fail);
        const out = await guardChatResponse(json, resolver, scan);
        const o = outputVerdict(out.verdicts);
        recordHandlerEvent(ctx, { type: 'guard.chat', outcome: 'success', attributes: { ...reqAttributes, answer_sha256: out.answerSha256, restored: out.restored, ...verdictAttributes('output', o) } });
        return out.body;
      }

      // Streamed: each upstream read goes through the SSE guard as it arrives and is passed on one
      // read later, so the last piece (which holds the upstream's `data: [DONE]`) leaves only after
      // the call's event is recorded and flushed: a client that has the whole answer always finds its
      // event (the decisions were recorded before the first byte left).
      const sse = new SseChatGuard(resolver, scan);
      const out = new PassThrough();
      out.on('close', () => answer.body.destroy());
      void (async () => {
        const decoder = new TextDecoder();
        let held = '';
        try {
          for await (const bytes of answer.body) {
            const text = await sse.push(decoder.decode(bytes as Buffer, { stream: true }));
            if (text === '') continue;
            if (held !== '') out.write(held);
            held = text;
          }
          held += await sse.end();
          const s = sse.summary();
          recordHandlerEvent(ctx, { type: 'guard.chat', outcome: 'success', attributes: { ...reqAttributes, answer_sha256: s.answerSha256, restored: s.restored, ...verdictAttributes('output', outputVerdict(s.verdicts)) } });
          await ctx.deps.flushAudit?.();
          out.end(held);
        } catch {
          try {
            recordHandlerEvent(ctx, { type: 'guard.chat', outcome: 'failure', reason: 'ERR_UPSTREAM_FAILED', attributes: reqAttributes });
          } catch { /* the stream is cut either way */ }
          out.destroy();
        }
      })();
      return new StreamedAnswer('text/event-stream; charset=utf-8', out);
    },
  },
];
