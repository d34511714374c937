// The swarm's object types (Swarm, SwarmNode, Service, Task) over a manager's lists, each task's container read from its node's engine, and Engine.swarm.
import type { DockerClient } from '../../docker/client.js';
import { NotFoundError } from '../../docker/errors.js';
import type { NodeWire, ServiceWire, TaskWire } from '../../docker/types.js';
import { builder, type SchemaContext } from '../builder.js';
import { ContainerRef } from '../container.js';
import { fromInspect } from '../container-view.js';
import { EngineRef } from '../engine.js';
import { LabelRef, labelPairs } from '../label.js';
import { nodeEngines, swarmReads } from './memo.js';
import { imageName, redactService, runningTaskCount, serviceMode } from './spec.js';

/** The swarm as its manager `engine` reports it (never its join tokens). */
export interface SwarmSource {
  engine: DockerClient;
  id: string;
  createdAt: string;
  updatedAt: string;
}

/** A swarm object with the manager engine that reported it. */
export interface Reported<T> {
  engine: DockerClient;
  wire: T;
}

export type NodeSource = Reported<NodeWire>;
export type ServiceSource = Reported<ServiceWire>;
export type TaskSource = Reported<TaskWire>;

export const SwarmRef = builder.objectRef<SwarmSource>('Swarm');
export const SwarmNodeRef = builder.objectRef<NodeSource>('SwarmNode');
export const ServiceRef = builder.objectRef<ServiceSource>('Service');
export const TaskRef = builder.objectRef<TaskSource>('Task');

const reported =
  <T>(engine: DockerClient) =>
  (wire: T): Reported<T> => ({ engine, wire });

/** The service by id from this operation's list; asked of the engine alone when the list does not have it (made since). */
async function serviceById(ctx: SchemaContext, engine: DockerClient, id: string): Promise<ServiceWire> {
  const listed = (await swarmReads(ctx, engine).services()).find((s) => s.ID === id);
  return listed ?? engine.swarm.service(id, ctx.engineCall);
}

SwarmNodeRef.implement({
  description: 'A node of the swarm, as its manager reports it (GET /nodes).',
  fields: (t) => ({
    id: t.id({ resolve: (n) => n.wire.ID }),
    hostname: t.string({ resolve: (n) => n.wire.Description?.Hostname ?? '' }),
    role: t.string({ description: '"manager" or "worker".', resolve: (n) => n.wire.Spec.Role }),
    availability: t.string({ description: '"active", "pause" or "drain".', resolve: (n) => n.wire.Spec.Availability }),
    state: t.string({ description: '"ready", "down", "unknown" or "disconnected".', resolve: (n) => n.wire.Status.State }),
    addr: t.string({ description: 'The address the manager sees it at.', resolve: (n) => n.wire.Status.Addr ?? '' }),
    managerStatus: t.string({
      nullable: true,
      description: '"leader", else the manager\'s reachability ("reachable", "unreachable", "unknown"); null on workers.',
      resolve: (n) => {
        const status = n.wire.ManagerStatus;
        if (!status) return null;
        return status.Leader ? 'leader' : status.Reachability;
      },
    }),
    engineVersion: t.string({ nullable: true, resolve: (n) => n.wire.Description?.Engine?.EngineVersion ?? null }),
    labels: t.field({
      type: [LabelRef],
      description: "The node's own labels (docker node update --label-add).",
      resolve: (n) => labelPairs(n.wire.Spec.Labels),
    }),
    engine: t.field({
      type: EngineRef,
      nullable: true,
      description:
        'The configured engine that is this node (its GET /info Swarm.NodeID); null when none is configured or it cannot be reached.',
      resolve: async (n, _args, ctx) => (await nodeEngines(ctx)).get(n.wire.ID) ?? null,
    }),
    tasks: t.field({
      type: [TaskRef],
      description: 'The tasks the manager has placed on this node, whatever their state.',
      resolve: async (n, _args, ctx) =>
        (await swarmReads(ctx, n.engine).tasks()).filter((task) => task.NodeID === n.wire.ID).map(reported(n.engine)),
    }),
  }),
});

ServiceRef.implement({
  description: 'A swarm service, as its manager reports it.',
  fields: (t) => ({
    id: t.id({ resolve: (s) => s.wire.ID }),
    engine: t.field({ type: EngineRef, description: 'The manager engine that reports it.', resolve: (s) => s.engine }),
    name: t.string({ resolve: (s) => s.wire.Spec.Name ?? '' }),
    image: t.string({
      description: "The tasks' image as docker service ls shows it, without the digest the engine may pin it to.",
      resolve: (s) => imageName(s.wire.Spec.TaskTemplate.ContainerSpec?.Image ?? ''),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (s) => s.wire.CreatedAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (s) => s.wire.UpdatedAt }),
    labels: t.field({
      type: [LabelRef],
      description: "The service's labels (not its containers').",
      resolve: (s) => labelPairs(s.wire.Spec.Labels),
    }),
    mode: t.string({
      description: '"replicated" or "global" ("replicated-job", "global-job" for jobs).',
      resolve: (s) => serviceMode(s.wire.Spec),
    }),
    replicas: t.int({
      nullable: true,
      description: 'The desired number of tasks of a replicated service; null for the other modes.',
      resolve: (s) => (serviceMode(s.wire.Spec) === 'replicated' ? (s.wire.Spec.Mode?.Replicated?.Replicas ?? 1) : null),
    }),
    runningTasks: t.int({
      description: 'Its tasks whose current state is running, as docker service ls counts them.',
      resolve: async (s, _args, ctx) => {
        const reads = swarmReads(ctx, s.engine);
        if (s.wire.ServiceStatus) return s.wire.ServiceStatus.RunningTasks;
        const listed = (await reads.services()).find((listedService) => listedService.ID === s.wire.ID);
        if (listed?.ServiceStatus) return listed.ServiceStatus.RunningTasks;
        const [tasks, nodes] = await Promise.all([reads.tasks(), reads.nodes()]);
        return runningTaskCount(s.wire, tasks, nodes);
      },
    }),
    updateState: t.string({
      nullable: true,
      description: 'The state of its last update: "updating", "completed", "paused", "rollback_started"...; null before any update.',
      resolve: (s) => s.wire.UpdateStatus?.State ?? null,
    }),
    tasks: t.field({
      type: [TaskRef],
      description: 'Every task of the service the manager still has, whatever its state (as docker service ps -a).',
      resolve: async (s, _args, ctx) =>
        (await swarmReads(ctx, s.engine).tasks()).filter((task) => task.ServiceID === s.wire.ID).map(reported(s.engine)),
    }),
    inspect: t.field({
      type: 'JSON',
      description: 'The service as the engine reports it (GET /services/{id}); a viewer sees environment values redacted.',
      resolve: (s, _args, ctx) => (ctx.principal.role === 'viewer' ? redactService(s.wire) : s.wire),
    }),
  }),
});

TaskRef.implement({
  description: "A task of a service: one slot's container on one node.",
  fields: (t) => ({
    id: t.id({ resolve: (task) => task.wire.ID }),
    engine: t.field({ type: EngineRef, description: 'The manager engine that reports it.', resolve: (task) => task.engine }),
    slot: t.int({
      nullable: true,
      description: "The replica's number; null for a global service's tasks.",
      resolve: (task) => task.wire.Slot ?? null,
    }),
    image: t.string({
      description: 'The image its container runs, without the digest the engine may pin it to.',
      resolve: (task) => imageName(task.wire.Spec.ContainerSpec?.Image ?? ''),
    }),
    desiredState: t.string({ resolve: (task) => task.wire.DesiredState }),
    state: t.string({
      description: 'Its current state: "running", "shutdown", "failed", "pending"...',
      resolve: (task) => task.wire.Status.State,
    }),
    message: t.string({ resolve: (task) => task.wire.Status.Message ?? '' }),
    error: t.string({ nullable: true, resolve: (task) => task.wire.Status.Err || null }),
    createdAt: t.field({ type: 'DateTime', resolve: (task) => task.wire.CreatedAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (task) => task.wire.UpdatedAt }),
    service: t.field({
      type: ServiceRef,
      resolve: async (task, _args, ctx) => ({ engine: task.engine, wire: await serviceById(ctx, task.engine, task.wire.ServiceID) }),
    }),
    node: t.field({
      type: SwarmNodeRef,
      nullable: true,
      description: 'Null until the task is assigned a node.',
      resolve: async (task, _args, ctx) => {
        const nodeId = task.wire.NodeID;
        if (!nodeId) return null;
        const node = (await swarmReads(ctx, task.engine).nodes()).find((n) => n.ID === nodeId);
        return node ? { engine: task.engine, wire: node } : null;
      },
    }),
    containerId: t.string({
      nullable: true,
      description: "Its container's id on its node's engine, once the node has made it.",
      resolve: (task) => task.wire.Status.ContainerStatus?.ContainerID || null,
    }),
    container: t.field({
      type: ContainerRef,
      nullable: true,
      description:
        "Its container, read from its node's engine (so inspect, top, logs and stats work across the cluster); null before it exists, after it is gone, or when no configured engine is its node.",
      resolve: async (task, _args, ctx) => {
        const containerId = task.wire.Status.ContainerStatus?.ContainerID;
        const nodeId = task.wire.NodeID;
        if (!containerId || !nodeId) return null;
        const engine = (await nodeEngines(ctx)).get(nodeId);
        if (!engine) return null;
        const inspect = await ctx.loaders.of(engine).find(containerId);
        return inspect ? fromInspect(engine, inspect) : null;
      },
    }),
  }),
});

const ServiceFiltersInput = builder.inputType('ServiceFilters', {
  fields: (t) => ({
    name: t.stringList(),
    label: t.stringList({ description: '"key" or "key=value"' }),
    mode: t.stringList({ description: '"replicated" or "global"' }),
  }),
});

const TaskFiltersInput = builder.inputType('TaskFilters', {
  fields: (t) => ({
    service: t.stringList({ description: "A service's id or name." }),
    node: t.stringList({ description: "A node's id or hostname." }),
    desiredState: t.stringList({ description: '"running", "shutdown" or "accepted"' }),
  }),
});

/** The engine's filter map from a filters input; null when nothing is filtered. */
function engineFilters(filters: Record<string, readonly string[] | null | undefined> | null | undefined, names: Record<string, string>) {
  const out: Record<string, string[]> = {};
  for (const [key, values] of Object.entries(filters ?? {})) if (values?.length) out[names[key] ?? key] = [...values];
  return Object.keys(out).length ? out : null;
}

SwarmRef.implement({
  description: 'The swarm a manager engine runs (GET /swarm); its join tokens are never shown.',
  fields: (t) => ({
    id: t.id({ resolve: (s) => s.id }),
    engine: t.field({ type: EngineRef, description: 'The manager engine asked.', resolve: (s) => s.engine }),
    createdAt: t.field({ type: 'DateTime', resolve: (s) => s.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (s) => s.updatedAt }),
    nodes: t.field({
      type: [SwarmNodeRef],
      description: 'docker node ls',
      resolve: async (s, _args, ctx) => (await swarmReads(ctx, s.engine).nodes()).map(reported(s.engine)),
    }),
    services: t.field({
      type: [ServiceRef],
      description: 'docker service ls',
      args: { filters: t.arg({ type: ServiceFiltersInput }) },
      resolve: async (s, args, ctx) => {
        const filters = engineFilters(args.filters, {});
        const services = filters ? await s.engine.swarm.services(filters, ctx.engineCall) : await swarmReads(ctx, s.engine).services();
        return services.map(reported(s.engine));
      },
    }),
    service: t.field({
      type: ServiceRef,
      nullable: true,
      description: 'By id, unique id prefix or name; null when none matches.',
      args: { id: t.arg.string({ required: true }) },
      resolve: async (s, args, ctx) => {
        try {
          return { engine: s.engine, wire: await s.engine.swarm.service(args.id, ctx.engineCall) };
        } catch (error) {
          if (error instanceof NotFoundError) return null;
          throw error;
        }
      },
    }),
    tasks: t.field({
      type: [TaskRef],
      description: 'docker service ps, over every service (or those the filters name).',
      args: { filters: t.arg({ type: TaskFiltersInput }) },
      resolve: async (s, args, ctx) => {
        const filters = engineFilters(args.filters, { desiredState: 'desired-state' });
        const tasks = filters ? await s.engine.swarm.tasks(filters, ctx.engineCall) : await swarmReads(ctx, s.engine).tasks();
        return tasks.map(reported(s.engine));
      },
    }),
  }),
});

builder.objectFields(EngineRef, (t) => ({
  swarm: t.field({
    type: SwarmRef,
    nullable: true,
    description:
      'The swarm, when this engine is a manager of one (its GET /info Swarm.ControlAvailable); null on workers and on engines outside a swarm.',
    resolve: async (engine: DockerClient, _args, ctx) => {
      const loaders = ctx.loaders.of(engine);
      let controls: boolean;
      try {
        controls = (await loaders.info()).Swarm?.ControlAvailable === true;
      } catch (error) {
        // Engine.info and the like report the same failed call once.
        if (loaders.firstReport(error)) throw error;
        return null;
      }
      if (!controls) return null;
      const swarm = await swarmReads(ctx, engine).swarm();
      return { engine, id: swarm.ID, createdAt: swarm.CreatedAt, updatedAt: swarm.UpdatedAt };
    },
  }),
}));
