// Subscription.containerLogs and containerLogBatches: docker logs -f, history then live lines, over WebSocket or SSE.
import { eachItem, rebatch } from '../docker/line-batches.js';
import type { LogRecord } from '../docker/log-stream.js';
import { builder, type SchemaContext } from './builder.js';
import { requireContainer } from './container.js';
import { badInput } from './errors.js';
import { LogLineRef, logQuery, type LogSelection } from './logs.js';

/** Bounds for containerLogBatches' knobs. */
const MAX_BATCH_LINES = 10_000;
const MAX_BATCH_DELAY_MS = 60_000;

async function followLog(ctx: SchemaContext, args: LogSelection & { id: string }): Promise<AsyncIterableIterator<LogRecord[]>> {
  const query = logQuery(args);
  const { engine, inspect } = await requireContainer(ctx, args.id);
  return engine.logs.follow(inspect.Id, inspect.Config.Tty, { ...query, running: inspect.State.Running }, ctx.engineCall);
}

/** The arguments both log subscriptions take, as containerLogs names them. */
type SubscriptionFieldBuilder = Parameters<Parameters<typeof builder.subscriptionFields>[0]>[0];
const followArgs = (t: SubscriptionFieldBuilder) => ({
  id: t.arg.string({ required: true }),
  stdout: t.arg.boolean({ defaultValue: true }),
  stderr: t.arg.boolean({ defaultValue: true }),
  since: t.arg({ type: 'DateTime' }),
  tail: t.arg.int(),
});

builder.subscriptionFields((t) => ({
  containerLogs: t.field({
    type: LogLineRef,
    description: 'docker logs -f: history per tail/since, then live lines, one per event; completes when the container stops.',
    args: followArgs(t),
    subscribe: async (_root, args, ctx) => eachItem(await followLog(ctx, args)),
    resolve: (line) => line,
  }),
  containerLogBatches: t.field({
    type: [LogLineRef],
    description: 'The same stream in batches, for high volume: a batch goes out at maxLines lines or maxDelayMs after its first line.',
    args: {
      ...followArgs(t),
      maxLines: t.arg.int({ defaultValue: 1000 }),
      maxDelayMs: t.arg.int({ defaultValue: 50 }),
    },
    subscribe: async (_root, args, ctx) => {
      const maxLines = args.maxLines ?? 1000;
      const maxDelayMs = args.maxDelayMs ?? 50;
      if (maxLines < 1 || maxLines > MAX_BATCH_LINES) throw badInput(`maxLines must be from 1 to ${MAX_BATCH_LINES}`);
      if (maxDelayMs < 0 || maxDelayMs > MAX_BATCH_DELAY_MS) throw badInput(`maxDelayMs must be from 0 to ${MAX_BATCH_DELAY_MS}`);
      return rebatch(await followLog(ctx, args), maxLines, maxDelayMs);
    },
    resolve: (batch) => batch,
  }),
}));
