// The Image type, its layers, and the queries that find images (docker images, docker image inspect, docker history).
import type { DockerClient } from '../../docker/client.js';
import type { ContainerSummary, ImageConfigWire, ImageHistoryWire, ImageInspectWire, ImageSummaryWire } from '../../docker/types.js';
import { redactEnv } from '../access.js';
import { builder, type SchemaContext } from '../builder.js';
import { ContainerRef } from '../container.js';
import { fromSummary } from '../container-view.js';
import { EngineRef } from '../engine.js';
import { fanOut } from '../fan-out.js';
import { LabelRef, labelPairs } from '../label.js';

/** An image of one engine, from its list entry or its inspect document. */
export interface ImageSource {
  engine: DockerClient;
  id: string;
  repoTags: string[];
  repoDigests: string[];
  createdAt: string;
  size: number;
  labels: Record<string, string> | null;
  /** Present when the image came from an inspect; else asked for when wanted. */
  inspect?: ImageInspectWire;
}

/** Unix seconds as RFC 3339, as the container fields write them. */
const fromUnix = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

/** The engine lists an untagged image with `<none>:<none>`; the contract's lists leave such entries out. */
const realNames = (names: string[] | null | undefined, none: string) => (names ?? []).filter((name) => name !== none);

export function imageFromSummary(engine: DockerClient, summary: ImageSummaryWire): ImageSource {
  return {
    engine,
    id: summary.Id,
    repoTags: realNames(summary.RepoTags, '<none>:<none>'),
    repoDigests: realNames(summary.RepoDigests, '<none>@<none>'),
    createdAt: fromUnix(summary.Created),
    size: summary.Size,
    labels: summary.Labels,
  };
}

export function imageFromInspect(engine: DockerClient, inspect: ImageInspectWire): ImageSource {
  return {
    engine,
    id: inspect.Id,
    repoTags: inspect.RepoTags ?? [],
    repoDigests: inspect.RepoDigests ?? [],
    createdAt: inspect.Created,
    size: inspect.Size,
    labels: inspect.Config?.Labels ?? null,
    inspect,
  };
}

/** Each engine's containers (all of them), listed once per operation however many images ask. */
const containerLists = new WeakMap<SchemaContext, Map<DockerClient, Promise<ContainerSummary[]>>>();

function containersOf(ctx: SchemaContext, engine: DockerClient): Promise<ContainerSummary[]> {
  let lists = containerLists.get(ctx);
  if (!lists) {
    lists = new Map();
    containerLists.set(ctx, lists);
  }
  let list = lists.get(engine);
  if (!list) {
    list = engine.containers.list({ all: true }, ctx.engineCall);
    lists.set(engine, list);
  }
  return list;
}

/** Config.Env and ContainerConfig.Env as `KEY=***`: an image's environment may hold what a container's does. */
function redactedInspect(inspect: ImageInspectWire): ImageInspectWire {
  const redact = (config: ImageConfigWire | null | undefined) => (config?.Env ? { ...config, Env: redactEnv(config.Env) } : config);
  return {
    ...inspect,
    Config: redact(inspect.Config) ?? null,
    ContainerConfig: redact(inspect.ContainerConfig),
  };
}

const ImageLayerRef = builder.objectRef<ImageHistoryWire>('ImageLayer').implement({
  description: 'One line of docker history, newest first.',
  fields: (t) => ({
    id: t.string({
      nullable: true,
      description: 'The layer image id; null for layers built elsewhere (the engine says `<missing>`).',
      resolve: (l) => (l.Id && l.Id !== '<missing>' ? l.Id : null),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (l) => fromUnix(l.Created) }),
    createdBy: t.string({ resolve: (l) => l.CreatedBy }),
    size: t.float({ description: 'Bytes.', resolve: (l) => l.Size }),
    tags: t.stringList({ resolve: (l) => l.Tags ?? [] }),
    comment: t.string({ resolve: (l) => l.Comment }),
  }),
});

export const ImageRef = builder.objectRef<ImageSource>('Image').implement({
  fields: (t) => ({
    id: t.exposeID('id', { description: 'As the engine writes it: "sha256:...".' }),
    shortId: t.string({ description: 'The 12 hex characters after "sha256:".', resolve: (i) => i.id.replace(/^sha256:/, '').slice(0, 12) }),
    engine: t.field({ type: EngineRef, description: 'The engine that holds it.', resolve: (i) => i.engine }),
    repoTags: t.stringList({ resolve: (i) => i.repoTags }),
    repoDigests: t.stringList({ resolve: (i) => i.repoDigests }),
    createdAt: t.field({ type: 'DateTime', resolve: (i) => i.createdAt }),
    size: t.float({ description: 'Bytes.', resolve: (i) => i.size }),
    labels: t.field({ type: [LabelRef], resolve: (i) => labelPairs(i.labels) }),
    containers: t.field({
      type: [ContainerRef],
      description: 'Every container created from it, on its engine, running or not.',
      resolve: async (i, _args, ctx) =>
        (await containersOf(ctx, i.engine)).filter((c) => c.ImageID === i.id).map((c) => fromSummary(i.engine, c)),
    }),
    history: t.field({
      type: [ImageLayerRef],
      description: 'GET /images/{name}/history',
      resolve: (i, _args, ctx) => i.engine.images.history(i.id, ctx.engineCall),
    }),
    inspect: t.field({
      type: 'JSON',
      description: 'GET /images/{name}/json, whole; a viewer sees environment values redacted.',
      resolve: async (i, _args, ctx) => {
        const inspect = i.inspect ?? (await i.engine.images.inspect(i.id, ctx.engineCall));
        return ctx.principal.role === 'viewer' ? redactedInspect(inspect) : inspect;
      },
    }),
  }),
});

const ImageFiltersInput = builder.inputType('ImageFilters', {
  fields: (t) => ({
    reference: t.stringList({ description: '"busybox", "busybox:1.*", "*/busybox"' }),
    label: t.stringList({ description: '"key" or "key=value"' }),
    dangling: t.boolean({ description: 'true: only untagged images; false: only tagged ones.' }),
  }),
});

builder.queryFields((t) => ({
  images: t.field({
    type: [ImageRef],
    description: "docker images: every engine's, unless one is named; newest first within each engine.",
    args: {
      all: t.arg.boolean({ defaultValue: false, description: 'The intermediate images too, as docker images -a.' }),
      filters: t.arg({ type: ImageFiltersInput }),
      engine: t.arg.string(),
    },
    resolve: async (_root, args, ctx, info) => {
      const filters: Record<string, string[]> = {};
      if (args.filters?.reference?.length) filters.reference = args.filters.reference;
      if (args.filters?.label?.length) filters.label = args.filters.label;
      if (args.filters?.dangling != null) filters.dangling = [String(args.filters.dangling)];
      const parts = await fanOut(ctx, info, args.engine, (engine) =>
        engine.images.list({ all: args.all ?? false, filters }, ctx.engineCall),
      );
      return parts.flatMap(({ engine, value }) => value.map((summary) => imageFromSummary(engine, summary)));
    },
  }),
  image: t.field({
    type: ImageRef,
    nullable: true,
    description:
      'An image by id, unique id prefix or repo:tag: on the named engine, else on every engine, the first configured engine that has it winning. Null when none has it.',
    args: { ref: t.arg.string({ required: true }), engine: t.arg.string() },
    resolve: async (_root, args, ctx) => {
      if (!args.ref.trim()) return null;
      const engines = ctx.engines.select(args.engine);
      const { answers, misses } = await ctx.engines.settle(engines, (engine) => engine.images.find(args.ref, ctx.engineCall));
      const hit = answers.find((answer) => answer.value !== null);
      if (hit?.value) return imageFromInspect(hit.engine, hit.value);
      // Not found where it could be asked; an engine that could not be asked may have it.
      if (misses[0]) throw misses[0].error;
      return null;
    },
  }),
}));
