// Container.logs with @stream: a 1M-line log over multipart HTTP and SSE, every line in order, with the gateway's memory bounded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createTestContainer, rawEngine, removeContainer, type RawEngine } from './helpers/engine-api.js';
import { errorCodes, gql } from './helpers/gateway.js';
import { startGatewayProcess, type GatewayProcess } from './helpers/gateway-process.js';
import { readIncremental, type IncrementalPayload, type Transport } from './helpers/incremental.js';
import { waitUntil } from './helpers/subscriptions.js';

const LINES = 1_000_000;
/** The contract's limit on what one answer may add to the gateway's memory. */
const PEAK_OVER_IDLE = 150 * 1024 * 1024;

const STREAMED = 'query StreamedLogs($id: String!) { container(id: $id) { logs @stream { message } } }';
const WHOLE = 'query WholeLogs($id: String!) { container(id: $id) { logs { message } } }';

let engine: RawEngine;
let gateway: GatewayProcess;
let container: { id: string; name: string };

beforeAll(async () => {
  engine = rawEngine(inject('dockerSocket'));
  container = await createTestContainer(engine, { cmd: ['seq', '1', String(LINES)] });
  await waitUntil(
    async () => !(await engine.json<{ State: { Running: boolean } }>('GET', `/containers/${container.id}/json`)).State.Running,
    'seq to finish',
    { timeoutMs: 60_000, intervalMs: 100 },
  );
  // A bound far below the log: only @stream may read it all.
  gateway = await startGatewayProcess(inject('dockerHost'), ['--max-log-lines', '1000']);
}, 90_000);

afterAll(async () => {
  await gateway?.stop();
  if (container) await removeContainer(engine, container.id);
  await engine?.close();
});

/** Checks each streamed line against the next number as it arrives, keeping nothing but the count. */
function lineChecker() {
  let next = 1;
  let outOfOrder = 0;
  let errors = 0;
  let last: IncrementalPayload | undefined;
  const check = (message: unknown) => {
    if (message !== String(next)) outOfOrder += 1;
    next += 1;
  };
  return {
    onPayload(payload: IncrementalPayload) {
      last = payload;
      if (payload.errors?.length) errors += payload.errors.length;
      const initial = (payload.data?.container as { logs?: Array<{ message: string }> } | undefined)?.logs;
      for (const line of initial ?? []) check(line.message);
      for (const part of payload.incremental ?? []) {
        if (part.errors?.length) errors += part.errors.length;
        for (const item of part.items ?? []) check((item as { message: string }).message);
      }
    },
    result: () => ({ lines: next - 1, outOfOrder, errors, hasNext: last?.hasNext }),
  };
}

describe.each<Transport>(['multipart', 'sse'])('logs @stream over %s', (transport) => {
  it(`delivers every line of a ${LINES.toLocaleString('en')}-line log in order, with the gateway's peak memory bounded, while other queries are answered`, async () => {
    await gql(gateway.url, '{ engine { version } }');
    const idle = gateway.memory().rss;
    const checker = lineChecker();
    let answeredMeanwhile = 0;
    let streaming = true;
    // Another client's queries, a few a second, for as long as the stream lasts.
    const others = (async () => {
      while (streaming) {
        const result = await gql(gateway.url, '{ engine { version } }');
        if (result.errors === undefined) answeredMeanwhile += 1;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
    const answer = await readIncremental(
      gateway.url,
      transport,
      { query: STREAMED, variables: { id: container.id } },
      checker.onPayload,
    ).finally(() => {
      streaming = false;
    });
    await others;
    const peak = gateway.memory().peakRss;

    expect(answer.status).toBe(200);
    expect(answer.contentType).toContain(transport === 'multipart' ? 'multipart/mixed' : 'text/event-stream');
    expect(checker.result()).toEqual({ lines: LINES, outOfOrder: 0, errors: 0, hasNext: false });
    expect(answer.parts).toBeGreaterThan(1);
    expect(answeredMeanwhile).toBeGreaterThan(0);
    expect(peak - idle, `peak ${peak} over idle ${idle}`).toBeLessThan(PEAK_OVER_IDLE);
  }, 120_000);
});

describe('logs without @stream', () => {
  it('past the bound is BAD_USER_INPUT naming @stream, tail and since', async () => {
    const result = await gql(gateway.url, WHOLE, { id: container.id });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(/tail.*since.*@stream|@stream.*tail/);
  });

  it('under @stream(if: false) is read whole, within the bound', async () => {
    const result = await gql(gateway.url, 'query IfFalse($id: String!) { container(id: $id) { logs @stream(if: false) { message } } }', {
      id: container.id,
    });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });
});
