// A real Wharf server on port 0 against the test engine, and small HTTP and WebSocket clients for it.
import { print, type ExecutionResult } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, inject } from 'vitest';
import WebSocket from 'ws';
import { connectionFromEnv } from '../../src/docker/connection.js';
import { buildApp, type AppOptions, type WharfApp } from '../../src/server/app.js';
import { createLogger } from '../../src/server/observability/logger.js';
import { startCountingProxy, type CountingProxy } from './counting-proxy.js';
import { rawEngine, type RawEngine } from './engine-api.js';

export interface TestGateway {
  app: WharfApp;
  /** http://127.0.0.1:PORT */
  origin: string;
  /** http://127.0.0.1:PORT/graphql */
  url: string;
  /** ws://127.0.0.1:PORT/graphql */
  wsUrl: string;
  close(): Promise<void>;
}

export async function startGateway(
  dockerHost: string,
  options: Omit<AppOptions, 'docker'> & { env?: Record<string, string | undefined> } = {},
): Promise<TestGateway> {
  const { env, ...rest } = options;
  const app = buildApp({
    audit: () => undefined,
    logger: createLogger('silent'),
    ...rest,
    docker: connectionFromEnv({ ...(env ?? {}), DOCKER_HOST: dockerHost }),
  });
  const { port } = await app.listen(0, '127.0.0.1');
  const origin = `http://127.0.0.1:${port}`;
  return { app, origin, url: `${origin}/graphql`, wsUrl: `ws://127.0.0.1:${port}/graphql`, close: () => app.close() };
}

/**
 * The test engine's raw API and one gateway for a whole test file: the gateway starts before the
 * file's tests and both close after them. Call at the top level of a test file.
 */
export function gatewayForFile(options: Parameters<typeof startGateway>[1] = {}): { engine: RawEngine; gateway: TestGateway } {
  const { engine, gateway } = fileGateway(options, false);
  return { engine, gateway };
}

/** The same, with a counting proxy between the gateway and the engine that records every engine call. */
export function proxiedGatewayForFile(options: Parameters<typeof startGateway>[1] = {}): {
  engine: RawEngine;
  gateway: TestGateway;
  proxy: CountingProxy;
} {
  return fileGateway(options, true);
}

function fileGateway(options: Parameters<typeof startGateway>[1], countingProxy: boolean) {
  const engine = rawEngine(inject('dockerSocket'));
  let proxy: CountingProxy | undefined;
  let gateway: TestGateway | undefined;
  beforeAll(async () => {
    if (countingProxy) proxy = await startCountingProxy(inject('dockerSocket'));
    gateway = await startGateway(proxy?.dockerHost ?? inject('dockerHost'), options);
  });
  afterAll(async () => {
    await gateway?.close();
    await proxy?.close();
    await engine.close();
  });
  return {
    engine,
    gateway: startedInBeforeAll('the file gateway', () => gateway),
    proxy: startedInBeforeAll('the file proxy', () => proxy),
  };
}

/** Stands for an object that beforeAll creates: every property read goes to it, once it exists. */
function startedInBeforeAll<T extends object>(what: string, current: () => T | undefined): T {
  return new Proxy({} as T, {
    get(_, key) {
      const target = current();
      if (!target) throw new Error(`${what} is started in beforeAll; use it inside tests and hooks`);
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export type GraphQLResult<T> = ExecutionResult<T> & { status: number };

/** POSTs an operation and returns the parsed body with the HTTP status. */
export async function gql<TData, TVariables extends Record<string, unknown>>(
  url: string,
  document: TypedDocumentNode<TData, TVariables> | string,
  variables?: TVariables,
  init: { signal?: AbortSignal; headers?: Record<string, string> } = {},
): Promise<GraphQLResult<TData>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...init.headers },
    body: JSON.stringify({ query: typeof document === 'string' ? document : print(document), variables }),
    ...(init.signal ? { signal: init.signal } : {}),
  });
  const body = (await res.json()) as ExecutionResult<TData>;
  return { ...body, status: res.status };
}

/** The data of a successful operation; fails the test with the errors otherwise. */
export async function gqlData<TData, TVariables extends Record<string, unknown>>(
  url: string,
  document: TypedDocumentNode<TData, TVariables> | string,
  variables?: TVariables,
): Promise<TData> {
  const result = await gql(url, document, variables);
  if (result.errors?.length || !result.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  }
  return result.data;
}

/** The `extensions.code` of each error, in order. */
export function errorCodes(result: ExecutionResult<unknown>): string[] {
  return (result.errors ?? []).map((error) => String(error.extensions?.code));
}

/** The real graphql-ws client over a real WebSocket; dispose it in the test. */
export function wsClient(wsUrl: string, options: { connectionParams?: Record<string, unknown> } = {}): Client {
  return createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    ...(options.connectionParams ? { connectionParams: options.connectionParams } : {}),
  });
}
