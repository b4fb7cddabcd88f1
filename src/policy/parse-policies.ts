// Splits Cedar policy text into policies keyed by their @id annotation, so a decision reports
// `forbid.cross-tenant` rather than Cedar's positional `policy7`. Every policy must carry a unique
// @id: the ids are what the audit log records, so an unnamed policy would be an unexplained decision.
import { CordonError } from '../errors.js';
import { policySetTextToParts, policyToJson, type PolicyJson } from './cedar.js';
import { describeErrors } from './schema-model.js';

/** One file's worth of policy text, named for error messages. */
export interface PolicySource {
  readonly name: string;
  readonly text: string;
}

export interface ParsedPolicy {
  readonly id: string;
  readonly source: string;
  readonly text: string;
  readonly json: PolicyJson;
}

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/;

export function parsePolicies(sources: readonly PolicySource[]): ParsedPolicy[] {
  const out: ParsedPolicy[] = [];
  const seen = new Map<string, string>();
  for (const src of sources) {
    const parts = policySetTextToParts(src.text);
    if (parts.type === 'failure') throw new CordonError('ERR_CONFIG_INVALID', `${src.name}: policy does not parse: ${describeErrors(parts.errors)}`);
    if (parts.policy_templates.length > 0) throw new CordonError('ERR_CONFIG_INVALID', `${src.name}: policy templates are not supported; write static policies`);
    for (const text of parts.policies) {
      const j = policyToJson(text);
      if (j.type === 'failure') throw new CordonError('ERR_CONFIG_INVALID', `${src.name}: policy does not parse: ${describeErrors(j.errors)}`);
      const id = j.json.annotations?.id;
      if (id === undefined || id === null) throw new CordonError('ERR_CONFIG_INVALID', `${src.name}: every policy needs an @id("…") annotation (decisions are audited by id)`);
      if (!ID_RE.test(id)) throw new CordonError('ERR_CONFIG_INVALID', `${src.name}: policy @id "${id.slice(0, 40)}" must be 1-128 characters of letters, digits and . _ : / -`);
      const prev = seen.get(id);
      if (prev !== undefined) throw new CordonError('ERR_CONFIG_INVALID', `${src.name}: policy @id "${id}" is also used in ${prev}`);
      seen.set(id, src.name);
      out.push({ id, source: src.name, text, json: j.json });
    }
  }
  return out;
}

/**
 * The context attributes any policy reads (`context.purpose`, `context has mfa`), or undefined when a
 * policy uses the context as a whole. Attributes no policy reads cannot change a decision, so the
 * engine leaves them out of its memo key, and does not memoise at all when a policy reads the time.
 */
export function contextAttributesRead(policies: readonly ParsedPolicy[]): ReadonlySet<string> | undefined {
  const read = new Set<string>();
  let whole = false;
  const walk = (node: unknown, attr: unknown): void => {
    if (whole) return;
    if (Array.isArray(node)) {
      for (const n of node) walk(n, undefined);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.Var === 'context') {
      const first = Array.isArray(attr) ? attr[0] : attr;
      if (typeof first === 'string') read.add(first);
      else whole = true;
      return;
    }
    for (const [k, v] of Object.entries(o)) {
      if ((k === '.' || k === 'has') && v !== null && typeof v === 'object' && !Array.isArray(v)) {
        const { left, attr: a, ...rest } = v as Record<string, unknown>;
        walk(left, a);
        walk(rest, undefined);
      } else {
        walk(v, undefined);
      }
    }
  };
  for (const p of policies) for (const c of p.json.conditions) walk(c.body, undefined);
  return whole ? undefined : read;
}
