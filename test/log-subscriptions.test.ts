// Subscription.containerLogs and containerLogBatches against a real engine: docker logs -f over graphql-ws and SSE.
import type { Client } from 'graphql-ws';
import { afterEach, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import { createTestContainer, removeContainer, uniqueName, type TestContainerOptions } from './helpers/engine-api.js';
import { gatewayForFile } from './helpers/gateway.js';
import { openSse, sseClient } from './helpers/sse.js';
import { record } from './helpers/subscriptions.js';
import { wsClient } from './helpers/ws.js';

const { engine, gateway } = gatewayForFile();

/** Every container and client a test opens, removed and disposed after it. */
const containers: string[] = [];
const clients: Array<{ dispose(): void | Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
  await Promise.all(containers.splice(0).map((id) => removeContainer(engine, id)));
});

async function container(cmd: string[], options: Omit<TestContainerOptions, 'cmd'> = {}): Promise<{ id: string; name: string }> {
  const created = await createTestContainer(engine, { name: uniqueName('wharf-logsub'), ...options, cmd });
  containers.push(created.id);
  return created;
}

/** A container that has already run to its end. */
async function exitedContainer(cmd: string[], options: Omit<TestContainerOptions, 'cmd'> = {}): Promise<{ id: string; name: string }> {
  const created = await container(cmd, options);
  await engine.json('POST', `/containers/${created.id}/wait`);
  return created;
}

/** Numbers its lines, `line 1`, `line 2` ..., 20 a second, until stopped. */
const CHATTY = ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo line $i; sleep 0.05; done'];

function client(): Client {
  const opened = wsClient(gateway.wsUrl);
  clients.push(opened);
  return opened;
}

/** graphql-sse's client, disposed after the test. */
function overSse() {
  const opened = sseClient(gateway.url);
  clients.push(opened);
  return opened;
}

const LiveLogLines = graphql(`
  subscription LiveLogLines($id: String!, $stdout: Boolean, $stderr: Boolean, $since: DateTime, $tail: Int) {
    containerLogs(id: $id, stdout: $stdout, stderr: $stderr, since: $since, tail: $tail) {
      stream
      timestamp
      message
    }
  }
`);

const LiveLogBatches = graphql(`
  subscription LiveLogBatches($id: String!, $tail: Int, $maxLines: Int, $maxDelayMs: Int) {
    containerLogBatches(id: $id, tail: $tail, maxLines: $maxLines, maxDelayMs: $maxDelayMs) {
      stream
      timestamp
      message
    }
  }
`);

const LiveLogsContainers = graphql(`
  query LiveLogsContainers($filters: ContainerFilters) {
    containers(all: true, filters: $filters) {
      id
      name
      state
    }
  }
`);

/** Milliseconds since the epoch of an RFC 3339 timestamp with up to nanoseconds. */
function epochMs(timestamp: string): number {
  return Date.parse(timestamp.replace(/(\.\d{3})\d*/, '$1'));
}

describe('containerLogBatches over graphql-ws', () => {
  it('delivers every line of a 100,000-line log once, in order, then completes', async () => {
    const { id } = await exitedContainer(['seq', '1', '100000']);
    const logs = record(client(), LiveLogBatches, { id });
    await logs.ended;

    expect(logs.errors).toEqual([]);
    expect(logs.state).toBe('complete');
    const messages = logs.data.flatMap((d) => d.containerLogBatches.map((line) => line.message));
    expect(messages.length).toBe(100_000);
    expect(messages.findIndex((message, i) => message !== String(i + 1))).toBe(-1);
  }, 60_000);

  it('never sends a batch larger than maxLines', async () => {
    const { id } = await exitedContainer(['seq', '1', '1000']);
    const logs = record(client(), LiveLogBatches, { id, maxLines: 7 });
    await logs.ended;

    expect(logs.errors).toEqual([]);
    const sizes = logs.data.map((d) => d.containerLogBatches.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(7);
    expect(logs.data.flatMap((d) => d.containerLogBatches.map((line) => line.message))).toEqual(
      Array.from({ length: 1000 }, (_, i) => String(i + 1)),
    );
  });

  it('sends a lone line within maxDelayMs', async () => {
    const { id } = await container(['sh', '-c', 'sleep 1; echo lone; sleep 300']);
    // A line-by-line subscriber to the same log shows when the gateway had the line.
    const lines = record(client(), LiveLogLines, { id });
    const batches = record(client(), LiveLogBatches, { id, maxLines: 1000, maxDelayMs: 100 });
    await lines.until(() => lines.data.length >= 1, 'the line, line by line');
    await batches.until(() => batches.data.length >= 1, 'the first batch');

    expect(batches.data[0]!.containerLogBatches.map((line) => line.message)).toEqual(['lone']);
    expect(batches.receivedAt[0]! - lines.receivedAt[0]!).toBeLessThan(100 + 300);
  });

  it('gathers the lines of maxDelayMs into one batch', async () => {
    const { id } = await container(CHATTY);
    const logs = record(client(), LiveLogBatches, { id, tail: 0, maxLines: 1000, maxDelayMs: 1000 });
    await logs.until(() => logs.data.length >= 1, 'the first batch');

    // 20 lines a second: a batch held for a second has far more than one line.
    expect(logs.data[0]!.containerLogBatches.length).toBeGreaterThanOrEqual(5);
  });

  it('refuses a maxLines out of bounds with BAD_USER_INPUT', async () => {
    const { id } = await exitedContainer(['echo', 'hi']);
    for (const maxLines of [0, -1, 10_001]) {
      const logs = record(client(), LiveLogBatches, { id, maxLines });
      await logs.ended;
      expect(logs.data).toEqual([]);
      expect(logs.errorCodes).toEqual(['BAD_USER_INPUT']);
    }
  });
});

describe('containerLogs over graphql-ws', () => {
  it('delivers history and then live lines of a chatty container in order, none lost or repeated', async () => {
    const { id } = await container(CHATTY);
    // Let some history pile up so that the stream crosses from history to live lines.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const logs = record(client(), LiveLogLines, { id });
    await logs.until(() => logs.data.length >= 30, '30 lines');

    expect(logs.errors).toEqual([]);
    expect(logs.data.slice(0, 30).map((d) => d.containerLogs.message)).toEqual(Array.from({ length: 30 }, (_, i) => `line ${i + 1}`));
  });

  it('completes when the container stops', async () => {
    const { id } = await container(CHATTY);
    const logs = record(client(), LiveLogLines, { id });
    await logs.until(() => logs.data.length >= 3, 'three lines');

    await engine.json('POST', `/containers/${id}/stop?t=0`);
    await logs.until(() => logs.state !== 'open', 'the end of the subscription');
    expect(logs.state).toBe('complete');
    expect(logs.errors).toEqual([]);
  });

  it('delivers a last line without a newline before it completes', async () => {
    const { id } = await container(['sh', '-c', 'echo a; sleep 1; printf b']);
    const logs = record(client(), LiveLogLines, { id });
    await logs.ended;

    expect(logs.state).toBe('complete');
    expect(logs.data.map((d) => d.containerLogs.message)).toEqual(['a', 'b']);
  });

  it('starts with the last `tail` lines', async () => {
    const { id } = await exitedContainer(['seq', '1', '10']);
    const logs = record(client(), LiveLogLines, { id, tail: 3 });
    await logs.ended;

    expect(logs.state).toBe('complete');
    expect(logs.data.map((d) => d.containerLogs.message)).toEqual(['8', '9', '10']);
  });

  it('starts at `since`', async () => {
    const { id } = await exitedContainer(['sh', '-c', 'echo early; sleep 2; echo late']);
    const engineLog = (await engine.request('GET', `/containers/${id}/logs?stdout=1&timestamps=1`)).body.toString('utf8');
    const early = /(\d{4}-\d\d-\d\dT[\d:.]+Z) early/.exec(engineLog)?.[1];
    expect(early).toBeDefined();
    const since = new Date(epochMs(early!) + 1000).toISOString();

    const logs = record(client(), LiveLogLines, { id, since });
    await logs.ended;
    expect(logs.state).toBe('complete');
    expect(logs.data.map((d) => d.containerLogs.message)).toEqual(['late']);
  });

  it('holds back live lines until a `since` in the future', async () => {
    const { id } = await container(CHATTY);
    const since = new Date(Date.now() + 1500).toISOString();
    const logs = record(client(), LiveLogLines, { id, since });
    await logs.until(() => logs.data.length >= 5, 'five lines', 15_000);

    const early = logs.data.map((d) => d.containerLogs).filter((line) => epochMs(line.timestamp) < epochMs(since));
    expect(early).toEqual([]);
  });

  it('labels each line with its stream', async () => {
    const { id } = await exitedContainer(['sh', '-c', 'echo out1; echo err1 >&2; echo out2; echo err2 >&2']);
    const logs = record(client(), LiveLogLines, { id });
    await logs.ended;

    const lines = logs.data.map((d) => d.containerLogs);
    expect(lines).toHaveLength(4);
    expect(lines.filter((l) => l.stream === 'STDOUT').map((l) => l.message)).toEqual(['out1', 'out2']);
    expect(lines.filter((l) => l.stream === 'STDERR').map((l) => l.message)).toEqual(['err1', 'err2']);
  });

  it('follows only the streams asked for', async () => {
    const { id } = await exitedContainer(['sh', '-c', 'echo out1; echo err1 >&2; echo out2; echo err2 >&2']);
    const onlyStderr = record(client(), LiveLogLines, { id, stdout: false });
    const onlyStdout = record(client(), LiveLogLines, { id, stderr: false });
    await Promise.all([onlyStderr.ended, onlyStdout.ended]);

    expect(onlyStderr.data.map((d) => [d.containerLogs.stream, d.containerLogs.message])).toEqual([
      ['STDERR', 'err1'],
      ['STDERR', 'err2'],
    ]);
    expect(onlyStdout.data.map((d) => [d.containerLogs.stream, d.containerLogs.message])).toEqual([
      ['STDOUT', 'out1'],
      ['STDOUT', 'out2'],
    ]);
  });

  it('gives a TTY container its lines without carriage returns', async () => {
    const { id } = await exitedContainer(['sh', '-c', 'echo one; echo two'], { tty: true });
    const logs = record(client(), LiveLogLines, { id });
    await logs.ended;

    expect(logs.errors).toEqual([]);
    expect(logs.data.map((d) => [d.containerLogs.stream, d.containerLogs.message])).toEqual([
      ['STDOUT', 'one'],
      ['STDOUT', 'two'],
    ]);
  });

  it('answers a missing container with NOT_FOUND', async () => {
    const logs = record(client(), LiveLogLines, { id: uniqueName('wharf-no-such') });
    await logs.ended;

    expect(logs.data).toEqual([]);
    expect(logs.errorCodes).toEqual(['NOT_FOUND']);
  });
});

describe('queries over graphql-ws', () => {
  it('answers a containers query on the socket', async () => {
    const { id, name } = await container(['true'], { start: false });
    const result = record(client(), LiveLogsContainers, { filters: { name: [name] } });
    await result.ended;

    expect(result.state).toBe('complete');
    expect(result.data).toEqual([{ containers: [{ id, name, state: 'CREATED' }] }]);
  });
});

describe('containerLogs over SSE', () => {
  it('delivers the lines and completes', async () => {
    const { id } = await exitedContainer(['seq', '1', '5']);
    const logs = await openSse(gateway.url, LiveLogLines, { id });
    try {
      await logs.ended;
      expect(logs.contentType).toContain('text/event-stream');
      expect(logs.state).toBe('complete');
      expect(logs.data.map((d) => d.containerLogs.message)).toEqual(['1', '2', '3', '4', '5']);
    } finally {
      logs.stop();
    }
  });

  it('answers a missing container with NOT_FOUND', async () => {
    const logs = record(overSse(), LiveLogLines, { id: uniqueName('wharf-no-such') });
    try {
      await logs.ended;
      expect(logs.data).toEqual([]);
      expect(logs.errorCodes).toEqual(['NOT_FOUND']);
    } finally {
      logs.stop();
    }
  });
});

const ShapedLogBatches = graphql(`
  subscription ShapedLogBatches($id: String!) {
    lines: containerLogBatches(id: $id, maxLines: 2) {
      __typename
      ...LineText
      ... on LogLine {
        from: stream
      }
      timestamp
    }
  }
  fragment LineText on LogLine {
    text: message
    message
  }
`);

/** The same shape with a directive: such a subscription has no plan, and each event is executed. */
const ShapedLogBatchesInclude = graphql(`
  subscription ShapedLogBatchesInclude($id: String!, $withTime: Boolean!) {
    lines: containerLogBatches(id: $id, maxLines: 2) {
      __typename
      ...LineText
      ... on LogLine {
        from: stream
      }
      timestamp @include(if: $withTime)
    }
  }
`);

describe('the shape of each event is the one the subscription asked for, planned or executed', () => {
  const expected = (withTime: boolean) =>
    ['a', 'b', 'c'].map((text) => ({
      __typename: 'LogLine',
      text,
      message: text,
      from: 'STDOUT',
      ...(withTime ? { timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/) } : {}),
    }));
  /** Keys in the order the document selected them, as the executor orders them. */
  const keys = (withTime: boolean) => ['__typename', 'text', 'message', 'from', ...(withTime ? ['timestamp'] : [])];
  const threeLines = () => exitedContainer(['sh', '-c', 'echo a; echo b; echo c']);

  it('aliases, fragments and __typename over graphql-ws (built by the plan)', async () => {
    const { id } = await threeLines();
    const logs = record(client(), ShapedLogBatches, { id });
    await logs.ended;

    expect(logs.errors).toEqual([]);
    expect(logs.data.map((d) => d.lines.length)).toEqual([2, 1]);
    expect(logs.data.flatMap((d) => d.lines)).toEqual(expected(true));
    for (const line of logs.data.flatMap((d) => d.lines)) expect(Object.keys(line)).toEqual(keys(true));
  });

  it.each([true, false])('with @include(if: %s) over graphql-ws (executed)', async (withTime) => {
    const { id } = await threeLines();
    const logs = record(client(), ShapedLogBatchesInclude, { id, withTime });
    await logs.ended;

    expect(logs.errors).toEqual([]);
    expect(logs.data.flatMap((d) => d.lines)).toEqual(expected(withTime));
    for (const line of logs.data.flatMap((d) => d.lines)) expect(Object.keys(line)).toEqual(keys(withTime));
  });

  it('aliases, fragments and __typename over SSE', async () => {
    const { id } = await threeLines();
    const logs = record(overSse(), ShapedLogBatches, { id });
    await logs.ended;

    expect(logs.errors).toEqual([]);
    expect(logs.data.flatMap((d) => d.lines)).toEqual(expected(true));
    for (const line of logs.data.flatMap((d) => d.lines)) expect(Object.keys(line)).toEqual(keys(true));
  });
});
