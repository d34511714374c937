// A container's summary fields, read from the list entry when there is one, else derived from inspect as the engine derives them.
import type { DockerClient } from '../docker/client.js';
import type { ContainerInspectWire, ContainerSummary, ContainerStateWire, PortSummary } from '../docker/types.js';

/** What backs the GraphQL Container: its engine, its id, its summary, and the inspect document when it is known. */
export interface ContainerSource {
  engine: DockerClient;
  id: string;
  view: ContainerView;
  inspect?: ContainerInspectWire;
}

export interface ContainerView {
  names: string[];
  image: string;
  imageId: string;
  command: string;
  /** RFC 3339. */
  createdAt: string;
  state: string;
  status: string;
  labels: Record<string, string>;
  ports: PortSummary[];
}

export function fromSummary(engine: DockerClient, summary: ContainerSummary): ContainerSource {
  return {
    engine,
    id: summary.Id,
    view: {
      names: summary.Names.map(stripSlash),
      image: summary.Image,
      imageId: summary.ImageID,
      command: summary.Command,
      createdAt: new Date(summary.Created * 1000).toISOString().replace('.000Z', 'Z'),
      state: summary.State,
      status: summary.Status,
      labels: summary.Labels ?? {},
      ports: summary.Ports ?? [],
    },
  };
}

export function fromInspect(engine: DockerClient, inspect: ContainerInspectWire, now = Date.now()): ContainerSource {
  return {
    engine,
    id: inspect.Id,
    inspect,
    view: {
      names: [stripSlash(inspect.Name)],
      image: inspect.Config.Image,
      imageId: inspect.Image,
      command: commandLine(inspect.Path, inspect.Args ?? []),
      createdAt: inspect.Created,
      state: inspect.State.Status,
      status: statusText(inspect.State, now),
      labels: inspect.Config.Labels ?? {},
      ports: portsOf(inspect),
    },
  };
}

export function stripSlash(name: string): string {
  return name.startsWith('/') ? name.slice(1) : name;
}

/** As the engine's list writes `Command`: arguments with a space are single-quoted. */
function commandLine(path: string, args: string[]): string {
  if (args.length === 0) return path;
  return `${path} ${args.map((arg) => (arg.includes(' ') ? `'${arg}'` : arg)).join(' ')}`;
}

function portsOf(inspect: ContainerInspectWire): PortSummary[] {
  const ports: PortSummary[] = [];
  for (const [key, bindings] of Object.entries(inspect.NetworkSettings?.Ports ?? {})) {
    const [port = '0', type = 'tcp'] = key.split('/');
    const privatePort = Number(port);
    if (!bindings || bindings.length === 0) {
      ports.push({ PrivatePort: privatePort, Type: type });
      continue;
    }
    for (const binding of bindings) {
      const publicPort = Number(binding.HostPort);
      ports.push({
        ...(binding.HostIp ? { IP: binding.HostIp } : {}),
        PrivatePort: privatePort,
        ...(Number.isFinite(publicPort) && binding.HostPort ? { PublicPort: publicPort } : {}),
        Type: type,
      });
    }
  }
  return ports;
}

const ZERO_TIME = '0001-01-01T00:00:00Z';

/** The engine's zero time means "never"; anything else is a real time. */
export function realTime(value: string | undefined): string | null {
  return !value || value.startsWith('0001-01-01') ? null : value;
}

/** Docker's human status text, as the engine's `State.String()` writes it. */
export function statusText(state: ContainerStateWire, now: number): string {
  const since = (time: string) => humanDuration(now - Date.parse(time || ZERO_TIME));
  if (state.Running) {
    if (state.Paused) return `Up ${since(state.StartedAt)} (Paused)`;
    if (state.Restarting) return `Restarting (${state.ExitCode}) ${since(state.FinishedAt)} ago`;
    const health = (state.Health as { Status?: string } | undefined)?.Status;
    if (health) return `Up ${since(state.StartedAt)} (${health === 'starting' ? 'health: starting' : health})`;
    return `Up ${since(state.StartedAt)}`;
  }
  if (state.Status === 'removing') return 'Removal In Progress';
  if (state.Dead) return 'Dead';
  if (!realTime(state.StartedAt)) return 'Created';
  if (!realTime(state.FinishedAt)) return '';
  return `Exited (${state.ExitCode}) ${since(state.FinishedAt)} ago`;
}

/** go-units' HumanDuration. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.trunc(ms / 3_600_000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(ms / 3_600_000 / 24 / 365)} years`;
}
