// GET /v1/keys (names, purposes, versions and states — never material; a caller of a tenant sees
// only the keys created for that tenant) and
// POST /v1/keys/:name/rotate (a new primary version; older versions keep decrypting).
import { Type, type Static } from '@sinclair/typebox';
import type { KeyInfo } from '../../keys/keyring.js';
import { keyResource } from '../key-resource.js';
import type { RouteSpec } from '../route.js';

const KeyName = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' });

const KeySummary = Type.Object({
  name: Type.String(),
  purpose: Type.String(),
  status: Type.String(),
  primaryVersion: Type.Integer(),
  minDecryptionVersion: Type.Integer(),
  versions: Type.Array(Type.Object({ version: Type.Integer(), state: Type.String(), createdAt: Type.String() }, { additionalProperties: false })),
}, { additionalProperties: false });

const NameParams = Type.Object({ name: KeyName }, { additionalProperties: false });

function summary(k: KeyInfo): Static<typeof KeySummary> {
  return {
    name: k.name, purpose: k.purpose, status: k.status, primaryVersion: k.primaryVersion, minDecryptionVersion: k.minDecryptionVersion,
    versions: k.versions.map((v) => ({ version: v.version, state: v.state, createdAt: v.createdAt })),
  };
}

export const keyRoutes: readonly RouteSpec[] = [
  {
    method: 'GET', url: '/v1/keys', summary: 'the keys of the workspace: names, purposes, versions (never material)', tags: ['keys'],
    action: 'keys:list',
    resource: () => ({ type: 'service', id: 'keys', attributes: {} }),
    response: Type.Object({ keys: Type.Array(KeySummary) }, { additionalProperties: false }),
    async handler(_input, ctx) {
      // The policy decides on the list as a whole (resource service/keys); what it may show is then
      // narrowed to the caller's tenant, so a tenant's administrator never learns other tenants'
      // key names. A principal of no tenant (the workspace's operator) sees every key.
      const tenant = ctx.caller?.principal.tenant;
      const keys = await ctx.deps.keyring.list();
      return { keys: (tenant === undefined ? keys : keys.filter((k) => k.tenant === tenant)).map(summary) };
    },
  },
  {
    method: 'POST', url: '/v1/keys/:name/rotate', summary: 'a new primary version of a key; older versions keep decrypting', tags: ['keys'],
    action: 'keys:rotate',
    resource: ({ params }, deps) => keyResource(params['name']!, deps),
    params: NameParams,
    response: KeySummary,
    async handler({ params }, ctx) {
      return summary(await ctx.deps.keyring.rotate(params['name']!));
    },
  },
];
