// docker stats and docker events through the gateway, checked against what the engine itself reports.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from 'graphql-ws';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_IMAGE } from '../scripts/engine.js';
import { graphql } from './gql/index.js';
import type { EventsWatchSubscription } from './gql/graphql.js';
import { createTestContainer, removeContainer, uniqueName, type TestContainerOptions } from './helpers/engine-api.js';
import { gatewayForFile, gqlData } from './helpers/gateway.js';
import { record, waitUntil } from './helpers/subscriptions.js';
import { wsClient } from './helpers/ws.js';

/** How many GET /events responses the gateway has had from the engine: a subscription is live once its own arrived. */
let eventStreamsOpened = 0;
const { engine, gateway } = gatewayForFile({
  observeEngine: ({ method, path, status }) => {
    if (method === 'GET' && path === '/events' && status === 200) eventStreamsOpened += 1;
  },
});

/** What a test opened (clients, containers, an image tag), closed or removed after it, newest first. */
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A graphql-ws client, disposed after the test. */
function client(): Client {
  const opened = wsClient(gateway.wsUrl);
  cleanups.push(() => opened.dispose());
  return opened;
}

/** A test container, removed after the test. */
async function container(options: TestContainerOptions): Promise<string> {
  const { id } = await createTestContainer(engine, options);
  cleanups.push(() => removeContainer(engine, id));
  return id;
}

// ---------------------------------------------------------------------------
// Stats

const WatchStats = graphql(`
  subscription StatsWatch($id: String!) {
    containerStats(id: $id) { read cpuPercent memoryUsage memoryLimit memoryPercent pids }
  }
`);

const OneStatsSample = graphql(`
  query StatsOneSample($id: String!) {
    container(id: $id) {
      stats { read cpuPercent memoryUsage memoryLimit memoryPercent pids }
    }
  }
`);

interface RawCpuStats {
  cpu_usage: { total_usage: number; percpu_usage?: number[] | null };
  system_cpu_usage?: number;
  online_cpus?: number;
}
interface RawStats {
  read: string;
  cpu_stats: RawCpuStats;
  precpu_stats: RawCpuStats;
  memory_stats: { usage?: number; limit?: number; stats?: Record<string, number> };
  pids_stats?: { current?: number };
}

const MEMORY_LIMIT = 256 * 1024 * 1024;

/**
 * Burns one CPU after leaving ~20 MB of written file in the page cache, so that "usage less the
 * inactive file cache" differs clearly from the raw usage.
 */
async function busyContainer(): Promise<string> {
  return container({
    cmd: ['sh', '-c', 'seq 1 3000000 > /tmp/fill; while true; do :; done'],
    name: uniqueName('wharf-stats-busy'),
    extra: { HostConfig: { Memory: MEMORY_LIMIT } },
  });
}

/** One sample as the engine gives it, with precpu filled in (GET /containers/{id}/stats?stream=false). */
function rawStats(id: string): Promise<RawStats> {
  return engine.json<RawStats>('GET', `/containers/${id}/stats?stream=false`);
}

/** docker stats' CPU %: (cpu_delta / system_delta) * online_cpus * 100. */
function expectedCpuPercent(sample: RawStats): number {
  const cpuDelta = sample.cpu_stats.cpu_usage.total_usage - sample.precpu_stats.cpu_usage.total_usage;
  const systemDelta = (sample.cpu_stats.system_cpu_usage ?? 0) - (sample.precpu_stats.system_cpu_usage ?? 0);
  const online = sample.cpu_stats.online_cpus ?? sample.cpu_stats.cpu_usage.percpu_usage?.length ?? 0;
  return (cpuDelta / systemDelta) * online * 100;
}

/** The page cache docker stats leaves out: total_inactive_file on cgroup v1, inactive_file on v2. */
function inactiveFile(sample: RawStats): number {
  const stats = sample.memory_stats.stats ?? {};
  return stats.total_inactive_file ?? stats.inactive_file ?? 0;
}

const instant = (rfc3339: string) => Date.parse(rfc3339);

describe('Subscription.containerStats', () => {
  it('sends a sample about once a second', async () => {
    const id = await busyContainer();
    const stats = record(client(), WatchStats, { id });
    await stats.until(() => stats.results.length >= 5, 'five samples', 15_000);
    stats.stop();
    const reads = stats.results.map((r) => instant(r.data!.containerStats.read));
    const gaps = reads.slice(1).map((t, i) => t - reads[i]!);
    for (const gap of gaps) {
      expect(gap).toBeGreaterThan(500);
      expect(gap).toBeLessThan(2_500);
    }
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    expect(mean).toBeGreaterThan(800);
    expect(mean).toBeLessThan(1_500);
    // And they are sent as they are read, not held back and bunched.
    const arrivalSpan = stats.receivedAt[4]! - stats.receivedAt[1]!;
    expect(arrivalSpan).toBeGreaterThan(3 * 600);
    expect(arrivalSpan).toBeLessThan(3 * 1_600);
  });

  it('computes cpuPercent and memoryUsage as docker stats does from a raw sample of the same moment', async () => {
    const id = await busyContainer();
    const stats = record(client(), WatchStats, { id });
    // Let the file write finish and the loop run: the third sample has a full second of busy CPU behind it.
    await stats.until(() => stats.results.length >= 3, 'three samples', 15_000);
    const raw = await rawStats(id);
    await stats.first((r) => instant(r.data!.containerStats.read) >= instant(raw.read), 'a sample read after the raw one', 5_000);
    stats.stop();

    // The engine's collector hands one reading per tick to every subscriber: the gateway's sample of the
    // same tick must agree to rounding; a neighbouring tick only roughly.
    const nearest = stats.results
      .slice(1)
      .map((r) => r.data!.containerStats)
      .reduce((best, s) => (Math.abs(instant(s.read) - instant(raw.read)) < Math.abs(instant(best.read) - instant(raw.read)) ? s : best));
    const sameTick = nearest.read === raw.read;
    expect(Math.abs(instant(nearest.read) - instant(raw.read))).toBeLessThan(1_500);

    const cpu = expectedCpuPercent(raw);
    expect(cpu).toBeGreaterThan(5);
    expect(Math.abs(nearest.cpuPercent - cpu)).toBeLessThanOrEqual(sameTick ? cpu * 1e-9 : Math.max(10, cpu * 0.25));

    const inactive = inactiveFile(raw);
    const usage = (raw.memory_stats.usage ?? 0) - inactive;
    // Page cache there to leave out: usage with it would be megabytes off.
    expect(inactive).toBeGreaterThan(4 * 2 ** 20);
    expect(Math.abs(nearest.memoryUsage - usage)).toBeLessThanOrEqual(sameTick ? 0 : Math.min(2 * 2 ** 20, inactive / 2));
  });

  it("reports the engine's memory limit exactly, the memory share of it and the container's processes", async () => {
    const id = await busyContainer();
    const stats = record(client(), WatchStats, { id });
    await stats.until(() => stats.results.length >= 2, 'two samples', 15_000);
    stats.stop();
    const raw = await rawStats(id);
    expect(raw.memory_stats.limit).toBe(MEMORY_LIMIT);
    for (const { data } of stats.results) {
      const sample = data!.containerStats;
      expect(sample.memoryLimit).toBe(raw.memory_stats.limit);
      expect(sample.memoryPercent).toBeCloseTo((sample.memoryUsage / sample.memoryLimit) * 100, 6);
      expect(sample.pids).toBeGreaterThan(0);
    }
  });

  it('completes when the container stops', async () => {
    const id = await busyContainer();
    const stats = record(client(), WatchStats, { id });
    await stats.until(() => stats.results.length >= 1, 'one sample', 15_000);
    await engine.json('POST', `/containers/${id}/stop?t=0`);
    const stoppedAt = performance.now();
    await expect(Promise.race([stats.ended.then(() => stats.state), sleep(10_000).then(() => 'still open')])).resolves.toBe('complete');
    expect(performance.now() - stoppedAt).toBeLessThan(5_000);
    for (const { data, errors } of stats.results) {
      expect(errors).toBeUndefined();
      expect(data!.containerStats.pids).toBeGreaterThan(0);
    }
  });

  it('answers NOT_FOUND for a container that does not exist', async () => {
    const stats = record(client(), WatchStats, { id: uniqueName('wharf-no-such-container') });
    await stats.ended;
    const codes = stats.failure === undefined ? stats.errors.map((e) => e.extensions?.code) : [String(stats.failure)];
    expect(codes).toEqual(['NOT_FOUND']);
    expect(stats.results.every((r) => r.data == null)).toBe(true);
  });
});

describe('Container.stats', () => {
  it('is one sample of a running container', async () => {
    const id = await busyContainer();
    const data = await gqlData(gateway.url, OneStatsSample, { id });
    const sample = data.container?.stats;
    expect(sample).toBeTruthy();
    expect(Number.isNaN(instant(sample!.read))).toBe(false);
    expect(sample!.memoryLimit).toBe(MEMORY_LIMIT);
    expect(sample!.memoryUsage).toBeGreaterThan(0);
    expect(sample!.memoryUsage).toBeLessThan(MEMORY_LIMIT);
    expect(sample!.pids).toBeGreaterThan(0);
  });

  it('is null for a stopped container', async () => {
    const id = await container({ cmd: ['true'], name: uniqueName('wharf-stats-stopped') });
    await engine.json('POST', `/containers/${id}/wait`);
    const data = await gqlData(gateway.url, OneStatsSample, { id });
    expect(data.container).not.toBeNull();
    expect(data.container!.stats).toBeNull();
  });
});

// ---------------------------------------------------------------------------
// Events

const WatchEvents = graphql(`
  subscription EventsWatch($filters: EventFilters, $since: DateTime) {
    events(filters: $filters, since: $since) {
      type
      action
      actorId
      attributes { key value }
      time
      container { id name }
    }
  }
`);

type WatchedEvent = EventsWatchSubscription['events'];

/** Subscribes to events and resolves once the gateway's upstream /events stream is open at the engine. */
async function watchEvents(client: Client, variables: { filters?: Record<string, string[]>; since?: string }) {
  const opened = eventStreamsOpened;
  const events = record(client, WatchEvents, variables);
  await waitUntil(() => eventStreamsOpened > opened, 'the upstream /events request', { timeoutMs: 10_000 });
  // The engine flushes the response head just before it registers the listener.
  await sleep(100);
  const all = (): WatchedEvent[] => events.results.map((r) => r.data!.events);
  const waitFor = async (match: (e: WatchedEvent) => boolean, timeoutMs = 10_000): Promise<WatchedEvent> =>
    (await events.first((r) => r.data != null && match(r.data.events), 'a matching event', timeoutMs)).data!.events;
  return { events, all, waitFor };
}

const attr = (event: WatchedEvent, key: string) => event.attributes.find((a) => a.key === key)?.value;

/** A container's whole life through the raw engine, each step only after the gateway delivered the previous event. */
async function liveThrough(watch: Awaited<ReturnType<typeof watchEvents>>, name: string): Promise<{ id: string; events: WatchedEvent[] }> {
  const { id } = await createTestContainer(engine, { cmd: ['true'], name, start: false });
  try {
    const mine = (action: string) => (e: WatchedEvent) => e.actorId === id && e.action === action;
    await watch.waitFor(mine('create'));
    await engine.json('POST', `/containers/${id}/start`);
    await watch.waitFor(mine('start'));
    await watch.waitFor(mine('die'));
  } finally {
    await removeContainer(engine, id);
  }
  await watch.waitFor((e) => e.actorId === id && e.action === 'destroy');
  return { id, events: watch.all().filter((e) => e.actorId === id) };
}

interface RawEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
  /** As the engine wrote it: beyond 2^53, so read from the text, not through JSON numbers. */
  timeNano: string;
}

/** GET /events?since&until&filters from the engine itself, timeNano kept exact. */
async function rawEvents(since: number, filters: Record<string, string[]>): Promise<RawEvent[]> {
  const until = Math.ceil(Date.now() / 1000) + 1;
  const res = await engine.request(
    'GET',
    `/events?since=${Math.floor(since / 1000) - 1}&until=${until}&filters=${encodeURIComponent(JSON.stringify(filters))}`,
  );
  expect(res.status).toBe(200);
  return res.body
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => ({ ...(JSON.parse(line) as Omit<RawEvent, 'timeNano'>), timeNano: /"timeNano":(\d+)/.exec(line)![1]! }));
}

const RFC3339_NANOS = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\.(\d{1,9})(Z|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 string with a fraction to nanoseconds since the epoch, exactly. */
function toNanos(time: string): bigint {
  const m = RFC3339_NANOS.exec(time);
  if (!m) throw new Error(`not RFC 3339 with a fraction of a second: ${time}`);
  const seconds = BigInt(Date.parse(`${m[1]}${m[3]}`) / 1000);
  return seconds * 1_000_000_000n + BigInt(m[2]!.padEnd(9, '0'));
}

describe('Subscription.events', () => {
  it("delivers a container's create, start, die and destroy in order, with its id, name and image", async () => {
    const watch = await watchEvents(client(), {});
    const name = uniqueName('wharf-events-life');
    const { id, events } = await liveThrough(watch, name);
    watch.events.stop();

    expect(events.map((e) => e.action)).toEqual(['create', 'start', 'die', 'destroy']);
    for (const event of events) {
      expect(event.type).toBe('container');
      expect(event.actorId).toBe(id);
      expect(attr(event, 'name')).toBe(name);
      expect(attr(event, 'image')).toBe(TEST_IMAGE);
    }
    expect(attr(events[2]!, 'exitCode')).toBe('0');
  });

  it("gives each event the engine's own time, to the nanosecond", async () => {
    const startedAt = Date.now();
    const watch = await watchEvents(client(), {});
    const { id, events } = await liveThrough(watch, uniqueName('wharf-events-time'));
    watch.events.stop();

    const raw = (await rawEvents(startedAt, { container: [id] })).filter((e) => e.Type === 'container');
    expect(raw.map((e) => e.Action)).toEqual(events.map((e) => e.action));
    events.forEach((event, i) => {
      expect(event.time).toMatch(RFC3339_NANOS);
      expect(toNanos(event.time)).toBe(BigInt(raw[i]!.timeNano));
      expect(event.attributes).toEqual(
        Object.entries(raw[i]!.Actor.Attributes ?? {})
          .map(([key, value]) => ({ key, value }))
          .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
      );
    });
  });

  it('resolves the container while it exists and null once it is destroyed', async () => {
    const watch = await watchEvents(client(), {});
    const name = uniqueName('wharf-events-container');
    const { id, events } = await liveThrough(watch, name);
    watch.events.stop();

    const byAction = new Map(events.map((e) => [e.action, e]));
    for (const action of ['create', 'start', 'die']) {
      expect(byAction.get(action)?.container).toEqual({ id, name });
    }
    expect(byAction.get('destroy')?.container).toBeNull();
  });

  it('replays past events from `since`', async () => {
    const since = new Date(Date.now() - 1_000).toISOString();
    const name = uniqueName('wharf-events-since');
    const { id } = await createTestContainer(engine, { cmd: ['true'], name });
    await engine.json('POST', `/containers/${id}/wait`);
    await removeContainer(engine, id);

    const watch = await watchEvents(client(), { since });
    await watch.waitFor((e) => e.actorId === id && e.action === 'destroy');
    watch.events.stop();
    expect(
      watch
        .all()
        .filter((e) => e.actorId === id)
        .map((e) => e.action),
    ).toEqual(['create', 'start', 'die', 'destroy']);
  });

  describe('filters', () => {
    it('by type: only events of that type arrive', async () => {
      const tag = `ev-${uniqueName('t').slice(2)}`;
      const watch = await watchEvents(client(), { filters: { type: ['image'] } });
      await container({ cmd: ['true'], name: uniqueName('wharf-events-type'), start: false });
      await engine.json('POST', `/images/${encodeURIComponent(TEST_IMAGE)}/tag?repo=wharf-test/busybox&tag=${tag}`);
      cleanups.push(() => engine.request('DELETE', `/images/${encodeURIComponent(`wharf-test/busybox:${tag}`)}`));
      // The container's create came before the tag: had it passed the filter, it would be here by now.
      await watch.waitFor((e) => e.action === 'tag');
      watch.events.stop();
      expect(watch.all().length).toBeGreaterThan(0);
      for (const event of watch.all()) expect(event.type).toBe('image');
    });

    it('by event: only those actions arrive', async () => {
      const watch = await watchEvents(client(), { filters: { event: ['start'] } });
      const id = await container({ cmd: ['true'], name: uniqueName('wharf-events-action'), start: false });
      await engine.json('POST', `/containers/${id}/start`);
      await watch.waitFor((e) => e.actorId === id);
      watch.events.stop();
      expect(watch.all().map((e) => [e.action, e.actorId])).toEqual([['start', id]]);
    });

    it('by container: only events of that container arrive', async () => {
      const name = uniqueName('wharf-events-mine');
      const watch = await watchEvents(client(), { filters: { container: [name] } });
      await container({ cmd: ['true'], name: uniqueName('wharf-events-other'), start: false });
      const id = await container({ cmd: ['true'], name, start: false });
      await watch.waitFor((e) => e.actorId === id && e.action === 'create');
      watch.events.stop();
      expect(watch.all().map((e) => [e.action, e.actorId])).toEqual([['create', id]]);
    });

    it('by label: only events of containers with that label arrive', async () => {
      const value = uniqueName('case');
      const watch = await watchEvents(client(), { filters: { label: [`wharf.events.case=${value}`] } });
      await container({
        cmd: ['true'],
        name: uniqueName('wharf-events-unlabelled'),
        start: false,
        labels: { 'wharf.events.case': 'someone-else' },
      });
      const id = await container({
        cmd: ['true'],
        name: uniqueName('wharf-events-labelled'),
        start: false,
        labels: { 'wharf.events.case': value },
      });
      await watch.waitFor((e) => e.actorId === id && e.action === 'create');
      watch.events.stop();
      expect(watch.all().map((e) => [e.action, e.actorId])).toEqual([['create', id]]);
    });
  });
});
