// A key as a policy resource: its name, and its tenant as the key store records it (set when the
// key was created, `cordon keys create --tenant`), never as the request states it. A key of no
// tenant, or a name the store does not hold, has no tenant attribute: the lookup must not tell a
// caller which key names exist before the policy decides. Store failures throw (no decision).
import type { AuthzResource } from './authorize.js';
import type { ServerDeps } from './route.js';

export async function keyResource(name: string, deps: ServerDeps): Promise<AuthzResource> {
  const tenant = await deps.keyring.tenantOf(name);
  return { type: 'key', id: name, attributes: tenant !== undefined ? { tenant } : {} };
}
