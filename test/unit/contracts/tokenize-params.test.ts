// tokenize's contract params (format, keepLast): parsed when the contract loads, refused with the
// param's name, and carried by the protect plan to the vault call.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseContract } from '../../../src/contracts/parse-contract.js';
import { parseTokenizeParams } from '../../../src/contracts/tokenize-params.js';
import { join } from 'node:path';
import { planColumns } from '../../../src/pipeline/column-plan.js';
import { protectRecords } from '../../../src/pipeline/protect-records.js';
import type { ContractDataset } from '../../../src/contracts/types.js';
import type { OperatorKeys } from '../../../src/transform/types.js';
import { TokenVault } from '../../../src/vault/vault.js';
import { SqliteVaultStore } from '../../../src/vault/store/sqlite.js';
import { tempDir, tempKeyring } from '../../helpers/keyring.js';
import { flattenRecord } from '../../../src/io/record.js';

const fixture = readFileSync(new URL('../../../../test/fixtures/contracts/customers.odcs.yaml', import.meta.url), 'utf8');
const withTokenize = (params: string) => fixture.replace('{ operator: tokenize }', `{ operator: tokenize, params: ${params} }`);

describe('tokenize params', () => {
  it('defaults to the tok_ format; preserve takes keepLast', () => {
    assert.deepEqual(parseTokenizeParams({}), { format: { kind: 'token', keepLast: 0 } });
    assert.deepEqual(parseTokenizeParams({ format: 'token' }), { format: { kind: 'token', keepLast: 0 } });
    assert.deepEqual(parseTokenizeParams({ format: 'preserve', keepLast: 4 }), { format: { kind: 'preserve', keepLast: 4 } });
    assert.deepEqual(parseTokenizeParams({ format: 'preserve' }), { format: { kind: 'preserve', keepLast: 0 } });
  });

  const bad: Array<[string, Record<string, unknown>, RegExp]> = [
    ['an unknown format', { format: 'fpe' }, /"format"/],
    ['keepLast without preserve', { keepLast: 4 }, /"keepLast" needs "format: preserve"/],
    ['a negative keepLast', { format: 'preserve', keepLast: -1 }, /"keepLast"/],
    ['a fractional keepLast', { format: 'preserve', keepLast: 1.5 }, /"keepLast"/],
    ['a keepLast over 16', { format: 'preserve', keepLast: 17 }, /"keepLast"/],
    ['a string keepLast', { format: 'preserve', keepLast: '4' }, /"keepLast"/],
    ['an unknown param', { format: 'preserve', keepFirst: 2 }, /"keepFirst"/],
  ];
  for (const [what, params, msg] of bad) {
    it(`refuses ${what} with ERR_INPUT_INVALID naming the param`, () => {
      assert.throws(() => parseTokenizeParams(params), (e: { code?: string; message?: string }) => e.code === 'ERR_INPUT_INVALID' && msg.test(e.message ?? ''));
    });
  }

  it('parseContract checks them when the contract loads (ERR_CONTRACT_INVALID)', () => {
    assert.throws(() => parseContract(withTokenize('{ format: preserve, keepLast: 40 }')), (e: { code?: string; message?: string }) => e.code === 'ERR_CONTRACT_INVALID' && /keepLast/.test(e.message ?? ''));
    assert.throws(() => parseContract(withTokenize('{ format: shuffled }')), (e: { code?: string; message?: string }) => e.code === 'ERR_CONTRACT_INVALID' && /"format"/.test(e.message ?? ''));
  });

  it('the protect plan carries the format to the vault call', () => {
    const contract = parseContract(withTokenize('{ format: preserve, keepLast: 4 }'));
    const plan = planColumns(contract.datasets[0]!);
    const col = plan.find((p) => p.operator === 'tokenize')!;
    assert.deepEqual(col.tokenFormat, { kind: 'preserve', keepLast: 4 });
    const plain = planColumns(parseContract(fixture).datasets[0]!).find((p) => p.operator === 'tokenize')!;
    assert.deepEqual(plain.tokenFormat, { kind: 'token', keepLast: 0 });
  });

  it('protectRecords tokenizes with the format, and names the row and column of a value it cannot take', async () => {
    const k = await tempKeyring({ keys: [] });
    const vault = await TokenVault.open(SqliteVaultStore.open(join(tempDir(), 'vault.db')), k.keyring);
    try {
      const dataset: ContractDataset = { name: 'pay', columns: [{ name: 'card', required: false, classification: 'restricted', protect: { operator: 'tokenize', params: { format: 'preserve', keepLast: 4 } }, purposes: [] }] };
      const run = async (cards: Array<string | null>) => {
        const out: Array<Record<string, string | null>> = [];
        async function* records() { for (const card of cards) yield { card }; }
        for await (const r of protectRecords(records(), { dataset, plan: planColumns(dataset), keys: {} as OperatorKeys, vault, block: 2 })) out.push(flattenRecord(r));
        return out;
      };
      const out = await run(['4111 1111 1111 1234', null, '5500 0000 0000 0004']);
      assert.match(out[0]!['card']!, /^\d{4} \d{4} \d{4} 1234$/);
      assert.equal(out[1]!['card'], null);
      assert.match(out[2]!['card']!, /^\d{4} \d{4} \d{4} 0004$/);
      assert.deepEqual(await vault.detokenize('pay.card', [out[0]!['card']!, out[2]!['card']!]), ['4111 1111 1111 1234', '5500 0000 0000 0004']);
      await assert.rejects(run(['4111 1111 1111 1234', '5500 0000 0000 0004', '12-3456']), (e: { code?: string; message?: string }) =>
        e.code === 'ERR_INPUT_INVALID' && /^row 3, column "card": /.test(e.message ?? '') && !(e.message ?? '').includes('3456'));
    } finally {
      await vault.close();
      await k.cleanup();
    }
  });
});
