// Subscription clients for tests: record what a graphql-ws, SSE or raw graphql-transport-ws stream delivers, and wait on it.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type FormattedExecutionResult, type GraphQLFormattedError } from 'graphql';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';

/** One Server-Sent Events frame: its event ('message' unless named) and its data lines; comment lines (`:` pings) skipped. */
export function parseSseFrame(frame: string): { event: string; data: string[] } {
  let event = 'message';
  const data: string[] = [];
  for (const line of frame.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return { event, data };
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** What a wait is for, in its timeout message; a function is asked only when the wait times out. */
export type WaitDescription = string | (() => string);

/** Polls `check` until it holds; fails with `what` after `timeoutMs`. */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  what: WaitDescription,
  { timeoutMs = DEFAULT_TIMEOUT_MS, intervalMs = 10 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Something that notifies its waiters whenever it changes, and can be waited on until a condition holds. */
class Observable {
  private readonly waiters = new Set<() => void>();

  protected changed(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** Whether more can still happen; when false, a waiter whose condition does not hold fails at once. */
  protected get live(): boolean {
    return true;
  }

  protected describe(): string {
    return '';
  }

  /** Resolves once `check()` holds; rejects after `timeoutMs`, or as soon as the stream has ended without it. */
  until(check: () => boolean, what: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const stop = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      const waiter = () => {
        if (check()) {
          stop();
          resolve();
        } else if (!this.live) {
          stop();
          reject(new Error(`ended before ${what}: ${this.describe()}`));
        }
      };
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}: ${this.describe()}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}

export type RecordingState = 'open' | 'complete' | 'error';

/** What one subscription delivered: its results in order, its errors, and how it ended. */
export class Recording<TData> extends Observable {
  /** Every result, in order. */
  readonly results: FormattedExecutionResult<TData, unknown>[] = [];
  /** `performance.now()` when each result arrived. */
  readonly receivedAt: number[] = [];
  /** The GraphQL errors reported, in results or as the operation's error. */
  readonly errors: GraphQLFormattedError[] = [];
  /** A failure that is not a list of GraphQL errors: a close event, a transport error. */
  failure: unknown;
  state: RecordingState = 'open';
  /** Resolves once the subscription has completed or failed; never rejects. */
  readonly ended: Promise<void>;
  private resolveEnded!: () => void;
  /** Ends the subscription from this side. */
  stop: () => void = () => undefined;

  constructor() {
    super();
    this.ended = new Promise<void>((resolve) => (this.resolveEnded = resolve));
  }

  /** The data of each result that has data, in order. */
  get data(): TData[] {
    const out: TData[] = [];
    for (const result of this.results) if (result.data != null) out.push(result.data);
    return out;
  }

  /** `extensions.code` of every error, in order. */
  get errorCodes(): string[] {
    return this.errors.map((error) => String(error.extensions?.code));
  }

  next(result: FormattedExecutionResult<TData, unknown>): void {
    this.results.push(result);
    this.receivedAt.push(performance.now());
    if (result.errors) this.errors.push(...result.errors);
    this.changed();
  }

  complete(): void {
    if (this.state !== 'open') return;
    this.state = 'complete';
    this.resolveEnded();
    this.changed();
  }

  fail(error: unknown): void {
    if (this.state !== 'open') return;
    if (Array.isArray(error)) this.errors.push(...(error as GraphQLFormattedError[]));
    else this.failure = error;
    this.state = 'error';
    this.resolveEnded();
    this.changed();
  }

  protected override get live(): boolean {
    return this.state === 'open';
  }

  protected override describe(): string {
    const failure = this.failure === undefined ? '' : `, failure ${describeFailure(this.failure)}`;
    return `state ${this.state}, ${this.results.length} results, errors ${JSON.stringify(this.errors)}${failure}`;
  }
}

function describeFailure(failure: unknown): string {
  if (failure instanceof Error) return `${failure.name}: ${failure.message}`;
  if (failure && typeof failure === 'object' && 'code' in failure) {
    const { code, reason } = failure as { code: unknown; reason?: unknown };
    return `close ${String(code)} ${String(reason ?? '')}`;
  }
  return String(failure);
}

/** The close code of a graphql-ws client failure, when the socket closed. */
export function closeCodeOf(failure: unknown): number | undefined {
  if (failure && typeof failure === 'object' && 'code' in failure) {
    const { code } = failure as { code: unknown };
    if (typeof code === 'number') return code;
  }
  return undefined;
}

/**
 * Subscribes (or runs a query) through the real graphql-ws client and records what comes.
 * A string document is sent as it is: for operations that must not pass codegen (invalid, oversized).
 */
export function subscribeWs<TData, TVariables extends Record<string, unknown>>(
  client: Client,
  document: TypedDocumentNode<TData, TVariables> | string,
  variables: TVariables,
): Recording<TData> {
  const recording = new Recording<TData>();
  const unsubscribe = client.subscribe<TData>(
    { query: typeof document === 'string' ? document : print(document), variables },
    {
      next: (result) => recording.next(result),
      error: (error) => recording.fail(error),
      complete: () => recording.complete(),
    },
  );
  recording.stop = unsubscribe;
  return recording;
}

/** A subscription over Server-Sent Events (Yoga's `accept: text/event-stream`), read with fetch's body reader. */
export class SseRecording<TData> extends Recording<TData> {
  /** The HTTP status and content type of the response, once it came. */
  status: number | undefined;
  contentType: string | undefined;
  /** Bytes read off the response body so far. */
  bytesRead = 0;
  private readonly controller = new AbortController();
  private paused: { resume: () => void; resumed: Promise<void> } | undefined;

  constructor(url: string, query: string, variables: Record<string, unknown>) {
    super();
    this.stop = () => this.controller.abort();
    void this.run(url, query, variables);
  }

  /** Stops reading the body: the server meets backpressure once the buffers between fill. */
  pause(): void {
    if (this.paused) return;
    let resume!: () => void;
    const resumed = new Promise<void>((resolve) => (resume = resolve));
    this.paused = { resume, resumed };
  }

  resume(): void {
    const paused = this.paused;
    this.paused = undefined;
    paused?.resume();
  }

  private async run(url: string, query: string, variables: Record<string, unknown>): Promise<void> {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query, variables }),
        signal: this.controller.signal,
      });
      this.status = res.status;
      this.contentType = res.headers.get('content-type') ?? undefined;
      if (!this.contentType?.includes('text/event-stream')) {
        // Not a stream: a single result (a request the server refused outright).
        this.next((await res.json()) as FormattedExecutionResult<TData, unknown>);
        this.complete();
        return;
      }
      if (!res.body) throw new Error('SSE response without a body');
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        while (this.paused) await this.paused.resumed;
        const { done, value } = await reader.read();
        if (done) break;
        this.bytesRead += value.byteLength;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (this.frame(frame) === 'complete') {
            await reader.cancel();
            this.complete();
            return;
          }
        }
      }
      this.fail(new Error('the event stream ended without a complete event'));
    } catch (error) {
      this.fail(error);
    }
  }

  /** One `event:`/`data:` frame; comments (`:` pings) are skipped. */
  private frame(frame: string): 'next' | 'complete' | undefined {
    const { event, data } = parseSseFrame(frame);
    if (event === 'complete') return 'complete';
    if (event === 'next' || (event === 'message' && data.length > 0)) {
      this.next(JSON.parse(data.join('\n')) as FormattedExecutionResult<TData, unknown>);
      return 'next';
    }
    return undefined;
  }
}

/** Subscribes over SSE; stop() aborts the request. */
export function subscribeSse<TData, TVariables extends Record<string, unknown>>(
  url: string,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
): SseRecording<TData> {
  return new SseRecording<TData>(url, print(document), variables);
}

/** A message of the graphql-transport-ws protocol, as the server sent it. */
export interface TransportWsMessage {
  type: string;
  id?: string;
  payload?: unknown;
}

/**
 * A bare WebSocket speaking graphql-transport-ws by hand: for what the real client hides
 * (stopping reading mid-stream, raw frames).
 */
export class RawGraphQLWs extends Observable {
  readonly messages: TransportWsMessage[] = [];
  /** Set once the socket has closed. */
  closedWith: { code: number; reason: string } | undefined;
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly socket: WebSocket) {
    super();
    socket.on('message', (data: WebSocket.RawData) => {
      const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
      const message = JSON.parse(text) as TransportWsMessage;
      // The server's keep-alive: answer as the protocol asks.
      if (message.type === 'ping') this.send({ type: 'pong' });
      this.messages.push(message);
      this.changed();
    });
    this.closed = new Promise((resolve) => {
      socket.once('close', (code: number, reason: Buffer) => {
        this.closedWith = { code, reason: reason.toString('utf8') };
        resolve(this.closedWith);
        this.changed();
      });
    });
    socket.on('error', () => undefined);
  }

  /** Opens the socket and completes connection_init / connection_ack. */
  static async connect(wsUrl: string, initPayload?: Record<string, unknown>): Promise<RawGraphQLWs> {
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
    const client = new RawGraphQLWs(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    client.send({ type: 'connection_init', ...(initPayload ? { payload: initPayload } : {}) });
    await client.until(() => client.messages.some((m) => m.type === 'connection_ack'), 'connection_ack');
    return client;
  }

  protected override get live(): boolean {
    return this.closedWith === undefined;
  }

  protected override describe(): string {
    const closed = this.closedWith ? `, closed ${this.closedWith.code} ${this.closedWith.reason}` : '';
    return `${this.messages.length} messages${closed}`;
  }

  send(message: TransportWsMessage): void {
    this.socket.send(JSON.stringify(message));
  }

  subscribe<TData, TVariables extends Record<string, unknown>>(
    id: string,
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
  ): void {
    this.send({ id, type: 'subscribe', payload: { query: print(document), variables } });
  }

  /** The messages about one operation, in order. */
  messagesFor(id: string): TransportWsMessage[] {
    return this.messages.filter((message) => message.id === id);
  }

  /** Stops reading from the socket: what the server sends piles up in the kernel's buffers, then in the server. */
  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  /** Closes the socket (terminating it if the close handshake does not finish) and waits for it. */
  async close(): Promise<void> {
    if (this.closedWith) return;
    this.socket.resume();
    this.socket.close(1000, 'done');
    const timer = setTimeout(() => this.socket.terminate(), 1000);
    await this.closed;
    clearTimeout(timer);
  }
}
