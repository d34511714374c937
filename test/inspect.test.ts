// Container.inspect and the summary fields of container(id), checked against GET /containers/{id}/json and the engine's list.
import { mkdtempSync, rmSync } from 'node:fs';
import type { ContainerInspectWire, ContainerSummary as EngineSummary } from '../src/docker/types.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TEST_IMAGE } from '../scripts/engine.js';
import { graphql } from './gql/index.js';
import { createTestContainer, removeContainer, uniqueName } from './helpers/engine-api.js';
import { gqlData, gatewayForFile } from './helpers/gateway.js';

const { engine, gateway } = gatewayForFile();

/** Containers made by one test, removed after it. */
const created: string[] = [];
afterEach(async () => {
  await Promise.all(created.splice(0).map((id) => removeContainer(engine, id)));
});

const InspectBasics = graphql(`
  query InspectBasics($id: String!) {
    container(id: $id) {
      id
      inspect { path args restartCount }
    }
  }
`);

const InspectState = graphql(`
  query InspectState($id: String!) {
    container(id: $id) {
      inspect {
        state { status running paused restarting oomKilled dead pid exitCode error startedAt finishedAt }
      }
    }
  }
`);

const InspectConfig = graphql(`
  query InspectConfig($id: String!) {
    container(id: $id) {
      inspect {
        config {
          hostname
          user
          image
          workingDir
          env
          cmd
          entrypoint
          tty
          openStdin
          exposedPorts
          volumes
          labels { key value }
        }
      }
    }
  }
`);

const InspectHostConfig = graphql(`
  query InspectHostConfig($id: String!) {
    container(id: $id) {
      inspect {
        hostConfig {
          binds
          portBindings { containerPort hostIp hostPort }
          publishAllPorts
          privileged
          networkMode
          autoRemove
          restartPolicy { name maximumRetryCount }
          memory
        }
      }
    }
  }
`);

const InspectMounts = graphql(`
  query InspectMounts($id: String!) {
    container(id: $id) {
      inspect {
        mounts { type name source destination driver mode rw propagation }
      }
    }
  }
`);

const InspectRaw = graphql(`
  query InspectRaw($id: String!) {
    container(id: $id) { inspect { raw } }
  }
`);

const InspectFromList = graphql(`
  query InspectFromList($filters: ContainerFilters) {
    containers(all: true, filters: $filters) { id inspect { path raw } }
  }
`);

const ContainerSummary = graphql(`
  query ContainerSummary($id: String!) {
    container(id: $id) {
      id
      shortId
      name
      names
      image
      imageId
      command
      createdAt
      state
      status
      labels { key value }
      ports { ip privatePort publicPort type }
      exportUrl
    }
  }
`);

/** The parts of GET /containers/{id}/json these tests read. */
type EngineInspect = ContainerInspectWire;

const ZERO_TIME = '0001-01-01T00:00:00Z';

/** The engine lists Mounts in no fixed order (a Go map): sorted by destination, so that two documents compare. */
function withSortedMounts<T extends { Mounts?: Array<{ Destination: string }> | null }>(doc: T): T {
  const mounts = doc.Mounts ? [...doc.Mounts].sort((a, b) => a.Destination.localeCompare(b.Destination)) : doc.Mounts;
  return { ...doc, Mounts: mounts };
}

const inspectOf = (id: string) => engine.json<EngineInspect>('GET', `/containers/${id}/json`);

async function listEntryOf(id: string): Promise<EngineSummary> {
  const filters = encodeURIComponent(JSON.stringify({ id: [id] }));
  const [entry] = await engine.json<EngineSummary[]>('GET', `/containers/json?all=1&filters=${filters}`);
  expect(entry, `the engine lists ${id}`).toBeDefined();
  return entry!;
}

async function waitForExit(id: string): Promise<void> {
  await engine.json('POST', `/containers/${id}/wait`);
}

const sortedLabels = (labels: Record<string, string> | null) =>
  Object.entries(labels ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => ({ key, value }));

describe('Container.inspect of a container created with many settings', () => {
  let hostDir: string;
  let configured: { id: string; name: string };
  beforeAll(async () => {
    hostDir = mkdtempSync('/tmp/wharf-inspect-');
    configured = await createTestContainer(engine, {
      cmd: ['sleep', '300'],
      start: false,
      tty: true,
      labels: { tier: 'web', 'com.example.empty': '' },
      extra: {
        Env: ['GREETING=hello world', 'EMPTY='],
        Hostname: 'wharf-host',
        User: '1000:1000',
        WorkingDir: '/tmp',
        OpenStdin: true,
        ExposedPorts: { '80/tcp': {}, '53/udp': {}, '22/tcp': {} },
        Volumes: { '/data': {} },
        HostConfig: {
          Binds: [`${hostDir}:/host:ro`],
          PortBindings: {
            '22/tcp': [{ HostIp: '127.0.0.1', HostPort: '2222' }],
            '80/tcp': [{ HostPort: '8080' }, { HostPort: '8081' }],
          },
          PublishAllPorts: true,
          NetworkMode: 'none',
          RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
          Memory: 6_000_000_000,
        },
      },
    });
  });
  afterAll(async () => {
    await removeContainer(engine, configured.id);
    rmSync(hostDir, { recursive: true, force: true });
  });

  it("has the engine's path, args and restart count", async () => {
    const wire = await inspectOf(configured.id);
    const data = await gqlData(gateway.url, InspectBasics, { id: configured.id });
    expect(data.container).toEqual({
      id: wire.Id,
      inspect: { path: wire.Path, args: wire.Args, restartCount: wire.RestartCount },
    });
    expect(data.container?.inspect).toEqual({ path: 'sleep', args: ['300'], restartCount: 0 });
  });

  it("has the engine's config: env, cmd, entrypoint, tty, openStdin, ports, volumes, labels, hostname, user, workingDir, image", async () => {
    const { Config: c } = await inspectOf(configured.id);
    const data = await gqlData(gateway.url, InspectConfig, { id: configured.id });
    expect(data.container?.inspect.config).toEqual({
      hostname: c.Hostname,
      user: c.User,
      image: c.Image,
      workingDir: c.WorkingDir,
      env: c.Env,
      cmd: c.Cmd,
      entrypoint: c.Entrypoint,
      tty: c.Tty,
      openStdin: c.OpenStdin,
      exposedPorts: Object.keys(c.ExposedPorts ?? {}).sort(),
      volumes: Object.keys(c.Volumes ?? {}).sort(),
      labels: sortedLabels(c.Labels),
    });
    // What was asked for, so that the comparison above cannot pass on empty values.
    expect(data.container?.inspect.config).toMatchObject({
      hostname: 'wharf-host',
      user: '1000:1000',
      image: TEST_IMAGE,
      workingDir: '/tmp',
      env: expect.arrayContaining(['GREETING=hello world', 'EMPTY=']),
      cmd: ['sleep', '300'],
      entrypoint: null,
      tty: true,
      openStdin: true,
      exposedPorts: ['22/tcp', '53/udp', '80/tcp'],
      volumes: ['/data'],
      labels: [
        { key: 'com.example.empty', value: '' },
        { key: 'tier', value: 'web' },
        { key: 'wharf.test', value: '1' },
      ],
    });
  });

  it("has the engine's host config: binds, port bindings, publishAllPorts, privileged, networkMode, restart policy, memory beyond 32 bits", async () => {
    const { HostConfig: h } = await inspectOf(configured.id);
    const data = await gqlData(gateway.url, InspectHostConfig, { id: configured.id });
    const byPort = (a: { containerPort: string; hostPort: string | null }, b: { containerPort: string; hostPort: string | null }) =>
      `${a.containerPort} ${a.hostPort}`.localeCompare(`${b.containerPort} ${b.hostPort}`);
    const hostConfig = data.container!.inspect.hostConfig;
    expect({ ...hostConfig, portBindings: [...hostConfig.portBindings].sort(byPort) }).toEqual({
      binds: h.Binds,
      portBindings: Object.entries(h.PortBindings ?? {})
        .flatMap(([containerPort, bindings]) =>
          (bindings ?? []).map((b) => ({ containerPort, hostIp: b.HostIp || null, hostPort: b.HostPort || null })),
        )
        .sort(byPort),
      publishAllPorts: h.PublishAllPorts,
      privileged: h.Privileged,
      networkMode: h.NetworkMode,
      autoRemove: h.AutoRemove,
      restartPolicy: { name: h.RestartPolicy?.Name, maximumRetryCount: h.RestartPolicy?.MaximumRetryCount },
      memory: h.Memory,
    });
    expect(hostConfig).toMatchObject({
      binds: [`${hostDir}:/host:ro`],
      publishAllPorts: true,
      privileged: false,
      networkMode: 'none',
      autoRemove: false,
      restartPolicy: { name: 'on-failure', maximumRetryCount: 3 },
      memory: 6_000_000_000,
    });
    expect(hostConfig.portBindings).toHaveLength(3);
  });

  it("has the engine's mounts: a read-only bind mount and an anonymous volume", async () => {
    const mounts = (await inspectOf(configured.id)).Mounts ?? [];
    const data = await gqlData(gateway.url, InspectMounts, { id: configured.id });
    const byDestination = (a: { destination: string }, b: { destination: string }) => a.destination.localeCompare(b.destination);
    expect([...data.container!.inspect.mounts].sort(byDestination)).toEqual(
      mounts
        .map((m) => ({
          type: m.Type,
          name: m.Name || null,
          source: m.Source,
          destination: m.Destination,
          driver: m.Driver || null,
          mode: m.Mode,
          rw: m.RW,
          propagation: m.Propagation,
        }))
        .sort(byDestination),
    );
    expect(data.container!.inspect.mounts.map((m) => [m.type, m.destination, m.rw]).sort()).toEqual([
      ['bind', '/host', false],
      ['volume', '/data', true],
    ]);
  });

  it("has raw equal to the engine's own inspect document", async () => {
    const wire = await inspectOf(configured.id);
    const data = await gqlData(gateway.url, InspectRaw, { id: configured.id });
    expect(withSortedMounts(data.container?.inspect.raw as EngineInspect)).toEqual(withSortedMounts(wire));
    expect(wire.Mounts).toHaveLength(2);
  });
});

describe('Container.inspect state', () => {
  it('is created, with startedAt and finishedAt null while the engine reports its zero time', async () => {
    const { id } = await createTestContainer(engine, { cmd: ['true'], start: false });
    created.push(id);
    const { State: s } = await inspectOf(id);
    expect([s.StartedAt, s.FinishedAt]).toEqual([ZERO_TIME, ZERO_TIME]);
    const data = await gqlData(gateway.url, InspectState, { id });
    expect(data.container?.inspect.state).toEqual({
      status: 'created',
      running: false,
      paused: false,
      restarting: false,
      oomKilled: false,
      dead: false,
      pid: 0,
      exitCode: 0,
      error: s.Error,
      startedAt: null,
      finishedAt: null,
    });
  });

  it("is running, with the engine's pid and its startedAt to the nanosecond", async () => {
    const { id } = await createTestContainer(engine, { cmd: ['sleep', '300'] });
    created.push(id);
    const { State: s } = await inspectOf(id);
    const data = await gqlData(gateway.url, InspectState, { id });
    expect(data.container?.inspect.state).toEqual({
      status: 'running',
      running: true,
      paused: false,
      restarting: false,
      oomKilled: false,
      dead: false,
      pid: s.Pid,
      exitCode: 0,
      error: '',
      startedAt: s.StartedAt,
      finishedAt: null,
    });
    expect(s.Pid).toBeGreaterThan(0);
    expect(s.StartedAt).toMatch(/T\d{2}:\d{2}:\d{2}\.\d{1,9}Z$/);
  });

  it('is paused while the engine has it paused', async () => {
    const { id } = await createTestContainer(engine, { cmd: ['sleep', '300'] });
    created.push(id);
    await engine.json('POST', `/containers/${id}/pause`);
    const { State: s } = await inspectOf(id);
    const data = await gqlData(gateway.url, InspectState, { id });
    expect(data.container?.inspect.state).toMatchObject({ status: s.Status, running: s.Running, paused: true, pid: s.Pid });
    expect(s.Status).toBe('paused');
  });

  it("is exited, with the engine's exit code and finishedAt", async () => {
    const { id } = await createTestContainer(engine, { cmd: ['sh', '-c', 'exit 3'] });
    created.push(id);
    await waitForExit(id);
    const { State: s } = await inspectOf(id);
    const data = await gqlData(gateway.url, InspectState, { id });
    expect(data.container?.inspect.state).toEqual({
      status: 'exited',
      running: false,
      paused: false,
      restarting: false,
      oomKilled: false,
      dead: false,
      pid: 0,
      exitCode: 3,
      error: '',
      startedAt: s.StartedAt,
      finishedAt: s.FinishedAt,
    });
    expect(s.FinishedAt).not.toBe(ZERO_TIME);
  });
});

describe('Container.inspect, other settings', () => {
  it("has the engine's entrypoint and an empty cmd", async () => {
    const { id } = await createTestContainer(engine, { cmd: [], start: false, extra: { Entrypoint: ['echo', 'from entrypoint'] } });
    created.push(id);
    const { Config: c, Path, Args } = await inspectOf(id);
    const config = (await gqlData(gateway.url, InspectConfig, { id })).container?.inspect.config;
    expect(config).toMatchObject({ entrypoint: c.Entrypoint, cmd: c.Cmd });
    expect(config?.entrypoint).toEqual(['echo', 'from entrypoint']);
    expect(config?.cmd ?? []).toEqual([]);
    const basics = (await gqlData(gateway.url, InspectBasics, { id })).container?.inspect;
    expect(basics).toEqual({ path: Path, args: Args, restartCount: 0 });
    expect(basics).toMatchObject({ path: 'echo', args: ['from entrypoint'] });
  });

  it("has the engine's defaults for a container created without a host config", async () => {
    const { id } = await createTestContainer(engine, { cmd: ['true'], start: false });
    created.push(id);
    const { HostConfig: h, Config: c, Mounts } = await inspectOf(id);
    const hostConfig = (await gqlData(gateway.url, InspectHostConfig, { id })).container?.inspect.hostConfig;
    expect(hostConfig).toEqual({
      binds: [],
      portBindings: [],
      publishAllPorts: false,
      privileged: false,
      networkMode: h.NetworkMode,
      autoRemove: false,
      // The engine leaves the name empty when none was given; docker shows that as "no".
      restartPolicy: { name: h.RestartPolicy?.Name || 'no', maximumRetryCount: 0 },
      memory: 0,
    });
    expect(h.Binds ?? []).toEqual([]);
    expect(h.Memory).toBe(0);
    const config = (await gqlData(gateway.url, InspectConfig, { id })).container?.inspect.config;
    expect(config).toMatchObject({ env: c.Env ?? [], exposedPorts: [], volumes: [], tty: false, openStdin: false });
    expect((await gqlData(gateway.url, InspectMounts, { id })).container?.inspect.mounts).toEqual([]);
    expect(Mounts).toEqual([]);
  });

  it('has autoRemove as the engine reports it', async () => {
    const { id } = await createTestContainer(engine, { cmd: ['true'], start: false, extra: { HostConfig: { AutoRemove: true } } });
    created.push(id);
    const { HostConfig: h } = await inspectOf(id);
    const hostConfig = (await gqlData(gateway.url, InspectHostConfig, { id })).container?.inspect.hostConfig;
    expect(h.AutoRemove).toBe(true);
    expect(hostConfig?.autoRemove).toBe(true);
  });

  it("has raw equal to the engine's document for a running container, State aside", async () => {
    const { id } = await createTestContainer(engine, { cmd: ['sleep', '300'], extra: { Env: ['A=1'] } });
    created.push(id);
    const { State: engineState, ...wire } = await inspectOf(id);
    const raw = (await gqlData(gateway.url, InspectRaw, { id })).container?.inspect.raw as EngineInspect;
    const { State: state, ...rest } = raw;
    expect(withSortedMounts(rest)).toEqual(withSortedMounts(wire));
    expect(state.Pid).toBe(engineState.Pid);
  });

  it("is the engine's document when reached through the containers list", async () => {
    const { id } = await createTestContainer(engine, { cmd: ['true'], start: false });
    created.push(id);
    const wire = await inspectOf(id);
    const data = await gqlData(gateway.url, InspectFromList, { filters: { id: [id] } });
    expect(data.containers).toEqual([{ id, inspect: { path: wire.Path, raw: wire } }]);
  });
});

/** Docker's human status with its duration read as seconds: "Up 2 seconds" -> ["Up <d>", 2]. */
function statusShape(status: string): { shape: string; seconds: number } {
  const m = /Less than a second|(\d+) seconds?/.exec(status);
  if (!m) return { shape: status, seconds: 0 };
  return { shape: status.replace(m[0], '<d>'), seconds: m[1] === undefined ? 0 : Number(m[1]) };
}

/** container(id)'s summary against the engine's list entry; the status may be a second apart. */
async function expectSummaryAgreesWithList(id: string): Promise<void> {
  const entry = await listEntryOf(id);
  const container = (await gqlData(gateway.url, ContainerSummary, { id })).container;
  expect(container).not.toBeNull();
  const { status, createdAt, exportUrl, ...fields } = container!;
  expect(fields).toEqual({
    id: entry.Id,
    shortId: entry.Id.slice(0, 12),
    name: entry.Names[0]!.replace(/^\//, ''),
    names: entry.Names.map((n) => n.replace(/^\//, '')),
    image: entry.Image,
    imageId: entry.ImageID,
    command: entry.Command,
    state: entry.State.toUpperCase(),
    labels: sortedLabels(entry.Labels),
    ports: (entry.Ports ?? []).map((p) => ({
      ip: p.IP ?? null,
      privatePort: p.PrivatePort,
      publicPort: p.PublicPort ?? null,
      type: p.Type,
    })),
  });
  // The list has whole seconds; inspect keeps the nanoseconds of the same instant.
  expect(Math.floor(Date.parse(createdAt) / 1000)).toBe(entry.Created);
  const ours = statusShape(status);
  const theirs = statusShape(entry.Status);
  expect(ours.shape).toBe(theirs.shape);
  expect(Math.abs(ours.seconds - theirs.seconds)).toBeLessThanOrEqual(1);
  expect(exportUrl).toBe(`/containers/${entry.Id}/export`);
}

describe('Container summary from container(id)', () => {
  it('agrees with the list entry of a created container', async () => {
    const { id } = await createTestContainer(engine, { cmd: ['echo', 'two words', 'one'], start: false, labels: { b: '2', a: '1' } });
    created.push(id);
    await expectSummaryAgreesWithList(id);
  });

  it('agrees with the list entry of a running container', async () => {
    const { id } = await createTestContainer(engine, { cmd: ['sleep', '300'] });
    created.push(id);
    await expectSummaryAgreesWithList(id);
  });

  it('agrees with the list entry of a paused container', async () => {
    const { id } = await createTestContainer(engine, { cmd: ['sleep', '300'] });
    created.push(id);
    await engine.json('POST', `/containers/${id}/pause`);
    await expectSummaryAgreesWithList(id);
  });

  it('agrees with the list entry of an exited container', async () => {
    const { id } = await createTestContainer(engine, { cmd: ['sh', '-c', 'exit 3'] });
    created.push(id);
    await waitForExit(id);
    await expectSummaryAgreesWithList(id);
  });

  it('agrees with the list entry of a container with an entrypoint and port bindings', async () => {
    const { id } = await createTestContainer(engine, {
      cmd: ['300'],
      extra: {
        Entrypoint: ['sleep'],
        ExposedPorts: { '22/tcp': {} },
        HostConfig: { PortBindings: { '22/tcp': [{ HostIp: '127.0.0.1', HostPort: '2222' }] } },
      },
    });
    created.push(id);
    await expectSummaryAgreesWithList(id);
  });

  it('agrees with the list entry once the tag the container was created from is gone', async () => {
    // The engine lists the image id when the container's image reference no longer names its image.
    const repo = uniqueName('wharf-test/retag');
    const tagged = await engine.request('POST', `/images/${TEST_IMAGE}/tag?repo=${encodeURIComponent(repo)}&tag=latest`);
    expect(tagged.status).toBe(201);
    const untag = () => engine.request('DELETE', `/images/${repo}:latest`);
    try {
      const { Id: id } = await engine.json<{ Id: string }>('POST', `/containers/create?name=${uniqueName('wharf-t')}`, {
        Image: `${repo}:latest`,
        Cmd: ['true'],
        Labels: { 'wharf.test': '1' },
      });
      created.push(id);
      expect((await untag()).status).toBe(200);
      expect((await listEntryOf(id)).Image).toMatch(/^sha256:/);
      await expectSummaryAgreesWithList(id);
    } finally {
      await untag();
    }
  });

  it('has exportUrl /containers/<full id>/export, also when found by name', async () => {
    const { id, name } = await createTestContainer(engine, { cmd: ['true'], start: false });
    created.push(id);
    const byName = (await gqlData(gateway.url, ContainerSummary, { id: name })).container;
    expect(byName?.exportUrl).toBe(`/containers/${id}/export`);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
  });
});
