// One operation's swarm reads, per manager engine: the nodes, services and tasks lists asked once however many fields want them, and the node-to-engine matching.
import type { DockerClient } from '../../docker/client.js';
import type { NodeWire, ServiceWire, SwarmWire, TaskWire } from '../../docker/types.js';
import type { SchemaContext } from '../builder.js';

export interface SwarmReads {
  /** GET /swarm. */
  swarm(): Promise<SwarmWire>;
  /** GET /nodes. */
  nodes(): Promise<NodeWire[]>;
  /** GET /services?status=1, every service with its running and desired counts. */
  services(): Promise<ServiceWire[]>;
  /** GET /tasks, every task of the swarm. */
  tasks(): Promise<TaskWire[]>;
}

interface OperationMemo {
  perEngine: Map<DockerClient, SwarmReads>;
  nodeEngines?: Promise<Map<string, DockerClient>>;
}

const memos = new WeakMap<SchemaContext, OperationMemo>();

function memoOf(ctx: SchemaContext): OperationMemo {
  let memo = memos.get(ctx);
  if (!memo) {
    memo = { perEngine: new Map() };
    memos.set(ctx, memo);
  }
  return memo;
}

function once<T>(read: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= read());
}

/** The swarm lists of this manager engine, read once per operation. */
export function swarmReads(ctx: SchemaContext, engine: DockerClient): SwarmReads {
  const memo = memoOf(ctx);
  let reads = memo.perEngine.get(engine);
  if (!reads) {
    const call = ctx.engineCall;
    reads = {
      swarm: once(() => engine.swarm.inspect(call)),
      nodes: once(() => engine.swarm.nodes(undefined, call)),
      services: once(() => engine.swarm.services(undefined, call)),
      tasks: once(() => engine.swarm.tasks(undefined, call)),
    };
    memo.perEngine.set(engine, reads);
  }
  return reads;
}

/** After a mutation: what this operation read of the engine's swarm is forgotten, so the answer is what the engine reports now. */
export function forgetSwarmReads(ctx: SchemaContext, engine: DockerClient): void {
  memoOf(ctx).perEngine.delete(engine);
}

/**
 * Node id to the configured engine that is that node, by each engine's GET /info `Swarm.NodeID`
 * (asked once per operation through the engine's loaders); engines that cannot be reached are simply not matched.
 */
export function nodeEngines(ctx: SchemaContext): Promise<Map<string, DockerClient>> {
  const memo = memoOf(ctx);
  memo.nodeEngines ??= ctx.engines
    .settle(ctx.engines.all, (engine) => ctx.loaders.of(engine).info())
    .then(({ answers }) => {
      const byNode = new Map<string, DockerClient>();
      for (const { engine, value } of answers) {
        const nodeId = value.Swarm?.NodeID;
        if (nodeId && !byNode.has(nodeId)) byNode.set(nodeId, engine);
      }
      return byNode;
    });
  return memo.nodeEngines;
}
