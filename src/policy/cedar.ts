// The one place Cordon loads Cedar. The package's Node build (CommonJS, wasm read synchronously from
// disk) is used because its default ESM build imports a .wasm file, which Node 20 cannot load
// without a flag; the web build needs an async init. Nothing here touches the network.
import { statefulIsAuthorized as _statefulIsAuthorized, type AuthorizationAnswer, type StatefulAuthorizationCall } from '@cedar-policy/cedar-wasm/nodejs';

export {
  checkParseSchema, policySetTextToParts, policyToJson, preparsePolicySet, schemaToJsonWithResolvedTypes, validate,
  type AuthorizationAnswer, type CedarValueJson, type DetailedError, type EntityJson, type PolicyJson, type SchemaJson,
} from '@cedar-policy/cedar-wasm/nodejs';

// Node 20's V8 aborts the process ("Fatal error … unreachable code" in
// Deoptimizer::DoComputeBuiltinContinuation) when optimized code that inlined a JS-to-Wasm call is
// lazily deoptimized while the wasm runs, which Cedar's result objects trigger under load. A call
// site that has seen many targets is megamorphic, so TurboFan never inlines Cedar's wasm call into
// authorize(); warming it here makes that so before any caller gets hot.
const dispatch = (fn: (arg: never) => unknown, arg: unknown): unknown => fn(arg as never);
for (const fn of [String, Number, Boolean, Array.isArray, Object.keys, Object.values, Object.entries, Object.isFrozen, JSON.stringify, Number.isFinite]) {
  dispatch(fn as (arg: never) => unknown, 1);
}

/** Cedar's stateful authorization, called so that V8 cannot inline it (see above). */
export function statefulIsAuthorized(call: StatefulAuthorizationCall): AuthorizationAnswer {
  return dispatch(_statefulIsAuthorized as (arg: never) => unknown, call) as AuthorizationAnswer;
}
