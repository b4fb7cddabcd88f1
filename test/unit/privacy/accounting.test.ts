// Accounting: the zCDP → (ε, δ) conversions, composition under each kind of budget, and the
// contract's cordonPrivacyBudget.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { budgetUse } from '../../../src/privacy/accounting/compose.js';
import { zcdpToEpsilon } from '../../../src/privacy/accounting/zcdp-to-approx.js';
import { parseContract } from '../../../src/contracts/parse-contract.js';

describe('zcdpToEpsilon', () => {
  for (const [rho, delta] of [[0.5, 1e-6], [0.01, 1e-5], [2, 1e-9], [1e-4, 1e-6]] as const) {
    it(`ρ = ${rho}, δ = ${delta}: below Bun–Steinke, at the CKS minimum over α`, () => {
      const eps = zcdpToEpsilon(rho, delta);
      const bs = rho + 2 * Math.sqrt(rho * Math.log(1 / delta));
      assert.ok(eps <= bs * (1 + 1e-9), `${eps} > Bun–Steinke ${bs}`);
      // Brute force over a grid of α: the search does at least as well, and the grid's minimum is
      // within 1e-6 of it (so the search did not wander to a value no α attains).
      const l = Math.log(1 / delta);
      let min = Infinity;
      for (let t = -12; t <= 16; t += 0.0005) {
        const a = 1 + Math.exp(t);
        const v = a * rho + (l + (a - 1) * Math.log1p(-1 / a) - Math.log(a)) / (a - 1);
        if (v < min) min = v;
      }
      const best = Math.min(min, bs);
      assert.ok(eps <= best * (1 + 1e-9), `${eps} misses the grid minimum ${best}`);
      assert.ok(eps >= best * (1 - 1e-6), `${eps} is far below anything the grid attains (${best})`);
    });
  }

  it('a known figure: ρ = 0.5, δ = 1e-6 is below the Bun–Steinke 5.757', () => {
    const eps = zcdpToEpsilon(0.5, 1e-6);
    assert.ok(eps > 4.5 && eps < 5.757, String(eps));
  });
});

describe('budgetUse', () => {
  it('pure budget: basic composition, and refuses other kinds', () => {
    const u = budgetUse([{ kind: 'pure', epsilon: 0.25 }, { kind: 'pure', epsilon: 0.5 }], { kind: 'pure', epsilon: 1 });
    assert.equal(u.spent, 0.75);
    assert.equal(u.left, 0.25);
    assert.equal(budgetUse([{ kind: 'zcdp', rho: 0.01 }], { kind: 'pure', epsilon: 1 }).spent, Infinity);
    assert.equal(budgetUse([{ kind: 'approx', epsilon: 0.1, delta: 1e-9 }], { kind: 'pure', epsilon: 1 }).spent, Infinity);
  });

  it('(ε, δ) budget: the smaller of basic and zCDP composition', () => {
    const limit = { kind: 'approx', epsilon: 10, delta: 1e-6 } as const;
    // Few queries: basic composition wins (3 × 0.1 = 0.3).
    assert.ok(Math.abs(budgetUse(Array(3).fill({ kind: 'pure', epsilon: 0.1 }), limit).spent - 0.3) < 1e-12);
    // Many: zCDP wins. 400 × ε = 0.05 is 20 basic; zCDP ρ = 400 · 0.05²/2 = 0.5 → about 5.
    const many = budgetUse(Array(400).fill({ kind: 'pure', epsilon: 0.05 }), limit);
    assert.ok(Math.abs(many.spent - zcdpToEpsilon(0.5, 1e-6)) < 1e-9, String(many.spent));
    // Gaussian releases go through zCDP; approx ones add their ε and use up δ.
    const mixed = budgetUse([{ kind: 'zcdp', rho: 0.1 }, { kind: 'approx', epsilon: 0.5, delta: 5e-7 }], limit);
    assert.ok(Math.abs(mixed.spent - (0.5 + zcdpToEpsilon(0.1, 5e-7))) < 1e-9);
    assert.equal(budgetUse([{ kind: 'approx', epsilon: 0.5, delta: 2e-6 }], limit).spent, Infinity);
  });

  it('ρ budget: pure ε counts as ε²/2, (ε, δ) is refused', () => {
    const u = budgetUse([{ kind: 'pure', epsilon: 1 }, { kind: 'zcdp', rho: 0.25 }], { kind: 'zcdp', rho: 1 });
    assert.equal(u.spent, 0.75);
    assert.equal(u.unit, 'rho');
    assert.equal(budgetUse([{ kind: 'approx', epsilon: 0.1, delta: 1e-9 }], { kind: 'zcdp', rho: 1 }).spent, Infinity);
  });
});

const contract = (schemaBudget: string, topBudget = '') => `apiVersion: v3.1.0
kind: DataContract
id: dp-test
version: 1.0.0
status: active
${topBudget}
schema:
  - name: visits
    ${schemaBudget}
    properties:
      - name: patient_id
        primaryKey: true
        classification: restricted
      - name: region
        classification: internal
  - name: other
    properties:
      - name: x
        classification: internal
`;

describe('cordonPrivacyBudget in the contract', () => {
  it('per schema object, with a subject set', () => {
    const c = parseContract(contract(`customProperties:
      - property: cordonPrivacyBudget
        value: { epsilon: 1, delta: 1.0e-6, maxContributions: 3, subjects: { set: patients, rho: 0.5 } }`));
    assert.deepEqual(c.datasets[0]!.privacyBudget, { limit: { kind: 'approx', epsilon: 1, delta: 1e-6 }, subjects: { set: 'patients', limit: { kind: 'zcdp', rho: 0.5 } }, maxContributions: 3 });
    assert.equal(c.datasets[1]!.privacyBudget, undefined);
  });

  it('on the contract, for every dataset without its own', () => {
    const c = parseContract(contract(`customProperties:
      - property: cordonPrivacyBudget
        value: { rho: 0.2 }`, `customProperties:
  - property: cordonPrivacyBudget
    value: { epsilon: 2 }`));
    assert.deepEqual(c.datasets[0]!.privacyBudget, { limit: { kind: 'zcdp', rho: 0.2 }, maxContributions: 1 });
    assert.deepEqual(c.datasets[1]!.privacyBudget, { limit: { kind: 'pure', epsilon: 2 }, maxContributions: 1 });
  });

  for (const [bad, problem] of [
    ['{ epsilon: 0 }', 'epsilon'], ['{ epsilon: 1, delta: 1 }', 'delta'], ['{ epsilon: 1, rho: 1 }', 'rho'],
    ['{ epsilon: 1, maxContributions: 0 }', 'maxContributions'], ['{ epsilon: 1, budget: 3 }', 'unknown setting'],
    ['{ epsilon: 1, subjects: { set: "a b", epsilon: 1 } }', 'subjects'], ['3', 'must be an object'],
  ] as const) {
    it(`refuses ${bad}`, () => {
      assert.throws(() => parseContract(contract(`customProperties:
      - property: cordonPrivacyBudget
        value: ${bad}`)), (e: { code?: string; details?: { problems?: string } }) => e.code === 'ERR_CONTRACT_INVALID' && (e.details?.problems ?? '').includes(problem));
    });
  }
});
