// ContainerInspect and its parts: GET /containers/{id}/json in camelCase, plus the whole document as raw JSON.
import type {
  ContainerConfigWire,
  ContainerInspectWire,
  ContainerStateWire,
  HostConfigWire,
  MountPoint,
  MountWire,
  PortBindingWire,
  RestartPolicyWire,
} from '../docker/types.js';
import { redactEnv } from './access.js';
import { builder } from './builder.js';
import { realTime } from './container-view.js';
import { LabelRef, labelPairs } from './label.js';

const InspectStateRef = builder.objectRef<ContainerStateWire>('InspectState').implement({
  fields: (t) => ({
    status: t.string({
      description: "The engine's word: created, running, paused, restarting, removing, exited, dead.",
      resolve: (s) => s.Status,
    }),
    running: t.boolean({ resolve: (s) => s.Running }),
    paused: t.boolean({ resolve: (s) => s.Paused }),
    restarting: t.boolean({ resolve: (s) => s.Restarting }),
    oomKilled: t.boolean({ resolve: (s) => s.OOMKilled }),
    dead: t.boolean({ resolve: (s) => s.Dead }),
    pid: t.int({ resolve: (s) => s.Pid }),
    exitCode: t.int({ resolve: (s) => s.ExitCode }),
    error: t.string({ resolve: (s) => s.Error }),
    startedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Null while the engine reports its zero time.',
      resolve: (s) => realTime(s.StartedAt),
    }),
    finishedAt: t.field({ type: 'DateTime', nullable: true, resolve: (s) => realTime(s.FinishedAt) }),
  }),
});

const ContainerConfigRef = builder.objectRef<ContainerConfigWire>('ContainerConfig').implement({
  fields: (t) => ({
    hostname: t.string({ resolve: (c) => c.Hostname }),
    user: t.string({ resolve: (c) => c.User }),
    image: t.string({ resolve: (c) => c.Image }),
    workingDir: t.string({ resolve: (c) => c.WorkingDir }),
    env: t.stringList({
      description: '"KEY=value"; a viewer sees "KEY=***".',
      resolve: (c, _args, ctx) => (ctx.principal.role === 'viewer' ? redactEnv(c.Env ?? []) : (c.Env ?? [])),
    }),
    cmd: t.stringList({ nullable: true, resolve: (c) => c.Cmd }),
    entrypoint: t.stringList({ nullable: true, resolve: (c) => c.Entrypoint }),
    tty: t.boolean({ resolve: (c) => c.Tty }),
    openStdin: t.boolean({ resolve: (c) => c.OpenStdin }),
    exposedPorts: t.stringList({ description: '"22/tcp"', resolve: (c) => Object.keys(c.ExposedPorts ?? {}).sort() }),
    volumes: t.stringList({ description: '"/tmp"', resolve: (c) => Object.keys(c.Volumes ?? {}).sort() }),
    labels: t.field({ type: [LabelRef], resolve: (c) => labelPairs(c.Labels) }),
    stopSignal: t.string({ nullable: true, resolve: (c) => c.StopSignal ?? null }),
  }),
});

interface PortBindingView {
  containerPort: string;
  binding: PortBindingWire;
}

const PortBindingRef = builder.objectRef<PortBindingView>('PortBinding').implement({
  fields: (t) => ({
    containerPort: t.string({ description: '"22/tcp"', resolve: (p) => p.containerPort }),
    hostIp: t.string({ nullable: true, resolve: (p) => p.binding.HostIp || null }),
    hostPort: t.string({ nullable: true, resolve: (p) => p.binding.HostPort || null }),
  }),
});

const RestartPolicyRef = builder.objectRef<RestartPolicyWire>('RestartPolicy').implement({
  fields: (t) => ({
    name: t.string({ description: '"no", "always", "unless-stopped" or "on-failure"', resolve: (r) => r.Name || 'no' }),
    maximumRetryCount: t.int({ resolve: (r) => r.MaximumRetryCount ?? 0 }),
  }),
});

const HostMountRef = builder.objectRef<MountWire>('HostConfigMount').implement({
  fields: (t) => ({
    type: t.string({ resolve: (m) => m.Type }),
    source: t.string({ nullable: true, resolve: (m) => m.Source ?? null }),
    target: t.string({ resolve: (m) => m.Target }),
    readOnly: t.boolean({ resolve: (m) => m.ReadOnly ?? false }),
  }),
});

const HostConfigRef = builder.objectRef<HostConfigWire>('HostConfig').implement({
  fields: (t) => ({
    binds: t.stringList({ description: '"host-path:container-path[:ro]"', resolve: (h) => h.Binds ?? [] }),
    portBindings: t.field({
      type: [PortBindingRef],
      resolve: (h) =>
        Object.entries(h.PortBindings ?? {}).flatMap(([containerPort, bindings]) =>
          (bindings ?? []).map((binding) => ({ containerPort, binding })),
        ),
    }),
    publishAllPorts: t.boolean({ resolve: (h) => h.PublishAllPorts ?? false }),
    privileged: t.boolean({ resolve: (h) => h.Privileged ?? false }),
    networkMode: t.string({ resolve: (h) => h.NetworkMode ?? '' }),
    autoRemove: t.boolean({ resolve: (h) => h.AutoRemove ?? false }),
    restartPolicy: t.field({ type: RestartPolicyRef, resolve: (h) => h.RestartPolicy ?? {} }),
    memory: t.field({ type: 'SafeInt', description: 'Memory limit in bytes; 0 is none.', resolve: (h) => h.Memory ?? 0 }),
    memorySwap: t.field({ type: 'SafeInt', resolve: (h) => h.MemorySwap ?? 0 }),
    nanoCpus: t.field({ type: 'SafeInt', resolve: (h) => h.NanoCpus ?? 0 }),
    cpuShares: t.int({ resolve: (h) => h.CpuShares ?? 0 }),
    pidsLimit: t.field({ type: 'SafeInt', nullable: true, resolve: (h) => h.PidsLimit ?? null }),
    capAdd: t.stringList({ resolve: (h) => h.CapAdd ?? [] }),
    capDrop: t.stringList({ resolve: (h) => h.CapDrop ?? [] }),
    readonlyRootfs: t.boolean({ resolve: (h) => h.ReadonlyRootfs ?? false }),
    mounts: t.field({ type: [HostMountRef], resolve: (h) => h.Mounts ?? [] }),
    pidMode: t.string({ resolve: (h) => h.PidMode ?? '' }),
    ipcMode: t.string({ resolve: (h) => h.IpcMode ?? '' }),
    utsMode: t.string({ resolve: (h) => h.UTSMode ?? '' }),
  }),
});

const MountRef = builder.objectRef<MountPoint>('Mount').implement({
  fields: (t) => ({
    type: t.string({ resolve: (m) => m.Type }),
    name: t.string({ nullable: true, resolve: (m) => m.Name || null }),
    source: t.string({ resolve: (m) => m.Source }),
    destination: t.string({ resolve: (m) => m.Destination }),
    driver: t.string({ nullable: true, resolve: (m) => m.Driver || null }),
    mode: t.string({ resolve: (m) => m.Mode }),
    rw: t.boolean({ resolve: (m) => m.RW }),
    propagation: t.string({ resolve: (m) => m.Propagation }),
  }),
});

export const ContainerInspectRef = builder.objectRef<ContainerInspectWire>('ContainerInspect').implement({
  description: 'GET /containers/{id}/json',
  fields: (t) => ({
    path: t.string({ resolve: (i) => i.Path }),
    args: t.stringList({ resolve: (i) => i.Args ?? [] }),
    restartCount: t.int({ resolve: (i) => i.RestartCount }),
    state: t.field({ type: InspectStateRef, resolve: (i) => i.State }),
    config: t.field({ type: ContainerConfigRef, resolve: (i) => i.Config }),
    hostConfig: t.field({ type: HostConfigRef, resolve: (i) => i.HostConfig }),
    mounts: t.field({ type: [MountRef], resolve: (i) => i.Mounts ?? [] }),
    raw: t.field({
      type: 'JSON',
      description: 'The whole inspect document, for anything not modelled; a viewer sees environment values redacted.',
      resolve: (i, _args, ctx) =>
        ctx.principal.role === 'viewer' ? { ...i, Config: { ...i.Config, Env: redactEnv(i.Config.Env ?? []) } } : i,
    }),
  }),
});
