/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query DashboardContainers($engine: String) {\n    engines {\n      name\n    }\n    containers(all: true, engine: $engine) {\n      id\n      name\n      image\n      state\n      status\n      engine {\n        name\n      }\n    }\n  }\n": typeof types.DashboardContainersDocument,
    "\n  query DashboardReachable {\n    engines {\n      name\n      reachable\n    }\n  }\n": typeof types.DashboardReachableDocument,
    "\n  query DashboardEngines {\n    engines {\n      name\n      reachable\n      version\n      apiVersion\n      os\n      arch\n      info {\n        name\n        ncpu\n        memTotal\n        containers\n        containersRunning\n        containersPaused\n        containersStopped\n        images\n        swarmState\n      }\n      diskUsage {\n        layersSize\n        reclaimable\n        buildCacheSize\n        images {\n          id\n        }\n        containers {\n          id\n        }\n        volumes {\n          name\n        }\n      }\n    }\n  }\n": typeof types.DashboardEnginesDocument,
    "\n  subscription DashboardEvents($since: DateTime) {\n    events(\n      since: $since\n      filters: {\n        type: [\"container\"]\n        event: [\"create\", \"start\", \"restart\", \"die\", \"stop\", \"kill\", \"pause\", \"unpause\", \"rename\", \"destroy\", \"oom\"]\n      }\n    ) {\n      action\n      actorId\n      time\n    }\n  }\n": typeof types.DashboardEventsDocument,
    "\n  subscription DashboardLogs($id: String!, $tail: Int) {\n    containerLogs(id: $id, tail: $tail) {\n      stream\n      timestamp\n      message\n    }\n  }\n": typeof types.DashboardLogsDocument,
    "\n  mutation DashboardStart($id: String!) {\n    startContainer(id: $id) {\n      id\n      state\n      status\n    }\n  }\n": typeof types.DashboardStartDocument,
    "\n  mutation DashboardStop($id: String!) {\n    stopContainer(id: $id) {\n      id\n      state\n      status\n    }\n  }\n": typeof types.DashboardStopDocument,
    "\n  mutation DashboardRestart($id: String!) {\n    restartContainer(id: $id) {\n      id\n      state\n      status\n    }\n  }\n": typeof types.DashboardRestartDocument,
    "\n  mutation DashboardRemove($id: String!, $force: Boolean) {\n    removeContainer(id: $id, force: $force)\n  }\n": typeof types.DashboardRemoveDocument,
    "\n  query DashboardSwarmManagers {\n    engines {\n      name\n      swarm {\n        id\n      }\n    }\n  }\n": typeof types.DashboardSwarmManagersDocument,
    "\n  query DashboardSwarm($engine: String!) {\n    engine(name: $engine) {\n      name\n      swarm {\n        id\n        nodes {\n          id\n          hostname\n          role\n          state\n          availability\n          managerStatus\n          engine {\n            name\n          }\n        }\n        services {\n          id\n          name\n          image\n          mode\n          replicas\n          runningTasks\n          updateState\n          tasks {\n            id\n            slot\n            state\n            desiredState\n            error\n            node {\n              id\n            }\n            container {\n              id\n              name\n              image\n              state\n              status\n              engine {\n                name\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.DashboardSwarmDocument,
    "\n  subscription DashboardSwarmEvents($engine: String!, $since: DateTime) {\n    events(engine: $engine, since: $since, filters: { type: [\"service\", \"node\"] }) {\n      type\n      action\n      time\n    }\n  }\n": typeof types.DashboardSwarmEventsDocument,
    "\n  subscription DashboardTaskContainerEvents($since: DateTime) {\n    events(\n      since: $since\n      filters: { type: [\"container\"], label: [\"com.docker.swarm.service.id\"], event: [\"start\", \"die\", \"destroy\", \"oom\"] }\n    ) {\n      action\n      time\n    }\n  }\n": typeof types.DashboardTaskContainerEventsDocument,
    "\n  mutation DashboardScaleService($engine: String!, $id: String!, $replicas: Int!) {\n    scaleService(engine: $engine, id: $id, replicas: $replicas) {\n      id\n      replicas\n      runningTasks\n    }\n  }\n": typeof types.DashboardScaleServiceDocument,
    "\n  query DashboardNetworks {\n    engines {\n      name\n    }\n    networks {\n      id\n      name\n      driver\n      scope\n      internal\n      engine {\n        name\n      }\n      ipam {\n        subnet\n        gateway\n      }\n      containers {\n        name\n        ipv4Address\n        container {\n          id\n          name\n          image\n          state\n          status\n          engine {\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.DashboardNetworksDocument,
    "\n  query DashboardVolumes {\n    engines {\n      name\n    }\n    volumes {\n      name\n      driver\n      mountpoint\n      engine {\n        name\n      }\n      usage {\n        size\n        refCount\n      }\n      containers {\n        id\n        name\n        image\n        state\n        status\n        engine {\n          name\n        }\n      }\n    }\n  }\n": typeof types.DashboardVolumesDocument,
    "\n  mutation DashboardRemoveNetwork($engine: String!, $id: String!) {\n    removeNetwork(engine: $engine, id: $id)\n  }\n": typeof types.DashboardRemoveNetworkDocument,
    "\n  mutation DashboardRemoveVolume($engine: String!, $name: String!) {\n    removeVolume(engine: $engine, name: $name)\n  }\n": typeof types.DashboardRemoveVolumeDocument,
    "\n  mutation DashboardPruneContainers($engine: String!) {\n    pruneContainers(engine: $engine) {\n      deleted\n      spaceReclaimed\n    }\n  }\n": typeof types.DashboardPruneContainersDocument,
    "\n  mutation DashboardPruneNetworks($engine: String!) {\n    pruneNetworks(engine: $engine) {\n      deleted\n      spaceReclaimed\n    }\n  }\n": typeof types.DashboardPruneNetworksDocument,
    "\n  mutation DashboardPruneVolumes($engine: String!) {\n    pruneVolumes(engine: $engine) {\n      deleted\n      spaceReclaimed\n    }\n  }\n": typeof types.DashboardPruneVolumesDocument,
    "\n  query DashboardImages {\n    engines {\n      name\n    }\n    images {\n      id\n      shortId\n      repoTags\n      createdAt\n      size\n      engine {\n        name\n      }\n      containers {\n        id\n        name\n        image\n        state\n        status\n        engine {\n          name\n        }\n      }\n    }\n  }\n": typeof types.DashboardImagesDocument,
    "\n  mutation DashboardRemoveImage($engine: String!, $ref: String!) {\n    removeImage(engine: $engine, ref: $ref) {\n      untagged\n      deleted\n    }\n  }\n": typeof types.DashboardRemoveImageDocument,
    "\n  mutation DashboardPruneImages($engine: String!) {\n    pruneImages(engine: $engine) {\n      deleted\n      spaceReclaimed\n    }\n  }\n": typeof types.DashboardPruneImagesDocument,
    "\n  subscription DashboardImagePull($ref: String!, $engine: String) {\n    imagePull(ref: $ref, engine: $engine) {\n      id\n      status\n      current\n      total\n      error\n    }\n  }\n": typeof types.DashboardImagePullDocument,
};
const documents: Documents = {
    "\n  query DashboardContainers($engine: String) {\n    engines {\n      name\n    }\n    containers(all: true, engine: $engine) {\n      id\n      name\n      image\n      state\n      status\n      engine {\n        name\n      }\n    }\n  }\n": types.DashboardContainersDocument,
    "\n  query DashboardReachable {\n    engines {\n      name\n      reachable\n    }\n  }\n": types.DashboardReachableDocument,
    "\n  query DashboardEngines {\n    engines {\n      name\n      reachable\n      version\n      apiVersion\n      os\n      arch\n      info {\n        name\n        ncpu\n        memTotal\n        containers\n        containersRunning\n        containersPaused\n        containersStopped\n        images\n        swarmState\n      }\n      diskUsage {\n        layersSize\n        reclaimable\n        buildCacheSize\n        images {\n          id\n        }\n        containers {\n          id\n        }\n        volumes {\n          name\n        }\n      }\n    }\n  }\n": types.DashboardEnginesDocument,
    "\n  subscription DashboardEvents($since: DateTime) {\n    events(\n      since: $since\n      filters: {\n        type: [\"container\"]\n        event: [\"create\", \"start\", \"restart\", \"die\", \"stop\", \"kill\", \"pause\", \"unpause\", \"rename\", \"destroy\", \"oom\"]\n      }\n    ) {\n      action\n      actorId\n      time\n    }\n  }\n": types.DashboardEventsDocument,
    "\n  subscription DashboardLogs($id: String!, $tail: Int) {\n    containerLogs(id: $id, tail: $tail) {\n      stream\n      timestamp\n      message\n    }\n  }\n": types.DashboardLogsDocument,
    "\n  mutation DashboardStart($id: String!) {\n    startContainer(id: $id) {\n      id\n      state\n      status\n    }\n  }\n": types.DashboardStartDocument,
    "\n  mutation DashboardStop($id: String!) {\n    stopContainer(id: $id) {\n      id\n      state\n      status\n    }\n  }\n": types.DashboardStopDocument,
    "\n  mutation DashboardRestart($id: String!) {\n    restartContainer(id: $id) {\n      id\n      state\n      status\n    }\n  }\n": types.DashboardRestartDocument,
    "\n  mutation DashboardRemove($id: String!, $force: Boolean) {\n    removeContainer(id: $id, force: $force)\n  }\n": types.DashboardRemoveDocument,
    "\n  query DashboardSwarmManagers {\n    engines {\n      name\n      swarm {\n        id\n      }\n    }\n  }\n": types.DashboardSwarmManagersDocument,
    "\n  query DashboardSwarm($engine: String!) {\n    engine(name: $engine) {\n      name\n      swarm {\n        id\n        nodes {\n          id\n          hostname\n          role\n          state\n          availability\n          managerStatus\n          engine {\n            name\n          }\n        }\n        services {\n          id\n          name\n          image\n          mode\n          replicas\n          runningTasks\n          updateState\n          tasks {\n            id\n            slot\n            state\n            desiredState\n            error\n            node {\n              id\n            }\n            container {\n              id\n              name\n              image\n              state\n              status\n              engine {\n                name\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.DashboardSwarmDocument,
    "\n  subscription DashboardSwarmEvents($engine: String!, $since: DateTime) {\n    events(engine: $engine, since: $since, filters: { type: [\"service\", \"node\"] }) {\n      type\n      action\n      time\n    }\n  }\n": types.DashboardSwarmEventsDocument,
    "\n  subscription DashboardTaskContainerEvents($since: DateTime) {\n    events(\n      since: $since\n      filters: { type: [\"container\"], label: [\"com.docker.swarm.service.id\"], event: [\"start\", \"die\", \"destroy\", \"oom\"] }\n    ) {\n      action\n      time\n    }\n  }\n": types.DashboardTaskContainerEventsDocument,
    "\n  mutation DashboardScaleService($engine: String!, $id: String!, $replicas: Int!) {\n    scaleService(engine: $engine, id: $id, replicas: $replicas) {\n      id\n      replicas\n      runningTasks\n    }\n  }\n": types.DashboardScaleServiceDocument,
    "\n  query DashboardNetworks {\n    engines {\n      name\n    }\n    networks {\n      id\n      name\n      driver\n      scope\n      internal\n      engine {\n        name\n      }\n      ipam {\n        subnet\n        gateway\n      }\n      containers {\n        name\n        ipv4Address\n        container {\n          id\n          name\n          image\n          state\n          status\n          engine {\n            name\n          }\n        }\n      }\n    }\n  }\n": types.DashboardNetworksDocument,
    "\n  query DashboardVolumes {\n    engines {\n      name\n    }\n    volumes {\n      name\n      driver\n      mountpoint\n      engine {\n        name\n      }\n      usage {\n        size\n        refCount\n      }\n      containers {\n        id\n        name\n        image\n        state\n        status\n        engine {\n          name\n        }\n      }\n    }\n  }\n": types.DashboardVolumesDocument,
    "\n  mutation DashboardRemoveNetwork($engine: String!, $id: String!) {\n    removeNetwork(engine: $engine, id: $id)\n  }\n": types.DashboardRemoveNetworkDocument,
    "\n  mutation DashboardRemoveVolume($engine: String!, $name: String!) {\n    removeVolume(engine: $engine, name: $name)\n  }\n": types.DashboardRemoveVolumeDocument,
    "\n  mutation DashboardPruneContainers($engine: String!) {\n    pruneContainers(engine: $engine) {\n      deleted\n      spaceReclaimed\n    }\n  }\n": types.DashboardPruneContainersDocument,
    "\n  mutation DashboardPruneNetworks($engine: String!) {\n    pruneNetworks(engine: $engine) {\n      deleted\n      spaceReclaimed\n    }\n  }\n": types.DashboardPruneNetworksDocument,
    "\n  mutation DashboardPruneVolumes($engine: String!) {\n    pruneVolumes(engine: $engine) {\n      deleted\n      spaceReclaimed\n    }\n  }\n": types.DashboardPruneVolumesDocument,
    "\n  query DashboardImages {\n    engines {\n      name\n    }\n    images {\n      id\n      shortId\n      repoTags\n      createdAt\n      size\n      engine {\n        name\n      }\n      containers {\n        id\n        name\n        image\n        state\n        status\n        engine {\n          name\n        }\n      }\n    }\n  }\n": types.DashboardImagesDocument,
    "\n  mutation DashboardRemoveImage($engine: String!, $ref: String!) {\n    removeImage(engine: $engine, ref: $ref) {\n      untagged\n      deleted\n    }\n  }\n": types.DashboardRemoveImageDocument,
    "\n  mutation DashboardPruneImages($engine: String!) {\n    pruneImages(engine: $engine) {\n      deleted\n      spaceReclaimed\n    }\n  }\n": types.DashboardPruneImagesDocument,
    "\n  subscription DashboardImagePull($ref: String!, $engine: String) {\n    imagePull(ref: $ref, engine: $engine) {\n      id\n      status\n      current\n      total\n      error\n    }\n  }\n": types.DashboardImagePullDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardContainers($engine: String) {\n    engines {\n      name\n    }\n    containers(all: true, engine: $engine) {\n      id\n      name\n      image\n      state\n      status\n      engine {\n        name\n      }\n    }\n  }\n"): typeof import('./graphql.js').DashboardContainersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardReachable {\n    engines {\n      name\n      reachable\n    }\n  }\n"): typeof import('./graphql.js').DashboardReachableDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardEngines {\n    engines {\n      name\n      reachable\n      version\n      apiVersion\n      os\n      arch\n      info {\n        name\n        ncpu\n        memTotal\n        containers\n        containersRunning\n        containersPaused\n        containersStopped\n        images\n        swarmState\n      }\n      diskUsage {\n        layersSize\n        reclaimable\n        buildCacheSize\n        images {\n          id\n        }\n        containers {\n          id\n        }\n        volumes {\n          name\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').DashboardEnginesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardEvents($since: DateTime) {\n    events(\n      since: $since\n      filters: {\n        type: [\"container\"]\n        event: [\"create\", \"start\", \"restart\", \"die\", \"stop\", \"kill\", \"pause\", \"unpause\", \"rename\", \"destroy\", \"oom\"]\n      }\n    ) {\n      action\n      actorId\n      time\n    }\n  }\n"): typeof import('./graphql.js').DashboardEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardLogs($id: String!, $tail: Int) {\n    containerLogs(id: $id, tail: $tail) {\n      stream\n      timestamp\n      message\n    }\n  }\n"): typeof import('./graphql.js').DashboardLogsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardStart($id: String!) {\n    startContainer(id: $id) {\n      id\n      state\n      status\n    }\n  }\n"): typeof import('./graphql.js').DashboardStartDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardStop($id: String!) {\n    stopContainer(id: $id) {\n      id\n      state\n      status\n    }\n  }\n"): typeof import('./graphql.js').DashboardStopDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardRestart($id: String!) {\n    restartContainer(id: $id) {\n      id\n      state\n      status\n    }\n  }\n"): typeof import('./graphql.js').DashboardRestartDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardRemove($id: String!, $force: Boolean) {\n    removeContainer(id: $id, force: $force)\n  }\n"): typeof import('./graphql.js').DashboardRemoveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardSwarmManagers {\n    engines {\n      name\n      swarm {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql.js').DashboardSwarmManagersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardSwarm($engine: String!) {\n    engine(name: $engine) {\n      name\n      swarm {\n        id\n        nodes {\n          id\n          hostname\n          role\n          state\n          availability\n          managerStatus\n          engine {\n            name\n          }\n        }\n        services {\n          id\n          name\n          image\n          mode\n          replicas\n          runningTasks\n          updateState\n          tasks {\n            id\n            slot\n            state\n            desiredState\n            error\n            node {\n              id\n            }\n            container {\n              id\n              name\n              image\n              state\n              status\n              engine {\n                name\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').DashboardSwarmDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardSwarmEvents($engine: String!, $since: DateTime) {\n    events(engine: $engine, since: $since, filters: { type: [\"service\", \"node\"] }) {\n      type\n      action\n      time\n    }\n  }\n"): typeof import('./graphql.js').DashboardSwarmEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardTaskContainerEvents($since: DateTime) {\n    events(\n      since: $since\n      filters: { type: [\"container\"], label: [\"com.docker.swarm.service.id\"], event: [\"start\", \"die\", \"destroy\", \"oom\"] }\n    ) {\n      action\n      time\n    }\n  }\n"): typeof import('./graphql.js').DashboardTaskContainerEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardScaleService($engine: String!, $id: String!, $replicas: Int!) {\n    scaleService(engine: $engine, id: $id, replicas: $replicas) {\n      id\n      replicas\n      runningTasks\n    }\n  }\n"): typeof import('./graphql.js').DashboardScaleServiceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardNetworks {\n    engines {\n      name\n    }\n    networks {\n      id\n      name\n      driver\n      scope\n      internal\n      engine {\n        name\n      }\n      ipam {\n        subnet\n        gateway\n      }\n      containers {\n        name\n        ipv4Address\n        container {\n          id\n          name\n          image\n          state\n          status\n          engine {\n            name\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').DashboardNetworksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardVolumes {\n    engines {\n      name\n    }\n    volumes {\n      name\n      driver\n      mountpoint\n      engine {\n        name\n      }\n      usage {\n        size\n        refCount\n      }\n      containers {\n        id\n        name\n        image\n        state\n        status\n        engine {\n          name\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').DashboardVolumesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardRemoveNetwork($engine: String!, $id: String!) {\n    removeNetwork(engine: $engine, id: $id)\n  }\n"): typeof import('./graphql.js').DashboardRemoveNetworkDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardRemoveVolume($engine: String!, $name: String!) {\n    removeVolume(engine: $engine, name: $name)\n  }\n"): typeof import('./graphql.js').DashboardRemoveVolumeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardPruneContainers($engine: String!) {\n    pruneContainers(engine: $engine) {\n      deleted\n      spaceReclaimed\n    }\n  }\n"): typeof import('./graphql.js').DashboardPruneContainersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardPruneNetworks($engine: String!) {\n    pruneNetworks(engine: $engine) {\n      deleted\n      spaceReclaimed\n    }\n  }\n"): typeof import('./graphql.js').DashboardPruneNetworksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardPruneVolumes($engine: String!) {\n    pruneVolumes(engine: $engine) {\n      deleted\n      spaceReclaimed\n    }\n  }\n"): typeof import('./graphql.js').DashboardPruneVolumesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardImages {\n    engines {\n      name\n    }\n    images {\n      id\n      shortId\n      repoTags\n      createdAt\n      size\n      engine {\n        name\n      }\n      containers {\n        id\n        name\n        image\n        state\n        status\n        engine {\n          name\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').DashboardImagesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardRemoveImage($engine: String!, $ref: String!) {\n    removeImage(engine: $engine, ref: $ref) {\n      untagged\n      deleted\n    }\n  }\n"): typeof import('./graphql.js').DashboardRemoveImageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardPruneImages($engine: String!) {\n    pruneImages(engine: $engine) {\n      deleted\n      spaceReclaimed\n    }\n  }\n"): typeof import('./graphql.js').DashboardPruneImagesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardImagePull($ref: String!, $engine: String) {\n    imagePull(ref: $ref, engine: $engine) {\n      id\n      status\n      current\n      total\n      error\n    }\n  }\n"): typeof import('./graphql.js').DashboardImagePullDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
