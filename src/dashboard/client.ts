// The dashboard's urql client: queries and mutations as HTTP POSTs, subscriptions over graphql-ws, the token as a Bearer credential on both.
import { Client, fetchExchange, subscriptionExchange } from '@urql/core';
import { createClient as createSocketClient } from 'graphql-ws/client';
import { socketErrorOf } from './operation-error.js';

export interface ConnectionEvents {
  /** The WebSocket is (again) acknowledged; after a retry the gateway replays each open subscription afresh. */
  connected(wasRetry: boolean): void;
  closed(): void;
}

export interface GatewayConnection {
  client: Client;
  /** How often the WebSocket came back after a drop: what a subscription shows from before the last one is replayed. */
  readonly retries: number;
  dispose(): void;
}

/** One gateway at `endpoint` (http(s)://host/graphql). */
export function connectGateway(endpoint: URL, token: string | null, events: ConnectionEvents): GatewayConnection {
  const authorization = token ? `Bearer ${token}` : null;
  const wsUrl = new URL(endpoint);
  wsUrl.protocol = endpoint.protocol === 'https:' ? 'wss:' : 'ws:';
  let retries = 0;

  const socket = createSocketClient({
    url: wsUrl.href,
    connectionParams: authorization ? { authorization } : undefined,
    retryAttempts: 10,
    on: {
      connected: (_socket, _payload, wasRetry) => {
        if (wasRetry) retries += 1;
        events.connected(wasRetry);
      },
      closed: () => events.closed(),
    },
  });

  const client = new Client({
    url: endpoint.href,
    // Every answer fresh from the engine; no document cache between the page and the gateway.
    requestPolicy: 'network-only',
    // POST only: the gateway's CSRF prevention wants a JSON body (or its header) on every request.
    preferGetMethod: false,
    fetchOptions: () => ({
      headers: {
        accept: 'application/graphql-response+json, application/json',
        ...(authorization ? { authorization } : {}),
      },
    }),
    exchanges: [
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({
            unsubscribe: socket.subscribe<Record<string, unknown>, Record<string, unknown>>(
              { query: request.query ?? '', variables: request.variables, operationName: request.operationName },
              {
                next: (result) => sink.next(result),
                // GraphQL errors as they are (urql makes them the result's errors); a close or failure with its code.
                error: (error) => sink.error(Array.isArray(error) ? error : socketErrorOf(error)),
                complete: () => sink.complete(),
              },
            ),
          }),
        }),
      }),
      fetchExchange,
    ],
  });

  return {
    client,
    get retries() {
      return retries;
    },
    dispose() {
      void socket.dispose();
    },
  };
}
