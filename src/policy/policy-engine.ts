// The policy decision point: a Cedar policy set (validated against the Cordon schema when loaded)
// and one pure, synchronous authorize() that the server calls before every route. Default deny:
// Cedar allows only when a permit matches and no forbid does, and here any error also denies.
// The policy set is parsed once into Cedar's cache; decisions are memoised when no policy reads the
// request time, since the entities come only from the request and evaluation is deterministic.
// The memo key holds everything Cedar sees except context attributes that no policy reads.
import { CordonError } from '../errors.js';
import { preparsePolicySet, statefulIsAuthorized, validate, type AuthorizationAnswer } from './cedar.js';
import { readPolicyDir } from './load-policy-dir.js';
import { contextAttributesRead, parsePolicies, type ParsedPolicy, type PolicySource } from './parse-policies.js';
import { describeErrors, readSchemaModel, type SchemaModel } from './schema-model.js';
import { RequestInvalid, toCedarRequest } from './to-cedar-request.js';
import type { AuthzDecision, AuthzRequest } from './types.js';

const CACHE_ENTRIES = 10_000;
const CACHE_KEY_MAX = 4096;

// Cedar keeps preparsed policy sets in a per-thread table with no removal; identical policy text
// reuses one slot so reloading the same policies does not grow it.
const preparsed = new Map<string, string>();

function preparse(policies: readonly ParsedPolicy[]): string {
  const record: Record<string, string> = {};
  for (const p of policies) record[p.id] = p.text;
  const key = JSON.stringify(record);
  const known = preparsed.get(key);
  if (known !== undefined) return known;
  const id = `cordon-${preparsed.size}`;
  const r = preparsePolicySet(id, { staticPolicies: record });
  if (r.type === 'failure') throw new CordonError('ERR_CONFIG_INVALID', `policies do not parse: ${describeErrors(r.errors)}`);
  preparsed.set(key, id);
  return id;
}

function deny(errors: readonly string[], policies: readonly string[] = []): AuthzDecision {
  return Object.freeze({ allowed: false, policies: Object.freeze([...policies]), errors: Object.freeze([...errors]) });
}

/**
 * Cedar policies over Cordon's model (docs/policy.md).
 *
 * @example
 * ```ts
 * const engine = PolicyEngine.load('policies');
 * const d = engine.authorize({
 *   principal: { id: 'ana', roles: ['data-scientist'], attributes: {}, tenant: 'acme' },
 *   action: 'detokenize',
 *   resource: { type: 'column', id: 'customers.email', attributes: { classification: 'confidential', allowedPurposes: ['fraud'], tenant: 'acme', dataset: 'customers' } },
 *   context: { purpose: 'fraud', consent: true, time: new Date().toISOString() },
 * });
 * // d.allowed === true, d.policies = ['data-scientist.detokenize']
 * ```
 */
export class PolicyEngine {
  /** The @id of every policy, in load order. */
  readonly policyIds: readonly string[];
  /** Validator warnings (policies that can never apply, …); loading still succeeded. */
  readonly warnings: readonly string[];
  readonly #setId: string;
  readonly #model: SchemaModel | undefined;
  readonly #cache: Map<string, AuthzDecision> | undefined;
  readonly #contextRead: readonly string[];

  private constructor(setId: string, policies: readonly ParsedPolicy[], model: SchemaModel | undefined, warnings: readonly string[]) {
    this.#setId = setId;
    this.#model = model;
    this.policyIds = Object.freeze(policies.map((p) => p.id));
    this.warnings = Object.freeze([...warnings]);
    const read = contextAttributesRead(policies);
    this.#contextRead = read === undefined ? [] : [...read].sort();
    this.#cache = read === undefined || read.has('time') ? undefined : new Map();
  }

  /**
   * Policies from text (one or more `.cedar` sources) and an optional Cedar schema. With a schema
   * every policy is validated (strict mode) and refused with ERR_CONFIG_INVALID if it fails.
   */
  static fromSources(sources: readonly PolicySource[], schema?: string): PolicyEngine {
    const policies = parsePolicies(sources);
    const model = schema === undefined ? undefined : readSchemaModel(schema);
    const warnings: string[] = [];
    if (schema !== undefined) {
      const record: Record<string, string> = {};
      for (const p of policies) record[p.id] = p.text;
      const v = validate({ schema, policies: { staticPolicies: record }, validationSettings: { mode: 'strict' } });
      if (v.type === 'failure') throw new CordonError('ERR_CONFIG_INVALID', `policies could not be validated: ${describeErrors(v.errors)}`);
      if (v.validationErrors.length > 0) {
        const first = v.validationErrors.slice(0, 5).map((e) => `${e.policyId}: ${e.error.message}`).join('; ');
        throw new CordonError('ERR_CONFIG_INVALID', `${v.validationErrors.length} policy validation error(s): ${first}`, { details: { errors: v.validationErrors.length } });
      }
      for (const w of v.validationWarnings) warnings.push(`${w.policyId}: ${w.error.message}`);
    }
    return new PolicyEngine(preparse(policies), policies, model, warnings);
  }

  /** Policies from one Cedar text, optionally validated against a Cedar schema text. */
  static fromText(policies: string, schema?: string): PolicyEngine {
    return PolicyEngine.fromSources([{ name: 'policies', text: policies }], schema);
  }

  /** Reads `dir/*.cedar` and, when present, `dir/*.cedarschema`, and validates them (the only file I/O in policy/). */
  static load(dir: string): PolicyEngine {
    const { sources, schema } = readPolicyDir(dir);
    return PolicyEngine.fromSources(sources, schema);
  }

  /**
   * Decides one request. Never throws: an invalid request, a Cedar error or an evaluation error
   * in any policy is a deny whose `errors` say why.
   */
  authorize(req: AuthzRequest): AuthzDecision {
    let call;
    try {
      call = toCedarRequest(req, this.#model);
    } catch (e) {
      return deny([e instanceof RequestInvalid ? e.message : 'request could not be read']);
    }
    let key: string | undefined;
    if (this.#cache !== undefined) {
      // Only the context attributes some policy reads: time is never one (else no cache), and the
      // client address rarely is, so requests from many addresses share one entry.
      const ctx = this.#contextRead.map((k) => (Object.hasOwn(call.context, k) ? call.context[k] : null));
      key = JSON.stringify([call.principal, call.action, call.resource, ctx, call.entities]);
      const hit = key.length <= CACHE_KEY_MAX ? this.#cache.get(key) : undefined;
      if (hit !== undefined) return hit;
    }
    let answer: AuthorizationAnswer;
    try {
      answer = statefulIsAuthorized({ ...call, preparsedPolicySetId: this.#setId, validateRequest: false });
    } catch {
      return deny(['policy engine failed']);
    }
    const decision = toDecision(answer);
    if (key !== undefined && key.length <= CACHE_KEY_MAX) {
      if (this.#cache!.size >= CACHE_ENTRIES) this.#cache!.delete(this.#cache!.keys().next().value!);
      this.#cache!.set(key, decision);
    }
    return decision;
  }
}

function toDecision(answer: AuthorizationAnswer): AuthzDecision {
  if (answer.type === 'failure') return deny(answer.errors.map((e) => e.message));
  const { decision, diagnostics } = answer.response;
  const reasons = [...diagnostics.reason].sort();
  if (diagnostics.errors.length > 0) {
    // Fail closed: a policy that errored might have been a forbid that should have applied.
    return deny(diagnostics.errors.map((e) => `${e.policyId}: ${e.error.message}`), decision === 'deny' ? reasons : []);
  }
  // Frozen: memoised decisions are shared between callers.
  return Object.freeze({ allowed: decision === 'allow', policies: Object.freeze(reasons), errors: Object.freeze([]) as readonly string[] });
}
