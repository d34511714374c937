// The image mutations: pull, push, tag, remove, prune (admin only: each changes what an engine holds or a registry serves).
import type { DockerClient } from '../../docker/client.js';
import { EngineFailure, NotFoundError } from '../../docker/errors.js';
import { pullLineError, pullsOf } from '../../docker/image-pulls.js';
import type { ImageReference } from '../../docker/registry-auth.js';
import type { ProgressWire } from '../../docker/types.js';
import { builder, type SchemaContext } from '../builder.js';
import { badInput } from '../errors.js';
import { PruneResultRef, pruneTarget } from '../prune.js';
import { ImageRef, type ImageSource, imageFromInspect } from './image.js';
import { mutationEngine, RegistryAuthInput, registryAuth, registryError, requireReference } from './registry.js';

const ImageDeleteItemRef = builder.objectRef<{ Untagged?: string; Deleted?: string }>('ImageDeleteItem').implement({
  fields: (t) => ({
    untagged: t.string({ nullable: true, resolve: (i) => i.Untagged ?? null }),
    deleted: t.string({ nullable: true, resolve: (i) => i.Deleted ?? null }),
  }),
});

/** `name:tag`, or `name@digest` for a pinned reference. */
export const pulledName = (reference: ImageReference) =>
  reference.digest ? `${reference.name}@${reference.digest}` : `${reference.name}:${reference.tag}`;

/**
 * Pulls on the engine (sharing a pull of the same reference already under way) and waits for its
 * end; answers the pulled image. The operation's signal stops following it.
 */
export async function pullAndWait(
  ctx: SchemaContext,
  engine: DockerClient,
  reference: ImageReference,
  credentials: Parameters<typeof registryAuth>[1],
): Promise<ImageSource> {
  const auth = await registryAuth(reference, credentials);
  const events = pullsOf(engine.images).follow(
    { fromImage: reference.name, tag: reference.pullTag, registryAuth: auth },
    ctx.engineCall.observe,
  );
  const signal = ctx.engineCall.signal;
  const stop = () => void events.return();
  signal.addEventListener('abort', stop, { once: true });
  try {
    for await (const _event of events) {
      // The progress is the subscription's business; the mutation waits for the end.
    }
  } catch (error) {
    throw registryError(error, reference.registry);
  } finally {
    signal.removeEventListener('abort', stop);
  }
  if (signal.aborted) throw signal.reason;
  return imageFromInspect(engine, await engine.images.inspect(pulledName(reference), ctx.engineCall));
}

/** The digest a push reported in its aux line, or its error line as an error. */
async function pushDigest(lines: AsyncIterable<ProgressWire>): Promise<string> {
  let digest: string | undefined;
  for await (const line of lines) {
    if (line.error || line.errorDetail) throw pullLineError(line);
    if (line.aux?.Digest) digest = line.aux.Digest;
  }
  if (!digest) throw new EngineFailure('The push ended without reporting a digest', 502);
  return digest;
}

builder.mutationFields((t) => ({
  pullImage: t.field({
    type: ImageRef,
    authScopes: { admin: true },
    description:
      'docker pull; returns when the pull is done. A pull of the same reference under way on the engine is joined, not repeated. A reference without a tag pulls :latest.',
    args: {
      ref: t.arg.string({ required: true }),
      engine: t.arg.string({ description: 'The first configured engine by default.' }),
      registryAuth: t.arg({ type: RegistryAuthInput }),
    },
    resolve: (_root, args, ctx) => {
      const reference = requireReference(args.ref);
      return pullAndWait(ctx, mutationEngine(ctx, args.engine), reference, args.registryAuth);
    },
  }),
  pushImage: t.field({
    type: 'String',
    authScopes: { admin: true },
    description: 'docker push; answers the pushed digest. A reference without a tag pushes :latest.',
    args: {
      ref: t.arg.string({ required: true }),
      engine: t.arg.string({ description: 'The first configured engine by default.' }),
      registryAuth: t.arg({ type: RegistryAuthInput }),
    },
    resolve: async (_root, args, ctx) => {
      const reference = requireReference(args.ref);
      if (reference.digest) throw badInput('push takes a repository[:tag], not a digest');
      const engine = mutationEngine(ctx, args.engine);
      const auth = await registryAuth(reference, args.registryAuth);
      try {
        const lines = await engine.images.push({ name: reference.name, tag: reference.tag, registryAuth: auth }, ctx.engineCall);
        return await pushDigest(lines);
      } catch (error) {
        throw registryError(error, reference.registry);
      }
    },
  }),
  tagImage: t.field({
    type: ImageRef,
    authScopes: { admin: true },
    description: 'docker tag; answers the image under its new name.',
    args: {
      ref: t.arg.string({ required: true, description: 'An id, id prefix or repo:tag.' }),
      repo: t.arg.string({ required: true }),
      tag: t.arg.string({ defaultValue: 'latest' }),
      engine: t.arg.string({ description: 'The first configured engine by default.' }),
    },
    resolve: async (_root, args, ctx) => {
      const tag = args.tag ?? 'latest';
      const target = requireReference(`${args.repo}:${tag}`);
      if (!args.ref.trim()) throw badInput('ref must not be empty');
      const engine = mutationEngine(ctx, args.engine);
      await engine.images.tag(args.ref, target.name, tag, ctx.engineCall);
      return imageFromInspect(engine, await engine.images.inspect(`${target.name}:${tag}`, ctx.engineCall));
    },
  }),
  removeImage: t.field({
    type: [ImageDeleteItemRef],
    authScopes: { admin: true },
    description: 'docker rmi; answers what the engine untagged and deleted. An image a container uses is a CONFLICT unless forced.',
    args: {
      ref: t.arg.string({ required: true }),
      force: t.arg.boolean({ defaultValue: false }),
      noPrune: t.arg.boolean({ defaultValue: false, description: 'Keep untagged parents.' }),
      engine: t.arg.string({ description: 'The first configured engine by default.' }),
    },
    resolve: async (_root, args, ctx) => {
      if (!args.ref.trim()) throw new NotFoundError('No such image: (empty reference)');
      const engine = mutationEngine(ctx, args.engine);
      return engine.images.remove(args.ref, { force: args.force ?? false, noPrune: args.noPrune ?? false }, ctx.engineCall);
    },
  }),
  pruneImages: t.field({
    type: PruneResultRef,
    authScopes: { admin: true },
    description:
      'docker image prune: untagged images no container uses; with dangling: false, every image no container uses (docker image prune -a).',
    args: {
      dangling: t.arg.boolean({ defaultValue: true }),
      engine: t.arg.string({
        description:
          'The engine to prune; may be left out only when one engine is configured (with several, leaving it out is BAD_USER_INPUT).',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const engine = pruneTarget(ctx, 'pruneImages', args.engine);
      const answer = await engine.images.prune({ dangling: [String(args.dangling ?? true)] }, ctx.engineCall);
      const deleted = (answer.ImagesDeleted ?? []).flatMap((item) => (item.Deleted ? [item.Deleted] : []));
      return { engine, deleted, spaceReclaimed: answer.SpaceReclaimed };
    },
  }),
}));
