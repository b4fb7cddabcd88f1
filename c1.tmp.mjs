import { toCedarRequest } from './dist/src/policy/to-cedar-request.js';
import { readSchemaModel } from './dist/src/policy/schema-model.js';
import { readFileSync } from 'node:fs';
const model = readSchemaModel(readFileSync('policies/cordon.cedarschema', 'utf8'));
const req = (i, t) => ({
  principal: { id: 'ana' + i, roles: ['data-scientist'], attributes: { department: 'risk' }, tenant: 'acme' },
  action: 'detokenize',
  resource: { type: 'column', id: 'customers.email', attributes: { classification: 'confidential', allowedPurposes: ['fraud'], tenant: 'acme', dataset: 'customers' } },
  context: { purpose: 'fraud', consent: true, time: t ?? new Date().toISOString() } });
let x = 0;
for (let i = 0; i < 300000; i++) x += JSON.stringify(toCedarRequest(req(i), model)).length;
console.log('ok', x);
