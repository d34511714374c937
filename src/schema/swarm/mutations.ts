// createService, scaleService, updateService, removeService: on the named manager or the first configured one; token mode's bind policy before any engine call.
import type { DockerClient } from '../../docker/client.js';
import type { ServiceSpecWire } from '../../docker/types.js';
import { builder, type SchemaContext } from '../builder.js';
import { LabelInput } from '../container-mutations.js';
import { bindPathRefusal } from '../create-policy.js';
import { codedError } from '../errors.js';
import { managerEngine } from './manager.js';
import { forgetSwarmReads, swarmReads } from './memo.js';
import { createServiceSpec, scaledSpec, updatedSpec } from './spec.js';
import { ServiceRef, type ServiceSource } from './types.js';

const ServiceMountInput = builder.inputType('ServiceMountInput', {
  fields: (t) => ({
    type: t.string({ required: true, description: '"bind", "volume" or "tmpfs"' }),
    source: t.string({ description: 'The host path of a bind, the name of a volume.' }),
    target: t.string({ required: true }),
    readOnly: t.boolean(),
  }),
});

const CreateServiceInput = builder.inputType('CreateServiceInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    image: t.string({ required: true }),
    engine: t.string({ description: 'The manager to create it on; the first configured manager by default.' }),
    cmd: t.stringList({ description: "What follows the image on docker service create IMAGE CMD... (the container spec's Args)." }),
    env: t.stringList({ description: '"KEY=value"' }),
    labels: t.field({ type: [LabelInput], description: "The service's labels." }),
    replicas: t.int({ defaultValue: 1, description: 'For a replicated service.' }),
    global: t.boolean({ defaultValue: false, description: 'One task on every node instead of a replica count.' }),
    mounts: t.field({ type: [ServiceMountInput] }),
    constraints: t.stringList({ description: 'Placement constraints, e.g. "node.role==worker".' }),
    stopGracePeriod: t.int({ description: "Seconds between a task's stop signal and its kill; the engine's default (10) when absent." }),
  }),
});

const UpdateServiceInput = builder.inputType('UpdateServiceInput', {
  fields: (t) => ({
    image: t.string(),
    cmd: t.stringList({ description: "Replaces the container spec's Args." }),
    env: t.stringList({ description: 'Replaces the environment: "KEY=value".' }),
    labels: t.field({ type: [LabelInput], description: "Replaces the service's labels." }),
  }),
});

/**
 * Token mode: the same bind policy as createContainer's, checked before any engine call. A bind
 * source must be under an --allow-bind prefix, and read-only unless --allow-writable-binds.
 */
function enforceServicePolicy(ctx: SchemaContext, spec: ServiceSpecWire): void {
  const policy = ctx.createPolicy;
  if (!policy) return;
  for (const mount of spec.TaskTemplate.ContainerSpec?.Mounts ?? []) {
    if (mount.Type !== 'bind') continue;
    const source = mount.Source ?? '';
    const why = bindPathRefusal(source, policy);
    if (why) throw codedError('FORBIDDEN', `createService refuses mounts bind "${source}": ${why}. Only --allow-bind PREFIX can allow it.`);
    if (mount.ReadOnly !== true && !policy.allowWritableBinds) {
      throw codedError(
        'FORBIDDEN',
        `createService refuses mounts bind "${source}": binds are read-only in token mode (readOnly: true). Only --allow-writable-binds can allow it.`,
      );
    }
  }
}

/** The service as the engine reports it now, with this operation's reads of that engine forgotten. */
async function freshService(ctx: SchemaContext, engine: DockerClient, id: string): Promise<ServiceSource> {
  forgetSwarmReads(ctx, engine);
  const listed = (await swarmReads(ctx, engine).services()).find((s) => s.ID === id);
  return { engine, wire: listed ?? (await engine.swarm.service(id, ctx.engineCall)) };
}

/** Reads the service, changes its spec, and posts it at the version read: a rolling update as the engine does it. */
async function changeService(
  ctx: SchemaContext,
  engineName: string | null | undefined,
  ref: string,
  change: (spec: ServiceSpecWire) => ServiceSpecWire,
): Promise<ServiceSource> {
  const engine = await managerEngine(ctx, engineName);
  const current = await engine.swarm.service(ref, ctx.engineCall);
  await engine.swarm.updateService(current.ID, current.Version.Index, change(current.Spec), ctx.engineCall);
  return freshService(ctx, engine, current.ID);
}

builder.mutationFields((t) => ({
  createService: t.field({
    type: ServiceRef,
    authScopes: { admin: true },
    description: 'docker service create, on the named manager or the first configured one.',
    args: { input: t.arg({ type: CreateServiceInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const spec = createServiceSpec(input);
      enforceServicePolicy(ctx, spec);
      const engine = await managerEngine(ctx, input.engine);
      const created = await engine.swarm.createService(spec, ctx.engineCall);
      return freshService(ctx, engine, created.ID);
    },
  }),
  scaleService: t.field({
    type: ServiceRef,
    authScopes: { operator: true },
    description: 'docker service scale: sets the replica count of a replicated service (a global one is BAD_USER_INPUT).',
    args: {
      id: t.arg.string({ required: true, description: 'Id, unique id prefix or name.' }),
      replicas: t.arg.int({ required: true }),
      engine: t.arg.string(),
    },
    resolve: (_root, args, ctx) => {
      // Checked before any engine call; scaledSpec checks the mode once the service is read.
      scaledSpec({ TaskTemplate: {} }, args.replicas);
      return changeService(ctx, args.engine, args.id, (spec) => scaledSpec(spec, args.replicas));
    },
  }),
  updateService: t.field({
    type: ServiceRef,
    authScopes: { admin: true },
    description:
      "docker service update --image/--args/--env/--label: changes what the input gives; the engine rolls the tasks over by the service's update config.",
    args: {
      id: t.arg.string({ required: true, description: 'Id, unique id prefix or name.' }),
      input: t.arg({ type: UpdateServiceInput, required: true }),
      engine: t.arg.string(),
    },
    resolve: (_root, args, ctx) => {
      // Bad env entries are refused before any engine call.
      updatedSpec({ TaskTemplate: {} }, args.input);
      return changeService(ctx, args.engine, args.id, (spec) => updatedSpec(spec, args.input));
    },
  }),
  removeService: t.field({
    type: 'ID',
    authScopes: { admin: true },
    description: "docker service rm; answers the removed service's id.",
    args: { id: t.arg.string({ required: true, description: 'Id, unique id prefix or name.' }), engine: t.arg.string() },
    resolve: async (_root, args, ctx) => {
      const engine = await managerEngine(ctx, args.engine);
      const service = await engine.swarm.service(args.id, ctx.engineCall);
      await engine.swarm.removeService(service.ID, ctx.engineCall);
      forgetSwarmReads(ctx, engine);
      return service.ID;
    },
  }),
}));
