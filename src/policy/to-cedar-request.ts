// Turns an AuthzRequest into Cedar's request and entities. Everything Cedar sees comes from the
// request: the principal with its roles as parents, the resource (a column inside its dataset), the
// action with its groups, and the context. With a schema, only declared attributes pass, converted
// to the declared type; a missing required attribute or a wrong type is a RequestInvalid (→ deny).
import type { CedarValueJson, EntityJson } from './cedar.js';
import { NAMESPACE, type AttrSpec, type SchemaModel, type Shape } from './schema-model.js';
import { ACTIONS, type AttributeValue, type AuthzRequest, type ResourceType } from './types.js';

/** A request the engine cannot evaluate; the message names fields, never their values. */
export class RequestInvalid extends Error {
  override readonly name = 'RequestInvalid';
}

const RESOURCE_ENTITY: Record<ResourceType, string> = {
  dataset: 'Dataset', column: 'Column', key: 'Key', audit: 'AuditLog', lineage: 'Lineage', service: 'Api', conversation: 'Conversation', chunk: 'Chunk',
};

const ACTION_SET: ReadonlySet<string> = new Set(ACTIONS);
/** Principal attributes that only their own fields may set, never `principal.attributes`. */
const CREDENTIAL_FIELDS: ReadonlySet<string> = new Set(['tenant', 'roles', 'mfa']);
// Bounds what one request can make Cedar parse; real principals have a handful of roles.
const MAX_SET = 256;

export interface CedarRequest {
  readonly principal: { type: string; id: string };
  readonly action: { type: string; id: string };
  readonly resource: { type: string; id: string };
  readonly context: Record<string, CedarValueJson>;
  readonly entities: EntityJson[];
}

// RFC 3339 date-time, or a bare date; normalised to the form Cedar's datetime() accepts.
const TIME_RE = /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:[Zz]|[+-]\d{2}:?\d{2}))?$/;

function toDatetime(v: unknown, where: string): string {
  if (typeof v !== 'string' || !TIME_RE.test(v)) throw new RequestInvalid(`${where} must be an RFC 3339 time`);
  const ms = Date.parse(v);
  if (!Number.isFinite(ms)) throw new RequestInvalid(`${where} must be an RFC 3339 time`);
  const iso = new Date(ms).toISOString();
  if (!/^\d{4}-/.test(iso)) throw new RequestInvalid(`${where} is out of range`);
  return iso;
}

/** context.approvedBy: principal ids → a set of `Cordon::User` entities (approvals are people's). */
function userSet(v: unknown, where: string): CedarValueJson {
  if (!Array.isArray(v) || v.length > MAX_SET || !v.every((e) => typeof e === 'string' && e !== '')) throw new RequestInvalid(`${where} must be a list of at most ${MAX_SET} principal ids`);
  return [...new Set(v as string[])].map((id) => ({ __entity: { type: `${NAMESPACE}::User`, id } }));
}

function convert(v: unknown, spec: AttrSpec | undefined, where: string): CedarValueJson {
  const type = spec?.type;
  if (type === 'datetime') return { __extn: { fn: 'datetime', arg: toDatetime(v, where) } };
  if (type === 'Set<User>') return userSet(v, where);
  if (typeof v === 'string' && (type === undefined || type === 'String')) return v;
  if (typeof v === 'boolean' && (type === undefined || type === 'Bool')) return v;
  if (typeof v === 'number' && Number.isSafeInteger(v) && (type === undefined || type === 'Long')) return v;
  if (Array.isArray(v) && v.length <= MAX_SET && v.every((e) => typeof e === 'string') && (type === undefined || type === 'Set<String>')) return [...v] as string[];
  throw new RequestInvalid(`${where} must be ${type ?? 'a string, integer, boolean or list of strings'}${Array.isArray(v) && v.length > MAX_SET ? ` (at most ${MAX_SET} elements)` : ''}`);
}

/** Declared attributes only (all of them when there is no schema), each converted and checked. */
function attrs(values: Readonly<Record<string, AttributeValue | undefined>>, shape: Shape | undefined, where: string): Record<string, CedarValueJson> {
  const out: Record<string, CedarValueJson> = {};
  if (shape === undefined) {
    for (const [k, v] of Object.entries(values)) if (v !== undefined) out[k] = convert(v, undefined, `${where}.${k}`);
    return out;
  }
  for (const [k, spec] of shape) {
    const v = Object.hasOwn(values, k) ? values[k] : undefined;
    if (v === undefined) {
      if (spec.required) throw new RequestInvalid(`${where} lacks required attribute ${k}`);
      continue;
    }
    out[k] = convert(v, spec, `${where}.${k}`);
  }
  return out;
}

function entityShape(model: SchemaModel | undefined, type: string): Shape | undefined {
  if (model === undefined) return undefined;
  const shape = model.entities.get(type);
  if (shape === undefined) throw new RequestInvalid(`the policy schema has no entity type ${NAMESPACE}::${type}`);
  return shape;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function toCedarRequest(req: AuthzRequest, model: SchemaModel | undefined): CedarRequest {
  if (!isObject(req) || !isObject(req.principal) || !isObject(req.resource) || !isObject(req.context)) throw new RequestInvalid('request must have principal, action, resource and context');
  const { principal: p, resource: r, context: c } = req;
  if (typeof req.action !== 'string' || !ACTION_SET.has(req.action)) throw new RequestInvalid('action is not one of ACTIONS');
  if (typeof p.id !== 'string' || p.id === '') throw new RequestInvalid('principal.id must be a non-empty string');
  if (!Array.isArray(p.roles) || p.roles.length > MAX_SET || !p.roles.every((x) => typeof x === 'string')) throw new RequestInvalid(`principal.roles must be a list of at most ${MAX_SET} strings`);
  if (!isObject(p.attributes)) throw new RequestInvalid('principal.attributes must be an object');
  if (p.tenant !== undefined && typeof p.tenant !== 'string') throw new RequestInvalid('principal.tenant must be a string');
  if (p.kind !== undefined && p.kind !== 'user' && p.kind !== 'service') throw new RequestInvalid('principal.kind must be user or service');
  if (typeof r.id !== 'string' || r.id === '') throw new RequestInvalid('resource.id must be a non-empty string');
  if (typeof r.type !== 'string' || !Object.hasOwn(RESOURCE_ENTITY, r.type)) throw new RequestInvalid(`resource.type must be one of ${Object.keys(RESOURCE_ENTITY).join(', ')}`);
  if (!isObject(r.attributes)) throw new RequestInvalid('resource.attributes must be an object');

  const pType = p.kind === 'service' ? 'Service' : 'User';
  const rType = RESOURCE_ENTITY[r.type];
  const principal = { type: `${NAMESPACE}::${pType}`, id: p.id };
  const resource = { type: `${NAMESPACE}::${rType}`, id: r.id };
  const action = { type: `${NAMESPACE}::Action`, id: req.action };

  // Tenant, roles and MFA come only from their own verified fields (principal.tenant, principal.roles,
  // context.mfa): an attribute of that name — a JWT's `attributes` claim holds whatever its issuer
  // put there — never stands in for them, even when the field itself is absent (issue 12 item 6).
  const own = Object.fromEntries(Object.entries(p.attributes).filter(([k]) => !CREDENTIAL_FIELDS.has(k)));
  const pValues = p.tenant === undefined ? own : { ...own, tenant: p.tenant };
  const entities: EntityJson[] = [
    {
      uid: principal,
      attrs: attrs(pValues, entityShape(model, pType), 'principal'),
      parents: [...new Set(p.roles)].map((role) => ({ type: `${NAMESPACE}::Role`, id: role })),
    },
    {
      uid: resource,
      attrs: attrs(r.attributes, entityShape(model, rType), 'resource'),
      parents: r.type === 'column' && typeof r.attributes.dataset === 'string' ? [{ type: `${NAMESPACE}::Dataset`, id: r.attributes.dataset }] : [],
    },
  ];
  const groups = model?.actionAncestors.get(req.action) ?? [];
  if (groups.length > 0) entities.push({ uid: action, attrs: {}, parents: groups.map((id) => ({ type: `${NAMESPACE}::Action`, id })) });

  const cValues: Record<string, AttributeValue | undefined> = { purpose: c.purpose, consent: c.consent, mfa: c.mfa, time: c.time, source: c.source, approvedBy: c.approvedBy };
  let context: Record<string, CedarValueJson>;
  if (model === undefined) {
    context = attrs(cValues, new Map([['time', { type: 'datetime', required: true }]]), 'context');
    for (const k of ['purpose', 'consent', 'mfa', 'source'] as const) if (cValues[k] !== undefined) context[k] = convert(cValues[k], undefined, `context.${k}`);
    if (cValues.approvedBy !== undefined) context.approvedBy = userSet(cValues.approvedBy, 'context.approvedBy');
  } else {
    context = attrs(cValues, model.context, 'context');
  }
  return { principal, action, resource, context, entities };
}
