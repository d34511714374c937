// How the dashboard talks to the gateway: queries and mutations as HTTP POSTs, subscriptions over graphql-ws.
import { createClient, type Client } from 'graphql-ws/client';
import type { TypedDocumentString } from './gql/graphql.js';

/** An operation's failure with the code the gateway gave it (extensions.code), or one of the client's own. */
export class OperationError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'OperationError';
  }
}

interface FormattedError {
  message?: unknown;
  extensions?: { code?: unknown } | null;
}

interface ResponseBody<TData> {
  data?: TData | null;
  errors?: readonly FormattedError[];
}

/** The first error of a GraphQL answer, with its code. */
function operationErrorOf(errors: readonly FormattedError[]): OperationError {
  const first = errors[0];
  const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : 'INTERNAL_SERVER_ERROR';
  const message = typeof first?.message === 'string' ? first.message : 'The operation failed';
  return new OperationError(code, message);
}

/** graphql-ws's close codes the gateway uses for credentials; other closes are the connection's own. */
const CLOSE_CODES: Record<number, string> = { 4401: 'UNAUTHENTICATED', 4403: 'FORBIDDEN' };

function isCloseEvent(value: unknown): value is { code: number; reason: string } {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'number' && 'reason' in value;
}

/** Whatever a graphql-ws sink's error() receives: GraphQL errors, a CloseEvent or an Error. */
function subscriptionErrorOf(error: unknown): OperationError {
  if (error instanceof OperationError) return error;
  if (Array.isArray(error)) return operationErrorOf(error as FormattedError[]);
  if (isCloseEvent(error)) {
    const code = CLOSE_CODES[error.code] ?? 'CONNECTION_CLOSED';
    return new OperationError(code, `The WebSocket closed (${error.code}${error.reason ? `: ${error.reason}` : ''})`);
  }
  if (error instanceof Error) return new OperationError('CONNECTION_FAILED', error.message);
  return new OperationError('CONNECTION_FAILED', 'The WebSocket to the gateway failed');
}

export interface Subscriber<TData> {
  next(data: TData): void;
  error(error: OperationError): void;
  complete(): void;
}

export interface ConnectionEvents {
  /** The WebSocket is (again) acknowledged; after a retry the gateway replays each open subscription afresh. */
  connected(wasRetry: boolean): void;
  closed(): void;
}

export interface GatewayConnection {
  request<TData, TVariables>(document: TypedDocumentString<TData, TVariables>, variables: TVariables): Promise<TData>;
  /** Returns what ends the subscription. */
  subscribe<TData, TVariables>(document: TypedDocumentString<TData, TVariables>, variables: TVariables, subscriber: Subscriber<TData>): () => void;
  dispose(): void;
}

/** One gateway at `endpoint` (http(s)://host/graphql); `token`, when set, goes as a Bearer credential on both transports. */
export function connectGateway(endpoint: URL, token: string | null, events: ConnectionEvents): GatewayConnection {
  const authorization = token ? `Bearer ${token}` : null;
  const wsUrl = new URL(endpoint);
  wsUrl.protocol = endpoint.protocol === 'https:' ? 'wss:' : 'ws:';

  const ws: Client = createClient({
    url: wsUrl.href,
    connectionParams: authorization ? { authorization } : undefined,
    retryAttempts: 10,
    on: {
      connected: (_socket, _payload, wasRetry) => events.connected(wasRetry),
      closed: () => events.closed(),
    },
  });

  async function request<TData, TVariables>(document: TypedDocumentString<TData, TVariables>, variables: TVariables): Promise<TData> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
    };
    if (authorization) headers.authorization = authorization;
    let response: Response;
    try {
      response = await fetch(endpoint, { method: 'POST', headers, body: JSON.stringify({ query: document.toString(), variables }) });
    } catch (error) {
      throw new OperationError('CONNECTION_FAILED', `The gateway did not answer: ${(error as Error).message}`);
    }
    let body: ResponseBody<TData>;
    try {
      body = (await response.json()) as ResponseBody<TData>;
    } catch {
      throw new OperationError('BAD_RESPONSE', `The gateway answered ${response.status} without JSON`);
    }
    if (body.errors?.length) throw operationErrorOf(body.errors);
    if (!body.data) throw new OperationError('BAD_RESPONSE', `The gateway answered ${response.status} without data`);
    return body.data;
  }

  function subscribe<TData, TVariables>(
    document: TypedDocumentString<TData, TVariables>,
    variables: TVariables,
    subscriber: Subscriber<TData>,
  ): () => void {
    return ws.subscribe<TData>(
      { query: document.toString(), variables: variables as Record<string, unknown> },
      {
        next: (result) => {
          if (result.errors?.length) subscriber.error(operationErrorOf(result.errors));
          else if (result.data) subscriber.next(result.data);
        },
        error: (error) => subscriber.error(subscriptionErrorOf(error)),
        complete: () => subscriber.complete(),
      },
    );
  }

  return {
    request,
    subscribe,
    dispose() {
      void ws.dispose();
    },
  };
}
