// The lifecycle mutations: create, start, stop, restart, kill, pause, unpause, rename, remove.
import type { ContainerCreateWire, HostConfigWire, PortBindingWire } from '../docker/types.js';
import { EngineError } from '../docker/errors.js';
import type { DockerClient } from '../docker/client.js';
import type { EngineCall } from '../docker/request.js';
import { builder, type SchemaContext } from './builder.js';
import { ContainerRef, normalizeRef, requireContainer } from './container.js';
import { fromInspect, type ContainerSource } from './container-view.js';
import { enforceCreatePolicy } from './create-policy.js';
import { badInput, codedError } from './errors.js';
import { pullAndWait } from './images/mutations.js';
import { requireReference } from './images/registry.js';

export const LabelInput = builder.inputType('LabelInput', {
  fields: (t) => ({
    key: t.string({ required: true }),
    value: t.string({ required: true }),
  }),
});

const PortBindingInput = builder.inputType('PortBindingInput', {
  fields: (t) => ({
    containerPort: t.string({ required: true, description: '"22/tcp" (tcp when no protocol is given)' }),
    hostIp: t.string(),
    hostPort: t.string(),
  }),
});

const RestartPolicyInput = builder.inputType('RestartPolicyInput', {
  fields: (t) => ({
    name: t.string({ required: true, description: '"no", "always", "unless-stopped" or "on-failure"' }),
    maximumRetryCount: t.int(),
  }),
});

const MountInput = builder.inputType('MountInput', {
  fields: (t) => ({
    type: t.string({ required: true, description: '"bind", "volume" or "tmpfs"' }),
    source: t.string(),
    target: t.string({ required: true }),
    readOnly: t.boolean(),
  }),
});

const DeviceInput = builder.inputType('DeviceMappingInput', {
  fields: (t) => ({
    pathOnHost: t.string({ required: true }),
    pathInContainer: t.string(),
    cgroupPermissions: t.string({ description: 'Default "rwm"' }),
  }),
});

const HostConfigInput = builder.inputType('HostConfigInput', {
  fields: (t) => ({
    binds: t.stringList({ description: '"host-path:container-path[:ro]"' }),
    portBindings: t.field({ type: [PortBindingInput] }),
    publishAllPorts: t.boolean(),
    privileged: t.boolean(),
    networkMode: t.string(),
    autoRemove: t.boolean(),
    restartPolicy: t.field({ type: RestartPolicyInput }),
    memory: t.field({ type: 'SafeInt', description: 'Memory limit in bytes.' }),
    memorySwap: t.field({ type: 'SafeInt', description: 'Memory plus swap in bytes; -1 for unlimited swap.' }),
    memoryReservation: t.field({ type: 'SafeInt' }),
    nanoCpus: t.field({ type: 'SafeInt', description: 'CPU quota in billionths of a CPU.' }),
    cpuShares: t.int(),
    pidsLimit: t.field({ type: 'SafeInt' }),
    shmSize: t.field({ type: 'SafeInt' }),
    readonlyRootfs: t.boolean(),
    init: t.boolean(),
    capAdd: t.stringList(),
    capDrop: t.stringList(),
    mounts: t.field({ type: [MountInput] }),
    devices: t.field({ type: [DeviceInput] }),
    securityOpt: t.stringList(),
    pidMode: t.string(),
    ipcMode: t.string(),
    utsMode: t.string(),
  }),
});

const CreateContainerInput = builder.inputType('CreateContainerInput', {
  fields: (t) => ({
    image: t.string({ required: true }),
    name: t.string(),
    engine: t.string({ description: 'The engine to create it on; the first configured one by default.' }),
    cmd: t.stringList(),
    entrypoint: t.stringList(),
    env: t.stringList({ description: '"KEY=value"' }),
    labels: t.field({ type: [LabelInput] }),
    workingDir: t.string(),
    user: t.string(),
    hostname: t.string(),
    tty: t.boolean(),
    openStdin: t.boolean(),
    exposedPorts: t.stringList({ description: '"22/tcp"' }),
    volumes: t.stringList({ description: '"/tmp"' }),
    hostConfig: t.field({ type: HostConfigInput }),
    start: t.boolean({ defaultValue: false, description: 'Create and start, as docker run -d does.' }),
    pull: t.boolean({ description: 'Pull the image first when the engine lacks it, as docker run does.' }),
  }),
});

export type CreateContainerArgs = typeof CreateContainerInput.$inferInput;
export type HostConfigArgs = typeof HostConfigInput.$inferInput;

const set = (entries: readonly string[] | null | undefined) =>
  entries ? Object.fromEntries(entries.map((entry) => [entry, {}])) : undefined;

const withProtocol = (port: string) => (port.includes('/') ? port : `${port}/tcp`);

/** CreateContainerInput as the engine's create body. */
export function createBody(input: CreateContainerArgs): ContainerCreateWire {
  for (const entry of input.env ?? []) {
    if (!entry.includes('=') || entry.startsWith('=')) throw badInput(`env entries are "KEY=value", not "${entry}"`);
  }
  return omitUndefined({
    Image: input.image,
    Cmd: input.cmd ?? undefined,
    Entrypoint: input.entrypoint ?? undefined,
    Env: input.env ?? undefined,
    Labels: input.labels ? Object.fromEntries(input.labels.map((l) => [l.key, l.value])) : undefined,
    WorkingDir: input.workingDir ?? undefined,
    User: input.user ?? undefined,
    Hostname: input.hostname ?? undefined,
    Tty: input.tty ?? undefined,
    OpenStdin: input.openStdin ?? undefined,
    AttachStdout: true,
    AttachStderr: true,
    ExposedPorts: set(input.exposedPorts?.map(withProtocol)),
    Volumes: set(input.volumes),
    HostConfig: input.hostConfig ? hostConfigBody(input.hostConfig) : undefined,
  });
}

function hostConfigBody(h: HostConfigArgs): HostConfigWire {
  let portBindings: Record<string, PortBindingWire[]> | undefined;
  if (h.portBindings) {
    portBindings = {};
    for (const b of h.portBindings) {
      const key = withProtocol(b.containerPort);
      (portBindings[key] ??= []).push(omitUndefined({ HostIp: b.hostIp ?? undefined, HostPort: b.hostPort ?? undefined }));
    }
  }
  return omitUndefined({
    Binds: h.binds ?? undefined,
    PortBindings: portBindings,
    PublishAllPorts: h.publishAllPorts ?? undefined,
    Privileged: h.privileged ?? undefined,
    NetworkMode: h.networkMode ?? undefined,
    AutoRemove: h.autoRemove ?? undefined,
    RestartPolicy: h.restartPolicy
      ? omitUndefined({ Name: h.restartPolicy.name, MaximumRetryCount: h.restartPolicy.maximumRetryCount ?? undefined })
      : undefined,
    Memory: h.memory ?? undefined,
    MemorySwap: h.memorySwap ?? undefined,
    MemoryReservation: h.memoryReservation ?? undefined,
    NanoCpus: h.nanoCpus ?? undefined,
    CpuShares: h.cpuShares ?? undefined,
    PidsLimit: h.pidsLimit ?? undefined,
    ShmSize: h.shmSize ?? undefined,
    ReadonlyRootfs: h.readonlyRootfs ?? undefined,
    Init: h.init ?? undefined,
    CapAdd: h.capAdd ?? undefined,
    CapDrop: h.capDrop ?? undefined,
    Mounts: h.mounts?.map((m) =>
      omitUndefined({
        Type: m.type as 'bind' | 'volume' | 'tmpfs',
        Source: m.source ?? undefined,
        Target: m.target,
        ReadOnly: m.readOnly ?? undefined,
      }),
    ),
    Devices: h.devices?.map((d) => ({
      PathOnHost: d.pathOnHost,
      PathInContainer: d.pathInContainer ?? d.pathOnHost,
      CgroupPermissions: d.cgroupPermissions ?? 'rwm',
    })),
    SecurityOpt: h.securityOpt ?? undefined,
    PidMode: h.pidMode ?? undefined,
    IpcMode: h.ipcMode ?? undefined,
    UTSMode: h.utsMode ?? undefined,
  });
}

function omitUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Runs one lifecycle action on the container's engine and answers with the container as that engine reports it afterwards. */
async function lifecycle(
  ctx: SchemaContext,
  ref: string,
  action: (containers: DockerClient['containers'], id: string, call: EngineCall) => Promise<void>,
): Promise<ContainerSource> {
  const { engine, inspect } = await requireContainer(ctx, ref);
  await action(engine.containers, inspect.Id, ctx.engineCall);
  return fromInspect(engine, await ctx.loaders.of(engine).refresh(inspect.Id));
}

function checkTimeout(timeout: number | null | undefined): number | undefined {
  if (timeout == null) return undefined;
  if (timeout < 0) throw badInput('timeout is in seconds and must not be negative');
  return timeout;
}

builder.mutationFields((t) => ({
  createContainer: t.field({
    type: ContainerRef,
    authScopes: { admin: true },
    description: 'docker create; with start: true, docker run -d. A container that fails to start is removed and the failure reported.',
    args: { input: t.arg({ type: CreateContainerInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const body = createBody(input);
      if (ctx.createPolicy) enforceCreatePolicy(body, ctx.createPolicy);
      const engine = input.engine == null ? ctx.engines.first : ctx.engines.require(input.engine);
      if (input.pull) {
        const reference = requireReference(input.image);
        if (!(await engine.images.find(input.image, ctx.engineCall))) await pullAndWait(ctx, engine, reference, undefined);
      }
      const created = await engine.containers.create(body, input.name ?? undefined, ctx.engineCall);
      if (input.start) {
        try {
          await engine.containers.start(created.Id, ctx.engineCall);
        } catch (error) {
          // Not left half-made: a container that cannot start is removed, and the client told why.
          await engine.containers.remove(created.Id, { force: true, volumes: true }).catch(() => undefined);
          if (!(error instanceof EngineError)) throw error;
          throw codedError(error.code, `The container was created but failed to start, and was removed: ${error.message}`);
        }
      }
      return fromInspect(engine, await ctx.loaders.of(engine).refresh(created.Id));
    },
  }),
  startContainer: t.field({
    type: ContainerRef,
    authScopes: { operator: true },
    description: 'Already running: no error.',
    args: { id: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => lifecycle(ctx, args.id, (containers, id, o) => containers.start(id, o)),
  }),
  stopContainer: t.field({
    type: ContainerRef,
    authScopes: { operator: true },
    description: "timeout is Docker's t, in seconds. Already stopped: no error.",
    args: { id: t.arg.string({ required: true }), timeout: t.arg.int() },
    resolve: (_root, args, ctx) => {
      const timeout = checkTimeout(args.timeout);
      return lifecycle(ctx, args.id, (containers, id, o) => containers.stop(id, timeout, o));
    },
  }),
  restartContainer: t.field({
    type: ContainerRef,
    authScopes: { operator: true },
    args: { id: t.arg.string({ required: true }), timeout: t.arg.int() },
    resolve: (_root, args, ctx) => {
      const timeout = checkTimeout(args.timeout);
      return lifecycle(ctx, args.id, (containers, id, o) => containers.restart(id, timeout, o));
    },
  }),
  killContainer: t.field({
    type: ContainerRef,
    authScopes: { operator: true },
    description: 'signal defaults to SIGKILL.',
    args: { id: t.arg.string({ required: true }), signal: t.arg.string() },
    resolve: (_root, args, ctx) => {
      if (args.signal != null && !/^(SIG)?[A-Z0-9+-]+$|^\d+$/i.test(args.signal)) {
        throw badInput(`Invalid signal: ${args.signal}`);
      }
      return lifecycle(ctx, args.id, (containers, id, o) => containers.kill(id, args.signal ?? undefined, o));
    },
  }),
  pauseContainer: t.field({
    type: ContainerRef,
    authScopes: { operator: true },
    args: { id: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => lifecycle(ctx, args.id, (containers, id, o) => containers.pause(id, o)),
  }),
  unpauseContainer: t.field({
    type: ContainerRef,
    authScopes: { operator: true },
    args: { id: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => lifecycle(ctx, args.id, (containers, id, o) => containers.unpause(id, o)),
  }),
  renameContainer: t.field({
    type: ContainerRef,
    authScopes: { operator: true },
    args: { id: t.arg.string({ required: true }), name: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => {
      const name = normalizeRef(args.name);
      if (!name) throw badInput('name must not be empty');
      return lifecycle(ctx, args.id, (containers, id, o) => containers.rename(id, name, o));
    },
  }),
  removeContainer: t.field({
    type: 'ID',
    authScopes: { admin: true },
    description: "Answers the removed container's full id.",
    args: {
      id: t.arg.string({ required: true }),
      force: t.arg.boolean({ defaultValue: false }),
      volumes: t.arg.boolean({ defaultValue: false }),
    },
    resolve: async (_root, args, ctx) => {
      const { engine, inspect } = await requireContainer(ctx, args.id);
      await engine.containers.remove(inspect.Id, { force: args.force ?? false, volumes: args.volumes ?? false }, ctx.engineCall);
      return inspect.Id;
    },
  }),
}));
