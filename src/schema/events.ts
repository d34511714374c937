// Subscription.events: the engine's event stream (docker events), each with its container while it exists.
import { NotFoundError } from '../docker/errors.js';
import type { EventWire } from '../docker/types.js';
import { builder } from './builder.js';
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

const EngineEventRef = builder.objectRef<EventWire>('EngineEvent').implement({
  fields: (t) => ({
    type: t.string({ description: 'container, image, network, volume, ...', resolve: (e) => e.Type }),
    action: t.string({ description: 'start, die, stop, create, destroy, ...', resolve: (e) => e.Action }),
    actorId: t.string({ resolve: (e) => e.Actor.ID }),
    attributes: t.field({ type: [LabelRef], resolve: (e) => labelPairs(e.Actor.Attributes) }),
    time: t.field({ type: 'DateTime', resolve: (e) => eventTime(e) }),
    container: t.field({
      type: ContainerRef,
      nullable: true,
      description: 'For container events: the container as it is now; null once it is gone.',
      // Not through the operation's loaders: a subscription lives long, and each event wants the present state.
      resolve: async (e, _args, ctx) => {
        if (e.Type !== 'container') return null;
        try {
          return fromInspect(await ctx.docker.containers.inspect(e.Actor.ID, ctx.engineCall));
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
    description: 'docker events: from now on, or replayed from `since`.',
    args: { filters: t.arg({ type: EventFiltersInput }), since: t.arg({ type: 'DateTime' }) },
    subscribe: (_root, args, ctx) => {
      const filters: Record<string, string[]> = {};
      for (const [key, values] of Object.entries(args.filters ?? {})) {
        if (values?.length) filters[key] = values.map(String);
      }
      const since = args.since ? toUnixNanoString(args.since) : undefined;
      return ctx.docker.system.events({ filters, since }, ctx.engineCall);
    },
    resolve: (event) => event,
  }),
);
