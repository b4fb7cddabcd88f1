// `cordon guard redact` and `cordon guard restore` as a user runs them: JSONL in and out, values in
// the workspace's conversation vault only (never in the output or the audit log), restore only for a
// caller the shipped policies allow, stable error codes with --json.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { cliSandbox, type CliSandbox } from '../helpers/cli.js';
import { repoPath } from '../helpers/paths.js';

const APP = { CORDON_PRINCIPAL: 'support-bot', CORDON_ROLES: 'llm-app', CORDON_TENANT: 'acme' };
const lines = (out: string) => out.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('cordon guard redact / restore', () => {
  let s: CliSandbox;
  before(() => {
    s = cliSandbox();
    assert.equal(s.run(['init']).status, 0);
    writeFileSync(s.path('prompts.jsonl'), [
      JSON.stringify({ text: 'Please write to ada.lovelace@example.com about card 4111 1111 1111 1111.' }),
      JSON.stringify({ text: 'And cc ada.lovelace@example.com and bob@example.org, not <EMAIL_ADDRESS_1>.' }),
    ].join('\n') + '\n');
  });
  after(() => s.cleanup());

  it('redacts with typed placeholders, the same value the same one across lines, and prints no value', () => {
    const r = s.run(['guard', 'redact', '--in', 'prompts.jsonl', '--conversation', 'c-42', '--entities', 'EMAIL_ADDRESS,CREDIT_CARD'], { env: APP });
    assert.equal(r.status, 0, r.stderr);
    const out = lines(r.stdout);
    assert.deepEqual(out.map((o) => o['text']), [
      'Please write to <EMAIL_ADDRESS_1> about card <CREDIT_CARD_1>.',
      'And cc <EMAIL_ADDRESS_1> and <EMAIL_ADDRESS_2>, not ＜EMAIL_ADDRESS_1>.',
    ]);
    assert.deepEqual(out[1]!['placeholders'], [{ placeholder: '<EMAIL_ADDRESS_1>', entity: 'EMAIL_ADDRESS' }, { placeholder: '<EMAIL_ADDRESS_2>', entity: 'EMAIL_ADDRESS' }]);
    for (const secret of ['ada.lovelace', '4111', 'bob@']) {
      assert.equal(r.stdout.includes(secret), false, secret);
      assert.equal(readFileSync(s.path('ws', 'audit.jsonl'), 'utf8').includes(secret), false, `audit holds ${secret}`);
    }
    const audit = readFileSync(s.path('ws', 'audit.jsonl'), 'utf8').split('\n').filter((l) => l.includes('guard.redact')).map((l) => JSON.parse(l) as { attributes: Record<string, unknown> });
    assert.deepEqual(audit.at(-1)!.attributes, { tenant: 'acme', conversation: 'c-42', lines: 2, placeholders: 4, escaped: 1 });
    const vaultBytes = readFileSync(s.path('ws', 'guard-vault.db'));
    assert.equal(vaultBytes.includes(Buffer.from('ada.lovelace')), false, 'the vault holds ciphertext only');
  });

  it('restores for an llm-app of the tenant, with a purpose', () => {
    writeFileSync(s.path('answers.jsonl'), JSON.stringify({ text: 'Sent to <EMAIL_ADDRESS_1> and <EMAIL_ADDRESS_2>; <CREDIT_CARD_1> charged; <PERSON_9> unknown.' }) + '\n');
    const r = s.run(['guard', 'restore', '--in', 'answers.jsonl', '--conversation', 'c-42', '--purpose', 'support', '--policies', repoPath('policies')], { env: APP });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(lines(r.stdout), [{ text: 'Sent to ada.lovelace@example.com and bob@example.org; 4111 1111 1111 1111 charged; <PERSON_9> unknown.', restored: 3 }]);
    const audit = readFileSync(s.path('ws', 'audit.jsonl'), 'utf8');
    assert.equal(audit.includes('ada.lovelace'), false);
    assert.match(audit, /"guard.restore","outcome":"success"/);
  });

  it('refuses callers the policies do not allow, audits the refusal, and prints nothing', () => {
    const cases: Array<[Record<string, string>, string[]]> = [
      [{ ...APP, CORDON_ROLES: 'data-scientist' }, ['--purpose', 'support']],
      [{ ...APP, CORDON_TENANT: 'globex' }, ['--purpose', 'support', '--tenant', 'acme']],
      [APP, ['--purpose', '']],
    ];
    for (const [env, extra] of cases) {
      const r = s.run(['guard', 'restore', '--in', 'answers.jsonl', '--conversation', 'c-42', ...extra, '--policies', repoPath('policies'), '--json'], { env });
      assert.equal(r.status, 4, r.stderr);
      assert.equal(r.stdout, '');
      assert.equal((JSON.parse(r.stderr) as { error: { code: string } }).error.code, 'ERR_POLICY_DENIED');
    }
    // Another tenant's llm-app restoring its own tenant's conversation c-42 finds nothing of acme's.
    const other = s.run(['guard', 'restore', '--in', 'answers.jsonl', '--conversation', 'c-42', '--purpose', 'support', '--policies', repoPath('policies')], { env: { ...APP, CORDON_TENANT: 'globex' } });
    assert.equal(other.status, 0, other.stderr);
    assert.equal(lines(other.stdout)[0]!['restored'], 0);
    assert.match(readFileSync(s.path('ws', 'audit.jsonl'), 'utf8'), /"guard.restore","outcome":"failure","principal":"support-bot","reason":"ERR_POLICY_DENIED"/);
  });

  it('purges expired placeholders', () => {
    writeFileSync(s.path('short.jsonl'), JSON.stringify({ text: 'mail zed@example.com' }) + '\n');
    assert.equal(s.run(['guard', 'redact', '--in', 'short.jsonl', '--conversation', 'c-short', '--ttl', '1s']).status, 0);
    const wait = Date.now() + 1100;
    while (Date.now() < wait) { /* let the 1 s TTL pass */ }
    const r = s.run(['guard', 'purge', '--json']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { purged: 1 });
  });

  it('answers bad input with stable codes and no content', () => {
    writeFileSync(s.path('bad.jsonl'), '{"text": "ok"}\n{"no_text": "ada.lovelace@example.com"}\n');
    const bad = s.run(['guard', 'redact', '--in', 'bad.jsonl', '--conversation', 'c-1', '--json']);
    assert.equal(bad.status, 3);
    const err = JSON.parse(bad.stderr) as { error: { code: string; message: string } };
    assert.equal(err.error.code, 'ERR_INPUT_INVALID');
    assert.equal(err.error.message.includes('ada.lovelace'), false);
    assert.equal(s.run(['guard', 'redact', '--in', 'prompts.jsonl', '--conversation', 'bad id!', '--json']).status, 3);
    assert.equal(s.run(['guard', 'redact', '--in', 'prompts.jsonl', '--conversation', 'c-1', '--entities', 'NOPE', '--json']).status, 2);
    assert.equal(s.run(['guard', 'redact', '--in', 'prompts.jsonl', '--conversation', 'c-1', '--ttl', '100y', '--json']).status, 2);
    assert.equal(s.run(['guard', 'redact', '--in', 'missing.jsonl', '--conversation', 'c-1', '--json']).status, 3);
  });
});
