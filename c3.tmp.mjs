import { PolicyEngine } from './dist/src/policy/index.js';
const e = PolicyEngine.load('policies');
const mode = process.argv[2];
const req = (i, t) => ({
  principal: { id: 'ana' + i, roles: ['data-scientist'], attributes: { department: 'risk' }, tenant: 'acme' },
  action: 'detokenize',
  resource: { type: 'column', id: 'customers.email', attributes: { classification: 'confidential', allowedPurposes: ['fraud'], tenant: 'acme', dataset: 'customers' } },
  context: { purpose: 'fraud', consent: true, time: t ?? new Date().toISOString() } });
const n = mode === 'cached' ? 300000 : 30000;
for (let i = 0; i < n; i++) e.authorize(req(mode === 'cached' ? i % 100 : i));
console.log('ok');
