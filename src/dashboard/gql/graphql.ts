/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type ContainerState =
  | 'CREATED'
  | 'DEAD'
  | 'EXITED'
  | 'PAUSED'
  | 'REMOVING'
  | 'RESTARTING'
  | 'RUNNING';

export type LogStream =
  | 'STDERR'
  | 'STDOUT';

export type DashboardContainersQueryVariables = Exact<{
  engine?: string | null | undefined;
}>;


export type DashboardContainersQuery = { engines: Array<{ name: string }>, containers: Array<{ id: string, name: string, image: string, state: ContainerState, status: string, engine: { name: string } }> };

export type DashboardReachableQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardReachableQuery = { engines: Array<{ name: string, reachable: boolean }> };

export type DashboardEnginesQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardEnginesQuery = { engines: Array<{ name: string, reachable: boolean, version: string | null, apiVersion: string | null, os: string | null, arch: string | null, info: { name: string, ncpu: number, memTotal: number, containers: number, containersRunning: number, containersPaused: number, containersStopped: number, images: number, swarmState: string } | null, diskUsage: { layersSize: number, reclaimable: number, buildCacheSize: number, images: Array<{ id: string }>, containers: Array<{ id: string }>, volumes: Array<{ name: string }> } | null }> };

export type DashboardEventsSubscriptionVariables = Exact<{
  since?: string | null | undefined;
}>;


export type DashboardEventsSubscription = { events: { action: string, actorId: string, time: string } };

export type DashboardLogsSubscriptionVariables = Exact<{
  id: string;
  tail?: number | null | undefined;
}>;


export type DashboardLogsSubscription = { containerLogs: { stream: LogStream, timestamp: string, message: string } };

export type DashboardStartMutationVariables = Exact<{
  id: string;
}>;


export type DashboardStartMutation = { startContainer: { id: string, state: ContainerState, status: string } };

export type DashboardStopMutationVariables = Exact<{
  id: string;
}>;


export type DashboardStopMutation = { stopContainer: { id: string, state: ContainerState, status: string } };

export type DashboardRestartMutationVariables = Exact<{
  id: string;
}>;


export type DashboardRestartMutation = { restartContainer: { id: string, state: ContainerState, status: string } };

export type DashboardRemoveMutationVariables = Exact<{
  id: string;
  force?: boolean | null | undefined;
}>;


export type DashboardRemoveMutation = { removeContainer: string };

export type DashboardSwarmManagersQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardSwarmManagersQuery = { engines: Array<{ name: string, swarm: { id: string } | null }> };

export type DashboardSwarmQueryVariables = Exact<{
  engine: string;
}>;


export type DashboardSwarmQuery = { engine: { name: string, swarm: { id: string, nodes: Array<{ id: string, hostname: string, role: string, state: string, availability: string, managerStatus: string | null, engine: { name: string } | null }>, services: Array<{ id: string, name: string, image: string, mode: string, replicas: number | null, runningTasks: number, updateState: string | null, tasks: Array<{ id: string, slot: number | null, state: string, desiredState: string, error: string | null, node: { id: string } | null, container: { id: string, name: string, image: string, state: ContainerState, status: string, engine: { name: string } } | null }> }> } | null } };

export type DashboardSwarmEventsSubscriptionVariables = Exact<{
  engine: string;
  since?: string | null | undefined;
}>;


export type DashboardSwarmEventsSubscription = { events: { type: string, action: string, time: string } };

export type DashboardTaskContainerEventsSubscriptionVariables = Exact<{
  since?: string | null | undefined;
}>;


export type DashboardTaskContainerEventsSubscription = { events: { action: string, time: string } };

export type DashboardScaleServiceMutationVariables = Exact<{
  engine: string;
  id: string;
  replicas: number;
}>;


export type DashboardScaleServiceMutation = { scaleService: { id: string, replicas: number | null, runningTasks: number } };

export type DashboardNetworksQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardNetworksQuery = { engines: Array<{ name: string }>, networks: Array<{ id: string, name: string, driver: string, scope: string, internal: boolean, engine: { name: string }, ipam: Array<{ subnet: string | null, gateway: string | null }>, containers: Array<{ name: string, ipv4Address: string | null, container: { id: string, name: string, image: string, state: ContainerState, status: string, engine: { name: string } } | null }> }> };

export type DashboardVolumesQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardVolumesQuery = { engines: Array<{ name: string }>, volumes: Array<{ name: string, driver: string, mountpoint: string, engine: { name: string }, usage: { size: number, refCount: number } | null, containers: Array<{ id: string, name: string, image: string, state: ContainerState, status: string, engine: { name: string } }> }> };

export type DashboardRemoveNetworkMutationVariables = Exact<{
  engine: string;
  id: string;
}>;


export type DashboardRemoveNetworkMutation = { removeNetwork: string };

export type DashboardRemoveVolumeMutationVariables = Exact<{
  engine: string;
  name: string;
}>;


export type DashboardRemoveVolumeMutation = { removeVolume: string };

export type DashboardPruneContainersMutationVariables = Exact<{
  engine: string;
}>;


export type DashboardPruneContainersMutation = { pruneContainers: { deleted: Array<string>, spaceReclaimed: number } };

export type DashboardPruneNetworksMutationVariables = Exact<{
  engine: string;
}>;


export type DashboardPruneNetworksMutation = { pruneNetworks: { deleted: Array<string>, spaceReclaimed: number } };

export type DashboardPruneVolumesMutationVariables = Exact<{
  engine: string;
}>;


export type DashboardPruneVolumesMutation = { pruneVolumes: { deleted: Array<string>, spaceReclaimed: number } };

export type DashboardImagesQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardImagesQuery = { engines: Array<{ name: string }>, images: Array<{ id: string, shortId: string, repoTags: Array<string>, createdAt: string, size: number, engine: { name: string }, containers: Array<{ id: string, name: string, image: string, state: ContainerState, status: string, engine: { name: string } }> }> };

export type DashboardRemoveImageMutationVariables = Exact<{
  engine: string;
  ref: string;
}>;


export type DashboardRemoveImageMutation = { removeImage: Array<{ untagged: string | null, deleted: string | null }> };

export type DashboardPruneImagesMutationVariables = Exact<{
  engine: string;
}>;


export type DashboardPruneImagesMutation = { pruneImages: { deleted: Array<string>, spaceReclaimed: number } };

export type DashboardImagePullSubscriptionVariables = Exact<{
  ref: string;
  engine?: string | null | undefined;
}>;


export type DashboardImagePullSubscription = { imagePull: { id: string | null, status: string, current: number | null, total: number | null, error: string | null } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const DashboardContainersDocument = new TypedDocumentString(`
    query DashboardContainers($engine: String) {
  engines {
    name
  }
  containers(all: true, engine: $engine) {
    id
    name
    image
    state
    status
    engine {
      name
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardContainersQuery, DashboardContainersQueryVariables>;
export const DashboardReachableDocument = new TypedDocumentString(`
    query DashboardReachable {
  engines {
    name
    reachable
  }
}
    `) as unknown as TypedDocumentString<DashboardReachableQuery, DashboardReachableQueryVariables>;
export const DashboardEnginesDocument = new TypedDocumentString(`
    query DashboardEngines {
  engines {
    name
    reachable
    version
    apiVersion
    os
    arch
    info {
      name
      ncpu
      memTotal
      containers
      containersRunning
      containersPaused
      containersStopped
      images
      swarmState
    }
    diskUsage {
      layersSize
      reclaimable
      buildCacheSize
      images {
        id
      }
      containers {
        id
      }
      volumes {
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardEnginesQuery, DashboardEnginesQueryVariables>;
export const DashboardEventsDocument = new TypedDocumentString(`
    subscription DashboardEvents($since: DateTime) {
  events(
    since: $since
    filters: {type: ["container"], event: ["create", "start", "restart", "die", "stop", "kill", "pause", "unpause", "rename", "destroy", "oom"]}
  ) {
    action
    actorId
    time
  }
}
    `) as unknown as TypedDocumentString<DashboardEventsSubscription, DashboardEventsSubscriptionVariables>;
export const DashboardLogsDocument = new TypedDocumentString(`
    subscription DashboardLogs($id: String!, $tail: Int) {
  containerLogs(id: $id, tail: $tail) {
    stream
    timestamp
    message
  }
}
    `) as unknown as TypedDocumentString<DashboardLogsSubscription, DashboardLogsSubscriptionVariables>;
export const DashboardStartDocument = new TypedDocumentString(`
    mutation DashboardStart($id: String!) {
  startContainer(id: $id) {
    id
    state
    status
  }
}
    `) as unknown as TypedDocumentString<DashboardStartMutation, DashboardStartMutationVariables>;
export const DashboardStopDocument = new TypedDocumentString(`
    mutation DashboardStop($id: String!) {
  stopContainer(id: $id) {
    id
    state
    status
  }
}
    `) as unknown as TypedDocumentString<DashboardStopMutation, DashboardStopMutationVariables>;
export const DashboardRestartDocument = new TypedDocumentString(`
    mutation DashboardRestart($id: String!) {
  restartContainer(id: $id) {
    id
    state
    status
  }
}
    `) as unknown as TypedDocumentString<DashboardRestartMutation, DashboardRestartMutationVariables>;
export const DashboardRemoveDocument = new TypedDocumentString(`
    mutation DashboardRemove($id: String!, $force: Boolean) {
  removeContainer(id: $id, force: $force)
}
    `) as unknown as TypedDocumentString<DashboardRemoveMutation, DashboardRemoveMutationVariables>;
export const DashboardSwarmManagersDocument = new TypedDocumentString(`
    query DashboardSwarmManagers {
  engines {
    name
    swarm {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardSwarmManagersQuery, DashboardSwarmManagersQueryVariables>;
export const DashboardSwarmDocument = new TypedDocumentString(`
    query DashboardSwarm($engine: String!) {
  engine(name: $engine) {
    name
    swarm {
      id
      nodes {
        id
        hostname
        role
        state
        availability
        managerStatus
        engine {
          name
        }
      }
      services {
        id
        name
        image
        mode
        replicas
        runningTasks
        updateState
        tasks {
          id
          slot
          state
          desiredState
          error
          node {
            id
          }
          container {
            id
            name
            image
            state
            status
            engine {
              name
            }
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardSwarmQuery, DashboardSwarmQueryVariables>;
export const DashboardSwarmEventsDocument = new TypedDocumentString(`
    subscription DashboardSwarmEvents($engine: String!, $since: DateTime) {
  events(engine: $engine, since: $since, filters: {type: ["service", "node"]}) {
    type
    action
    time
  }
}
    `) as unknown as TypedDocumentString<DashboardSwarmEventsSubscription, DashboardSwarmEventsSubscriptionVariables>;
export const DashboardTaskContainerEventsDocument = new TypedDocumentString(`
    subscription DashboardTaskContainerEvents($since: DateTime) {
  events(
    since: $since
    filters: {type: ["container"], label: ["com.docker.swarm.service.id"], event: ["start", "die", "destroy", "oom"]}
  ) {
    action
    time
  }
}
    `) as unknown as TypedDocumentString<DashboardTaskContainerEventsSubscription, DashboardTaskContainerEventsSubscriptionVariables>;
export const DashboardScaleServiceDocument = new TypedDocumentString(`
    mutation DashboardScaleService($engine: String!, $id: String!, $replicas: Int!) {
  scaleService(engine: $engine, id: $id, replicas: $replicas) {
    id
    replicas
    runningTasks
  }
}
    `) as unknown as TypedDocumentString<DashboardScaleServiceMutation, DashboardScaleServiceMutationVariables>;
export const DashboardNetworksDocument = new TypedDocumentString(`
    query DashboardNetworks {
  engines {
    name
  }
  networks {
    id
    name
    driver
    scope
    internal
    engine {
      name
    }
    ipam {
      subnet
      gateway
    }
    containers {
      name
      ipv4Address
      container {
        id
        name
        image
        state
        status
        engine {
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardNetworksQuery, DashboardNetworksQueryVariables>;
export const DashboardVolumesDocument = new TypedDocumentString(`
    query DashboardVolumes {
  engines {
    name
  }
  volumes {
    name
    driver
    mountpoint
    engine {
      name
    }
    usage {
      size
      refCount
    }
    containers {
      id
      name
      image
      state
      status
      engine {
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardVolumesQuery, DashboardVolumesQueryVariables>;
export const DashboardRemoveNetworkDocument = new TypedDocumentString(`
    mutation DashboardRemoveNetwork($engine: String!, $id: String!) {
  removeNetwork(engine: $engine, id: $id)
}
    `) as unknown as TypedDocumentString<DashboardRemoveNetworkMutation, DashboardRemoveNetworkMutationVariables>;
export const DashboardRemoveVolumeDocument = new TypedDocumentString(`
    mutation DashboardRemoveVolume($engine: String!, $name: String!) {
  removeVolume(engine: $engine, name: $name)
}
    `) as unknown as TypedDocumentString<DashboardRemoveVolumeMutation, DashboardRemoveVolumeMutationVariables>;
export const DashboardPruneContainersDocument = new TypedDocumentString(`
    mutation DashboardPruneContainers($engine: String!) {
  pruneContainers(engine: $engine) {
    deleted
    spaceReclaimed
  }
}
    `) as unknown as TypedDocumentString<DashboardPruneContainersMutation, DashboardPruneContainersMutationVariables>;
export const DashboardPruneNetworksDocument = new TypedDocumentString(`
    mutation DashboardPruneNetworks($engine: String!) {
  pruneNetworks(engine: $engine) {
    deleted
    spaceReclaimed
  }
}
    `) as unknown as TypedDocumentString<DashboardPruneNetworksMutation, DashboardPruneNetworksMutationVariables>;
export const DashboardPruneVolumesDocument = new TypedDocumentString(`
    mutation DashboardPruneVolumes($engine: String!) {
  pruneVolumes(engine: $engine) {
    deleted
    spaceReclaimed
  }
}
    `) as unknown as TypedDocumentString<DashboardPruneVolumesMutation, DashboardPruneVolumesMutationVariables>;
export const DashboardImagesDocument = new TypedDocumentString(`
    query DashboardImages {
  engines {
    name
  }
  images {
    id
    shortId
    repoTags
    createdAt
    size
    engine {
      name
    }
    containers {
      id
      name
      image
      state
      status
      engine {
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardImagesQuery, DashboardImagesQueryVariables>;
export const DashboardRemoveImageDocument = new TypedDocumentString(`
    mutation DashboardRemoveImage($engine: String!, $ref: String!) {
  removeImage(engine: $engine, ref: $ref) {
    untagged
    deleted
  }
}
    `) as unknown as TypedDocumentString<DashboardRemoveImageMutation, DashboardRemoveImageMutationVariables>;
export const DashboardPruneImagesDocument = new TypedDocumentString(`
    mutation DashboardPruneImages($engine: String!) {
  pruneImages(engine: $engine) {
    deleted
    spaceReclaimed
  }
}
    `) as unknown as TypedDocumentString<DashboardPruneImagesMutation, DashboardPruneImagesMutationVariables>;
export const DashboardImagePullDocument = new TypedDocumentString(`
    subscription DashboardImagePull($ref: String!, $engine: String) {
  imagePull(ref: $ref, engine: $engine) {
    id
    status
    current
    total
    error
  }
}
    `) as unknown as TypedDocumentString<DashboardImagePullSubscription, DashboardImagePullSubscriptionVariables>;