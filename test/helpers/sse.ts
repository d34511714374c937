// Server-Sent Events clients for tests: graphql-sse's own client for plain subscribing, and one low-level reader for tests that look at the framing, the headers, or read slowly.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type FormattedExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-sse';
import { Recording } from './subscriptions.js';

/** graphql-sse's client in distinct connections mode (one request per operation), without retries; dispose it in the test. */
export function sseClient(url: string, headers: Record<string, string> = {}): Client {
  return createClient({ url, headers, retryAttempts: 0 });
}

/** One Server-Sent Events frame: its event ('message' unless named) and its data lines; comment lines (`:` pings) skipped. */
function parseSseFrame(frame: string): { event: string; data: string[] } {
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

export interface SseEvent {
  event: string;
  data: string;
}

/**
 * One GraphQL operation over SSE (POST with `accept: text/event-stream`), read off fetch's body as
 * it arrives: the response's status and headers, every frame, and the results as a Recording.
 */
export class SseStream<TData> extends Recording<TData> {
  status = 0;
  contentType: string | null = null;
  headers: Headers = new Headers();
  /** Every frame but keep-alive comments, in order. */
  readonly events: SseEvent[] = [];
  /** The body, when the answer was not an event stream (a request refused outright). */
  body = '';
  /** Bytes read off the response body so far. */
  bytesRead = 0;
  private readonly controller = new AbortController();
  private paused: { resume: () => void; resumed: Promise<void> } | undefined;

  constructor() {
    super();
    this.stop = () => this.controller.abort();
  }

  /** Cancels the request: the HTTP connection goes away. */
  abort(): void {
    this.controller.abort();
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

  /** Sends the request and waits for the response's head; the body is read on in the background. */
  async open(
    url: string,
    query: string,
    variables: Record<string, unknown>,
    headers: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<void> {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
      body: JSON.stringify({ query, variables }),
      signal: signal ? AbortSignal.any([signal, this.controller.signal]) : this.controller.signal,
    });
    this.status = res.status;
    this.headers = res.headers;
    this.contentType = res.headers.get('content-type');
    void this.read(res);
  }

  private async read(res: Response): Promise<void> {
    try {
      if (!this.contentType?.includes('text/event-stream')) {
        this.body = await res.text();
        this.next(JSON.parse(this.body) as FormattedExecutionResult<TData, unknown>);
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

  private frame(frame: string): 'next' | 'complete' | undefined {
    const { event, data } = parseSseFrame(frame);
    // Comment-only frames are keep-alives.
    if (frame.split('\n').every((line) => line.startsWith(':'))) return undefined;
    this.events.push({ event, data: data.join('\n') });
    if (event === 'complete') return 'complete';
    if (event === 'next' || (event === 'message' && data.length > 0)) {
      this.next(JSON.parse(data.join('\n')) as FormattedExecutionResult<TData, unknown>);
      return 'next';
    }
    return undefined;
  }
}

/** Opens an operation over SSE and resolves once the response's head has come; stop() or abort() cancels it. */
export async function openSse<TData, TVariables extends Record<string, unknown>>(
  url: string,
  document: TypedDocumentNode<TData, TVariables> | string,
  variables: TVariables,
  options: { headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<SseStream<TData>> {
  const stream = new SseStream<TData>();
  await stream.open(url, typeof document === 'string' ? document : print(document), variables, options.headers ?? {}, options.signal);
  return stream;
}
