// The engine goes away under a running gateway process and comes back on the same socket: DOCKER_UNAVAILABLE, then recovery.
import type { ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateEngine, type PrivateEngine } from '../scripts/engine.js';
import { graphql } from './gql/index.js';
import { createTestContainer, rawEngine, type RawEngine } from './helpers/engine-api.js';
import { errorCodes, gql, gqlData } from './helpers/gateway.js';
import { startGatewayProcess, type GatewayProcess } from './helpers/gateway-process.js';

/** The gateway's connect timeout (connection.ts): an unreachable engine must be reported well within it. */
const CONNECT_TIMEOUT_MS = 5_000;
/** "Quickly": a missing socket fails at once; this leaves room for a loaded machine. */
const QUICKLY_MS = 2_000;

let engine: PrivateEngine;
let raw: RawEngine;
let gateway: GatewayProcess;
/** A container made before the outage: the engine keeps it across its restart. */
let survivor: { id: string; name: string };

beforeAll(async () => {
  engine = await startPrivateEngine();
  raw = rawEngine(engine.socketPath);
  survivor = await createTestContainer(raw, { cmd: ['sleep', '300'], start: false });
  gateway = await startGatewayProcess(engine.dockerHost);
});

afterAll(async () => {
  await gateway?.stop();
  await raw?.close();
  await engine?.stop();
});

const DownContainers = graphql(`query DownContainers { containers(all: true) { id name state } }`);
const DownContainer = graphql(`query DownContainer($id: String!) { container(id: $id) { id state inspect { path } } }`);
const DownEngine = graphql(`query DownEngine { engine { version apiVersion } }`);
const DownLogs = graphql(`query DownLogs($id: String!) { container(id: $id) { logs { message } } }`);
const DownStart = graphql(`mutation DownStart($id: String!) { startContainer(id: $id) { id state } }`);

function expectGatewayUp(): void {
  expect(gateway.child.exitCode, gateway.stderr()).toBeNull();
  expect(gateway.child.signalCode, gateway.stderr()).toBeNull();
}

describe('an engine that goes away and comes back', () => {
  it('answers from the engine while it is up', async () => {
    const data = await gqlData(gateway.url, DownContainers, {});
    expect(data.containers).toContainEqual({ id: survivor.id, name: survivor.name, state: 'CREATED' });
    expect((await fetch(`${gateway.origin}/readyz`)).status).toBe(200);
  });

  it('with the engine stopped, every operation answers DOCKER_UNAVAILABLE, quickly', async () => {
    await engine.halt();
    const operations: Array<[string, () => Promise<ExecutionResult<unknown>>]> = [
      ['containers', () => gql(gateway.url, DownContainers, {})],
      ['container', () => gql(gateway.url, DownContainer, { id: survivor.id })],
      ['engine', () => gql(gateway.url, DownEngine, {})],
      ['logs', () => gql(gateway.url, DownLogs, { id: survivor.name })],
      ['startContainer', () => gql(gateway.url, DownStart, { id: survivor.id })],
    ];
    for (const [name, run] of operations) {
      const started = Date.now();
      const result = await run();
      const elapsed = Date.now() - started;
      expect(errorCodes(result), name).toEqual(['DOCKER_UNAVAILABLE']);
      expect(elapsed, name).toBeLessThan(CONNECT_TIMEOUT_MS);
      expect(elapsed, name).toBeLessThan(QUICKLY_MS);
    }

    const exported = await fetch(`${gateway.origin}/containers/${survivor.id}/export`);
    expect(exported.status).toBe(503);
    const body = (await exported.json()) as ExecutionResult<unknown>;
    expect(errorCodes(body)).toEqual(['DOCKER_UNAVAILABLE']);
  });

  it('with the engine stopped, /readyz answers 503 with a reason and /healthz 200', async () => {
    const started = Date.now();
    const ready = await fetch(`${gateway.origin}/readyz`);
    expect(Date.now() - started).toBeLessThan(CONNECT_TIMEOUT_MS);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { reason?: unknown };
    expect(typeof body.reason).toBe('string');
    expect(String(body.reason)).not.toBe('');
    expect((await fetch(`${gateway.origin}/healthz`)).status).toBe(200);
  });

  it('with the engine stopped, the gateway process stays up under a burst of failing operations', async () => {
    const results = await Promise.all(Array.from({ length: 30 }, () => gql(gateway.url, DownContainers, {})));
    for (const result of results) expect(errorCodes(result)).toEqual(['DOCKER_UNAVAILABLE']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expectGatewayUp();
    expect((await fetch(`${gateway.origin}/healthz`)).status).toBe(200);
  });

  it('with the engine started again on the same socket, everything works again without a gateway restart', async () => {
    const pid = gateway.child.pid;
    await engine.resume();

    expect((await fetch(`${gateway.origin}/readyz`)).status).toBe(200);
    const listed = await gqlData(gateway.url, DownContainers, {});
    expect(listed.containers).toContainEqual({ id: survivor.id, name: survivor.name, state: 'CREATED' });
    const found = await gqlData(gateway.url, DownContainer, { id: survivor.name });
    expect(found.container).toEqual({ id: survivor.id, state: 'CREATED', inspect: { path: 'sleep' } });
    const version = await gqlData(gateway.url, DownEngine, {});
    expect(version.engine.apiVersion).toMatch(/^\d+\.\d+$/);

    const started = await gqlData(gateway.url, DownStart, { id: survivor.id });
    expect(started.startContainer).toEqual({ id: survivor.id, state: 'RUNNING' });
    const inspect = await raw.json<{ State: { Running: boolean } }>('GET', `/containers/${survivor.id}/json`);
    expect(inspect.State.Running).toBe(true);

    expect(gateway.child.pid).toBe(pid);
    expectGatewayUp();
  });
});
