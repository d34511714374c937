// Pure swarm helpers: a service spec from CreateServiceInput, an update or scale applied to a spec read back, the mode, the running count, and what a viewer sees.
import type { MountWire, NodeWire, ServiceSpecWire, ServiceWire, TaskWire } from '../../docker/types.js';
import { redactEnv } from '../access.js';
import { badInput } from '../errors.js';

export interface LabelArg {
  key: string;
  value: string;
}

export interface MountArg {
  type: string;
  source?: string | null | undefined;
  target: string;
  readOnly?: boolean | null | undefined;
}

export interface CreateServiceArgs {
  name: string;
  image: string;
  cmd?: readonly string[] | null | undefined;
  env?: readonly string[] | null | undefined;
  labels?: readonly LabelArg[] | null | undefined;
  replicas?: number | null | undefined;
  global?: boolean | null | undefined;
  mounts?: readonly MountArg[] | null | undefined;
  constraints?: readonly string[] | null | undefined;
  stopGracePeriod?: number | null | undefined;
}

export interface UpdateServiceArgs {
  image?: string | null | undefined;
  cmd?: readonly string[] | null | undefined;
  env?: readonly string[] | null | undefined;
  labels?: readonly LabelArg[] | null | undefined;
}

const MOUNT_TYPES = new Set(['bind', 'volume', 'tmpfs']);
const NANOS_PER_SECOND = 1_000_000_000;

function checkEnv(env: readonly string[] | null | undefined): void {
  for (const entry of env ?? []) {
    if (!entry.includes('=') || entry.startsWith('=')) throw badInput(`env entries are "KEY=value", not "${entry}"`);
  }
}

const labelMap = (labels: readonly LabelArg[]) => Object.fromEntries(labels.map((l) => [l.key, l.value]));

/** ServiceMountInput as the engine's mount. */
export function mountWire(mount: MountArg): MountWire {
  if (!MOUNT_TYPES.has(mount.type)) throw badInput(`mount type must be bind, volume or tmpfs, not "${mount.type}"`);
  if (mount.type === 'bind' && !mount.source) throw badInput(`a bind mount needs a source (the host path) for ${mount.target}`);
  return {
    Type: mount.type as MountWire['Type'],
    ...(mount.source ? { Source: mount.source } : {}),
    Target: mount.target,
    ...(mount.readOnly != null ? { ReadOnly: mount.readOnly } : {}),
  };
}

/**
 * The body of POST /services/create as `docker service create` builds it: cmd is what follows the
 * image, which the CLI puts in the container spec's Args (the image's entrypoint stays).
 */
export function createServiceSpec(input: CreateServiceArgs): ServiceSpecWire {
  checkEnv(input.env);
  const replicas = input.replicas ?? 1;
  if (replicas < 0) throw badInput('replicas must not be negative');
  if (input.stopGracePeriod != null && input.stopGracePeriod < 0) throw badInput('stopGracePeriod is in seconds and must not be negative');
  const containerSpec: NonNullable<ServiceSpecWire['TaskTemplate']['ContainerSpec']> = { Image: input.image };
  if (input.cmd) containerSpec.Args = [...input.cmd];
  if (input.env) containerSpec.Env = [...input.env];
  if (input.mounts?.length) containerSpec.Mounts = input.mounts.map(mountWire);
  if (input.stopGracePeriod != null) containerSpec.StopGracePeriod = Math.round(input.stopGracePeriod * NANOS_PER_SECOND);
  return {
    Name: input.name,
    ...(input.labels ? { Labels: labelMap(input.labels) } : {}),
    TaskTemplate: {
      ContainerSpec: containerSpec,
      ...(input.constraints?.length ? { Placement: { Constraints: [...input.constraints] } } : {}),
    },
    Mode: input.global ? { Global: {} } : { Replicated: { Replicas: replicas } },
  };
}

/** The spec read back with the input's changes, as `docker service update --image/--env-add/--args/--label-add` would post it. */
export function updatedSpec(spec: ServiceSpecWire, input: UpdateServiceArgs): ServiceSpecWire {
  checkEnv(input.env);
  const containerSpec = { ...(spec.TaskTemplate.ContainerSpec ?? { Image: '' }) };
  if (input.image != null) containerSpec.Image = input.image;
  if (input.cmd != null) containerSpec.Args = [...input.cmd];
  if (input.env != null) containerSpec.Env = [...input.env];
  return {
    ...spec,
    ...(input.labels != null ? { Labels: labelMap(input.labels) } : {}),
    TaskTemplate: { ...spec.TaskTemplate, ContainerSpec: containerSpec },
  };
}

/** `replicated`, `global`, `replicated-job` or `global-job`. */
export function serviceMode(spec: ServiceSpecWire): string {
  const mode = spec.Mode ?? {};
  if (mode.Global) return 'global';
  if (mode.ReplicatedJob) return 'replicated-job';
  if (mode.GlobalJob) return 'global-job';
  return 'replicated';
}

/** The spec with its replica count set; a service that is not replicated cannot be scaled. */
export function scaledSpec(spec: ServiceSpecWire, replicas: number): ServiceSpecWire {
  if (replicas < 0) throw badInput('replicas must not be negative');
  const mode = serviceMode(spec);
  if (mode !== 'replicated') throw badInput(`a ${mode} service cannot be scaled: only replicated services have a replica count`);
  return { ...spec, Mode: { ...spec.Mode, Replicated: { ...spec.Mode?.Replicated, Replicas: replicas } } };
}

/**
 * What `docker service ls` shows as running: tasks whose current state is running, on nodes that
 * are not down (the engine's own ServiceStatus count, used when the list gave one).
 */
export function runningTaskCount(service: ServiceWire, tasks: readonly TaskWire[], nodes: readonly NodeWire[]): number {
  if (service.ServiceStatus) return service.ServiceStatus.RunningTasks;
  const down = new Set(nodes.filter((n) => n.Status.State === 'down').map((n) => n.ID));
  return tasks.filter((t) => t.ServiceID === service.ID && t.Status.State === 'running' && !down.has(t.NodeID ?? '')).length;
}

/** The image as `docker service ls` shows it: without the digest the engine pins it to. */
export function imageName(image: string): string {
  const at = image.indexOf('@');
  return at === -1 ? image : image.slice(0, at);
}

function redactSpec(spec: ServiceSpecWire): ServiceSpecWire {
  const containerSpec = spec.TaskTemplate?.ContainerSpec;
  if (!containerSpec?.Env) return spec;
  return { ...spec, TaskTemplate: { ...spec.TaskTemplate, ContainerSpec: { ...containerSpec, Env: redactEnv(containerSpec.Env) } } };
}

/** GET /services/{id} as a viewer sees it: environment values (in the spec and the previous spec) redacted. */
export function redactService(service: ServiceWire): ServiceWire {
  return {
    ...service,
    Spec: redactSpec(service.Spec),
    ...(service.PreviousSpec ? { PreviousSpec: redactSpec(service.PreviousSpec) } : {}),
  };
}
