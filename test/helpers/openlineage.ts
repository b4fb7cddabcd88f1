// Validates RunEvents against the OpenLineage 2-0-2 spec and the facet schemas copied into
// test/fixtures/openlineage (and Cordon's own facet in docs/lineage/), as upstream's
// test-facets.sh does: JSON Schema 2020-12, formats asserted, OpenLineage.json registered under
// its $id. Every facet of an event must name a schema this validator knows.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ajv2020Module from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import ajvFormatsModule from 'ajv-formats';
import { repoPath } from './paths.js';

const Ajv2020 = (ajv2020Module as unknown as { default: typeof ajv2020Module }).default;
const addFormats = (ajvFormatsModule as unknown as { default: typeof ajvFormatsModule }).default;

interface Ajv {
  addSchema(s: object): void;
  getSchema(id: string): ValidateFunction | undefined;
}

const DIR = repoPath('test/fixtures/openlineage');
const CORE_ID = 'https://openlineage.io/spec/2-0-2/OpenLineage.json';

let ajv: Ajv | undefined;
const facetIds = new Set<string>();

function load(): Ajv {
  if (ajv) return ajv;
  const a = new (Ajv2020 as unknown as new (o: object) => Ajv)({ allErrors: true, strict: false });
  (addFormats as unknown as (x: unknown) => void)(a);
  a.addSchema(JSON.parse(readFileSync(join(DIR, 'OpenLineage.json'), 'utf8')) as object);
  const files = [
    ...readdirSync(join(DIR, 'facets')).map((f) => join(DIR, 'facets', f)),
    repoPath('docs/lineage/CordonProtectionDatasetFacet.json'),
  ];
  for (const f of files) {
    const s = JSON.parse(readFileSync(f, 'utf8')) as { $id: string };
    a.addSchema(s);
    facetIds.add(s.$id);
  }
  ajv = a;
  return a;
}

function errorsOf(v: ValidateFunction, data: unknown, where: string): string[] {
  if (v(data)) return [];
  return (v.errors ?? []).map((e) => `${where}${e.instancePath} ${e.message ?? 'invalid'}`);
}

/** Problems with an event (empty when it is a valid OpenLineage 2-0-2 RunEvent with valid facets). */
export function openLineageProblems(event: unknown): string[] {
  const a = load();
  const problems = [
    ...errorsOf(a.getSchema(CORE_ID)!, event, 'event'),
    ...errorsOf(a.getSchema(`${CORE_ID}#/$defs/RunEvent`)!, event, 'RunEvent'),
  ];
  const e = event as {
    run?: { facets?: Record<string, unknown> }; job?: { facets?: Record<string, unknown> };
    inputs?: Array<{ facets?: Record<string, unknown>; inputFacets?: Record<string, unknown> }>;
    outputs?: Array<{ facets?: Record<string, unknown>; outputFacets?: Record<string, unknown> }>;
  };
  const groups: Array<[string, Record<string, unknown> | undefined]> = [
    ['run', e.run?.facets], ['job', e.job?.facets],
    ...(e.inputs ?? []).flatMap((d, i): Array<[string, Record<string, unknown> | undefined]> => [[`inputs[${i}]`, d.facets], [`inputs[${i}].inputFacets`, d.inputFacets]]),
    ...(e.outputs ?? []).flatMap((d, i): Array<[string, Record<string, unknown> | undefined]> => [[`outputs[${i}]`, d.facets], [`outputs[${i}].outputFacets`, d.outputFacets]]),
  ];
  for (const [where, facets] of groups) {
    for (const [key, facet] of Object.entries(facets ?? {})) {
      const url = (facet as { _schemaURL?: unknown })._schemaURL;
      const id = typeof url === 'string' ? url.split('#')[0]! : '';
      if (!facetIds.has(id)) {
        problems.push(`${where}.${key}: _schemaURL ${String(url)} names no known facet schema`);
        continue;
      }
      // A facet file's root schema maps the facet's key to its definition.
      problems.push(...errorsOf(a.getSchema(id)!, { [key]: facet }, `${where}.${key}`));
      const root = a.getSchema(id)!.schema as { properties?: Record<string, unknown> };
      if (!root.properties || !(key in root.properties)) problems.push(`${where}.${key}: ${id} defines no facet named ${key}`);
    }
  }
  return problems;
}
