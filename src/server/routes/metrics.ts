// GET /metrics: Prometheus text. Public like the health routes (it holds counts and latencies,
// never ids or values); put it behind the network boundary you scrape from.
import { Type } from '@sinclair/typebox';
import type { RouteSpec } from '../route.js';

export const metricsRoutes: readonly RouteSpec[] = [
  {
    method: 'GET', url: '/metrics', summary: 'Prometheus metrics: requests, latency histograms, decisions, vault operations, process and Node.js runtime, build info', tags: ['health'],
    response: Type.String(),
    produces: 'text/plain; version=0.0.4',
    async handler(_input, ctx) { return ctx.metrics.render(); },
  },
];
