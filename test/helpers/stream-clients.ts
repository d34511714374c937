// Stream clients that cut or stall their connection: graphql-ws's client with its socket in hand and a fast reader on a thread of its own.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { print, type ExecutionResult } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { Message } from 'graphql-ws';
import type WebSocket from 'ws';
import type { SseStream } from './sse.js';
import { waitUntil, type WaitDescription } from './subscriptions.js';
import { wsClient } from './ws.js';

// The one SSE reader, for the stream tests that take their clients from this module.
export { openSse } from './sse.js';
export type SseSubscription = SseStream<unknown>;

/** One message of the graphql-transport-ws protocol. */
export type TransportMessage = Message;

/** Milliseconds until `check` is true, polled every millisecond; rejects after `timeoutMs`. */
export async function msUntil(check: () => boolean, timeoutMs: number, what: WaitDescription): Promise<number> {
  const started = performance.now();
  await waitUntil(check, what, { timeoutMs, intervalMs: 1 });
  return performance.now() - started;
}

export interface ObservedWsClient {
  readonly socket: WebSocket;
  /** `next` messages received so far, per operation id. */
  nextCount(id: string): number;
  /** Every `next` payload per operation id, unless the client was opened with `keepNext: false`. */
  nexts(id: string): ExecutionResult[];
  /** Every message other than `next`, in order (`connection_ack`, `error`, `complete`, `ping`, ...). */
  readonly others: TransportMessage[];
  /** Subscribes under the operation id `id`. */
  subscribe<TData, TVariables extends Record<string, unknown>>(
    id: string,
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
  ): void;
  /** Sends `complete` for the operation: the client is done with it. */
  complete(id: string): void;
  /** Resolves with the first `next` payload of `id` for which `match` is true, whether it came already or comes later. */
  waitForNext(id: string, match: (result: ExecutionResult) => boolean, timeoutMs: number): Promise<ExecutionResult>;
  /** Stops reading from the socket (the kernel buffers fill, the server's sends stall) / reads again. */
  pause(): void;
  resume(): void;
  /** Destroys the TCP socket at once: no close frame, no `complete`. */
  terminate(): void;
  /** A normal close (code 1000), resolved when the socket has closed. */
  close(): Promise<void>;
}

/**
 * graphql-ws's client, connected (resolves on `connection_ack`), with operation ids of the test's
 * choosing, every message seen, and its socket in hand: it can be cut abruptly and made to read slowly.
 */
export async function connectWs(url: string, options: { keepNext?: boolean; timeoutMs?: number } = {}): Promise<ObservedWsClient> {
  const keepNext = options.keepNext ?? true;
  const counts = new Map<string, number>();
  const kept = new Map<string, ExecutionResult[]>();
  const others: TransportMessage[] = [];
  const listeners = new Set<(message: TransportMessage) => void>();
  const unsubscribers = new Map<string, () => void>();
  let socket: WebSocket | undefined;
  let nextId = '';
  let acknowledged!: () => void;
  let refused!: (error: Error) => void;
  const connected = new Promise<void>((resolve, reject) => {
    acknowledged = resolve;
    refused = reject;
  });

  const client = wsClient(url, {
    lazy: false,
    // The tests look at what the server did; a cut connection is theirs to make.
    onNonLazyError: () => undefined,
    generateID: () => nextId,
    on: {
      opened: (opened) => (socket = opened as WebSocket),
      connected: () => acknowledged(),
      closed: (event) => refused(new Error(`socket closed (${(event as { code?: number }).code}) before connection_ack`)),
      message: (message) => {
        if (message.type === 'next') {
          counts.set(message.id, (counts.get(message.id) ?? 0) + 1);
          if (keepNext) {
            let list = kept.get(message.id);
            if (!list) kept.set(message.id, (list = []));
            list.push(message.payload as ExecutionResult);
          }
        } else {
          others.push(message);
        }
        for (const listener of listeners) listener(message);
      },
    },
  });
  const timer = setTimeout(() => refused(new Error('no connection_ack within the timeout')), options.timeoutMs ?? 5_000);
  try {
    await connected;
  } catch (error) {
    socket?.terminate();
    await client.dispose();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  const open = socket!;
  // Socket errors and cut connections end up in the sinks; the tests look at the messages instead.
  const ignore = { next: () => undefined, error: () => undefined, complete: () => undefined };

  return {
    socket: open,
    others,
    nextCount: (id) => counts.get(id) ?? 0,
    nexts: (id) => kept.get(id) ?? [],
    subscribe(id, document, variables) {
      nextId = id;
      unsubscribers.set(id, client.subscribe({ query: print(document), variables }, ignore));
    },
    complete(id) {
      unsubscribers.get(id)?.();
    },
    waitForNext(id, match, timeoutMs) {
      const already = (kept.get(id) ?? []).find(match);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(listener);
          reject(new Error(`no matching next for operation ${id} within ${timeoutMs} ms; others: ${JSON.stringify(others)}`));
        }, timeoutMs);
        const listener = (message: TransportMessage) => {
          if (!('id' in message) || message.id !== id) return;
          if (message.type === 'next' && match(message.payload as ExecutionResult)) {
            clearTimeout(timer);
            listeners.delete(listener);
            resolve(message.payload as ExecutionResult);
          } else if (message.type === 'error' || message.type === 'complete') {
            clearTimeout(timer);
            listeners.delete(listener);
            reject(
              new Error(
                `operation ${id} ended (${message.type}) before a matching next: ${JSON.stringify('payload' in message ? message.payload : undefined)}`,
              ),
            );
          }
        };
        listeners.add(listener);
      });
    },
    pause: () => open.pause(),
    resume: () => open.resume(),
    terminate: () => open.terminate(),
    close() {
      if (open.readyState === open.CLOSED) return Promise.resolve();
      const closed = new Promise<void>((resolve) => open.once('close', () => resolve()));
      open.resume();
      void client.dispose();
      return closed;
    },
  };
}

export interface WorkerWsReader {
  /** `next` messages read so far. */
  count(): number;
  /** True once the server sent `complete` or `error` for the operation. */
  ended(): boolean;
  /** Cuts the socket (no close frame) and ends the worker. */
  stop(): Promise<void>;
}

// Runs in the worker: reads one subscription with graphql-ws's client as fast as the socket delivers, counting results.
const WORKER_READER = `
const { parentPort, workerData } = require('node:worker_threads');
const WebSocket = require(workerData.wsPath);
const { createClient } = require(workerData.graphqlWsPath);
const counters = new Int32Array(workerData.counters);
const client = createClient({ url: workerData.url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
const ended = () => Atomics.store(counters, 1, 1);
client.subscribe(workerData.payload, { next: () => Atomics.add(counters, 0, 1), error: ended, complete: ended });
parentPort.on('message', () => {
  // Leaving the thread drops its socket without a close frame.
  process.exit(0);
});
`;

/**
 * A fast graphql-ws reader on its own thread, so that reading a big stream does not take the event
 * loop the in-process gateway runs on.
 */
export function startWorkerWsReader<TData, TVariables extends Record<string, unknown>>(
  url: string,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
): WorkerWsReader {
  const counters = new Int32Array(new SharedArrayBuffer(8));
  const require = createRequire(import.meta.url);
  const worker = new Worker(WORKER_READER, {
    eval: true,
    workerData: {
      url,
      wsPath: require.resolve('ws'),
      graphqlWsPath: require.resolve('graphql-ws'),
      counters: counters.buffer,
      payload: { query: print(document), variables },
    },
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    count: () => Atomics.load(counters, 0),
    ended: () => Atomics.load(counters, 1) === 1,
    async stop() {
      worker.postMessage('stop');
      await exited;
    },
  };
}
