// The caller and policy of the POST /v1/dp/query tests: a data scientist, and an authorizer that
// allows dp:query for the purpose "analytics" only and records every request it decided.
import type { Authorizer, AuthzRequest } from '../../src/server/authorize.js';
import type { Principal } from '../../src/server/principal.js';

export const ana: Principal = { id: 'user:ana', roles: ['data-scientist'], attributes: {}, via: 'jwt' };

export class DpAnalyticsAuthorizer implements Authorizer {
  readonly seen: AuthzRequest[] = [];
  authorize(r: AuthzRequest) {
    this.seen.push(r);
    const allowed = r.action === 'dp:query' && r.context.purpose === 'analytics';
    return { allowed, policies: [allowed ? 'dp-analytics' : 'default-deny'], errors: [] };
  }
}
