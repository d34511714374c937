// The composition root: engine client, access control, Yoga, the route table and the WebSocket server on one HTTP server.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createDockerClient, type DockerClient } from '../docker/client.js';
import type { ConnectionSettings } from '../docker/connection.js';
import { EngineSet } from '../docker/engine-set.js';
import { DEFAULT_ENGINE_NAME, type EngineSettings } from '../docker/engine-settings.js';
import type { FollowLimits } from '../docker/log-follow.js';
import type { RequestObserver } from '../docker/request.js';
import { type AnswerBounds, DEFAULT_ANSWER_BOUNDS } from '../schema/answer-bounds.js';
import { AccessControl, type AccessConfig } from './auth/access.js';
import { DEFAULT_LIMITS, type DocumentLimits } from './graphql/hardening.js';
import { originAllowed } from './http/origin.js';
import { attachWebSocket, type WebSocketOptions } from './graphql/ws.js';
import { createWharfYoga, type WharfYoga } from './graphql/yoga.js';
import { DirectExecution } from './graphql/direct-execution.js';
import { createDashboard } from './http/dashboard.js';
import { createDispatcher } from './http/dispatch.js';
import type { Route } from './http/route.js';
import { routeTable } from './http/routes.js';
import { DRAIN_MS, OpenOperations } from './open-operations.js';
import { stdoutAuditSink, type AuditSink } from './observability/audit.js';
import { createLogger } from './observability/logger.js';
import { WharfMetrics } from './observability/metrics.js';
import { OperationLog } from './observability/operation-log.js';
import { attachTerminal } from './terminal/route.js';

export interface AppOptions {
  /** The engines to drive, in order; when absent, the one engine `local` of `docker`. */
  engines?: readonly EngineSettings[];
  /** The one engine's settings, when `engines` is not given. */
  docker?: ConnectionSettings;
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
  /** The largest build context POST /images/build takes (413 past it); 1 GiB by default. */
  maxBuildContextBytes?: number;
  /** Browser origins allowed besides the gateway's own; none by default. */
  corsOrigins?: string[];
  limits?: Partial<DocumentLimits>;
  /** How much one answer may hold of what grows with the engine's data (logs); DEFAULT_ANSWER_BOUNDS by default. */
  answerBounds?: Partial<AnswerBounds>;
  /** Where audit lines go; stdout by default. */
  audit?: AuditSink;
  /** The structured log (one line per operation); pino at info on stdout by default. */
  logger?: Logger;
  /** The metrics served at /metrics; a fresh registry by default. */
  metrics?: WharfMetrics;
  /** Known queries and mutations POSTed as JSON answered without Yoga's HTTP layer (graphql/direct-execution.ts). Default: on. */
  directExecution?: boolean;
}

export interface WharfApp {
  server: Server;
  /** Every configured engine's client. */
  engines: EngineSet;
  /** The first configured engine's client. */
  docker: DockerClient;
  yoga: WharfYoga;
  access: AccessControl;
  /** Every HTTP route, in the order they are matched, with the authentication each requires. */
  routes: readonly Route[];
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
  const answerBounds: AnswerBounds = { ...DEFAULT_ANSWER_BOUNDS, ...options.answerBounds };
  const settings = engineList(options);
  const engines = new EngineSet(
    settings.map(({ name, connection }) =>
      createDockerClient({
        name,
        settings: connection,
        tagErrors: settings.length > 1,
        maxAnswerBytes: answerBounds.answerBytes,
        observe: observeEngine
          ? (event) => {
              operationLog.observeEngine(event);
              observeEngine(event);
            }
          : operationLog.observeEngine,
        observeStreams: (event) => metrics.upstreamStream(event),
        ...(options.followLimits ? { followLimits: options.followLimits } : {}),
      }),
    ),
  );
  const access = new AccessControl(options.access ?? { mode: 'local' });
  const corsOrigins = options.corsOrigins ?? [];
  const graphiql = options.graphiql ?? true;
  const open = new OpenOperations(operationLog.observeOperationCall);
  const direct = (options.directExecution ?? true) ? new DirectExecution(corsOrigins.length > 0, metrics) : undefined;
  const yoga = createWharfYoga(engines, {
    access,
    graphiql,
    introspection: options.introspection ?? true,
    corsOrigins,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    answerBounds,
    audit: options.audit ?? stdoutAuditSink,
    plugins: [operationLog.plugin(), open.plugin(), ...(direct ? [direct.plugin()] : [])],
    logger,
  });
  const routes = routeTable({
    engines,
    yoga,
    direct,
    metrics,
    open,
    dashboard: (options.dashboard ?? true) ? createDashboard(logger) : null,
    graphiql,
    maxBuildContextBytes: options.maxBuildContextBytes,
  });
  const server = createServer(
    createDispatcher({ routes, authenticate: (req) => access.authenticate(req.headers.authorization), corsOrigins, logger }),
  );
  // Requests Node cannot parse (a Content-Length that lies, a broken request line) get a JSON answer too.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const body = JSON.stringify({ errors: [{ message: 'Malformed HTTP request', extensions: { code: 'BAD_USER_INPUT' } }] });
    socket.end(
      `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  const verifyOrigin = (origin: string | undefined, host: string | undefined) => originAllowed(origin, host, corsOrigins);
  const terminal = attachTerminal({
    engines,
    access,
    audit: options.audit ?? stdoutAuditSink,
    logger,
    verifyOrigin,
    maxConnections: options.webSocket?.maxConnections,
    maxConnectionsPerAddress: options.webSocket?.maxConnectionsPerAddress,
    closing: () => open.closing,
  });
  const ws = attachWebSocket(
    server,
    yoga,
    (payload, request) => {
      const fromPayload = payload?.authorization ?? payload?.Authorization;
      return access.authenticate(typeof fromPayload === 'string' ? fromPayload : request.headers.authorization);
    },
    open,
    { verifyOrigin, ...options.webSocket, routeUpgrade: terminal.upgrade },
  );

  let closing: Promise<void> | undefined;
  return {
    server,
    engines,
    docker: engines.first,
    yoga,
    access,
    routes,
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
        open.endSubscriptions();
        await open.settled(DRAIN_MS);
        // The `complete` messages were queued in the turn that ended each operation.
        await new Promise((resolve) => setImmediate(resolve));
        await terminal.close();
        await ws.close();
        // Finished responses may still be flushing: close connections as they fall idle, until the deadline.
        while (!allClosed && Date.now() < deadline) {
          server.closeIdleConnections();
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        server.closeAllConnections();
        await closed;
        await engines.close();
      })();
      return closing;
    },
  };
}

function engineList(options: AppOptions): readonly EngineSettings[] {
  if (options.engines?.length) return options.engines;
  if (!options.docker) throw new Error('buildApp needs engines or docker settings');
  return [{ name: DEFAULT_ENGINE_NAME, connection: options.docker }];
}
