// A subscription needs a response that streams: over plain HTTP it is refused with 406 before it reaches the engine.
import { afterAll, describe, expect, it } from 'vitest';
import { createTestContainer, removeContainer } from './helpers/engine-api.js';
import { gatewayForFile } from './helpers/gateway.js';

const { engine, gateway, proxy } = gatewayForFile({ countingProxy: true, warm: true });
const created: string[] = [];
afterAll(async () => {
  for (const id of created) await removeContainer(engine, id);
});

async function overPlainHttp(
  query: string,
): Promise<{ status: number; body: { errors?: Array<{ message: string; extensions?: { code?: string } }> } }> {
  const answer = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query }),
  });
  return { status: answer.status, body: await answer.json() };
}

describe('a subscription over plain HTTP', () => {
  it('is refused with 406 and BAD_USER_INPUT, naming text/event-stream', async () => {
    const { status, body } = await overPlainHttp('subscription { events { type } }');
    expect(status).toBe(406);
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors?.[0]?.message).toContain('text/event-stream');
  });

  it("makes no engine call, not even to find the subscription's container", async () => {
    const { id } = await createTestContainer(engine, { cmd: ['sh', '-c', 'echo hello; sleep 30'] });
    created.push(id);
    proxy.reset();
    const { status } = await overPlainHttp(`subscription { containerLogs(id: "${id}") { message } }`);
    expect(status).toBe(406);
    expect(proxy.calls).toEqual([]);
  });
});
