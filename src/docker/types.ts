// The engine's wire types (API v1.41, as the engine's OpenAPI description has them): only what Wharf reads or sends.

export interface PortSummary {
  IP?: string;
  PrivatePort: number;
  PublicPort?: number;
  Type: string;
}

/** GET /containers/json */
export interface ContainerSummary {
  Id: string;
  Names: string[];
  Image: string;
  ImageID: string;
  Command: string;
  Created: number;
  State: string;
  Status: string;
  Ports: PortSummary[] | null;
  Labels: Record<string, string> | null;
  SizeRw?: number;
  SizeRootFs?: number;
  HostConfig?: { NetworkMode?: string };
  Mounts?: MountPoint[];
}

export interface ContainerStateWire {
  Status: string;
  Running: boolean;
  Paused: boolean;
  Restarting: boolean;
  OOMKilled: boolean;
  Dead: boolean;
  Pid: number;
  ExitCode: number;
  Error: string;
  StartedAt: string;
  FinishedAt: string;
  Health?: unknown;
}

export interface ContainerConfigWire {
  Hostname: string;
  Domainname?: string;
  User: string;
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  ExposedPorts?: Record<string, object> | null;
  Tty: boolean;
  OpenStdin: boolean;
  StdinOnce?: boolean;
  Env: string[] | null;
  Cmd: string[] | null;
  Image: string;
  Volumes?: Record<string, object> | null;
  WorkingDir: string;
  Entrypoint: string[] | null;
  Labels: Record<string, string> | null;
  StopSignal?: string;
  StopTimeout?: number;
}

export interface PortBindingWire {
  HostIp?: string;
  HostPort?: string;
}

export interface RestartPolicyWire {
  Name?: string;
  MaximumRetryCount?: number;
}

export interface MountWire {
  Target: string;
  Source?: string;
  Type: 'bind' | 'volume' | 'tmpfs' | 'npipe';
  ReadOnly?: boolean;
}

export interface HostConfigWire {
  Binds?: string[] | null;
  PortBindings?: Record<string, PortBindingWire[] | null> | null;
  PublishAllPorts?: boolean;
  Privileged?: boolean;
  NetworkMode?: string;
  AutoRemove?: boolean;
  RestartPolicy?: RestartPolicyWire;
  Memory?: number;
  MemorySwap?: number;
  MemoryReservation?: number;
  NanoCpus?: number;
  CpuShares?: number;
  PidsLimit?: number | null;
  CapAdd?: string[] | null;
  CapDrop?: string[] | null;
  ReadonlyRootfs?: boolean;
  Mounts?: MountWire[] | null;
  PidMode?: string;
  IpcMode?: string;
  UTSMode?: string;
  Devices?: unknown[] | null;
  SecurityOpt?: string[] | null;
  Init?: boolean | null;
  ShmSize?: number;
  LogConfig?: { Type: string; Config?: Record<string, string> };
}

/** An entry of inspect's `Mounts`. */
export interface MountPoint {
  Type: string;
  Name?: string;
  Source: string;
  Destination: string;
  Driver?: string;
  Mode: string;
  RW: boolean;
  Propagation: string;
}

/** GET /containers/{id}/json */
export interface ContainerInspectWire {
  Id: string;
  Created: string;
  Path: string;
  Args: string[] | null;
  State: ContainerStateWire;
  Image: string;
  Name: string;
  RestartCount: number;
  Driver?: string;
  Platform?: string;
  HostConfig: HostConfigWire;
  Mounts: MountPoint[] | null;
  Config: ContainerConfigWire;
  NetworkSettings?: {
    Ports?: Record<string, PortBindingWire[] | null> | null;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** GET /containers/{id}/top */
export interface ContainerTopWire {
  Titles: string[];
  Processes: string[][] | null;
}

/** POST /containers/create, body */
export interface ContainerCreateWire {
  Image: string;
  Cmd?: string[];
  Entrypoint?: string[];
  Env?: string[];
  Labels?: Record<string, string>;
  WorkingDir?: string;
  User?: string;
  Hostname?: string;
  Tty?: boolean;
  OpenStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  ExposedPorts?: Record<string, object>;
  Volumes?: Record<string, object>;
  StopTimeout?: number;
  HostConfig?: HostConfigWire;
}

/** POST /containers/create, answer */
export interface ContainerCreateResponse {
  Id: string;
  Warnings: string[] | null;
}

/** GET /version */
export interface VersionWire {
  Version: string;
  ApiVersion: string;
  MinAPIVersion?: string;
  Os: string;
  Arch: string;
  KernelVersion: string;
  GitCommit?: string;
  GoVersion?: string;
}

/** GET /containers/{id}/stats: one sample (the fields `docker stats` reads). */
export interface StatsWire {
  read: string;
  preread?: string;
  pids_stats?: { current?: number; limit?: number };
  networks?: Record<string, { rx_bytes: number; tx_bytes: number }>;
  memory_stats?: {
    usage?: number;
    limit?: number;
    stats?: Record<string, number>;
  };
  blkio_stats?: {
    io_service_bytes_recursive?: Array<{ major: number; minor: number; op: string; value: number }> | null;
  };
  cpu_stats?: CpuStatsWire;
  precpu_stats?: CpuStatsWire;
}

export interface CpuStatsWire {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null };
  system_cpu_usage?: number;
  online_cpus?: number;
}

/** GET /events: one message. */
export interface EventWire {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> | null };
  scope?: string;
  time: number;
  timeNano: number;
  /** timeNano as the engine wrote it: a JSON number beyond 2^53 loses its last digits in JSON.parse. */
  timeNanoText?: string;
}
