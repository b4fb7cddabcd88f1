// Re-identification risk: k-anonymity, ℓ-diversity, t-closeness and the ARX attacker risks against
// hand-computed tables and the published examples (Sweeney 2002, Machanavajjhala et al. 2007, Li et
// al. 2007), hierarchies, the contract's cordonRisk, and the lattice search against brute force.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assessRisk } from '../../../src/privacy/risk/assess-risk.js';
import { equalEmd, orderedBase, orderedEmd } from '../../../src/privacy/risk/emd.js';
import { searchLattice } from '../../../src/privacy/risk/search-lattice.js';
import { groupClasses } from '../../../src/privacy/risk/group-classes.js';
import { buildQuasiColumn, encodeColumn } from '../../../src/privacy/risk/hierarchy.js';
import { parseContract } from '../../../src/contracts/parse-contract.js';
import { draftContract } from '../../../src/contracts/draft-contract.js';
import { classifyColumns } from '../../../src/detect/columns/index.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import { riskRoleOf, type RiskRole } from '../../../src/contracts/risk-spec.js';
import type { ContractDataset } from '../../../src/contracts/types.js';
import { CordonError } from '../../../src/errors.js';

const close = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) <= eps, `${a} ≠ ${b}`);

function dataset(cols: Record<string, RiskRole | undefined>, entities: Record<string, string> = {}): ContractDataset {
  return {
    name: 't',
    columns: Object.entries(cols).map(([name, risk]) => ({
      name, required: false, classification: 'confidential' as const, purposes: [], ...(risk !== undefined ? { risk } : {}), ...(entities[name] !== undefined ? { entity: entities[name] } : {}),
    })),
  };
}
const table = (header: string[], lines: string[][]) => lines.map((l) => Object.fromEntries(header.map((h, i) => [h, l[i]!])));
const quasi: RiskRole = { role: 'quasi', hierarchy: { kind: 'none' } };
const sensitive: RiskRole = { role: 'sensitive', distance: 'equal' };

// Sweeney, "k-Anonymity: A Model for Protecting Privacy" (2002), Figure 2: a 2-anonymous table.
const SWEENEY = table(['race', 'birth', 'gender', 'zip', 'problem'], [
  ['black', '1965', 'm', '0214*', 'short breath'], ['black', '1965', 'm', '0214*', 'chest pain'],
  ['black', '1965', 'f', '0213*', 'hypertension'], ['black', '1965', 'f', '0213*', 'hypertension'],
  ['black', '1964', 'f', '0213*', 'obesity'], ['black', '1964', 'f', '0213*', 'chest pain'],
  ['white', '1964', 'm', '0213*', 'chest pain'], ['white', '1964', 'm', '0213*', 'obesity'], ['white', '1964', 'm', '0213*', 'short breath'],
  ['white', '1967', 'm', '0213*', 'chest pain'], ['white', '1967', 'm', '0213*', 'chest pain'],
]);

describe('k-anonymity and ARX risks: Sweeney 2002, Figure 2', () => {
  const d = dataset({ race: quasi, birth: quasi, gender: quasi, zip: quasi, problem: sensitive });
  const a = assessRisk(SWEENEY, d);
  it('is 2-anonymous with 5 classes', () => {
    assert.deepEqual(a.quasiIdentifiers, ['race', 'birth', 'gender', 'zip']);
    assert.equal(a.report.k, 2);
    assert.equal(a.report.classes, 5);
    assert.deepEqual(a.report.classSizes, [{ size: '2', classes: 4, records: 8 }, { size: '3-4', classes: 1, records: 3 }]);
  });
  it('prosecutor, journalist and marketer risks', () => {
    close(a.report.prosecutor.highestRisk, 1 / 2);
    close(a.report.prosecutor.recordsAtHighestRisk, 8 / 11);
    close(a.report.prosecutor.averageRisk, 5 / 11);
    // threshold 0.2: every record (risk 1/2 or 1/3) is at risk
    close(a.report.prosecutor.recordsAtRisk, 1);
    assert.deepEqual({ ...a.report.journalist, population: undefined }, { ...a.report.prosecutor, population: undefined });
    close(a.report.marketer.averageRisk, 5 / 11);
  });
  it('the homogeneity attack: two classes hold one problem each, distinct ℓ = 1', () => {
    assert.equal(a.report.sensitive[0]!.distinctL, 1);
    close(a.report.sensitive[0]!.entropyL, 1);
  });
  it('a lower threshold: records in classes of 3 are not at risk above 0.4', () => {
    close(assessRisk(SWEENEY, d, { riskThreshold: 0.4 }).report.prosecutor.recordsAtRisk, 8 / 11);
  });
});

// Machanavajjhala et al., "ℓ-Diversity: Privacy Beyond k-Anonymity" (TKDD 2007): Figure 1 (inpatient
// microdata), its 4-anonymous Figure 2 and 3-diverse Figure 3.
const FIG1 = table(['zip', 'age', 'nationality', 'condition'], [
  ['13053', '28', 'Russian', 'Heart Disease'], ['13068', '29', 'American', 'Heart Disease'], ['13068', '21', 'Japanese', 'Viral Infection'], ['13053', '23', 'American', 'Viral Infection'],
  ['14853', '50', 'Indian', 'Cancer'], ['14853', '55', 'Russian', 'Heart Disease'], ['14850', '47', 'American', 'Viral Infection'], ['14850', '49', 'American', 'Viral Infection'],
  ['13053', '31', 'American', 'Cancer'], ['13053', '37', 'Indian', 'Cancer'], ['13068', '36', 'Japanese', 'Cancer'], ['13068', '35', 'American', 'Cancer'],
]);
const FIG2 = FIG1.map((r, i) => ({ zip: i < 4 || i >= 8 ? '130**' : '1485*', age: i < 4 ? '<30' : i < 8 ? '≥40' : '3*', nationality: '*', condition: r.condition! }));
const FIG3 = table(['zip', 'age', 'nationality', 'condition'], [
  ['1305*', '≤40', '*', 'Heart Disease'], ['1305*', '≤40', '*', 'Viral Infection'], ['1305*', '≤40', '*', 'Cancer'], ['1305*', '≤40', '*', 'Cancer'],
  ['1485*', '>40', '*', 'Cancer'], ['1485*', '>40', '*', 'Heart Disease'], ['1485*', '>40', '*', 'Viral Infection'], ['1485*', '>40', '*', 'Viral Infection'],
  ['1306*', '≤40', '*', 'Heart Disease'], ['1306*', '≤40', '*', 'Viral Infection'], ['1306*', '≤40', '*', 'Cancer'], ['1306*', '≤40', '*', 'Cancer'],
]);

describe('ℓ-diversity: Machanavajjhala et al. 2007', () => {
  const d = dataset({ zip: quasi, age: quasi, nationality: quasi, condition: sensitive });
  it('Figure 1: every record is unique', () => {
    const r = assessRisk(FIG1, d).report;
    assert.equal(r.k, 1);
    assert.equal(r.classes, 12);
    close(r.prosecutor.highestRisk, 1);
  });
  it('Figure 2: 4-anonymous, but the 3* class is all cancer (distinct ℓ = 1)', () => {
    const r = assessRisk(FIG2, d).report;
    assert.equal(r.k, 4);
    assert.equal(r.sensitive[0]!.distinctL, 1);
    close(r.sensitive[0]!.entropyL, 1);
  });
  it('Figure 3: 3-diverse; entropy ℓ = exp(H(¼,¼,½)) = 2√2', () => {
    const r = assessRisk(FIG3, d).report;
    assert.equal(r.k, 4);
    assert.equal(r.sensitive[0]!.distinctL, 3);
    close(r.sensitive[0]!.entropyL, 2 * Math.SQRT2);
  });
  it('the search on Figure 1 finds a 4-anonymous, 2-diverse generalization without suppression', () => {
    const h = dataset({
      zip: { role: 'quasi', hierarchy: { kind: 'prefix', keep: [4, 3] } }, age: { role: 'quasi', hierarchy: { kind: 'bands', widths: [10, 20] } },
      nationality: quasi, condition: sensitive,
    });
    const a = assessRisk(FIG1, h, { target: { k: 4, l: 2 } });
    assert.equal(a.search?.found, true);
    assert.ok(a.search!.report!.k >= 4);
    assert.ok(a.search!.report!.sensitive[0]!.distinctL >= 2);
    assert.equal(a.search!.report!.suppressed, 0);
    // Nationality must go (each class mixes them); brute force agrees on the loss (below).
    assert.equal(a.search!.generalization!.find((g) => g.column === 'nationality')!.to, '*');
  });
});

// Li, Li, Venkatasubramanian, "t-Closeness" (ICDE 2007), §4.2 and Table 4.
describe('t-closeness EMD: Li et al. 2007', () => {
  const q = orderedBase(Array(9).fill(1 / 9)); // salaries 3K … 11K
  it('ordered distance: P1 = {3K, 4K, 5K} is 0.375 from Q, P2 = {6K, 8K, 11K} is 0.167', () => {
    close(orderedEmd(q, [0, 1, 2], [1, 1, 1], 3), 0.375);
    close(orderedEmd(q, [3, 5, 8], [1, 1, 1], 3), 1 / 6);
  });
  it('equal distance: half the L1 distance', () => {
    const u = Array(9).fill(1 / 9);
    close(equalEmd(u, [0, 1, 2], [1, 1, 1], 3), 2 / 3);
    close(equalEmd([0.5, 0.5], [0, 1], [1, 1], 2), 0);
    close(equalEmd([0.5, 0.5], [0], [4], 4), 0.5);
  });
  it('Table 4: 0.167-closeness on salary (ordered); 5/9 on disease with equal distance', () => {
    const t4 = table(['zip', 'age', 'salary', 'disease'], [
      ['4767*', '≤40', '3', 'gastric ulcer'], ['4767*', '≤40', '5', 'stomach cancer'], ['4767*', '≤40', '9', 'pneumonia'],
      ['4790*', '≥40', '6', 'gastritis'], ['4790*', '≥40', '11', 'flu'], ['4790*', '≥40', '8', 'bronchitis'],
      ['4760*', '≤40', '4', 'gastritis'], ['4760*', '≤40', '7', 'bronchitis'], ['4760*', '≤40', '10', 'stomach cancer'],
    ]);
    const r = assessRisk(t4, dataset({ zip: quasi, age: quasi, salary: { role: 'sensitive', distance: 'ordered' }, disease: sensitive })).report;
    assert.equal(r.k, 3);
    close(r.sensitive[0]!.t, 1 / 6);
    assert.equal(r.sensitive[0]!.distinctL, 3);
    // class 1 {gastric ulcer, stomach cancer, pneumonia} against Q (1,2,2,1,1,2)/9: ½·10/9
    close(r.sensitive[1]!.t, 5 / 9);
  });
  it('ordered distance ranks numbers by value, not as text', () => {
    const rows = table(['g', 's'], [['a', '9'], ['a', '10'], ['b', '100'], ['b', '100']]);
    const r = assessRisk(rows, dataset({ g: quasi, s: { role: 'sensitive', distance: 'ordered' } })).report;
    // Q = (¼ 9, ¼ 10, ½ 100), m = 3; class a: F_P = (½, 1) vs F_Q = (¼, ½): (¼ + ½)/2
    close(r.sensitive[0]!.t, 0.375);
  });
});

describe('hierarchies', () => {
  const levels = (h: Parameters<typeof buildQuasiColumn>[1], values: string[]) => {
    const c = buildQuasiColumn(encodeColumn('c', values), h);
    return c.levels.map((map, L) => values.map((_, i) => c.labels[L]![map[c.codes[i]!]!]!));
  };
  it('date → month → year → *', () => {
    assert.deepEqual(levels({ kind: 'date', levels: ['month', 'year'] }, ['1984-03-17', '1984-11-02']), [['1984-03-17', '1984-11-02'], ['1984-03', '1984-11'], ['1984', '1984'], ['*', '*']]);
  });
  it('dates written day first are read day first: the column\'s own form, as contract init would declare it', () => {
    // 02/11/1990 is 2 November here: 17/03/1984 shows the column writes the day first.
    assert.deepEqual(levels({ kind: 'date', levels: ['month'] }, ['17/03/1984', '02/11/1990']), [['17/03/1984', '02/11/1990'], ['1984-03', '1990-11'], ['*', '*']]);
    assert.deepEqual(levels({ kind: 'date', levels: ['month'] }, ['12.10.2000', '01.02.1999']), [['12.10.2000', '01.02.1999'], ['2000-10', '1999-02'], ['*', '*']]);
    // Nothing shows the order: month first, as the generalize operator's `auto` reads it.
    assert.deepEqual(levels({ kind: 'date', levels: ['month'] }, ['02/11/1990']), [['02/11/1990'], ['1990-02'], ['*']]);
  });
  it('a named format wins over the values, and a value it cannot read is refused', () => {
    assert.deepEqual(levels({ kind: 'date', levels: ['month'], format: 'DD/MM/YYYY' }, ['02/11/1990']), [['02/11/1990'], ['1990-11'], ['*']]);
    assert.throws(() => buildQuasiColumn(encodeColumn('dob', ['17/03/1984']), { kind: 'date', levels: ['year'], format: 'MM/DD/YYYY' }), (x: unknown) => x instanceof CordonError && x.code === 'ERR_INPUT_INVALID');
  });
  it('ZIP → 3 digits → 1 → *', () => {
    assert.deepEqual(levels({ kind: 'prefix', keep: [3, 1] }, ['02139', '02141']), [['02139', '02141'], ['021**', '021**'], ['0****', '0****'], ['*', '*']]);
  });
  it('ages → nested bands', () => {
    assert.deepEqual(levels({ kind: 'bands', widths: [5, 10] }, ['37', '42']), [['37', '42'], ['35-39', '40-44'], ['30-39', '40-49'], ['*', '*']]);
  });
  it('categorical maps compose', () => {
    assert.deepEqual(levels({ kind: 'map', levels: [{ flu: 'respiratory', gastritis: 'digestive' }, { respiratory: 'any', digestive: 'any' }] }, ['flu', 'gastritis']), [['flu', 'gastritis'], ['respiratory', 'digestive'], ['any', 'any'], ['*', '*']]);
  });
  it('a value that does not fit is counted, never quoted', () => {
    const e = assert.throws(() => buildQuasiColumn(encodeColumn('dob', ['1984-03-17', 'secret-value']), { kind: 'date', levels: ['year'] }), (x: unknown) => x instanceof CordonError && x.code === 'ERR_INPUT_INVALID');
    void e;
    try {
      buildQuasiColumn(encodeColumn('dob', ['secret-value']), { kind: 'date', levels: ['year'] });
    } catch (x) {
      assert.doesNotMatch(String((x as Error).message), /secret-value/);
    }
  });
});

describe('the contract: cordonRisk and the scanner\'s quasi entities', () => {
  const contract = (props: string) => `apiVersion: v3.1.0
kind: DataContract
id: 0b6f1d3c-7c5e-4d8e-9a51-2f1b1c9d8e70
version: 1.0.0
status: active
schema:
  - name: patients
    properties:
${props}`;
  it('parses roles and hierarchies; a ZIP_CODE entity defaults to a quasi-identifier', () => {
    const c = parseContract(contract(`      - name: zip
        classification: confidential
        customProperties:
          - { property: cordonEntity, value: ZIP_CODE }
      - name: dob
        customProperties:
          - property: cordonRisk
            value: { role: quasi, hierarchy: { kind: date, levels: [month, year] } }
      - name: diagnosis
        customProperties:
          - property: cordonRisk
            value: { role: sensitive }
`));
    const d = c.datasets[0]!;
    assert.deepEqual(d.columns[1]!.risk, { role: 'quasi', hierarchy: { kind: 'date', levels: ['month', 'year'] } });
    const a = assessRisk([{ zip: '02139', dob: '1984-03-17', diagnosis: 'flu' }, { zip: '02141', dob: '1984-03-02', diagnosis: 'cold' }], d, { target: { k: 2 } });
    assert.deepEqual(a.quasiIdentifiers, ['zip', 'dob']);
    assert.deepEqual(a.sensitive, ['diagnosis']);
    assert.deepEqual(a.search!.generalization, [{ column: 'zip', level: 1, to: 'prefix 3' }, { column: 'dob', level: 1, to: 'month' }]);
  });
  it('a drafted contract marks the scanner\'s quasi columns: by entity (ZIP) or by cordonRisk (zodiac sign, no entity)', () => {
    const sample = {
      zip: ['02139', '10001', '60601', '94105', '30301', '73301'],
      sign: ['Aries', 'Leo', 'Virgo', 'Pisces', 'Libra', 'Gemini'],
    };
    const rows = sample.zip.map((z, i) => ({ zip: z, sign: sample.sign[i]! }));
    const columns = classifyColumns({ records: rows }, { recognizers: DEFAULT_RECOGNIZERS });
    const c = parseContract(draftContract({ dataset: 'people', id: '0b6f1d3c-7c5e-4d8e-9a51-2f1b1c9d8e71', columns }));
    assert.deepEqual(assessRisk(rows, c.datasets[0]!).quasiIdentifiers, ['zip', 'sign']);
  });
  it('a date hierarchy takes its format from cordonRisk, else from the column\'s date operator', () => {
    const c = parseContract(contract(`      - name: dob
        customProperties:
          - property: cordonRisk
            value: { role: quasi, hierarchy: { kind: date, levels: [month], format: DD/MM/YYYY } }
      - name: admitted
        customProperties:
          - { property: cordonEntity, value: DATE_TIME }
          - { property: cordonProtect, value: { operator: generalize, params: { kind: date, to: month, format: DD.MM.YYYY } } }
`));
    const d = c.datasets[0]!;
    assert.deepEqual(d.columns[0]!.risk, { role: 'quasi', hierarchy: { kind: 'date', levels: ['month'], format: 'DD/MM/YYYY' } });
    assert.deepEqual(riskRoleOf(d.columns[1]!), { role: 'quasi', hierarchy: { kind: 'date', levels: ['month', 'year'], format: 'DD.MM.YYYY' } });
    // 02/11/1990 and 05/11/1990 share November only when read day first.
    const rows = [{ dob: '02/11/1990', admitted: '01.02.2020' }, { dob: '05/11/1990', admitted: '03.02.2020' }];
    const a = assessRisk(rows, d, { target: { k: 2 } });
    assert.deepEqual(a.search!.generalization, [{ column: 'dob', level: 1, to: 'month' }, { column: 'admitted', level: 1, to: 'month' }]);
  });
  it('rejects a malformed cordonRisk at load time', () => {
    for (const bad of ['{ role: quasi, hierarchy: { kind: date, format: DD/MM/YY } }', '{ role: quasi, hierarchy: { kind: bands, widths: [10, 15] } }', '{ role: maybe }', '{ role: quasi, hierarchy: { kind: prefix, keep: [1, 3] } }', '{ role: sensitive, distance: far }']) {
      assert.throws(() => parseContract(contract(`      - name: x
        customProperties:
          - property: cordonRisk
            value: ${bad}
`)), (e: unknown) => e instanceof CordonError && e.code === 'ERR_CONTRACT_INVALID', bad);
    }
  });
  it('a dataset without quasi-identifiers is refused', () => {
    assert.throws(() => assessRisk([{ a: '1' }], dataset({ a: undefined })), (e: unknown) => e instanceof CordonError && e.code === 'ERR_INPUT_INVALID');
  });
});

describe('lattice search', () => {
  // A seeded generator so the brute-force comparison covers many tables reproducibly.
  let seed = 12345;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  it('finds the least-loss passing node, as brute force does (40 random tables)', () => {
    for (let trial = 0; trial < 40; trial++) {
      const rows = Array.from({ length: 30 + rand(60) }, () => ({ a: String(10 + rand(40)), b: `${rand(3)}${rand(4)}${rand(10)}`, c: ['x', 'y', 'z'][rand(3)]!, s: String(rand(4)) }));
      const d = dataset({
        a: { role: 'quasi', hierarchy: { kind: 'bands', widths: [5, 10, 20] } }, b: { role: 'quasi', hierarchy: { kind: 'prefix', keep: [2, 1] } },
        c: quasi, s: sensitive,
      });
      const k = 2 + rand(5);
      const l = rand(2) === 0 ? undefined : 2;
      const supp = [0, 0.05, 0.1][rand(3)]!;
      const a = assessRisk(rows, d, { target: { k, ...(l !== undefined ? { l } : {}), maxSuppression: supp } });
      // brute force over every node
      const hierarchyOf = (n: string) => {
        const role = d.columns.find((x) => x.name === n)!.risk!;
        return role.role === 'quasi' ? role.hierarchy : { kind: 'none' as const };
      };
      const cols = (['a', 'b', 'c'] as const).map((n) => buildQuasiColumn(encodeColumn(n, rows.map((r) => r[n])), hierarchyOf(n)));
      const heights = cols.map((c) => c.levels.length);
      let best = Infinity;
      for (let i = 0; i < heights.reduce((x, y) => x * y, 1); i++) {
        const node = [i % heights[0]!, Math.floor(i / heights[0]!) % heights[1]!, Math.floor(i / (heights[0]! * heights[1]!))];
        const { classOf, sizes } = groupClasses(cols, node, rows.length);
        let suppressed = 0;
        const distinct = new Map<number, Set<string>>();
        rows.forEach((r, j) => { const s = distinct.get(classOf[j]!) ?? new Set(); s.add(r.s); distinct.set(classOf[j]!, s); });
        for (let c = 0; c < sizes.length; c++) if (sizes[c]! < k || (l !== undefined && distinct.get(c)!.size < l)) suppressed += sizes[c]!;
        if (suppressed <= Math.floor(supp * rows.length + 1e-9)) best = Math.min(best, node.reduce((s, lv, q) => s + lv / (heights[q]! - 1), 0) / 3);
      }
      if (best === Infinity) assert.equal(a.search!.found, false, `trial ${trial}`);
      else {
        assert.equal(a.search!.found, true, `trial ${trial}`);
        close(a.search!.loss!, best, 1e-9);
        assert.ok(a.search!.report!.k >= k || a.search!.report!.classes === 0);
        assert.ok(a.search!.report!.suppressed <= Math.floor(supp * rows.length + 1e-9));
        assert.ok(a.search!.evaluated <= a.search!.nodes);
      }
    }
  });
  it('prunes: a monotone predicate over a 4×4×4 lattice needs far fewer evaluations than nodes', () => {
    let calls = 0;
    const r = searchLattice([4, 4, 4], (lv) => { calls++; return { pass: lv[0]! + lv[1]! + lv[2]! >= 5, suppressed: 0 }; });
    assert.equal(r.nodes, 64);
    assert.ok(calls < 40, `${calls} evaluations`);
    close(r.loss!, 5 / 9);
  });
  it('refuses a lattice over the node limit', () => {
    assert.throws(() => searchLattice(Array(17).fill(2), () => ({ pass: true, suppressed: 0 })), (e: unknown) => e instanceof CordonError && e.code === 'ERR_INPUT_INVALID');
  });
});
