// The dashboard's GraphQL operations, typed by codegen into ./gql (run `npm run codegen` after changing one).
//
// Each is exported as its text (`.toString()`), which urql takes as a query string while TypeScript
// still reads the operation's result and variables off it.
import { graphql } from './gql/index.js';

/** The engines' names come along (no engine call): with more than one the list gets its engine column and filter. */
export const DashboardContainers = graphql(`
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
`).toString();

/** One /_ping per engine: what tells the page that an engine went away or came back, which no event does. */
export const DashboardReachable = graphql(`
  query DashboardReachable {
    engines {
      name
      reachable
    }
  }
`).toString();

export const DashboardEngines = graphql(`
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
`).toString();

/** The container events that change what the list shows; exec_* and attach do not. */
export const DashboardEvents = graphql(`
  subscription DashboardEvents($since: DateTime) {
    events(
      since: $since
      filters: {
        type: ["container"]
        event: ["create", "start", "restart", "die", "stop", "kill", "pause", "unpause", "rename", "destroy", "oom"]
      }
    ) {
      action
      actorId
      time
    }
  }
`).toString();

export const DashboardLogs = graphql(`
  subscription DashboardLogs($id: String!, $tail: Int) {
    containerLogs(id: $id, tail: $tail) {
      stream
      timestamp
      message
    }
  }
`).toString();

export const DashboardStart = graphql(`
  mutation DashboardStart($id: String!) {
    startContainer(id: $id) {
      id
      state
      status
    }
  }
`).toString();

export const DashboardStop = graphql(`
  mutation DashboardStop($id: String!) {
    stopContainer(id: $id) {
      id
      state
      status
    }
  }
`).toString();

export const DashboardRestart = graphql(`
  mutation DashboardRestart($id: String!) {
    restartContainer(id: $id) {
      id
      state
      status
    }
  }
`).toString();

export const DashboardRemove = graphql(`
  mutation DashboardRemove($id: String!, $force: Boolean) {
    removeContainer(id: $id, force: $force)
  }
`).toString();

/** Which engines manage a swarm (Engine.swarm is null on the others): the swarm tab shows only when one does. */
export const DashboardSwarmManagers = graphql(`
  query DashboardSwarmManagers {
    engines {
      name
      swarm {
        id
      }
    }
  }
`).toString();

/** One manager's swarm: its nodes, and its services with their tasks and each task's container on its node's engine. */
export const DashboardSwarm = graphql(`
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
`).toString();

/** What a manager says of its services (create, update, remove: a scale is an update) and nodes (a node down or back). */
export const DashboardSwarmEvents = graphql(`
  subscription DashboardSwarmEvents($engine: String!, $since: DateTime) {
    events(engine: $engine, since: $since, filters: { type: ["service", "node"] }) {
      type
      action
      time
    }
  }
`).toString();

/** A task's container starting or ending, on whichever engine is its node: what moves a service's running count. */
export const DashboardTaskContainerEvents = graphql(`
  subscription DashboardTaskContainerEvents($since: DateTime) {
    events(
      since: $since
      filters: { type: ["container"], label: ["com.docker.swarm.service.id"], event: ["start", "die", "destroy", "oom"] }
    ) {
      action
      time
    }
  }
`).toString();

export const DashboardScaleService = graphql(`
  mutation DashboardScaleService($engine: String!, $id: String!, $replicas: Int!) {
    scaleService(engine: $engine, id: $id, replicas: $replicas) {
      id
      replicas
      runningTasks
    }
  }
`).toString();

/** Every engine's networks, each with its endpoints' containers (fields enough to open one's log pane). */
export const DashboardNetworks = graphql(`
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
`).toString();

/** Every engine's volumes, with the containers that mount each and the size /system/df gives it. */
export const DashboardVolumes = graphql(`
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
`).toString();

export const DashboardRemoveNetwork = graphql(`
  mutation DashboardRemoveNetwork($engine: String!, $id: String!) {
    removeNetwork(engine: $engine, id: $id)
  }
`).toString();

export const DashboardRemoveVolume = graphql(`
  mutation DashboardRemoveVolume($engine: String!, $name: String!) {
    removeVolume(engine: $engine, name: $name)
  }
`).toString();

export const DashboardPruneContainers = graphql(`
  mutation DashboardPruneContainers($engine: String!) {
    pruneContainers(engine: $engine) {
      deleted
      spaceReclaimed
    }
  }
`).toString();

export const DashboardPruneNetworks = graphql(`
  mutation DashboardPruneNetworks($engine: String!) {
    pruneNetworks(engine: $engine) {
      deleted
      spaceReclaimed
    }
  }
`).toString();

export const DashboardPruneVolumes = graphql(`
  mutation DashboardPruneVolumes($engine: String!) {
    pruneVolumes(engine: $engine) {
      deleted
      spaceReclaimed
    }
  }
`).toString();

/** Every engine's images, with the containers created from each (fields enough to open one's log pane). */
export const DashboardImages = graphql(`
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
`).toString();

export const DashboardRemoveImage = graphql(`
  mutation DashboardRemoveImage($engine: String!, $ref: String!) {
    removeImage(engine: $engine, ref: $ref) {
      untagged
      deleted
    }
  }
`).toString();

export const DashboardPruneImages = graphql(`
  mutation DashboardPruneImages($engine: String!) {
    pruneImages(engine: $engine) {
      deleted
      spaceReclaimed
    }
  }
`).toString();

/** A pull's progress on one engine (the first configured one when none is named), event by event; it completes when the pull ends, or fails with the engine's error. */
export const DashboardImagePull = graphql(`
  subscription DashboardImagePull($ref: String!, $engine: String) {
    imagePull(ref: $ref, engine: $engine) {
      id
      status
      current
      total
      error
    }
  }
`).toString();
