// The structured log against a real engine: one JSON line per operation with its request id and engine calls, no secrets, the level honoured; --log-level.
import { randomBytes } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { TEST_IMAGE } from '../scripts/engine.js';
import { ConfigError, readConfig } from '../src/config.js';
import { createLogger, type LogLevel } from '../src/server/observability/logger.js';
import { issueTokens } from './helpers/access.js';
import { createTestContainer, rawEngine, removeContainer, TEST_LABEL, uniqueName } from './helpers/engine-api.js';
import { gql, startGateway, type GatewayOptions, type TestGateway } from './helpers/gateway.js';
import { record, waitUntil } from './helpers/subscriptions.js';
import { wsClient } from './helpers/ws.js';

const engine = rawEngine(inject('dockerSocket'));

/** What a captured log line holds; each test checks the fields it cares about. */
interface LogLine {
  level: string;
  msg: string;
  requestId?: string;
  transport?: string;
  operation?: string;
  operationType?: string;
  outcome?: string;
  durationMs?: number;
  tokenName?: string;
  variableNames?: string[];
  engineCalls?: number;
  engine?: string[];
}

/** A gateway whose log goes into memory, as raw text and as parsed lines. */
interface LoggedGateway {
  gateway: TestGateway;
  raw: string[];
  lines(): LogLine[];
  operations(): LogLine[];
}

const opened: TestGateway[] = [];
const containers: string[] = [];
const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
  await Promise.all(containers.splice(0).map((ref) => removeContainer(engine, ref)));
  await Promise.all(opened.splice(0).map((gateway) => gateway.close()));
});

async function loggedGateway(level: LogLevel, options: GatewayOptions = {}): Promise<LoggedGateway> {
  const raw: string[] = [];
  const logger = createLogger(level, { write: (line: string) => void raw.push(line) });
  const gateway = await startGateway(inject('dockerHost'), { ...options, logger });
  opened.push(gateway);
  const lines = () => raw.map((line) => JSON.parse(line) as LogLine);
  return { gateway, raw, lines, operations: () => lines().filter((line) => line.msg === 'operation') };
}

const requestId = () => `test-${randomBytes(6).toString('hex')}`;

describe('one line per operation', () => {
  it('logs an HTTP query once, with the x-request-id it came with, its name, duration and every engine call, the loaders batch included', async () => {
    const { gateway, operations } = await loggedGateway('info');
    const made = await createTestContainer(engine, { name: uniqueName('wharf-logging'), cmd: ['sleep', '300'] });
    containers.push(made.id);
    // The first operation also negotiates the API version (GET /_ping); this test is about a later one.
    expect((await gql(gateway.url, '{ engine { apiVersion } }')).errors).toBeUndefined();
    const id = requestId();

    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': id },
      body: JSON.stringify({
        query: 'query Listed($name: [String!]) { containers(all: true, filters: { name: $name }) { id inspect { restartCount } } }',
        variables: { name: [made.name] },
      }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe(id);
    expect(((await res.json()) as { data: { containers: unknown[] } }).data.containers).toHaveLength(1);

    const lines = operations().filter((line) => line.requestId === id);
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line).toMatchObject({
      level: 'info',
      transport: 'http',
      operation: 'Listed',
      operationType: 'query',
      outcome: 'ok',
      tokenName: 'local',
    });
    expect(line.variableNames).toEqual(['name']);
    expect(line.durationMs).toBeGreaterThan(0);
    // The list, then the inspect that Container.inspect asks through its DataLoader batch.
    expect(line.engine).toEqual([
      expect.stringMatching(/^GET \/containers\/json 200 [\d.]+ms$/),
      expect.stringMatching(/^GET \/containers\/\{id\}\/json 200 [\d.]+ms$/),
    ]);
    expect(line.engineCalls).toBe(2);
  });

  it('gives a request without a usable x-request-id a fresh one, and answers with it', async () => {
    const { gateway, operations } = await loggedGateway('info');
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'not a sane id; {"injected":true}' },
      body: JSON.stringify({ query: '{ engine { apiVersion } }' }),
    });
    expect(res.status).toBe(200);
    const given = res.headers.get('x-request-id');
    expect(given).toMatch(/^[0-9a-f-]{36}$/);
    expect(operations().map((line) => line.requestId)).toEqual([given]);
  });

  it('logs the failure code as the outcome of a mutation on a missing container', async () => {
    const { gateway, operations } = await loggedGateway('info');
    const id = requestId();
    await gql(
      gateway.url,
      'mutation StopIt($id: String!) { stopContainer(id: $id) { id } }',
      { id: uniqueName('wharf-missing') },
      { headers: { 'x-request-id': id } },
    );
    const line = operations().find((l) => l.requestId === id);
    expect(line).toMatchObject({ operation: 'StopIt', operationType: 'mutation', outcome: 'NOT_FOUND' });
    expect(line?.engine?.some((call) => / 404 /.test(call))).toBe(true);
  });

  it('logs a graphql-ws subscription when it ends, under its connection and operation id, with the follow it opened', async () => {
    const { gateway, operations } = await loggedGateway('info');
    const made = await createTestContainer(engine, {
      name: uniqueName('wharf-logging'),
      cmd: ['sh', '-c', 'while true; do echo tick; sleep 1; done'],
    });
    containers.push(made.id);
    const client = wsClient(gateway.wsUrl);
    clients.push(client);

    const recording = record(client, 'subscription Ticks($id: String!) { containerLogs(id: $id, tail: 1) { message } }', { id: made.id });
    await recording.until(() => recording.data.length > 0, 'a first line');
    expect(operations()).toEqual([]);
    recording.stop();
    await waitUntil(() => operations().length === 1, 'the subscription line');

    const line = operations()[0]!;
    expect(line).toMatchObject({ transport: 'ws', operation: 'Ticks', operationType: 'subscription', outcome: 'ok' });
    // Connection id / graphql-ws operation id.
    expect(line.requestId).toMatch(/^[0-9a-f-]{36}\/[\w-]+$/);
    expect(line.engine?.some((call) => call.startsWith('GET /containers/{id}/logs 200'))).toBe(true);
  });

  it.each([
    ['stats', 'subscription Sampled($id: String!) { containerStats(id: $id) { pids } }', 'GET /containers/{id}/stats 200'],
    ['events', 'subscription Watched($id: String!) { events(filters: { container: [$id] }) { action } }', 'GET /events 200'],
  ])('logs a %s subscription when it ends, with the engine stream it opened', async (_what, query, call) => {
    const { gateway, operations } = await loggedGateway('info');
    const made = await createTestContainer(engine, { name: uniqueName('wharf-logging'), cmd: ['sleep', '300'] });
    containers.push(made.id);
    const client = wsClient(gateway.wsUrl);
    clients.push(client);

    const recording = record(client, query, { id: made.id });
    // Stats come once a second by themselves; an event needs something to happen to the container.
    const poke = () =>
      engine.json('POST', `/containers/${made.id}/pause`).then(() => engine.json('POST', `/containers/${made.id}/unpause`));
    await waitUntil(
      async () => {
        if (recording.data.length > 0) return true;
        await poke();
        return false;
      },
      'a first result',
      { intervalMs: 250 },
    );
    recording.stop();
    await waitUntil(() => operations().length === 1, 'the subscription line');

    expect(operations()[0]!.engine?.some((line) => line.startsWith(call))).toBe(true);
  });
});

describe('what never appears in the log', () => {
  it('no bearer token and no environment value, at the most verbose level, through create, inspect and a WebSocket operation', async () => {
    const tokens = issueTokens('logging');
    const { gateway, raw, operations } = await loggedGateway('trace', {
      tokens: [tokens.admin],
    });
    const secret = `s3cr3t-${randomBytes(12).toString('hex')}`;
    const name = uniqueName('wharf-logging-secret');
    containers.push(name);
    const authorization = `Bearer ${tokens.admin.token}`;

    const created = await gql(
      gateway.url,
      'mutation Create($input: CreateContainerInput!) { createContainer(input: $input) { id config: inspect { config { env } } } }',
      { input: { image: TEST_IMAGE, name, cmd: ['sleep', '300'], env: [`SECRET=${secret}`], labels: [{ key: TEST_LABEL, value: '1' }] } },
      { headers: { authorization } },
    );
    expect(created.errors).toBeUndefined();
    // The secret is really there to leak: the admin reads it back.
    expect(JSON.stringify(created.data)).toContain(secret);

    // An inline document too: the value in the query text itself.
    const inline = await gql(
      gateway.url,
      `query { containers(all: true, filters: { name: ["${name}"] }) { inspect { raw } } }`,
      {},
      { headers: { authorization } },
    );
    expect(JSON.stringify(inline.data)).toContain(secret);

    const client = wsClient(gateway.wsUrl, { connectionParams: { authorization } });
    clients.push(client);
    const recording = record(client, 'query Env($id: String!) { container(id: $id) { inspect { config { env } } } }', { id: name });
    await recording.ended;
    expect(JSON.stringify(recording.data)).toContain(secret);

    expect(operations().map((line) => line.operation)).toEqual(['Create', 'containers', 'Env']);
    const all = raw.join('');
    expect(all).not.toContain(secret);
    expect(all).not.toContain(tokens.admin.token);
    expect(all).toContain(tokens.admin.name);
  });
});

describe('the level', () => {
  const query = '{ containers(all: true) { id } }';

  it('leaves out debug lines at info', async () => {
    const { gateway, lines } = await loggedGateway('info');
    expect((await gql(gateway.url, query)).errors).toBeUndefined();
    expect(lines().filter((line) => line.msg === 'operation')).toHaveLength(1);
    expect(lines().filter((line) => line.level === 'debug' || line.level === 'trace')).toEqual([]);
  });

  it('adds a line per engine request at debug', async () => {
    const { gateway, lines } = await loggedGateway('debug');
    expect((await gql(gateway.url, query)).errors).toBeUndefined();
    const debug = lines().filter((line) => line.level === 'debug' && line.msg === 'engine request');
    expect(debug.length).toBeGreaterThanOrEqual(1);
  });

  it("names the operation's request id on each engine request line at debug", async () => {
    const { gateway, lines } = await loggedGateway('debug');
    expect((await gql(gateway.url, query, undefined, { headers: { 'x-request-id': 'debug-trace-7' } })).errors).toBeUndefined();
    const debug = lines().filter((line) => line.level === 'debug' && line.msg === 'engine request');
    expect(debug.length).toBeGreaterThanOrEqual(1);
    for (const line of debug) expect(line.requestId).toBe('debug-trace-7');
  });

  it('logs nothing at all at silent', async () => {
    const { gateway, raw } = await loggedGateway('silent');
    expect((await gql(gateway.url, query)).errors).toBeUndefined();
    expect(raw).toEqual([]);
  });
});

describe('--log-level and WHARF_LOG_LEVEL', () => {
  const env = { DOCKER_HOST: 'unix:///var/run/docker.sock' };
  const levelOf = (argv: string[], extra: Record<string, string> = {}) => {
    const config = readConfig(argv, { ...env, ...extra });
    if (config === 'help') throw new Error('unexpected help');
    return config.logLevel;
  };

  it('is info by default', () => {
    expect(levelOf([])).toBe('info');
  });

  it('reads the flag, and the environment when there is no flag', () => {
    expect(levelOf(['--log-level', 'debug'])).toBe('debug');
    expect(levelOf([], { WHARF_LOG_LEVEL: 'warn' })).toBe('warn');
    expect(levelOf(['--log-level', 'error'], { WHARF_LOG_LEVEL: 'warn' })).toBe('error');
  });

  it('refuses a level pino does not have', () => {
    expect(() => levelOf(['--log-level', 'verbose'])).toThrow(ConfigError);
    expect(() => levelOf([], { WHARF_LOG_LEVEL: 'INFO ' })).toThrow(
      /--log-level must be one of fatal, error, warn, info, debug, trace, silent/,
    );
  });
});

describe("Yoga's own log lines", () => {
  it('go through the structured log, and a client that goes away mid-mutation leaves no error line', async () => {
    const { gateway, lines } = await loggedGateway('info');
    // busybox sleep as pid 1 ignores SIGTERM: the stop takes its whole timeout.
    const made = await createTestContainer(engine, { name: uniqueName('wharf-logging'), cmd: ['sleep', '300'] });
    containers.push(made.id);
    const controller = new AbortController();
    const request = fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `mutation { stopContainer(id: "${made.id}", timeout: 1) { state } }` }),
      signal: controller.signal,
    }).catch(() => 'aborted');
    await new Promise((resolve) => setTimeout(resolve, 300));
    controller.abort();
    expect(await request).toBe('aborted');
    // The engine finishes the stop after its timeout; the operation ends then, cancelled.
    await waitUntil(() => lines().some((line) => line.msg === 'operation' && line.operation === 'stopContainer'), 'the operation line', {
      timeoutMs: 10_000,
    });
    expect(lines().filter((line) => line.level === 'error' || line.level === 'fatal')).toEqual([]);
  });
});
