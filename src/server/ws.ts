// graphql-ws (graphql-transport-ws) on the HTTP server's /graphql, every operation through Yoga's envelop.
import type { IncomingMessage, Server } from 'node:http';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import type { WharfYoga } from './yoga.js';

/** The biggest message a client may send. */
export const MAX_WS_PAYLOAD = 1024 * 1024;
export const DEFAULT_MAX_SUBSCRIPTIONS = 50;

export interface WebSocketOptions {
  /** Operations one connection may have open at once. */
  maxSubscriptions?: number;
  /**
   * Decides at `connection_init` whether the connection may go on: the place where
   * authentication plugs in. Its object, if any, is kept as the connection's identity.
   */
  onConnectionInit?: (
    payload: Readonly<Record<string, unknown>> | undefined,
    request: IncomingMessage,
  ) => boolean | Record<string, unknown> | Promise<boolean | Record<string, unknown>>;
}

interface EnvelopedRoot {
  execute: (args: ExecutionArgs) => unknown;
  subscribe: (args: ExecutionArgs) => unknown;
}

export function attachWebSocket(server: Server, yoga: WharfYoga, options: WebSocketOptions = {}) {
  const maxSubscriptions = options.maxSubscriptions ?? DEFAULT_MAX_SUBSCRIPTIONS;
  const wss = new WebSocketServer({ server, path: yoga.graphqlEndpoint, maxPayload: MAX_WS_PAYLOAD });
  /** Each operation's abort controller, by socket and operation id: aborted when it completes or the socket goes. */
  const operations = new WeakMap<object, Map<string, AbortController>>();

  const disposable = useServer(
    {
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args) as never,
      subscribe: (args) => (args.rootValue as EnvelopedRoot).subscribe(args) as never,
      onConnect: (ctx) => (options.onConnectionInit ? options.onConnectionInit(ctx.connectionParams, ctx.extra.request) : true),
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
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params: payload,
          wharfSignal: controller.signal,
        });
        let document;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [error as never];
        }
        const errors = validate(schema, document);
        if (errors.length) return errors;
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
        byId?.get(id)?.abort();
        byId?.delete(id);
      },
      onClose: (ctx) => {
        for (const controller of operations.get(ctx)?.values() ?? []) controller.abort();
        operations.delete(ctx);
      },
    },
    wss,
  );

  return {
    wss,
    async close(): Promise<void> {
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
