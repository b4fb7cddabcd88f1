// Policy tests kept beside the policies: YAML files of requests and the decision each must get
// (docs/policy.md, "Testing policies"). Parsing checks every field and names the file and case in
// errors; running is a pure loop over PolicyEngine.authorize.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CordonError } from '../errors.js';
import type { PolicyEngine } from './policy-engine.js';
import { ACTIONS, RESOURCE_TYPES, type Action, type AttributeValue, type AuthzContext, type AuthzDecision, type AuthzPrincipal, type AuthzResource } from './types.js';

export interface PolicyTestCase {
  readonly file: string;
  readonly name: string;
  readonly principal: AuthzPrincipal;
  readonly action: Action;
  readonly resource: AuthzResource;
  readonly context: AuthzContext;
  readonly expect: 'allow' | 'deny';
  /** When given, the decision's policy ids must be exactly these (in any order). */
  readonly policies?: readonly string[];
}

export interface PolicyTestResult {
  readonly case: PolicyTestCase;
  readonly passed: boolean;
  readonly decision: AuthzDecision;
  /** Why it failed, empty when it passed. */
  readonly problem: string;
}

export interface PolicyTestSummary {
  readonly passed: number;
  readonly failed: number;
  readonly results: readonly PolicyTestResult[];
}

const MAX_FILE_BYTES = 1024 * 1024;
type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function fail(where: string, message: string): never {
  throw new CordonError('ERR_CONFIG_INVALID', `${where}: ${message}`);
}

function only(o: Obj, allowed: readonly string[], where: string): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) fail(where, `unknown field "${k}" (allowed: ${allowed.join(', ')})`);
}

function attributes(v: unknown, where: string): Record<string, AttributeValue> {
  if (v === undefined) return {};
  if (!isObj(v)) fail(where, 'must be a mapping');
  for (const [k, x] of Object.entries(v)) {
    const ok = typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isSafeInteger(x)) || (Array.isArray(x) && x.every((e) => typeof e === 'string'));
    if (!ok) fail(`${where}.${k}`, 'must be a string, integer, boolean or list of strings');
  }
  return v as Record<string, AttributeValue>;
}

function str(v: unknown, where: string): string {
  if (typeof v !== 'string' || v === '') fail(where, 'must be a non-empty string');
  return v;
}

function principalOf(v: unknown, named: ReadonlyMap<string, AuthzPrincipal>, where: string): AuthzPrincipal {
  if (typeof v === 'string') return named.get(v) ?? fail(where, `no principal named "${v}" under principals:`);
  if (!isObj(v)) fail(where, 'must be a mapping or the name of one under principals:');
  only(v, ['id', 'roles', 'attributes', 'tenant', 'kind'], where);
  const roles = v.roles ?? [];
  if (!Array.isArray(roles) || !roles.every((r) => typeof r === 'string')) fail(`${where}.roles`, 'must be a list of strings');
  if (v.kind !== undefined && v.kind !== 'user' && v.kind !== 'service') fail(`${where}.kind`, 'must be user or service');
  return {
    id: str(v.id, `${where}.id`), roles, attributes: attributes(v.attributes, `${where}.attributes`),
    ...(v.tenant !== undefined ? { tenant: str(v.tenant, `${where}.tenant`) } : {}),
    ...(v.kind !== undefined ? { kind: v.kind as 'user' | 'service' } : {}),
  };
}

function resourceOf(v: unknown, named: ReadonlyMap<string, AuthzResource>, where: string): AuthzResource {
  if (typeof v === 'string') return named.get(v) ?? fail(where, `no resource named "${v}" under resources:`);
  if (!isObj(v)) fail(where, 'must be a mapping or the name of one under resources:');
  only(v, ['type', 'id', 'attributes'], where);
  if (!(RESOURCE_TYPES as readonly unknown[]).includes(v.type)) fail(`${where}.type`, `must be one of ${RESOURCE_TYPES.join(', ')}`);
  return { type: v.type as AuthzResource['type'], id: str(v.id, `${where}.id`), attributes: attributes(v.attributes, `${where}.attributes`) };
}

function contextOf(v: unknown, defaults: Obj, where: string): AuthzContext {
  if (v !== undefined && !isObj(v)) fail(where, 'must be a mapping');
  const c: Obj = { ...defaults, ...(v ?? {}) };
  only(c, ['purpose', 'consent', 'mfa', 'time', 'source', 'approvedBy'], where);
  if (c.approvedBy !== undefined && (!Array.isArray(c.approvedBy) || !c.approvedBy.every((x) => typeof x === 'string' && x !== ''))) fail(`${where}.approvedBy`, 'must be a list of principal ids');
  for (const k of ['purpose', 'source'] as const) if (c[k] !== undefined && typeof c[k] !== 'string') fail(`${where}.${k}`, 'must be a string');
  for (const k of ['consent', 'mfa'] as const) if (c[k] !== undefined && typeof c[k] !== 'boolean') fail(`${where}.${k}`, 'must be true or false');
  // YAML reads an unquoted timestamp as a string here (the core schema has no timestamp type).
  const time = c.time === undefined ? '2026-01-01T12:00:00Z' : str(c.time, `${where}.time`);
  return { ...(c as Omit<AuthzContext, 'time'>), time };
}

/** Parses one YAML test file: `principals:` and `resources:` by name, `context:` defaults, `cases:`. */
export function parseTestCases(text: string, file: string): PolicyTestCase[] {
  let doc: unknown;
  try {
    doc = parseYaml(text, { maxAliasCount: 100 });
  } catch (e) {
    fail(file, `not valid YAML${e instanceof Error ? ` (${e.message.split('\n')[0]})` : ''}`);
  }
  if (!isObj(doc)) fail(file, 'must be a mapping with cases:');
  only(doc, ['principals', 'resources', 'context', 'cases'], file);
  const principals = new Map<string, AuthzPrincipal>();
  const resources = new Map<string, AuthzResource>();
  const section = (key: string): Obj => {
    const v = doc[key] ?? {};
    if (!isObj(v)) fail(`${file}: ${key}`, 'must be a mapping of names');
    return v;
  };
  for (const [name, v] of Object.entries(section('principals'))) principals.set(name, principalOf(v, new Map(), `${file}: principals.${name}`));
  for (const [name, v] of Object.entries(section('resources'))) resources.set(name, resourceOf(v, new Map(), `${file}: resources.${name}`));
  const defaults = doc.context ?? {};
  if (!isObj(defaults)) fail(`${file}: context`, 'must be a mapping');
  if (!Array.isArray(doc.cases) || doc.cases.length === 0) fail(file, 'cases: must be a non-empty list');
  const names = new Set<string>();
  return doc.cases.map((c: unknown, i: number): PolicyTestCase => {
    const where = `${file}: cases[${i}]`;
    if (!isObj(c)) fail(where, 'must be a mapping');
    only(c, ['name', 'principal', 'action', 'resource', 'context', 'expect', 'policies'], where);
    const name = str(c.name, `${where}.name`);
    if (names.has(name)) fail(where, `duplicate case name "${name}"`);
    names.add(name);
    if (!(ACTIONS as readonly unknown[]).includes(c.action)) fail(`${where}.action`, `must be one of ${ACTIONS.join(', ')}`);
    if (c.expect !== 'allow' && c.expect !== 'deny') fail(`${where}.expect`, 'must be allow or deny');
    if (c.policies !== undefined && (!Array.isArray(c.policies) || !c.policies.every((p) => typeof p === 'string'))) fail(`${where}.policies`, 'must be a list of policy ids');
    return {
      file, name, action: c.action as Action, expect: c.expect,
      principal: principalOf(c.principal, principals, `${where}.principal`),
      resource: resourceOf(c.resource, resources, `${where}.resource`),
      context: contextOf(c.context, defaults, `${where}.context`),
      ...(c.policies !== undefined ? { policies: c.policies as string[] } : {}),
    };
  });
}

/** Reads every `*.yaml` / `*.yml` file in a folder (sorted), or one file. */
export function loadTestCases(path: string): PolicyTestCase[] {
  let files: string[];
  try {
    files = statSync(path).isDirectory() ? readdirSync(path).filter((n) => /\.ya?ml$/.test(n)).sort().map((n) => join(path, n)) : [path];
  } catch {
    throw new CordonError('ERR_IO', `cannot read policy tests at ${path}`);
  }
  if (files.length === 0) throw new CordonError('ERR_CONFIG_INVALID', `${path} holds no .yaml test files`);
  return files.flatMap((f) => {
    if (statSync(f).size > MAX_FILE_BYTES) fail(f, `larger than ${MAX_FILE_BYTES} bytes`);
    return parseTestCases(readFileSync(f, 'utf8'), f);
  });
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** Runs every case against the engine. A case passes when the decision and (if given) the policy ids match. */
export function runTestCases(engine: PolicyEngine, cases: readonly PolicyTestCase[]): PolicyTestSummary {
  const results = cases.map((c): PolicyTestResult => {
    const decision = engine.authorize({ principal: c.principal, action: c.action, resource: c.resource, context: c.context });
    const got = decision.allowed ? 'allow' : 'deny';
    let problem = '';
    if (got !== c.expect) problem = `expected ${c.expect}, got ${got}`;
    else if (c.policies !== undefined && !sameSet(c.policies, decision.policies)) problem = `expected policies [${c.policies.join(', ')}], got [${decision.policies.join(', ')}]`;
    return { case: c, passed: problem === '', decision, problem };
  });
  const passed = results.filter((r) => r.passed).length;
  return { passed, failed: results.length - passed, results };
}
