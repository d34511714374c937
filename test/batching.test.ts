// How many engine calls an operation costs, counted by a proxy between the gateway and the engine.
import { randomBytes } from 'node:crypto';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { print, type ExecutionResult } from 'graphql';
import { Pool } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import { createTestContainer, removeContainer } from './helpers/engine-api.js';
import { gqlData, gatewayForFile } from './helpers/gateway.js';

const { engine, gateway, proxy } = gatewayForFile({ countingProxy: true });

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((id) => removeContainer(engine, id)));
});

/** A label value unique to one test, so its list query sees only its own containers. */
let batch: string;
beforeEach(() => {
  batch = randomBytes(4).toString('hex');
});

/** `count` created (not started) containers labelled with this test's batch; made straight on the engine, not counted. */
async function containers(count: number): Promise<Array<{ id: string; name: string }>> {
  const created = await Promise.all(
    Array.from({ length: count }, () =>
      createTestContainer(engine, { cmd: ['echo', 'hello'], start: false, labels: { 'wharf.batch': batch } }),
    ),
  );
  made.push(...created.map((c) => c.id));
  return created;
}

const LIST = '/containers/json';
const INSPECT = /^\/containers\/[^/]+\/json$/;
const LOGS = /^\/containers\/[^/]+\/logs$/;

/** The engine calls since the last reset, without the version negotiation's /_ping. */
function engineCalls() {
  return proxy.calls.filter((call) => call.path !== '/_ping');
}

/** The container references of the inspects since the last reset, as the gateway sent them. */
function inspected(): string[] {
  return engineCalls()
    .filter((call) => call.method === 'GET' && INSPECT.test(call.path))
    .map((call) => decodeURIComponent(call.path.split('/')[2] ?? ''));
}

const BatchingSummaries = graphql(`
  query BatchingSummaries($label: [String!]) {
    containers(all: true, filters: { label: $label }) {
      id
      shortId
      name
      names
      image
      imageId
      command
      createdAt
      state
      status
      labels { key value }
      ports { ip privatePort publicPort type }
      exportUrl
    }
  }
`);

const BatchingNestedInspect = graphql(`
  query BatchingNestedInspect($label: [String!]) {
    containers(all: true, filters: { label: $label }) {
      id
      inspect { path args state { status } config { cmd } }
    }
  }
`);

const BatchingAliases = graphql(`
  query BatchingAliases($a: String!, $b: String!, $c: String!) {
    a: container(id: $a) { id inspect { path } }
    b: container(id: $b) { id name inspect { config { cmd } } }
    c: container(id: $c) { id state inspect { state { status } } }
  }
`);

const BatchingLogsAndInspect = graphql(`
  query BatchingLogsAndInspect($id: String!) {
    container(id: $id) {
      id
      inspect { path }
      logs { message }
    }
  }
`);

const BatchingListedLogsAndInspect = graphql(`
  query BatchingListedLogsAndInspect($label: [String!]) {
    containers(all: true, filters: { label: $label }) {
      id
      inspect { config { tty } }
      logs { message }
    }
  }
`);

const BatchingInspectOne = graphql(`
  query BatchingInspectOne($id: String!) {
    container(id: $id) { id inspect { path } }
  }
`);

describe('engine calls per operation', () => {
  it('summary fields of N listed containers: one list call, no inspect', async () => {
    const created = await containers(5);
    proxy.reset();
    const data = await gqlData(gateway.url, BatchingSummaries, { label: [`wharf.batch=${batch}`] });
    expect(data.containers.map((c) => c.id).sort()).toEqual(created.map((c) => c.id).sort());
    expect(proxy.count('GET', LIST)).toBe(1);
    expect(inspected()).toEqual([]);
    expect(engineCalls()).toHaveLength(1);
  });

  it('inspect nested under N listed containers: one list call and one inspect per container', async () => {
    const created = await containers(5);
    proxy.reset();
    const data = await gqlData(gateway.url, BatchingNestedInspect, { label: [`wharf.batch=${batch}`] });
    expect(data.containers).toHaveLength(5);
    for (const container of data.containers) expect(container.inspect.config.cmd).toEqual(['echo', 'hello']);
    expect(proxy.count('GET', LIST)).toBe(1);
    expect(inspected().sort()).toEqual(created.map((c) => c.id).sort());
    expect(engineCalls()).toHaveLength(1 + 5);
  });

  it('three aliases of one container by its id: one inspect', async () => {
    const [container] = await containers(1);
    const id = container!.id;
    proxy.reset();
    const data = await gqlData(gateway.url, BatchingAliases, { a: id, b: id, c: id });
    expect([data.a?.id, data.b?.id, data.c?.id]).toEqual([id, id, id]);
    expect(inspected()).toHaveLength(1);
    expect(engineCalls()).toHaveLength(1);
  });

  it('three aliases of one container by its name: one inspect', async () => {
    const [container] = await containers(1);
    proxy.reset();
    const data = await gqlData(gateway.url, BatchingAliases, { a: container!.name, b: container!.name, c: `/${container!.name}` });
    expect([data.a?.id, data.b?.id, data.c?.id]).toEqual([container!.id, container!.id, container!.id]);
    expect(inspected()).toHaveLength(1);
    expect(engineCalls()).toHaveLength(1);
  });

  it('aliases of one container by id, by name and by /name: one inspect', async () => {
    const [container] = await containers(1);
    proxy.reset();
    const data = await gqlData(gateway.url, BatchingAliases, { a: container!.id, b: container!.name, c: `/${container!.name}` });
    expect([data.a?.id, data.b?.id, data.c?.id]).toEqual([container!.id, container!.id, container!.id]);
    expect(inspected()).toHaveLength(1);
  });

  it('logs and inspect of one container in one operation: one inspect', async () => {
    const [container] = await containers(1);
    await engine.json('POST', `/containers/${container!.id}/start`);
    await engine.json('POST', `/containers/${container!.id}/wait`);
    proxy.reset();
    const data = await gqlData(gateway.url, BatchingLogsAndInspect, { id: container!.id });
    expect(data.container?.logs).toEqual([{ message: 'hello' }]);
    expect(inspected()).toHaveLength(1);
    expect(proxy.count('GET', LOGS)).toBe(1);
  });

  it('logs and inspect of a listed container in one operation: one inspect', async () => {
    const [container] = await containers(1);
    await engine.json('POST', `/containers/${container!.id}/start`);
    await engine.json('POST', `/containers/${container!.id}/wait`);
    proxy.reset();
    const data = await gqlData(gateway.url, BatchingListedLogsAndInspect, { label: [`wharf.batch=${batch}`] });
    expect(data.containers).toEqual([{ id: container!.id, inspect: { config: { tty: false } }, logs: [{ message: 'hello' }] }]);
    expect(proxy.count('GET', LIST)).toBe(1);
    expect(inspected()).toEqual([container!.id]);
    expect(proxy.count('GET', LOGS)).toBe(1);
  });

  it('50 concurrent identical list queries: at most 5 list calls', async () => {
    const created = await containers(3);
    // Fifty clients with their connections open, so the burst reaches the gateway at once rather
    // than trickling in behind fifty TCP handshakes made on this same event loop.
    const clients = new Pool(gateway.origin, { connections: 50 });
    try {
      const body = JSON.stringify({ query: print(BatchingSummaries), variables: { label: [`wharf.batch=${batch}`] } });
      const send = async (): Promise<ExecutionResult<ResultOf<typeof BatchingSummaries>>> => {
        const res = await clients.request({ method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body });
        return (await res.body.json()) as ExecutionResult<ResultOf<typeof BatchingSummaries>>;
      };
      await Promise.all(Array.from({ length: 50 }, send));
      proxy.reset();

      const results = await Promise.all(Array.from({ length: 50 }, send));
      for (const result of results) {
        expect(result.errors).toBeUndefined();
        expect(result.data?.containers.map((c) => c.id).sort()).toEqual(created.map((c) => c.id).sort());
      }
      expect(proxy.count('GET', LIST)).toBeGreaterThanOrEqual(1);
      expect(proxy.count('GET', LIST)).toBeLessThanOrEqual(5);
      expect(inspected()).toEqual([]);
    } finally {
      await clients.close();
    }
  });

  it('an identical operation after the first finished makes its own calls: nothing is cached', async () => {
    const [container] = await containers(1);
    proxy.reset();
    await gqlData(gateway.url, BatchingSummaries, { label: [`wharf.batch=${batch}`] });
    await gqlData(gateway.url, BatchingInspectOne, { id: container!.id });
    expect(proxy.count('GET', LIST)).toBe(1);
    expect(inspected()).toHaveLength(1);

    // A change between the two is seen by the second.
    await engine.json('POST', `/containers/${container!.id}/rename?name=${container!.name}-renamed`);
    const second = await gqlData(gateway.url, BatchingSummaries, { label: [`wharf.batch=${batch}`] });
    await gqlData(gateway.url, BatchingInspectOne, { id: container!.id });
    expect(proxy.count('GET', LIST)).toBe(2);
    expect(inspected()).toHaveLength(2);
    expect(second.containers[0]?.name).toBe(`${container!.name}-renamed`);
  });
});
