// The generated ODCS validator (src/contracts/schema/odcs-v3.1.0-validate.ts, ajv standalone code)
// must be what scripts/build-odcs-validator.mjs generates from the schema module, and must judge
// documents exactly as the schema compiled by ajv at run time does: same verdict, same errors.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { ODCS_V3_1_0_SCHEMA } from '../../../src/contracts/schema/odcs-v3.1.0.js';
import { validate as generated } from '../../../src/contracts/schema/odcs-v3.1.0-validate.js';

const require = createRequire(import.meta.url);
const root = new URL('../../../../', import.meta.url);
const fixture = (name: string): Record<string, unknown> => parse(readFileSync(new URL(`test/fixtures/contracts/${name}`, root), 'utf8')) as Record<string, unknown>;

interface Validator { (doc: unknown): boolean; errors?: unknown[] | null }

function compiled(): Validator {
  const Ajv2019 = require('ajv/dist/2019').default as new (o: object) => { compile(s: object): Validator };
  const addFormats = require('ajv-formats').default as (a: unknown) => void;
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(ODCS_V3_1_0_SCHEMA);
}

/** Valid documents, and each of them broken in ways the schema refuses (types, enums, formats, required, extra properties). */
function corpus(): Array<[string, unknown]> {
  const docs: Array<[string, unknown]> = [];
  for (const name of ['customers.odcs.yaml', 'full-example.odcs.yaml']) {
    const doc = fixture(name);
    docs.push([name, doc]);
    const variants: Array<[string, (d: Record<string, unknown>) => void]> = [
      ['no apiVersion', (d) => { delete d['apiVersion']; }],
      ['apiVersion of the wrong type', (d) => { d['apiVersion'] = 3; }],
      ['unknown kind', (d) => { d['kind'] = 'Contract'; }],
      ['status not a string', (d) => { d['status'] = ['active']; }],
      ['schema not an array', (d) => { d['schema'] = { name: 'x' }; }],
      ['property without a name', (d) => { ((d['schema'] as Array<{ properties: Array<Record<string, unknown>> }>)[0]!.properties[0]!)['name'] = 7; }],
      ['logicalType not in the enum', (d) => { ((d['schema'] as Array<{ properties: Array<Record<string, unknown>> }>)[0]!.properties[0]!)['logicalType'] = 'text'; }],
      ['bad date-time', (d) => { d['contractCreatedTs'] = 'yesterday'; }],
      ['good date-time', (d) => { d['contractCreatedTs'] = '2026-01-02T03:04:05Z'; }],
      ['bad uri in authoritativeDefinitions', (d) => { d['authoritativeDefinitions'] = [{ url: 'not a uri', type: 'x' }]; }],
      ['an additional top-level property', (d) => { d['cordonExtra'] = true; }],
      ['everything at once', (d) => { delete d['id']; d['kind'] = 1; d['schema'] = 'x'; d['contractCreatedTs'] = 'x'; }],
    ];
    for (const [label, change] of variants) {
      const d = structuredClone(doc);
      change(d);
      docs.push([`${name}: ${label}`, d]);
    }
  }
  docs.push(['not an object', 'apiVersion: v3.1.0'], ['null', null], ['an array', []]);
  return docs;
}

describe('contracts: the generated ODCS validator', () => {
  it('is what scripts/build-odcs-validator.mjs generates from the schema', () => {
    const r = spawnSync(process.execPath, [fileURLToPath(new URL('scripts/build-odcs-validator.mjs', root)), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });

  it('gives the verdict and errors of the schema compiled by ajv, document by document', () => {
    const reference = compiled();
    const v = generated as unknown as Validator;
    let invalid = 0;
    for (const [label, doc] of corpus()) {
      const want = reference(doc);
      const wantErrors = structuredClone(reference.errors ?? null);
      const got = v(doc);
      assert.equal(got, want, label);
      assert.deepEqual(structuredClone(v.errors ?? null), wantErrors, label);
      if (!want) invalid++;
    }
    // The corpus has both kinds, so the comparison can fail either way.
    assert.ok(invalid >= 20, `only ${invalid} invalid documents`);
  });
});
