import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { toCedarRequest } from './dist/src/policy/to-cedar-request.js';
import { readSchemaModel } from './dist/src/policy/schema-model.js';
import { readFileSync, readdirSync } from 'node:fs';
const model = readSchemaModel(readFileSync('policies/cordon.cedarschema', 'utf8'));
const text = readdirSync('policies').filter(f => f.endsWith('.cedar')).map(f => readFileSync('policies/' + f, 'utf8')).join('\n');
cedar.preparsePolicySet('x', { staticPolicies: text });
const mode = process.argv[2];
const req = (i, t) => ({
  principal: { id: 'ana' + i, roles: ['data-scientist'], attributes: { department: 'risk' }, tenant: 'acme' },
  action: 'detokenize',
  resource: { type: 'column', id: 'customers.email', attributes: { classification: 'confidential', allowedPurposes: ['fraud'], tenant: 'acme', dataset: 'customers' } },
  context: { purpose: 'fraud', consent: true, time: t ?? new Date().toISOString() } });
const fixed = toCedarRequest(req(0), model);
for (let i = 0; i < 30000; i++) {
  const call = mode === 'fixed' ? fixed : toCedarRequest(req(i), model);
  cedar.statefulIsAuthorized({ ...call, preparsedPolicySetId: 'x', validateRequest: false });
}
console.log('ok');
