// Subscription.serviceLogs: docker service logs -f, every task's lines with the task and node that wrote them.
import { eachItem } from '../../docker/line-batches.js';
import type { ServiceLogRecord } from '../../docker/swarm.js';
import { builder } from '../builder.js';
import { badInput } from '../errors.js';
import { LogStreamEnum } from '../logs.js';
import { toUnixNanoString } from '../scalars.js';
import { managerEngine } from './manager.js';

const ServiceLogLineRef = builder.objectRef<ServiceLogRecord>('ServiceLogLine').implement({
  description: "One line of a service's log.",
  fields: (t) => ({
    stream: t.expose('stream', { type: LogStreamEnum }),
    timestamp: t.expose('timestamp', { type: 'DateTime' }),
    message: t.exposeString('message', { description: 'The line without its trailing newline.' }),
    taskId: t.string({ nullable: true, description: 'The task that wrote it.', resolve: (line) => line.taskId || null }),
    nodeId: t.string({ nullable: true, description: 'The node its task runs on.', resolve: (line) => line.nodeId || null }),
  }),
});

builder.subscriptionFields((t) => ({
  serviceLogs: t.field({
    type: ServiceLogLineRef,
    description:
      "docker service logs -f: every task's history per tail/since, then live lines; lines are in order within a task, not across tasks.",
    args: {
      id: t.arg.string({ required: true, description: 'Id, unique id prefix or name.' }),
      tail: t.arg.int({ description: 'The last this many lines of each task.' }),
      since: t.arg({ type: 'DateTime' }),
      engine: t.arg.string({ description: 'The manager to ask; the first configured manager by default.' }),
    },
    subscribe: async (_root, args, ctx) => {
      if (args.tail != null && args.tail < 0) throw badInput('tail must not be negative');
      const engine = await managerEngine(ctx, args.engine);
      const lines = await engine.swarm.serviceLogs(
        args.id,
        { follow: true, tail: args.tail ?? undefined, since: args.since ? toUnixNanoString(args.since) : undefined },
        ctx.engineCall,
      );
      return eachItem(lines);
    },
    resolve: (line) => line,
  }),
}));
