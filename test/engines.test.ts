// Several engines in one graph (a plain engine, and the manager and worker of a two-node swarm): merged listings, engine/name addressing, info and disk usage, the swarm, partial answers when an engine is down or black-holed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestImage, startPrivateEngine, type PrivateEngine } from '../scripts/engine.js';
import { startSwarm, type TestSwarm } from '../scripts/swarm.js';
import type { ContainerInspectWire, ContainerSummary } from '../src/docker/types.js';
import { graphql } from './gql/index.js';
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
