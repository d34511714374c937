// ContainerStats: Subscription.containerStats (docker stats) and Container.stats (one sample), computed as docker stats does.
import { ndjsonStream } from '../docker/ndjson-stream.js';
import type { CpuStatsWire, StatsWire } from '../docker/types.js';
import { builder } from './builder.js';
import { ContainerRef, requireContainer } from './container.js';

export interface StatsView {
  read: string;
  cpuPercent: number;
  memoryUsage: number;
  memoryLimit: number;
  memoryPercent: number;
  networkRxBytes: number;
  networkTxBytes: number;
  blockReadBytes: number;
  blockWriteBytes: number;
  pids: number;
}

/** The CPU share since the previous reading, as docker stats computes it (100% is one CPU). */
export function cpuPercent(cpu: CpuStatsWire | undefined, precpu: CpuStatsWire | undefined): number {
  const cpuDelta = (cpu?.cpu_usage?.total_usage ?? 0) - (precpu?.cpu_usage?.total_usage ?? 0);
  const systemDelta = (cpu?.system_cpu_usage ?? 0) - (precpu?.system_cpu_usage ?? 0);
  const online = cpu?.online_cpus || cpu?.cpu_usage?.percpu_usage?.length || 0;
  if (systemDelta <= 0 || cpuDelta <= 0) return 0;
  return (cpuDelta / systemDelta) * online * 100;
}

/** Memory use less the page cache: cgroup v1's total_inactive_file, v2's inactive_file. */
export function memoryUsage(memory: StatsWire['memory_stats']): number {
  const usage = memory?.usage ?? 0;
  const stats = memory?.stats ?? {};
  const inactive = stats.total_inactive_file ?? stats.inactive_file;
  return inactive !== undefined && inactive < usage ? usage - inactive : usage;
}

export function statsView(sample: StatsWire): StatsView {
  const usage = memoryUsage(sample.memory_stats);
  const limit = sample.memory_stats?.limit ?? 0;
  let rx = 0;
  let tx = 0;
  for (const network of Object.values(sample.networks ?? {})) {
    rx += network.rx_bytes;
    tx += network.tx_bytes;
  }
  let blockRead = 0;
  let blockWrite = 0;
  for (const entry of sample.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = entry.op.toLowerCase();
    if (op === 'read') blockRead += entry.value;
    else if (op === 'write') blockWrite += entry.value;
  }
  return {
    read: sample.read,
    cpuPercent: cpuPercent(sample.cpu_stats, sample.precpu_stats),
    memoryUsage: usage,
    memoryLimit: limit,
    memoryPercent: limit > 0 ? (usage / limit) * 100 : 0,
    networkRxBytes: rx,
    networkTxBytes: tx,
    blockReadBytes: blockRead,
    blockWriteBytes: blockWrite,
    pids: sample.pids_stats?.current ?? 0,
  };
}

/** The engine sends zero readings once a container has stopped. */
const isStopped = (sample: StatsWire) => !sample.read || sample.read.startsWith('0001-01-01');

const ContainerStatsRef = builder.objectRef<StatsView>('ContainerStats').implement({
  fields: (t) => ({
    read: t.field({ type: 'DateTime', resolve: (s) => s.read }),
    cpuPercent: t.exposeFloat('cpuPercent', { description: 'As docker stats computes it from cpu and precpu deltas; 100 is one CPU.' }),
    memoryUsage: t.exposeFloat('memoryUsage', { description: 'Bytes, less page cache, as docker stats shows it.' }),
    memoryLimit: t.exposeFloat('memoryLimit'),
    memoryPercent: t.exposeFloat('memoryPercent'),
    networkRxBytes: t.exposeFloat('networkRxBytes'),
    networkTxBytes: t.exposeFloat('networkTxBytes'),
    blockReadBytes: t.exposeFloat('blockReadBytes'),
    blockWriteBytes: t.exposeFloat('blockWriteBytes'),
    pids: t.exposeInt('pids'),
  }),
});

builder.objectField(ContainerRef, 'stats', (t) =>
  t.field({
    type: ContainerStatsRef,
    nullable: true,
    description: 'One sample (GET /containers/{id}/stats?stream=false); null when the container is not running.',
    resolve: async (container, _args, ctx) => {
      const loaders = ctx.loaders.of(container.engine);
      const inspect = container.inspect ?? (await loaders.inspect(container.id));
      if (!inspect.State.Running) return null;
      const sample = await loaders.limit(() => container.engine.containers.statsOnce(container.id, ctx.engineCall));
      return isStopped(sample) ? null : statsView(sample);
    },
  }),
);

builder.subscriptionField('containerStats', (t) =>
  t.field({
    type: ContainerStatsRef,
    description: 'docker stats: one sample per engine tick; completes when the container stops.',
    args: { id: t.arg.string({ required: true }) },
    subscribe: async (_root, args, ctx) => {
      const { engine, inspect } = await requireContainer(ctx, args.id);
      const samples = await ndjsonStream<StatsWire>(
        (signal) => engine.containers.stats(inspect.Id, { signal, observe: ctx.engineCall.observe }),
        ctx.engineCall.signal,
      );
      return untilStopped(samples);
    },
    resolve: (sample) => statsView(sample),
  }),
);

/** Ends the stream at the first zero reading, which is how the engine reports a stopped container. */
function untilStopped(source: AsyncIterableIterator<StatsWire>): AsyncIterableIterator<StatsWire> {
  const iterator: AsyncIterableIterator<StatsWire> = {
    async next() {
      const result = await source.next();
      if (result.done) return result;
      if (isStopped(result.value)) {
        await source.return?.();
        return { value: undefined, done: true };
      }
      return result;
    },
    async return() {
      await source.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
