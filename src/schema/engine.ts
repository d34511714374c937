// The Engine type (one per configured engine: GET /_ping, /version), Query.engines and Query.engine.
import type { DockerClient } from '../docker/client.js';
import type { VersionWire } from '../docker/types.js';
import { builder, type SchemaContext } from './builder.js';
import { codedError } from './errors.js';

/**
 * A field of the engine's /version, asked once per operation however many fields want it. While
 * the engine cannot be reached the fields are null and the operation gets one error for the engine,
 * not one per field.
 */
const fromVersion =
  <T>(pick: (version: VersionWire) => T) =>
  async (engine: DockerClient, _args: unknown, ctx: SchemaContext): Promise<T | null> => {
    const loaders = ctx.loaders.of(engine);
    try {
      return pick(await loaders.version());
    } catch (error) {
      if (loaders.firstReport(error)) throw error;
      return null;
    }
  };

export const EngineRef = builder.objectRef<DockerClient>('Engine').implement({
  description:
    'One configured Docker engine. Its version fields are null while it cannot be reached, and the operation gets one error for it.',
  fields: (t) => ({
    name: t.string({ description: 'The name it is configured under; `local` when only one engine is configured.', resolve: (e) => e.name }),
    reachable: t.boolean({
      description: 'Whether it answered /_ping within the call timeout.',
      resolve: (e, _args, ctx) =>
        ctx.loaders
          .of(e)
          .ping()
          .then(
            () => true,
            () => false,
          ),
    }),
    version: t.string({ nullable: true, resolve: fromVersion((v) => v.Version) }),
    apiVersion: t.string({ nullable: true, resolve: fromVersion((v) => v.ApiVersion) }),
    minApiVersion: t.string({ nullable: true, resolve: fromVersion((v) => v.MinAPIVersion ?? null) }),
    os: t.string({ nullable: true, resolve: fromVersion((v) => v.Os) }),
    arch: t.string({ nullable: true, resolve: fromVersion((v) => v.Arch) }),
    kernelVersion: t.string({ nullable: true, resolve: fromVersion((v) => v.KernelVersion) }),
  }),
});

builder.queryFields((t) => ({
  engines: t.field({
    type: [EngineRef],
    description: 'Every configured engine, reachable or not, in the order configured.',
    resolve: (_root, _args, ctx) => ctx.engines.all,
  }),
  engine: t.field({
    type: EngineRef,
    description: 'The named engine; the first configured one when no name is given (GET /version).',
    args: { name: t.arg.string() },
    resolve: (_root, args, ctx) => {
      if (args.name == null) return ctx.engines.first;
      const engine = ctx.engines.get(args.name);
      if (!engine) throw codedError('NOT_FOUND', `No engine is named "${args.name}"; the engines are ${ctx.engines.names.join(', ')}`);
      return engine;
    },
  }),
}));
