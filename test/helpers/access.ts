// Gateways behind a counting proxy (token or local mode, audit records kept) and clients that carry credentials on every transport.
import { print, type DocumentNode, type FormattedExecutionResult, type GraphQLFormattedError } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { ROLES, type Role } from '../../src/schema/access.js';
import { STRICT_CREATE_POLICY, type CreatePolicy } from '../../src/schema/create-policy.js';
import type { AppOptions } from '../../src/server/app.js';
import type { AuditRecord } from '../../src/server/observability/audit.js';
import { createToken, type TokenEntry } from '../../src/server/auth/tokens.js';
import { startCountingProxy, type CountingProxy } from './counting-proxy.js';
import { startGateway, type TestGateway } from './gateway.js';
import { parseSseFrame } from './subscriptions.js';

/** A token handed out for a test, with the entry its gateway knows it by. */
export interface IssuedToken {
  name: string;
  role: Role;
  token: string;
  entry: TokenEntry;
}

/** One token per role, named `<prefix>-<role>`; made at once, so test tables can name them before any gateway starts. */
export function issueTokens(prefix: string): Record<Role, IssuedToken> {
  const issue = (role: Role): IssuedToken => {
    const { token, entry } = createToken(`${prefix}-${role}`, role);
    return { name: entry.name, role, token, entry };
  };
  return Object.fromEntries(ROLES.map((role) => [role, issue(role)])) as Record<Role, IssuedToken>;
}

/** A gateway whose every engine call passes a counting proxy, with the audit records it wrote. */
export interface GuardedGateway {
  gateway: TestGateway;
  proxy: CountingProxy;
  audit: AuditRecord[];
  close(): Promise<void>;
}

export interface GuardedGatewayOptions {
  /** Token mode with these tokens; local mode without. */
  tokens?: readonly IssuedToken[];
  /** Token mode's create policy, over STRICT_CREATE_POLICY. */
  createPolicy?: Partial<CreatePolicy>;
  /** Any further app options (limits, origins, GraphiQL, introspection). */
  app?: Omit<AppOptions, 'docker' | 'access' | 'audit'>;
}

/**
 * Starts a counting proxy in front of the engine and a gateway behind it, then warms the gateway
 * (one engine call, so the API version is negotiated) and clears the proxy's record.
 */
export async function startGuardedGateway(dockerSocket: string, options: GuardedGatewayOptions = {}): Promise<GuardedGateway> {
  const proxy = await startCountingProxy(dockerSocket);
  const audit: AuditRecord[] = [];
  const access: AppOptions['access'] = options.tokens
    ? { mode: 'token', tokens: options.tokens.map((t) => t.entry), createPolicy: { ...STRICT_CREATE_POLICY, ...options.createPolicy } }
    : { mode: 'local' };
  let gateway: TestGateway;
  try {
    gateway = await startGateway(proxy.dockerHost, { ...options.app, access, audit: (record) => audit.push(record) });
  } catch (error) {
    await proxy.close();
    throw error;
  }
  const close = async () => {
    await gateway.close();
    await proxy.close();
  };
  const warmer = options.tokens?.find((t) => t.role === 'admin') ?? options.tokens?.[0];
  const warm = await runOperation('http-post', gateway, '{ engine { apiVersion } }', {}, warmer ? `Bearer ${warmer.token}` : undefined);
  if (warm.status !== 200 || warm.results[0]?.errors) {
    await close();
    throw new Error(`warming the gateway failed: ${warm.text}`);
  }
  proxy.reset();
  audit.length = 0;
  return { gateway, proxy, audit, close };
}

export type Transport = 'http-post' | 'http-get' | 'sse' | 'graphql-ws';
export const TRANSPORTS: readonly Transport[] = ['http-post', 'http-get', 'sse', 'graphql-ws'];

/** What one operation brought back, whatever the transport. */
export interface OperationOutcome {
  /** The HTTP status; undefined on graphql-ws. */
  status: number | undefined;
  /** The response headers; undefined on graphql-ws. */
  headers: Headers | undefined;
  /** Every result delivered, in order (an SSE event, a graphql-ws next or error message, an HTTP body). */
  results: FormattedExecutionResult<Record<string, unknown>, unknown>[];
  /** graphql-ws: how the socket closed, when it closed on the server's word. */
  closed: { code: number; reason: string } | undefined;
  /** Everything received, as text: for checking that no secret ever comes back. */
  text: string;
}

export interface OperationTarget {
  url: string;
  wsUrl: string;
}

export interface OperationOptions {
  /** More request headers (HTTP) or upgrade headers (graphql-ws). */
  headers?: Record<string, string>;
  /** graphql-ws: send the credentials in the upgrade request's header instead of connection_init. */
  authorizationInUpgrade?: boolean;
  timeoutMs?: number;
}

const GRAPHQL_ACCEPT = 'application/graphql-response+json, application/json';

/**
 * Runs one operation over a transport with an `Authorization` value (none when undefined):
 * POST, GET (with the CSRF header), SSE (POST with `accept: text/event-stream`), or the real graphql-ws client.
 */
export async function runOperation(
  transport: Transport,
  target: OperationTarget,
  document: DocumentNode | string,
  variables: Record<string, unknown>,
  authorization: string | undefined,
  options: OperationOptions = {},
): Promise<OperationOutcome> {
  const query = typeof document === 'string' ? document : print(document);
  const auth: Record<string, string> = authorization === undefined ? {} : { authorization };
  const signal = AbortSignal.timeout(options.timeoutMs ?? 15_000);
  switch (transport) {
    case 'http-post': {
      const res = await fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: GRAPHQL_ACCEPT, ...auth, ...options.headers },
        body: JSON.stringify({ query, variables }),
        signal,
      });
      return httpOutcome(res, await res.text());
    }
    case 'http-get': {
      const search = new URLSearchParams({ query, variables: JSON.stringify(variables) });
      const res = await fetch(`${target.url}?${search.toString()}`, {
        headers: { accept: GRAPHQL_ACCEPT, 'x-wharf-csrf': '1', ...auth, ...options.headers },
        signal,
      });
      return httpOutcome(res, await res.text());
    }
    case 'sse': {
      const res = await fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...auth, ...options.headers },
        body: JSON.stringify({ query, variables }),
        signal,
      });
      const text = await res.text();
      if (!(res.headers.get('content-type') ?? '').includes('text/event-stream')) return httpOutcome(res, text);
      return { status: res.status, headers: res.headers, results: sseResults(text), closed: undefined, text };
    }
    case 'graphql-ws':
      return wsOperation(target.wsUrl, query, variables, authorization, options);
  }
}

function httpOutcome(res: Response, text: string): OperationOutcome {
  let results: OperationOutcome['results'] = [];
  try {
    results = [JSON.parse(text) as OperationOutcome['results'][number]];
  } catch {
    // not JSON: a plain refusal; the status and text tell
  }
  return { status: res.status, headers: res.headers, results, closed: undefined, text };
}

/** The `next` events of a finished event stream, in order. */
export function sseResults(text: string): OperationOutcome['results'] {
  const results: OperationOutcome['results'] = [];
  for (const frame of text.split('\n\n')) {
    const { event, data } = parseSseFrame(frame);
    if ((event === 'next' || event === 'message') && data.length > 0) {
      results.push(JSON.parse(data.join('\n')) as OperationOutcome['results'][number]);
    }
  }
  return results;
}

/** A `ws` WebSocket that sends these headers with its upgrade request. */
function webSocketWithHeaders(headers: Record<string, string>): unknown {
  return class HeaderWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  };
}

function isCloseEvent(value: unknown): value is { code: number; reason: string } {
  return !!value && typeof value === 'object' && 'code' in value && typeof (value as { code: unknown }).code === 'number';
}

/** One operation through the real graphql-ws client, on a connection of its own that is disposed afterwards. */
async function wsOperation(
  wsUrl: string,
  query: string,
  variables: Record<string, unknown>,
  authorization: string | undefined,
  options: OperationOptions,
): Promise<OperationOutcome> {
  const upgradeHeaders = { ...options.headers, ...(options.authorizationInUpgrade && authorization !== undefined ? { authorization } : {}) };
  const client = createClient({
    url: wsUrl,
    webSocketImpl: Object.keys(upgradeHeaders).length ? webSocketWithHeaders(upgradeHeaders) : WebSocket,
    retryAttempts: 0,
    lazy: true,
    ...(authorization !== undefined && !options.authorizationInUpgrade ? { connectionParams: { authorization } } : {}),
  });
  const results: OperationOutcome['results'] = [];
  let closed: OperationOutcome['closed'];
  let failure = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`graphql-ws operation timed out: ${JSON.stringify(results)}`)), options.timeoutMs ?? 15_000);
      client.subscribe<Record<string, unknown>>(
        { query, variables },
        {
          next: (result) => results.push(result),
          error: (error: unknown) => {
            clearTimeout(timer);
            if (Array.isArray(error)) results.push({ errors: error as GraphQLFormattedError[] });
            else if (isCloseEvent(error)) closed = { code: error.code, reason: error.reason };
            else failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
            resolve();
          },
          complete: () => {
            clearTimeout(timer);
            resolve();
          },
        },
      );
    });
  } finally {
    await client.dispose();
  }
  const text = `${JSON.stringify(results)}${closed ? ` closed ${closed.code} ${closed.reason}` : ''}${failure ? ` failed ${failure}` : ''}`;
  return { status: undefined, headers: undefined, results, closed, text };
}

/** The `extensions.code` of every error in every result, in order. */
export function outcomeCodes(outcome: OperationOutcome): string[] {
  return outcome.results.flatMap((result) => (result.errors ?? []).map((error) => String(error.extensions?.code)));
}

/** Every error message in every result. */
export function outcomeMessages(outcome: OperationOutcome): string[] {
  return outcome.results.flatMap((result) => (result.errors ?? []).map((error) => error.message));
}
