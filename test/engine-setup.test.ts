// The test harness itself: a real engine with the test image, raw engine helpers, the counting proxy.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { Client } from 'undici';
import { TEST_IMAGE } from '../scripts/engine.js';
import { createTestContainer, rawEngine, removeContainer } from './helpers/engine-api.js';
import { startCountingProxy } from './helpers/counting-proxy.js';

const socket = inject('dockerSocket');
const engine = rawEngine(socket);
afterAll(() => engine.close());

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('test engine', () => {
  it('answers GET /_ping with OK', async () => {
    expect(inject('dockerHost')).toBe(`unix://${socket}`);
    const res = await engine.request('GET', '/_ping');
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('OK');
  });

  it('has the test image', async () => {
    const image = await engine.json<{ RepoTags: string[]; Config: { Cmd: string[] } }>('GET', `/images/${TEST_IMAGE}/json`);
    expect(image.RepoTags).toContain(TEST_IMAGE);
    expect(image.Config.Cmd).toEqual(['/bin/sh']);
  });

  it('runs a container to completion and removes it', async () => {
    const { id, name } = await createTestContainer(engine, { cmd: ['echo', 'hello'] });
    try {
      expect(name).toMatch(/^wharf-t-[0-9a-f]{8}$/);
      const waited = await engine.json<{ StatusCode: number }>('POST', `/containers/${id}/wait`);
      expect(waited.StatusCode).toBe(0);
      const inspect = await engine.json<{ Config: { Labels: Record<string, string> } }>('GET', `/containers/${id}/json`);
      expect(inspect.Config.Labels['wharf.test']).toBe('1');
      const logs = await engine.request('GET', `/containers/${id}/logs?stdout=1`);
      // One multiplexed stdout frame: 8-byte header, then the payload.
      expect(logs.body[0]).toBe(1);
      expect(logs.body.subarray(8).toString()).toBe('hello\n');
    } finally {
      await removeContainer(engine, id);
    }
    expect((await engine.request('GET', `/containers/${id}/json`)).status).toBe(404);
    await removeContainer(engine, id); // a second removal is not an error
  });
});

describe('counting proxy', () => {
  it('counts a GET /containers/json and forwards the answer', async () => {
    const proxy = await startCountingProxy(socket);
    const viaProxy = rawEngine(proxy.socketPath);
    try {
      const direct = await engine.json<unknown[]>('GET', '/containers/json?all=1');
      const proxied = await viaProxy.json<unknown[]>('GET', '/v1.41/containers/json?all=1');
      expect(proxied).toEqual(direct);
      expect(proxy.count('GET', '/containers/json')).toBe(1);
      expect(proxy.count('get', /^\/containers\//)).toBe(1);
      expect(proxy.count('POST', '/containers/json')).toBe(0);
      expect(proxy.calls[0]).toMatchObject({ method: 'GET', path: '/containers/json', query: 'all=1' });
      expect(proxy.open()).toBe(0);

      const missing = await viaProxy.request('GET', '/containers/wharf-no-such-container/json');
      expect(missing.status).toBe(404);
      expect(JSON.parse(missing.body.toString()).message).toMatch(/No such container/);

      proxy.reset();
      expect(proxy.calls).toHaveLength(0);
    } finally {
      await viaProxy.close();
      await proxy.close();
    }
  });

  it('streams a follow log and aborts the engine call when the client goes away', async () => {
    const { id } = await createTestContainer(engine, {
      cmd: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo line $i; sleep 0.2; done'],
    });
    const proxy = await startCountingProxy(socket);
    const client = new Client('http://localhost', { socketPath: proxy.socketPath });
    try {
      const ac = new AbortController();
      const res = await client.request({
        method: 'GET',
        path: `/containers/${id}/logs?follow=1&stdout=1`,
        signal: ac.signal,
        bodyTimeout: 0,
      });
      expect(res.statusCode).toBe(200);
      let received = '';
      for await (const chunk of res.body) {
        received += (chunk as Buffer).toString('latin1');
        if (received.includes('line 2')) break; // break destroys the body
      }
      expect(received).toContain('line 1');
      expect(proxy.count('GET', `/containers/${id}/logs`)).toBe(1);

      ac.abort();
      await until(() => proxy.open() === 0);
      const call = proxy.calls[0];
      expect(call?.closedAt).toBeGreaterThanOrEqual(call?.at ?? Infinity);
    } finally {
      await client.close().catch(() => undefined);
      await proxy.close();
      await removeContainer(engine, id);
    }
  });
});
