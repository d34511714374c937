// Engine.info (GET /info) and Engine.diskUsage (GET /system/df), with what docker system df counts as reclaimable.
import type { DockerClient } from '../docker/client.js';
import type { InfoWire, SystemDfWire } from '../docker/types.js';
import { builder } from './builder.js';
import { stripSlash } from './container-view.js';
import { EngineRef } from './engine.js';

const EngineInfoRef = builder.objectRef<InfoWire>('EngineInfo').implement({
  description: 'GET /info: what docker info shows.',
  fields: (t) => ({
    name: t.string({ description: "The engine host's name.", resolve: (i) => i.Name }),
    serverVersion: t.string({ resolve: (i) => i.ServerVersion }),
    operatingSystem: t.string({ resolve: (i) => i.OperatingSystem }),
    osType: t.string({ resolve: (i) => i.OSType }),
    architecture: t.string({ resolve: (i) => i.Architecture }),
    ncpu: t.int({ resolve: (i) => i.NCPU }),
    memTotal: t.float({ description: 'Bytes.', resolve: (i) => i.MemTotal }),
    driver: t.string({ description: 'The storage driver.', resolve: (i) => i.Driver }),
    cgroupVersion: t.string({ nullable: true, resolve: (i) => i.CgroupVersion || null }),
    containers: t.int({ resolve: (i) => i.Containers }),
    containersRunning: t.int({ resolve: (i) => i.ContainersRunning }),
    containersPaused: t.int({ resolve: (i) => i.ContainersPaused }),
    containersStopped: t.int({ resolve: (i) => i.ContainersStopped }),
    images: t.int({ resolve: (i) => i.Images }),
    swarmNodeId: t.string({
      nullable: true,
      description: "This engine's node id in its swarm; null outside one.",
      resolve: (i) => i.Swarm?.NodeID || null,
    }),
    swarmState: t.string({
      description: '"inactive", "pending", "active", "error" or "locked".',
      resolve: (i) => i.Swarm?.LocalNodeState || 'inactive',
    }),
  }),
});

type DfImage = NonNullable<SystemDfWire['Images']>[number];
type DfContainer = NonNullable<SystemDfWire['Containers']>[number];
type DfVolume = NonNullable<SystemDfWire['Volumes']>[number];

const ImageUsageRef = builder.objectRef<DfImage>('ImageUsage').implement({
  fields: (t) => ({
    id: t.string({ resolve: (i) => i.Id }),
    repoTags: t.stringList({ resolve: (i) => i.RepoTags ?? [] }),
    size: t.float({ resolve: (i) => i.Size }),
    sharedSize: t.float({ resolve: (i) => i.SharedSize }),
    containers: t.int({ description: 'How many containers use it.', resolve: (i) => i.Containers }),
  }),
});

const ContainerUsageRef = builder.objectRef<DfContainer>('ContainerUsage').implement({
  fields: (t) => ({
    id: t.string({ resolve: (c) => c.Id }),
    name: t.string({ resolve: (c) => stripSlash(c.Names[0] ?? '') }),
    state: t.string({ resolve: (c) => c.State }),
    sizeRw: t.float({ description: 'Bytes written in its own layer.', resolve: (c) => c.SizeRw ?? 0 }),
    sizeRootFs: t.float({ resolve: (c) => c.SizeRootFs ?? 0 }),
  }),
});

const VolumeDiskUsageRef = builder.objectRef<DfVolume>('VolumeDiskUsage').implement({
  fields: (t) => ({
    name: t.string({ resolve: (v) => v.Name }),
    size: t.float({ description: 'Bytes; -1 when the engine does not know.', resolve: (v) => v.UsageData?.Size ?? -1 }),
    refCount: t.int({
      description: 'How many containers use it; -1 when the engine does not know.',
      resolve: (v) => v.UsageData?.RefCount ?? -1,
    }),
  }),
});

/** The RECLAIMABLE column of docker system df, summed: what a prune of each kind would give back. */
export function reclaimable(df: SystemDfWire): number {
  let imagesInUse = 0;
  for (const image of df.Images ?? []) {
    if (image.Containers > 0 && image.Size >= 0 && image.SharedSize >= 0) imagesInUse += image.Size - image.SharedSize;
  }
  const images = Math.max(0, df.LayersSize - imagesInUse);
  let containers = 0;
  for (const container of df.Containers ?? []) {
    if (container.State !== 'running' && container.State !== 'paused') containers += container.SizeRw ?? 0;
  }
  let volumes = 0;
  for (const volume of df.Volumes ?? []) {
    if (volume.UsageData && volume.UsageData.RefCount === 0 && volume.UsageData.Size > 0) volumes += volume.UsageData.Size;
  }
  let buildCache = 0;
  for (const entry of df.BuildCache ?? []) if (!entry.InUse && !entry.Shared) buildCache += entry.Size;
  return images + containers + volumes + buildCache;
}

const DiskUsageRef = builder.objectRef<SystemDfWire>('DiskUsage').implement({
  description: 'GET /system/df: what docker system df -v shows.',
  fields: (t) => ({
    layersSize: t.float({ description: 'Bytes the image layers take.', resolve: (d) => d.LayersSize }),
    images: t.field({ type: [ImageUsageRef], resolve: (d) => d.Images ?? [] }),
    containers: t.field({ type: [ContainerUsageRef], resolve: (d) => d.Containers ?? [] }),
    volumes: t.field({
      type: [VolumeDiskUsageRef],
      description: 'The engine lists only volumes without driver options here.',
      resolve: (d) => d.Volumes ?? [],
    }),
    buildCacheSize: t.float({
      description: 'Bytes the build cache takes, shared entries not counted.',
      resolve: (d) => (d.BuildCache ?? []).reduce((sum, entry) => sum + (entry.Shared ? 0 : entry.Size), 0),
    }),
    reclaimable: t.float({
      description:
        "Bytes a prune would give back: the sum of docker system df's RECLAIMABLE column (images no container uses, containers not running, volumes no container references, build cache not in use).",
      resolve: (d) => reclaimable(d),
    }),
  }),
});

builder.objectFields(EngineRef, (t) => ({
  info: t.field({
    type: EngineInfoRef,
    nullable: true,
    description: 'GET /info; null, with an error, while the engine cannot be reached.',
    resolve: (engine: DockerClient, _args, ctx) => ctx.loaders.of(engine).info(),
  }),
  diskUsage: t.field({
    type: DiskUsageRef,
    nullable: true,
    description: 'GET /system/df; null, with an error, while the engine cannot be reached.',
    resolve: (engine: DockerClient, _args, ctx) => ctx.loaders.of(engine).diskUsage(),
  }),
}));
