// The privacy budget ledger on both backends (SQLite and PostgreSQL): spending until the budget is
// gone, refusals audited and recording nothing, a subject set shared by two datasets, and concurrent
// spends that never overspend.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { MemoryAuditSink } from '../../src/audit/jsonl-sink.js';
import type { ContractDataset } from '../../src/contracts/types.js';
import { budgetState, spendBudget } from '../../src/privacy/accounting/spend-budget.js';
import type { PrivacyLoss } from '../../src/privacy/dp/privacy-loss.js';
import { PostgresBudgetLedger } from '../../src/privacy/ledger/postgres.js';
import { SqliteBudgetLedger } from '../../src/privacy/ledger/sqlite.js';
import type { BudgetLedgerStore } from '../../src/privacy/ledger/types.js';
import { tempDir } from '../helpers/keyring.js';
import { PG_SKIP, ScratchSchemas } from '../helpers/pg-schemas.js';

const dataset = (name: string, budget: ContractDataset['privacyBudget']): ContractDataset => ({ name, columns: [], ...(budget !== undefined ? { privacyBudget: budget } : {}) });
const pure = (epsilon: number): PrivacyLoss => ({ kind: 'pure', epsilon });
const req = (d: ContractDataset, loss: PrivacyLoss, q = 'q') => ({ contractId: 'c1', dataset: d, queryHash: q.padEnd(64, '0'), mechanism: 'discrete-laplace', loss, principal: 'alice' });

interface Backend {
  readonly name: string;
  readonly skip?: string;
  /** Two handles on one store (two processes or instances). */
  open(): Promise<[BudgetLedgerStore, BudgetLedgerStore]>;
}

const schemas = new ScratchSchemas('dp_ledger');
after(() => schemas.dropAll());

const BACKENDS: Backend[] = [
  {
    name: 'sqlite',
    async open() {
      const path = join(tempDir(), 'privacy.db');
      return [SqliteBudgetLedger.open(path), SqliteBudgetLedger.open(path)];
    },
  },
  {
    name: 'postgres', ...PG_SKIP,
    async open() {
      const { url } = await schemas.create();
      return [await PostgresBudgetLedger.open(url), await PostgresBudgetLedger.open(url)];
    },
  },
];

for (const backend of BACKENDS) {
  describe(`privacy budget ledger: ${backend.name}`, { ...(backend.skip !== undefined ? { skip: backend.skip } : {}) }, () => {
    it('spends until the budget is gone; the refusal records nothing and is audited', async () => {
      const [ledger, other] = await backend.open();
      try {
        const audit = new MemoryAuditSink();
        const d = dataset('visits', { limit: { kind: 'pure', epsilon: 1 }, maxContributions: 1 });
        const s1 = await spendBudget(ledger, audit, req(d, pure(0.5)));
        assert.deepEqual([s1.dataset.spent, s1.dataset.left], [0.5, 0.5]);
        const s2 = await spendBudget(other, audit, req(d, pure(0.3)));
        assert.ok(Math.abs(s2.dataset.left - 0.2) < 1e-12);
        await assert.rejects(spendBudget(ledger, audit, req(d, pure(0.25), 'over')), { code: 'ERR_BUDGET_EXHAUSTED' });
        assert.ok(Math.abs((await budgetState(ledger, 'c1', d)).dataset.spent - 0.8) < 1e-12, 'the refused query was recorded');
        // Decimal rounding does not refuse what fits: 0.8 + 0.2 is the budget.
        await spendBudget(ledger, audit, req(d, pure(0.2)));
        assert.equal(audit.events.length, 4);
        assert.deepEqual(audit.events.map((e) => [e.type, e.outcome, e.reason]), [
          ['dp.spend', 'success', undefined], ['dp.spend', 'success', undefined], ['dp.spend', 'failure', 'ERR_BUDGET_EXHAUSTED'], ['dp.spend', 'success', undefined],
        ]);
        const refused = audit.events[2]!.attributes!;
        assert.equal(refused['query_sha256'], 'over'.padEnd(64, '0'));
        assert.equal(refused['epsilon'], 0.25);
        assert.equal(refused['budget_left'], 0.2);
        assert.equal(refused['dataset'], 'dataset:c1/visits');
      } finally {
        await ledger.close();
        await other.close();
      }
    });

    it('a subject set is one budget across datasets; a dataset without a budget answers nothing', async () => {
      const [ledger, other] = await backend.open();
      try {
        const audit = new MemoryAuditSink();
        const subjects = { set: 'patients', limit: { kind: 'pure', epsilon: 1 } } as const;
        const a = dataset('visits', { limit: { kind: 'pure', epsilon: 1 }, subjects, maxContributions: 1 });
        const b = dataset('labs', { limit: { kind: 'pure', epsilon: 1 }, subjects, maxContributions: 1 });
        await spendBudget(ledger, audit, req(a, pure(0.6)));
        // labs has its own ε = 1 left, but the patients have 0.4.
        await assert.rejects(spendBudget(other, audit, req(b, pure(0.6))), { code: 'ERR_BUDGET_EXHAUSTED' });
        const s = await spendBudget(other, audit, req(b, pure(0.4)));
        assert.ok(Math.abs(s.subjects!.left) < 1e-12);
        assert.equal(s.dataset.spent, 0.4);
        await assert.rejects(spendBudget(ledger, audit, req(dataset('none', undefined), pure(0.1))), { code: 'ERR_INPUT_INVALID' });
      } finally {
        await ledger.close();
        await other.close();
      }
    });

    it('a budget kind that cannot pay for the loss is refused', async () => {
      const [ledger, other] = await backend.open();
      try {
        const d = dataset('visits', { limit: { kind: 'pure', epsilon: 10 }, maxContributions: 1 });
        await assert.rejects(spendBudget(ledger, new MemoryAuditSink(), req(d, { kind: 'zcdp', rho: 0.001 })), (e: { code?: string; message?: string }) => e.code === 'ERR_BUDGET_EXHAUSTED' && /pure/.test(e.message ?? ''));
      } finally {
        await ledger.close();
        await other.close();
      }
    });

    it('concurrent spends never overspend: 40 requests of 0.1 against ε = 1 from two handles, exactly 10 pass', async () => {
      const [ledger, other] = await backend.open();
      try {
        const audit = new MemoryAuditSink();
        const d = dataset('race', { limit: { kind: 'pure', epsilon: 1 }, maxContributions: 1 });
        const results = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => spendBudget(i % 2 === 0 ? ledger : other, audit, req(d, pure(0.1), `r${i}`))));
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 10);
        assert.ok(results.every((r) => r.status === 'fulfilled' || (r.reason as { code?: string }).code === 'ERR_BUDGET_EXHAUSTED'));
        assert.equal((await ledger.losses('dataset:c1/race')).length, 10);
      } finally {
        await ledger.close();
        await other.close();
      }
    });
  });
}
