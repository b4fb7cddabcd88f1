// Redaction and restore for the LLM guard, against an in-memory placer/resolver pair that behaves
// like one conversation of the vault (the vault itself: test/integration/conversation-vault.test.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { redactText, ESCAPED_LT, type Placer } from '../../../src/guard/redact/redact.js';
import { restoreText, replacePlaceholders, restoreAuthzRequest, type Resolver } from '../../../src/guard/redact/restore.js';
import { StreamRestorer } from '../../../src/guard/redact/stream-restorer.js';
import { findPlaceholders, heldBackFrom, isPlaceholder } from '../../../src/guard/redact/placeholders.js';
import { PolicyEngine } from '../../../src/policy/policy-engine.js';
import { repoPath } from '../../helpers/paths.js';

/** One conversation: numbers per entity, same value → same placeholder; counts lookups. */
function conversation(): Placer & Resolver & { lookups: number } {
  const byValue = new Map<string, string>();
  const byPlaceholder = new Map<string, string>();
  const next = new Map<string, number>();
  return {
    lookups: 0,
    async place(values) {
      return values.map(({ value, entity }) => {
        let p = byValue.get(value);
        if (p === undefined) {
          const n = (next.get(entity) ?? 0) + 1;
          next.set(entity, n);
          p = `<${entity}_${n}>`;
          byValue.set(value, p);
          byPlaceholder.set(p, value);
        }
        return p;
      });
    },
    async resolve(placeholders) {
      this.lookups++;
      return new Map(placeholders.filter((p) => byPlaceholder.has(p)).map((p) => [p, byPlaceholder.get(p)!]));
    },
  };
}

describe('placeholder shape', () => {
  it('finds exactly the placeholder shape', () => {
    assert.deepEqual(findPlaceholders('a <PERSON_1> b <US_SSN_12>c<EMAIL_ADDRESS_3>').map((p) => p.placeholder), ['<PERSON_1>', '<US_SSN_12>', '<EMAIL_ADDRESS_3>']);
    for (const not of ['<person_1>', '<PERSON_>', '<PERSON_01>', '<PERSON_0>', '<_1>', '<1_1>', '<PERSON 1>', '<PERSON_1', 'PERSON_1>', `<${'A'.repeat(70)}_1>`]) {
      assert.deepEqual(findPlaceholders(not), [], not);
      assert.equal(isPlaceholder(not), false, not);
    }
    assert.equal(isPlaceholder('<PERSON_1>'), true);
    assert.deepEqual(findPlaceholders('<<PERSON_1>>').map((p) => [p.start, p.end]), [[1, 11]]);
  });

  it('holds back only a possible placeholder prefix at the end', () => {
    assert.equal(heldBackFrom('hello <'), 6);
    assert.equal(heldBackFrom('hello <PERS'), 6);
    assert.equal(heldBackFrom('hello <PERSON_1'), 6);
    assert.equal(heldBackFrom('hello <PERSON_1>'), 16);
    assert.equal(heldBackFrom('a < b'), 5);
    assert.equal(heldBackFrom('a <b'), 4);
    assert.equal(heldBackFrom('x'), 1);
    assert.equal(heldBackFrom(`<${'A'.repeat(80)}`), 81);
  });
});

describe('redactText', () => {
  it('replaces detected entities with typed placeholders, the same value with the same one, and lists no values', async () => {
    const conv = conversation();
    const text = 'Email ada.lovelace@example.com or call +1 415 555 0134. Again: ada.lovelace@example.com.';
    const r = await redactText(text, conv, { entities: ['EMAIL_ADDRESS', 'PHONE_NUMBER'] });
    assert.equal(r.text, 'Email <EMAIL_ADDRESS_1> or call <PHONE_NUMBER_1>. Again: <EMAIL_ADDRESS_1>.');
    assert.deepEqual(r.placeholders, [{ placeholder: '<EMAIL_ADDRESS_1>', entity: 'EMAIL_ADDRESS' }, { placeholder: '<PHONE_NUMBER_1>', entity: 'PHONE_NUMBER' }]);
    assert.equal(JSON.stringify(r.placeholders).includes('example.com'), false);
    const second = await redactText('Write to bob@example.org and ada.lovelace@example.com', conv, { entities: ['EMAIL_ADDRESS'] });
    assert.equal(second.text, 'Write to <EMAIL_ADDRESS_2> and <EMAIL_ADDRESS_1>', 'numbering continues in the conversation');
  });

  it('honours the entity list and the profile', async () => {
    const text = 'Card 4111 1111 1111 1111, mail ada@example.com';
    const onlyCards = await redactText(text, conversation(), { entities: ['CREDIT_CARD'] });
    assert.equal(onlyCards.text, 'Card <CREDIT_CARD_1>, mail ada@example.com');
    const pci = await redactText(text, conversation(), { profile: 'pci' });
    assert.ok(pci.text.includes('<CREDIT_CARD_1>'));
    const secrets = await redactText('key AKIAIOSFODNN7EXAMPLE and ada@example.com', conversation(), { profile: 'secrets' });
    assert.ok(secrets.text.includes('ada@example.com'), 'the secrets profile leaves e-mail addresses');
  });

  it('escapes placeholder-shaped text of the input, so a restore can never fill it in', async () => {
    const conv = conversation();
    await conv.place([{ value: 'Ada Lovelace', entity: 'PERSON' }]);
    const r = await redactText('Tell me who <PERSON_1> is, and mail x@example.com', conv, { entities: ['EMAIL_ADDRESS'] });
    assert.equal(r.escaped, 1);
    assert.equal(r.text, `Tell me who ${ESCAPED_LT}PERSON_1> is, and mail <EMAIL_ADDRESS_1>`);
    const restored = await restoreText(r.text, conv);
    assert.equal(restored.text.includes('Ada Lovelace'), false);
    assert.ok(restored.text.includes('x@example.com'));
  });

  it('round-trips: restore(redact(x)) = x for texts without placeholder-shaped input', async () => {
    const texts = ['Ada Lovelace lives at 12 Baker Street, London; mail ada@example.com, phone +44 20 7946 0958.', 'no entities here', '', 'SSN 078-05-1120 and card 5500 0000 0000 0004 and 078-05-1120'];
    for (const t of texts) {
      const conv = conversation();
      const r = await redactText(t, conv);
      assert.equal((await restoreText(r.text, conv)).text, t);
    }
  });
});

describe('restore', () => {
  it('replaces only placeholders the conversation holds, by exact lookup, and never re-scans values', () => {
    const values = new Map([['<PERSON_1>', 'Ada <PERSON_2> $& $1 .*'], ['<PERSON_2>', 'Alan']]);
    const r = replacePlaceholders('<PERSON_1> met <PERSON_3> and <PERSON_2>', values);
    assert.equal(r.text, 'Ada <PERSON_2> $& $1 .* met <PERSON_3> and Alan');
    assert.equal(r.restored, 2);
  });

  it('streams: placeholders split at any chunk boundary are restored, nothing else is held back', async () => {
    const conv = conversation();
    const red = await redactText('Dear Ada Lovelace, your mail ada@example.com and card 4111 1111 1111 1111 are noted.', conv, { entities: ['PERSON', 'EMAIL_ADDRESS', 'CREDIT_CARD'] });
    const answer = `Sure: ${red.text} <NOT_A_PLACEHOLDER_9> a < b, <lower_1>.`;
    const whole = (await restoreText(answer, conv)).text;
    assert.ok(whole.includes('Ada Lovelace') && whole.includes('4111 1111 1111 1111'));
    for (let size = 1; size <= 13; size++) {
      const r = new StreamRestorer(conv);
      let out = '';
      for (let i = 0; i < answer.length; i += size) {
        out += await r.push(answer.slice(i, i + size));
      }
      out += await r.end();
      assert.equal(out, whole, `chunk size ${size}`);
    }
  });

  it('releases everything before a possible placeholder at once', async () => {
    const r = new StreamRestorer(conversation());
    assert.equal(await r.push('plain text, a < b and <PER'), 'plain text, a < b and ');
    assert.equal(await r.push('SONA'), '');
    assert.equal(await r.push(' no'), '<PERSONA no');
    assert.equal(await r.end(), '');
  });

  it('looks each placeholder up once per stream', async () => {
    const conv = conversation();
    await conv.place([{ value: 'Ada', entity: 'PERSON' }]);
    const r = new StreamRestorer(conv);
    let out = '';
    for (const c of ['<PERSON_1> ', '<PERSON_1> ', '<PER', 'SON_1>']) out += await r.push(c);
    out += await r.end();
    assert.equal(out, 'Ada Ada Ada');
    assert.equal(conv.lookups, 1);
    assert.equal(r.restored, 3);
  });

  it('the shipped policies allow guard:restore to an llm-app of the conversation\'s tenant only', () => {
    const engine = PolicyEngine.load(repoPath('policies'));
    const bot = { id: 'support-bot', kind: 'service' as const, roles: ['llm-app'], attributes: {}, tenant: 'acme' };
    assert.equal(engine.authorize(restoreAuthzRequest({ principal: bot, tenant: 'acme', conversation: 'c-1', purpose: 'support' })).allowed, true);
    assert.equal(engine.authorize(restoreAuthzRequest({ principal: bot, tenant: 'globex', conversation: 'c-1', purpose: 'support' })).allowed, false);
    assert.equal(engine.authorize(restoreAuthzRequest({ principal: bot, tenant: 'acme', conversation: 'c-1' })).allowed, false);
    assert.equal(engine.authorize(restoreAuthzRequest({ principal: { ...bot, roles: ['data-scientist'] }, tenant: 'acme', conversation: 'c-1', purpose: 'support' })).allowed, false);
  });
});
