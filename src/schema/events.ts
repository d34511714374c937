// Subscription.events: the engines' event streams (docker events), merged, each event with its engine and its container while it exists.
import type { DockerClient } from '../docker/client.js';
import { NotFoundError } from '../docker/errors.js';
import { mergeStreams, type Tagged } from '../docker/merged-streams.js';
import type { EventWire } from '../docker/types.js';
import { builder, type SchemaContext } from './builder.js';
import { EngineRef } from './engine.js';
import { ContainerRef } from './container.js';
import { fromInspect } from './container-view.js';
import { LabelRef, labelPairs } from './label.js';
import { toUnixNanoString } from './scalars.js';

const EventFiltersInput = builder.inputType('EventFilters', {
  fields: (t) => ({
    type: t.stringList({ description: 'container, image, network, volume, ...' }),
    event: t.stringList({ description: 'start, die, stop, create, destroy, ...' }),
    container: t.stringList(),
    label: t.stringList({ description: '"key" or "key=value"' }),
  }),
});

/** The engine's timeNano as RFC 3339 with nanoseconds. */
export function eventTime(event: EventWire): string {
  const nanos = BigInt(event.timeNanoText ?? Math.round(event.timeNano ?? event.time * 1e9));
  const seconds = nanos / 1_000_000_000n;
  const fraction = (nanos % 1_000_000_000n).toString().padStart(9, '0');
  return new Date(Number(seconds) * 1000).toISOString().replace('.000Z', `.${fraction}Z`);
}

/** One engine's event, with the engine it happened on. */
type EngineEvent = Tagged<DockerClient, EventWire>;

const EngineEventRef = builder.objectRef<EngineEvent>('EngineEvent').implement({
  fields: (t) => ({
    engine: t.field({ type: EngineRef, description: 'The engine it happened on.', resolve: (e) => e.from }),
    type: t.string({ description: 'container, image, network, volume, ...', resolve: (e) => e.value.Type }),
    action: t.string({ description: 'start, die, stop, create, destroy, ...', resolve: (e) => e.value.Action }),
    actorId: t.string({ resolve: (e) => e.value.Actor.ID }),
    attributes: t.field({ type: [LabelRef], resolve: (e) => labelPairs(e.value.Actor.Attributes) }),
    time: t.field({ type: 'DateTime', resolve: (e) => eventTime(e.value) }),
    container: t.field({
      type: ContainerRef,
      nullable: true,
      description: 'For container events: the container as it is now; null once it is gone.',
      // Not through the operation's loaders: a subscription lives long, and each event wants the present state.
      resolve: async ({ from: engine, value: e }, _args, ctx) => {
        if (e.Type !== 'container') return null;
        try {
          return fromInspect(engine, await engine.containers.inspect(e.Actor.ID, ctx.engineCall));
        } catch (error) {
          if (error instanceof NotFoundError) return null;
          throw error;
        }
      },
    }),
  }),
});

builder.subscriptionField('events', (t) =>
  t.field({
    type: EngineEventRef,
    description:
      "docker events: from now on, or replayed from `since`; every engine's, merged as they come, unless one is named. An engine that cannot be reached when the subscription starts, or whose stream fails, drops out and the others' events go on; the subscription fails only when every engine's stream has.",
    args: {
      filters: t.arg({ type: EventFiltersInput }),
      since: t.arg({ type: 'DateTime' }),
      engine: t.arg.string({ description: 'Only this engine.' }),
    },
    subscribe: (_root, args, ctx) => {
      const filters: Record<string, string[]> = {};
      for (const [key, values] of Object.entries(args.filters ?? {})) {
        if (values?.length) filters[key] = values.map(String);
      }
      const since = args.since ? toUnixNanoString(args.since) : undefined;
      return engineEvents(ctx, ctx.engines.select(args.engine), { filters, since });
    },
    resolve: (event) => event,
  }),
);

/** Each engine's stream opened at once; the subscription starts once every engine has answered or failed, and fails only if all failed. */
async function engineEvents(
  ctx: SchemaContext,
  engines: readonly DockerClient[],
  options: { filters: Record<string, string[]>; since: string | undefined },
): Promise<AsyncIterableIterator<EngineEvent>> {
  const { answers, misses } = await ctx.engines.settle(engines, (engine) => engine.system.events(options, ctx.engineCall));
  if (answers.length === 0) throw misses[0]?.error;
  return mergeStreams(answers.map(({ engine, value }) => ({ from: engine, stream: value })));
}
