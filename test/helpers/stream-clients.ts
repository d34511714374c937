// Low-level subscription clients for stream tests: graphql-transport-ws over a raw `ws` socket (so a test can cut it without a close frame), an SSE reader, a collector for the real graphql-ws client, and process probes.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { print, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { Client, FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { parseSseFrame, waitUntil, type WaitDescription } from './subscriptions.js';

/** One message of the graphql-transport-ws protocol. */
export interface TransportMessage {
  type: string;
  id?: string;
  payload?: unknown;
}

/** Milliseconds until `check` is true, polled every millisecond; rejects after `timeoutMs`. */
export async function msUntil(check: () => boolean, timeoutMs: number, what: WaitDescription): Promise<number> {
  const started = performance.now();
  await waitUntil(check, what, { timeoutMs, intervalMs: 1 });
  return performance.now() - started;
}

export interface RawWsClient {
  readonly socket: WebSocket;
  /** `next` messages received so far, per operation id. */
  nextCount(id: string): number;
  /** Every `next` payload per operation id, unless the client was opened with `keepNext: false`. */
  nexts(id: string): ExecutionResult[];
  /** Every message other than `next`, in order (`error`, `complete`, `ping`, ...). */
  readonly others: TransportMessage[];
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
 * Opens a WebSocket speaking graphql-transport-ws by hand and waits for `connection_ack`.
 * Unlike the graphql-ws client, it can be cut abruptly and made to read slowly.
 */
export async function connectRawWs(url: string, options: { keepNext?: boolean; timeoutMs?: number } = {}): Promise<RawWsClient> {
  const keepNext = options.keepNext ?? true;
  const socket = new WebSocket(url, 'graphql-transport-ws');
  const counts = new Map<string, number>();
  const kept = new Map<string, ExecutionResult[]>();
  const others: TransportMessage[] = [];
  const listeners = new Set<(message: TransportMessage) => void>();

  socket.on('message', (data: WebSocket.RawData) => {
    const message = JSON.parse(String(data)) as TransportMessage;
    if (message.type === 'next' && message.id !== undefined) {
      counts.set(message.id, (counts.get(message.id) ?? 0) + 1);
      if (keepNext) {
        let list = kept.get(message.id);
        if (!list) kept.set(message.id, (list = []));
        list.push(message.payload as ExecutionResult);
      }
    } else {
      others.push(message);
      if (message.type === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
    }
    for (const listener of listeners) listener(message);
  });
  // A terminated or refused socket may emit an error; the tests look at what the server did.
  socket.on('error', () => undefined);

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error('no connection_ack within the timeout'));
    }, options.timeoutMs ?? 5_000);
    const onAck = (message: TransportMessage) => {
      if (message.type !== 'connection_ack') return;
      clearTimeout(timer);
      listeners.delete(onAck);
      resolve();
    };
    listeners.add(onAck);
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    socket.once('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`socket closed (${code}) before connection_ack`));
    });
  });

  return {
    socket,
    others,
    nextCount: (id) => counts.get(id) ?? 0,
    nexts: (id) => kept.get(id) ?? [],
    subscribe(id, document, variables) {
      socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query: print(document), variables } }));
    },
    complete(id) {
      socket.send(JSON.stringify({ id, type: 'complete' }));
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
          if (message.id !== id) return;
          if (message.type === 'next' && match(message.payload as ExecutionResult)) {
            clearTimeout(timer);
            listeners.delete(listener);
            resolve(message.payload as ExecutionResult);
          } else if (message.type === 'error' || message.type === 'complete') {
            clearTimeout(timer);
            listeners.delete(listener);
            reject(new Error(`operation ${id} ended (${message.type}) before a matching next: ${JSON.stringify(message.payload)}`));
          }
        };
        listeners.add(listener);
      });
    },
    pause: () => socket.pause(),
    resume: () => socket.resume(),
    terminate: () => socket.terminate(),
    close() {
      if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
      return new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.close(1000);
      });
    },
  };
}

export interface SseEvent {
  event: string;
  data: string;
}

export interface SseSubscription {
  status: number;
  contentType: string | null;
  readonly events: SseEvent[];
  /** Resolves when the server ends the stream (or rejects if the read fails other than by abort()). */
  readonly ended: Promise<void>;
  /** Cancels the fetch: the HTTP connection goes away. */
  abort(): void;
}

/** A GraphQL subscription over Server-Sent Events (POST with `Accept: text/event-stream`), read as it arrives. */
export async function openSse<TData, TVariables extends Record<string, unknown>>(
  url: string,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
): Promise<SseSubscription> {
  const controller = new AbortController();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query: print(document), variables }),
    signal: controller.signal,
  });
  const events: SseEvent[] = [];
  const body = res.body;
  const read = async () => {
    if (!body) return;
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let pending = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        pending += decoder.decode(value, { stream: true });
        let cut = pending.indexOf('\n\n');
        while (cut !== -1) {
          const block = pending.slice(0, cut);
          pending = pending.slice(cut + 2);
          const { event, data } = parseSseFrame(block);
          // Comment-only blocks (":") are keep-alives.
          if (block.split('\n').some((line) => !line.startsWith(':'))) events.push({ event, data: data.join('\n') });
          cut = pending.indexOf('\n\n');
        }
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    }
  };
  const ended = read();
  ended.catch(() => undefined);
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    events,
    ended,
    abort: () => controller.abort(),
  };
}

/** The server ended an operation with an `error` message; its errors as sent. */
export class SubscriptionErrors extends Error {
  constructor(readonly errors: readonly GraphQLFormattedError[]) {
    super(`subscription error: ${JSON.stringify(errors)}`);
    this.name = 'SubscriptionErrors';
  }
}

export interface CollectedSubscription<TData> {
  readonly results: FormattedExecutionResult<TData, unknown>[];
  /** Arrival time (performance.now()) of each result. */
  readonly arrivals: number[];
  /** Resolves when the server completes the operation; rejects with the errors of an `error` message or a socket failure. */
  readonly done: Promise<void>;
  readonly completed: boolean;
  /** Resolves once `count` results have arrived. */
  waitForCount(count: number, timeoutMs: number): Promise<void>;
  /** Resolves with the first result for which `match` is true. */
  waitFor(match: (result: FormattedExecutionResult<TData, unknown>) => boolean, timeoutMs: number): Promise<FormattedExecutionResult<TData, unknown>>;
  /** Tells the server the client is done (sends `complete`). */
  stop(): void;
}

/** Subscribes with the real graphql-ws client and keeps every result. */
export function collectSubscription<TData, TVariables extends Record<string, unknown>>(
  client: Client,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
): CollectedSubscription<TData> {
  const results: FormattedExecutionResult<TData, unknown>[] = [];
  const arrivals: number[] = [];
  const listeners = new Set<() => void>();
  let completed = false;
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  let stop: () => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => {
    stop = client.subscribe<TData>(
      { query: print(document), variables },
      {
        next: (result) => {
          results.push(result);
          arrivals.push(performance.now());
          notify();
        },
        error: (error: unknown) => {
          completed = true;
          notify();
          reject(error instanceof Error ? error : new SubscriptionErrors(Array.isArray(error) ? (error as GraphQLFormattedError[]) : []));
        },
        complete: () => {
          completed = true;
          notify();
          resolve();
        },
      },
    );
  });
  done.catch(() => undefined);
  const waitUntilTrue = <T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> => {
    const hit = probe();
    if (hit !== undefined) return Promise.resolve(hit);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        listeners.delete(listener);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; got ${JSON.stringify(results.slice(-3))}`));
      }, timeoutMs);
      const listener = () => {
        const value = probe();
        if (value !== undefined) {
          clearTimeout(timer);
          listeners.delete(listener);
          resolve(value);
        } else if (completed) {
          clearTimeout(timer);
          listeners.delete(listener);
          reject(new Error(`the subscription ended while waiting for ${what}; got ${JSON.stringify(results.slice(-3))}`));
        }
      };
      listeners.add(listener);
    });
  };
  return {
    results,
    arrivals,
    done,
    get completed() {
      return completed;
    },
    waitForCount: async (count, timeoutMs) => {
      await waitUntilTrue(() => (results.length >= count ? true : undefined), timeoutMs, `${count} results`);
    },
    waitFor: (match, timeoutMs) => waitUntilTrue(() => results.find(match), timeoutMs, 'a matching result'),
    stop: () => stop(),
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

// Runs in the worker: reads one subscription as fast as the socket delivers, counting `next` messages.
const WORKER_READER = `
const { parentPort, workerData } = require('node:worker_threads');
const WebSocket = require(workerData.wsPath);
const counters = new Int32Array(workerData.counters);
const socket = new WebSocket(workerData.url, 'graphql-transport-ws');
socket.on('error', () => undefined);
socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
socket.on('message', (data) => {
  const message = JSON.parse(String(data));
  if (message.type === 'connection_ack') {
    socket.send(JSON.stringify({ id: 'read', type: 'subscribe', payload: workerData.payload }));
  } else if (message.type === 'next') {
    Atomics.add(counters, 0, 1);
  } else if (message.type === 'complete' || message.type === 'error') {
    Atomics.store(counters, 1, 1);
  } else if (message.type === 'ping') {
    socket.send(JSON.stringify({ type: 'pong' }));
  }
});
parentPort.on('message', () => {
  socket.terminate();
  process.exit(0);
});
`;

/**
 * A fast graphql-transport-ws reader on its own thread, so that reading a big stream does not take
 * the event loop the in-process gateway runs on.
 */
export function startWorkerWsReader<TData, TVariables extends Record<string, unknown>>(
  url: string,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
): WorkerWsReader {
  const counters = new Int32Array(new SharedArrayBuffer(8));
  const worker = new Worker(WORKER_READER, {
    eval: true,
    workerData: {
      url,
      wsPath: createRequire(import.meta.url).resolve('ws'),
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

/** How many file descriptors this process has open now. */
export function openFileDescriptors(): number {
  return readdirSync('/proc/self/fd').length;
}
