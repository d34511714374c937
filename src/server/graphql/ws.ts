// graphql-ws (graphql-transport-ws) on the HTTP server's /graphql, every operation through Yoga's envelop.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import { GraphQLError, type DocumentNode, type ExecutionArgs } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Principal } from '../../schema/access.js';
import { codedError } from '../../schema/errors.js';
import type { Authentication } from '../auth/access.js';
import type { OpenOperations } from '../open-operations.js';
import { operationRequestId, requestIdFrom } from '../request-id.js';
import type { Operation } from '../operation.js';
import type { WharfYoga } from './yoga.js';

/** The biggest message a client may send. */
export const MAX_WS_PAYLOAD = 1024 * 1024;
export const DEFAULT_MAX_SUBSCRIPTIONS = 50;
export const DEFAULT_MAX_CONNECTIONS = 10_000;
export const DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 1_000;

export interface WebSocketOptions {
  /** Operations one connection may have open at once. */
  maxSubscriptions?: number;
  /** WebSocket connections open at once, from everyone; the excess is closed with 1013. */
  maxConnections?: number;
  /** WebSocket connections open at once from one client address (the socket's remoteAddress); the excess is closed with 1013. */
  maxConnectionsPerAddress?: number;
  /** Refuses the upgrade of a browser page from an origin that may not talk to the gateway. */
  verifyOrigin?: (origin: string | undefined, host: string | undefined) => boolean;
  /** Offered each upgrade first: true when it took it (the terminal's paths), so graphql-ws never sees it. */
  routeUpgrade?: (request: IncomingMessage, socket: Duplex, head: Buffer) => boolean;
}

/** Who a connection is, from its connection_init payload or its upgrade request. */
export type ConnectionAuthenticator = (payload: Readonly<Record<string, unknown>> | undefined, request: IncomingMessage) => Authentication;

/** One WebSocket connection once connection_init accepted it: who it is, and its operations by the client's ids. */
interface Connection {
  requestId: string;
  principal: Principal;
  operations: Map<string, Operation>;
}

/** What graphql-ws keeps per connection besides its socket and upgrade request. */
type ConnectionExtra = { connection: Connection };

interface EnvelopedRoot {
  execute: (args: ExecutionArgs) => unknown;
  subscribe: (args: ExecutionArgs) => unknown;
}

/** graphql-ws's close code for a connection without valid credentials. */
const CLOSE_UNAUTHORIZED = 4401;
/** RFC 6455's "Try Again Later": the close code of a connection over a connection cap. */
export const CLOSE_TRY_AGAIN_LATER = 1013;
/** How long a refused connection may take to answer its close frame before its socket is cut. */
const REFUSED_CLOSE_GRACE_MS = 1_000;

export function attachWebSocket(
  server: Server,
  yoga: WharfYoga,
  authenticate: ConnectionAuthenticator,
  open: OpenOperations,
  options: WebSocketOptions = {},
) {
  const maxSubscriptions = options.maxSubscriptions ?? DEFAULT_MAX_SUBSCRIPTIONS;
  const maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  const maxPerAddress = options.maxConnectionsPerAddress ?? DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
  // noServer: the upgrade handler below decides whether graphql-ws ever sees a connection.
  const wss = new WebSocketServer({
    noServer: true,
    path: yoga.graphqlEndpoint,
    maxPayload: MAX_WS_PAYLOAD,
    verifyClient: (info: { origin?: string; req: IncomingMessage }) =>
      options.verifyOrigin ? options.verifyOrigin(info.origin || undefined, info.req.headers.host) : true,
  });

  let connections = 0;
  /** Open connections by client address; an address leaves the map with its last connection. */
  const perAddress = new Map<string, number>();
  /**
   * A connection over a cap is still upgraded, so that a browser sees the close code and reason (a
   * refused upgrade is only an error event to it), and is closed before graphql-ws hears of it.
   * The others are counted until their socket closes, however it closes.
   */
  const admit = (socket: WebSocket, request: IncomingMessage) => {
    const address = request.socket.remoteAddress ?? '';
    const fromAddress = perAddress.get(address) ?? 0;
    if (fromAddress >= maxPerAddress) return refuse(socket, `Too many connections from this address (${maxPerAddress})`);
    if (connections >= maxConnections) return refuse(socket, `Too many connections to the gateway (${maxConnections})`);
    connections += 1;
    perAddress.set(address, fromAddress + 1);
    socket.once('close', () => {
      connections -= 1;
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left > 0) perAddress.set(address, left);
      else perAddress.delete(address);
    });
    coalesceSends(socket, request.socket as Socket);
    wss.emit('connection', socket, request);
  };
  // As ws does with `server`: every upgrade goes to it, and one for another path is answered 400.
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (options.routeUpgrade?.(request, socket, head)) return;
    wss.handleUpgrade(request, socket, head, admit);
  };
  server.on('upgrade', onUpgrade);

  const end = (connection: Connection, id: string) => {
    const operation = connection.operations.get(id);
    if (!operation) return;
    connection.operations.delete(id);
    operation.abort();
    open.close(operation);
  };

  const disposable = useServer<Record<string, unknown> | undefined, ConnectionExtra>(
    {
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args) as never,
      subscribe: (args) => (args.rootValue as EnvelopedRoot).subscribe(args) as never,
      onConnect: (ctx) => {
        const auth = authenticate(ctx.connectionParams, ctx.extra.request);
        if (!auth.ok) {
          ctx.extra.socket.close(CLOSE_UNAUTHORIZED, 'Unauthorized');
          return false;
        }
        ctx.extra.connection = { requestId: requestIdFrom(ctx.extra.request.headers), principal: auth.principal, operations: new Map() };
        return true;
      },
      onSubscribe: async (ctx, id, payload) => {
        const connection = ctx.extra.connection;
        if (!connection) return [codedError('UNAUTHENTICATED', 'The connection was not initialised')];
        if (connection.operations.size >= maxSubscriptions) {
          return [codedError('BAD_USER_INPUT', `This connection already has ${maxSubscriptions} operations open, the most it may have`)];
        }
        // A stop waits for it; if it is a subscription, the stop aborts it: its source ends, and graphql-ws sends `complete`.
        const operation = open.start(operationRequestId(connection.requestId, id), 'ws', connection.principal);
        connection.operations.set(id, operation);
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params: payload,
          operation,
        });
        // graphql-ws calls onComplete only for operations that started: a refused one frees its slot here.
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (error) {
          end(connection, id);
          return [
            error instanceof GraphQLError
              ? error
              : codedError(
                  'BAD_USER_INPUT',
                  error instanceof RangeError ? 'The document is nested too deeply' : 'The document could not be parsed',
                ),
          ];
        }
        let errors: readonly GraphQLError[];
        try {
          errors = validate(schema, document);
        } catch (error) {
          // A rule that throws must cost this operation, not the whole connection.
          errors = [error instanceof GraphQLError ? error : codedError('BAD_USER_INPUT', 'The document could not be validated')];
        }
        if (errors.length) {
          end(connection, id);
          return errors;
        }
        const args: ExecutionArgs = {
          schema,
          operationName: payload.operationName ?? null,
          document,
          variableValues: payload.variables ?? null,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe } satisfies EnvelopedRoot,
        };
        return args;
      },
      onComplete: (ctx, id) => {
        if (ctx.extra.connection) end(ctx.extra.connection, id);
      },
      onClose: (ctx) => {
        const connection = ctx.extra.connection;
        if (connection) for (const id of [...connection.operations.keys()]) end(connection, id);
      },
    },
    wss,
  );

  return {
    wss,
    /** Closes every connection with 1001; end the subscriptions first (OpenOperations.endSubscriptions) for a clean `complete`. */
    async close(): Promise<void> {
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.off('upgrade', onUpgrade);
    },
  };
}

/** Closes a connection over a cap with 1013 and the reason; no message of it is ever read. */
export function refuse(socket: WebSocket, reason: string): void {
  // Nothing else listens on this socket: an error (a bad frame) must not become an uncaught exception.
  socket.on('error', () => undefined);
  socket.close(CLOSE_TRY_AGAIN_LATER, reason);
  // ws would wait 30 s for the peer's close frame; a flood of refused connections must not hold sockets that long.
  const cut = setTimeout(() => socket.terminate(), REFUSED_CLOSE_GRACE_MS);
  socket.once('close', () => clearTimeout(cut));
}

/** Below this many bytes waiting, a send counts as done at once; above it graphql-ws waits for the write. */
const SEND_HIGH_WATER = 1024 * 1024;

/**
 * graphql-ws waits for each message's write callback before it sends the next, and ws writes every
 * message with its own writev: one syscall and one event-loop turn per log line. Instead, messages
 * sent in one turn go out in one write (the TCP socket is corked until the turn ends), and a send
 * resolves at once while little is buffered.
 */
function coalesceSends(ws: WebSocket, tcp: Socket): void {
  const send = ws.send.bind(ws);
  let corked = false;
  const uncork = () => {
    corked = false;
    tcp.uncork();
  };
  ws.send = ((data: string, cb?: (err?: Error) => void) => {
    if (!corked && !tcp.destroyed) {
      corked = true;
      tcp.cork();
      setImmediate(uncork);
    }
    if (ws.bufferedAmount < SEND_HIGH_WATER) {
      send(data);
      if (cb) queueMicrotask(() => cb());
    } else {
      send(data, cb);
    }
  }) as typeof ws.send;
}
