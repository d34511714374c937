// The Container type, its summary fields, and the queries that find containers.
import type { PortSummary } from '../docker/types.js';
import { builder } from './builder.js';
import { fromInspect, fromSummary, type ContainerSource } from './container-view.js';
import { NotFoundError } from '../docker/errors.js';
import type { ContainerInspectWire } from '../docker/types.js';
import type { SchemaContext } from './builder.js';
import { badInput, codedError } from './errors.js';
import { ContainerInspectRef } from './inspect.js';
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
    shortId: t.string({ description: 'The first 12 characters of the id.', resolve: (c) => c.id.slice(0, 12) }),
    name: t.string({ description: 'The primary name, without its leading slash.', resolve: (c) => c.view.names[0] ?? '' }),
    names: t.stringList({ resolve: (c) => c.view.names }),
    image: t.string({
      description: 'The image as the container was created from it, or its id once that name points elsewhere (as docker ps shows it).',
      resolve: (c, _args, ctx) => (c.inspect ? listedImage(ctx, c.inspect) : c.view.image),
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
      resolve: (c, _args, ctx) => c.inspect ?? ctx.loaders.inspect(c.id),
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
    description: 'docker ps [-a]: running only unless all is true; newest first, as Docker orders them.',
    args: {
      all: t.arg.boolean({ defaultValue: false }),
      limit: t.arg.int(),
      filters: t.arg({ type: ContainerFiltersInput }),
    },
    resolve: async (_root, args, ctx) => {
      if (args.limit != null && args.limit < 0) throw badInput('limit must not be negative');
      const filters: Record<string, string[]> = {};
      for (const [key, values] of Object.entries(args.filters ?? {})) {
        if (values?.length) filters[key] = values.map(String);
      }
      const list = await ctx.docker.containers.list({ all: args.all ?? false, limit: args.limit ?? undefined, filters }, ctx.engineCall);
      return list.map(fromSummary);
    },
  }),
  container: t.field({
    type: ContainerRef,
    nullable: true,
    description: 'By full id, unique id prefix, or name (with or without the leading slash); null when none matches.',
    args: { id: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const ref = normalizeRef(args.id);
      if (!ref) return null;
      const inspect = await ctx.loaders.find(ref);
      return inspect ? fromInspect(inspect) : null;
    },
  }),
}));

/** A reference as the user wrote it, without the leading slash of a name. */
export function normalizeRef(ref: string): string {
  return ref.trim().replace(/^\//, '');
}

/** The container behind a reference, inspected; NOT_FOUND when none matches. */
export async function requireContainer(ctx: SchemaContext, ref: string): Promise<ContainerInspectWire> {
  const normalized = normalizeRef(ref);
  const inspect = normalized ? await ctx.loaders.find(normalized) : null;
  if (!inspect) throw codedError('NOT_FOUND', `No such container: ${ref}`);
  return inspect;
}

/**
 * What the engine's list shows as a container's image: the name it was created with while that
 * name still resolves to the container's image, else the image id.
 */
async function listedImage(ctx: SchemaContext, inspect: ContainerInspectWire): Promise<string> {
  const name = inspect.Config.Image;
  if (name === inspect.Image) return name;
  try {
    const image = await ctx.docker.images.inspect(name, ctx.engineCall);
    return image.Id === inspect.Image ? name : inspect.Image;
  } catch (error) {
    if (error instanceof NotFoundError) return inspect.Image;
    throw error;
  }
}
