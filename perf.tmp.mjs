import { PolicyEngine } from './dist/src/policy/index.js';
const e = PolicyEngine.load('policies');
const req = (i, t) => ({
  principal: { id: 'ana' + i, roles: ['data-scientist'], attributes: { department: 'risk' }, tenant: 'acme' },
  action: 'detokenize',
  resource: { type: 'column', id: 'customers.email', attributes: { classification: 'confidential', allowedPurposes: ['fraud'], tenant: 'acme', dataset: 'customers' } },
  context: { purpose: 'fraud', consent: true, time: t ?? new Date().toISOString() } });
for (let i = 0; i < 5000; i++) e.authorize(req(i));
function run(label, n, f) { const t = performance.now(); for (let i = 0; i < n; i++) f(i); const s = (performance.now() - t) / 1000; console.log(label, Math.round(n / s), 'calls/s', (s / n * 1e6).toFixed(1), 'µs/call'); }
run('uncached (distinct principals)', 20000, (i) => e.authorize(req(100000 + i)));
run('cached (100 principals, fresh time each call)', 200000, (i) => e.authorize(req(i % 100)));
