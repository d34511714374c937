// What a route is: a method and path, the authentication it requires, and its handler; the dispatcher runs the checks in one order for all.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '../../schema/access.js';

/**
 * `none`: anyone (probes, static pages, CORS preflights); `caller`: any authenticated caller;
 * `admin`: an authenticated admin. In local mode every caller is the local admin.
 */
export type RouteAuth = 'none' | 'caller' | 'admin';

export interface RequestContext {
  requestId: string;
  /** Set on routes that require authentication. */
  principal: Principal | undefined;
  /** The path pattern's captures, percent-encoded as they came. */
  params: readonly string[];
}

/** The path of the route for every path no other route has. */
export const ANY_OTHER_PATH = '*';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, ctx: RequestContext) => void | Promise<void>;

export interface Route {
  /** Names the route in listings and tests. */
  name: string;
  /** The methods it answers; another method on its path is answered 405 (after authentication). */
  methods: readonly string[];
  /** An exact path, a pattern whose groups become `params`, or ANY_OTHER_PATH. */
  path: string | RegExp;
  /** Narrows the match (GraphiQL's page is the GET of /graphql that asks for HTML). */
  when?: (req: IncomingMessage) => boolean;
  auth: RouteAuth;
  /** Whether a browser page's Origin is checked against the allowed origins (all but the probes). */
  checkOrigin: boolean;
  /** The handler reads and bounds the body itself (a build context): neither Content-Length nor the JSON bodies' limit applies. */
  streamsBody?: boolean;
  /** What the role may not do, for the 403 of an `admin` route. */
  purpose?: string;
  handler: RouteHandler;
}
