// Bounds on answers that grow with the engine's data: past its bound Container.logs ends with an error that says how to read less, the engine's stream ends, and the gateway goes on.
import { afterAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import { createTestContainer, removeContainer } from './helpers/engine-api.js';
import { errorCodes, gql, gatewayForFile } from './helpers/gateway.js';
import { waitUntil } from './helpers/subscriptions.js';

const BoundedLogs = graphql(`
  query BoundedLogs($id: String!, $tail: Int) {
    container(id: $id) {
      id
      logs(tail: $tail) {
        message
      }
    }
  }
`);

const { engine, gateway, proxy } = gatewayForFile({
  answerBounds: { logLines: 1_000, logBytes: 64 * 1024, answerBytes: 64 * 1024 },
  countingProxy: true,
});
const created: string[] = [];
afterAll(async () => {
  for (const id of created) await removeContainer(engine, id);
});

async function exited(cmd: string[]): Promise<string> {
  const { id } = await createTestContainer(engine, { cmd });
  created.push(id);
  await engine.json('POST', `/containers/${id}/wait`);
  return id;
}

describe('Container.logs past its bound', () => {
  it('ends with BAD_USER_INPUT naming tail, since and the subscription when the log has more lines than the bound', async () => {
    const id = await exited(['seq', '1', '200000']);
    const result = await gql(gateway.url, BoundedLogs, { id });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    const message = result.errors?.[0]?.message ?? '';
    expect(message).toContain('1000 lines');
    expect(message).toMatch(/tail.*since.*containerLogs/);
  });

  it('ends with BAD_USER_INPUT when the lines hold more bytes than the bound', async () => {
    // 200 lines of 1,000 characters: under the line bound, over 64 KiB.
    const id = await exited(['sh', '-c', 'i=0; while [ $i -lt 200 ]; do printf "%01000d\\n" $i; i=$((i+1)); done']);
    const result = await gql(gateway.url, BoundedLogs, { id });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toContain(`${64 * 1024} bytes`);
  });

  it("ends the engine's log stream instead of reading it to the end", async () => {
    const id = await exited(['seq', '1', '200000']);
    proxy.reset();
    const result = await gql(gateway.url, BoundedLogs, { id });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    await waitUntil(
      () => proxy.open() === 0,
      () => `the engine's log stream to end; open: ${proxy.open()}`,
    );
  });

  it('answers in full what fits: the same log with a tail under the bound', async () => {
    const id = await exited(['seq', '1', '200000']);
    const result = await gql(gateway.url, BoundedLogs, { id, tail: 1_000 });
    expect(result.errors).toBeUndefined();
    const lines = result.data?.container?.logs.map((line) => line.message) ?? [];
    expect(lines).toHaveLength(1_000);
    expect(lines.at(-1)).toBe('200000');
  });

  it('keeps answering other queries after a refused one', async () => {
    const id = await exited(['seq', '1', '200000']);
    await gql(gateway.url, BoundedLogs, { id });
    const after = await gql(gateway.url, BoundedLogs, { id, tail: 3 });
    expect(after.data?.container?.logs.map((line) => line.message)).toEqual(['199998', '199999', '200000']);
  });
});

describe("an engine's JSON answer past its bound", () => {
  const Inspected = graphql(`
    query InspectedBounded($id: String!) {
      container(id: $id) {
        id
        inspect {
          path
        }
      }
    }
  `);

  it('ends the field with BAD_USER_INPUT naming the endpoint and the bound, and the gateway goes on', async () => {
    // 100 KB of environment: its inspect is larger than the 64 KiB bound.
    const { id } = await createTestContainer(engine, { cmd: ['true'], start: false, extra: { Env: [`BIG=${'x'.repeat(100_000)}`] } });
    created.push(id);
    const result = await gql(gateway.url, Inspected, { id });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toContain(`GET /containers/{id}/json is larger than one answer may be (${64 * 1024} bytes`);
    await waitUntil(
      () => proxy.open() === 0,
      () => `the engine's answer to be closed; open: ${proxy.open()}`,
    );
    const small = await exited(['true']);
    expect((await gql(gateway.url, Inspected, { id: small })).errors).toBeUndefined();
  });
});
