// The route table: every HTTP path the gateway answers, with the authentication each requires. The order is the order of matching.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EngineSet } from '../../docker/engine-set.js';
import type { DirectExecution } from '../graphql/direct-execution.js';
import type { WharfYoga } from '../graphql/yoga.js';
import type { WharfMetrics } from '../observability/metrics.js';
import type { DashboardRoute } from './dashboard.js';
import { buildRoute } from './build.js';
import { exportRoute } from './export.js';
import { metricsRoute } from './metrics.js';
import { health, readiness } from './probes.js';
import { ANY_OTHER_PATH, type RequestContext, type Route } from './route.js';
import type { OpenOperations } from '../open-operations.js';

export interface RouteDependencies {
  engines: EngineSet;
  yoga: WharfYoga;
  /** Answers known queries and mutations without Yoga's HTTP layer; absent when turned off. */
  direct?: DirectExecution | undefined;
  metrics: WharfMetrics;
  open: OpenOperations;
  /** Absent when the dashboard is turned off. */
  dashboard: DashboardRoute | null;
  graphiql: boolean;
  /** The largest build context POST /images/build takes; DEFAULT_MAX_BUILD_CONTEXT_BYTES when absent. */
  maxBuildContextBytes?: number | undefined;
}

const READ = ['GET', 'HEAD'] as const;
const EVERY_METHOD = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

export function routeTable(deps: RouteDependencies): Route[] {
  const graphql = graphqlRoute(deps.yoga, deps.open, deps.direct);
  const routes: Route[] = [
    { name: 'health', methods: EVERY_METHOD, path: '/healthz', auth: 'none', checkOrigin: false, handler: health },
    { name: 'readiness', methods: EVERY_METHOD, path: '/readyz', auth: 'none', checkOrigin: false, handler: readiness(deps.engines) },
  ];
  if (deps.dashboard) {
    // The page and its script are static and hold no data; its operations authenticate like any other.
    const dashboard = deps.dashboard;
    routes.push({
      name: 'dashboard',
      methods: READ,
      path: dashboard.paths,
      auth: 'none',
      checkOrigin: true,
      handler: (req, res) => dashboard.serve(req, res),
    });
  }
  if (deps.graphiql) {
    // The page is static and asks for nothing itself; GraphiQL's operations authenticate like any other.
    routes.push({
      name: 'graphiql',
      methods: ['GET'],
      path: '/graphql',
      when: wantsHtml,
      auth: 'none',
      checkOrigin: true,
      handler: graphql,
    });
  }
  routes.push(
    // CORS preflights carry no credentials by design.
    { name: 'cors-preflight', methods: ['OPTIONS'], path: '/graphql', auth: 'none', checkOrigin: true, handler: graphql },
    { name: 'metrics', methods: READ, path: '/metrics', auth: 'caller', checkOrigin: true, handler: metricsRoute(deps.metrics) },
    {
      name: 'export',
      methods: READ,
      path: /^\/containers\/((?:[^/]+\/)?[^/]+)\/export$/,
      auth: 'admin',
      purpose: "export a container's filesystem",
      checkOrigin: true,
      handler: exportRoute(deps.engines, deps.open),
    },
    {
      name: 'build',
      methods: ['POST'],
      path: '/images/build',
      auth: 'admin',
      purpose: 'build images',
      checkOrigin: true,
      streamsBody: true,
      handler: buildRoute(deps.engines, deps.open, deps.maxBuildContextBytes),
    },
    { name: 'graphql', methods: ['GET', 'POST'], path: '/graphql', auth: 'caller', checkOrigin: true, handler: graphql },
    // Anything else is Yoga's to refuse, after authentication, as before any route existed.
    { name: 'other', methods: EVERY_METHOD, path: ANY_OTHER_PATH, auth: 'caller', checkOrigin: true, handler: graphql },
  );
  return routes;
}

function wantsHtml(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').includes('text/html');
}

/** Requests for Yoga: each is one operation, made here with its caller, and aborted when the client goes away. */
function graphqlRoute(yoga: WharfYoga, open: OpenOperations, direct: DirectExecution | undefined) {
  return (req: IncomingMessage, res: ServerResponse, ctx: RequestContext): Promise<void> | undefined => {
    if (!ctx.principal) {
      // Nothing that runs an operation comes here unauthenticated: GraphiQL's page and CORS preflights execute nothing.
      void yoga.requestListener(req, res);
      return;
    }
    const operation = open.start(ctx.requestId, acceptsEventStream(req) ? 'sse' : 'http', ctx.principal);
    res.once('close', () => {
      // A client gone before its answer was complete, or a subscription (whose answer may have been a
      // refusal that never read its source): nothing more runs for it. Aborting a finished query
      // would only cost an AbortError's stack trace on every request.
      if (!res.writableFinished || operation.subscription) operation.abort();
      open.close(operation);
    });
    if (direct) return direct.handle(yoga, req, res, { operation });
    void yoga(req, res, { operation });
  };
}

/** Whether Yoga would answer a subscription on this request as SSE: its Accept names text/event-stream, or any type. */
function acceptsEventStream(req: IncomingMessage): boolean {
  const accept = req.headers.accept;
  if (!accept) return true;
  return accept.split(',').some((entry) => {
    const type = entry.split(';')[0]?.trim();
    return type === 'text/event-stream' || type === 'text/*' || type === '*/*';
  });
}
