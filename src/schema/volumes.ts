// The Volume type (with its disk usage from /system/df and the containers that mount it), Query.volumes and Query.volume.
import type { DockerClient } from '../docker/client.js';
import type { ContainerSummary, VolumeWire } from '../docker/types.js';
import { builder, type SchemaContext } from './builder.js';
import { ContainerRef } from './container.js';
import { fromSummary } from './container-view.js';
import { EngineRef } from './engine.js';
import { fanOut } from './fan-out.js';
import { LabelRef, labelPairs } from './label.js';
import { byName, engineFilters, locateOn, operationMemo, orNull } from './resource-locate.js';

/** What backs a Volume: its engine and the engine's document. */
export interface VolumeSource {
  engine: DockerClient;
  wire: VolumeWire;
}

const inspectMemo = operationMemo<VolumeWire | null>();

/** GET /volumes/{name}, once per operation per engine and name; null when the engine has no such volume. */
export function inspectVolume(ctx: SchemaContext, engine: DockerClient, name: string): Promise<VolumeWire | null> {
  return inspectMemo(ctx, engine, name, () => orNull(engine.volumes.inspect(name, ctx.engineCall)));
}

/** The volume named `name` on the named engine or whichever has it; null when none does. */
export async function findVolume(ctx: SchemaContext, name: string, engineName: string | null | undefined): Promise<VolumeSource | null> {
  const located = await locateOn(ctx, 'volume', name, engineName, (engine, bare) => inspectVolume(ctx, engine, bare));
  return located && { engine: located.engine, wire: located.found };
}

const containersMemo = operationMemo<ContainerSummary[]>();

/** Every container of the engine with its mounts: one GET /containers/json?all=1 per operation, however many volumes ask. */
function allContainers(ctx: SchemaContext, engine: DockerClient): Promise<ContainerSummary[]> {
  return containersMemo(ctx, engine, 'all', () => engine.containers.list({ all: true }, ctx.engineCall));
}

const VolumeUsageRef = builder.objectRef<{ Size: number; RefCount: number }>('VolumeUsage').implement({
  description: 'What GET /system/df says of a volume.',
  fields: (t) => ({
    size: t.float({ description: 'Bytes.', resolve: (u) => u.Size }),
    refCount: t.int({ description: 'How many containers use it.', resolve: (u) => u.RefCount }),
  }),
});

export const VolumeRef = builder.objectRef<VolumeSource>('Volume').implement({
  description: 'GET /volumes/{name}: a volume of one engine.',
  fields: (t) => ({
    name: t.string({ resolve: (v) => v.wire.Name }),
    engine: t.field({ type: EngineRef, description: 'The engine that has it.', resolve: (v) => v.engine }),
    driver: t.string({ resolve: (v) => v.wire.Driver }),
    mountpoint: t.string({ description: "Where it lives on the engine's host.", resolve: (v) => v.wire.Mountpoint }),
    scope: t.string({ description: '"local" or "global".', resolve: (v) => v.wire.Scope }),
    createdAt: t.field({ type: 'DateTime', nullable: true, resolve: (v) => v.wire.CreatedAt || null }),
    labels: t.field({ type: [LabelRef], resolve: (v) => labelPairs(v.wire.Labels) }),
    options: t.field({
      type: [LabelRef],
      description: 'The driver options it was created with.',
      resolve: (v) => labelPairs(v.wire.Options),
    }),
    usage: t.field({
      type: VolumeUsageRef,
      nullable: true,
      description:
        'From GET /system/df, asked once per operation and engine however many volumes want it; null where the engine does not say (it leaves out volumes with driver options, and says -1 while it has not measured).',
      resolve: async (v, _args, ctx) => {
        const loaders = ctx.loaders.of(v.engine);
        try {
          const df = await loaders.diskUsage();
          const usage = df.Volumes?.find((entry) => entry.Name === v.wire.Name)?.UsageData;
          return usage && usage.Size >= 0 && usage.RefCount >= 0 ? usage : null;
        } catch (error) {
          // One failed /system/df is one error for the operation, not one per volume.
          if (loaders.firstReport(error)) throw error;
          return null;
        }
      },
    }),
    containers: t.field({
      type: [ContainerRef],
      description: 'The containers of its engine that mount it, running or not.',
      resolve: async (v, _args, ctx) =>
        (await allContainers(ctx, v.engine))
          .filter((c) => (c.Mounts ?? []).some((m) => m.Type === 'volume' && m.Name === v.wire.Name))
          .map((summary) => fromSummary(v.engine, summary)),
    }),
  }),
});

const VolumeFiltersInput = builder.inputType('VolumeFilters', {
  description: "The engine's own filters: each list matches any of its values, the lists all together.",
  fields: (t) => ({
    name: t.stringList({ description: 'Part of the name.' }),
    driver: t.stringList(),
    label: t.stringList({ description: '"key" or "key=value"' }),
    dangling: t.boolean({ description: 'true: only volumes no container uses; false: only volumes in use.' }),
  }),
});

builder.queryFields((t) => ({
  volumes: t.field({
    type: [VolumeRef],
    description:
      "GET /volumes, in name order. Without engine, every engine is asked at once and the lists merged by name; an engine that fails adds one error naming it (extensions.engine) beside the others' volumes.",
    args: { filters: t.arg({ type: VolumeFiltersInput }), engine: t.arg.string({ description: 'Only this engine.' }) },
    resolve: async (_root, args, ctx, info) => {
      const { dangling, ...lists } = args.filters ?? {};
      const filters = engineFilters(lists);
      if (dangling != null) filters.dangling = [String(dangling)];
      const answers = await fanOut(ctx, info, args.engine, (engine) => engine.volumes.list(filters, ctx.engineCall));
      return answers
        .flatMap(({ engine, value }) => (value.Volumes ?? []).map((wire): VolumeSource => ({ engine, wire })))
        .sort(
          byName(
            (v) => v.wire.Name,
            (v) => v.engine,
            ctx.engines.all,
          ),
        );
    },
  }),
  volume: t.field({
    type: VolumeRef,
    nullable: true,
    description:
      'By name, on the named engine, on ENGINE/name, or on whichever engine has it; null when none does. A name on several engines is BAD_USER_INPUT naming them.',
    args: { name: t.arg.string({ required: true }), engine: t.arg.string() },
    resolve: (_root, args, ctx) => (args.name.trim() ? findVolume(ctx, args.name.trim(), args.engine) : null),
  }),
}));
