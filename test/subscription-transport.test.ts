// A subscription needs a response that streams: over plain HTTP it is refused with 406 before it reaches the engine.
import { afterAll, describe, expect, it } from 'vitest';
import { createTestContainer, removeContainer } from './helpers/engine-api.js';
import { gatewayForFile } from './helpers/gateway.js';
import { waitUntil } from './helpers/subscriptions.js';

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
  it('is refused before it starts when its Accept names multipart/mixed only, which Yoga does not stream subscriptions as', async () => {
    const { id } = await createTestContainer(engine, { cmd: ['sh', '-c', 'echo hello; sleep 30'] });
    created.push(id);
    proxy.reset();
    const answer = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'multipart/mixed' },
      body: JSON.stringify({ query: `subscription { containerLogs(id: "${id}") { message } }` }),
    });
    expect(answer.status).toBe(406);
    await answer.body?.cancel();
    expect(proxy.calls).toEqual([]);
    expect(proxy.open()).toBe(0);
  });

  it('streams as SSE when the request names no Accept type at all, as curl sends it', async () => {
    const controller = new AbortController();
    const answer = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: '*/*' },
      body: JSON.stringify({ query: 'subscription { events { type } }' }),
      signal: controller.signal,
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/event-stream');
    controller.abort();
    await waitUntil(
      () => proxy.open() === 0,
      () => `the engine's event stream to close; open: ${proxy.open()}`,
    );
  });

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
