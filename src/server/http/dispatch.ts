// The one request handler: finds the request's route and runs the checks every route shares, in this order:
// route, origin, authentication and role, method, body size; then the route's handler.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Principal } from '../../schema/access.js';
import type { Authentication } from '../auth/access.js';
import { originAllowed } from './origin.js';
import { requestIdFrom } from '../request-id.js';
import { pathOf, sendError } from './respond.js';
import { ANY_OTHER_PATH, type Route, type RouteAuth } from './route.js';

/** The largest request body the gateway reads, as on the WebSocket. */
export const MAX_REQUEST_BODY = 1024 * 1024;

export interface DispatchOptions {
  routes: readonly Route[];
  authenticate: (req: IncomingMessage) => Authentication;
  corsOrigins: readonly string[];
  logger: Logger;
}

export function createDispatcher(options: DispatchOptions) {
  const { routes, corsOrigins, logger } = options;

  const dispatch = (req: IncomingMessage, res: ServerResponse, requestId: string) => {
    const path = pathOf(req);
    const match = findRoute(routes, req, path);
    if (!match) {
      sendError(res, 'NOT_FOUND', 'No such route');
      return;
    }
    const { route, params } = match;
    if (route.checkOrigin && !originAllowed(req.headers.origin, req.headers.host, corsOrigins)) {
      sendError(res, 'FORBIDDEN', 'This origin may not use the gateway');
      return;
    }
    let principal: Principal | undefined;
    if (route.auth !== 'none') {
      const auth = options.authenticate(req);
      if (!auth.ok) {
        res.setHeader('www-authenticate', 'Bearer');
        sendError(res, 'UNAUTHENTICATED', auth.message);
        return;
      }
      principal = auth.principal;
      if (route.auth === 'admin' && principal.role !== 'admin') {
        sendError(res, 'FORBIDDEN', `The role ${principal.role} may not ${route.purpose ?? `use ${path}`}`);
        return;
      }
    }
    if (!route.methods.includes(req.method ?? 'GET')) {
      res.setHeader('allow', route.methods.join(', '));
      sendError(res, 'BAD_USER_INPUT', `${path} answers ${route.methods.join(' and ')} only`, 405);
      return;
    }
    if (route.auth !== 'none' && !route.streamsBody && !bodySizeAcceptable(req, res)) return;
    const handled = route.handler(req, res, { requestId, principal, params });
    if (handled) handled.catch((error: unknown) => fail(req, res, requestId, error));
  };

  const fail = (req: IncomingMessage, res: ServerResponse, requestId: string, error: unknown) => {
    // A bug in a route must cost one request, never the process.
    logger.error({ err: error, requestId, path: pathOf(req) }, 'request failed');
    if (!res.headersSent) sendError(res, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
    else res.destroy();
  };

  return (req: IncomingMessage, res: ServerResponse): void => {
    const requestId = requestIdFrom(req.headers);
    res.setHeader('x-request-id', requestId);
    try {
      dispatch(req, res, requestId);
    } catch (error) {
      fail(req, res, requestId, error);
    }
  };
}

/**
 * The first route whose path (and narrowing) matches and that answers the method. A path whose
 * routes do not answer the method gets their union: the strictest authentication among them
 * (checked first, so a wrong method costs no secret) and every method they answer, for a 405.
 * Any other path gets the route for every other path.
 */
function findRoute(routes: readonly Route[], req: IncomingMessage, path: string): { route: Route; params: string[] } | undefined {
  const method = req.method ?? 'GET';
  const onPath: { route: Route; params: string[] }[] = [];
  for (const route of routes) {
    if (route.path === ANY_OTHER_PATH) continue;
    let params: string[];
    if (typeof route.path === 'string') {
      if (route.path !== path) continue;
      params = [];
    } else {
      const found = route.path.exec(path);
      if (!found) continue;
      params = found.slice(1).map((group) => group ?? '');
    }
    if (route.methods.includes(method) && (!route.when || route.when(req))) return { route, params };
    onPath.push({ route, params });
  }
  const [first] = onPath;
  if (first) {
    const strictest = onPath.reduce((a, b) => (AUTH_ORDER.indexOf(b.route.auth) > AUTH_ORDER.indexOf(a.route.auth) ? b : a));
    const methods = [...new Set(onPath.flatMap(({ route }) => (route.when && !route.when(req) ? [] : route.methods)))];
    return { route: { ...strictest.route, methods }, params: first.params };
  }
  const other = routes.find((route) => route.path === ANY_OTHER_PATH);
  return other && { route: other, params: [] };
}

const AUTH_ORDER: readonly RouteAuth[] = ['none', 'caller', 'admin'];

/** POST bodies must say their length, and stay under the limit; answers 411/413 otherwise. */
function bodySizeAcceptable(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'POST') return true;
  const length = req.headers['content-length'];
  if (length === undefined) {
    sendError(res, 'BAD_USER_INPUT', 'A POST body must come with Content-Length', 411);
    return false;
  }
  if (!/^\d+$/.test(length) || Number(length) > MAX_REQUEST_BODY) {
    sendError(res, 'BAD_USER_INPUT', `A request body may be at most ${MAX_REQUEST_BODY} bytes`, 413);
    return false;
  }
  return true;
}
