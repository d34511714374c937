// An undici MockAgent standing in for the engine: a client wired to it, and a record of what each request carried.
import type { Readable } from 'node:stream';
import { MockAgent, type Dispatcher, type Interceptable } from 'undici';
import { createDockerClient, type DockerClient } from '../../../src/docker/client.js';
import type { ConnectionSettings } from '../../../src/docker/connection.js';

export const ORIGIN = 'http://docker';
/** The version the client is pinned to (as by DOCKER_API_VERSION) unless a test negotiates. */
export const API = '1.41';
export const HEADERS_TIMEOUT_MS = 7_000;
export const CALL_TIMEOUT_MS = 3_000;

export interface SentRequest {
  method: string;
  /** The path as sent, query string included. */
  path: string;
  pathname: string;
  /** The decoded query parameters. */
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string | undefined;
  headersTimeout: number | undefined;
  bodyTimeout: number | undefined;
  signal: AbortSignal | undefined;
  /** The response body the client was handed; absent until the headers came, and when the request failed. */
  response?: Readable;
}

export interface MockEngine {
  agent: MockAgent;
  /** Where interceptors go: the engine's origin on the agent. */
  engine: Interceptable;
  client: DockerClient;
  sent: SentRequest[];
  /** Answers the next request, whatever its method and path, once. */
  answer(status: number, body?: string | object, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

const anything = () => true;

export function mockEngine(settings: Partial<ConnectionSettings> = {}, client: { maxAnswerBytes?: number } = {}): MockEngine {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const sent: SentRequest[] = [];
  // Recorded at request(), above the mock's dispatch, so that the options and the body handed back are the client's own.
  const request = agent.request.bind(agent) as (options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;
  const recording = async (options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData> => {
    const url = new URL(options.path, ORIGIN);
    const entry: SentRequest = {
      method: options.method,
      path: options.path,
      pathname: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { ...(options.headers as Record<string, string> | undefined) },
      body: typeof options.body === 'string' ? options.body : undefined,
      headersTimeout: options.headersTimeout ?? undefined,
      bodyTimeout: options.bodyTimeout ?? undefined,
      signal: options.signal instanceof AbortSignal ? options.signal : undefined,
    };
    sent.push(entry);
    const res = await request(options);
    entry.response = res.body;
    return res;
  };
  agent.request = recording as typeof agent.request;

  const engine = agent.get(ORIGIN);
  const docker = createDockerClient({
    settings: {
      dockerHost: 'tcp://docker:2375',
      origin: ORIGIN,
      apiVersion: API,
      connectTimeoutMs: 1_000,
      callTimeoutMs: CALL_TIMEOUT_MS,
      headersTimeoutMs: HEADERS_TIMEOUT_MS,
      ...settings,
    },
    dispatcher: agent,
    ...client,
  });
  return {
    agent,
    engine,
    client: docker,
    sent,
    answer(status, body = '', headers = {}) {
      engine.intercept({ path: anything, method: anything }).reply(status, body, { headers });
    },
    async close() {
      await docker.close();
      await agent.close();
    },
  };
}

/** Whether a response body was read to its end or destroyed: either way its connection is free again. */
export function consumed(body: Readable | undefined): boolean {
  return body !== undefined && (body.readableEnded || body.destroyed);
}

/** A promise and the function that settles it: an engine answer held back until the test lets it go. */
export function gate<T>(): { promise: Promise<T>; open: (value: T) => void } {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}
