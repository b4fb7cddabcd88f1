import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { prepareOperator, subjectOffset } from '../../../src/transform/index.js';
import { testContext, testKeys } from './context.js';

const ctx = testContext();

describe('transform: generalize', () => {
  const cases: Array<[unknown, string, string]> = [
    [{ kind: 'date' }, '1984-03-17', '1984'],
    [{ kind: 'date', to: 'month' }, '1984-03-17', '1984-03'],
    [{ kind: 'date', to: 'month' }, '1984-03-17T08:15:00Z', '1984-03'],
    [{ kind: 'date', to: 'month' }, '3/7/1984', '1984-03'],
    [{ kind: 'date', to: 'year' }, '12/31/1999', '1999'],
    [{ kind: 'date', to: 'month' }, '2024-02-29', '2024-02'],
    [{ kind: 'date' }, '17.03.1984', '1984'],
    [{ kind: 'date', to: 'month' }, 'Mar 17, 1984', '1984-03'],
    [{ kind: 'date', to: 'month', format: 'DD/MM/YYYY' }, '3/7/1984', '1984-07'],
    [{ kind: 'date', format: 'DD-MM-YYYY' }, '31-12-1999', '1999'],
    [{ kind: 'zip' }, '02139', '021**'],
    [{ kind: 'zip' }, '94105-1804', '941**'],
    [{ kind: 'zip' }, '03601', '036**'],
    [{ kind: 'zip', hipaa: true }, '03601', '000**'],
    [{ kind: 'zip', hipaa: true }, '02139', '021**'],
    [{ kind: 'number' }, '34', '30-39'],
    [{ kind: 'number' }, '0', '0-9'],
    [{ kind: 'number', width: 5 }, '34', '30-34'],
    [{ kind: 'number', width: 1000 }, '52345.67', '52000-52999'],
    [{ kind: 'number', topCode: 90 }, '89', '80-89'],
    [{ kind: 'number', topCode: 90 }, '93', '90+'],
  ];
  for (const [params, input, expected] of cases) {
    it(`${JSON.stringify(params)}: ${input} → ${expected}`, () => {
      assert.equal(prepareOperator('generalize', params).apply(input, ctx), expected);
    });
  }

  it('values of the wrong kind are refused, never passed through', () => {
    const bad: Array<[unknown, string]> = [
      [{ kind: 'date' }, '2023-02-29'], [{ kind: 'date' }, '2023-13-01'], [{ kind: 'date' }, '13/1/2020'], [{ kind: 'date' }, 'yesterday'],
      [{ kind: 'date' }, '2020-1-5'], [{ kind: 'date', format: 'DD.MM.YYYY' }, '1984-03-17'], [{ kind: 'date' }, '31-12-1999'], [{ kind: 'zip' }, '1234'], [{ kind: 'zip' }, 'SW1A 1AA'], [{ kind: 'number' }, '-3'],
      [{ kind: 'number' }, '1e9'], [{ kind: 'number' }, ''], [{ kind: 'number' }, 'NaN'],
    ];
    for (const [params, v] of bad) assert.throws(() => prepareOperator('generalize', params).apply(v, ctx), { code: 'ERR_INPUT_INVALID' }, v);
  });
});

describe('transform: date-shift', () => {
  const op = prepareOperator('date-shift', { maxDays: 30 });
  const days = (a: string, b: string): number => (Date.parse(b) - Date.parse(a)) / 86_400_000;

  it('one offset per subject, within ±maxDays and never 0; intervals survive', () => {
    const p = testContext({ subject: 'p-17' });
    const a = op.apply('2021-05-04', p)!;
    const b = op.apply('2021-05-19', p)!;
    const shift = days('2021-05-04', a);
    assert.ok(shift !== 0 && Math.abs(shift) <= 30, `shift ${shift}`);
    assert.equal(days(a, b), 15);
    assert.equal(op.apply('2021-05-04', testContext({ subject: 'p-17', dataset: 'claims', field: 'dob' })), a, 'same subject, other dataset');
    const offsets = new Set(Array.from({ length: 40 }, (_, i) => days('2021-05-04', op.apply('2021-05-04', testContext({ subject: `p-${i}` }))!)));
    assert.ok(offsets.size > 10, 'subjects get different offsets');
    for (const o of offsets) assert.ok(o !== 0 && Math.abs(o) <= 30);
  });

  it('keeps the input format', () => {
    const key = testKeys().material('mac').material;
    const off = subjectOffset(key, 'default', 'p-17', 30);
    const p = testContext({ subject: 'p-17' });
    const shifted = new Date(Date.UTC(2021, 4, 4 + off));
    const [y, m, d] = [shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate()];
    const p2 = (n: number): string => String(n).padStart(2, '0');
    assert.equal(op.apply('2021-05-04', p), `${y}-${p2(m)}-${p2(d)}`);
    assert.equal(op.apply('2021-05-04T10:30:00+02:00', p), `${y}-${p2(m)}-${p2(d)}T10:30:00+02:00`);
    assert.equal(op.apply('5/4/2021', p), `${m}/${d}/${y}`);
    assert.equal(op.apply('05/04/2021', p), `${p2(m)}/${p2(d)}/${y}`);
    assert.equal(op.apply('04.05.2021', p), `${p2(d)}.${p2(m)}.${y}`);
    assert.equal(prepareOperator('date-shift', { maxDays: 30, format: 'DD/MM/YYYY' }).apply('4/5/2021', p), `${d}/${m}/${y}`);
    assert.throws(() => prepareOperator('date-shift', { maxDays: 30, format: 'DD/MM/YYYY' }).apply('2021-05-04', p), { code: 'ERR_INPUT_INVALID' });
  });

  it('offset crosses month and year ends correctly', () => {
    const key = testKeys().material('mac').material;
    for (let i = 0; i < 20; i++) {
      const subject = `s${i}`;
      const off = subjectOffset(key, 'default', subject, 30);
      const out = op.apply('2020-01-01', testContext({ subject }))!;
      assert.equal(days('2020-01-01', out), off);
    }
  });

  it('needs a subject and a date', () => {
    assert.throws(() => op.apply('2021-05-04', ctx), { code: 'ERR_INPUT_INVALID' });
    assert.throws(() => op.apply('2021-05-04', testContext({ subject: '' })), { code: 'ERR_INPUT_INVALID' });
    assert.throws(() => op.apply('not a date', testContext({ subject: 'p' })), { code: 'ERR_INPUT_INVALID' });
  });
});
