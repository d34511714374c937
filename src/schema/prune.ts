// pruneContainers, pruneNetworks and pruneVolumes: on one engine only, named unless it is the only one, and what the engine says it removed.
import type { DockerClient } from '../docker/client.js';
import type { EngineFilters } from '../docker/types.js';
import { builder, type SchemaContext } from './builder.js';
import { EngineRef } from './engine.js';
import { badInput } from './errors.js';

export interface PruneAnswer {
  engine: DockerClient;
  deleted: string[];
  spaceReclaimed: number;
}

export const PruneResultRef = builder.objectRef<PruneAnswer>('PruneResult').implement({
  description: 'What a prune removed, as its engine reports it.',
  fields: (t) => ({
    engine: t.field({ type: EngineRef, resolve: (p) => p.engine }),
    deleted: t.stringList({
      description:
        'Containers and images by id (an image prune lists its layers too); networks and volumes by name. Empty when nothing matched.',
      resolve: (p) => p.deleted,
    }),
    spaceReclaimed: t.float({ description: 'Bytes given back; always 0 for networks.', resolve: (p) => p.spaceReclaimed }),
  }),
});

/** A prune removes things: it goes to the named engine, or to the only one, never to all at once by default. */
export function pruneTarget(ctx: SchemaContext, field: string, name: string | null | undefined): DockerClient {
  if (name != null) return ctx.engines.require(name);
  if (ctx.engines.single) return ctx.engines.first;
  throw badInput(`${field} removes things: name the engine to prune (one of ${ctx.engines.names.join(', ')})`);
}

/** `label` as the engine's prune filter: only what carries every label given (`key` or `key=value`). */
function labelFilter(label: readonly string[] | null | undefined): EngineFilters | undefined {
  return label?.length ? { label: [...label] } : undefined;
}

const ENGINE_ARG =
  'The engine to prune; may be left out only when one engine is configured (with several, leaving it out is BAD_USER_INPUT).';
const LABEL_ARG = 'Only what carries each of these labels ("key" or "key=value").';

builder.mutationFields((t) => ({
  pruneContainers: t.field({
    type: PruneResultRef,
    authScopes: { admin: true },
    description: `docker container prune: removes the stopped containers of one engine. ${ENGINE_ARG}`,
    args: { engine: t.arg.string(), label: t.arg.stringList({ description: LABEL_ARG }) },
    resolve: async (_root, args, ctx) => {
      const engine = pruneTarget(ctx, 'pruneContainers', args.engine);
      const answer = await engine.containers.prune(labelFilter(args.label), ctx.engineCall);
      return { engine, deleted: answer.ContainersDeleted ?? [], spaceReclaimed: answer.SpaceReclaimed ?? 0 };
    },
  }),
  pruneNetworks: t.field({
    type: PruneResultRef,
    authScopes: { admin: true },
    description: `docker network prune: removes the networks of one engine that no container uses. ${ENGINE_ARG}`,
    args: { engine: t.arg.string(), label: t.arg.stringList({ description: LABEL_ARG }) },
    resolve: async (_root, args, ctx) => {
      const engine = pruneTarget(ctx, 'pruneNetworks', args.engine);
      const answer = await engine.networks.prune(labelFilter(args.label), ctx.engineCall);
      return { engine, deleted: answer.NetworksDeleted ?? [], spaceReclaimed: 0 };
    },
  }),
  pruneVolumes: t.field({
    type: PruneResultRef,
    authScopes: { admin: true },
    description: `docker volume prune: removes the volumes of one engine that no container uses (from API 1.42 on, the engine prunes only anonymous volumes). ${ENGINE_ARG}`,
    args: { engine: t.arg.string(), label: t.arg.stringList({ description: LABEL_ARG }) },
    resolve: async (_root, args, ctx) => {
      const engine = pruneTarget(ctx, 'pruneVolumes', args.engine);
      const answer = await engine.volumes.prune(labelFilter(args.label), ctx.engineCall);
      return { engine, deleted: answer.VolumesDeleted ?? [], spaceReclaimed: answer.SpaceReclaimed ?? 0 };
    },
  }),
}));
