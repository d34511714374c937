// The Container type, its summary fields, and the queries that find containers.
import type { DockerClient } from '../docker/client.js';
import type { PortSummary } from '../docker/types.js';
import { builder } from './builder.js';
import { fromInspect, fromSummary, type ContainerSource } from './container-view.js';
import { NotFoundError } from '../docker/errors.js';
import type { ContainerInspectWire } from '../docker/types.js';
import type { SchemaContext } from './builder.js';
import { badInput, codedError } from './errors.js';
import { EngineRef } from './engine.js';
import { fanOut } from './fan-out.js';
import { ContainerInspectRef } from './inspect.js';
import type { LocatedContainer } from './loaders.js';
import { LabelRef, labelPairs } from './label.js';

export const ContainerStateEnum = builder.enumType('ContainerState', {
  values: {
    CREATED: { value: 'created' },
    RUNNING: { value: 'running' },
    PAUSED: { value: 'paused' },
    RESTARTING: { value: 'restarting' },
    REMOVING: { value: 'removing' },
    EXITED: { value: 'exited' },
    DEAD: { value: 'dead' },
  } as const,
});

const PortRef = builder.objectRef<PortSummary>('Port').implement({
  fields: (t) => ({
    ip: t.string({ nullable: true, resolve: (p) => p.IP ?? null }),
    privatePort: t.int({ resolve: (p) => p.PrivatePort }),
    publicPort: t.int({ nullable: true, resolve: (p) => p.PublicPort ?? null }),
    type: t.string({ resolve: (p) => p.Type }),
  }),
});

export const ContainerRef = builder.objectRef<ContainerSource>('Container').implement({
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The full 64-hex Docker id.' }),
    engine: t.field({ type: EngineRef, description: 'The engine that runs it.', resolve: (c) => c.engine }),
    shortId: t.string({ description: 'The first 12 characters of the id.', resolve: (c) => c.id.slice(0, 12) }),
    name: t.string({ description: 'The primary name, without its leading slash.', resolve: (c) => c.view.names[0] ?? '' }),
    names: t.stringList({ resolve: (c) => c.view.names }),
    image: t.string({
      description: 'The image as the container was created from it, or its id once that name points elsewhere (as docker ps shows it).',
      resolve: (c, _args, ctx) => (c.inspect ? listedImage(ctx, c.engine, c.inspect) : c.view.image),
    }),
    imageId: t.string({ resolve: (c) => c.view.imageId }),
    command: t.string({ resolve: (c) => c.view.command }),
    createdAt: t.field({ type: 'DateTime', resolve: (c) => c.view.createdAt }),
    state: t.field({ type: ContainerStateEnum, resolve: (c) => c.view.state as typeof ContainerStateEnum.$inferType }),
    status: t.string({ description: 'Docker\'s human text, e.g. "Up 2 minutes".', resolve: (c) => c.view.status }),
    labels: t.field({ type: [LabelRef], resolve: (c) => labelPairs(c.view.labels) }),
    ports: t.field({ type: [PortRef], resolve: (c) => c.view.ports }),
    inspect: t.field({
      type: ContainerInspectRef,
      description: 'GET /containers/{id}/json',
      resolve: (c, _args, ctx) => c.inspect ?? ctx.loaders.of(c.engine).inspect(c.id),
    }),
    exportUrl: t.string({
      description: "The gateway path that streams this container's filesystem as a tar.",
      resolve: (c) => `/containers/${c.id}/export`,
    }),
  }),
});

const ContainerFiltersInput = builder.inputType('ContainerFilters', {
  fields: (t) => ({
    id: t.stringList(),
    name: t.stringList(),
    label: t.stringList({ description: '"key" or "key=value"' }),
    status: t.field({ type: [ContainerStateEnum] }),
    ancestor: t.stringList(),
  }),
});

builder.queryFields((t) => ({
  containers: t.field({
    type: [ContainerRef],
    description:
      "docker ps [-a]: running only unless all is true; newest first, as Docker orders them. Without engine, every engine is asked at once and the lists merged newest first; an engine that fails adds one DOCKER_UNAVAILABLE error naming it (extensions.engine) beside the others' containers.",
    args: {
      all: t.arg.boolean({ defaultValue: false }),
      limit: t.arg.int(),
      filters: t.arg({ type: ContainerFiltersInput }),
      engine: t.arg.string({ description: 'Only this engine.' }),
    },
    resolve: async (_root, args, ctx, info) => {
      if (args.limit != null && args.limit < 0) throw badInput('limit must not be negative');
      const filters: Record<string, string[]> = {};
      for (const [key, values] of Object.entries(args.filters ?? {})) {
        if (values?.length) filters[key] = values.map(String);
      }
      const options = { all: args.all ?? false, limit: args.limit ?? undefined, filters };
      const answers = await fanOut(ctx, info, args.engine, (engine) => engine.containers.list(options, ctx.engineCall));
      if (answers.length === 1) return (answers[0]?.value ?? []).map((summary) => fromSummary(answers[0]!.engine, summary));
      const merged = answers
        .flatMap(({ engine, value }) => value.map((summary) => fromSummary(engine, summary)))
        .sort((a, b) => (b.view.createdAt < a.view.createdAt ? -1 : b.view.createdAt > a.view.createdAt ? 1 : 0));
      return args.limit != null && args.limit > 0 ? merged.slice(0, args.limit) : merged;
    },
  }),
  container: t.field({
    type: ContainerRef,
    nullable: true,
    description:
      'By full id, unique id prefix, or name (with or without the leading slash), on whichever engine has it, or on one engine as ENGINE/idOrName; null when none matches. A bare name or prefix that matches on several engines is BAD_USER_INPUT.',
    args: { id: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const ref = normalizeRef(args.id);
      if (!ref) return null;
      const located = await ctx.loaders.locate(ref);
      return located ? fromInspect(located.engine, located.inspect) : null;
    },
  }),
}));

/** A reference as the user wrote it, without the leading slash of a name. */
export function normalizeRef(ref: string): string {
  return ref.trim().replace(/^\//, '');
}

/** The container behind a reference (`web`, an id, `edge/web`), inspected, with its engine; NOT_FOUND when none matches. */
export async function requireContainer(ctx: SchemaContext, ref: string): Promise<LocatedContainer> {
  const normalized = normalizeRef(ref);
  const located = normalized ? await ctx.loaders.locate(normalized) : null;
  if (!located) throw codedError('NOT_FOUND', `No such container: ${ref}`);
  return located;
}

/**
 * What the engine's list shows as a container's image: the name it was created with while that
 * name still resolves to the container's image, else the image id.
 */
async function listedImage(ctx: SchemaContext, engine: DockerClient, inspect: ContainerInspectWire): Promise<string> {
  const name = inspect.Config.Image;
  if (name === inspect.Image) return name;
  try {
    const image = await engine.images.inspect(name, ctx.engineCall);
    return image.Id === inspect.Image ? name : inspect.Image;
  } catch (error) {
    if (error instanceof NotFoundError) return inspect.Image;
    throw error;
  }
}
