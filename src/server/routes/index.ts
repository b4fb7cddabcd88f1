// Every route of the API, in the order of the OpenAPI document.
import type { RouteSpec } from '../route.js';
import { auditRoutes } from './audit.js';
import { chatRoutes } from './chat.js';
import { datakeyRoutes } from './datakey.js';
import { detectRoutes } from './detect.js';
import { dpRoutes } from './dp.js';
import { embeddingsRoutes } from './embeddings.js';
import { eraseRoutes } from './erase.js';
import { fieldRoutes } from './fields.js';
import { healthRoutes } from './health.js';
import { keyRoutes } from './keys.js';
import { lineageRoutes } from './lineage.js';
import { metricsRoutes } from './metrics.js';
import { protectRoutes } from './protect.js';
import { tokenRoutes } from './tokens.js';

export const ROUTES: readonly RouteSpec[] = [...healthRoutes, ...tokenRoutes, ...detectRoutes, ...protectRoutes, ...keyRoutes, ...fieldRoutes, ...datakeyRoutes, ...auditRoutes, ...lineageRoutes, ...dpRoutes, ...eraseRoutes, ...chatRoutes, ...embeddingsRoutes, ...metricsRoutes];
