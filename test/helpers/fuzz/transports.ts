// Sends a fuzz case by POST, GET or graphql-ws and checks whatever comes back against the contract.
import { Agent, request } from 'node:http';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { MAX_REQUEST_BODY } from '../../../src/server/http/dispatch.js';
import { MAX_WS_PAYLOAD } from '../../../src/server/graphql/ws.js';
import type { FuzzCase } from './cases.js';
import type { ContractChecks, Problem, Sent } from './checks.js';
import { toJsonText, toPlain } from './values.js';

/** A subscription is completed after its first message or this long. */
const SUBSCRIPTION_WINDOW_MS = 500;
const REQUEST_TIMEOUT_MS = 30_000;

export interface Target {
  url: string;
  wsUrl: string;
  /** Sent as `Bearer <token>` unless the case brings its own authorization. */
  token: string;
  /** graphql-ws connection params (token mode authenticates there). */
  connectionParams?: Record<string, unknown>;
}

export interface CloseLike {
  code: number;
  reason: string;
}

export function isCloseLike(value: unknown): value is CloseLike {
  return !!value && typeof value === 'object' && typeof (value as { code?: unknown }).code === 'number' && 'reason' in value;
}

export function sentOf(c: FuzzCase): Sent {
  return { mode: c.mode, text: () => `${typeof c.query === 'string' ? c.query : toJsonText(c.query)}${toJsonText(c.variables)}` };
}

class ReusedSocketReset extends Error {}

/** Keep-alive HTTP for the fuzz's requests; node:http costs a fraction of fetch per request. */
export class FuzzClient {
  private readonly agent: Agent;

  constructor(
    private readonly checks: ContractChecks,
    maxSockets: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  close(): void {
    this.agent.destroy();
  }

  /**
   * One request; once more on a fresh connection when a reused keep-alive socket was reset, as Node's
   * documentation advises: the server may close an idle socket just as the agent hands it out.
   */
  private async httpRequest(
    url: string,
    method: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<{ status: number; text: string }> {
    try {
      return await this.httpRequestOnce(url, method, headers, body);
    } catch (error) {
      if (!(error instanceof ReusedSocketReset)) throw error;
      return this.httpRequestOnce(url, method, headers, body);
    }
  }

  private httpRequestOnce(
    url: string,
    method: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(body);
      const req = request(
        url,
        {
          method,
          agent: this.agent,
          headers: payload ? { ...headers, 'content-length': String(payload.length) } : headers,
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.once('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.once('error', reject);
        },
      );
      req.once('error', (error: NodeJS.ErrnoException) =>
        reject(req.reusedSocket && error.code === 'ECONNRESET' ? new ReusedSocketReset(error.message) : error),
      );
      req.end(payload);
    });
  }

  /** Sends by the case's transport; answers the problems found (none: the contract held). */
  async send(c: FuzzCase, target: Target): Promise<{ problems: Problem[]; body?: string }> {
    const problems: Problem[] = [];
    try {
      const body = c.transport === 'ws' ? await this.sendWs(c, target, problems) : await this.sendHttp(c, target, problems);
      return { problems, ...(body === undefined ? {} : { body }) };
    } catch (error) {
      problems.push({ kind: 'client threw', message: error instanceof Error ? error.message : String(error) });
      return { problems };
    }
  }

  private async sendHttp(c: FuzzCase, target: Target, problems: Problem[]): Promise<string | undefined> {
    const auth: Record<string, string> = c.authorization === null ? {} : { authorization: c.authorization ?? `Bearer ${target.token}` };
    const headers: Record<string, string> = { accept: 'application/graphql-response+json, application/json', ...auth };
    const getUrl =
      c.transport === 'get' && typeof c.query === 'string'
        ? `${target.url}?${new URLSearchParams({
            query: c.query,
            ...(c.variables !== undefined ? { variables: toJsonText(c.variables) } : {}),
            ...(typeof c.operationName === 'string' ? { operationName: c.operationName } : {}),
          }).toString()}`
        : undefined;
    let answer: { status: number; text: string };
    let size = 0;
    try {
      // Node refuses request lines over 16 kB before the gateway sees them: long documents go by POST.
      if (getUrl && getUrl.length < 8_000) {
        answer = await this.httpRequest(getUrl, 'GET', { ...headers, 'x-wharf-csrf': '1' });
      } else {
        const members = [`"query":${toJsonText(c.query)}`];
        if (c.variables !== undefined) members.push(`"variables":${toJsonText(c.variables)}`);
        if (c.operationName !== undefined) members.push(`"operationName":${toJsonText(c.operationName)}`);
        if (c.extensions !== undefined) members.push(`"extensions":${toJsonText(c.extensions)}`);
        const body = `{${members.join(',')}}`;
        size = Buffer.byteLength(body);
        answer = await this.httpRequest(target.url, 'POST', { ...headers, 'content-type': 'application/json' }, body);
      }
    } catch (error) {
      // A body over the limit is answered 413 from its Content-Length, unread: the connection may close while it is still being written.
      const code = (error as NodeJS.ErrnoException).code;
      if (size > MAX_REQUEST_BODY && (code === 'ECONNRESET' || code === 'EPIPE')) return undefined;
      problems.push({
        kind: 'no answer',
        message: `${error instanceof Error ? `${error.name}: ${error.message}` : String(error)} (request body ${size} bytes)`,
      });
      return undefined;
    }
    if (answer.status >= 500) problems.push({ kind: `HTTP ${answer.status}`, message: answer.text.slice(0, 300) });
    this.checks.body(answer.text, sentOf(c), problems, answer.status);
    return answer.text;
  }

  private async sendWs(c: FuzzCase, target: Target, problems: Problem[]): Promise<string | undefined> {
    const client = createClient({
      url: target.wsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
      ...(target.connectionParams ? { connectionParams: target.connectionParams } : {}),
    });
    const variables = toPlain(c.variables);
    let payload = {
      query: typeof c.query === 'string' ? c.query : toJsonText(c.query),
      ...(variables && typeof variables === 'object' && !Array.isArray(variables)
        ? { variables: variables as Record<string, unknown> }
        : {}),
      ...(typeof c.operationName === 'string' ? { operationName: c.operationName } : {}),
    };
    let size: number;
    try {
      size = Buffer.byteLength(JSON.stringify(payload));
    } catch {
      // Nesting too deep for the client's own JSON.stringify: the server never sees it, so send the document alone.
      payload = { query: payload.query };
      size = Buffer.byteLength(JSON.stringify(payload));
    }
    let first: string | undefined;
    try {
      await new Promise<void>((resolve) => {
        let settled = false;
        let unsubscribe: () => void = () => undefined;
        const finish = () => {
          if (settled) return;
          settled = true;
          clearTimeout(windowTimer);
          clearTimeout(hard);
          unsubscribe();
          resolve();
        };
        const windowTimer = setTimeout(finish, SUBSCRIPTION_WINDOW_MS);
        const hard = setTimeout(() => {
          problems.push({ kind: 'no answer', message: `graphql-ws operation open after ${REQUEST_TIMEOUT_MS} ms` });
          finish();
        }, REQUEST_TIMEOUT_MS);
        unsubscribe = client.subscribe(payload, {
          next: (result) => {
            first = JSON.stringify(result);
            this.checks.body(first, sentOf(c), problems);
            finish();
          },
          error: (error: unknown) => {
            if (Array.isArray(error)) this.checks.errors(error, sentOf(c), problems);
            // 1009: a message over the server's maxPayload, which is the documented answer to one.
            else if (isCloseLike(error) && error.code === 1009 && size > MAX_WS_PAYLOAD) return finish();
            else if (isCloseLike(error)) problems.push({ kind: `WebSocket closed ${error.code}`, message: error.reason });
            else problems.push({ kind: 'WebSocket error', message: error instanceof Error ? error.message : String(error) });
            finish();
          },
          complete: finish,
        });
      });
    } finally {
      await client.dispose();
    }
    return first;
  }
}
