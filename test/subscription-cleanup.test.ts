// Log subscriptions let go of the engine when their client goes: cut sockets, `complete`, aborted SSE, mid-replay, and over many cycles.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import type { ProxiedCall } from './helpers/counting-proxy.js';
import { createTestContainer, removeContainer, uniqueName } from './helpers/engine-api.js';
import { gql, gqlData, gatewayForFile } from './helpers/gateway.js';
import { connectWs, msUntil, openSse, startWorkerWsReader, type ObservedWsClient, type SseSubscription } from './helpers/stream-clients.js';
import { garbageCollector, openFileDescriptors } from './helpers/process-probes.js';
import { waitUntil } from './helpers/subscriptions.js';

const { engine, gateway, proxy } = gatewayForFile({ countingProxy: true });

const FollowLog = graphql(`
  subscription CleanupFollowLog($id: String!, $tail: Int) {
    containerLogs(id: $id, tail: $tail) { message }
  }
`);

const ListContainerIds = graphql(`
  query CleanupListContainerIds {
    containers { id }
  }
`);

/** The engine's /logs calls for a container that passed the proxy from `since` (epoch ms) on. */
function logCalls(id: string, since = 0): ProxiedCall[] {
  return proxy.calls.filter((call) => call.method === 'GET' && call.path === `/containers/${id}/logs` && call.at >= since);
}
const isFollow = (call: ProxiedCall) => new URLSearchParams(call.query).get('follow') === '1';
const isOpen = (call: ProxiedCall) => call.closedAt === undefined;

/** The subscription is in place: its follow request is open upstream and its history read is done. */
async function followEstablished(id: string, since: number): Promise<void> {
  await waitUntil(
    () => {
      const calls = logCalls(id, since);
      return calls.some((c) => isFollow(c) && isOpen(c)) && calls.some((c) => !isFollow(c) && !isOpen(c));
    },
    `an open follow request and a finished history read for ${id.slice(0, 12)}`,
    { timeoutMs: 10_000 },
  );
}

/** Milliseconds until every /logs call for the container since `since` has closed upstream. */
function msUntilLogsClosed(id: string, since: number): Promise<number> {
  return msUntil(
    () => logCalls(id, since).every((call) => !isOpen(call)),
    5_000,
    () => `every upstream /logs request of ${id.slice(0, 12)} to close (${JSON.stringify(logCalls(id, since))})`,
  );
}

async function quietContainer(): Promise<string> {
  const { id } = await createTestContainer(engine, { cmd: ['sleep', '3600'], name: uniqueName('wharf-cleanup-quiet') });
  return id;
}

describe('an idle containerLogs subscription', () => {
  it('closes its upstream follow within 1 s when the WebSocket is cut without a close frame', async () => {
    const id = await quietContainer();
    let client: ObservedWsClient | undefined;
    try {
      const since = Date.now();
      client = await connectWs(gateway.wsUrl);
      client.subscribe('1', FollowLog, { id });
      await followEstablished(id, since);
      expect(client.nextCount('1')).toBe(0);

      client.terminate();
      expect(await msUntilLogsClosed(id, since)).toBeLessThan(1_000);
      expect(gateway.app.docker.logs.openStreams).toBe(0);
    } finally {
      client?.terminate();
      await removeContainer(engine, id);
    }
  });

  it('closes its upstream follow within 1 s when the client sends complete, and the socket stays open', async () => {
    const id = await quietContainer();
    let client: ObservedWsClient | undefined;
    try {
      const since = Date.now();
      client = await connectWs(gateway.wsUrl);
      client.subscribe('1', FollowLog, { id });
      await followEstablished(id, since);

      client.complete('1');
      expect(await msUntilLogsClosed(id, since)).toBeLessThan(1_000);
      expect(gateway.app.docker.logs.openStreams).toBe(0);
      expect(client.socket.readyState).toBe(client.socket.OPEN);
    } finally {
      await client?.close();
      await removeContainer(engine, id);
    }
  });

  it('closes its upstream follow within 1 s when an SSE client aborts its request', async () => {
    const id = await quietContainer();
    let sse: SseSubscription | undefined;
    try {
      const since = Date.now();
      sse = await openSse(gateway.url, FollowLog, { id });
      expect(sse.status).toBe(200);
      expect(sse.contentType).toMatch(/^text\/event-stream/);
      await followEstablished(id, since);

      sse.abort();
      expect(await msUntilLogsClosed(id, since)).toBeLessThan(1_000);
      expect(gateway.app.docker.logs.openStreams).toBe(0);
    } finally {
      sse?.abort();
      await removeContainer(engine, id);
    }
  });
});

describe('a 1,000,000-line replay', () => {
  const LINES = 1_000_000;
  let replayId = '';

  beforeAll(async () => {
    const { id } = await createTestContainer(engine, { cmd: ['seq', '1', String(LINES)], name: uniqueName('wharf-cleanup-replay') });
    replayId = id;
    const exit = await engine.json<{ StatusCode: number }>('POST', `/containers/${id}/wait`);
    expect(exit.StatusCode).toBe(0);
  });
  afterAll(async () => {
    if (replayId) await removeContainer(engine, replayId);
  });

  it('closes its upstream /logs requests within 1 s when a slow reader is cut off mid-replay', async () => {
    const since = Date.now();
    const client = await connectWs(gateway.wsUrl, { keepNext: false });
    let slowReading: NodeJS.Timeout | undefined;
    try {
      client.subscribe('replay', FollowLog, { id: replayId });
      await waitUntil(() => client.nextCount('replay') >= 1_000, 'the replay to start', { timeoutMs: 10_000 });

      // A slow reader: the socket is read for 5 ms every 100 ms.
      client.pause();
      slowReading = setInterval(() => {
        client.resume();
        setTimeout(() => client.pause(), 5);
      }, 100);
      await sleep(1_000);
      clearInterval(slowReading);

      expect(client.nextCount('replay')).toBeLessThan(LINES);
      expect(logCalls(replayId, since).some((c) => !isFollow(c) && isOpen(c))).toBe(true);

      client.terminate();
      expect(await msUntilLogsClosed(replayId, since)).toBeLessThan(1_000);
      expect(gateway.app.docker.logs.openStreams).toBe(0);
    } finally {
      clearInterval(slowReading);
      client.terminate();
    }
  });

  it('leaves the gateway answering queries within 200 ms while it streams at full speed', async () => {
    const since = Date.now();
    await gqlData(gateway.url, ListContainerIds);
    // The reader runs on its own thread: the event loop measured here is the gateway's (and the proxy's) alone.
    const reader = startWorkerWsReader(gateway.wsUrl, FollowLog, { id: replayId });
    try {
      // Measured once the replay is under way, past the first second's start-up burst (JIT warm-up, the engine opening the log).
      await waitUntil(() => reader.count() >= 10_000, 'the replay to be under way', { timeoutMs: 20_000 });
      // The follow and the history read hold the pooled connections the first query used: open fresh ones
      // (client -> gateway -> proxy -> engine) before timing, so the figures are the event loop's, not connect()'s.
      await gqlData(gateway.url, ListContainerIds);

      const linesBefore = reader.count();
      const latencies: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        const result = await gql(gateway.url, ListContainerIds);
        latencies.push(performance.now() - started);
        expect(result.errors).toBeUndefined();
        expect(result.data?.containers).toEqual(expect.any(Array));
        await sleep(100);
      }

      // The replay was really running the whole time: lines kept coming and it had not finished.
      expect(reader.count() - linesBefore).toBeGreaterThan(1_000);
      expect(reader.ended()).toBe(false);
      expect(logCalls(replayId, since).some((c) => !isFollow(c) && isOpen(c))).toBe(true);
      expect(Math.max(...latencies), `latencies ${latencies.map((ms) => ms.toFixed(1)).join(', ')} ms`).toBeLessThan(200);
    } finally {
      await reader.stop();
      await waitUntil(() => gateway.app.docker.logs.openStreams === 0, 'the replay to be let go', { timeoutMs: 5_000 });
    }
  });
});

describe('many short subscriptions', () => {
  it('leave descriptors, heap and upstream requests where they were after 1,000 subscribe/disconnect cycles', {
    timeout: 90_000,
  }, async () => {
    const CYCLES = 1_000;
    const gc = garbageCollector();
    // One line of history, then silence: the first `next` tells the subscription is in place.
    const { id } = await createTestContainer(engine, {
      cmd: ['sh', '-c', 'echo ready; exec sleep 3600'],
      name: uniqueName('wharf-cleanup-cycles'),
    });
    const persistent = await connectWs(gateway.wsUrl, { keepNext: false });
    try {
      // Even cycles end with `complete` on one long-lived socket, odd ones cut a fresh socket.
      let operations = 0;
      const cycle = async (i: number): Promise<void> => {
        if (i % 2 === 0) {
          const op = `op-${(operations += 1)}`;
          persistent.subscribe(op, FollowLog, { id, tail: 1 });
          await persistent.waitForNext(op, () => true, 10_000);
          persistent.complete(op);
        } else {
          const client = await connectWs(gateway.wsUrl, { keepNext: false });
          client.subscribe('1', FollowLog, { id, tail: 1 });
          await client.waitForNext('1', () => true, 10_000);
          client.terminate();
        }
      };
      const settle = async () => {
        await waitUntil(() => proxy.open() === 0 && gateway.app.docker.logs.openStreams === 0, 'every upstream request to close', {
          timeoutMs: 5_000,
        });
        await sleep(200);
        gc();
      };

      // Warm up: the connection pools and lazily built code reach their working size first.
      for (let i = 0; i < 20; i++) await cycle(i);
      await settle();
      const fdsBefore = openFileDescriptors();
      const heapBefore = process.memoryUsage().heapUsed;
      const callsBefore = proxy.calls.length;

      for (let i = 0; i < CYCLES; i++) await cycle(i);

      // Each cycle reached the engine: its own history read at least.
      expect(proxy.count('GET', `/containers/${id}/logs`)).toBeGreaterThanOrEqual(CYCLES + 20);
      await settle();
      expect(proxy.open()).toBe(0);
      expect(gateway.app.docker.logs.openStreams).toBe(0);
      // Idle keep-alive connections may take a few seconds to be dropped.
      await waitUntil(() => openFileDescriptors() <= fdsBefore + 5, `open descriptors back near ${fdsBefore}`, {
        timeoutMs: 10_000,
        intervalMs: 100,
      }).catch(() => undefined);
      expect(openFileDescriptors()).toBeLessThanOrEqual(fdsBefore + 5);
      gc();
      const heapGrowthMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
      expect(
        heapGrowthMb,
        `heap grew ${heapGrowthMb.toFixed(1)} MB over ${CYCLES} cycles (${proxy.calls.length - callsBefore} engine calls)`,
      ).toBeLessThan(20);
    } finally {
      await persistent.close();
      await removeContainer(engine, id);
    }
  });
});
