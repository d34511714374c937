// The load generator's two clients: GraphQL over HTTP to the gateway, and raw GETs on the engine's socket. Both keep-alive.
import { Pool } from 'undici';

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

export interface GatewayHttp {
  /** POSTs the operation to /graphql and parses the body; rejects on a non-200 status. */
  post<T>(query: string): Promise<GraphQLResponse<T>>;
  /** GET one of the gateway's plain routes (e.g. `/healthz`) and parse the body; rejects on a non-200 status. */
  getJson<T>(path: string): Promise<T>;
  /** Idempotent. */
  close(): Promise<void>;
}

export interface EngineHttp {
  /** The engine's API version, from `/_ping`, as the gateway negotiates it. */
  apiVersion: string;
  /** GET `/v<apiVersion><path>` and parse the body; rejects on a non-200 status. */
  getJson<T>(path: string): Promise<T>;
  /** GET /_ping (unversioned): the engine's cheapest answer. */
  ping(): Promise<string>;
  /** Idempotent. */
  close(): Promise<void>;
}

export function gatewayHttp(url: string, connections = 1): GatewayHttp {
  const { origin, pathname } = new URL(url);
  const pool = new Pool(origin, { connections, pipelining: 1 });
  let closing: Promise<void> | undefined;
  return {
    async post<T>(query: string): Promise<GraphQLResponse<T>> {
      const res = await pool.request({
        method: 'POST',
        path: pathname,
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
        body: JSON.stringify({ query }),
      });
      const text = await res.body.text();
      if (res.statusCode !== 200) throw new Error(`POST ${url} answered ${res.statusCode}: ${text.slice(0, 300)}`);
      return JSON.parse(text) as GraphQLResponse<T>;
    },
    async getJson<T>(path: string): Promise<T> {
      const res = await pool.request({ method: 'GET', path });
      const text = await res.body.text();
      if (res.statusCode !== 200) throw new Error(`GET ${path} answered ${res.statusCode}: ${text.slice(0, 300)}`);
      return JSON.parse(text) as T;
    },
    close: () => (closing ??= pool.close()),
  };
}

export async function engineHttp(socketPath: string, connections = 1): Promise<EngineHttp> {
  const pool = new Pool('http://localhost', { socketPath, connections, pipelining: 1 });
  const ping = await pool.request({ method: 'GET', path: '/_ping' });
  await ping.body.dump();
  const apiVersion = ping.headers['api-version'];
  if (ping.statusCode !== 200 || typeof apiVersion !== 'string') {
    await pool.close();
    throw new Error(`GET /_ping answered ${ping.statusCode} without an Api-Version header`);
  }
  let closing: Promise<void> | undefined;
  return {
    apiVersion,
    async getJson<T>(path: string): Promise<T> {
      const res = await pool.request({ method: 'GET', path: `/v${apiVersion}${path}` });
      const text = await res.body.text();
      if (res.statusCode !== 200) throw new Error(`GET ${path} answered ${res.statusCode}: ${text.slice(0, 300)}`);
      return JSON.parse(text) as T;
    },
    async ping(): Promise<string> {
      const res = await pool.request({ method: 'GET', path: '/_ping' });
      const text = await res.body.text();
      if (res.statusCode !== 200) throw new Error(`GET /_ping answered ${res.statusCode}: ${text.slice(0, 300)}`);
      return text;
    },
    close: () => (closing ??= pool.close()),
  };
}
