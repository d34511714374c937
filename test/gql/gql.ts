/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

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
    "\n  query MatrixContainers($name: String!) {\n    containers(all: true, filters: { name: [$name] }) {\n      id\n      name\n      state\n    }\n  }\n": typeof types.MatrixContainersDocument,
    "\n  query MatrixInspect($id: String!) {\n    container(id: $id) {\n      id\n      inspect {\n        config {\n          env\n        }\n        raw\n      }\n    }\n  }\n": typeof types.MatrixInspectDocument,
    "\n  subscription MatrixLogs($id: String!) {\n    containerLogs(id: $id) {\n      stream\n      message\n    }\n  }\n": typeof types.MatrixLogsDocument,
    "\n  mutation MatrixStart($id: String!) {\n    startContainer(id: $id) { id state }\n  }\n": typeof types.MatrixStartDocument,
    "\n  mutation MatrixStop($id: String!, $timeout: Int) {\n    stopContainer(id: $id, timeout: $timeout) { id state }\n  }\n": typeof types.MatrixStopDocument,
    "\n  mutation MatrixRestart($id: String!, $timeout: Int) {\n    restartContainer(id: $id, timeout: $timeout) { id state }\n  }\n": typeof types.MatrixRestartDocument,
    "\n  mutation MatrixKill($id: String!) {\n    killContainer(id: $id) { id state }\n  }\n": typeof types.MatrixKillDocument,
    "\n  mutation MatrixPause($id: String!) {\n    pauseContainer(id: $id) { id state }\n  }\n": typeof types.MatrixPauseDocument,
    "\n  mutation MatrixUnpause($id: String!) {\n    unpauseContainer(id: $id) { id state }\n  }\n": typeof types.MatrixUnpauseDocument,
    "\n  mutation MatrixRename($id: String!, $name: String!) {\n    renameContainer(id: $id, name: $name) { id name }\n  }\n": typeof types.MatrixRenameDocument,
    "\n  mutation MatrixCreate($input: CreateContainerInput!) {\n    createContainer(input: $input) { id name state }\n  }\n": typeof types.MatrixCreateDocument,
    "\n  mutation MatrixRemove($id: String!) {\n    removeContainer(id: $id, force: true)\n  }\n": typeof types.MatrixRemoveDocument,
    "\n  query BoundedLogs($id: String!, $tail: Int) {\n    container(id: $id) {\n      id\n      logs(tail: $tail) {\n        message\n      }\n    }\n  }\n": typeof types.BoundedLogsDocument,
    "\n    query InspectedBounded($id: String!) {\n      container(id: $id) {\n        id\n        inspect {\n          path\n        }\n      }\n    }\n  ": typeof types.InspectedBoundedDocument,
    "\n  query BatchingSummaries($label: [String!]) {\n    containers(all: true, filters: { label: $label }) {\n      id\n      shortId\n      name\n      names\n      image\n      imageId\n      command\n      createdAt\n      state\n      status\n      labels { key value }\n      ports { ip privatePort publicPort type }\n      exportUrl\n    }\n  }\n": typeof types.BatchingSummariesDocument,
    "\n  query BatchingNestedInspect($label: [String!]) {\n    containers(all: true, filters: { label: $label }) {\n      id\n      inspect { path args state { status } config { cmd } }\n    }\n  }\n": typeof types.BatchingNestedInspectDocument,
    "\n  query BatchingAliases($a: String!, $b: String!, $c: String!) {\n    a: container(id: $a) { id inspect { path } }\n    b: container(id: $b) { id name inspect { config { cmd } } }\n    c: container(id: $c) { id state inspect { state { status } } }\n  }\n": typeof types.BatchingAliasesDocument,
    "\n  query BatchingLogsAndInspect($id: String!) {\n    container(id: $id) {\n      id\n      inspect { path }\n      logs { message }\n    }\n  }\n": typeof types.BatchingLogsAndInspectDocument,
    "\n  query BatchingListedLogsAndInspect($label: [String!]) {\n    containers(all: true, filters: { label: $label }) {\n      id\n      inspect { config { tty } }\n      logs { message }\n    }\n  }\n": typeof types.BatchingListedLogsAndInspectDocument,
    "\n  query BatchingInspectOne($id: String!) {\n    container(id: $id) { id inspect { path } }\n  }\n": typeof types.BatchingInspectOneDocument,
    "\n  mutation DashboardImagesPush($ref: String!) {\n    pushImage(ref: $ref)\n  }\n": typeof types.DashboardImagesPushDocument,
    "\n  query ListContainers($all: Boolean, $filters: ContainerFilters) {\n    containers(all: $all, filters: $filters) {\n      id\n      shortId\n      name\n      names\n      image\n      imageId\n      command\n      createdAt\n      state\n      status\n      labels { key value }\n    }\n  }\n": typeof types.ListContainersDocument,
    "\n  query ContainerByRef($id: String!) {\n    container(id: $id) { id name state }\n  }\n": typeof types.ContainerByRefDocument,
    "\n  mutation PolicyCreate($input: CreateContainerInput!) {\n    createContainer(input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.PolicyCreateDocument,
    "query DownContainers { containers(all: true) { id name state } }": typeof types.DownContainersDocument,
    "query DownContainer($id: String!) { container(id: $id) { id state inspect { path } } }": typeof types.DownContainerDocument,
    "query DownEngine { engine { version apiVersion } }": typeof types.DownEngineDocument,
    "query DownLogs($id: String!) { container(id: $id) { logs { message } } }": typeof types.DownLogsDocument,
    "mutation DownStart($id: String!) { startContainer(id: $id) { id state } }": typeof types.DownStartDocument,
    "\n  query EngineVersion {\n    engine { version apiVersion os arch kernelVersion }\n  }\n": typeof types.EngineVersionDocument,
    "\n  query ListContainerIds {\n    containers(all: true) { id }\n  }\n": typeof types.ListContainerIdsDocument,
    "\n  query EngineContainers($engine: String) {\n    containers(all: true, engine: $engine) { id name createdAt engine { name } }\n  }\n": typeof types.EngineContainersDocument,
    "\n  query EngineContainer($id: String!) {\n    container(id: $id) { id name engine { name } inspect { raw } }\n  }\n": typeof types.EngineContainerDocument,
    "\n  query EngineList { engines { name reachable version apiVersion } }\n": typeof types.EngineListDocument,
    "\n  query OneEngine($name: String) { engine(name: $name) { name version } }\n": typeof types.OneEngineDocument,
    "\n  mutation EngineStop($id: String!) { stopContainer(id: $id, timeout: 0) { id state engine { name } } }\n": typeof types.EngineStopDocument,
    "\n  mutation EngineCreate($input: CreateContainerInput!) { createContainer(input: $input) { id name engine { name } } }\n": typeof types.EngineCreateDocument,
    "\n  subscription EngineLogs($id: String!) { containerLogs(id: $id) { message } }\n": typeof types.EngineLogsDocument,
    "\n  subscription EngineEvents($filters: EventFilters) { events(filters: $filters) { action actorId engine { name } } }\n": typeof types.EngineEventsDocument,
    "\n  query EngineSystem($name: String) {\n    engine(name: $name) {\n      info { name serverVersion ncpu memTotal containers containersStopped images swarmNodeId swarmState }\n      diskUsage { layersSize reclaimable images { id containers } containers { id state sizeRw } }\n    }\n  }\n": typeof types.EngineSystemDocument,
    "\n  query SwarmEngines {\n    engines {\n      name\n      swarm { id engine { name } nodes { id role state managerStatus engine { name } } }\n    }\n  }\n": typeof types.SwarmEnginesDocument,
    "\n  query SwarmService($id: String!) {\n    engine(name: \"beta\") {\n      swarm {\n        service(id: $id) {\n          id name image mode replicas runningTasks engine { name }\n          tasks {\n            id slot state desiredState image containerId\n            service { id }\n            node { id engine { name } }\n            container { id engine { name } inspect { raw } }\n          }\n        }\n      }\n    }\n  }\n": typeof types.SwarmServiceDocument,
    "\n  query SwarmMemo($id: String!) {\n    engine(name: \"beta\") {\n      swarm {\n        nodes { id }\n        service(id: $id) {\n          tasks {\n            service { id runningTasks }\n            node { id engine { name } tasks { id } }\n            container { id engine { name } }\n          }\n        }\n      }\n    }\n  }\n": typeof types.SwarmMemoDocument,
    "\n  query SwarmServices($name: String!) {\n    engine(name: \"beta\") { swarm { services(filters: { name: [$name] }) { id name labels { key value } inspect } } }\n  }\n": typeof types.SwarmServicesDocument,
    "\n  mutation SwarmCreate($input: CreateServiceInput!) {\n    createService(input: $input) { id name image mode replicas engine { name } }\n  }\n": typeof types.SwarmCreateDocument,
    "\n  mutation SwarmScale($id: String!, $replicas: Int!, $engine: String) {\n    scaleService(id: $id, replicas: $replicas, engine: $engine) { id replicas }\n  }\n": typeof types.SwarmScaleDocument,
    "\n  mutation SwarmUpdate($id: String!, $input: UpdateServiceInput!) {\n    updateService(id: $id, input: $input) { id image labels { key value } }\n  }\n": typeof types.SwarmUpdateDocument,
    "\n  mutation SwarmRemove($id: String!, $engine: String) { removeService(id: $id, engine: $engine) }\n": typeof types.SwarmRemoveDocument,
    "\n  subscription SwarmLogs($id: String!) { serviceLogs(id: $id) { stream message taskId nodeId timestamp } }\n": typeof types.SwarmLogsDocument,
    "mutation ErrorsStart($id: String!) { startContainer(id: $id) { id } }": typeof types.ErrorsStartDocument,
    "mutation ErrorsStop($id: String!, $timeout: Int) { stopContainer(id: $id, timeout: $timeout) { id } }": typeof types.ErrorsStopDocument,
    "mutation ErrorsRestart($id: String!, $timeout: Int) { restartContainer(id: $id, timeout: $timeout) { id } }": typeof types.ErrorsRestartDocument,
    "mutation ErrorsKill($id: String!, $signal: String) { killContainer(id: $id, signal: $signal) { id } }": typeof types.ErrorsKillDocument,
    "mutation ErrorsPause($id: String!) { pauseContainer(id: $id) { id } }": typeof types.ErrorsPauseDocument,
    "mutation ErrorsUnpause($id: String!) { unpauseContainer(id: $id) { id } }": typeof types.ErrorsUnpauseDocument,
    "mutation ErrorsRename($id: String!, $name: String!) { renameContainer(id: $id, name: $name) { id } }": typeof types.ErrorsRenameDocument,
    "mutation ErrorsRemove($id: String!, $force: Boolean) { removeContainer(id: $id, force: $force) }": typeof types.ErrorsRemoveDocument,
    "mutation ErrorsCreate($input: CreateContainerInput!) { createContainer(input: $input) { id } }": typeof types.ErrorsCreateDocument,
    "query ErrorsTop($id: String!, $psArgs: String) { container(id: $id) { top(psArgs: $psArgs) { titles } } }": typeof types.ErrorsTopDocument,
    "\n  query ErrorsLogs($id: String!, $tail: Int, $since: DateTime) {\n    container(id: $id) { logs(tail: $tail, since: $since) { message } }\n  }\n": typeof types.ErrorsLogsDocument,
    "query ErrorsList($limit: Int) { containers(all: true, limit: $limit) { id } }": typeof types.ErrorsListDocument,
    "query ErrorsContainer($id: String!) { container(id: $id) { id inspect { path } } }": typeof types.ErrorsContainerDocument,
    "query ErrorsEngine { engine { version apiVersion } }": typeof types.ErrorsEngineDocument,
    "\n  mutation Exec($id: String!, $cmd: [String!]!, $env: [String!], $workingDir: String, $user: String, $stdin: String) {\n    execInContainer(id: $id, cmd: $cmd, env: $env, workingDir: $workingDir, user: $user, stdin: $stdin) {\n      exitCode\n      stdout\n      stderr\n      truncated\n    }\n  }\n": typeof types.ExecDocument,
    "\n  query ContainerExportUrl($id: String!) {\n    container(id: $id) { id exportUrl }\n  }\n": typeof types.ContainerExportUrlDocument,
    "\n    query HardeningDashboard($name: String!) {\n      engine { version apiVersion os arch kernelVersion }\n      containers(all: true, filters: { name: [$name] }) {\n        id shortId name image state status createdAt\n        labels { key value }\n        ports { ip privatePort publicPort type }\n        stats { cpuPercent memoryUsage memoryLimit memoryPercent networkRxBytes networkTxBytes }\n        inspect {\n          restartCount\n          state { status running paused exitCode startedAt finishedAt }\n          config { image cmd env }\n          hostConfig { networkMode privileged restartPolicy { name maximumRetryCount } }\n          mounts { type source destination rw }\n        }\n      }\n    }\n  ": typeof types.HardeningDashboardDocument,
    "\n  mutation RegistryPull($ref: String!, $auth: RegistryAuthInput) {\n    pullImage(ref: $ref, registryAuth: $auth) { id repoTags repoDigests }\n  }\n": typeof types.RegistryPullDocument,
    "\n  mutation RegistryPush($ref: String!, $auth: RegistryAuthInput) {\n    pushImage(ref: $ref, registryAuth: $auth)\n  }\n": typeof types.RegistryPushDocument,
    "\n  subscription RegistryPullProgress($ref: String!) {\n    imagePull(ref: $ref) { id status current total error }\n  }\n": typeof types.RegistryPullProgressDocument,
    "\n  mutation RegistryCreate($input: CreateContainerInput!) {\n    createContainer(input: $input) { id imageId }\n  }\n": typeof types.RegistryCreateDocument,
    "\n  query ListImages($all: Boolean, $filters: ImageFilters) {\n    images(all: $all, filters: $filters) {\n      id\n      shortId\n      repoTags\n      repoDigests\n      createdAt\n      size\n      labels { key value }\n      engine { name }\n    }\n  }\n": typeof types.ListImagesDocument,
    "\n  query ImageByRef($ref: String!) {\n    image(ref: $ref) {\n      id\n      shortId\n      repoTags\n      createdAt\n      size\n      inspect\n      history { id createdAt createdBy size tags comment }\n      containers { id }\n    }\n  }\n": typeof types.ImageByRefDocument,
    "\n  mutation TagImage($ref: String!, $repo: String!, $tag: String) {\n    tagImage(ref: $ref, repo: $repo, tag: $tag) { id repoTags }\n  }\n": typeof types.TagImageDocument,
    "\n  mutation RemoveImage($ref: String!, $force: Boolean) {\n    removeImage(ref: $ref, force: $force) { untagged deleted }\n  }\n": typeof types.RemoveImageDocument,
    "\n  mutation PruneImages($dangling: Boolean, $engine: String) {\n    pruneImages(dangling: $dangling, engine: $engine) { deleted spaceReclaimed }\n  }\n": typeof types.PruneImagesDocument,
    "\n  query ImageEngine($ref: String!, $engine: String) {\n    image(ref: $ref, engine: $engine) { id engine { name } }\n  }\n": typeof types.ImageEngineDocument,
    "\n  query EngineImages($engine: String, $filters: ImageFilters) {\n    images(engine: $engine, filters: $filters) { id engine { name } }\n  }\n": typeof types.EngineImagesDocument,
    "\n  mutation PullImage($ref: String!) {\n    pullImage(ref: $ref) { id }\n  }\n": typeof types.PullImageDocument,
    "\n  query InspectBasics($id: String!) {\n    container(id: $id) {\n      id\n      inspect { path args restartCount }\n    }\n  }\n": typeof types.InspectBasicsDocument,
    "\n  query InspectState($id: String!) {\n    container(id: $id) {\n      inspect {\n        state { status running paused restarting oomKilled dead pid exitCode error startedAt finishedAt }\n      }\n    }\n  }\n": typeof types.InspectStateDocument,
    "\n  query InspectConfig($id: String!) {\n    container(id: $id) {\n      inspect {\n        config {\n          hostname\n          user\n          image\n          workingDir\n          env\n          cmd\n          entrypoint\n          tty\n          openStdin\n          exposedPorts\n          volumes\n          labels { key value }\n        }\n      }\n    }\n  }\n": typeof types.InspectConfigDocument,
    "\n  query InspectHostConfig($id: String!) {\n    container(id: $id) {\n      inspect {\n        hostConfig {\n          binds\n          portBindings { containerPort hostIp hostPort }\n          publishAllPorts\n          privileged\n          networkMode\n          autoRemove\n          restartPolicy { name maximumRetryCount }\n          memory\n        }\n      }\n    }\n  }\n": typeof types.InspectHostConfigDocument,
    "\n  query InspectMounts($id: String!) {\n    container(id: $id) {\n      inspect {\n        mounts { type name source destination driver mode rw propagation }\n      }\n    }\n  }\n": typeof types.InspectMountsDocument,
    "\n  query InspectRaw($id: String!) {\n    container(id: $id) { inspect { raw } }\n  }\n": typeof types.InspectRawDocument,
    "\n  query InspectFromList($filters: ContainerFilters) {\n    containers(all: true, filters: $filters) { id inspect { path raw } }\n  }\n": typeof types.InspectFromListDocument,
    "\n  query ContainerSummary($id: String!) {\n    container(id: $id) {\n      id\n      shortId\n      name\n      names\n      image\n      imageId\n      command\n      createdAt\n      state\n      status\n      labels { key value }\n      ports { ip privatePort publicPort type }\n      exportUrl\n    }\n  }\n": typeof types.ContainerSummaryDocument,
    "\n  subscription FanoutLogLines($id: String!, $tail: Int) {\n    containerLogs(id: $id, tail: $tail) {\n      timestamp\n      message\n    }\n  }\n": typeof types.FanoutLogLinesDocument,
    "\n  subscription FanoutLogBatches($id: String!, $tail: Int) {\n    containerLogBatches(id: $id, tail: $tail) {\n      timestamp\n      message\n    }\n  }\n": typeof types.FanoutLogBatchesDocument,
    "\n  subscription LiveLogLines($id: String!, $stdout: Boolean, $stderr: Boolean, $since: DateTime, $tail: Int) {\n    containerLogs(id: $id, stdout: $stdout, stderr: $stderr, since: $since, tail: $tail) {\n      stream\n      timestamp\n      message\n    }\n  }\n": typeof types.LiveLogLinesDocument,
    "\n  subscription LiveLogBatches($id: String!, $tail: Int, $maxLines: Int, $maxDelayMs: Int) {\n    containerLogBatches(id: $id, tail: $tail, maxLines: $maxLines, maxDelayMs: $maxDelayMs) {\n      stream\n      timestamp\n      message\n    }\n  }\n": typeof types.LiveLogBatchesDocument,
    "\n  query LiveLogsContainers($filters: ContainerFilters) {\n    containers(all: true, filters: $filters) {\n      id\n      name\n      state\n    }\n  }\n": typeof types.LiveLogsContainersDocument,
    "\n  subscription ShapedLogBatches($id: String!) {\n    lines: containerLogBatches(id: $id, maxLines: 2) {\n      __typename\n      ...LineText\n      ... on LogLine {\n        from: stream\n      }\n      timestamp\n    }\n  }\n  fragment LineText on LogLine {\n    text: message\n    message\n  }\n": typeof types.ShapedLogBatchesDocument,
    "\n  subscription ShapedLogBatchesInclude($id: String!, $withTime: Boolean!) {\n    lines: containerLogBatches(id: $id, maxLines: 2) {\n      __typename\n      ...LineText\n      ... on LogLine {\n        from: stream\n      }\n      timestamp @include(if: $withTime)\n    }\n  }\n": typeof types.ShapedLogBatchesIncludeDocument,
    "\n  query ContainerLogs($id: String!, $stdout: Boolean, $stderr: Boolean, $since: DateTime, $until: DateTime, $tail: Int) {\n    container(id: $id) {\n      logs(stdout: $stdout, stderr: $stderr, since: $since, until: $until, tail: $tail) {\n        stream\n        timestamp\n        message\n      }\n    }\n  }\n": typeof types.ContainerLogsDocument,
    "\n  fragment LifecycleContainer on Container {\n    id\n    name\n    state\n    status\n    inspect {\n      restartCount\n      state { status running paused restarting oomKilled dead pid exitCode error startedAt finishedAt }\n    }\n  }\n": typeof types.LifecycleContainerFragmentDoc,
    "\n  mutation LifecycleCreate($input: CreateContainerInput!) {\n    createContainer(input: $input) {\n      ...LifecycleContainer\n      inspect {\n        path\n        args\n        config {\n          hostname user image workingDir env cmd entrypoint tty openStdin exposedPorts volumes\n          labels { key value }\n        }\n        hostConfig {\n          binds\n          portBindings { containerPort hostIp hostPort }\n          publishAllPorts privileged networkMode autoRemove\n          restartPolicy { name maximumRetryCount }\n          memory memorySwap nanoCpus cpuShares pidsLimit capAdd capDrop readonlyRootfs\n          mounts { type source target readOnly }\n          pidMode ipcMode utsMode\n        }\n      }\n    }\n  }\n": typeof types.LifecycleCreateDocument,
    "\n  mutation LifecycleStart($id: String!) {\n    startContainer(id: $id) { ...LifecycleContainer }\n  }\n": typeof types.LifecycleStartDocument,
    "\n  mutation LifecycleStop($id: String!, $timeout: Int) {\n    stopContainer(id: $id, timeout: $timeout) { ...LifecycleContainer }\n  }\n": typeof types.LifecycleStopDocument,
    "\n  mutation LifecycleRestart($id: String!, $timeout: Int) {\n    restartContainer(id: $id, timeout: $timeout) { ...LifecycleContainer }\n  }\n": typeof types.LifecycleRestartDocument,
    "\n  mutation LifecycleKill($id: String!, $signal: String) {\n    killContainer(id: $id, signal: $signal) { ...LifecycleContainer }\n  }\n": typeof types.LifecycleKillDocument,
    "\n  mutation LifecyclePause($id: String!) {\n    pauseContainer(id: $id) { ...LifecycleContainer }\n  }\n": typeof types.LifecyclePauseDocument,
    "\n  mutation LifecycleUnpause($id: String!) {\n    unpauseContainer(id: $id) { ...LifecycleContainer }\n  }\n": typeof types.LifecycleUnpauseDocument,
    "\n  mutation LifecycleRename($id: String!, $name: String!) {\n    renameContainer(id: $id, name: $name) { ...LifecycleContainer }\n  }\n": typeof types.LifecycleRenameDocument,
    "\n  mutation LifecycleRemove($id: String!, $force: Boolean, $volumes: Boolean) {\n    removeContainer(id: $id, force: $force, volumes: $volumes)\n  }\n": typeof types.LifecycleRemoveDocument,
    "\n  fragment NetworkFields on Network {\n    id\n    name\n    engine { name }\n    driver\n    scope\n    internal\n    attachable\n    enableIpv6\n    createdAt\n    labels { key value }\n    options { key value }\n    ipam { subnet gateway ipRange }\n    containers { name ipv4Address ipv6Address macAddress container { id name } }\n  }\n": typeof types.NetworkFieldsFragmentDoc,
    "\n  query ListNetworks($filters: NetworkFilters, $engine: String) {\n    networks(filters: $filters, engine: $engine) { ...NetworkFields }\n  }\n": typeof types.ListNetworksDocument,
    "\n  query OneNetwork($id: String!, $engine: String) {\n    network(id: $id, engine: $engine) { ...NetworkFields }\n  }\n": typeof types.OneNetworkDocument,
    "\n        query ContainerNetworks($id: String!) {\n          container(id: $id) {\n            networks { name networkId ipv4Address macAddress aliases network { id name containers { container { id } } } }\n          }\n        }\n      ": typeof types.ContainerNetworksDocument,
    "\n  mutation ShutdownStop($id: String!, $timeout: Int) {\n    stopContainer(id: $id, timeout: $timeout) { id state }\n  }\n": typeof types.ShutdownStopDocument,
    "\n  subscription ShutdownLogLines($id: String!, $tail: Int) {\n    containerLogs(id: $id, tail: $tail) {\n      message\n    }\n  }\n": typeof types.ShutdownLogLinesDocument,
    "\n  subscription StatsWatch($id: String!) {\n    containerStats(id: $id) { read cpuPercent memoryUsage memoryLimit memoryPercent pids }\n  }\n": typeof types.StatsWatchDocument,
    "\n  query StatsOneSample($id: String!) {\n    container(id: $id) {\n      stats { read cpuPercent memoryUsage memoryLimit memoryPercent pids }\n    }\n  }\n": typeof types.StatsOneSampleDocument,
    "\n  subscription EventsWatch($filters: EventFilters, $since: DateTime) {\n    events(filters: $filters, since: $since) {\n      type\n      action\n      actorId\n      attributes { key value }\n      time\n      container { id name }\n    }\n  }\n": typeof types.EventsWatchDocument,
    "\n  subscription CleanupFollowLog($id: String!, $tail: Int) {\n    containerLogs(id: $id, tail: $tail) { message }\n  }\n": typeof types.CleanupFollowLogDocument,
    "\n  query CleanupListContainerIds {\n    containers { id }\n  }\n": typeof types.CleanupListContainerIdsDocument,
    "\n  query ContainerTop($id: String!, $psArgs: String) {\n    container(id: $id) {\n      top(psArgs: $psArgs) {\n        titles\n        processes { pid ppid user command cells }\n      }\n    }\n  }\n": typeof types.ContainerTopDocument,
    "\n  query TutorialListAll {\n    containers(all: true) {\n      id\n      names\n      image\n      command\n      createdAt\n      state\n      status\n      ports { ip privatePort publicPort type }\n    }\n  }\n": typeof types.TutorialListAllDocument,
    "\n  mutation TutorialCreate($input: CreateContainerInput!) {\n    createContainer(input: $input) { id shortId state }\n  }\n": typeof types.TutorialCreateDocument,
    "\n  query TutorialInspect($id: String!) {\n    container(id: $id) {\n      id\n      name\n      inspect {\n        path\n        args\n        state { status running pid exitCode startedAt finishedAt }\n        config { hostname user env cmd entrypoint tty openStdin exposedPorts volumes workingDir }\n        hostConfig { binds portBindings { containerPort hostIp hostPort } publishAllPorts privileged networkMode }\n        raw\n      }\n    }\n  }\n": typeof types.TutorialInspectDocument,
    "\n  query TutorialTop($id: String!) {\n    container(id: $id) {\n      id\n      top { titles processes { pid ppid user command cells } }\n    }\n  }\n": typeof types.TutorialTopDocument,
    "\n  query TutorialLogs($id: String!) {\n    container(id: $id) {\n      id\n      logs(stdout: true, stderr: true) { stream timestamp message }\n    }\n  }\n": typeof types.TutorialLogsDocument,
    "\n  query TutorialExportUrl($id: String!) {\n    container(id: $id) { id exportUrl }\n  }\n": typeof types.TutorialExportUrlDocument,
    "\n  mutation TutorialStart($id: String!) {\n    startContainer(id: $id) { id inspect { state { startedAt } } }\n  }\n": typeof types.TutorialStartDocument,
    "\n  mutation TutorialStop($id: String!, $timeout: Int) {\n    stopContainer(id: $id, timeout: $timeout) { id state inspect { state { running exitCode finishedAt } } }\n  }\n": typeof types.TutorialStopDocument,
    "\n  mutation TutorialRestart($id: String!, $timeout: Int) {\n    restartContainer(id: $id, timeout: $timeout) { id state inspect { state { running pid startedAt } } }\n  }\n": typeof types.TutorialRestartDocument,
    "\n  mutation TutorialKill($id: String!) {\n    killContainer(id: $id) { id state status inspect { state { running exitCode } } }\n  }\n": typeof types.TutorialKillDocument,
    "\n  query TutorialPsA($id: String!) {\n    containers(all: true, filters: { id: [$id] }) { id image command state status name }\n  }\n": typeof types.TutorialPsADocument,
    "\n  fragment VolumeFields on Volume {\n    name\n    engine { name }\n    driver\n    mountpoint\n    scope\n    createdAt\n    labels { key value }\n    options { key value }\n    usage { size refCount }\n    containers { id name }\n  }\n": typeof types.VolumeFieldsFragmentDoc,
    "\n  query ListVolumes($filters: VolumeFilters, $engine: String) {\n    volumes(filters: $filters, engine: $engine) { ...VolumeFields }\n  }\n": typeof types.ListVolumesDocument,
    "\n  query OneVolume($name: String!, $engine: String) {\n    volume(name: $name, engine: $engine) { ...VolumeFields }\n  }\n": typeof types.OneVolumeDocument,
    "\n        query ContainerMounts($id: String!) {\n          container(id: $id) { mounts { type name source destination driver rw volume { name containers { id } } } }\n        }\n      ": typeof types.ContainerMountsDocument,
    "\n  subscription WsLimitsLogLines($id: String!) {\n    containerLogs(id: $id, tail: 0) {\n      message\n    }\n  }\n": typeof types.WsLimitsLogLinesDocument,
    "\n  query WsLimitsContainers($filters: ContainerFilters) {\n    containers(filters: $filters) {\n      id\n    }\n  }\n": typeof types.WsLimitsContainersDocument,
};
const documents: Documents = {
    "\n  query MatrixContainers($name: String!) {\n    containers(all: true, filters: { name: [$name] }) {\n      id\n      name\n      state\n    }\n  }\n": types.MatrixContainersDocument,
    "\n  query MatrixInspect($id: String!) {\n    container(id: $id) {\n      id\n      inspect {\n        config {\n          env\n        }\n        raw\n      }\n    }\n  }\n": types.MatrixInspectDocument,
    "\n  subscription MatrixLogs($id: String!) {\n    containerLogs(id: $id) {\n      stream\n      message\n    }\n  }\n": types.MatrixLogsDocument,
    "\n  mutation MatrixStart($id: String!) {\n    startContainer(id: $id) { id state }\n  }\n": types.MatrixStartDocument,
    "\n  mutation MatrixStop($id: String!, $timeout: Int) {\n    stopContainer(id: $id, timeout: $timeout) { id state }\n  }\n": types.MatrixStopDocument,
    "\n  mutation MatrixRestart($id: String!, $timeout: Int) {\n    restartContainer(id: $id, timeout: $timeout) { id state }\n  }\n": types.MatrixRestartDocument,
    "\n  mutation MatrixKill($id: String!) {\n    killContainer(id: $id) { id state }\n  }\n": types.MatrixKillDocument,
    "\n  mutation MatrixPause($id: String!) {\n    pauseContainer(id: $id) { id state }\n  }\n": types.MatrixPauseDocument,
    "\n  mutation MatrixUnpause($id: String!) {\n    unpauseContainer(id: $id) { id state }\n  }\n": types.MatrixUnpauseDocument,
    "\n  mutation MatrixRename($id: String!, $name: String!) {\n    renameContainer(id: $id, name: $name) { id name }\n  }\n": types.MatrixRenameDocument,
    "\n  mutation MatrixCreate($input: CreateContainerInput!) {\n    createContainer(input: $input) { id name state }\n  }\n": types.MatrixCreateDocument,
    "\n  mutation MatrixRemove($id: String!) {\n    removeContainer(id: $id, force: true)\n  }\n": types.MatrixRemoveDocument,
    "\n  query BoundedLogs($id: String!, $tail: Int) {\n    container(id: $id) {\n      id\n      logs(tail: $tail) {\n        message\n      }\n    }\n  }\n": types.BoundedLogsDocument,
    "\n    query InspectedBounded($id: String!) {\n      container(id: $id) {\n        id\n        inspect {\n          path\n        }\n      }\n    }\n  ": types.InspectedBoundedDocument,
    "\n  query BatchingSummaries($label: [String!]) {\n    containers(all: true, filters: { label: $label }) {\n      id\n      shortId\n      name\n      names\n      image\n      imageId\n      command\n      createdAt\n      state\n      status\n      labels { key value }\n      ports { ip privatePort publicPort type }\n      exportUrl\n    }\n  }\n": types.BatchingSummariesDocument,
    "\n  query BatchingNestedInspect($label: [String!]) {\n    containers(all: true, filters: { label: $label }) {\n      id\n      inspect { path args state { status } config { cmd } }\n    }\n  }\n": types.BatchingNestedInspectDocument,
    "\n  query BatchingAliases($a: String!, $b: String!, $c: String!) {\n    a: container(id: $a) { id inspect { path } }\n    b: container(id: $b) { id name inspect { config { cmd } } }\n    c: container(id: $c) { id state inspect { state { status } } }\n  }\n": types.BatchingAliasesDocument,
    "\n  query BatchingLogsAndInspect($id: String!) {\n    container(id: $id) {\n      id\n      inspect { path }\n      logs { message }\n    }\n  }\n": types.BatchingLogsAndInspectDocument,
    "\n  query BatchingListedLogsAndInspect($label: [String!]) {\n    containers(all: true, filters: { label: $label }) {\n      id\n      inspect { config { tty } }\n      logs { message }\n    }\n  }\n": types.BatchingListedLogsAndInspectDocument,
    "\n  query BatchingInspectOne($id: String!) {\n    container(id: $id) { id inspect { path } }\n  }\n": types.BatchingInspectOneDocument,
    "\n  mutation DashboardImagesPush($ref: String!) {\n    pushImage(ref: $ref)\n  }\n": types.DashboardImagesPushDocument,
    "\n  query ListContainers($all: Boolean, $filters: ContainerFilters) {\n    containers(all: $all, filters: $filters) {\n      id\n      shortId\n      name\n      names\n      image\n      imageId\n      command\n      createdAt\n      state\n      status\n      labels { key value }\n    }\n  }\n": types.ListContainersDocument,
    "\n  query ContainerByRef($id: String!) {\n    container(id: $id) { id name state }\n  }\n": types.ContainerByRefDocument,
    "\n  mutation PolicyCreate($input: CreateContainerInput!) {\n    createContainer(input: $input) {\n      id\n      name\n    }\n  }\n": types.PolicyCreateDocument,
    "query DownContainers { containers(all: true) { id name state } }": types.DownContainersDocument,
    "query DownContainer($id: String!) { container(id: $id) { id state inspect { path } } }": types.DownContainerDocument,
    "query DownEngine { engine { version apiVersion } }": types.DownEngineDocument,
    "query DownLogs($id: String!) { container(id: $id) { logs { message } } }": types.DownLogsDocument,
    "mutation DownStart($id: String!) { startContainer(id: $id) { id state } }": types.DownStartDocument,
    "\n  query EngineVersion {\n    engine { version apiVersion os arch kernelVersion }\n  }\n": types.EngineVersionDocument,
    "\n  query ListContainerIds {\n    containers(all: true) { id }\n  }\n": types.ListContainerIdsDocument,
    "\n  query EngineContainers($engine: String) {\n    containers(all: true, engine: $engine) { id name createdAt engine { name } }\n  }\n": types.EngineContainersDocument,
    "\n  query EngineContainer($id: String!) {\n    container(id: $id) { id name engine { name } inspect { raw } }\n  }\n": types.EngineContainerDocument,
    "\n  query EngineList { engines { name reachable version apiVersion } }\n": types.EngineListDocument,
    "\n  query OneEngine($name: String) { engine(name: $name) { name version } }\n": types.OneEngineDocument,
    "\n  mutation EngineStop($id: String!) { stopContainer(id: $id, timeout: 0) { id state engine { name } } }\n": types.EngineStopDocument,
    "\n  mutation EngineCreate($input: CreateContainerInput!) { createContainer(input: $input) { id name engine { name } } }\n": types.EngineCreateDocument,
    "\n  subscription EngineLogs($id: String!) { containerLogs(id: $id) { message } }\n": types.EngineLogsDocument,
    "\n  subscription EngineEvents($filters: EventFilters) { events(filters: $filters) { action actorId engine { name } } }\n": types.EngineEventsDocument,
    "\n  query EngineSystem($name: String) {\n    engine(name: $name) {\n      info { name serverVersion ncpu memTotal containers containersStopped images swarmNodeId swarmState }\n      diskUsage { layersSize reclaimable images { id containers } containers { id state sizeRw } }\n    }\n  }\n": types.EngineSystemDocument,
    "\n  query SwarmEngines {\n    engines {\n      name\n      swarm { id engine { name } nodes { id role state managerStatus engine { name } } }\n    }\n  }\n": types.SwarmEnginesDocument,
    "\n  query SwarmService($id: String!) {\n    engine(name: \"beta\") {\n      swarm {\n        service(id: $id) {\n          id name image mode replicas runningTasks engine { name }\n          tasks {\n            id slot state desiredState image containerId\n            service { id }\n            node { id engine { name } }\n            container { id engine { name } inspect { raw } }\n          }\n        }\n      }\n    }\n  }\n": types.SwarmServiceDocument,
    "\n  query SwarmMemo($id: String!) {\n    engine(name: \"beta\") {\n      swarm {\n        nodes { id }\n        service(id: $id) {\n          tasks {\n            service { id runningTasks }\n            node { id engine { name } tasks { id } }\n            container { id engine { name } }\n          }\n        }\n      }\n    }\n  }\n": types.SwarmMemoDocument,
    "\n  query SwarmServices($name: String!) {\n    engine(name: \"beta\") { swarm { services(filters: { name: [$name] }) { id name labels { key value } inspect } } }\n  }\n": types.SwarmServicesDocument,
    "\n  mutation SwarmCreate($input: CreateServiceInput!) {\n    createService(input: $input) { id name image mode replicas engine { name } }\n  }\n": types.SwarmCreateDocument,
    "\n  mutation SwarmScale($id: String!, $replicas: Int!, $engine: String) {\n    scaleService(id: $id, replicas: $replicas, engine: $engine) { id replicas }\n  }\n": types.SwarmScaleDocument,
    "\n  mutation SwarmUpdate($id: String!, $input: UpdateServiceInput!) {\n    updateService(id: $id, input: $input) { id image labels { key value } }\n  }\n": types.SwarmUpdateDocument,
    "\n  mutation SwarmRemove($id: String!, $engine: String) { removeService(id: $id, engine: $engine) }\n": types.SwarmRemoveDocument,
    "\n  subscription SwarmLogs($id: String!) { serviceLogs(id: $id) { stream message taskId nodeId timestamp } }\n": types.SwarmLogsDocument,
    "mutation ErrorsStart($id: String!) { startContainer(id: $id) { id } }": types.ErrorsStartDocument,
    "mutation ErrorsStop($id: String!, $timeout: Int) { stopContainer(id: $id, timeout: $timeout) { id } }": types.ErrorsStopDocument,
    "mutation ErrorsRestart($id: String!, $timeout: Int) { restartContainer(id: $id, timeout: $timeout) { id } }": types.ErrorsRestartDocument,
    "mutation ErrorsKill($id: String!, $signal: String) { killContainer(id: $id, signal: $signal) { id } }": types.ErrorsKillDocument,
    "mutation ErrorsPause($id: String!) { pauseContainer(id: $id) { id } }": types.ErrorsPauseDocument,
    "mutation ErrorsUnpause($id: String!) { unpauseContainer(id: $id) { id } }": types.ErrorsUnpauseDocument,
    "mutation ErrorsRename($id: String!, $name: String!) { renameContainer(id: $id, name: $name) { id } }": types.ErrorsRenameDocument,
    "mutation ErrorsRemove($id: String!, $force: Boolean) { removeContainer(id: $id, force: $force) }": types.ErrorsRemoveDocument,
    "mutation ErrorsCreate($input: CreateContainerInput!) { createContainer(input: $input) { id } }": types.ErrorsCreateDocument,
    "query ErrorsTop($id: String!, $psArgs: String) { container(id: $id) { top(psArgs: $psArgs) { titles } } }": types.ErrorsTopDocument,
    "\n  query ErrorsLogs($id: String!, $tail: Int, $since: DateTime) {\n    container(id: $id) { logs(tail: $tail, since: $since) { message } }\n  }\n": types.ErrorsLogsDocument,
    "query ErrorsList($limit: Int) { containers(all: true, limit: $limit) { id } }": types.ErrorsListDocument,
    "query ErrorsContainer($id: String!) { container(id: $id) { id inspect { path } } }": types.ErrorsContainerDocument,
    "query ErrorsEngine { engine { version apiVersion } }": types.ErrorsEngineDocument,
    "\n  mutation Exec($id: String!, $cmd: [String!]!, $env: [String!], $workingDir: String, $user: String, $stdin: String) {\n    execInContainer(id: $id, cmd: $cmd, env: $env, workingDir: $workingDir, user: $user, stdin: $stdin) {\n      exitCode\n      stdout\n      stderr\n      truncated\n    }\n  }\n": types.ExecDocument,
    "\n  query ContainerExportUrl($id: String!) {\n    container(id: $id) { id exportUrl }\n  }\n": types.ContainerExportUrlDocument,
    "\n    query HardeningDashboard($name: String!) {\n      engine { version apiVersion os arch kernelVersion }\n      containers(all: true, filters: { name: [$name] }) {\n        id shortId name image state status createdAt\n        labels { key value }\n        ports { ip privatePort publicPort type }\n        stats { cpuPercent memoryUsage memoryLimit memoryPercent networkRxBytes networkTxBytes }\n        inspect {\n          restartCount\n          state { status running paused exitCode startedAt finishedAt }\n          config { image cmd env }\n          hostConfig { networkMode privileged restartPolicy { name maximumRetryCount } }\n          mounts { type source destination rw }\n        }\n      }\n    }\n  ": types.HardeningDashboardDocument,
    "\n  mutation RegistryPull($ref: String!, $auth: RegistryAuthInput) {\n    pullImage(ref: $ref, registryAuth: $auth) { id repoTags repoDigests }\n  }\n": types.RegistryPullDocument,
    "\n  mutation RegistryPush($ref: String!, $auth: RegistryAuthInput) {\n    pushImage(ref: $ref, registryAuth: $auth)\n  }\n": types.RegistryPushDocument,
    "\n  subscription RegistryPullProgress($ref: String!) {\n    imagePull(ref: $ref) { id status current total error }\n  }\n": types.RegistryPullProgressDocument,
    "\n  mutation RegistryCreate($input: CreateContainerInput!) {\n    createContainer(input: $input) { id imageId }\n  }\n": types.RegistryCreateDocument,
    "\n  query ListImages($all: Boolean, $filters: ImageFilters) {\n    images(all: $all, filters: $filters) {\n      id\n      shortId\n      repoTags\n      repoDigests\n      createdAt\n      size\n      labels { key value }\n      engine { name }\n    }\n  }\n": types.ListImagesDocument,
    "\n  query ImageByRef($ref: String!) {\n    image(ref: $ref) {\n      id\n      shortId\n      repoTags\n      createdAt\n      size\n      inspect\n      history { id createdAt createdBy size tags comment }\n      containers { id }\n    }\n  }\n": types.ImageByRefDocument,
    "\n  mutation TagImage($ref: String!, $repo: String!, $tag: String) {\n    tagImage(ref: $ref, repo: $repo, tag: $tag) { id repoTags }\n  }\n": types.TagImageDocument,
    "\n  mutation RemoveImage($ref: String!, $force: Boolean) {\n    removeImage(ref: $ref, force: $force) { untagged deleted }\n  }\n": types.RemoveImageDocument,
    "\n  mutation PruneImages($dangling: Boolean, $engine: String) {\n    pruneImages(dangling: $dangling, engine: $engine) { deleted spaceReclaimed }\n  }\n": types.PruneImagesDocument,
    "\n  query ImageEngine($ref: String!, $engine: String) {\n    image(ref: $ref, engine: $engine) { id engine { name } }\n  }\n": types.ImageEngineDocument,
    "\n  query EngineImages($engine: String, $filters: ImageFilters) {\n    images(engine: $engine, filters: $filters) { id engine { name } }\n  }\n": types.EngineImagesDocument,
    "\n  mutation PullImage($ref: String!) {\n    pullImage(ref: $ref) { id }\n  }\n": types.PullImageDocument,
    "\n  query InspectBasics($id: String!) {\n    container(id: $id) {\n      id\n      inspect { path args restartCount }\n    }\n  }\n": types.InspectBasicsDocument,
    "\n  query InspectState($id: String!) {\n    container(id: $id) {\n      inspect {\n        state { status running paused restarting oomKilled dead pid exitCode error startedAt finishedAt }\n      }\n    }\n  }\n": types.InspectStateDocument,
    "\n  query InspectConfig($id: String!) {\n    container(id: $id) {\n      inspect {\n        config {\n          hostname\n          user\n          image\n          workingDir\n          env\n          cmd\n          entrypoint\n          tty\n          openStdin\n          exposedPorts\n          volumes\n          labels { key value }\n        }\n      }\n    }\n  }\n": types.InspectConfigDocument,
    "\n  query InspectHostConfig($id: String!) {\n    container(id: $id) {\n      inspect {\n        hostConfig {\n          binds\n          portBindings { containerPort hostIp hostPort }\n          publishAllPorts\n          privileged\n          networkMode\n          autoRemove\n          restartPolicy { name maximumRetryCount }\n          memory\n        }\n      }\n    }\n  }\n": types.InspectHostConfigDocument,
    "\n  query InspectMounts($id: String!) {\n    container(id: $id) {\n      inspect {\n        mounts { type name source destination driver mode rw propagation }\n      }\n    }\n  }\n": types.InspectMountsDocument,
    "\n  query InspectRaw($id: String!) {\n    container(id: $id) { inspect { raw } }\n  }\n": types.InspectRawDocument,
    "\n  query InspectFromList($filters: ContainerFilters) {\n    containers(all: true, filters: $filters) { id inspect { path raw } }\n  }\n": types.InspectFromListDocument,
    "\n  query ContainerSummary($id: String!) {\n    container(id: $id) {\n      id\n      shortId\n      name\n      names\n      image\n      imageId\n      command\n      createdAt\n      state\n      status\n      labels { key value }\n      ports { ip privatePort publicPort type }\n      exportUrl\n    }\n  }\n": types.ContainerSummaryDocument,
    "\n  subscription FanoutLogLines($id: String!, $tail: Int) {\n    containerLogs(id: $id, tail: $tail) {\n      timestamp\n      message\n    }\n  }\n": types.FanoutLogLinesDocument,
    "\n  subscription FanoutLogBatches($id: String!, $tail: Int) {\n    containerLogBatches(id: $id, tail: $tail) {\n      timestamp\n      message\n    }\n  }\n": types.FanoutLogBatchesDocument,
    "\n  subscription LiveLogLines($id: String!, $stdout: Boolean, $stderr: Boolean, $since: DateTime, $tail: Int) {\n    containerLogs(id: $id, stdout: $stdout, stderr: $stderr, since: $since, tail: $tail) {\n      stream\n      timestamp\n      message\n    }\n  }\n": types.LiveLogLinesDocument,
    "\n  subscription LiveLogBatches($id: String!, $tail: Int, $maxLines: Int, $maxDelayMs: Int) {\n    containerLogBatches(id: $id, tail: $tail, maxLines: $maxLines, maxDelayMs: $maxDelayMs) {\n      stream\n      timestamp\n      message\n    }\n  }\n": types.LiveLogBatchesDocument,
    "\n  query LiveLogsContainers($filters: ContainerFilters) {\n    containers(all: true, filters: $filters) {\n      id\n      name\n      state\n    }\n  }\n": types.LiveLogsContainersDocument,
    "\n  subscription ShapedLogBatches($id: String!) {\n    lines: containerLogBatches(id: $id, maxLines: 2) {\n      __typename\n      ...LineText\n      ... on LogLine {\n        from: stream\n      }\n      timestamp\n    }\n  }\n  fragment LineText on LogLine {\n    text: message\n    message\n  }\n": types.ShapedLogBatchesDocument,
    "\n  subscription ShapedLogBatchesInclude($id: String!, $withTime: Boolean!) {\n    lines: containerLogBatches(id: $id, maxLines: 2) {\n      __typename\n      ...LineText\n      ... on LogLine {\n        from: stream\n      }\n      timestamp @include(if: $withTime)\n    }\n  }\n": types.ShapedLogBatchesIncludeDocument,
    "\n  query ContainerLogs($id: String!, $stdout: Boolean, $stderr: Boolean, $since: DateTime, $until: DateTime, $tail: Int) {\n    container(id: $id) {\n      logs(stdout: $stdout, stderr: $stderr, since: $since, until: $until, tail: $tail) {\n        stream\n        timestamp\n        message\n      }\n    }\n  }\n": types.ContainerLogsDocument,
    "\n  fragment LifecycleContainer on Container {\n    id\n    name\n    state\n    status\n    inspect {\n      restartCount\n      state { status running paused restarting oomKilled dead pid exitCode error startedAt finishedAt }\n    }\n  }\n": types.LifecycleContainerFragmentDoc,
    "\n  mutation LifecycleCreate($input: CreateContainerInput!) {\n    createContainer(input: $input) {\n      ...LifecycleContainer\n      inspect {\n        path\n        args\n        config {\n          hostname user image workingDir env cmd entrypoint tty openStdin exposedPorts volumes\n          labels { key value }\n        }\n        hostConfig {\n          binds\n          portBindings { containerPort hostIp hostPort }\n          publishAllPorts privileged networkMode autoRemove\n          restartPolicy { name maximumRetryCount }\n          memory memorySwap nanoCpus cpuShares pidsLimit capAdd capDrop readonlyRootfs\n          mounts { type source target readOnly }\n          pidMode ipcMode utsMode\n        }\n      }\n    }\n  }\n": types.LifecycleCreateDocument,
    "\n  mutation LifecycleStart($id: String!) {\n    startContainer(id: $id) { ...LifecycleContainer }\n  }\n": types.LifecycleStartDocument,
    "\n  mutation LifecycleStop($id: String!, $timeout: Int) {\n    stopContainer(id: $id, timeout: $timeout) { ...LifecycleContainer }\n  }\n": types.LifecycleStopDocument,
    "\n  mutation LifecycleRestart($id: String!, $timeout: Int) {\n    restartContainer(id: $id, timeout: $timeout) { ...LifecycleContainer }\n  }\n": types.LifecycleRestartDocument,
    "\n  mutation LifecycleKill($id: String!, $signal: String) {\n    killContainer(id: $id, signal: $signal) { ...LifecycleContainer }\n  }\n": types.LifecycleKillDocument,
    "\n  mutation LifecyclePause($id: String!) {\n    pauseContainer(id: $id) { ...LifecycleContainer }\n  }\n": types.LifecyclePauseDocument,
    "\n  mutation LifecycleUnpause($id: String!) {\n    unpauseContainer(id: $id) { ...LifecycleContainer }\n  }\n": types.LifecycleUnpauseDocument,
    "\n  mutation LifecycleRename($id: String!, $name: String!) {\n    renameContainer(id: $id, name: $name) { ...LifecycleContainer }\n  }\n": types.LifecycleRenameDocument,
    "\n  mutation LifecycleRemove($id: String!, $force: Boolean, $volumes: Boolean) {\n    removeContainer(id: $id, force: $force, volumes: $volumes)\n  }\n": types.LifecycleRemoveDocument,
    "\n  fragment NetworkFields on Network {\n    id\n    name\n    engine { name }\n    driver\n    scope\n    internal\n    attachable\n    enableIpv6\n    createdAt\n    labels { key value }\n    options { key value }\n    ipam { subnet gateway ipRange }\n    containers { name ipv4Address ipv6Address macAddress container { id name } }\n  }\n": types.NetworkFieldsFragmentDoc,
    "\n  query ListNetworks($filters: NetworkFilters, $engine: String) {\n    networks(filters: $filters, engine: $engine) { ...NetworkFields }\n  }\n": types.ListNetworksDocument,
    "\n  query OneNetwork($id: String!, $engine: String) {\n    network(id: $id, engine: $engine) { ...NetworkFields }\n  }\n": types.OneNetworkDocument,
    "\n        query ContainerNetworks($id: String!) {\n          container(id: $id) {\n            networks { name networkId ipv4Address macAddress aliases network { id name containers { container { id } } } }\n          }\n        }\n      ": types.ContainerNetworksDocument,
    "\n  mutation ShutdownStop($id: String!, $timeout: Int) {\n    stopContainer(id: $id, timeout: $timeout) { id state }\n  }\n": types.ShutdownStopDocument,
    "\n  subscription ShutdownLogLines($id: String!, $tail: Int) {\n    containerLogs(id: $id, tail: $tail) {\n      message\n    }\n  }\n": types.ShutdownLogLinesDocument,
    "\n  subscription StatsWatch($id: String!) {\n    containerStats(id: $id) { read cpuPercent memoryUsage memoryLimit memoryPercent pids }\n  }\n": types.StatsWatchDocument,
    "\n  query StatsOneSample($id: String!) {\n    container(id: $id) {\n      stats { read cpuPercent memoryUsage memoryLimit memoryPercent pids }\n    }\n  }\n": types.StatsOneSampleDocument,
    "\n  subscription EventsWatch($filters: EventFilters, $since: DateTime) {\n    events(filters: $filters, since: $since) {\n      type\n      action\n      actorId\n      attributes { key value }\n      time\n      container { id name }\n    }\n  }\n": types.EventsWatchDocument,
    "\n  subscription CleanupFollowLog($id: String!, $tail: Int) {\n    containerLogs(id: $id, tail: $tail) { message }\n  }\n": types.CleanupFollowLogDocument,
    "\n  query CleanupListContainerIds {\n    containers { id }\n  }\n": types.CleanupListContainerIdsDocument,
    "\n  query ContainerTop($id: String!, $psArgs: String) {\n    container(id: $id) {\n      top(psArgs: $psArgs) {\n        titles\n        processes { pid ppid user command cells }\n      }\n    }\n  }\n": types.ContainerTopDocument,
    "\n  query TutorialListAll {\n    containers(all: true) {\n      id\n      names\n      image\n      command\n      createdAt\n      state\n      status\n      ports { ip privatePort publicPort type }\n    }\n  }\n": types.TutorialListAllDocument,
    "\n  mutation TutorialCreate($input: CreateContainerInput!) {\n    createContainer(input: $input) { id shortId state }\n  }\n": types.TutorialCreateDocument,
    "\n  query TutorialInspect($id: String!) {\n    container(id: $id) {\n      id\n      name\n      inspect {\n        path\n        args\n        state { status running pid exitCode startedAt finishedAt }\n        config { hostname user env cmd entrypoint tty openStdin exposedPorts volumes workingDir }\n        hostConfig { binds portBindings { containerPort hostIp hostPort } publishAllPorts privileged networkMode }\n        raw\n      }\n    }\n  }\n": types.TutorialInspectDocument,
    "\n  query TutorialTop($id: String!) {\n    container(id: $id) {\n      id\n      top { titles processes { pid ppid user command cells } }\n    }\n  }\n": types.TutorialTopDocument,
    "\n  query TutorialLogs($id: String!) {\n    container(id: $id) {\n      id\n      logs(stdout: true, stderr: true) { stream timestamp message }\n    }\n  }\n": types.TutorialLogsDocument,
    "\n  query TutorialExportUrl($id: String!) {\n    container(id: $id) { id exportUrl }\n  }\n": types.TutorialExportUrlDocument,
    "\n  mutation TutorialStart($id: String!) {\n    startContainer(id: $id) { id inspect { state { startedAt } } }\n  }\n": types.TutorialStartDocument,
    "\n  mutation TutorialStop($id: String!, $timeout: Int) {\n    stopContainer(id: $id, timeout: $timeout) { id state inspect { state { running exitCode finishedAt } } }\n  }\n": types.TutorialStopDocument,
    "\n  mutation TutorialRestart($id: String!, $timeout: Int) {\n    restartContainer(id: $id, timeout: $timeout) { id state inspect { state { running pid startedAt } } }\n  }\n": types.TutorialRestartDocument,
    "\n  mutation TutorialKill($id: String!) {\n    killContainer(id: $id) { id state status inspect { state { running exitCode } } }\n  }\n": types.TutorialKillDocument,
    "\n  query TutorialPsA($id: String!) {\n    containers(all: true, filters: { id: [$id] }) { id image command state status name }\n  }\n": types.TutorialPsADocument,
    "\n  fragment VolumeFields on Volume {\n    name\n    engine { name }\n    driver\n    mountpoint\n    scope\n    createdAt\n    labels { key value }\n    options { key value }\n    usage { size refCount }\n    containers { id name }\n  }\n": types.VolumeFieldsFragmentDoc,
    "\n  query ListVolumes($filters: VolumeFilters, $engine: String) {\n    volumes(filters: $filters, engine: $engine) { ...VolumeFields }\n  }\n": types.ListVolumesDocument,
    "\n  query OneVolume($name: String!, $engine: String) {\n    volume(name: $name, engine: $engine) { ...VolumeFields }\n  }\n": types.OneVolumeDocument,
    "\n        query ContainerMounts($id: String!) {\n          container(id: $id) { mounts { type name source destination driver rw volume { name containers { id } } } }\n        }\n      ": types.ContainerMountsDocument,
    "\n  subscription WsLimitsLogLines($id: String!) {\n    containerLogs(id: $id, tail: 0) {\n      message\n    }\n  }\n": types.WsLimitsLogLinesDocument,
    "\n  query WsLimitsContainers($filters: ContainerFilters) {\n    containers(filters: $filters) {\n      id\n    }\n  }\n": types.WsLimitsContainersDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MatrixContainers($name: String!) {\n    containers(all: true, filters: { name: [$name] }) {\n      id\n      name\n      state\n    }\n  }\n"): (typeof documents)["\n  query MatrixContainers($name: String!) {\n    containers(all: true, filters: { name: [$name] }) {\n      id\n      name\n      state\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MatrixInspect($id: String!) {\n    container(id: $id) {\n      id\n      inspect {\n        config {\n          env\n        }\n        raw\n      }\n    }\n  }\n"): (typeof documents)["\n  query MatrixInspect($id: String!) {\n    container(id: $id) {\n      id\n      inspect {\n        config {\n          env\n        }\n        raw\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MatrixLogs($id: String!) {\n    containerLogs(id: $id) {\n      stream\n      message\n    }\n  }\n"): (typeof documents)["\n  subscription MatrixLogs($id: String!) {\n    containerLogs(id: $id) {\n      stream\n      message\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MatrixStart($id: String!) {\n    startContainer(id: $id) { id state }\n  }\n"): (typeof documents)["\n  mutation MatrixStart($id: String!) {\n    startContainer(id: $id) { id state }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MatrixStop($id: String!, $timeout: Int) {\n    stopContainer(id: $id, timeout: $timeout) { id state }\n  }\n"): (typeof documents)["\n  mutation MatrixStop($id: String!, $timeout: Int) {\n    stopContainer(id: $id, timeout: $timeout) { id state }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MatrixRestart($id: String!, $timeout: Int) {\n    restartContainer(id: $id, timeout: $timeout) { id state }\n  }\n"): (typeof documents)["\n  mutation MatrixRestart($id: String!, $timeout: Int) {\n    restartContainer(id: $id, timeout: $timeout) { id state }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MatrixKill($id: String!) {\n    killContainer(id: $id) { id state }\n  }\n"): (typeof documents)["\n  mutation MatrixKill($id: String!) {\n    killContainer(id: $id) { id state }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MatrixPause($id: String!) {\n    pauseContainer(id: $id) { id state }\n  }\n"): (typeof documents)["\n  mutation MatrixPause($id: String!) {\n    pauseContainer(id: $id) { id state }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MatrixUnpause($id: String!) {\n    unpauseContainer(id: $id) { id state }\n  }\n"): (typeof documents)["\n  mutation MatrixUnpause($id: String!) {\n    unpauseContainer(id: $id) { id state }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MatrixRename($id: String!, $name: String!) {\n    renameContainer(id: $id, name: $name) { id name }\n  }\n"): (typeof documents)["\n  mutation MatrixRename($id: String!, $name: String!) {\n    renameContainer(id: $id, name: $name) { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MatrixCreate($input: CreateContainerInput!) {\n    createContainer(input: $input) { id name state }\n  }\n"): (typeof documents)["\n  mutation MatrixCreate($input: CreateContainerInput!) {\n    createContainer(input: $input) { id name state }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MatrixRemove($id: String!) {\n    removeContainer(id: $id, force: true)\n  }\n"): (typeof documents)["\n  mutation MatrixRemove($id: String!) {\n    removeContainer(id: $id, force: true)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BoundedLogs($id: String!, $tail: Int) {\n    container(id: $id) {\n      id\n      logs(tail: $tail) {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  query BoundedLogs($id: String!, $tail: Int) {\n    container(id: $id) {\n      id\n      logs(tail: $tail) {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query InspectedBounded($id: String!) {\n      container(id: $id) {\n        id\n        inspect {\n          path\n        }\n      }\n    }\n  "): (typeof documents)["\n    query InspectedBounded($id: String!) {\n      container(id: $id) {\n        id\n        inspect {\n          path\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BatchingSummaries($label: [String!]) {\n    containers(all: true, filters: { label: $label }) {\n      id\n      shortId\n      name\n      names\n      image\n      imageId\n      command\n      createdAt\n      state\n      status\n      labels { key value }\n      ports { ip privatePort publicPort type }\n      exportUrl\n    }\n  }\n"): (typeof documents)["\n  query BatchingSummaries($label: [String!]) {\n    containers(all: true, filters: { label: $label }) {\n      id\n      shortId\n      name\n      names\n      image\n      imageId\n      command\n      createdAt\n      state\n      status\n      labels { key value }\n      ports { ip privatePort publicPort type }\n      exportUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BatchingNestedInspect($label: [String!]) {\n    containers(all: true, filters: { label: $label }) {\n      id\n      inspect { path args state { status } config { cmd } }\n    }\n  }\n"): (typeof documents)["\n  query BatchingNestedInspect($label: [String!]) {\n    containers(all: true, filters: { label: $label }) {\n      id\n      inspect { path args state { status } config { cmd } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BatchingAliases($a: String!, $b: String!, $c: String!) {\n    a: container(id: $a) { id inspect { path } }\n    b: container(id: $b) { id name inspect { config { cmd } } }\n    c: container(id: $c) { id state inspect { state { status } } }\n  }\n"): (typeof documents)["\n  query BatchingAliases($a: String!, $b: String!, $c: String!) {\n    a: container(id: $a) { id inspect { path } }\n    b: container(id: $b) { id name inspect { config { cmd } } }\n    c: container(id: $c) { id state inspect { state { status } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BatchingLogsAndInspect($id: String!) {\n    container(id: $id) {\n      id\n      inspect { path }\n      logs { message }\n    }\n  }\n"): (typeof documents)["\n  query BatchingLogsAndInspect($id: String!) {\n    container(id: $id) {\n      id\n      inspect { path }\n      logs { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BatchingListedLogsAndInspect($label: [String!]) {\n    containers(all: true, filters: { label: $label }) {\n      id\n      inspect { config { tty } }\n      logs { message }\n    }\n  }\n"): (typeof documents)["\n  query BatchingListedLogsAndInspect($label: [String!]) {\n    containers(all: true, filters: { label: $label }) {\n      id\n      inspect { config { tty } }\n      logs { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BatchingInspectOne($id: String!) {\n    container(id: $id) { id inspect { path } }\n  }\n"): (typeof documents)["\n  query BatchingInspectOne($id: String!) {\n    container(id: $id) { id inspect { path } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardImagesPush($ref: String!) {\n    pushImage(ref: $ref)\n  }\n"): (typeof documents)["\n  mutation DashboardImagesPush($ref: String!) {\n    pushImage(ref: $ref)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListContainers($all: Boolean, $filters: ContainerFilters) {\n    containers(all: $all, filters: $filters) {\n      id\n      shortId\n      name\n      names\n      image\n      imageId\n      command\n      createdAt\n      state\n      status\n      labels { key value }\n    }\n  }\n"): (typeof documents)["\n  query ListContainers($all: Boolean, $filters: ContainerFilters) {\n    containers(all: $all, filters: $filters) {\n      id\n      shortId\n      name\n      names\n      image\n      imageId\n      command\n      createdAt\n      state\n      status\n      labels { key value }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContainerByRef($id: String!) {\n    container(id: $id) { id name state }\n  }\n"): (typeof documents)["\n  query ContainerByRef($id: String!) {\n    container(id: $id) { id name state }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PolicyCreate($input: CreateContainerInput!) {\n    createContainer(input: $input) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation PolicyCreate($input: CreateContainerInput!) {\n    createContainer(input: $input) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DownContainers { containers(all: true) { id name state } }"): (typeof documents)["query DownContainers { containers(all: true) { id name state } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DownContainer($id: String!) { container(id: $id) { id state inspect { path } } }"): (typeof documents)["query DownContainer($id: String!) { container(id: $id) { id state inspect { path } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DownEngine { engine { version apiVersion } }"): (typeof documents)["query DownEngine { engine { version apiVersion } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DownLogs($id: String!) { container(id: $id) { logs { message } } }"): (typeof documents)["query DownLogs($id: String!) { container(id: $id) { logs { message } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DownStart($id: String!) { startContainer(id: $id) { id state } }"): (typeof documents)["mutation DownStart($id: String!) { startContainer(id: $id) { id state } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EngineVersion {\n    engine { version apiVersion os arch kernelVersion }\n  }\n"): (typeof documents)["\n  query EngineVersion {\n    engine { version apiVersion os arch kernelVersion }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListContainerIds {\n    containers(all: true) { id }\n  }\n"): (typeof documents)["\n  query ListContainerIds {\n    containers(all: true) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EngineContainers($engine: String) {\n    containers(all: true, engine: $engine) { id name createdAt engine { name } }\n  }\n"): (typeof documents)["\n  query EngineContainers($engine: String) {\n    containers(all: true, engine: $engine) { id name createdAt engine { name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EngineContainer($id: String!) {\n    container(id: $id) { id name engine { name } inspect { raw } }\n  }\n"): (typeof documents)["\n  query EngineContainer($id: String!) {\n    container(id: $id) { id name engine { name } inspect { raw } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EngineList { engines { name reachable version apiVersion } }\n"): (typeof documents)["\n  query EngineList { engines { name reachable version apiVersion } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OneEngine($name: String) { engine(name: $name) { name version } }\n"): (typeof documents)["\n  query OneEngine($name: String) { engine(name: $name) { name version } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EngineStop($id: String!) { stopContainer(id: $id, timeout: 0) { id state engine { name } } }\n"): (typeof documents)["\n  mutation EngineStop($id: String!) { stopContainer(id: $id, timeout: 0) { id state engine { name } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EngineCreate($input: CreateContainerInput!) { createContainer(input: $input) { id name engine { name } } }\n"): (typeof documents)["\n  mutation EngineCreate($input: CreateContainerInput!) { createContainer(input: $input) { id name engine { name } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription EngineLogs($id: String!) { containerLogs(id: $id) { message } }\n"): (typeof documents)["\n  subscription EngineLogs($id: String!) { containerLogs(id: $id) { message } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription EngineEvents($filters: EventFilters) { events(filters: $filters) { action actorId engine { name } } }\n"): (typeof documents)["\n  subscription EngineEvents($filters: EventFilters) { events(filters: $filters) { action actorId engine { name } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EngineSystem($name: String) {\n    engine(name: $name) {\n      info { name serverVersion ncpu memTotal containers containersStopped images swarmNodeId swarmState }\n      diskUsage { layersSize reclaimable images { id containers } containers { id state sizeRw } }\n    }\n  }\n"): (typeof documents)["\n  query EngineSystem($name: String) {\n    engine(name: $name) {\n      info { name serverVersion ncpu memTotal containers containersStopped images swarmNodeId swarmState }\n      diskUsage { layersSize reclaimable images { id containers } containers { id state sizeRw } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SwarmEngines {\n    engines {\n      name\n      swarm { id engine { name } nodes { id role state managerStatus engine { name } } }\n    }\n  }\n"): (typeof documents)["\n  query SwarmEngines {\n    engines {\n      name\n      swarm { id engine { name } nodes { id role state managerStatus engine { name } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SwarmService($id: String!) {\n    engine(name: \"beta\") {\n      swarm {\n        service(id: $id) {\n          id name image mode replicas runningTasks engine { name }\n          tasks {\n            id slot state desiredState image containerId\n            service { id }\n            node { id engine { name } }\n            container { id engine { name } inspect { raw } }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SwarmService($id: String!) {\n    engine(name: \"beta\") {\n      swarm {\n        service(id: $id) {\n          id name image mode replicas runningTasks engine { name }\n          tasks {\n            id slot state desiredState image containerId\n            service { id }\n            node { id engine { name } }\n            container { id engine { name } inspect { raw } }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SwarmMemo($id: String!) {\n    engine(name: \"beta\") {\n      swarm {\n        nodes { id }\n        service(id: $id) {\n          tasks {\n            service { id runningTasks }\n            node { id engine { name } tasks { id } }\n            container { id engine { name } }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SwarmMemo($id: String!) {\n    engine(name: \"beta\") {\n      swarm {\n        nodes { id }\n        service(id: $id) {\n          tasks {\n            service { id runningTasks }\n            node { id engine { name } tasks { id } }\n            container { id engine { name } }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SwarmServices($name: String!) {\n    engine(name: \"beta\") { swarm { services(filters: { name: [$name] }) { id name labels { key value } inspect } } }\n  }\n"): (typeof documents)["\n  query SwarmServices($name: String!) {\n    engine(name: \"beta\") { swarm { services(filters: { name: [$name] }) { id name labels { key value } inspect } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SwarmCreate($input: CreateServiceInput!) {\n    createService(input: $input) { id name image mode replicas engine { name } }\n  }\n"): (typeof documents)["\n  mutation SwarmCreate($input: CreateServiceInput!) {\n    createService(input: $input) { id name image mode replicas engine { name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SwarmScale($id: String!, $replicas: Int!, $engine: String) {\n    scaleService(id: $id, replicas: $replicas, engine: $engine) { id replicas }\n  }\n"): (typeof documents)["\n  mutation SwarmScale($id: String!, $replicas: Int!, $engine: String) {\n    scaleService(id: $id, replicas: $replicas, engine: $engine) { id replicas }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SwarmUpdate($id: String!, $input: UpdateServiceInput!) {\n    updateService(id: $id, input: $input) { id image labels { key value } }\n  }\n"): (typeof documents)["\n  mutation SwarmUpdate($id: String!, $input: UpdateServiceInput!) {\n    updateService(id: $id, input: $input) { id image labels { key value } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SwarmRemove($id: String!, $engine: String) { removeService(id: $id, engine: $engine) }\n"): (typeof documents)["\n  mutation SwarmRemove($id: String!, $engine: String) { removeService(id: $id, engine: $engine) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SwarmLogs($id: String!) { serviceLogs(id: $id) { stream message taskId nodeId timestamp } }\n"): (typeof documents)["\n  subscription SwarmLogs($id: String!) { serviceLogs(id: $id) { stream message taskId nodeId timestamp } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ErrorsStart($id: String!) { startContainer(id: $id) { id } }"): (typeof documents)["mutation ErrorsStart($id: String!) { startContainer(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ErrorsStop($id: String!, $timeout: Int) { stopContainer(id: $id, timeout: $timeout) { id } }"): (typeof documents)["mutation ErrorsStop($id: String!, $timeout: Int) { stopContainer(id: $id, timeout: $timeout) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ErrorsRestart($id: String!, $timeout: Int) { restartContainer(id: $id, timeout: $timeout) { id } }"): (typeof documents)["mutation ErrorsRestart($id: String!, $timeout: Int) { restartContainer(id: $id, timeout: $timeout) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ErrorsKill($id: String!, $signal: String) { killContainer(id: $id, signal: $signal) { id } }"): (typeof documents)["mutation ErrorsKill($id: String!, $signal: String) { killContainer(id: $id, signal: $signal) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ErrorsPause($id: String!) { pauseContainer(id: $id) { id } }"): (typeof documents)["mutation ErrorsPause($id: String!) { pauseContainer(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ErrorsUnpause($id: String!) { unpauseContainer(id: $id) { id } }"): (typeof documents)["mutation ErrorsUnpause($id: String!) { unpauseContainer(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ErrorsRename($id: String!, $name: String!) { renameContainer(id: $id, name: $name) { id } }"): (typeof documents)["mutation ErrorsRename($id: String!, $name: String!) { renameContainer(id: $id, name: $name) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ErrorsRemove($id: String!, $force: Boolean) { removeContainer(id: $id, force: $force) }"): (typeof documents)["mutation ErrorsRemove($id: String!, $force: Boolean) { removeContainer(id: $id, force: $force) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ErrorsCreate($input: CreateContainerInput!) { createContainer(input: $input) { id } }"): (typeof documents)["mutation ErrorsCreate($input: CreateContainerInput!) { createContainer(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ErrorsTop($id: String!, $psArgs: String) { container(id: $id) { top(psArgs: $psArgs) { titles } } }"): (typeof documents)["query ErrorsTop($id: String!, $psArgs: String) { container(id: $id) { top(psArgs: $psArgs) { titles } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ErrorsLogs($id: String!, $tail: Int, $since: DateTime) {\n    container(id: $id) { logs(tail: $tail, since: $since) { message } }\n  }\n"): (typeof documents)["\n  query ErrorsLogs($id: String!, $tail: Int, $since: DateTime) {\n    container(id: $id) { logs(tail: $tail, since: $since) { message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ErrorsList($limit: Int) { containers(all: true, limit: $limit) { id } }"): (typeof documents)["query ErrorsList($limit: Int) { containers(all: true, limit: $limit) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ErrorsContainer($id: String!) { container(id: $id) { id inspect { path } } }"): (typeof documents)["query ErrorsContainer($id: String!) { container(id: $id) { id inspect { path } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ErrorsEngine { engine { version apiVersion } }"): (typeof documents)["query ErrorsEngine { engine { version apiVersion } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Exec($id: String!, $cmd: [String!]!, $env: [String!], $workingDir: String, $user: String, $stdin: String) {\n    execInContainer(id: $id, cmd: $cmd, env: $env, workingDir: $workingDir, user: $user, stdin: $stdin) {\n      exitCode\n      stdout\n      stderr\n      truncated\n    }\n  }\n"): (typeof documents)["\n  mutation Exec($id: String!, $cmd: [String!]!, $env: [String!], $workingDir: String, $user: String, $stdin: String) {\n    execInContainer(id: $id, cmd: $cmd, env: $env, workingDir: $workingDir, user: $user, stdin: $stdin) {\n      exitCode\n      stdout\n      stderr\n      truncated\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContainerExportUrl($id: String!) {\n    container(id: $id) { id exportUrl }\n  }\n"): (typeof documents)["\n  query ContainerExportUrl($id: String!) {\n    container(id: $id) { id exportUrl }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query HardeningDashboard($name: String!) {\n      engine { version apiVersion os arch kernelVersion }\n      containers(all: true, filters: { name: [$name] }) {\n        id shortId name image state status createdAt\n        labels { key value }\n        ports { ip privatePort publicPort type }\n        stats { cpuPercent memoryUsage memoryLimit memoryPercent networkRxBytes networkTxBytes }\n        inspect {\n          restartCount\n          state { status running paused exitCode startedAt finishedAt }\n          config { image cmd env }\n          hostConfig { networkMode privileged restartPolicy { name maximumRetryCount } }\n          mounts { type source destination rw }\n        }\n      }\n    }\n  "): (typeof documents)["\n    query HardeningDashboard($name: String!) {\n      engine { version apiVersion os arch kernelVersion }\n      containers(all: true, filters: { name: [$name] }) {\n        id shortId name image state status createdAt\n        labels { key value }\n        ports { ip privatePort publicPort type }\n        stats { cpuPercent memoryUsage memoryLimit memoryPercent networkRxBytes networkTxBytes }\n        inspect {\n          restartCount\n          state { status running paused exitCode startedAt finishedAt }\n          config { image cmd env }\n          hostConfig { networkMode privileged restartPolicy { name maximumRetryCount } }\n          mounts { type source destination rw }\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegistryPull($ref: String!, $auth: RegistryAuthInput) {\n    pullImage(ref: $ref, registryAuth: $auth) { id repoTags repoDigests }\n  }\n"): (typeof documents)["\n  mutation RegistryPull($ref: String!, $auth: RegistryAuthInput) {\n    pullImage(ref: $ref, registryAuth: $auth) { id repoTags repoDigests }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegistryPush($ref: String!, $auth: RegistryAuthInput) {\n    pushImage(ref: $ref, registryAuth: $auth)\n  }\n"): (typeof documents)["\n  mutation RegistryPush($ref: String!, $auth: RegistryAuthInput) {\n    pushImage(ref: $ref, registryAuth: $auth)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RegistryPullProgress($ref: String!) {\n    imagePull(ref: $ref) { id status current total error }\n  }\n"): (typeof documents)["\n  subscription RegistryPullProgress($ref: String!) {\n    imagePull(ref: $ref) { id status current total error }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegistryCreate($input: CreateContainerInput!) {\n    createContainer(input: $input) { id imageId }\n  }\n"): (typeof documents)["\n  mutation RegistryCreate($input: CreateContainerInput!) {\n    createContainer(input: $input) { id imageId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListImages($all: Boolean, $filters: ImageFilters) {\n    images(all: $all, filters: $filters) {\n      id\n      shortId\n      repoTags\n      repoDigests\n      createdAt\n      size\n      labels { key value }\n      engine { name }\n    }\n  }\n"): (typeof documents)["\n  query ListImages($all: Boolean, $filters: ImageFilters) {\n    images(all: $all, filters: $filters) {\n      id\n      shortId\n      repoTags\n      repoDigests\n      createdAt\n      size\n      labels { key value }\n      engine { name }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImageByRef($ref: String!) {\n    image(ref: $ref) {\n      id\n      shortId\n      repoTags\n      createdAt\n      size\n      inspect\n      history { id createdAt createdBy size tags comment }\n      containers { id }\n    }\n  }\n"): (typeof documents)["\n  query ImageByRef($ref: String!) {\n    image(ref: $ref) {\n      id\n      shortId\n      repoTags\n      createdAt\n      size\n      inspect\n      history { id createdAt createdBy size tags comment }\n      containers { id }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TagImage($ref: String!, $repo: String!, $tag: String) {\n    tagImage(ref: $ref, repo: $repo, tag: $tag) { id repoTags }\n  }\n"): (typeof documents)["\n  mutation TagImage($ref: String!, $repo: String!, $tag: String) {\n    tagImage(ref: $ref, repo: $repo, tag: $tag) { id repoTags }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveImage($ref: String!, $force: Boolean) {\n    removeImage(ref: $ref, force: $force) { untagged deleted }\n  }\n"): (typeof documents)["\n  mutation RemoveImage($ref: String!, $force: Boolean) {\n    removeImage(ref: $ref, force: $force) { untagged deleted }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PruneImages($dangling: Boolean, $engine: String) {\n    pruneImages(dangling: $dangling, engine: $engine) { deleted spaceReclaimed }\n  }\n"): (typeof documents)["\n  mutation PruneImages($dangling: Boolean, $engine: String) {\n    pruneImages(dangling: $dangling, engine: $engine) { deleted spaceReclaimed }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImageEngine($ref: String!, $engine: String) {\n    image(ref: $ref, engine: $engine) { id engine { name } }\n  }\n"): (typeof documents)["\n  query ImageEngine($ref: String!, $engine: String) {\n    image(ref: $ref, engine: $engine) { id engine { name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EngineImages($engine: String, $filters: ImageFilters) {\n    images(engine: $engine, filters: $filters) { id engine { name } }\n  }\n"): (typeof documents)["\n  query EngineImages($engine: String, $filters: ImageFilters) {\n    images(engine: $engine, filters: $filters) { id engine { name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PullImage($ref: String!) {\n    pullImage(ref: $ref) { id }\n  }\n"): (typeof documents)["\n  mutation PullImage($ref: String!) {\n    pullImage(ref: $ref) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InspectBasics($id: String!) {\n    container(id: $id) {\n      id\n      inspect { path args restartCount }\n    }\n  }\n"): (typeof documents)["\n  query InspectBasics($id: String!) {\n    container(id: $id) {\n      id\n      inspect { path args restartCount }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InspectState($id: String!) {\n    container(id: $id) {\n      inspect {\n        state { status running paused restarting oomKilled dead pid exitCode error startedAt finishedAt }\n      }\n    }\n  }\n"): (typeof documents)["\n  query InspectState($id: String!) {\n    container(id: $id) {\n      inspect {\n        state { status running paused restarting oomKilled dead pid exitCode error startedAt finishedAt }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InspectConfig($id: String!) {\n    container(id: $id) {\n      inspect {\n        config {\n          hostname\n          user\n          image\n          workingDir\n          env\n          cmd\n          entrypoint\n          tty\n          openStdin\n          exposedPorts\n          volumes\n          labels { key value }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query InspectConfig($id: String!) {\n    container(id: $id) {\n      inspect {\n        config {\n          hostname\n          user\n          image\n          workingDir\n          env\n          cmd\n          entrypoint\n          tty\n          openStdin\n          exposedPorts\n          volumes\n          labels { key value }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InspectHostConfig($id: String!) {\n    container(id: $id) {\n      inspect {\n        hostConfig {\n          binds\n          portBindings { containerPort hostIp hostPort }\n          publishAllPorts\n          privileged\n          networkMode\n          autoRemove\n          restartPolicy { name maximumRetryCount }\n          memory\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query InspectHostConfig($id: String!) {\n    container(id: $id) {\n      inspect {\n        hostConfig {\n          binds\n          portBindings { containerPort hostIp hostPort }\n          publishAllPorts\n          privileged\n          networkMode\n          autoRemove\n          restartPolicy { name maximumRetryCount }\n          memory\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InspectMounts($id: String!) {\n    container(id: $id) {\n      inspect {\n        mounts { type name source destination driver mode rw propagation }\n      }\n    }\n  }\n"): (typeof documents)["\n  query InspectMounts($id: String!) {\n    container(id: $id) {\n      inspect {\n        mounts { type name source destination driver mode rw propagation }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InspectRaw($id: String!) {\n    container(id: $id) { inspect { raw } }\n  }\n"): (typeof documents)["\n  query InspectRaw($id: String!) {\n    container(id: $id) { inspect { raw } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InspectFromList($filters: ContainerFilters) {\n    containers(all: true, filters: $filters) { id inspect { path raw } }\n  }\n"): (typeof documents)["\n  query InspectFromList($filters: ContainerFilters) {\n    containers(all: true, filters: $filters) { id inspect { path raw } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContainerSummary($id: String!) {\n    container(id: $id) {\n      id\n      shortId\n      name\n      names\n      image\n      imageId\n      command\n      createdAt\n      state\n      status\n      labels { key value }\n      ports { ip privatePort publicPort type }\n      exportUrl\n    }\n  }\n"): (typeof documents)["\n  query ContainerSummary($id: String!) {\n    container(id: $id) {\n      id\n      shortId\n      name\n      names\n      image\n      imageId\n      command\n      createdAt\n      state\n      status\n      labels { key value }\n      ports { ip privatePort publicPort type }\n      exportUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription FanoutLogLines($id: String!, $tail: Int) {\n    containerLogs(id: $id, tail: $tail) {\n      timestamp\n      message\n    }\n  }\n"): (typeof documents)["\n  subscription FanoutLogLines($id: String!, $tail: Int) {\n    containerLogs(id: $id, tail: $tail) {\n      timestamp\n      message\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription FanoutLogBatches($id: String!, $tail: Int) {\n    containerLogBatches(id: $id, tail: $tail) {\n      timestamp\n      message\n    }\n  }\n"): (typeof documents)["\n  subscription FanoutLogBatches($id: String!, $tail: Int) {\n    containerLogBatches(id: $id, tail: $tail) {\n      timestamp\n      message\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveLogLines($id: String!, $stdout: Boolean, $stderr: Boolean, $since: DateTime, $tail: Int) {\n    containerLogs(id: $id, stdout: $stdout, stderr: $stderr, since: $since, tail: $tail) {\n      stream\n      timestamp\n      message\n    }\n  }\n"): (typeof documents)["\n  subscription LiveLogLines($id: String!, $stdout: Boolean, $stderr: Boolean, $since: DateTime, $tail: Int) {\n    containerLogs(id: $id, stdout: $stdout, stderr: $stderr, since: $since, tail: $tail) {\n      stream\n      timestamp\n      message\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveLogBatches($id: String!, $tail: Int, $maxLines: Int, $maxDelayMs: Int) {\n    containerLogBatches(id: $id, tail: $tail, maxLines: $maxLines, maxDelayMs: $maxDelayMs) {\n      stream\n      timestamp\n      message\n    }\n  }\n"): (typeof documents)["\n  subscription LiveLogBatches($id: String!, $tail: Int, $maxLines: Int, $maxDelayMs: Int) {\n    containerLogBatches(id: $id, tail: $tail, maxLines: $maxLines, maxDelayMs: $maxDelayMs) {\n      stream\n      timestamp\n      message\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LiveLogsContainers($filters: ContainerFilters) {\n    containers(all: true, filters: $filters) {\n      id\n      name\n      state\n    }\n  }\n"): (typeof documents)["\n  query LiveLogsContainers($filters: ContainerFilters) {\n    containers(all: true, filters: $filters) {\n      id\n      name\n      state\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ShapedLogBatches($id: String!) {\n    lines: containerLogBatches(id: $id, maxLines: 2) {\n      __typename\n      ...LineText\n      ... on LogLine {\n        from: stream\n      }\n      timestamp\n    }\n  }\n  fragment LineText on LogLine {\n    text: message\n    message\n  }\n"): (typeof documents)["\n  subscription ShapedLogBatches($id: String!) {\n    lines: containerLogBatches(id: $id, maxLines: 2) {\n      __typename\n      ...LineText\n      ... on LogLine {\n        from: stream\n      }\n      timestamp\n    }\n  }\n  fragment LineText on LogLine {\n    text: message\n    message\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ShapedLogBatchesInclude($id: String!, $withTime: Boolean!) {\n    lines: containerLogBatches(id: $id, maxLines: 2) {\n      __typename\n      ...LineText\n      ... on LogLine {\n        from: stream\n      }\n      timestamp @include(if: $withTime)\n    }\n  }\n"): (typeof documents)["\n  subscription ShapedLogBatchesInclude($id: String!, $withTime: Boolean!) {\n    lines: containerLogBatches(id: $id, maxLines: 2) {\n      __typename\n      ...LineText\n      ... on LogLine {\n        from: stream\n      }\n      timestamp @include(if: $withTime)\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContainerLogs($id: String!, $stdout: Boolean, $stderr: Boolean, $since: DateTime, $until: DateTime, $tail: Int) {\n    container(id: $id) {\n      logs(stdout: $stdout, stderr: $stderr, since: $since, until: $until, tail: $tail) {\n        stream\n        timestamp\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  query ContainerLogs($id: String!, $stdout: Boolean, $stderr: Boolean, $since: DateTime, $until: DateTime, $tail: Int) {\n    container(id: $id) {\n      logs(stdout: $stdout, stderr: $stderr, since: $since, until: $until, tail: $tail) {\n        stream\n        timestamp\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LifecycleContainer on Container {\n    id\n    name\n    state\n    status\n    inspect {\n      restartCount\n      state { status running paused restarting oomKilled dead pid exitCode error startedAt finishedAt }\n    }\n  }\n"): (typeof documents)["\n  fragment LifecycleContainer on Container {\n    id\n    name\n    state\n    status\n    inspect {\n      restartCount\n      state { status running paused restarting oomKilled dead pid exitCode error startedAt finishedAt }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LifecycleCreate($input: CreateContainerInput!) {\n    createContainer(input: $input) {\n      ...LifecycleContainer\n      inspect {\n        path\n        args\n        config {\n          hostname user image workingDir env cmd entrypoint tty openStdin exposedPorts volumes\n          labels { key value }\n        }\n        hostConfig {\n          binds\n          portBindings { containerPort hostIp hostPort }\n          publishAllPorts privileged networkMode autoRemove\n          restartPolicy { name maximumRetryCount }\n          memory memorySwap nanoCpus cpuShares pidsLimit capAdd capDrop readonlyRootfs\n          mounts { type source target readOnly }\n          pidMode ipcMode utsMode\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LifecycleCreate($input: CreateContainerInput!) {\n    createContainer(input: $input) {\n      ...LifecycleContainer\n      inspect {\n        path\n        args\n        config {\n          hostname user image workingDir env cmd entrypoint tty openStdin exposedPorts volumes\n          labels { key value }\n        }\n        hostConfig {\n          binds\n          portBindings { containerPort hostIp hostPort }\n          publishAllPorts privileged networkMode autoRemove\n          restartPolicy { name maximumRetryCount }\n          memory memorySwap nanoCpus cpuShares pidsLimit capAdd capDrop readonlyRootfs\n          mounts { type source target readOnly }\n          pidMode ipcMode utsMode\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LifecycleStart($id: String!) {\n    startContainer(id: $id) { ...LifecycleContainer }\n  }\n"): (typeof documents)["\n  mutation LifecycleStart($id: String!) {\n    startContainer(id: $id) { ...LifecycleContainer }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LifecycleStop($id: String!, $timeout: Int) {\n    stopContainer(id: $id, timeout: $timeout) { ...LifecycleContainer }\n  }\n"): (typeof documents)["\n  mutation LifecycleStop($id: String!, $timeout: Int) {\n    stopContainer(id: $id, timeout: $timeout) { ...LifecycleContainer }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LifecycleRestart($id: String!, $timeout: Int) {\n    restartContainer(id: $id, timeout: $timeout) { ...LifecycleContainer }\n  }\n"): (typeof documents)["\n  mutation LifecycleRestart($id: String!, $timeout: Int) {\n    restartContainer(id: $id, timeout: $timeout) { ...LifecycleContainer }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LifecycleKill($id: String!, $signal: String) {\n    killContainer(id: $id, signal: $signal) { ...LifecycleContainer }\n  }\n"): (typeof documents)["\n  mutation LifecycleKill($id: String!, $signal: String) {\n    killContainer(id: $id, signal: $signal) { ...LifecycleContainer }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LifecyclePause($id: String!) {\n    pauseContainer(id: $id) { ...LifecycleContainer }\n  }\n"): (typeof documents)["\n  mutation LifecyclePause($id: String!) {\n    pauseContainer(id: $id) { ...LifecycleContainer }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LifecycleUnpause($id: String!) {\n    unpauseContainer(id: $id) { ...LifecycleContainer }\n  }\n"): (typeof documents)["\n  mutation LifecycleUnpause($id: String!) {\n    unpauseContainer(id: $id) { ...LifecycleContainer }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LifecycleRename($id: String!, $name: String!) {\n    renameContainer(id: $id, name: $name) { ...LifecycleContainer }\n  }\n"): (typeof documents)["\n  mutation LifecycleRename($id: String!, $name: String!) {\n    renameContainer(id: $id, name: $name) { ...LifecycleContainer }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LifecycleRemove($id: String!, $force: Boolean, $volumes: Boolean) {\n    removeContainer(id: $id, force: $force, volumes: $volumes)\n  }\n"): (typeof documents)["\n  mutation LifecycleRemove($id: String!, $force: Boolean, $volumes: Boolean) {\n    removeContainer(id: $id, force: $force, volumes: $volumes)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment NetworkFields on Network {\n    id\n    name\n    engine { name }\n    driver\n    scope\n    internal\n    attachable\n    enableIpv6\n    createdAt\n    labels { key value }\n    options { key value }\n    ipam { subnet gateway ipRange }\n    containers { name ipv4Address ipv6Address macAddress container { id name } }\n  }\n"): (typeof documents)["\n  fragment NetworkFields on Network {\n    id\n    name\n    engine { name }\n    driver\n    scope\n    internal\n    attachable\n    enableIpv6\n    createdAt\n    labels { key value }\n    options { key value }\n    ipam { subnet gateway ipRange }\n    containers { name ipv4Address ipv6Address macAddress container { id name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListNetworks($filters: NetworkFilters, $engine: String) {\n    networks(filters: $filters, engine: $engine) { ...NetworkFields }\n  }\n"): (typeof documents)["\n  query ListNetworks($filters: NetworkFilters, $engine: String) {\n    networks(filters: $filters, engine: $engine) { ...NetworkFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OneNetwork($id: String!, $engine: String) {\n    network(id: $id, engine: $engine) { ...NetworkFields }\n  }\n"): (typeof documents)["\n  query OneNetwork($id: String!, $engine: String) {\n    network(id: $id, engine: $engine) { ...NetworkFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query ContainerNetworks($id: String!) {\n          container(id: $id) {\n            networks { name networkId ipv4Address macAddress aliases network { id name containers { container { id } } } }\n          }\n        }\n      "): (typeof documents)["\n        query ContainerNetworks($id: String!) {\n          container(id: $id) {\n            networks { name networkId ipv4Address macAddress aliases network { id name containers { container { id } } } }\n          }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ShutdownStop($id: String!, $timeout: Int) {\n    stopContainer(id: $id, timeout: $timeout) { id state }\n  }\n"): (typeof documents)["\n  mutation ShutdownStop($id: String!, $timeout: Int) {\n    stopContainer(id: $id, timeout: $timeout) { id state }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ShutdownLogLines($id: String!, $tail: Int) {\n    containerLogs(id: $id, tail: $tail) {\n      message\n    }\n  }\n"): (typeof documents)["\n  subscription ShutdownLogLines($id: String!, $tail: Int) {\n    containerLogs(id: $id, tail: $tail) {\n      message\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription StatsWatch($id: String!) {\n    containerStats(id: $id) { read cpuPercent memoryUsage memoryLimit memoryPercent pids }\n  }\n"): (typeof documents)["\n  subscription StatsWatch($id: String!) {\n    containerStats(id: $id) { read cpuPercent memoryUsage memoryLimit memoryPercent pids }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StatsOneSample($id: String!) {\n    container(id: $id) {\n      stats { read cpuPercent memoryUsage memoryLimit memoryPercent pids }\n    }\n  }\n"): (typeof documents)["\n  query StatsOneSample($id: String!) {\n    container(id: $id) {\n      stats { read cpuPercent memoryUsage memoryLimit memoryPercent pids }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription EventsWatch($filters: EventFilters, $since: DateTime) {\n    events(filters: $filters, since: $since) {\n      type\n      action\n      actorId\n      attributes { key value }\n      time\n      container { id name }\n    }\n  }\n"): (typeof documents)["\n  subscription EventsWatch($filters: EventFilters, $since: DateTime) {\n    events(filters: $filters, since: $since) {\n      type\n      action\n      actorId\n      attributes { key value }\n      time\n      container { id name }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CleanupFollowLog($id: String!, $tail: Int) {\n    containerLogs(id: $id, tail: $tail) { message }\n  }\n"): (typeof documents)["\n  subscription CleanupFollowLog($id: String!, $tail: Int) {\n    containerLogs(id: $id, tail: $tail) { message }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CleanupListContainerIds {\n    containers { id }\n  }\n"): (typeof documents)["\n  query CleanupListContainerIds {\n    containers { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContainerTop($id: String!, $psArgs: String) {\n    container(id: $id) {\n      top(psArgs: $psArgs) {\n        titles\n        processes { pid ppid user command cells }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ContainerTop($id: String!, $psArgs: String) {\n    container(id: $id) {\n      top(psArgs: $psArgs) {\n        titles\n        processes { pid ppid user command cells }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TutorialListAll {\n    containers(all: true) {\n      id\n      names\n      image\n      command\n      createdAt\n      state\n      status\n      ports { ip privatePort publicPort type }\n    }\n  }\n"): (typeof documents)["\n  query TutorialListAll {\n    containers(all: true) {\n      id\n      names\n      image\n      command\n      createdAt\n      state\n      status\n      ports { ip privatePort publicPort type }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TutorialCreate($input: CreateContainerInput!) {\n    createContainer(input: $input) { id shortId state }\n  }\n"): (typeof documents)["\n  mutation TutorialCreate($input: CreateContainerInput!) {\n    createContainer(input: $input) { id shortId state }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TutorialInspect($id: String!) {\n    container(id: $id) {\n      id\n      name\n      inspect {\n        path\n        args\n        state { status running pid exitCode startedAt finishedAt }\n        config { hostname user env cmd entrypoint tty openStdin exposedPorts volumes workingDir }\n        hostConfig { binds portBindings { containerPort hostIp hostPort } publishAllPorts privileged networkMode }\n        raw\n      }\n    }\n  }\n"): (typeof documents)["\n  query TutorialInspect($id: String!) {\n    container(id: $id) {\n      id\n      name\n      inspect {\n        path\n        args\n        state { status running pid exitCode startedAt finishedAt }\n        config { hostname user env cmd entrypoint tty openStdin exposedPorts volumes workingDir }\n        hostConfig { binds portBindings { containerPort hostIp hostPort } publishAllPorts privileged networkMode }\n        raw\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TutorialTop($id: String!) {\n    container(id: $id) {\n      id\n      top { titles processes { pid ppid user command cells } }\n    }\n  }\n"): (typeof documents)["\n  query TutorialTop($id: String!) {\n    container(id: $id) {\n      id\n      top { titles processes { pid ppid user command cells } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TutorialLogs($id: String!) {\n    container(id: $id) {\n      id\n      logs(stdout: true, stderr: true) { stream timestamp message }\n    }\n  }\n"): (typeof documents)["\n  query TutorialLogs($id: String!) {\n    container(id: $id) {\n      id\n      logs(stdout: true, stderr: true) { stream timestamp message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TutorialExportUrl($id: String!) {\n    container(id: $id) { id exportUrl }\n  }\n"): (typeof documents)["\n  query TutorialExportUrl($id: String!) {\n    container(id: $id) { id exportUrl }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TutorialStart($id: String!) {\n    startContainer(id: $id) { id inspect { state { startedAt } } }\n  }\n"): (typeof documents)["\n  mutation TutorialStart($id: String!) {\n    startContainer(id: $id) { id inspect { state { startedAt } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TutorialStop($id: String!, $timeout: Int) {\n    stopContainer(id: $id, timeout: $timeout) { id state inspect { state { running exitCode finishedAt } } }\n  }\n"): (typeof documents)["\n  mutation TutorialStop($id: String!, $timeout: Int) {\n    stopContainer(id: $id, timeout: $timeout) { id state inspect { state { running exitCode finishedAt } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TutorialRestart($id: String!, $timeout: Int) {\n    restartContainer(id: $id, timeout: $timeout) { id state inspect { state { running pid startedAt } } }\n  }\n"): (typeof documents)["\n  mutation TutorialRestart($id: String!, $timeout: Int) {\n    restartContainer(id: $id, timeout: $timeout) { id state inspect { state { running pid startedAt } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TutorialKill($id: String!) {\n    killContainer(id: $id) { id state status inspect { state { running exitCode } } }\n  }\n"): (typeof documents)["\n  mutation TutorialKill($id: String!) {\n    killContainer(id: $id) { id state status inspect { state { running exitCode } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TutorialPsA($id: String!) {\n    containers(all: true, filters: { id: [$id] }) { id image command state status name }\n  }\n"): (typeof documents)["\n  query TutorialPsA($id: String!) {\n    containers(all: true, filters: { id: [$id] }) { id image command state status name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment VolumeFields on Volume {\n    name\n    engine { name }\n    driver\n    mountpoint\n    scope\n    createdAt\n    labels { key value }\n    options { key value }\n    usage { size refCount }\n    containers { id name }\n  }\n"): (typeof documents)["\n  fragment VolumeFields on Volume {\n    name\n    engine { name }\n    driver\n    mountpoint\n    scope\n    createdAt\n    labels { key value }\n    options { key value }\n    usage { size refCount }\n    containers { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListVolumes($filters: VolumeFilters, $engine: String) {\n    volumes(filters: $filters, engine: $engine) { ...VolumeFields }\n  }\n"): (typeof documents)["\n  query ListVolumes($filters: VolumeFilters, $engine: String) {\n    volumes(filters: $filters, engine: $engine) { ...VolumeFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OneVolume($name: String!, $engine: String) {\n    volume(name: $name, engine: $engine) { ...VolumeFields }\n  }\n"): (typeof documents)["\n  query OneVolume($name: String!, $engine: String) {\n    volume(name: $name, engine: $engine) { ...VolumeFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query ContainerMounts($id: String!) {\n          container(id: $id) { mounts { type name source destination driver rw volume { name containers { id } } } }\n        }\n      "): (typeof documents)["\n        query ContainerMounts($id: String!) {\n          container(id: $id) { mounts { type name source destination driver rw volume { name containers { id } } } }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WsLimitsLogLines($id: String!) {\n    containerLogs(id: $id, tail: 0) {\n      message\n    }\n  }\n"): (typeof documents)["\n  subscription WsLimitsLogLines($id: String!) {\n    containerLogs(id: $id, tail: 0) {\n      message\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WsLimitsContainers($filters: ContainerFilters) {\n    containers(filters: $filters) {\n      id\n    }\n  }\n"): (typeof documents)["\n  query WsLimitsContainers($filters: ContainerFilters) {\n    containers(filters: $filters) {\n      id\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;