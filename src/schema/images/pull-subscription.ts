// Subscription.imagePull: the engine's pull progress, event by event, shared by every subscriber pulling the same reference on the same engine.
import { pullsOf } from '../../docker/image-pulls.js';
import type { ProgressWire } from '../../docker/types.js';
import { scopesFor } from '../access.js';
import { builder } from '../builder.js';
import { codedError } from '../errors.js';
import { mapFailures, mutationEngine, RegistryAuthInput, registryAuth, registryError, requireReference } from './registry.js';

const PullProgressRef = builder.objectRef<ProgressWire>('PullProgress').implement({
  description: 'One progress event of a pull, as the engine sent it.',
  fields: (t) => ({
    id: t.string({ nullable: true, description: 'The layer (or tag) the event is about.', resolve: (p) => p.id ?? null }),
    status: t.string({ description: '"Pulling fs layer", "Downloading", "Pull complete", "Status: ..."', resolve: (p) => p.status ?? '' }),
    current: t.float({ nullable: true, description: 'Bytes done.', resolve: (p) => p.progressDetail?.current ?? null }),
    total: t.float({ nullable: true, description: 'Bytes in all.', resolve: (p) => p.progressDetail?.total ?? null }),
    error: t.string({ nullable: true, resolve: (p) => p.errorDetail?.message ?? p.error ?? null }),
  }),
});

builder.subscriptionField('imagePull', (t) =>
  t.field({
    type: PullProgressRef,
    authScopes: { admin: true },
    description:
      "docker pull's progress, event by event; completes when the pull is done, and fails with the engine's error (NOT_FOUND, UNAUTHENTICATED, DOCKER_ERROR) when it ends in one. Subscribers of the same reference on the same engine share one engine pull, each from its first event.",
    args: {
      ref: t.arg.string({ required: true }),
      engine: t.arg.string({ description: 'The first configured engine by default.' }),
      registryAuth: t.arg({ type: RegistryAuthInput }),
    },
    subscribe: async (_root, args, ctx) => {
      // The scope check guards resolve, which runs per event; a pull must be refused before it starts.
      if (!scopesFor(ctx.principal).admin) {
        throw codedError('FORBIDDEN', `The role ${ctx.principal.role} may not use Subscription.imagePull`);
      }
      const reference = requireReference(args.ref);
      const engine = mutationEngine(ctx, args.engine);
      const auth = await registryAuth(reference, args.registryAuth);
      const events = pullsOf(engine.images).follow(
        { fromImage: reference.name, tag: reference.pullTag, registryAuth: auth },
        ctx.engineCall.observe,
      );
      const stop = () => void events.return();
      ctx.engineCall.signal.addEventListener('abort', stop, { once: true });
      return mapFailures(events, (error) => registryError(error, reference.registry));
    },
    resolve: (event) => event,
  }),
);
