// Load with faults: 100 log subscribers and 20 queries a second while a private engine is stopped and started twice; nothing hangs, everything recovers, nothing leaks.
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateEngine, type PrivateEngine } from '../scripts/engine.js';
import { DownContainersDocument, FanoutLogLinesDocument } from './gql/graphql.js';
import { createTestContainer, rawEngine, type RawEngine } from './helpers/engine-api.js';
import { errorCodes, gql, startGateway, type TestGateway } from './helpers/gateway.js';
import { openSse } from './helpers/sse.js';
import { garbageCollector, openFileDescriptors } from './helpers/process-probes.js';
import { record, waitUntil, type Recording } from './helpers/subscriptions.js';
import { wsClient } from './helpers/ws.js';

/** How long the load runs, outages included. */
const LOAD_MS = 60_000;
/**
 * How the engine is stopped each time before it is started again: in order (its containers are
 * killed first, so the log follows end as a container's log does), then as a crash (SIGKILL with
 * the follows open, so the gateway's connections are cut under them).
 */
const STOPS = ['halt', 'crash'] as const;
const OUTAGES = STOPS.length;
/** How long the engine stays down each time. */
const OUTAGE_MS = 6_000;
const SUBSCRIBERS = 100;
/** Of the subscribers, this many each have an SSE request; the rest share the graphql-ws connections. */
const SSE_SUBSCRIBERS = 20;
const WS_CONNECTIONS = 4;
const QUERIES_PER_SECOND = 20;
/** A subscriber has seen its subscription end within this long after the engine began to stop. */
const ENDED_WITHIN_MS = 10_000;
/** With the engine down, a query is answered DOCKER_UNAVAILABLE within this long. */
const UNAVAILABLE_WITHIN_MS = 2_000;
/** Any query at all, even one caught by a stop or a start, is answered within this long (the engine's call timeout is 60 s). */
const ANSWERED_WITHIN_MS = 10_000;
/** Sockets of the test process (both ends of each loopback connection) that may still be open at the end. */
const FD_MARGIN = 8;
/** Heap that may remain after a GC at the end, over the level before the load. */
const HEAP_MARGIN_BYTES = 32 * 1024 * 1024;

/** Numbers its lines, five a second, until stopped. */
const CHATTY = ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo line $i; sleep 0.2; done'];

type Phase = 'up' | 'stopping' | 'down' | 'starting';

interface QueryRecord {
  phase: Phase;
  sentAt: number;
  answeredAt?: number;
  codes?: string[];
  failure?: string;
}

interface Outage {
  stop: (typeof STOPS)[number];
  stopAt: number;
  stoppedAt: number;
  startAt: number;
  startedAt: number;
  /** Milliseconds from stopAt until each subscriber saw its subscription end. */
  endedAfter: number[];
  endStates: string[];
  /** The error codes each subscriber was told, in results or as the operation's error. */
  endCodes: string[][];
  /** Each subscriber's transport, end and errors, for a failure's message. */
  endings: string[];
}

let engine: PrivateEngine;
let raw: RawEngine;
let gateway: TestGateway;
let chatty: { id: string; name: string };

beforeAll(async () => {
  engine = await startPrivateEngine();
  raw = rawEngine(engine.socketPath);
  // No restart policy: the test starts it again itself after each start of the engine.
  chatty = await createTestContainer(raw, { cmd: CHATTY });
  gateway = await startGateway(engine.dockerHost, { warm: true });
});

afterAll(async () => {
  await gateway?.close();
  await raw?.close();
  await engine?.stop();
});

describe('an engine stopped (in order, then by a crash) and started again under load', () => {
  it(
    'ends every subscriber, answers queries DOCKER_UNAVAILABLE fast, recovers without a gateway restart, and leaks nothing',
    async () => {
      const gc = garbageCollector();
      gc();
      const fdsBefore = openFileDescriptors();
      const heapBefore = process.memoryUsage().heapUsed;

      const started = performance.now();
      let phase: Phase = 'up';
      const queries: QueryRecord[] = [];
      const pending = new Set<Promise<void>>();
      const sendQuery = () => {
        const query: QueryRecord = { phase, sentAt: performance.now() };
        queries.push(query);
        const answered = gql(gateway.url, DownContainersDocument, {})
          .then(
            (result) => {
              query.codes = errorCodes(result);
            },
            (error: unknown) => {
              query.failure = String(error);
            },
          )
          .finally(() => {
            query.answeredAt = performance.now();
            pending.delete(answered);
          });
        pending.add(answered);
      };
      const ticker = setInterval(sendQuery, 1000 / QUERIES_PER_SECOND);

      const connections: Client[] = Array.from({ length: WS_CONNECTIONS }, () => wsClient(gateway.wsUrl));
      type Subscriber = Recording<{ containerLogs: { message: string } }>;
      const subscribe = async (): Promise<Subscriber[]> => {
        const overWs = Array.from({ length: SUBSCRIBERS - SSE_SUBSCRIBERS }, (_, i) =>
          record(connections[i % WS_CONNECTIONS]!, FanoutLogLinesDocument, { id: chatty.id, tail: 0 }),
        );
        const overSse = await Promise.all(
          Array.from({ length: SSE_SUBSCRIBERS }, () => openSse(gateway.url, FanoutLogLinesDocument, { id: chatty.id, tail: 0 })),
        );
        const subscribers = [...overWs, ...overSse];
        await Promise.all(subscribers.map((s) => s.until(() => s.data.length >= 1, 'a first line', 15_000)));
        return subscribers;
      };
      const allSubscribers: Subscriber[] = [];
      const outages: Outage[] = [];

      try {
        for (let n = 0; n < OUTAGES; n++) {
          const subscribers = await subscribe();
          allSubscribers.push(...subscribers);
          // The load goes on until this outage's turn: the stops are spread over the run.
          const turn = started + ((n + 1) * LOAD_MS) / (OUTAGES + 1) - OUTAGE_MS / 2;
          await new Promise((resolve) => setTimeout(resolve, Math.max(0, turn - performance.now())));

          // Every subscriber is still open when the stop comes: what ends it is the stop.
          for (const s of subscribers) expect(s.state, 'a subscriber before the stop').toBe('open');
          phase = 'stopping';
          const stopAt = performance.now();
          const endedAfter = subscribers.map(() => Number.NaN);
          subscribers.forEach((s, i) => void s.ended.then(() => (endedAfter[i] = performance.now() - stopAt)));
          await engine[STOPS[n]!]();
          const stoppedAt = performance.now();
          phase = 'down';
          await waitUntil(
            () => subscribers.every((s) => s.state !== 'open'),
            () => `every subscriber ended (outage ${n + 1})`,
            { timeoutMs: ENDED_WITHIN_MS },
          );
          expect(gateway.app.docker.logs.openStreams).toBe(0);
          await new Promise((resolve) => setTimeout(resolve, Math.max(0, stoppedAt + OUTAGE_MS - performance.now())));

          phase = 'starting';
          const startAt = performance.now();
          await engine.resume();
          await raw.json('POST', `/containers/${chatty.id}/start`);
          const startedAt = performance.now();
          phase = 'up';
          outages.push({
            stop: STOPS[n]!,
            stopAt,
            stoppedAt,
            startAt,
            startedAt,
            endedAfter,
            endStates: subscribers.map((s) => s.state),
            endCodes: subscribers.map((s) => s.errorCodes),
            endings: subscribers.map(
              (s, i) =>
                `${i < SUBSCRIBERS - SSE_SUBSCRIBERS ? 'graphql-ws' : 'SSE'} ${s.state} after ${s.results.length} results: ${JSON.stringify(s.errors)}`,
            ),
          });
        }

        // After the last start: new subscribers get lines, and the load runs to its end.
        const last = await subscribe();
        allSubscribers.push(...last);
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + LOAD_MS - performance.now())));
        for (const s of last) expect(s.state, 'a subscriber after the engine came back').toBe('open');
      } finally {
        clearInterval(ticker);
        for (const s of allSubscribers) s.stop();
        await Promise.all(connections.map((c) => c.dispose()));
        await Promise.all(pending);
      }

      // Figures for the report: what the outages looked like from the clients.
      const latency = (q: QueryRecord) => q.answeredAt! - q.sentAt;
      const duringOutage = queries.filter(
        (q) => q.phase === 'down' && outages.some((o) => q.sentAt >= o.stoppedAt && q.sentAt <= o.startAt - UNAVAILABLE_WITHIN_MS),
      );
      const upAnswered = queries.filter((q) => q.phase === 'up' && !outages.some((o) => q.sentAt < o.stopAt && q.answeredAt! > o.stopAt));
      const summary = {
        seconds: ((performance.now() - started) / 1000).toFixed(1),
        queries: queries.length,
        duringOutage: duringOutage.length,
        outageLatencyMaxMs: Math.round(Math.max(...duringOutage.map(latency))),
        outageLatencyMedianMs: Math.round(duringOutage.map(latency).sort((a, b) => a - b)[duringOutage.length >> 1] ?? Number.NaN),
        latencyMaxMs: Math.round(Math.max(...queries.map(latency))),
        outages: outages.map((o) => ({
          stop: o.stop,
          haltMs: Math.round(o.stoppedAt - o.stopAt),
          resumeMs: Math.round(o.startedAt - o.startAt),
          subscribersEndedWithinMs: Math.round(Math.max(...o.endedAfter)),
          ends: Object.fromEntries(['complete', 'error'].map((state) => [state, o.endStates.filter((s) => s === state).length])),
          codes: [...new Set(o.endCodes.flat())],
          told: o.endCodes.filter((codes) => codes.length > 0).length,
        })),
      };
      process.stdout.write(`engine-faults: ${JSON.stringify(summary)}\n`);

      // Nothing hung: every query was answered, none failed at the transport, none waited long.
      for (const q of queries) {
        expect(q.failure).toBeUndefined();
        expect(latency(q)).toBeLessThan(ANSWERED_WITHIN_MS);
      }
      // With the engine down: DOCKER_UNAVAILABLE, fast.
      expect(duringOutage.length).toBeGreaterThan(0);
      for (const q of duringOutage) {
        expect(q.codes).toEqual(['DOCKER_UNAVAILABLE']);
        expect(latency(q)).toBeLessThan(UNAVAILABLE_WITHIN_MS);
      }
      // With the engine up (before and after each outage), the same gateway answers without errors.
      for (const q of upAnswered) expect(q.codes).toEqual([]);
      for (const o of outages) {
        expect(upAnswered.filter((q) => q.sentAt > o.startedAt).length).toBeGreaterThan(0);
        for (const after of o.endedAfter) expect(after).toBeLessThan(ENDED_WITHIN_MS);
        // Cut off by a crash, every subscriber is told why, over graphql-ws and SSE alike.
        if (o.stop === 'crash') for (const [i, codes] of o.endCodes.entries()) expect(codes, o.endings[i]).toEqual(['DOCKER_UNAVAILABLE']);
      }

      // Back to the level before: sockets, upstream streams, heap.
      await waitUntil(
        () => openFileDescriptors() <= fdsBefore + FD_MARGIN,
        () => `fds back to ${fdsBefore} + ${FD_MARGIN}, now ${openFileDescriptors()}`,
        {
          timeoutMs: 15_000,
          intervalMs: 100,
        },
      );
      expect(gateway.app.docker.logs.openStreams).toBe(0);
      gc();
      const heapAfter = process.memoryUsage().heapUsed;
      process.stdout.write(
        `engine-faults: fds ${fdsBefore} -> ${openFileDescriptors()}, heap ${(heapBefore / 2 ** 20).toFixed(1)} -> ${(heapAfter / 2 ** 20).toFixed(1)} MB\n`,
      );
      expect(heapAfter).toBeLessThan(heapBefore + HEAP_MARGIN_BYTES);
    },
    LOAD_MS + 60_000,
  );
});
