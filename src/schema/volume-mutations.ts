// createVolume and removeVolume: token mode's policy applied, and a name in use refused, before the engine makes anything.
import type { VolumeCreateWire } from '../docker/types.js';
import { builder } from './builder.js';
import { LabelInput } from './container-mutations.js';
import { codedError } from './errors.js';
import { labelMap } from './network-mutations.js';
import { enforceVolumePolicy } from './resource-policy.js';
import { findVolume, inspectVolume, VolumeRef } from './volumes.js';

const CreateVolumeInput = builder.inputType('CreateVolumeInput', {
  fields: (t) => ({
    name: t.string({ description: 'Made up by the engine when absent.' }),
    engine: t.string({ description: 'The engine to create it on; the first configured one by default.' }),
    driver: t.string({ defaultValue: 'local' }),
    driverOpts: t.field({ type: [LabelInput], description: 'For local: type, o (comma-separated mount options), device, size.' }),
    labels: t.field({ type: [LabelInput] }),
  }),
});

builder.mutationFields((t) => ({
  createVolume: t.field({
    type: VolumeRef,
    authScopes: { admin: true },
    description:
      'docker volume create, on input.engine or the first configured engine. A name in use is CONFLICT (the engine itself would answer with the existing volume, whatever this input asked for). In token mode a local volume whose options mount a host path outside --allow-bind, or a host filesystem, is FORBIDDEN.',
    args: { input: t.arg({ type: CreateVolumeInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const driver = input.driver ?? 'local';
      const driverOpts = labelMap('driverOpts', input.driverOpts);
      const labels = labelMap('labels', input.labels);
      if (ctx.createPolicy) enforceVolumePolicy(ctx.createPolicy, { driver, driverOpts });
      const engine = input.engine == null ? ctx.engines.first : ctx.engines.require(input.engine);
      const body: VolumeCreateWire = { Driver: driver };
      if (input.name != null && input.name !== '') {
        body.Name = input.name;
        if (await inspectVolume(ctx, engine, input.name)) throw codedError('CONFLICT', `A volume named ${input.name} already exists`);
      }
      if (driverOpts) body.DriverOpts = driverOpts;
      if (labels) body.Labels = labels;
      return { engine, wire: await engine.volumes.create(body, ctx.engineCall) };
    },
  }),
  removeVolume: t.field({
    type: 'ID',
    authScopes: { admin: true },
    description:
      'docker volume rm, on the named engine, on ENGINE/name, or on whichever engine has it; answers its name. A volume a container uses is CONFLICT, with force too; force makes a missing volume no error.',
    args: { name: t.arg.string({ required: true }), force: t.arg.boolean({ defaultValue: false }), engine: t.arg.string() },
    resolve: async (_root, args, ctx) => {
      const force = args.force ?? false;
      const volume = args.name.trim() ? await findVolume(ctx, args.name.trim(), args.engine) : null;
      if (!volume) {
        if (force) return args.name;
        throw codedError('NOT_FOUND', `No such volume: ${args.name}`);
      }
      await volume.engine.volumes.remove(volume.wire.Name, force, ctx.engineCall);
      return volume.wire.Name;
    },
  }),
}));
