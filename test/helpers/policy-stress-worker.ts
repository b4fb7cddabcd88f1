// Hammers PolicyEngine.authorize with distinct requests so V8 optimizes and deoptimizes around the
// Cedar wasm call; run as a subprocess by test/unit/policy/policy-engine.test.ts. Prints "ok N".
import { PolicyEngine } from '../../src/policy/index.js';
import { repoPath } from './paths.js';

const engine = PolicyEngine.load(repoPath('policies'));
const n = Number(process.argv[2] ?? 30000);
let allowed = 0;
for (let i = 0; i < n; i++) {
  const d = engine.authorize({
    principal: { id: `ana${i}`, roles: ['data-scientist'], attributes: { department: 'risk' }, tenant: 'acme' },
    action: i % 7 === 0 ? 'reveal' : 'detokenize',
    resource: { type: 'column', id: 'customers.email', attributes: { classification: 'confidential', allowedPurposes: ['fraud'], tenant: 'acme', dataset: 'customers' } },
    context: { purpose: i % 5 === 0 ? 'marketing' : 'fraud', consent: true, time: new Date().toISOString() },
  });
  if (d.allowed) allowed++;
}
process.stdout.write(`ok ${allowed}\n`);
