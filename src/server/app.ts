// The composition root: engine client, access control, Yoga, WebSocket server and routes on one HTTP server.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createDockerClient, type DockerClient } from '../docker/client.js';
import type { ConnectionSettings } from '../docker/connection.js';
import type { FollowLimits } from '../docker/log-follow.js';
import type { RequestObserver } from '../docker/request.js';
import type { Principal } from '../schema/access.js';
import { AccessControl, type AccessConfig } from './auth/access.js';
import { stdoutAuditSink, type AuditSink } from './observability/audit.js';
import { createDashboard } from './http/dashboard.js';
import { DEFAULT_LIMITS, originAllowed, type DocumentLimits } from './graphql/hardening.js';
import { createLogger } from './observability/logger.js';
import { handleMetrics, WharfMetrics } from './observability/metrics.js';
import { OperationLog } from './observability/operation-log.js';
import { requestIdOf } from './http/request-id.js';
import { handleExport, handleProbe, pathOf, sendError } from './http/routes.js';
import { DRAIN_MS, OpenStreams } from './http/shutdown.js';
import { attachWebSocket, type WebSocketOptions } from './graphql/ws.js';
import { createWharfYoga, type WharfYoga } from './graphql/yoga.js';

export interface AppOptions {
  docker: ConnectionSettings;
  /** Local mode (every right, no tokens) unless said otherwise. */
  access?: AccessConfig;
  observeEngine?: RequestObserver;
  webSocket?: WebSocketOptions;
  followLimits?: FollowLimits;
  /** Default: on. */
  graphiql?: boolean;
  /** Default: on. */
  introspection?: boolean;
  /** The dashboard page at /. Default: on. */
  dashboard?: boolean;
  /** Browser origins allowed besides the gateway's own; none by default. */
  corsOrigins?: string[];
  limits?: Partial<DocumentLimits>;
  /** Where audit lines go; stdout by default. */
  audit?: AuditSink;
  /** The structured log (one line per operation); pino at info on stdout by default. */
  logger?: Logger;
  /** The metrics served at /metrics; a fresh registry by default. */
  metrics?: WharfMetrics;
}

/** The largest request body the gateway reads, as on the WebSocket. */
export const MAX_REQUEST_BODY = 1024 * 1024;

/** POST bodies must say their length, and stay under the limit; answers 411/413 otherwise. */
function bodySizeAcceptable(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'POST') return true;
  const length = req.headers['content-length'];
  if (length === undefined) {
    sendError(res, 411, 'BAD_USER_INPUT', 'A POST body must come with Content-Length');
    return false;
  }
  if (!/^\d+$/.test(length) || Number(length) > MAX_REQUEST_BODY) {
    sendError(res, 413, 'BAD_USER_INPUT', `A request body may be at most ${MAX_REQUEST_BODY} bytes`);
    return false;
  }
  return true;
}

export interface WharfApp {
  server: Server;
  docker: DockerClient;
  yoga: WharfYoga;
  access: AccessControl;
  /** Listens; resolves to the URL of /graphql. */
  listen(port: number, host: string): Promise<{ url: string; port: number; host: string }>;
  /**
   * Stops gracefully: stops accepting, ends open subscriptions (clients get `complete`), lets
   * queries, mutations and exports finish for up to DRAIN_MS, then closes every socket and the
   * engine connections.
   */
  close(): Promise<void>;
}

export function buildApp(options: AppOptions): WharfApp {
  const logger = options.logger ?? createLogger('info');
  const metrics = options.metrics ?? new WharfMetrics();
  const operationLog = new OperationLog(logger, metrics);
  const observeEngine = options.observeEngine;
  const docker = createDockerClient({
    settings: options.docker,
    observe: observeEngine
      ? (event) => {
          operationLog.observeEngine(event);
          observeEngine(event);
        }
      : operationLog.observeEngine,
    observeStreams: (event) => metrics.upstreamStream(event),
    ...(options.followLimits ? { followLimits: options.followLimits } : {}),
  });
  const access = new AccessControl(options.access ?? { mode: 'local' });
  const corsOrigins = options.corsOrigins ?? [];
  const graphiql = options.graphiql ?? true;
  const dashboard = (options.dashboard ?? true) ? createDashboard(logger) : null;
  const principals = new WeakMap<IncomingMessage, Principal>();
  const streams = new OpenStreams();
  /** The signal of each SSE or multipart response: the client going away aborts it, and a stop does if it is a subscription. */
  const streamSignals = new WeakMap<IncomingMessage, AbortSignal>();
  const yoga = createWharfYoga(docker, {
    access,
    principals,
    streamSignals,
    graphiql,
    introspection: options.introspection ?? true,
    corsOrigins,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    audit: options.audit ?? stdoutAuditSink,
    plugins: [operationLog.plugin(), streams.plugin()],
    logger,
  });

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('x-request-id', requestIdOf(req));
    if (handleProbe(docker, req, res)) return;
    if (!originAllowed(req.headers.origin, req.headers.host, corsOrigins)) {
      sendError(res, 403, 'FORBIDDEN', 'This origin may not use the gateway');
      return;
    }
    // The page and its script are static and hold no data; its operations authenticate like any other.
    if (dashboard?.handle(req, res)) return;
    const auth = access.authenticateHeaders(req.headers);
    if (!auth.ok) {
      // CORS preflights carry no credentials; GraphiQL's page is static and asks for nothing itself.
      const preflight = req.method === 'OPTIONS';
      const graphiqlPage = graphiql && req.method === 'GET' && pathOf(req) === '/graphql' && (req.headers.accept ?? '').includes('text/html');
      if (!preflight && !graphiqlPage) {
        res.setHeader('www-authenticate', 'Bearer');
        sendError(res, 401, 'UNAUTHENTICATED', auth.message);
        return;
      }
    } else {
      if (!bodySizeAcceptable(req, res)) return;
      principals.set(req, auth.principal);
      if (handleMetrics(metrics, req, res)) return;
      if (handleExport(docker, req, res, auth.principal, streams)) return;
    }
    if (streamingResponse(req)) {
      // SSE and multipart: if it is a subscription, a stop ends its source, and Yoga sends `complete`.
      const controller = new AbortController();
      streams.track(controller);
      res.once('close', () => {
        controller.abort();
        streams.release(controller);
      });
      streamSignals.set(req, controller.signal);
    }
    void yoga.requestListener(req, res);
  };
  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (error) {
      // A bug in a route must cost one request, never the process.
      logger.error({ err: error, requestId: requestIdOf(req) }, 'request failed');
      if (!res.headersSent) sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
      else res.destroy();
    }
  });
  // Requests Node cannot parse (a Content-Length that lies, a broken request line) get a JSON answer too.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const body = JSON.stringify({ errors: [{ message: 'Malformed HTTP request', extensions: { code: 'BAD_USER_INPUT' } }] });
    socket.end(`HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });
  const ws = attachWebSocket(
    server,
    yoga,
    (payload, request) => {
      const fromPayload = payload?.authorization ?? payload?.Authorization;
      return access.authenticate(typeof fromPayload === 'string' ? fromPayload : request.headers.authorization);
    },
    streams,
    { verifyOrigin: (origin, host) => originAllowed(origin, host, corsOrigins), ...options.webSocket },
  );

  let closing: Promise<void> | undefined;
  return {
    server,
    docker,
    yoga,
    access,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve({ url: `http://${shown}:${address.port}/graphql`, port: address.port, host: address.address });
        });
      });
    },
    close() {
      closing ??= (async () => {
        const deadline = Date.now() + DRAIN_MS;
        let allClosed = false;
        const closed = new Promise<void>((resolve) => server.close(() => resolve())).then(() => {
          allClosed = true;
        });
        streams.endSubscriptions();
        await streams.settled(DRAIN_MS);
        // The `complete` messages were queued in the turn that ended each operation.
        await new Promise((resolve) => setImmediate(resolve));
        await ws.close();
        // Finished responses may still be flushing: close connections as they fall idle, until the deadline.
        while (!allClosed && Date.now() < deadline) {
          server.closeIdleConnections();
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        server.closeAllConnections();
        await closed;
        await docker.close();
      })();
      return closing;
    },
  };
}

/** A response that streams a subscription: SSE, or incremental delivery as multipart. */
function streamingResponse(req: IncomingMessage): boolean {
  const accept = req.headers.accept ?? '';
  return accept.includes('text/event-stream') || accept.includes('multipart/mixed');
}
