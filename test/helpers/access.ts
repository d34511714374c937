// Tokens for tests, and one operation run over any transport with credentials, seen the same way whatever the transport.
import { print, type DocumentNode, type FormattedExecutionResult, type GraphQLFormattedError } from 'graphql';
import { ROLES, type Role } from '../../src/schema/access.js';
import { createToken, type TokenEntry } from '../../src/server/auth/tokens.js';
import { openSse } from './sse.js';
import { wsClient } from './ws.js';

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
      const stream = await openSse<Record<string, unknown>, Record<string, unknown>>(target.url, query, variables, {
        headers: { ...auth, ...options.headers },
        signal,
      });
      await stream.ended;
      if (!(stream.contentType ?? '').includes('text/event-stream')) {
        return { status: stream.status, headers: stream.headers, results: stream.results, closed: undefined, text: stream.body };
      }
      if (stream.failure !== undefined && signal.aborted) throw stream.failure;
      const text = stream.events.map((e) => `event: ${e.event}\ndata: ${e.data}`).join('\n\n');
      return { status: stream.status, headers: stream.headers, results: stream.results, closed: undefined, text };
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
  const upgradeHeaders = {
    ...options.headers,
    ...(options.authorizationInUpgrade && authorization !== undefined ? { authorization } : {}),
  };
  const client = wsClient(wsUrl, {
    headers: upgradeHeaders,
    ...(authorization !== undefined && !options.authorizationInUpgrade ? { connectionParams: { authorization } } : {}),
  });
  const results: OperationOutcome['results'] = [];
  let closed: OperationOutcome['closed'];
  let failure = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`graphql-ws operation timed out: ${JSON.stringify(results)}`)),
        options.timeoutMs ?? 15_000,
      );
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
