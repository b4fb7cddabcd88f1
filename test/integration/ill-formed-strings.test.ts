// Security review, issue 12, item 10: a string holding a lone UTF-16 surrogate has no UTF-8 form, so
// "\ud800", "\udfff" and "\ufffd" used to get the same token (and the first two came back as U+FFFD).
// Every place a caller's string becomes bytes now refuses it with ERR_INPUT_INVALID, without echoing
// it: the operators, the vault, the protect pipeline (library, CLI over JSONL, API), reveal, and
// every API route (one check on the request). Well-formed text, astral characters included, still works.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CordonError } from '../../src/errors.js';
import { deterministic } from '../../src/transform/operators/deterministic.js';
import { encrypt } from '../../src/transform/operators/encrypt.js';
import { hash } from '../../src/transform/operators/hash.js';
import { mask } from '../../src/transform/operators/mask.js';
import { fpe } from '../../src/transform/operators/fpe.js';
import { text } from '../../src/transform/operators/text.js';
import { dateShift } from '../../src/transform/operators/date-shift.js';
import { TokenVault } from '../../src/vault/vault.js';
import { SqliteVaultStore } from '../../src/vault/store/sqlite.js';
import { recordChecker } from '../../src/pipeline/check-records.js';
import { revealValues } from '../../src/pipeline/reveal.js';
import { parseContract } from '../../src/contracts/parse-contract.js';
import { selectDataset } from '../../src/contracts/select-dataset.js';
import { DEFAULT_RECOGNIZERS } from '../../src/detect/registry.js';
import { buildServer } from '../../src/server/app.js';
import type { Authorizer } from '../../src/server/authorize.js';
import type { Principal } from '../../src/server/principal.js';
import { testContext } from '../unit/transform/context.js';
import { tempKeyring, type TempKeyring } from '../helpers/keyring.js';
import { cliSandbox } from '../helpers/cli.js';
import { repoPath } from '../helpers/paths.js';
import { revealGrants } from '../helpers/reveal-policy.js';

/** Lone surrogates (high, low, a reversed pair) and one hidden after well-formed text. */
const ILL_FORMED = ['\ud800', '\udfff', '\udc00\ud800', 'Ann \ud83d'];
/** Well-formed, astral included: must keep working. */
const WELL_FORMED = ['\ufffd', 'Zoë 😀', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢'];

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    return e instanceof CordonError ? e.code : `not a CordonError: ${String(e)}`;
  }
}

async function codeOfAsync(f: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await f();
    return undefined;
  } catch (e) {
    return e instanceof CordonError ? e.code : `not a CordonError: ${String(e)}`;
  }
}

describe('ill-formed strings: operators', () => {
  const ctx = testContext({ subject: 'p-1', findSpans: () => [] });
  const ops = [
    ['deterministic', (v: string) => deterministic.apply(v, deterministic.parseParams({}), ctx)],
    ['encrypt', (v: string) => encrypt.apply(v, encrypt.parseParams({}), ctx)],
    ['hash', (v: string) => hash.apply(v, hash.parseParams({}), ctx)],
    ['mask', (v: string) => mask.apply(v, mask.parseParams({ keepFirst: 1 }), ctx)],
    ['text', (v: string) => text.apply(v, text.parseParams({}), ctx)],
  ] as const;

  for (const [name, apply] of ops) {
    it(`${name} refuses a lone surrogate with ERR_INPUT_INVALID and keeps working on well-formed text`, () => {
      for (const v of ILL_FORMED) assert.equal(codeOf(() => apply(v)), 'ERR_INPUT_INVALID', JSON.stringify(v));
      for (const v of WELL_FORMED) assert.equal(codeOf(() => apply(v)), undefined, JSON.stringify(v));
    });
  }

  it('deterministic: "\\ud800", "\\udfff" and "\\ufffd" no longer share a token', () => {
    const p = deterministic.parseParams({});
    const t = deterministic.apply('\ufffd', p, ctx)!;
    assert.equal(deterministic.invert!(t, p, ctx), '\ufffd');
    assert.equal(codeOf(() => deterministic.apply('\ud800', p, ctx)), 'ERR_INPUT_INVALID');
  });

  it('fpe refuses a lone surrogate in the value and among the separators', () => {
    const p = fpe.parseParams({});
    assert.equal(codeOf(() => fpe.apply('1234 5678', p, ctx)), undefined);
    const withSep = fpe.parseParams({ separators: '\ufffd ' });
    assert.equal(codeOf(() => fpe.apply('1234\ufffd5678', withSep, ctx)), undefined);
    assert.equal(codeOf(() => fpe.apply('1234\ud8005678', withSep, ctx)), 'ERR_INPUT_INVALID');
    assert.equal(codeOf(() => fpe.parseParams({ separators: '\ud800' })), 'ERR_INPUT_INVALID');
  });

  it('date-shift refuses a subject id with a lone surrogate (it is MACed)', () => {
    const p = dateShift.parseParams({});
    assert.equal(codeOf(() => dateShift.apply('2021-05-04', p, testContext({ subject: 'p-1' }))), undefined);
    assert.equal(codeOf(() => dateShift.apply('2021-05-04', p, testContext({ subject: 'p-\udfff' }))), 'ERR_INPUT_INVALID');
  });

  it('the error names neither the value nor the text around the surrogate', () => {
    try {
      hash.apply('secret-4111 \ud800', hash.parseParams({}), ctx);
      assert.fail('accepted');
    } catch (e) {
      assert.ok(e instanceof CordonError);
      assert.ok(!e.message.includes('secret-4111') && !e.message.includes('\ud800'), e.message);
      assert.ok(!JSON.stringify(e.details ?? {}).includes('secret'));
    }
  });
});

describe('ill-formed strings: vault, checks, reveal, API, CLI', () => {
  let tk: TempKeyring;
  let vault: TokenVault;

  before(async () => {
    tk = await tempKeyring();
    vault = await TokenVault.open(SqliteVaultStore.open(join(tk.dir, 'vault.db')), tk.keyring);
  });
  after(async () => {
    await vault.close();
    await tk.cleanup();
  });

  it('vault.tokenize refuses a batch holding a lone surrogate; U+FFFD itself round-trips', async () => {
    for (const v of ILL_FORMED) {
      assert.equal(await codeOfAsync(() => vault.tokenize('people.name', ['ok', v])), 'ERR_INPUT_INVALID', JSON.stringify(v));
    }
    const [t] = await vault.tokenize('people.name', ['\ufffd']);
    assert.deepEqual(await vault.detokenize('people.name', [t!]), ['\ufffd']);
  });

  it('vault.detokenize refuses a lone-surrogate token instead of finding the U+FFFD one (preserve format)', async () => {
    const [t] = await vault.tokenize('people.code', ['AB-\ufffd-123456'], { format: { kind: 'preserve' } });
    assert.ok(t!.includes('\ufffd'), 'the preserve format keeps U+FFFD in the token');
    assert.deepEqual(await vault.detokenize('people.code', [t!]), ['AB-\ufffd-123456']);
    const forged = t!.replace('\ufffd', '\ud800');
    assert.equal(await codeOfAsync(() => vault.detokenize('people.code', [forged])), 'ERR_INPUT_INVALID');
  });

  it('the protect record check refuses a value with a lone surrogate, naming row and column only', () => {
    const contract = parseContract(readFileSync(repoPath('test/fixtures/contracts/customers.odcs.yaml'), 'utf8'));
    const checker = recordChecker(selectDataset(contract, undefined));
    checker.checkShape({ customer_id: 'c1', full_name: 'Zoë 😀' }, 1);
    try {
      checker.checkShape({ customer_id: 'c1', full_name: 'Jane \ud800' }, 2);
      assert.fail('accepted');
    } catch (e) {
      assert.ok(e instanceof CordonError);
      assert.equal(e.code, 'ERR_INPUT_INVALID');
      assert.deepEqual(e.details, { row: 2, column: 'full_name' });
      assert.ok(!e.message.includes('Jane'));
    }
  });

  it('reveal refuses protected values with a lone surrogate', async () => {
    const contract = parseContract(readFileSync(repoPath('test/fixtures/contracts/customers.odcs.yaml'), 'utf8'));
    const [t] = await vault.tokenize('customers.full_name', ['\ufffd']);
    const input = {
      contract, column: 'full_name', purpose: 'fraud-investigation', principal: 'p',
      policy: revealGrants({ p: ['fraud-investigation'] }), keyring: tk.keyring, vault,
    };
    assert.deepEqual(await revealValues({ ...input, values: [t!] }), ['\ufffd']);
    assert.equal(await codeOfAsync(() => revealValues({ ...input, values: [t!, '\udfff'] })), 'ERR_INPUT_INVALID');
  });

  it('API: every route with a body refuses a lone surrogate anywhere in it with 400 ERR_INPUT_INVALID, not echoed', async () => {
    mkdirSync(join(tk.dir, 'contracts'), { recursive: true });
    copyFileSync(repoPath('test/fixtures/contracts/customers.odcs.yaml'), join(tk.dir, 'contracts', 'customers.yaml'));
    const alice: Principal = { id: 'user:alice', roles: [], attributes: {}, via: 'jwt' };
    const allowAll: Authorizer = { authorize: () => ({ allowed: true, policies: ['allow-all'], errors: [] }) };
    const server = buildServer({ keyring: tk.keyring, audit: tk.audit, vault, recognizers: DEFAULT_RECOGNIZERS, contractsDir: join(tk.dir, 'contracts') }, {
      authenticators: { jwt: async () => alice },
      authorizer: allowAll,
    });
    try {
      const headers = { authorization: 'Bearer t', 'x-cordon-purpose': 'support' };
      await tk.keyring.ensure('app', 'envelope');
      const cases: Array<[string, unknown]> = [
        ['/v1/tokenize', { namespace: 'people.name', values: ['ok', 'Ann \ud800'] }],
        ['/v1/detokenize', { namespace: 'people.name', tokens: ['tok_\udfff'] }],
        ['/v1/encrypt', { dataset: 'people', field: 'name', values: ['Ann \ud800'] }],
        ['/v1/decrypt', { dataset: 'people', field: 'name', ciphertexts: ['enc_v1_\ud800'] }],
        ['/v1/datakey', { key: 'app', context: 'object-\ud800' }],
        ['/v1/detect', { text: 'call Ann \ud800 at 555-0100' }],
        ['/v1/protect', { contract: 'customers', records: [{ customer_id: 'c1', full_name: 'Ann \ud800' }] }],
      ];
      for (const [url, payload] of cases) {
        const r = await server.app.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> });
        assert.equal(r.statusCode, 400, `${url}: ${r.body}`);
        assert.equal(r.json().code, 'ERR_INPUT_INVALID', url);
        assert.ok(!r.body.includes('Ann') && !r.body.includes('\\ud800') && !r.body.includes('\\udfff'), r.body);
      }
      // The same bodies with U+FFFD instead work (detect and protect as before).
      const ok = await server.app.inject({ method: 'POST', url: '/v1/tokenize', headers, payload: { namespace: 'people.name', values: ['Ann \ufffd'] } });
      assert.equal(ok.statusCode, 200, ok.body);
      const dk = await server.app.inject({ method: 'POST', url: '/v1/datakey', headers, payload: { key: 'app', context: 'object-\ufffd' } });
      assert.equal(dk.statusCode, 200, dk.body);
      // A data key wrapped under context "object-\ufffd" must not unwrap under "object-\ud800".
      const un = await server.app.inject({ method: 'POST', url: '/v1/datakey/unwrap', headers, payload: { wrapped: dk.json().wrapped, context: 'object-\ud800' } });
      assert.equal(un.statusCode, 400, un.body);
      assert.equal(un.json().code, 'ERR_INPUT_INVALID');
    } finally {
      await server.app.close();
    }
  });

  it('CLI: protect over JSONL with a "\\ud800" escape exits 3 (ERR_INPUT_INVALID), names row and column, writes nothing', () => {
    const s = cliSandbox();
    try {
      assert.equal(s.run(['init']).status, 0);
      copyFileSync(repoPath('test/fixtures/contracts/customers.odcs.yaml'), s.path('c.yaml'));
      writeFileSync(s.path('in.jsonl'), [
        JSON.stringify({ customer_id: 'c1', full_name: 'Jane Roe' }),
        '{"customer_id":"c2","full_name":"Jane \\ud800 Roe"}',
      ].join('\n') + '\n');
      const before = readdirSync(s.dir).sort();
      const r = s.run(['protect', 'in.jsonl', '-c', 'c.yaml', '-o', 'out.jsonl']);
      assert.equal(r.status, 3, r.stderr);
      assert.match(r.stderr, /ERR_INPUT_INVALID/);
      assert.match(r.stderr, /row 2: column "full_name"/);
      assert.ok(!r.stderr.includes('Jane'));
      assert.deepEqual(readdirSync(s.dir).sort(), before, 'nothing written');
    } finally {
      s.cleanup();
    }
  });
});
