// A real Wharf server on port 0 against the test engine (optionally behind a counting proxy, in token mode, warmed), its per-file fixture, and a small HTTP client for it.
import { print, type ExecutionResult } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, inject } from 'vitest';
import { connectionFromEnv } from '../../src/docker/connection.js';
import { STRICT_CREATE_POLICY, type CreatePolicy } from '../../src/schema/create-policy.js';
import { buildApp, type AppOptions, type WharfApp } from '../../src/server/app.js';
import type { AuditRecord } from '../../src/server/observability/audit.js';
import { createLogger } from '../../src/server/observability/logger.js';
import type { IssuedToken } from './access.js';
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
  /** The audit records written, unless the options gave an audit sink of their own. */
  audit: AuditRecord[];
  /** Closes the gateway, then its counting proxy if it has one. */
  close(): Promise<void>;
}

/** A gateway whose every engine call passes a counting proxy. */
export interface ProxiedGateway extends TestGateway {
  proxy: CountingProxy;
}

export interface GatewayOptions extends Omit<AppOptions, 'docker'> {
  /** Environment the engine connection is read from, besides DOCKER_HOST (TLS settings, for instance). */
  env?: Record<string, string | undefined>;
  /** Put a counting proxy between the gateway and the engine (which must then be on a unix socket). */
  countingProxy?: boolean;
  /** Token mode with these tokens (instead of `access`). */
  tokens?: readonly IssuedToken[];
  /** With `tokens`: the create policy, over STRICT_CREATE_POLICY. */
  createPolicy?: Partial<CreatePolicy>;
  /**
   * Make one engine call first (as the admin token, or the first, in token mode) so the API version
   * is negotiated, then forget it: the proxy's record and the audit start empty.
   */
  warm?: boolean;
}

/** Starts a gateway on 127.0.0.1, port 0, against the engine at `dockerHost`, with a silent log. */
export async function startGateway(dockerHost: string, options: GatewayOptions & { countingProxy: true }): Promise<ProxiedGateway>;
export async function startGateway(dockerHost: string, options?: GatewayOptions): Promise<TestGateway>;
export async function startGateway(dockerHost: string, options: GatewayOptions = {}): Promise<TestGateway> {
  const { env, countingProxy, tokens, createPolicy, warm, ...app } = options;
  let proxy: CountingProxy | undefined;
  if (countingProxy) {
    if (!dockerHost.startsWith('unix://')) throw new Error(`a counting proxy needs an engine on a unix socket, not ${dockerHost}`);
    proxy = await startCountingProxy(dockerHost.slice('unix://'.length));
  }
  const audit: AuditRecord[] = [];
  let wharf: WharfApp;
  let port: number;
  try {
    wharf = buildApp({
      audit: (record) => audit.push(record),
      logger: createLogger('silent'),
      ...(tokens
        ? { access: { mode: 'token', tokens: tokens.map((t) => t.entry), createPolicy: { ...STRICT_CREATE_POLICY, ...createPolicy } } }
        : {}),
      ...app,
      docker: connectionFromEnv({ ...(env ?? {}), DOCKER_HOST: proxy?.dockerHost ?? dockerHost }),
    });
    ({ port } = await wharf.listen(0, '127.0.0.1'));
  } catch (error) {
    await proxy?.close();
    throw error;
  }
  const origin = `http://127.0.0.1:${port}`;
  const close = async () => {
    await wharf.close();
    await proxy?.close();
  };
  const gateway: TestGateway = { app: wharf, origin, url: `${origin}/graphql`, wsUrl: `ws://127.0.0.1:${port}/graphql`, audit, close };
  const proxied: ProxiedGateway | undefined = proxy && { ...gateway, proxy };
  if (warm) {
    const warmer = tokens?.find((t) => t.role === 'admin') ?? tokens?.[0];
    const result = await gql(
      gateway.url,
      '{ engine { apiVersion } }',
      undefined,
      warmer ? { headers: { authorization: `Bearer ${warmer.token}` } } : {},
    );
    if (result.status !== 200 || result.errors) {
      await close();
      throw new Error(`warming the gateway failed: ${JSON.stringify(result)}`);
    }
    proxy?.reset();
    audit.length = 0;
  }
  return proxied ?? gateway;
}

/**
 * The test engine's raw API and one gateway for a whole test file (see startGateway for the options):
 * the gateway starts before the file's tests and both close after them. Call at the top level of a
 * test file. `proxy` is there with `countingProxy: true`.
 */
export function gatewayForFile(options: GatewayOptions = {}): { engine: RawEngine; gateway: TestGateway; proxy: CountingProxy } {
  const engine = rawEngine(inject('dockerSocket'));
  let gateway: TestGateway | undefined;
  beforeAll(async () => {
    gateway = await startGateway(inject('dockerHost'), options);
  });
  afterAll(async () => {
    await gateway?.close();
    await engine.close();
  });
  return {
    engine,
    gateway: startedInBeforeAll('the file gateway', () => gateway),
    proxy: startedInBeforeAll('the file proxy (countingProxy: true)', () =>
      gateway && 'proxy' in gateway ? (gateway as ProxiedGateway).proxy : undefined,
    ),
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
