// The load generator's WebSocket side: real graphql-ws clients, and log subscriptions that count what they receive.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface LogLineData {
  stream: string;
  timestamp: string;
  message: string;
}

/** containerLogs sends one line per event, containerLogBatches an array of them. */
type LogEventData = Record<string, LogLineData | LogLineData[] | null | undefined>;

export interface LineSubscription {
  /** Lines received so far. */
  readonly lines: number;
  /** The last line's message. */
  readonly lastMessage: string | undefined;
  /** performance.now() when the first line came. */
  readonly firstLineAt: number | undefined;
  /** Resolves when the server completes the operation; rejects on a GraphQL or transport error. */
  readonly done: Promise<void>;
  /** Completes the operation from the client's side (idempotent). */
  cancel(): void;
}

const CONNECT_TIMEOUT_MS = 10_000;

/** A connected client: resolves once the server has acknowledged `connection_init`. */
export async function connectGraphqlWs(url: string): Promise<Client> {
  let failed: ((error: unknown) => void) | undefined;
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    // Connect now and stay connected between operations, as a long-lived dashboard would.
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: (error) => failed?.(error),
  });
  let timer: NodeJS.Timeout | undefined;
  let off: (() => void) | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      failed = reject;
      timer = setTimeout(
        () => reject(new Error(`no connection_ack from ${url} within ${CONNECT_TIMEOUT_MS / 1000} s`)),
        CONNECT_TIMEOUT_MS,
      );
      off = client.on('connected', () => resolve());
    });
  } catch (error) {
    await client.dispose();
    throw error;
  } finally {
    // Either way: a failed connect must not hold the process for the rest of the timeout.
    clearTimeout(timer);
    off?.();
  }
  failed = undefined;
  return client;
}

/** Subscribes to `query`, whose single root field is `field`, and counts the log lines that come. */
export function subscribeLines(client: Client, query: string, field: string): LineSubscription {
  let lines = 0;
  let lastMessage: string | undefined;
  let firstLineAt: number | undefined;
  let unsubscribe: (() => void) | undefined;
  let settled = false;
  const done = new Promise<void>((resolve, reject) => {
    const settle = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      if (error === undefined) resolve();
      else reject(error instanceof Error ? error : new Error(describe(error)));
    };
    unsubscribe = client.subscribe<LogEventData>(
      { query },
      {
        next: (result) => {
          if (result.errors?.length) {
            unsubscribe?.();
            settle(new Error(`${field}: ${result.errors.map((e) => e.message).join('; ')}`));
            return;
          }
          const value = result.data?.[field];
          firstLineAt ??= performance.now();
          if (Array.isArray(value)) {
            lines += value.length;
            const last = value[value.length - 1];
            if (last) lastMessage = last.message;
          } else if (value) {
            lines += 1;
            lastMessage = value.message;
          }
        },
        error: (error) => settle(error ?? new Error(`${field}: the subscription failed`)),
        complete: () => settle(),
      },
    );
  });
  // A cancelled or failed subscription is awaited by whoever cares; never an unhandled rejection.
  done.catch(() => undefined);
  return {
    get lines() {
      return lines;
    },
    get lastMessage() {
      return lastMessage;
    },
    get firstLineAt() {
      return firstLineAt;
    },
    done,
    cancel() {
      if (settled) return;
      unsubscribe?.();
    },
  };
}

function describe(error: unknown): string {
  if (Array.isArray(error)) return error.map(describe).join('; ');
  if (error && typeof error === 'object') {
    if ('message' in error && typeof error.message === 'string') return error.message;
    // A CloseEvent from the socket.
    if ('code' in error && 'reason' in error) return `socket closed (${String(error.code)} ${String(error.reason)})`;
  }
  return String(error);
}
