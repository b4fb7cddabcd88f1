// What the engine needs from a Cedar schema, read once at load: for each entity type the attributes
// it declares (name, type, required), the context attributes, and each action's ancestor groups.
// The request builder uses it to pass only declared attributes, converted to the declared type.
import { CordonError } from '../errors.js';
import { checkParseSchema, schemaToJsonWithResolvedTypes, type DetailedError } from './cedar.js';

export const NAMESPACE = 'Cordon';

/** The attribute types a request can carry; anything else in a schema is refused at load. */
export type AttrType = 'String' | 'Long' | 'Bool' | 'Set<String>' | 'Set<User>' | 'datetime';

export interface AttrSpec {
  readonly type: AttrType;
  readonly required: boolean;
}

export type Shape = ReadonlyMap<string, AttrSpec>;

export interface SchemaModel {
  /** Keyed by unqualified type name (`User`, `Dataset`). */
  readonly entities: ReadonlyMap<string, Shape>;
  readonly context: Shape;
  /** Action id → ids of every group it is in, transitively. */
  readonly actionAncestors: ReadonlyMap<string, readonly string[]>;
}

export function describeErrors(errors: readonly DetailedError[]): string {
  return errors.map((e) => e.message).join('; ');
}

interface JsonType { type: string; element?: JsonType; attributes?: Record<string, JsonType & { required?: boolean }>; name?: string }

function attrType(t: JsonType, where: string, common: Record<string, JsonType>): AttrType {
  if (t.type === 'String' || t.type === 'Long' || t.type === 'Bool') return t.type;
  if (t.type === 'Set' && t.element?.type === 'String') return 'Set<String>';
  if (t.type === 'Set' && t.element?.type === 'Entity' && t.element.name === `${NAMESPACE}::User`) return 'Set<User>';
  if (t.type === '__cedar::datetime' || (t.type === 'Extension' && t.name === 'datetime')) return 'datetime';
  const named = common[t.type] ?? common[t.type.replace(`${NAMESPACE}::`, '')];
  if (named !== undefined) return attrType(named, where, common);
  throw new CordonError('ERR_CONFIG_INVALID', `policy schema: ${where} has type ${t.type}; Cordon passes only String, Long, Bool, Set<String>, datetime and (context.approvedBy) Set<User>`);
}

function shapeOf(t: JsonType | undefined, where: string, common: Record<string, JsonType>): Shape {
  const out = new Map<string, AttrSpec>();
  if (t === undefined) return out;
  const rec = t.type === 'Record' ? t : common[t.type] ?? common[t.type.replace(`${NAMESPACE}::`, '')];
  if (rec?.type !== 'Record') throw new CordonError('ERR_CONFIG_INVALID', `policy schema: ${where} is not a record`);
  for (const [name, a] of Object.entries(rec.attributes ?? {})) {
    out.set(name, { type: attrType(a, `${where}.${name}`, common), required: a.required !== false });
  }
  return out;
}

// The context attributes a request can supply, and the schema types the engine can pass them as.
const CONTEXT_TYPES: Readonly<Record<string, readonly AttrType[]>> = {
  purpose: ['String'], consent: ['Bool'], mfa: ['Bool'], source: ['String'], time: ['datetime', 'String'], approvedBy: ['Set<User>'],
};

function checkContext(context: Shape): void {
  for (const [name, spec] of context) {
    const allowed = Object.hasOwn(CONTEXT_TYPES, name) ? CONTEXT_TYPES[name]! : undefined;
    if (allowed === undefined) {
      if (spec.required) throw new CordonError('ERR_CONFIG_INVALID', `policy schema: context attribute ${name} is required but requests never carry it`);
    } else if (!allowed.includes(spec.type)) {
      throw new CordonError('ERR_CONFIG_INVALID', `policy schema: context attribute ${name} must be ${allowed.join(' or ')}`);
    }
  }
}

/** Parses Cedar schema text (the `namespace Cordon { … }` form) into the engine's model. */
export function readSchemaModel(text: string): SchemaModel {
  const parsed = checkParseSchema(text);
  if (parsed.type === 'failure') throw new CordonError('ERR_CONFIG_INVALID', `policy schema does not parse: ${describeErrors(parsed.errors)}`);
  const answer = schemaToJsonWithResolvedTypes(text);
  if (answer.type === 'failure') throw new CordonError('ERR_CONFIG_INVALID', `policy schema does not parse: ${describeErrors(answer.errors)}`);
  const ns = answer.json[NAMESPACE];
  if (ns === undefined) throw new CordonError('ERR_CONFIG_INVALID', `policy schema must declare namespace ${NAMESPACE}`);
  const common = (ns.commonTypes ?? {}) as unknown as Record<string, JsonType>;
  const entities = new Map<string, Shape>();
  for (const [name, def] of Object.entries(ns.entityTypes)) {
    entities.set(name, shapeOf((def as { shape?: JsonType }).shape, name, common));
  }
  let context: Shape = new Map();
  const parents = new Map<string, string[]>();
  for (const [id, def] of Object.entries(ns.actions)) {
    parents.set(id, (def.memberOf ?? []).map((m) => m.id));
    const ctx = def.appliesTo?.context as JsonType | undefined;
    if (ctx !== undefined) {
      const shape = shapeOf(ctx, `context of ${id}`, common);
      if (context.size === 0) context = shape;
      else if (JSON.stringify([...shape]) !== JSON.stringify([...context])) {
        throw new CordonError('ERR_CONFIG_INVALID', 'policy schema: every action must use the same context type');
      }
    }
  }
  checkContext(context);
  const actionAncestors = new Map<string, readonly string[]>();
  for (const id of parents.keys()) {
    const seen = new Set<string>();
    const stack = [...(parents.get(id) ?? [])];
    while (stack.length > 0) {
      const p = stack.pop()!;
      if (seen.has(p)) continue;
      seen.add(p);
      stack.push(...(parents.get(p) ?? []));
    }
    actionAncestors.set(id, [...seen].sort());
  }
  return { entities, context, actionAncestors };
}
