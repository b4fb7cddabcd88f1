// The SQL subset of `cordon dp query --sql`: what it accepts and, by code, what it refuses.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDpSql } from '../../../src/privacy/query/parse-sql.js';

describe('parseDpSql', () => {
  it('accepts the subset', () => {
    assert.deepEqual(parseDpSql("SELECT region, COUNT(*) FROM visits WHERE year = '2024' AND kind = 'o''brien' GROUP BY region;"),
      { stat: 'count', by: 'region', from: 'visits', where: { year: '2024', kind: "o'brien" } });
    assert.deepEqual(parseDpSql('select avg(age) as a from "my data"'), { stat: 'mean', column: 'age', from: 'my data', where: {} });
    assert.deepEqual(parseDpSql('SELECT QUANTILE(income, 0.9) FROM t'), { stat: 'quantile', column: 'income', alpha: 0.9, from: 't', where: {} });
    assert.deepEqual(parseDpSql('SELECT MEDIAN(x) FROM t WHERE n = 3'), { stat: 'quantile', column: 'x', alpha: 0.5, from: 't', where: { n: '3' } });
    assert.deepEqual(parseDpSql('SELECT g, SUM(x) FROM t GROUP BY g'), { stat: 'sum', column: 'x', by: 'g', from: 't', where: {} });
  });

  for (const bad of [
    'SELECT * FROM t', 'SELECT COUNT(x) FROM t', 'SELECT region, COUNT(*) FROM t', 'SELECT COUNT(*) FROM t GROUP BY region',
    'SELECT a, COUNT(*) FROM t GROUP BY b', "SELECT COUNT(*) FROM t WHERE a = 'x' OR b = 'y'", 'SELECT COUNT(*) FROM t; DROP TABLE t',
    'SELECT QUANTILE(x, 2) FROM t', "SELECT COUNT(*) FROM t WHERE a = 'open", 'SELECT MAX(x) FROM t', 'SELECT COUNT(*) FROM t WHERE a > 3',
    `SELECT COUNT(*) FROM ${'t'.repeat(3000)}`,
  ]) {
    it(`refuses ${bad.slice(0, 60)}`, () => assert.throws(() => parseDpSql(bad), { code: 'ERR_INPUT_INVALID' }));
  }
});
