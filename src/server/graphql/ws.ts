// graphql-ws (graphql-transport-ws) on the HTTP server's /graphql, every operation through Yoga's envelop.
import type { IncomingMessage, Server } from 'node:http';
import { useServer } from 'graphql-ws/use/ws';
import type { Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import type { Principal } from '../../schema/access.js';
import type { Authentication } from '../auth/access.js';
import type { OpenStreams } from '../http/shutdown.js';
import type { WharfYoga } from './yoga.js';

/** The biggest message a client may send. */
export const MAX_WS_PAYLOAD = 1024 * 1024;
export const DEFAULT_MAX_SUBSCRIPTIONS = 50;

export interface WebSocketOptions {
  /** Operations one connection may have open at once. */
  maxSubscriptions?: number;
  /** Refuses the upgrade of a browser page from an origin that may not talk to the gateway. */
  verifyOrigin?: (origin: string | undefined, host: string | undefined) => boolean;
  /**
   * Decides at `connection_init` whether the connection may go on: the place where
   * authentication plugs in. Its object, if any, is kept as the connection's identity.
   */
  onConnectionInit?: (
    payload: Readonly<Record<string, unknown>> | undefined,
    request: IncomingMessage,
  ) => boolean | Promise<boolean>;
}

/** Who a connection is, from its connection_init payload or its upgrade request. */
export type ConnectionAuthenticator = (
  payload: Readonly<Record<string, unknown>> | undefined,
  request: IncomingMessage,
) => Authentication;

interface EnvelopedRoot {
  execute: (args: ExecutionArgs) => unknown;
  subscribe: (args: ExecutionArgs) => unknown;
}

/** graphql-ws's close code for a connection without valid credentials. */
const CLOSE_UNAUTHORIZED = 4401;

export function attachWebSocket(
  server: Server,
  yoga: WharfYoga,
  authenticate: ConnectionAuthenticator,
  streams: OpenStreams,
  options: WebSocketOptions = {},
) {
  const maxSubscriptions = options.maxSubscriptions ?? DEFAULT_MAX_SUBSCRIPTIONS;
  const wss = new WebSocketServer({
    server,
    path: yoga.graphqlEndpoint,
    maxPayload: MAX_WS_PAYLOAD,
    verifyClient: (info: { origin?: string; req: IncomingMessage }) =>
      options.verifyOrigin ? options.verifyOrigin(info.origin || undefined, info.req.headers.host) : true,
  });
  wss.on('connection', (socket, request) => coalesceSends(socket, request.socket as Socket));
  /** Who each connection is, settled at connection_init. */
  const principals = new WeakMap<object, Principal>();
  /** Each operation's abort controller, by socket and operation id: aborted when it completes or the socket goes. */
  const operations = new WeakMap<object, Map<string, AbortController>>();

  const end = (controller: AbortController) => {
    controller.abort();
    streams.release(controller);
  };

  const disposable = useServer(
    {
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args) as never,
      subscribe: (args) => (args.rootValue as EnvelopedRoot).subscribe(args) as never,
      onConnect: async (ctx) => {
        const auth = authenticate(ctx.connectionParams, ctx.extra.request);
        if (!auth.ok) {
          ctx.extra.socket.close(CLOSE_UNAUTHORIZED, 'Unauthorized');
          return false;
        }
        if (options.onConnectionInit && !(await options.onConnectionInit(ctx.connectionParams, ctx.extra.request))) return false;
        principals.set(ctx, auth.principal);
        return true;
      },
      onSubscribe: async (ctx, id, payload) => {
        let byId = operations.get(ctx);
        if (!byId) operations.set(ctx, (byId = new Map()));
        if (byId.size >= maxSubscriptions) {
          return [
            new GraphQLError(`This connection already has ${maxSubscriptions} operations open, the most it may have`, {
              extensions: { code: 'BAD_USER_INPUT' },
            }),
          ];
        }
        const controller = new AbortController();
        byId.set(id, controller);
        // A stop waits for it; if it is a subscription, the stop aborts it: its source ends, and graphql-ws sends `complete`.
        streams.track(controller);
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params: payload,
          wharfSignal: controller.signal,
          wharfPrincipal: principals.get(ctx),
          wharfOperationId: id,
        });
        // graphql-ws calls onComplete only for operations that started: a refused one frees its slot here.
        let document;
        try {
          document = parse(payload.query);
        } catch (error) {
          byId.delete(id);
          streams.release(controller);
          return [
            error instanceof GraphQLError
              ? error
              : new GraphQLError(error instanceof RangeError ? 'The document is nested too deeply' : 'The document could not be parsed', {
                  extensions: { code: 'BAD_USER_INPUT' },
                }),
          ];
        }
        let errors: readonly GraphQLError[];
        try {
          errors = validate(schema, document);
        } catch (error) {
          // A rule that throws must cost this operation, not the whole connection.
          errors = [error instanceof GraphQLError ? error : new GraphQLError('The document could not be validated', { extensions: { code: 'BAD_USER_INPUT' } })];
        }
        if (errors.length) {
          byId.delete(id);
          streams.release(controller);
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
        const byId = operations.get(ctx);
        const controller = byId?.get(id);
        if (controller) end(controller);
        byId?.delete(id);
      },
      onClose: (ctx) => {
        for (const controller of operations.get(ctx)?.values() ?? []) end(controller);
        operations.delete(ctx);
      },
    },
    wss,
  );

  return {
    wss,
    /** Closes every connection with 1001; end the subscriptions first (OpenStreams.endSubscriptions) for a clean `complete`. */
    async close(): Promise<void> {
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
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
