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

/** GET /info: the fields Wharf reads; the rest of the answer is kept as it came. */
export interface InfoWire {
  ID: string;
  Name: string;
  ServerVersion: string;
  OperatingSystem: string;
  OSType: string;
  Architecture: string;
  KernelVersion: string;
  NCPU: number;
  MemTotal: number;
  Containers: number;
  ContainersRunning: number;
  ContainersPaused: number;
  ContainersStopped: number;
  Images: number;
  Driver: string;
  DockerRootDir: string;
  LoggingDriver: string;
  CgroupDriver: string;
  CgroupVersion?: string;
  Labels: string[] | null;
  Warnings: string[] | null;
  Swarm: SwarmInfoWire;
  [key: string]: unknown;
}

/** The engine's own place in a swarm, as GET /info has it: asked of any engine, manager or not. */
export interface SwarmInfoWire {
  NodeID: string;
  NodeAddr: string;
  /** '' | 'inactive' | 'pending' | 'active' | 'error' | 'locked' */
  LocalNodeState: string;
  /** Whether this engine is a manager (answers the swarm endpoints). */
  ControlAvailable: boolean;
  Error: string;
  RemoteManagers: Array<{ NodeID: string; Addr: string }> | null;
  Nodes?: number;
  Managers?: number;
  Cluster?: { ID: string; [key: string]: unknown };
}

/** GET /system/df */
export interface SystemDfWire {
  LayersSize: number;
  Images: Array<{
    Id: string;
    RepoTags: string[] | null;
    Size: number;
    SharedSize: number;
    Containers: number;
    [key: string]: unknown;
  }> | null;
  Containers: Array<{ Id: string; Names: string[]; State: string; SizeRw?: number; SizeRootFs?: number; [key: string]: unknown }> | null;
  Volumes: Array<{ Name: string; UsageData?: { Size: number; RefCount: number } | null; [key: string]: unknown }> | null;
  BuildCache: Array<{ ID: string; Size: number; InUse: boolean; Shared: boolean; [key: string]: unknown }> | null;
}

/** A swarm object's version: an update must send the one it read, or the engine refuses it. */
export interface ObjectVersionWire {
  Index: number;
}

/** GET /swarm (managers only) */
export interface SwarmWire {
  ID: string;
  Version: ObjectVersionWire;
  CreatedAt: string;
  UpdatedAt: string;
  Spec: { Name?: string; Labels?: Record<string, string>; [key: string]: unknown };
  JoinTokens: { Worker: string; Manager: string };
  RootRotationInProgress?: boolean;
  DataPathPort?: number;
  DefaultAddrPool?: string[];
  SubnetSize?: number;
  [key: string]: unknown;
}

/** GET /nodes, /nodes/{id} */
export interface NodeWire {
  ID: string;
  Version: ObjectVersionWire;
  CreatedAt: string;
  UpdatedAt: string;
  Spec: {
    Name?: string;
    Labels?: Record<string, string>;
    Role: 'worker' | 'manager';
    Availability: 'active' | 'pause' | 'drain';
  };
  Description: {
    Hostname?: string;
    Platform?: { Architecture?: string; OS?: string };
    Resources?: { NanoCPUs?: number; MemoryBytes?: number; [key: string]: unknown };
    Engine?: { EngineVersion?: string; Labels?: Record<string, string>; [key: string]: unknown };
    [key: string]: unknown;
  };
  Status: {
    State: 'unknown' | 'down' | 'ready' | 'disconnected';
    Message?: string;
    Addr?: string;
  };
  /** Present on managers only. */
  ManagerStatus?: { Leader?: boolean; Reachability: 'unknown' | 'unreachable' | 'reachable'; Addr: string };
}

/** A task's container, as a service spec describes it. */
export interface ContainerSpecWire {
  Image: string;
  Labels?: Record<string, string>;
  Command?: string[];
  Args?: string[];
  Hostname?: string;
  Env?: string[];
  Dir?: string;
  User?: string;
  TTY?: boolean;
  OpenStdin?: boolean;
  /** Nanoseconds between the stop signal and the kill. */
  StopGracePeriod?: number;
  StopSignal?: string;
  Mounts?: MountWire[];
  [key: string]: unknown;
}

/** TaskTemplate in a service spec, Spec in a task. */
export interface TaskSpecWire {
  ContainerSpec?: ContainerSpecWire;
  Resources?: {
    Limits?: { NanoCPUs?: number; MemoryBytes?: number; Pids?: number };
    Reservations?: { NanoCPUs?: number; MemoryBytes?: number };
  };
  RestartPolicy?: { Condition?: 'none' | 'on-failure' | 'any'; Delay?: number; MaxAttempts?: number; Window?: number };
  Placement?: { Constraints?: string[]; [key: string]: unknown };
  /** Bump it to make the tasks start again with nothing else changed. */
  ForceUpdate?: number;
  Runtime?: string;
  Networks?: Array<{ Target: string; Aliases?: string[]; DriverOpts?: Record<string, string> }>;
  LogDriver?: { Name: string; Options?: Record<string, string> };
  [key: string]: unknown;
}

/** How a service rolls out a change (UpdateConfig) or back (RollbackConfig). */
export interface ServiceUpdateConfigWire {
  Parallelism?: number;
  /** Nanoseconds between batches. */
  Delay?: number;
  FailureAction?: 'continue' | 'pause' | 'rollback';
  Monitor?: number;
  MaxFailureRatio?: number;
  Order?: 'stop-first' | 'start-first';
}

/** POST /services/create and /services/{id}/update, body; `Spec` of GET /services/{id}. */
export interface ServiceSpecWire {
  Name?: string;
  Labels?: Record<string, string>;
  TaskTemplate: TaskSpecWire;
  Mode?: {
    Replicated?: { Replicas?: number };
    Global?: Record<string, never>;
    ReplicatedJob?: { MaxConcurrent?: number; TotalCompletions?: number };
    GlobalJob?: Record<string, never>;
  };
  UpdateConfig?: ServiceUpdateConfigWire;
  RollbackConfig?: ServiceUpdateConfigWire;
  EndpointSpec?: {
    Mode?: 'vip' | 'dnsrr';
    Ports?: Array<{
      Name?: string;
      Protocol?: 'tcp' | 'udp' | 'sctp';
      TargetPort?: number;
      PublishedPort?: number;
      PublishMode?: 'ingress' | 'host';
    }>;
  };
  [key: string]: unknown;
}

/** GET /services, /services/{id} */
export interface ServiceWire {
  ID: string;
  Version: ObjectVersionWire;
  CreatedAt: string;
  UpdatedAt: string;
  Spec: ServiceSpecWire;
  PreviousSpec?: ServiceSpecWire;
  Endpoint?: { Spec?: ServiceSpecWire['EndpointSpec']; Ports?: unknown[]; VirtualIPs?: Array<{ NetworkID: string; Addr: string }> };
  UpdateStatus?: {
    State?: 'updating' | 'paused' | 'completed' | 'rollback_started' | 'rollback_paused' | 'rollback_completed';
    StartedAt?: string;
    CompletedAt?: string;
    Message?: string;
  };
  /** Only in GET /services?status=1. */
  ServiceStatus?: { RunningTasks: number; DesiredTasks: number; CompletedTasks?: number };
  JobStatus?: { JobIteration: ObjectVersionWire; LastExecution?: string };
}

/** POST /services/create, answer */
export interface ServiceCreateResponse {
  ID: string;
  Warning?: string;
}

/** POST /services/{id}/update, answer */
export interface ServiceUpdateResponse {
  Warnings?: string[] | null;
}

export type TaskStateWire =
  | 'new'
  | 'allocated'
  | 'pending'
  | 'assigned'
  | 'accepted'
  | 'preparing'
  | 'ready'
  | 'starting'
  | 'running'
  | 'complete'
  | 'shutdown'
  | 'failed'
  | 'rejected'
  | 'remove'
  | 'orphaned';

/** GET /tasks, /tasks/{id} */
export interface TaskWire {
  ID: string;
  Version: ObjectVersionWire;
  CreatedAt: string;
  UpdatedAt: string;
  Name?: string;
  Labels?: Record<string, string>;
  Spec: TaskSpecWire;
  ServiceID: string;
  /** The replica's number in a replicated service; absent for global ones. */
  Slot?: number;
  /** Empty until the task is assigned a node. */
  NodeID?: string;
  Status: {
    Timestamp: string;
    State: TaskStateWire;
    Message: string;
    Err?: string;
    /** Set once the node has made the task's container; its id is for that node's own engine. */
    ContainerStatus?: { ContainerID?: string; PID?: number; ExitCode?: number };
    PortStatus?: unknown;
  };
  DesiredState: TaskStateWire;
  NetworksAttachments?: unknown[];
  [key: string]: unknown;
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

/** POST /containers/{id}/exec, body */
export interface ExecCreateWire {
  Cmd: string[];
  Env?: string[];
  WorkingDir?: string;
  User?: string;
  Tty?: boolean;
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
}

/** POST /containers/{id}/exec, answer */
export interface ExecCreateResponse {
  Id: string;
}

/** GET /exec/{id}/json, answer (the fields Wharf reads) */
export interface ExecInspectWire {
  ID: string;
  Running: boolean;
  /** null while the process runs. */
  ExitCode: number | null;
  ContainerID: string;
  /** 0 when the process never started (the program could not be run). */
  Pid: number;
  ProcessConfig?: { tty: boolean; entrypoint: string; arguments: string[] };
}

/** GET /images/json, one entry */
export interface ImageSummaryWire {
  Id: string;
  ParentId: string;
  RepoTags: string[] | null;
  RepoDigests: string[] | null;
  /** Unix seconds. */
  Created: number;
  Size: number;
  VirtualSize?: number;
  SharedSize: number;
  Labels: Record<string, string> | null;
  Containers: number;
}

/** GET /images/{name}/json (the fields Wharf reads; the whole document is passed on as it came) */
export interface ImageInspectWire {
  Id: string;
  RepoTags: string[] | null;
  RepoDigests: string[] | null;
  Parent: string;
  Comment: string;
  /** RFC 3339 with nanoseconds. */
  Created: string;
  Size: number;
  VirtualSize?: number;
  Config: ImageConfigWire | null;
  ContainerConfig?: ImageConfigWire | null;
  [key: string]: unknown;
}

/** An image's Config and ContainerConfig (the fields Wharf reads) */
export interface ImageConfigWire {
  Labels?: Record<string, string> | null;
  Cmd?: string[] | null;
  Env?: string[] | null;
  [key: string]: unknown;
}

/** GET /images/{name}/history, one layer, newest first */
export interface ImageHistoryWire {
  /** `<missing>` for layers built elsewhere. */
  Id: string;
  /** Unix seconds. */
  Created: number;
  CreatedBy: string;
  Tags: string[] | null;
  Size: number;
  Comment: string;
}

/** DELETE /images/{name} and POST /images/prune: one untagged name or one deleted id */
export interface ImageDeleteWire {
  Untagged?: string;
  Deleted?: string;
}

/** POST /images/prune, answer */
export interface ImagePruneWire {
  ImagesDeleted: ImageDeleteWire[] | null;
  SpaceReclaimed: number;
}

/** One line of the engine's progress stream (pull, push, build, import) */
export interface ProgressWire {
  id?: string;
  status?: string;
  progress?: string;
  progressDetail?: { current?: number; total?: number };
  /** Push: the pushed tag's digest; build: the built image's id. */
  aux?: { Tag?: string; Digest?: string; Size?: number; ID?: string };
  stream?: string;
  error?: string;
  errorDetail?: { code?: number; message?: string };
}
