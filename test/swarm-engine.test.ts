// The swarm verbs against a real two-node swarm of its own (not the shared test engine): nodes, a service's tasks on both nodes, its log, a rolling update, scaling, removal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_IMAGE } from '../scripts/engine.js';
import { startSwarm, TEST_IMAGE_V2, type TestSwarm } from '../scripts/swarm.js';
import { createDockerClient, type DockerClient } from '../src/docker/client.js';
import { connectionFromEnv } from '../src/docker/connection.js';
import { ConflictError, NotFoundError } from '../src/docker/errors.js';
import { eachItem } from '../src/docker/line-batches.js';
import type { ServiceLogRecord } from '../src/docker/swarm.js';
import type { ServiceSpecWire, TaskWire } from '../src/docker/types.js';
import { rawEngine, uniqueName } from './helpers/engine-api.js';
import { waitUntil } from './helpers/subscriptions.js';

const REPLICAS = 4;
/** Polling the manager more often than this only loads a 2-core machine. */
const POLL = { timeoutMs: 20_000, intervalMs: 100 };

let swarm: TestSwarm;
let manager: DockerClient;
let worker: DockerClient;

beforeAll(async () => {
  swarm = await startSwarm({ managerAddress: '127.0.0.2', workerAddress: '127.0.0.3' });
  const client = (dockerHost: string) => createDockerClient({ settings: connectionFromEnv({ DOCKER_HOST: dockerHost }) });
  manager = client(swarm.manager.dockerHost);
  worker = client(swarm.worker.dockerHost);
});

afterAll(async () => {
  await Promise.all([manager?.close(), worker?.close()]);
  await swarm?.stop();
});

/** Each node's own engine, by node id. */
const engineOf = (nodeId: string | undefined): DockerClient => {
  if (nodeId === swarm.managerNodeId) return manager;
  if (nodeId === swarm.workerNodeId) return worker;
  throw new Error(`task on an unknown node ${nodeId}`);
};

/** The containers of the service running on both engines, as each engine itself lists them: container id -> image. */
async function runningContainers(serviceId: string): Promise<Map<string, string>> {
  const filters = { label: [`com.docker.swarm.service.id=${serviceId}`], status: ['running'] };
  const lists = await Promise.all([manager.containers.list({ filters }), worker.containers.list({ filters })]);
  return new Map(lists.flat().map((c) => [c.Id, c.Image]));
}

/** The tasks the manager wants running, once all of them are. */
async function runningTasks(serviceId: string): Promise<TaskWire[]> {
  const tasks = await manager.swarm.tasks({ service: [serviceId], 'desired-state': ['running'] });
  return tasks.every((t) => t.Status.State === 'running') ? tasks : [];
}

describe('a two-node swarm', () => {
  it('has a manager and a worker, both ready', async () => {
    const nodes = await manager.swarm.nodes();
    const byId = new Map(nodes.map((n) => [n.ID, n]));
    expect(nodes).toHaveLength(2);
    expect(byId.get(swarm.managerNodeId)).toMatchObject({
      Spec: { Role: 'manager', Availability: 'active' },
      Status: { State: 'ready', Addr: '127.0.0.2' },
      ManagerStatus: { Leader: true, Reachability: 'reachable', Addr: '127.0.0.2:2377' },
    });
    // The manager records the address the worker's connection came from, not the one it advertises:
    // on loopback the kernel sends from 127.0.0.1 whatever address the worker listens on.
    expect(byId.get(swarm.workerNodeId)).toMatchObject({
      Spec: { Role: 'worker' },
      Status: { State: 'ready', Addr: expect.stringMatching(/^127\./) },
    });
    expect(byId.get(swarm.workerNodeId)?.ManagerStatus).toBeUndefined();
    await expect(manager.swarm.node(swarm.workerNodeId)).resolves.toMatchObject({ ID: swarm.workerNodeId, Spec: { Role: 'worker' } });
  });

  it('each engine tells its own place in the swarm; the manager has the join tokens', async () => {
    const [managerInfo, workerInfo, cluster] = await Promise.all([manager.system.info(), worker.system.info(), manager.swarm.inspect()]);
    expect(managerInfo.Swarm).toMatchObject({ NodeID: swarm.managerNodeId, LocalNodeState: 'active', ControlAvailable: true, Nodes: 2 });
    expect(workerInfo.Swarm).toMatchObject({
      NodeID: swarm.workerNodeId,
      NodeAddr: '127.0.0.3',
      LocalNodeState: 'active',
      ControlAvailable: false,
    });
    expect(cluster.JoinTokens.Worker).toMatch(/^SWMTKN-1-/);
    expect(managerInfo.Swarm.Cluster?.ID).toBe(cluster.ID);
  });

  it('both engines hold the test image under both tags', async () => {
    for (const engine of [manager, worker]) {
      const df = await engine.system.diskUsage();
      expect(df.Images?.flatMap((i) => i.RepoTags ?? [])).toEqual(expect.arrayContaining([TEST_IMAGE, TEST_IMAGE_V2]));
    }
  });

  it('a worker is not a manager: swarm calls there are CONFLICT', async () => {
    for (const call of [
      () => worker.swarm.nodes(),
      () => worker.swarm.services(),
      () => worker.swarm.inspect(),
      () => worker.swarm.serviceLogs('any', { tty: false }),
    ]) {
      const error = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ConflictError);
      expect(error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/^This node is not a swarm manager/) });
    }
  });
});

describe('a replicated service', () => {
  const name = uniqueName('wharf-svc');
  const spec: ServiceSpecWire = {
    Name: name,
    TaskTemplate: {
      ContainerSpec: {
        Image: TEST_IMAGE,
        Args: ['sh', '-c', 'echo hello from $(hostname); sleep 3600'],
        // sh as pid 1 ignores SIGTERM: a short grace period keeps each stop to a second.
        StopGracePeriod: 1_000_000_000,
      },
    },
    Mode: { Replicated: { Replicas: REPLICAS } },
    // All tasks at once, and a short watch after: the update ends in seconds rather than a minute.
    UpdateConfig: { Parallelism: 0, Order: 'stop-first', Monitor: 200_000_000 },
  };
  let serviceId = '';
  let firstTasks: TaskWire[] = [];

  it('converges: its tasks run on both nodes, each in a container its node lists', async () => {
    serviceId = (await manager.swarm.createService(spec)).ID;
    expect(serviceId).toMatch(/^[a-z0-9]{25}$/);

    await waitUntil(async () => (firstTasks = await runningTasks(serviceId)).length === REPLICAS, 'all tasks running', POLL);
    expect(new Set(firstTasks.map((t) => t.NodeID))).toEqual(new Set([swarm.managerNodeId, swarm.workerNodeId]));
    for (const task of firstTasks) {
      const containerId = task.Status.ContainerStatus?.ContainerID ?? '';
      const own = await engineOf(task.NodeID).containers.list({ filters: { id: [containerId] } });
      expect(own.map((c) => [c.Id, c.State, c.Labels?.['com.docker.swarm.task.id']])).toEqual([[containerId, 'running', task.ID]]);
    }
    expect([...(await runningContainers(serviceId)).keys()].sort()).toEqual(
      firstTasks.map((t) => t.Status.ContainerStatus?.ContainerID).sort(),
    );

    const [listed] = await manager.swarm.services({ id: [serviceId] });
    expect(listed).toMatchObject({
      ID: serviceId,
      Spec: { Name: name },
      ServiceStatus: { RunningTasks: REPLICAS, DesiredTasks: REPLICAS },
    });
    await expect(manager.swarm.service(name)).resolves.toMatchObject({ ID: serviceId });
  });

  it("its log has each task's line, with the task, its node and the service", async () => {
    const logs = await manager.swarm.serviceLogs(name, { follow: true });
    const lines: ServiceLogRecord[] = [];
    const deadline = setTimeout(() => void logs.return(), POLL.timeoutMs);
    try {
      for await (const line of eachItem(logs)) {
        lines.push(line);
        if (lines.length === REPLICAS) break;
      }
    } finally {
      clearTimeout(deadline);
    }
    const expected = firstTasks.map((t) => ({
      taskId: t.ID,
      nodeId: t.NodeID,
      serviceId,
      stream: 'stdout',
      // A task's container is named for its id: hostname is its first 12 characters.
      message: `hello from ${t.Status.ContainerStatus?.ContainerID?.slice(0, 12)}`,
    }));
    const byTask = (a: { taskId: string }, b: { taskId: string }) => a.taskId.localeCompare(b.taskId);
    expect(
      lines.map(({ taskId, nodeId, serviceId, stream, message }) => ({ taskId, nodeId, serviceId, stream, message })).sort(byTask),
    ).toEqual(expected.sort(byTask));
    for (const line of lines) expect(line.timestamp).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/);
  });

  it('an update to another image rolls every task over to new containers of it', async () => {
    const current = await manager.swarm.service(serviceId);
    const next: ServiceSpecWire = {
      ...current.Spec,
      TaskTemplate: { ...current.Spec.TaskTemplate, ContainerSpec: { ...current.Spec.TaskTemplate.ContainerSpec, Image: TEST_IMAGE_V2 } },
    };
    await manager.swarm.updateService(serviceId, current.Version.Index, next);

    const old = new Set(firstTasks.map((t) => t.Status.ContainerStatus?.ContainerID));
    let containers = new Map<string, string>();
    let tasks: TaskWire[] = [];
    // The engines' own lists and the manager's task states agree only once every node has reported in.
    await waitUntil(
      async () => {
        [containers, tasks] = await Promise.all([runningContainers(serviceId), runningTasks(serviceId)]);
        return (
          containers.size === REPLICAS &&
          [...containers].every(([id, image]) => !old.has(id) && image === TEST_IMAGE_V2) &&
          tasks.length === REPLICAS &&
          tasks.every((t) => t.Spec.ContainerSpec?.Image === TEST_IMAGE_V2 && containers.has(t.Status.ContainerStatus?.ContainerID ?? ''))
        );
      },
      () =>
        `${REPLICAS} new containers of ${TEST_IMAGE_V2} and their tasks running (now ${JSON.stringify([...containers])}, ${tasks.length} tasks)`,
      POLL,
    );
    await waitUntil(async () => (await manager.swarm.service(serviceId)).UpdateStatus?.State === 'completed', 'the update completed', POLL);
  });

  it('an update made over an old version is CONFLICT', async () => {
    const current = await manager.swarm.service(serviceId);
    await expect(manager.swarm.updateService(serviceId, current.Version.Index - 1, current.Spec)).rejects.toBeInstanceOf(ConflictError);
  });

  it('scales down to one task through an update', async () => {
    const current = await manager.swarm.service(serviceId);
    await manager.swarm.updateService(serviceId, current.Version.Index, { ...current.Spec, Mode: { Replicated: { Replicas: 1 } } });
    // RunningTasks counts a task until its node reports it stopped, so it lags the containers by a moment.
    await waitUntil(
      async () => {
        const [[listed], containers] = await Promise.all([manager.swarm.services({ id: [serviceId] }), runningContainers(serviceId)]);
        return listed?.ServiceStatus?.RunningTasks === 1 && listed.ServiceStatus.DesiredTasks === 1 && containers.size === 1;
      },
      'one running task and one container left',
      POLL,
    );
    expect(await runningTasks(serviceId)).toHaveLength(1);
  });

  it('is removed, and its containers go from both nodes', async () => {
    await manager.swarm.removeService(serviceId);
    await expect(manager.swarm.service(serviceId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(manager.swarm.removeService(serviceId)).rejects.toBeInstanceOf(NotFoundError);
    await waitUntil(async () => (await runningContainers(serviceId)).size === 0, 'no container of the service running', POLL);
  });
});

describe('an engine outside any swarm', () => {
  it('answers swarm calls with CONFLICT too, in its own words', async () => {
    // Last in the file: the worker leaves, and is a plain engine from then on.
    const raw = rawEngine(swarm.worker.socketPath);
    try {
      await raw.json('POST', '/swarm/leave?force=1');
    } finally {
      await raw.close();
    }
    expect((await worker.system.info()).Swarm).toMatchObject({ LocalNodeState: 'inactive', ControlAvailable: false });
    const error = await worker.swarm.nodes().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('docker swarm init') });
  });
});
