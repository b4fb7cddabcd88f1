// The one place Cordon loads Cedar. The package's Node build (CommonJS, wasm read synchronously from
// disk) is used because its default ESM build imports a .wasm file, which Node 20 cannot load
// without a flag; the web build needs an async init. Nothing here touches the network.
export {
  checkParseSchema, policySetTextToParts, policyToJson, preparsePolicySet, schemaToJsonWithResolvedTypes,
  statefulIsAuthorized, validate,
  type AuthorizationAnswer, type CedarValueJson, type DetailedError, type EntityJson, type PolicyJson, type SchemaJson,
} from '@cedar-policy/cedar-wasm/nodejs';
