// Issue 14, item 5: every audit event names the principal that was authorized. The keyring is
// opened as the process's identity ("local:root"); reveal decides for another principal
// ("demo:analyst") and its events used to name the keyring's. The table below has one row per
// AuditEventType (the compiler refuses a new type without a row): a row either drives the emitter
// through a keyring acting for ACTING and checks the event names it, or says which caller-supplied
// principal the emitter records (those emitters take no keyring identity to get wrong).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { AuditEventType } from '../../../src/audit/event.js';
import { parseContract } from '../../../src/contracts/parse-contract.js';
import { generateDataKey, unwrapDataKey } from '../../../src/keys/envelope.js';
import { revealValues } from '../../../src/pipeline/reveal.js';
import { loadOperatorKeys } from '../../../src/pipeline/operator-keys.js';
import { OPERATOR_PURPOSES } from '../../../src/pipeline/column-plan.js';
import { prepareOperator } from '../../../src/transform/registry.js';
import { tempKeyring, type TempKeyring } from '../../helpers/keyring.js';
import { repoPath } from '../../helpers/paths.js';
import { revealGrants } from '../../helpers/reveal-policy.js';

const ACTING = 'demo:analyst';
const enc = new TextEncoder();

type Row = { drive: (tk: TempKeyring) => Promise<void> } | { callerGiven: string };

/** The fixture contract with the deterministic email column revealable for "qa". */
function contract() {
  const text = readFileSync(repoPath('test/fixtures/contracts/customers.odcs.yaml'), 'utf8')
    .replace('value: { operator: deterministic, params: { scope: customers } }', 'value: { operator: deterministic, params: { scope: customers } }\n          - property: cordonPurposes\n            value: [qa]');
  return parseContract(text);
}

async function detEmail(tk: TempKeyring, value: string): Promise<string> {
  const op = prepareOperator('deterministic', { scope: 'customers' });
  const keys = await loadOperatorKeys(tk.keyring, OPERATOR_PURPOSES['deterministic'] ?? []);
  return op.apply(value, { dataset: 'customers', field: 'email', keys })!;
}

const ROWS = {
  'key.create': { drive: async (tk) => { await tk.keyring.as(ACTING).create('k-create'); } },
  'key.rotate': { drive: async (tk) => { await tk.keyring.as(ACTING).rotate('default'); } },
  'key.retire': { drive: async (tk) => { await tk.keyring.create('k-retire'); await tk.keyring.as(ACTING).retire('k-retire'); } },
  'key.min_version': { drive: async (tk) => { await tk.keyring.create('k-min'); await tk.keyring.rotate('k-min'); await tk.keyring.as(ACTING).setMinDecryptionVersion('k-min', 2); } },
  'key.destroy': { drive: async (tk) => { await tk.keyring.create('k-destroy'); await tk.keyring.rotate('k-destroy'); await tk.keyring.as(ACTING).destroyVersion('k-destroy', 1); } },
  'key.unwrap': { drive: async (tk) => { await tk.keyring.create('k-unwrap'); await tk.keyring.as(ACTING).primaryMaterial('k-unwrap', 'envelope'); } },
  'datakey.generate': { drive: async (tk) => { await generateDataKey(tk.keyring.as(ACTING), 'default', enc.encode('ctx')); } },
  'datakey.unwrap': {
    drive: async (tk) => {
      const { wrappedKey } = await generateDataKey(tk.keyring, 'default', enc.encode('ctx'));
      await unwrapDataKey(tk.keyring.as(ACTING), wrappedKey, enc.encode('ctx'));
    },
  },
  // The file operations record through Keyring.record, as the view does here.
  'file.encrypt': { drive: async (tk) => { tk.keyring.as(ACTING).record('file.encrypt', 'success', { name: 'default', version: 1 }); } },
  'file.decrypt': { drive: async (tk) => { tk.keyring.as(ACTING).record('file.decrypt', 'failure', { name: 'default' }, { reason: 'ERR_DECRYPTION_FAILED' }); } },
  'file.rewrap': { drive: async (tk) => { tk.keyring.as(ACTING).record('file.rewrap', 'success', { name: 'default', version: 1 }); } },
  // The bug: the keyring is opened as "test"; reveal decides for ACTING and must audit ACTING.
  'token.reveal': {
    drive: async (tk) => {
      const protectedValue = await detEmail(tk, 'ann@example.com');
      tk.audit.events.length = 0;
      const out = await revealValues({
        contract: contract(), column: 'email', purpose: 'qa', principal: ACTING,
        policy: revealGrants({ [ACTING]: ['qa'] }), values: [protectedValue], keyring: tk.keyring,
      });
      assert.deepEqual(out, ['ann@example.com']);
      await assert.rejects(revealValues({
        contract: contract(), column: 'email', purpose: 'marketing', principal: ACTING,
        policy: revealGrants({ [ACTING]: ['qa'] }), values: [protectedValue], keyring: tk.keyring,
      }), { code: 'ERR_POLICY_DENIED' });
    },
  },
  'token.detokenize': { callerGiven: 'declared type with no emitter in src/ (reveal audits token.reveal)' },
  'protect.run': { callerGiven: 'the CLI emits it with resolvePrincipal(), the identity its keyring is opened with; the server with the authenticated caller (src/server/handler-audit.ts)' },
  'detect.request': { callerGiven: 'src/server/handler-audit.ts names the authenticated caller the policy decided for' },
  'contract.change': { callerGiven: 'declared type with no emitter in src/' },
  'authz.decision': { callerGiven: 'src/server/authorize.ts names request.principal.id, the principal decided for' },
  'artifact.sign': { callerGiven: 'signArtifact names options.audit.principal' },
  'artifact.verify': { callerGiven: 'verifyArtifact names options.audit.principal' },
  'jwt.issue': { callerGiven: 'issueAccessToken names options.actor, who issued the token' },
  'dp.spend': { callerGiven: 'spendBudget names options.principal, who asked the query' },
  'risk.gate': { callerGiven: 'cordon protect emits it with resolvePrincipal(), as it does protect.run' },
  'guard.redact': { callerGiven: 'cordon guard redact emits it with resolvePrincipal(), the identity its keyring is opened with' },
  'guard.restore': { callerGiven: 'cordon guard restore emits it with resolvePrincipal(), the principal the policy decided for' },
  'guard.chat': { callerGiven: 'src/server/handler-audit.ts names the authenticated caller of POST /v1/chat/completions (test/integration/guard-proxy.test.ts)' },
  'guard.embed': { callerGiven: 'src/server/handler-audit.ts names the authenticated caller of POST /v1/embeddings (test/integration/guard-proxy.test.ts)' },
  'rag.ingest': { callerGiven: 'ingestDocuments names options.audit.principal' },
  'rag.retrieve': { callerGiven: 'retrieve names the principal the policies decided for (test/unit/rag/retrieve.test.ts)' },
  'erase': { callerGiven: 'eraseSubject names input.principal (cordon erase: resolvePrincipal(), the identity its keyring is opened with)' },
  'consent.change': { callerGiven: 'changeConsent names input.principal (cordon consent: resolvePrincipal(), the identity its keyring is opened with)' },
  'retention.apply': { callerGiven: 'applyRetention names input.principal (cordon retention apply: resolvePrincipal(); cordon serve\'s schedule: the server\'s own identity)' },
} satisfies Record<AuditEventType, Row>;

describe('audit events name the authorized principal (issue 14 item 5)', () => {
  let tk: TempKeyring;
  before(async () => { tk = await tempKeyring(); });
  after(async () => { await tk.cleanup(); });

  for (const [type, row] of Object.entries(ROWS) as Array<[AuditEventType, Row]>) {
    if ('callerGiven' in row) continue;
    it(`${type}: every event names ${ACTING}, not the keyring's principal`, async () => {
      tk.audit.events.length = 0;
      await row.drive(tk);
      const mine = tk.audit.events.filter((e) => e.type === type);
      assert.ok(mine.length > 0, `a ${type} event was emitted`);
      const afterDrive = tk.audit.events.slice(tk.audit.events.findIndex((e) => e.type === type));
      for (const e of afterDrive) assert.equal(e.principal, ACTING, `${e.type} ${e.outcome} names ${ACTING}`);
    });
  }

  it('token.reveal: both the allowed and the denied attempt are audited under the decided principal', async () => {
    tk.audit.events.length = 0;
    await ROWS['token.reveal'].drive(tk);
    const reveals = tk.audit.events.filter((e) => e.type === 'token.reveal');
    assert.deepEqual(reveals.map((e) => [e.outcome, e.principal]), [['success', ACTING], ['failure', ACTING]]);
    assert.equal(reveals[1]!.reason, 'ERR_POLICY_DENIED');
  });

  it('the keyring itself keeps its principal; as() shares its keys', async () => {
    assert.equal(tk.keyring.principal, 'test');
    assert.equal(tk.keyring.as('test'), tk.keyring);
    const view = tk.keyring.as(ACTING);
    assert.equal(view.principal, ACTING);
    assert.deepEqual((await view.list()).map((k) => k.name), (await tk.keyring.list()).map((k) => k.name));
    assert.throws(() => tk.keyring.as(''), TypeError);
  });
});
