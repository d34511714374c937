// GET /metrics against a real engine: the counters and gauges move with real operations, and token mode guards the route.
import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { issueTokens } from './helpers/access.js';
import { createTestContainer, removeContainer, uniqueName } from './helpers/engine-api.js';
import { errorCodes, gql, startGateway, type TestGateway, gatewayForFile } from './helpers/gateway.js';
import { sseClient } from './helpers/sse.js';
import { record, waitUntil } from './helpers/subscriptions.js';
import { wsClient } from './helpers/ws.js';

const { engine, gateway } = gatewayForFile();

const containers: string[] = [];
const clients: Array<{ dispose(): void | Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
  await Promise.all(containers.splice(0).map((id) => removeContainer(engine, id)));
});

async function container(cmd: string[]): Promise<{ id: string; name: string }> {
  const created = await createTestContainer(engine, { name: uniqueName('wharf-metrics'), cmd });
  containers.push(created.id);
  return created;
}

function client(): Client {
  const opened = wsClient(gateway.wsUrl);
  clients.push(opened);
  return opened;
}

/** One sample of the exposition text: `name{labels} value`. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1]!] = pair[2]!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

async function scrape(target: TestGateway = gateway, headers: Record<string, string> = {}): Promise<Sample[]> {
  const res = await fetch(`${target.origin}/metrics`, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  return parseExposition(await res.text());
}

/** The value of the sample with this name whose labels include these; 0 when there is none yet. */
function sampleValue(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value ?? 0;
}

async function gaugeValue(name: string): Promise<number> {
  return sampleValue(await scrape(), name);
}

describe('GraphQL operations', () => {
  it('counts a query under its name with outcome ok, its duration, and its engine request to /containers/json', async () => {
    const name = `ListForMetrics${Date.now()}`;
    const opLabels = { operation: name, type: 'query', outcome: 'ok' };
    const engineLabels = { method: 'GET', endpoint: '/containers/json', status: '200' };
    const before = await scrape();

    const result = await gql(gateway.url, `query ${name} { containers(all: true) { id } }`);
    expect(result.errors).toBeUndefined();

    const after = await scrape();
    expect(sampleValue(before, 'wharf_graphql_operations_total', opLabels)).toBe(0);
    expect(sampleValue(after, 'wharf_graphql_operations_total', opLabels)).toBe(1);
    expect(sampleValue(after, 'wharf_graphql_operation_duration_seconds_count', opLabels)).toBe(1);
    expect(sampleValue(after, 'wharf_graphql_operation_duration_seconds_sum', opLabels)).toBeGreaterThan(0);
    expect(
      sampleValue(after, 'wharf_engine_requests_total', engineLabels) - sampleValue(before, 'wharf_engine_requests_total', engineLabels),
    ).toBe(1);
    expect(sampleValue(after, 'wharf_engine_request_duration_seconds_count', engineLabels)).toBeGreaterThanOrEqual(1);
  });

  it('labels an anonymous operation with its first root field', async () => {
    const labels = { operation: 'engine', type: 'query', outcome: 'ok' };
    const before = sampleValue(await scrape(), 'wharf_graphql_operations_total', labels);
    expect((await gql(gateway.url, '{ engine { apiVersion } }')).errors).toBeUndefined();
    expect(sampleValue(await scrape(), 'wharf_graphql_operations_total', labels)).toBe(before + 1);
  });

  it('counts a mutation on a missing container under its error code, and the engine 404 under a templated endpoint', async () => {
    const missing = uniqueName('wharf-metrics-missing');
    const opLabels = { operation: 'StopMissing', type: 'mutation', outcome: 'NOT_FOUND' };
    const before = await scrape();

    const result = await gql(gateway.url, 'mutation StopMissing($id: String!) { stopContainer(id: $id) { id } }', { id: missing });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);

    const after = await scrape();
    expect(
      sampleValue(after, 'wharf_graphql_operations_total', opLabels) - sampleValue(before, 'wharf_graphql_operations_total', opLabels),
    ).toBe(1);
    const notFound = (samples: Sample[]) =>
      samples.filter((s) => s.name === 'wharf_engine_requests_total' && s.labels.status === '404').reduce((sum, s) => sum + s.value, 0);
    expect(notFound(after) - notFound(before)).toBeGreaterThanOrEqual(1);
    // Label values are templates, never the container's name.
    expect(after.some((s) => Object.values(s.labels).some((v) => v.includes(missing)))).toBe(false);
  });

  it('counts a document that does not validate as an invalid operation with BAD_USER_INPUT, whatever it calls itself', async () => {
    // Names of documents that never ran do not become labels: any caller could fill the label slots.
    const labels = { operation: 'invalid', type: 'query', outcome: 'BAD_USER_INPUT' };
    const before = sampleValue(await scrape(), 'wharf_graphql_operations_total', labels);
    const result = await gql(gateway.url, 'query Broken { containers { noSuchField } }');
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    const after = await scrape();
    expect(sampleValue(after, 'wharf_graphql_operations_total', labels)).toBe(before + 1);
    expect(after).not.toContain('operation="Broken"');
  });
});

const LOGS = 'subscription MetricsLogs($id: String!) { containerLogs(id: $id, tail: 1) { message } }';
/** One line a second, until stopped. */
const TICKING = ['sh', '-c', 'while true; do echo tick; sleep 1; done'];

describe('open subscriptions and upstream streams', () => {
  it('wharf_open_subscriptions is 1 while a graphql-ws subscription is open, 0 after it completes, and the subscription is counted', async () => {
    const { id } = await container(TICKING);
    expect(await gaugeValue('wharf_open_subscriptions')).toBe(0);
    const before = sampleValue(await scrape(), 'wharf_graphql_operations_total', { operation: 'MetricsLogs', type: 'subscription' });

    const recording = record(client(), LOGS, { id });
    await recording.until(() => recording.data.length > 0, 'a first log line');
    expect(await gaugeValue('wharf_open_subscriptions')).toBe(1);

    recording.stop();
    await waitUntil(async () => (await gaugeValue('wharf_open_subscriptions')) === 0, 'the subscription gauge back at 0');
    expect(
      sampleValue(await scrape(), 'wharf_graphql_operations_total', { operation: 'MetricsLogs', type: 'subscription', outcome: 'ok' }),
    ).toBe(before + 1);
  });

  it('wharf_open_subscriptions counts an SSE subscription too, until the client goes away', async () => {
    const { id } = await container(TICKING);
    expect(await gaugeValue('wharf_open_subscriptions')).toBe(0);

    const overSse = sseClient(gateway.url);
    clients.push(overSse);
    const recording = record<{ containerLogs: { message: string } }, { id: string }>(overSse, LOGS, { id });
    await recording.until(() => recording.data.length > 0, 'a first log line over SSE');
    expect(await gaugeValue('wharf_open_subscriptions')).toBe(1);

    recording.stop();
    await waitUntil(async () => (await gaugeValue('wharf_open_subscriptions')) === 0, 'the subscription gauge back at 0');
  });

  it('wharf_open_upstream_streams counts the engine follow of a containerLogs on a running container, and drops when it completes', async () => {
    const { id } = await container(TICKING);
    expect(await gaugeValue('wharf_open_upstream_streams')).toBe(0);

    const recording = record(client(), LOGS, { id });
    // Lines after the tail come only through the follow.
    await recording.until(() => recording.data.length >= 3, 'three log lines');
    expect(await gaugeValue('wharf_open_upstream_streams')).toBe(1);

    recording.stop();
    await waitUntil(async () => (await gaugeValue('wharf_open_upstream_streams')) === 0, 'the upstream stream gauge back at 0');
  });
});

describe('access to /metrics', () => {
  const tokens = issueTokens('metrics');
  let guarded: TestGateway;
  beforeAll(async () => {
    guarded = await startGateway(inject('dockerHost'), {
      tokens: [tokens.viewer],
    });
  });
  afterAll(async () => {
    await guarded.close();
  });

  it('answers 401 UNAUTHENTICATED without a token in token mode', async () => {
    const res = await fetch(`${guarded.origin}/metrics`);
    expect(res.status).toBe(401);
    const body = (await res.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('answers 401 with a token it does not know', async () => {
    const res = await fetch(`${guarded.origin}/metrics`, { headers: { authorization: 'Bearer wharf_notatoken' } });
    expect(res.status).toBe(401);
  });

  it('serves the metrics to any valid token, a viewer included', async () => {
    const samples = await scrape(guarded, { authorization: `Bearer ${tokens.viewer.token}` });
    expect(samples.some((s) => s.name === 'wharf_open_subscriptions')).toBe(true);
  });
});
