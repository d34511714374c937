// LogLine and Container.logs: the log so far, demultiplexed and split into timestamped lines; read whole within a bound, or streamed line by line under @stream.
import { GraphQLStreamDirective } from '@graphql-tools/utils';
import { getDirectiveValues, type GraphQLResolveInfo } from 'graphql';
import { eachItem } from '../docker/line-batches.js';
import { readLogLines, streamLogBatches, type LogRecord } from '../docker/log-stream.js';
import { logBound } from './answer-bounds.js';
import { builder } from './builder.js';
import { ContainerRef } from './container.js';
import { badInput } from './errors.js';
import { toUnixNanoString } from './scalars.js';

export const LogStreamEnum = builder.enumType('LogStream', {
  values: { STDOUT: { value: 'stdout' }, STDERR: { value: 'stderr' } } as const,
});

export const LogLineRef = builder.objectRef<LogRecord>('LogLine').implement({
  fields: (t) => ({
    stream: t.expose('stream', { type: LogStreamEnum }),
    timestamp: t.expose('timestamp', { type: 'DateTime' }),
    message: t.exposeString('message', { description: 'The line without its trailing newline.' }),
  }),
});

export interface LogSelection {
  stdout?: boolean | null;
  stderr?: boolean | null;
  since?: string | null;
  until?: string | null;
  tail?: number | null;
}

/** Checks the arguments and turns them into the engine's query values. */
export function logQuery(args: LogSelection) {
  if (args.tail != null && args.tail < 0) throw badInput('tail must not be negative');
  return {
    stdout: args.stdout ?? true,
    stderr: args.stderr ?? true,
    since: args.since ? toUnixNanoString(args.since) : undefined,
    until: args.until ? toUnixNanoString(args.until) : undefined,
    tail: args.tail ?? undefined,
  };
}

builder.objectField(ContainerRef, 'logs', (t) =>
  t.field({
    type: [LogLineRef],
    description:
      "docker logs --timestamps: the log so far, one entry per line. Read whole, it holds at most the gateway's bound (BAD_USER_INPUT past it); with @stream, lines are sent as they are read, in incremental payloads over multipart HTTP or SSE, with no bound and little memory on the gateway.",
    args: {
      stdout: t.arg.boolean({ defaultValue: true }),
      stderr: t.arg.boolean({ defaultValue: true }),
      since: t.arg({ type: 'DateTime' }),
      until: t.arg({ type: 'DateTime' }),
      tail: t.arg.int(),
    },
    resolve: async (container, args, ctx, info) => {
      const query = logQuery(args);
      if (!query.stdout && !query.stderr) return [];
      const inspect = container.inspect ?? (await ctx.loaders.of(container.engine).inspect(container.id));
      const body = await container.engine.containers.logs(container.id, query, ctx.engineCall);
      const stream = streamOf(info);
      if (!stream) return readLogLines(body, inspect.Config.Tty, logBound(ctx.answerBounds));
      const batches = streamLogBatches(body, inspect.Config.Tty);
      // The gateway sends a batch per chunk read; failing that, the executor takes the lines one by one.
      if (stream.initialCount === 0 && ctx.incrementalLists?.take(info, batches, 0)) return [];
      return eachItem(batches) as unknown as LogRecord[];
    },
  }),
);

/** The field's active @stream (its `if` true or absent in every place it is selected), or undefined. */
function streamOf(info: GraphQLResolveInfo): { initialCount: number } | undefined {
  let initialCount = 0;
  for (const node of info.fieldNodes) {
    const stream = getDirectiveValues(GraphQLStreamDirective, node, info.variableValues);
    if (stream?.if !== true) return undefined;
    initialCount = Math.max(initialCount, typeof stream.initialCount === 'number' ? stream.initialCount : 0);
  }
  return { initialCount };
}
