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

/** A filter map as the engine takes it, JSON-encoded in the `filters` query parameter. */
export type EngineFilters = Record<string, string[]>;

/** IPAM.Config[]: one address pool of a network. */
export interface IpamConfigWire {
  Subnet?: string;
  IPRange?: string;
  Gateway?: string;
  AuxiliaryAddresses?: Record<string, string> | null;
}

export interface IpamWire {
  /** `default` unless another IPAM driver was asked for. */
  Driver?: string;
  Config?: IpamConfigWire[] | null;
  Options?: Record<string, string> | null;
}

/** Network.Containers[id]: one endpoint of a network. */
export interface NetworkContainerWire {
  Name?: string;
  EndpointID?: string;
  MacAddress?: string;
  /** With the prefix length: `172.19.0.2/16`. */
  IPv4Address?: string;
  IPv6Address?: string;
}

/** GET /networks (each item), GET /networks/{id} */
export interface NetworkWire {
  Name: string;
  Id: string;
  /** RFC 3339 with nanoseconds; `0001-01-01T00:00:00Z` for some predefined networks. */
  Created: string;
  /** `local`, `global` or `swarm`. */
  Scope: string;
  /** `bridge`, `host`, `null`, `overlay`, `macvlan`, `ipvlan` or a plugin's name. */
  Driver: string;
  EnableIPv6: boolean;
  IPAM: IpamWire;
  Internal: boolean;
  Attachable: boolean;
  Ingress: boolean;
  ConfigFrom?: { Network?: string };
  ConfigOnly?: boolean;
  /** Keyed by container id; GET /networks leaves it empty (the list does not carry endpoints). */
  Containers?: Record<string, NetworkContainerWire> | null;
  Options?: Record<string, string> | null;
  Labels?: Record<string, string> | null;
  /** Overlay networks only. */
  Peers?: Array<{ Name?: string; IP?: string }> | null;
}

/** POST /networks/create, body */
export interface NetworkCreateWire {
  Name: string;
  /** Refuse a name already in use (409) rather than make a second network of that name. */
  CheckDuplicate?: boolean;
  /** `bridge` by default. */
  Driver?: string;
  Scope?: string;
  Internal?: boolean;
  Attachable?: boolean;
  Ingress?: boolean;
  ConfigOnly?: boolean;
  ConfigFrom?: { Network?: string };
  IPAM?: IpamWire;
  EnableIPv6?: boolean;
  /** Driver options, e.g. `com.docker.network.bridge.name`, or `parent` for macvlan and ipvlan. */
  Options?: Record<string, string>;
  Labels?: Record<string, string>;
}

/** POST /networks/create, answer */
export interface NetworkCreateResponse {
  Id: string;
  /** Empty when there is nothing to warn of. */
  Warning: string;
}

/** The endpoint settings a connect may set (EndpointSettings' configuration part). */
export interface EndpointConfigWire {
  IPAMConfig?: { IPv4Address?: string; IPv6Address?: string; LinkLocalIPs?: string[] } | null;
  Links?: string[] | null;
  Aliases?: string[] | null;
  DriverOpts?: Record<string, string> | null;
}

/** POST /networks/{id}/connect, body */
export interface NetworkConnectWire {
  /** Id or name of the container. */
  Container: string;
  EndpointConfig?: EndpointConfigWire;
}

/** POST /networks/{id}/disconnect, body */
export interface NetworkDisconnectWire {
  Container: string;
  Force?: boolean;
}

/** GET /volumes/{name}, and each volume of GET /volumes */
export interface VolumeWire {
  Name: string;
  Driver: string;
  /** Where the volume lives on the engine's host. */
  Mountpoint: string;
  CreatedAt?: string;
  /** Low-level details from the driver; absent when the driver gives none. */
  Status?: Record<string, unknown> | null;
  Labels: Record<string, string> | null;
  /** `local` or `global`. */
  Scope: string;
  /** The driver options it was created with; null when there were none. */
  Options: Record<string, string> | null;
  /** Only filled in by GET /system/df. */
  UsageData?: { Size: number; RefCount: number } | null;
}

/** GET /volumes */
export interface VolumeListWire {
  Volumes: VolumeWire[] | null;
  Warnings: string[] | null;
}

/** POST /volumes/create, body */
export interface VolumeCreateWire {
  /** Made up by the engine when absent. */
  Name?: string;
  /** `local` by default. */
  Driver?: string;
  /** For `local`: `type`, `o` (comma-separated mount options), `device`, `size`. */
  DriverOpts?: Record<string, string>;
  Labels?: Record<string, string>;
}

/** POST /containers/prune, answer */
export interface ContainerPruneWire {
  ContainersDeleted: string[] | null;
  SpaceReclaimed: number;
}

/** POST /networks/prune, answer */
export interface NetworkPruneWire {
  NetworksDeleted: string[] | null;
}

/** POST /volumes/prune, answer */
export interface VolumePruneWire {
  VolumesDeleted: string[] | null;
  SpaceReclaimed: number;
}
