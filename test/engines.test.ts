// Several engines in one graph (a plain engine, and the manager and worker of a two-node swarm): merged listings, engine/name addressing, info and disk usage, the swarm, partial answers when an engine is down or black-holed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestImage, startPrivateEngine, type PrivateEngine } from '../scripts/engine.js';
import { startSwarm, TEST_IMAGE_V2, type TestSwarm } from '../scripts/swarm.js';
import type { EngineCallEvent } from '../src/docker/request.js';
import type { ContainerInspectWire, ContainerSummary, ServiceWire } from '../src/docker/types.js';
import { graphql } from './gql/index.js';
import { issueTokens } from './helpers/access.js';
import { startBlackHole, type BlackHole } from './helpers/black-hole.js';
import { createTestContainer, rawEngine, uniqueName, type RawEngine } from './helpers/engine-api.js';
import { startEnginesGateway } from './helpers/engines.js';
import { errorCodes, gql, gqlData, type TestGateway } from './helpers/gateway.js';
import { record, waitUntil } from './helpers/subscriptions.js';
import { wsClient } from './helpers/ws.js';

/** alpha: a plain engine; beta and gamma: the manager and the worker of a swarm. */
const NAMES = ['alpha', 'beta', 'gamma'] as const;
type Name = (typeof NAMES)[number];

const engines = {} as Record<Name, PrivateEngine>;
const raw = {} as Record<Name, RawEngine>;
let swarm: TestSwarm | undefined;
let gateway: TestGateway;

beforeAll(async () => {
  // Loopback addresses of this file's own: another file's swarm may run at the same time.
  const [plain, cluster] = await Promise.allSettled([
    startPrivateEngine(),
    startSwarm({ managerAddress: '127.0.0.4', workerAddress: '127.0.0.5' }),
  ]);
  if (plain.status === 'fulfilled') engines.alpha = plain.value;
  if (cluster.status === 'fulfilled') {
    swarm = cluster.value;
    engines.beta = swarm.manager;
    engines.gamma = swarm.worker;
  }
  if (plain.status === 'rejected') throw plain.reason;
  if (cluster.status === 'rejected') throw cluster.reason;
  await ensureTestImage(engines.alpha.socketPath);
  for (const name of NAMES) raw[name] = rawEngine(engines[name].socketPath);
  gateway = await startEnginesGateway(
    NAMES.map((name) => ({ name, dockerHost: engines[name].dockerHost })),
    { callTimeoutMs: 1_500 },
  );
}, 120_000);

afterAll(async () => {
  await gateway?.close();
  await Promise.all(NAMES.map((name) => raw[name]?.close()));
  await Promise.all([engines.alpha?.stop(), swarm?.stop()]);
}, 60_000);

const EngineContainers = graphql(`
  query EngineContainers($engine: String) {
    containers(all: true, engine: $engine) { id name createdAt engine { name } }
  }
`);
const EngineContainer = graphql(`
  query EngineContainer($id: String!) {
    container(id: $id) { id name engine { name } inspect { raw } }
  }
`);
const EngineList = graphql(`
  query EngineList { engines { name reachable version apiVersion } }
`);
const OneEngine = graphql(`
  query OneEngine($name: String) { engine(name: $name) { name version } }
`);
const EngineStop = graphql(`
  mutation EngineStop($id: String!) { stopContainer(id: $id, timeout: 0) { id state engine { name } } }
`);
const EngineCreate = graphql(`
  mutation EngineCreate($input: CreateContainerInput!) { createContainer(input: $input) { id name engine { name } } }
`);
const EngineLogs = graphql(`
  subscription EngineLogs($id: String!) { containerLogs(id: $id) { message } }
`);
const EngineEvents = graphql(`
  subscription EngineEvents($filters: EventFilters) { events(filters: $filters) { action actorId engine { name } } }
`);

async function ownList(name: Name): Promise<ContainerSummary[]> {
  return raw[name].json<ContainerSummary[]>('GET', '/containers/json?all=1');
}

describe('listings over every engine', () => {
  it("containers is the union of each engine's own list, newest first, each with its engine", async () => {
    const made = await Promise.all(NAMES.map((name) => createTestContainer(raw[name], { cmd: ['true'], start: false })));
    const data = await gqlData(gateway.url, EngineContainers, {});

    const expected = (
      await Promise.all(NAMES.map(async (name) => (await ownList(name)).map((c) => ({ id: c.Id, engine: name, created: c.Created }))))
    )
      .flat()
      .sort((a, b) => b.created - a.created);
    expect(new Set(data.containers.map((c) => `${c.engine.name}:${c.id}`))).toEqual(new Set(expected.map((c) => `${c.engine}:${c.id}`)));
    const created = data.containers.map((c) => Date.parse(c.createdAt));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    for (const [index, container] of made.entries()) {
      expect(data.containers.find((c) => c.id === container.id)?.engine.name).toBe(NAMES[index]);
    }
  });

  it('containers(engine:) lists that engine only, exactly as it lists itself', async () => {
    const data = await gqlData(gateway.url, EngineContainers, { engine: 'beta' });
    expect(data.containers.map((c) => c.id)).toEqual((await ownList('beta')).map((c) => c.Id));
    expect(new Set(data.containers.map((c) => c.engine.name))).toEqual(new Set(['beta']));
  });

  it('an unknown engine in an argument is BAD_USER_INPUT naming the configured ones', async () => {
    const result = await gql(gateway.url, EngineContainers, { engine: 'nowhere' });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(/nowhere.*alpha, beta, gamma/);
  });

  it('engines lists every configured engine, reachable, with its version', async () => {
    const data = await gqlData(gateway.url, EngineList, {});
    const version = await raw.alpha.json<{ Version: string; ApiVersion: string }>('GET', '/version');
    expect(data.engines).toEqual(
      NAMES.map((name) => ({ name, reachable: true, version: version.Version, apiVersion: version.ApiVersion })),
    );
  });

  it('engine(name) is that engine; without a name the first; an unknown name NOT_FOUND', async () => {
    expect((await gqlData(gateway.url, OneEngine, { name: 'gamma' })).engine.name).toBe('gamma');
    expect((await gqlData(gateway.url, OneEngine, {})).engine.name).toBe('alpha');
    expect(errorCodes(await gql(gateway.url, OneEngine, { name: 'nowhere' }))).toEqual(['NOT_FOUND']);
  });
});

const EngineSystem = graphql(`
  query EngineSystem($name: String) {
    engine(name: $name) {
      info { name serverVersion ncpu memTotal containers containersStopped images swarmNodeId swarmState }
      diskUsage { layersSize reclaimable images { id containers } containers { id state sizeRw } }
    }
  }
`);

describe('what each engine says of itself', () => {
  it("info is the engine's own GET /info, swarm node id included", async () => {
    for (const name of NAMES) {
      const own = await raw[name].json<{
        Name: string;
        ServerVersion: string;
        NCPU: number;
        MemTotal: number;
        Images: number;
        Swarm: { NodeID: string; LocalNodeState: string };
      }>('GET', '/info');
      const { info } = (await gqlData(gateway.url, EngineSystem, { name })).engine;
      expect(info).toMatchObject({
        name: own.Name,
        serverVersion: own.ServerVersion,
        ncpu: own.NCPU,
        memTotal: own.MemTotal,
        images: own.Images,
      });
      expect(info?.swarmNodeId).toBe(own.Swarm.NodeID || null);
      expect(info?.swarmState).toBe(own.Swarm.LocalNodeState || 'inactive');
    }
    expect((await gqlData(gateway.url, EngineSystem, { name: 'gamma' })).engine.info?.swarmNodeId).toBe(swarm?.workerNodeId);
  });

  it("diskUsage is the engine's own GET /system/df, with what a prune would reclaim", async () => {
    const stopped = await createTestContainer(raw.alpha, { cmd: ['sh', '-c', 'head -c 100000 /dev/zero > /junk'], start: true });
    await waitUntil(
      async () => (await raw.alpha.json<{ State: { Running: boolean } }>('GET', `/containers/${stopped.id}/json`)).State.Running === false,
      'the writer to exit',
    );
    const { diskUsage } = (await gqlData(gateway.url, EngineSystem, { name: 'alpha' })).engine;
    const own = await raw.alpha.json<{ LayersSize: number; Containers: Array<{ Id: string; State: string; SizeRw?: number }> }>(
      'GET',
      '/system/df',
    );
    expect(diskUsage?.layersSize).toBe(own.LayersSize);
    expect(diskUsage?.containers.map((c) => c.id).sort()).toEqual(own.Containers.map((c) => c.Id).sort());
    const writer = diskUsage?.containers.find((c) => c.id === stopped.id);
    expect(writer?.sizeRw).toBeGreaterThanOrEqual(100_000);
    // Its layer is reclaimable: the container is not running.
    expect(diskUsage?.reclaimable).toBeGreaterThanOrEqual(writer?.sizeRw ?? Number.POSITIVE_INFINITY);
  });
});

describe('addressing a container', () => {
  it("engine/name finds it on that engine, and its inspect is that engine's own", async () => {
    const { id, name } = await createTestContainer(raw.gamma, { cmd: ['true'], start: false });
    const data = await gqlData(gateway.url, EngineContainer, { id: `gamma/${name}` });
    expect(data.container?.id).toBe(id);
    expect(data.container?.engine.name).toBe('gamma');
    expect(data.container?.inspect.raw).toEqual(await raw.gamma.json<ContainerInspectWire>('GET', `/containers/${id}/json`));
  });

  it('a bare name is found on whichever engine has it', async () => {
    const { id, name } = await createTestContainer(raw.beta, { cmd: ['true'], start: false });
    const data = await gqlData(gateway.url, EngineContainer, { id: name });
    expect(data.container).toMatchObject({ id, engine: { name: 'beta' } });
  });

  it('a bare name on two engines is BAD_USER_INPUT naming both', async () => {
    const name = uniqueName('wharf-twin');
    await createTestContainer(raw.alpha, { cmd: ['true'], start: false, name });
    await createTestContainer(raw.gamma, { cmd: ['true'], start: false, name });
    const result = await gql(gateway.url, EngineContainer, { id: name });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toContain('alpha, gamma');
    expect((await gqlData(gateway.url, EngineContainer, { id: `gamma/${name}` })).container?.engine.name).toBe('gamma');
  });

  it('a name on no engine is null; on an engine it is not on, null too', async () => {
    const { name } = await createTestContainer(raw.alpha, { cmd: ['true'], start: false });
    expect((await gqlData(gateway.url, EngineContainer, { id: uniqueName('wharf-none') })).container).toBeNull();
    expect((await gqlData(gateway.url, EngineContainer, { id: `beta/${name}` })).container).toBeNull();
  });

  it('a mutation acts on the named engine', async () => {
    const { id, name } = await createTestContainer(raw.beta, { cmd: ['sleep', '600'] });
    const data = await gqlData(gateway.url, EngineStop, { id: `beta/${name}` });
    expect(data.stopContainer).toMatchObject({ id, state: 'EXITED', engine: { name: 'beta' } });
    expect((await raw.beta.json<ContainerInspectWire>('GET', `/containers/${id}/json`)).State.Running).toBe(false);
  });

  it('createContainer makes the container on the engine its input names', async () => {
    const name = uniqueName('wharf-made');
    const data = await gqlData(gateway.url, EngineCreate, {
      input: { image: 'wharf-test/busybox:latest', name, engine: 'gamma', cmd: ['true'], labels: [{ key: 'wharf.test', value: '1' }] },
    });
    expect(data.createContainer.engine.name).toBe('gamma');
    expect((await raw.gamma.json<ContainerInspectWire>('GET', `/containers/${name}/json`)).Id).toBe(data.createContainer.id);
    expect((await raw.alpha.request('GET', `/containers/${name}/json`)).status).toBe(404);
  });

  it('a log subscription follows the container on its engine', async () => {
    const { name } = await createTestContainer(raw.gamma, { cmd: ['sh', '-c', 'echo from-gamma; sleep 600'] });
    const client = wsClient(gateway.wsUrl);
    try {
      const logs = record(client, EngineLogs, { id: `gamma/${name}` });
      await logs.until(() => logs.data.some((d) => d.containerLogs.message === 'from-gamma'), 'the line from gamma');
      expect(logs.errors).toEqual([]);
    } finally {
      await client.dispose();
    }
  });

  it("the export route takes engine/id and streams that engine's container", async () => {
    const { id } = await createTestContainer(raw.beta, { cmd: ['true'], start: false });
    const res = await fetch(`${gateway.origin}/containers/beta/${id}/export`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-tar');
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1024);
    expect((await fetch(`${gateway.origin}/containers/alpha/${id}/export`)).status).toBe(404);
  });
});

describe('events from every engine', () => {
  it("merges the engines' events, each with its engine", async () => {
    const label = uniqueName('wharf-events');
    const client = wsClient(gateway.wsUrl);
    try {
      const events = record(client, EngineEvents, { filters: { type: ['container'], event: ['create'], label: [label] } });
      // The subscription is open once a first event can arrive: create until both engines have reported one.
      const made: Array<{ engine: Name; id: string }> = [];
      await waitUntil(
        async () => {
          for (const name of ['alpha', 'beta'] as const) {
            made.push({
              engine: name,
              ...(await createTestContainer(raw[name], { cmd: ['true'], start: false, labels: { [label]: '1' } })),
            });
          }
          return (['alpha', 'beta'] as const).every((name) => events.data.some((d) => d.events.engine.name === name));
        },
        'a create event from alpha and from beta',
        { intervalMs: 200 },
      );
      for (const { events: event } of events.data) {
        expect(made.find((m) => m.id === event.actorId)?.engine).toBe(event.engine.name);
      }
    } finally {
      await client.dispose();
    }
  });
});

describe('an engine that is down', () => {
  it("costs only its part: the others' containers and one DOCKER_UNAVAILABLE naming it; back when it is", async () => {
    await engines.alpha.halt();
    try {
      const result = await gql(gateway.url, EngineContainers, {});
      expect(result.errors).toHaveLength(1);
      expect(result.errors?.[0]).toMatchObject({ path: ['containers'], extensions: { code: 'DOCKER_UNAVAILABLE', engine: 'alpha' } });
      const ids = new Set(result.data?.containers.map((c) => c.id));
      for (const name of ['beta', 'gamma'] as const) for (const c of await ownList(name)) expect(ids.has(c.Id)).toBe(true);
      expect(result.data?.containers.some((c) => c.engine.name === 'alpha')).toBe(false);

      const ready = await fetch(`${gateway.origin}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready', unavailable: ['alpha'] });
      const engineList = await gql(gateway.url, EngineList, {});
      expect(engineList.data?.engines.map((e) => [e.name, e.reachable, e.version === null])).toEqual([
        ['alpha', false, true],
        ['beta', true, false],
        ['gamma', true, false],
      ]);
      expect(engineList.errors?.map((e) => `${e.extensions?.code} ${e.extensions?.engine}`)).toEqual(['DOCKER_UNAVAILABLE alpha']);
    } finally {
      await engines.alpha.resume();
    }
    const after = await gql(gateway.url, EngineContainers, {});
    expect(after.errors).toBeUndefined();
    expect(new Set(after.data?.containers.map((c) => c.engine.name))).toContain('alpha');
    expect((await fetch(`${gateway.origin}/readyz`)).status).toBe(200);
  }, 90_000);
});

describe('a black-holed engine', () => {
  let hole: BlackHole;
  let holed: TestGateway;
  const CALL_TIMEOUT_MS = 1_000;

  beforeAll(async () => {
    hole = await startBlackHole();
    holed = await startEnginesGateway(
      [
        { name: 'alpha', dockerHost: engines.alpha.dockerHost },
        { name: 'hole', dockerHost: hole.dockerHost },
      ],
      { callTimeoutMs: CALL_TIMEOUT_MS },
    );
  });
  afterAll(async () => {
    await holed?.close();
    await hole?.close();
  });

  it("is one DOCKER_UNAVAILABLE error beside the other engine's list, answered once its call timeout passes", async () => {
    const started = performance.now();
    const result = await gql(holed.url, EngineContainers, {});
    const elapsed = performance.now() - started;
    expect(hole.accepted()).toBeGreaterThan(0);
    expect(result.errors).toEqual([
      expect.objectContaining({ path: ['containers'], extensions: { code: 'DOCKER_UNAVAILABLE', engine: 'hole' } }),
    ]);
    expect(result.data?.containers.map((c) => c.id)).toEqual((await ownList('alpha')).map((c) => c.Id));
    // Bounded by the call timeout, not the engine: without it the answer would never come.
    expect(elapsed).toBeGreaterThanOrEqual(CALL_TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(CALL_TIMEOUT_MS * 5);
  });

  it('makes /readyz name it while the other engine keeps it 200', async () => {
    const res = await fetch(`${holed.origin}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ unavailable: ['hole'] });
  });
});

// The swarm through the graph: beta is the manager, gamma the worker, alpha outside any swarm.

const SwarmEngines = graphql(`
  query SwarmEngines {
    engines {
      name
      swarm { id engine { name } nodes { id role state managerStatus engine { name } } }
    }
  }
`);
const SwarmService = graphql(`
  query SwarmService($id: String!) {
    engine(name: "beta") {
      swarm {
        service(id: $id) {
          id name image mode replicas runningTasks engine { name }
          tasks {
            id slot state desiredState image containerId
            service { id }
            node { id engine { name } }
            container { id engine { name } inspect { raw } }
          }
        }
      }
    }
  }
`);
/** Lists wanted at several depths: a later depth finds the earlier reads over, so only the memo keeps each to one call. */
const SwarmMemo = graphql(`
  query SwarmMemo($id: String!) {
    engine(name: "beta") {
      swarm {
        nodes { id }
        service(id: $id) {
          tasks {
            service { id runningTasks }
            node { id engine { name } tasks { id } }
            container { id engine { name } }
          }
        }
      }
    }
  }
`);
const SwarmServices = graphql(`
  query SwarmServices($name: String!) {
    engine(name: "beta") { swarm { services(filters: { name: [$name] }) { id name labels { key value } inspect } } }
  }
`);
const SwarmCreate = graphql(`
  mutation SwarmCreate($input: CreateServiceInput!) {
    createService(input: $input) { id name image mode replicas engine { name } }
  }
`);
const SwarmScale = graphql(`
  mutation SwarmScale($id: String!, $replicas: Int!, $engine: String) {
    scaleService(id: $id, replicas: $replicas, engine: $engine) { id replicas }
  }
`);
const SwarmUpdate = graphql(`
  mutation SwarmUpdate($id: String!, $input: UpdateServiceInput!) {
    updateService(id: $id, input: $input) { id image labels { key value } }
  }
`);
const SwarmRemove = graphql(`
  mutation SwarmRemove($id: String!, $engine: String) { removeService(id: $id, engine: $engine) }
`);
const SwarmLogs = graphql(`
  subscription SwarmLogs($id: String!) { serviceLogs(id: $id) { stream message taskId nodeId timestamp } }
`);

/** Polling a manager more often than this only loads a 2-core machine. */
const SWARM_POLL = { timeoutMs: 30_000, intervalMs: 250 };

async function listedServices(): Promise<ServiceWire[]> {
  return raw.beta.json<ServiceWire[]>('GET', '/services');
}

describe('a swarm', () => {
  const tokens = issueTokens('swarm');
  const calls: EngineCallEvent[] = [];
  let guarded: TestGateway;
  const made: string[] = [];

  beforeAll(async () => {
    guarded = await startEnginesGateway(
      NAMES.map((name) => ({ name, dockerHost: engines[name].dockerHost })),
      {
        callTimeoutMs: 1_500,
        tokens: Object.values(tokens),
        createPolicy: { bindPrefixes: ['/srv/wharf-allowed'] },
        observeEngine: (e) => calls.push(e),
      },
    );
  });
  afterAll(async () => {
    await guarded?.close();
    // Whatever a failed test left behind.
    const left = new Set((await listedServices().catch(() => [])).map((s) => s.ID));
    await Promise.all(made.filter((id) => left.has(id)).map((id) => raw.beta.request('DELETE', `/services/${id}`)));
  });

  const as = (role: keyof typeof tokens) => ({ headers: { authorization: `Bearer ${tokens[role].token}` } });

  it('is on the manager only; its nodes map to the configured engines; no join token anywhere', async () => {
    const result = await gql(gateway.url, SwarmEngines, {});
    expect(result.errors).toBeUndefined();
    const byName = new Map(result.data?.engines.map((e) => [e.name, e.swarm]));
    expect(byName.get('alpha')).toBeNull();
    expect(byName.get('gamma')).toBeNull();
    const cluster = byName.get('beta');
    const own = await raw.beta.json<{ ID: string; JoinTokens: { Worker: string; Manager: string } }>('GET', '/swarm');
    expect(cluster?.id).toBe(own.ID);
    expect(cluster?.engine.name).toBe('beta');
    expect(new Map(cluster?.nodes.map((n) => [n.id, [n.role, n.state, n.managerStatus, n.engine?.name]]))).toEqual(
      new Map([
        [swarm?.managerNodeId, ['manager', 'ready', 'leader', 'beta']],
        [swarm?.workerNodeId, ['worker', 'ready', null, 'gamma']],
      ]),
    );
    const text = JSON.stringify(result);
    expect(text).not.toContain(own.JoinTokens.Worker);
    expect(text).not.toContain(own.JoinTokens.Manager);
  });

  it('a service operation on an engine that is not a manager is CONFLICT with its words', async () => {
    for (const engine of ['alpha', 'gamma']) {
      const result = await gql(gateway.url, SwarmRemove, { id: 'anything', engine });
      expect(errorCodes(result)).toEqual(['CONFLICT']);
      expect(result.errors?.[0]?.message).toMatch(/not a swarm manager/);
    }
  });

  it('a replicated service converges on both nodes, each task with its container on its node; logs, scale, update, remove', async () => {
    const name = uniqueName('wharf-svc');
    const created = await gqlData(gateway.url, SwarmCreate, {
      input: {
        name,
        image: 'wharf-test/busybox:latest',
        cmd: ['sh', '-c', 'echo hello from $(hostname); exec sleep 3600'],
        replicas: 4,
        stopGracePeriod: 1,
        labels: [{ key: 'wharf.test', value: '1' }],
      },
    });
    const id = created.createService.id;
    made.push(id);
    // Without engine: it went to beta, the first configured manager.
    expect(created.createService).toMatchObject({
      name,
      image: 'wharf-test/busybox:latest',
      mode: 'replicated',
      replicas: 4,
      engine: { name: 'beta' },
    });
    expect((await listedServices()).map((s) => s.ID)).toContain(id);

    type Service = NonNullable<NonNullable<Awaited<ReturnType<typeof serviceOf>>>>;
    const serviceOf = async (ref: string) => (await gqlData(gateway.url, SwarmService, { id: ref })).engine.swarm?.service;
    const runningOf = (service: Service) => service.tasks.filter((t) => t.desiredState === 'running' && t.state === 'running');
    let service: Service | undefined;
    await waitUntil(
      async () => {
        service = (await serviceOf(name)) ?? undefined;
        const running = service ? runningOf(service) : [];
        return service?.runningTasks === 4 && running.length === 4 && running.every((t) => t.container?.inspect.raw);
      },
      () => `4 running tasks: ${JSON.stringify(service?.tasks.map((t) => [t.state, t.node?.engine?.name]))}`,
      SWARM_POLL,
    );
    const running = runningOf(service!);
    const nodeEngine = (nodeId: string | undefined) =>
      nodeId === swarm?.managerNodeId ? 'beta' : nodeId === swarm?.workerNodeId ? 'gamma' : 'none';
    expect(new Set(running.map((t) => t.node?.engine?.name))).toEqual(new Set(['beta', 'gamma']));
    await Promise.all(
      running.map(async (task) => {
        const engineName = nodeEngine(task.node?.id);
        expect(task.node?.engine?.name).toBe(engineName);
        expect(task.service.id).toBe(id);
        expect(task.container?.id).toBe(task.containerId);
        expect(task.container?.engine.name).toBe(engineName);
        expect(task.container?.inspect.raw).toEqual(await raw[engineName as Name].json('GET', `/containers/${task.containerId}/json`));
      }),
    );

    // The log: each task's first line, with the task and its node.
    const client = wsClient(gateway.wsUrl);
    try {
      const logs = record(client, SwarmLogs, { id });
      await logs.until(() => new Set(logs.data.map((d) => d.serviceLogs.taskId)).size >= 4, 'a line of each of the 4 tasks', 20_000);
      expect(logs.errors).toEqual([]);
      for (const { serviceLogs: line } of logs.data) {
        const task = running.find((t) => t.id === line.taskId);
        expect(line).toMatchObject({ stream: 'STDOUT', nodeId: task?.node?.id, message: `hello from ${task?.containerId?.slice(0, 12)}` });
      }
    } finally {
      await client.dispose();
    }

    // Scale to 1, then roll the one task over to the second tag.
    expect((await gqlData(gateway.url, SwarmScale, { id: name, replicas: 1 })).scaleService).toEqual({ id, replicas: 1 });
    await waitUntil(async () => (service = (await serviceOf(id)) ?? undefined)?.runningTasks === 1, 'runningTasks 1', SWARM_POLL);
    const before = new Set(runningOf(service!).map((t) => t.containerId));
    const updated = await gqlData(gateway.url, SwarmUpdate, { id, input: { image: TEST_IMAGE_V2 } });
    expect(updated.updateService).toMatchObject({ id, image: TEST_IMAGE_V2 });
    await waitUntil(
      async () => {
        service = (await serviceOf(id)) ?? undefined;
        const now = service ? runningOf(service) : [];
        return (
          now.length === 1 &&
          now.every(
            (t) =>
              !before.has(t.containerId) &&
              t.image === TEST_IMAGE_V2 &&
              (t.container?.inspect.raw as ContainerInspectWire | undefined)?.Config.Image === TEST_IMAGE_V2,
          )
        );
      },
      'the running task on the second tag',
      SWARM_POLL,
    );

    expect((await gqlData(gateway.url, SwarmRemove, { id: name })).removeService).toBe(id);
    expect((await listedServices()).map((s) => s.ID)).not.toContain(id);
    expect(await serviceOf(id)).toBeNull();
  }, 90_000);

  it('in token mode: viewers see it (env redacted), operators scale, only admins create, update and remove; refusals reach no engine', async () => {
    const name = uniqueName('wharf-svc-access');
    const input = {
      name,
      image: 'wharf-test/busybox:latest',
      cmd: ['sleep', '3600'],
      env: ['SWARM_SECRET=hunter2-swarm'],
      replicas: 0,
      stopGracePeriod: 1,
    };
    const refused = async (role: 'viewer' | 'operator', run: () => Promise<{ errors?: unknown }>) => {
      const before = calls.length;
      const result = (await run()) as Parameters<typeof errorCodes>[0];
      expect(errorCodes(result), role).toEqual(['FORBIDDEN']);
      expect(calls.slice(before)).toEqual([]);
    };
    for (const role of ['viewer', 'operator'] as const) {
      await refused(role, () => gql(guarded.url, SwarmCreate, { input }, as(role)));
    }
    // A bind outside --allow-bind, even for an admin.
    const before = calls.length;
    const bind = await gql(
      guarded.url,
      SwarmCreate,
      { input: { ...input, mounts: [{ type: 'bind', source: '/etc', target: '/host-etc', readOnly: true }] } },
      as('admin'),
    );
    expect(errorCodes(bind)).toEqual(['FORBIDDEN']);
    expect(bind.errors?.[0]?.message).toContain('--allow-bind');
    expect(calls.slice(before)).toEqual([]);

    const created = await gql(guarded.url, SwarmCreate, { input }, as('admin'));
    expect(created.errors).toBeUndefined();
    const id = created.data!.createService.id;
    made.push(id);
    expect(calls.some((c) => c.engine === 'beta' && c.endpoint === '/services/create')).toBe(true);

    const seen = await gql(guarded.url, SwarmServices, { name }, as('viewer'));
    expect(seen.errors).toBeUndefined();
    expect(seen.data?.engine.swarm?.services.map((s) => s.id)).toEqual([id]);
    const specOf = (inspect: unknown) => (inspect as ServiceWire | undefined)?.Spec.TaskTemplate.ContainerSpec;
    const spec = { TaskTemplate: { ContainerSpec: specOf(seen.data?.engine.swarm?.services[0]?.inspect) } };
    expect(spec.TaskTemplate.ContainerSpec?.Env).toEqual(['SWARM_SECRET=***']);
    expect(JSON.stringify(seen)).not.toContain('hunter2');
    const adminSeen = await gql(guarded.url, SwarmServices, { name }, as('admin'));
    expect(specOf(adminSeen.data?.engine.swarm?.services[0]?.inspect)?.Env).toEqual(input.env);

    await refused('viewer', () => gql(guarded.url, SwarmScale, { id, replicas: 1 }, as('viewer')));
    const scaled = await gql(guarded.url, SwarmScale, { id, replicas: 2 }, as('operator'));
    expect(scaled.errors).toBeUndefined();
    expect(scaled.data?.scaleService.replicas).toBe(2);
    expect((await raw.beta.json<ServiceWire>('GET', `/services/${id}`)).Spec.Mode?.Replicated?.Replicas).toBe(2);

    // One operation over both tasks, each with its service, node, node's engine and container: every list read once.
    let read: EngineCallEvent[] = [];
    await waitUntil(
      async () => {
        const from = calls.length;
        const result = await gql(guarded.url, SwarmMemo, { id }, as('viewer'));
        read = calls.slice(from);
        const tasks = result.data?.engine.swarm?.service?.tasks ?? [];
        return tasks.length === 2 && tasks.every((t) => t.container?.engine && t.node?.tasks.length && t.service.runningTasks === 2);
      },
      'both tasks running, each with its container',
      SWARM_POLL,
    );
    const reads = (endpoint: string) => read.filter((c) => c.method === 'GET' && c.endpoint === endpoint).length;
    expect([reads('/nodes'), reads('/services'), reads('/tasks'), reads('/services/{id}')]).toEqual([1, 1, 1, 1]);
    expect(reads('/info')).toBeLessThanOrEqual(NAMES.length);
    expect(reads('/containers/{id}/json')).toBe(2);

    const labels = [{ key: 'wharf.access', value: 'admin' }];
    for (const role of ['viewer', 'operator'] as const) {
      await refused(role, () => gql(guarded.url, SwarmUpdate, { id, input: { labels } }, as(role)));
      await refused(role, () => gql(guarded.url, SwarmRemove, { id }, as(role)));
    }
    const updated = await gql(guarded.url, SwarmUpdate, { id, input: { labels } }, as('admin'));
    expect(updated.data?.updateService.labels).toEqual(labels);
    expect((await gql(guarded.url, SwarmRemove, { id }, as('admin'))).data?.removeService).toBe(id);
    expect((await listedServices()).map((s) => s.ID)).not.toContain(id);
  }, 60_000);
});
