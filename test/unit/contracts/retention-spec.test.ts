// Issue 18 item 6 (first part): cordonRetention parses ISO 8601 durations per contract or schema
// object, refuses malformed or zero ones, and computes when data passes its retention with calendar
// months (clamped to the month's last day) and fixed days.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseRetentionSpec, retentionEnds } from '../../../src/contracts/retention-spec.js';
import { parseContract } from '../../../src/contracts/parse-contract.js';
import { CordonError } from '../../../src/errors.js';

const parse = (v: unknown) => { const p: string[] = []; const r = parseRetentionSpec(v, '/x', p); return { r, p }; };
const at = (s: string): number => Date.parse(s);

describe('contracts: cordonRetention', () => {
  it('parses durations and refuses malformed or zero ones', () => {
    assert.deepEqual(parse('P90D').r, { duration: 'P90D', months: 0, ms: 90 * 86_400_000 });
    assert.deepEqual(parse('P1Y6M').r, { duration: 'P1Y6M', months: 18, ms: 0 });
    assert.deepEqual(parse('P2WT12H').r, { duration: 'P2WT12H', months: 0, ms: (14 * 24 + 12) * 3_600_000 });
    assert.deepEqual(parse('PT90S').r?.ms, 90_000);
    for (const bad of ['90D', 'P', 'PT', 'P1DT', 'P0D', 'P-1D', 'p90d', 'P1.5D', 90, null, { days: 90 }]) {
      const { r, p } = parse(bad);
      assert.equal(r, undefined, JSON.stringify(bad));
      assert.equal(p.length, 1, JSON.stringify(bad));
    }
  });

  it('ends retention with calendar months clamped to the month, fixed days otherwise', () => {
    const spec = (d: string) => parse(d).r!;
    assert.equal(retentionEnds(spec('P90D'), at('2026-01-01T00:00:00Z')), at('2026-04-01T00:00:00Z'));
    assert.equal(retentionEnds(spec('P1M'), at('2026-01-31T10:00:00Z')), at('2026-02-28T10:00:00Z'));
    assert.equal(retentionEnds(spec('P1M'), at('2028-01-31T10:00:00Z')), at('2028-02-29T10:00:00Z'));
    assert.equal(retentionEnds(spec('P1Y'), at('2028-02-29T00:00:00Z')), at('2029-02-28T00:00:00Z'));
    assert.equal(retentionEnds(spec('P1MT1H'), at('2026-12-15T23:30:00Z')), at('2027-01-16T00:30:00Z'));
  });

  it('is read per contract and per schema object', () => {
    const text = (top: string, own: string) => `apiVersion: v3.1.0
kind: DataContract
id: r
version: 1.0.0
status: active
${top}schema:
  - name: a
${own}    properties:
      - { name: id, logicalType: string, primaryKey: true, classification: internal }
  - name: b
    properties:
      - { name: id, logicalType: string, classification: internal }
`;
    const c = parseContract(text('customProperties: [{ property: cordonRetention, value: P1Y }]\n', '    customProperties: [{ property: cordonRetention, value: P30D }]\n'));
    assert.equal(c.datasets[0]!.retention?.duration, 'P30D');
    assert.equal(c.datasets[1]!.retention?.duration, 'P1Y');
    assert.equal(parseContract(text('', '')).datasets[0]!.retention, undefined);
    assert.throws(() => parseContract(text('', '    customProperties: [{ property: cordonRetention, value: 30 days }]\n')), (e) => e instanceof CordonError && e.code === 'ERR_CONTRACT_INVALID' && /cordonRetention/.test(e.message));
  });
});
