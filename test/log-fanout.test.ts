// Many subscribers to one container's log: one upstream follow shared by all, history joined at the seam, slow ones cut off.
import type { Client } from 'graphql-ws';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type WebSocket from 'ws';
import { graphql } from './gql/index.js';
import type { ProxiedCall } from './helpers/counting-proxy.js';
import { createTestContainer, removeContainer, uniqueName } from './helpers/engine-api.js';
import { gatewayForFile, startGateway, type TestGateway } from './helpers/gateway.js';
import { openSse } from './helpers/sse.js';
import { record, waitUntil, type Recording } from './helpers/subscriptions.js';
import { wsClient, type WsClientOptions } from './helpers/ws.js';

const { engine, gateway, proxy } = gatewayForFile({ countingProxy: true });

/** Everything a test opens, closed after it: clients, raw sockets, subscriptions, gateways, then containers. */
const cleanups: Array<() => Promise<void> | void> = [];
const containers: string[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await Promise.all(containers.splice(0).map((id) => removeContainer(engine, id)));
});

function client(url = gateway.wsUrl, options: WsClientOptions = {}): Client {
  const opened = wsClient(url, options);
  cleanups.push(() => opened.dispose());
  return opened;
}

/** Numbers its lines, `line 1`, `line 2` ..., 20 a second, until stopped. */
const CHATTY = ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo line $i; sleep 0.05; done'];

async function chattyContainer(): Promise<string> {
  const { id } = await createTestContainer(engine, { name: uniqueName('wharf-fanout'), cmd: CHATTY });
  containers.push(id);
  return id;
}

const FanoutLogLines = graphql(`
  subscription FanoutLogLines($id: String!, $tail: Int) {
    containerLogs(id: $id, tail: $tail) {
      timestamp
      message
    }
  }
`);

const FanoutLogBatches = graphql(`
  subscription FanoutLogBatches($id: String!, $tail: Int) {
    containerLogBatches(id: $id, tail: $tail) {
      timestamp
      message
    }
  }
`);

/** The engine's follow requests for one container's log, as the counting proxy saw them. */
function followCalls(id: string): ProxiedCall[] {
  return proxy.calls.filter(
    (call) => call.method === 'GET' && call.path === `/containers/${id}/logs` && /(?:^|&)follow=(?:1|true)(?:&|$)/.test(call.query),
  );
}

const openFollows = (id: string) => followCalls(id).filter((call) => call.closedAt === undefined).length;

/** The number of a chatty container's line (`line 17` -> 17, `17 xxx` -> 17). */
const lineNumber = (message: string) => Number(/(\d+)/.exec(message)?.[1]);

function numbers(messages: string[]): number[] {
  return messages.map(lineNumber);
}

/** The first place where `values` does not go up by exactly one, or -1. */
function firstGap(values: number[]): number {
  return values.findIndex((value, i) => i > 0 && value !== values[i - 1]! + 1);
}

function lineMessages(recording: Recording<{ containerLogs: { message: string } }>): string[] {
  return recording.data.map((d) => d.containerLogs.message);
}

describe('one upstream follow per container', () => {
  it('serves 100 subscribers on several connections from one follow request, all with the same lines in order', async () => {
    const id = await chattyContainer();
    const connections = [client(), client(), client(), client()];
    const subscribers = Array.from({ length: 100 }, (_, i) => record(connections[i % 4]!, FanoutLogLines, { id, tail: 0 }));
    await Promise.all(subscribers.map((s) => s.until(() => s.data.length >= 1, 'a first line')));

    // Everyone has joined; from the latest first line on, all must see the same 20 lines.
    const from = Math.max(...subscribers.map((s) => numbers(lineMessages(s))[0]!));
    await Promise.all(subscribers.map((s) => s.until(() => numbers(lineMessages(s)).includes(from + 20), `line ${from + 20}`)));

    expect(followCalls(id)).toHaveLength(1);
    const reference = subscribers[0]!.data.map((d) => d.containerLogs).filter((line) => lineNumber(line.message) >= from);
    for (const subscriber of subscribers) {
      expect(subscriber.errors).toEqual([]);
      const got = numbers(lineMessages(subscriber));
      expect(firstGap(got)).toBe(-1);
      const window = subscriber.data.map((d) => d.containerLogs).filter((line) => lineNumber(line.message) >= from);
      expect(window.slice(0, 21)).toEqual(reference.slice(0, 21));
    }
  });

  it('gives a subscriber who joins later with tail: 5 the last five lines, then the live ones, none lost or repeated', async () => {
    const id = await chattyContainer();
    const connection = client();
    const first = record(connection, FanoutLogLines, { id });
    await first.until(() => first.data.length >= 20, 'twenty lines for the first subscriber');

    // Several late joiners at different moments, each crossing the seam between its history and the shared live stream.
    const late: Array<{ seenByFirst: number; recording: Recording<{ containerLogs: { message: string } }> }> = [];
    for (let i = 0; i < 5; i++) {
      late.push({ seenByFirst: first.data.length, recording: record(connection, FanoutLogLines, { id, tail: 5 }) });
      await new Promise((resolve) => setTimeout(resolve, 130));
    }
    await Promise.all(late.map(({ recording }) => recording.until(() => recording.data.length >= 25, '25 lines')));

    expect(followCalls(id)).toHaveLength(1);
    const firstNumbers = numbers(lineMessages(first));
    expect(firstNumbers[0]).toBe(1);
    expect(firstGap(firstNumbers)).toBe(-1);
    for (const { seenByFirst, recording } of late) {
      expect(recording.errors).toEqual([]);
      const got = numbers(lineMessages(recording));
      expect(firstGap(got)).toBe(-1);
      // History ends at the log's last line when the joiner came: about where the first subscriber was then.
      const lastOfHistory = got[4]!;
      expect(lastOfHistory).toBeGreaterThanOrEqual(seenByFirst - 2);
      expect(lastOfHistory).toBeLessThanOrEqual(seenByFirst + 20);
      // The same lines as the first subscriber saw, timestamps included.
      const firstLines = first.data.map((d) => d.containerLogs);
      expect(recording.data.slice(0, 25).map((d) => d.containerLogs)).toEqual(firstLines.slice(got[0]! - 1, got[0]! - 1 + 25));
    }
  });

  it('closes the follow request within a second once the last subscriber has left', async () => {
    const id = await chattyContainer();
    const stays = client();
    const leaves = client();
    const unsubscribing = record(leaves, FanoutLogLines, { id, tail: 0 });
    const disconnecting = record(stays, FanoutLogLines, { id, tail: 0 });
    await Promise.all([unsubscribing, disconnecting].map((s) => s.until(() => s.data.length >= 2, 'two lines')));
    expect(openFollows(id)).toBe(1);

    // One unsubscribes: the other still needs the follow.
    unsubscribing.stop();
    const countAfterLeaving = disconnecting.data.length;
    await disconnecting.until(() => disconnecting.data.length >= countAfterLeaving + 5, 'five more lines for the remaining subscriber');
    expect(openFollows(id)).toBe(1);

    // The last one goes with its socket.
    await stays.dispose();
    await waitUntil(() => openFollows(id) === 0, 'the follow request to close', { timeoutMs: 1000 });
    expect(followCalls(id)).toHaveLength(1);
  });
});

describe('the history of a stopped container', () => {
  it('is read no further back than tail asks', async () => {
    const { id } = await createTestContainer(engine, { name: uniqueName('wharf-fanout'), cmd: ['seq', '1', '20000'] });
    containers.push(id);
    await engine.json('POST', `/containers/${id}/wait`);
    // Long enough after its last line that nothing of the log is "live" any more.
    await new Promise((resolve) => setTimeout(resolve, 3000));

    const logs = record(client(), FanoutLogLines, { id, tail: 3 });
    await logs.ended;
    expect(lineMessages(logs)).toEqual(['19998', '19999', '20000']);
    // docker logs --tail 3 -f: no request for this log may ask the engine for all of it.
    const logCalls = proxy.calls.filter((call) => call.path === `/containers/${id}/logs`);
    expect(logCalls.filter((call) => !/(?:^|&)(?:tail|since)=/.test(call.query)).map((call) => call.query)).toEqual([]);
  });
});

describe('a slow consumer', () => {
  /** 4 kB lines, `N xxx...`, about a thousand a second: a paused reader soon has megabytes waiting. */
  const FLOOD = [
    'sh',
    '-c',
    'p=xxxxxxxxxx; p=$p$p$p$p; p=$p$p$p$p$p$p$p$p$p$p; p=$p$p$p$p$p$p$p$p$p$p; i=0; ' +
      'while true; do i=$((i+1)); echo "$i $p"; if [ $((i % 100)) -eq 0 ]; then sleep 0.1; fi; done',
  ];
  const LIMITS = { maxLines: 200, maxBytes: 1 << 20 };

  async function floodingContainer(): Promise<string> {
    const { id } = await createTestContainer(engine, { name: uniqueName('wharf-flood'), cmd: FLOOD });
    containers.push(id);
    return id;
  }

  async function limitedGateway(): Promise<TestGateway> {
    const limited = await startGateway(inject('dockerHost'), { followLimits: LIMITS });
    cleanups.push(() => limited.close());
    return limited;
  }

  /** How long after its last line was written each batch reached the subscriber, in ms. */
  const batchLatencies = (recording: Recording<{ containerLogBatches: Array<{ timestamp: string }> }>) =>
    recording.data.map(
      (d, i) =>
        performance.timeOrigin +
        recording.receivedAt[i]! -
        Date.parse(d.containerLogBatches.at(-1)!.timestamp.replace(/(\.\d{3})\d*/, '$1')),
    );

  /** Line numbers of a batch subscription, flattened. */
  const batchNumbers = (recording: Recording<{ containerLogBatches: Array<{ message: string }> }>) =>
    numbers(recording.data.flatMap((d) => d.containerLogBatches.map((line) => line.message)));

  it('over graphql-ws is ended with SLOW_CONSUMER while another subscriber on the container goes on at full speed', async () => {
    const limited = await limitedGateway();
    const id = await floodingContainer();
    const fast = record(client(limited.wsUrl), FanoutLogBatches, { id, tail: 0 });
    let slowSocket: WebSocket | undefined;
    const slow = record(client(limited.wsUrl, { on: { opened: (socket) => (slowSocket = socket as WebSocket) } }), FanoutLogLines, {
      id,
      tail: 0,
    });
    cleanups.push(() => slowSocket?.resume());
    await slow.until(() => slow.results.length >= 1, 'a first line for the slow subscriber');
    await fast.until(() => fast.data.length >= 1, 'a first batch for the fast subscriber');

    slowSocket!.pause();
    const fastAtPause = batchNumbers(fast).length;
    // 4,000 lines of 4 kB: far more than the socket buffers between the gateway and the paused reader hold, plus 200.
    await fast.until(() => batchNumbers(fast).length >= fastAtPause + 4000, '4,000 more lines for the fast subscriber', 40_000);
    slowSocket!.resume();
    await slow.until(() => slow.state !== 'open', 'the end of the slow subscription', 20_000);

    expect(slow.state).toBe('error');
    expect(slow.errorCodes).toEqual(['SLOW_CONSUMER']);
    // What the slow subscriber did get was the log without a gap.
    const slowLines = numbers(lineMessages(slow));
    expect(firstGap(slowLines)).toBe(-1);

    // The fast subscriber lost nothing, kept up, and goes on.
    const fastAtEnd = batchNumbers(fast).length;
    await fast.until(() => batchNumbers(fast).length >= fastAtEnd + 200, '200 more lines for the fast subscriber');
    expect(fast.state).toBe('open');
    expect(fast.errors).toEqual([]);
    expect(firstGap(batchNumbers(fast))).toBe(-1);
    // Never held back by the stalled one: each batch came well within two seconds of its lines.
    expect(Math.max(...batchLatencies(fast))).toBeLessThan(2000);
  }, 60_000);

  it('over SSE is ended with SLOW_CONSUMER while another subscriber on the container goes on', async () => {
    const limited = await limitedGateway();
    const id = await floodingContainer();
    const fast = record(client(limited.wsUrl), FanoutLogBatches, { id, tail: 0 });
    const slow = await openSse(limited.url, FanoutLogLines, { id, tail: 0 });
    cleanups.push(() => slow.stop());
    await slow.until(() => slow.data.length >= 1, 'a first line for the slow subscriber');
    await fast.until(() => fast.data.length >= 1, 'a first batch for the fast subscriber');

    slow.pause();
    const fastAtPause = batchNumbers(fast).length;
    await fast.until(() => batchNumbers(fast).length >= fastAtPause + 4000, '4,000 more lines for the fast subscriber', 40_000);
    slow.resume();
    await slow.until(() => slow.state !== 'open', 'the end of the slow subscription', 20_000);

    expect(slow.errorCodes).toEqual(['SLOW_CONSUMER']);
    expect(firstGap(numbers(lineMessages(slow)))).toBe(-1);
    const fastAtEnd = batchNumbers(fast).length;
    await fast.until(() => batchNumbers(fast).length >= fastAtEnd + 200, '200 more lines for the fast subscriber');
    expect(fast.errors).toEqual([]);
    expect(firstGap(batchNumbers(fast))).toBe(-1);
    expect(Math.max(...batchLatencies(fast))).toBeLessThan(2000);
  }, 60_000);
});
