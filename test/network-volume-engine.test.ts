// The network, volume and prune verbs of the engine client against the real engine: what each does, and what the engine answers each bad input with.
import { randomInt } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDockerClient } from '../src/docker/client.js';
import { connectionFromEnv } from '../src/docker/connection.js';
import { BadRequestError, ConflictError, EngineFailure, NotFoundError } from '../src/docker/errors.js';
import { createTestContainer, rawEngine, removeContainer, uniqueName } from './helpers/engine-api.js';

const engine = rawEngine(inject('dockerSocket'));
const docker = createDockerClient({ settings: connectionFromEnv({ DOCKER_HOST: inject('dockerHost') }) });

/** A label of this file's run only: prunes filtered by it touch nothing of the other test files on the engine. */
const RUN_LABEL = uniqueName('wharf.netvol');
const LABELS = { 'wharf.test': '1', [RUN_LABEL]: '1' };

/** A /24 in 10.128.0.0/9 no other test file asks for; pools that overlap are refused. */
function freshSubnets(count: number): string[] {
  const second = 128 + randomInt(0, 127);
  const third = randomInt(0, 256 - count);
  return Array.from({ length: count }, (_, i) => `10.${second}.${third + i}.0/24`);
}

/** What this file made, removed at the end whatever failed: endpoints first, so no network keeps one. */
const made = { networks: [] as string[], containers: [] as string[], volumes: [] as string[] };

async function removeNetwork(id: string): Promise<void> {
  const network = await docker.networks.inspect(id).catch((error: unknown) => {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  });
  if (!network) return;
  // A container removed while connected can leave its endpoint behind on this engine; a forced disconnect clears it.
  for (const container of Object.keys(network.Containers ?? {})) {
    await docker.networks.disconnect(network.Id, { Container: container, Force: true });
  }
  await docker.networks.remove(network.Id);
}

async function cleanUp(): Promise<void> {
  for (const id of made.networks) {
    const network = await docker.networks.inspect(id).catch(() => undefined);
    for (const container of Object.keys(network?.Containers ?? {})) {
      await docker.networks.disconnect(id, { Container: container, Force: true }).catch(() => undefined);
    }
  }
  await Promise.all(made.containers.splice(0).map((id) => removeContainer(engine, id)));
  for (const id of made.networks.splice(0)) await removeNetwork(id);
  for (const name of made.volumes.splice(0)) {
    await docker.volumes.remove(name, true).catch((error: unknown) => {
      if (!(error instanceof NotFoundError)) throw error;
    });
  }
}

afterEach(cleanUp);
afterAll(async () => {
  await cleanUp();
  await docker.close();
  await engine.close();
});

/** What the call rejected with; fails the test when it resolved. */
async function failure(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

async function createNetwork(subnet: string, extra: { Internal?: boolean } = {}): Promise<{ id: string; name: string }> {
  const name = uniqueName('wharf-net');
  const created = await docker.networks.create({ Name: name, IPAM: { Config: [{ Subnet: subnet }] }, Labels: LABELS, ...extra });
  made.networks.push(created.Id);
  return { id: created.Id, name };
}

async function createVolume(): Promise<string> {
  const name = uniqueName('wharf-vol');
  await docker.volumes.create({ Name: name, Labels: LABELS });
  made.volumes.push(name);
  return name;
}

/** A running container on `network` (the engine has no default bridge), removed after the test. */
async function containerOn(network: string, extra: object = {}): Promise<{ id: string; name: string }> {
  const container = await createTestContainer(engine, {
    cmd: ['sleep', '300'],
    labels: { [RUN_LABEL]: '1' },
    extra: { HostConfig: { NetworkMode: network }, ...extra },
  });
  made.containers.push(container.id);
  return container;
}

describe('networks', () => {
  let subnets: string[];
  beforeAll(() => {
    subnets = freshSubnets(3);
  });

  it('create, inspect by name and by id, list with filters', async () => {
    const name = uniqueName('wharf-net');
    const created = await docker.networks.create({
      Name: name,
      Internal: true,
      IPAM: { Config: [{ Subnet: subnets[0]! }] },
      Labels: LABELS,
    });
    made.networks.push(created.Id);
    expect(created).toEqual({ Id: expect.stringMatching(/^[0-9a-f]{64}$/), Warning: '' });

    const byName = await docker.networks.inspect(name);
    expect(byName).toMatchObject({ Name: name, Id: created.Id, Driver: 'bridge', Scope: 'local', Internal: true, Labels: LABELS });
    expect(byName.IPAM.Config).toEqual([{ Subnet: subnets[0] }]);
    expect(byName.Containers).toEqual({});
    expect((await docker.networks.inspect(created.Id.slice(0, 12))).Name).toBe(name);

    const listed = await docker.networks.list({ name: [name] });
    expect(listed.map((n) => n.Id)).toEqual([created.Id]);
    expect((await docker.networks.list({ label: [RUN_LABEL] })).map((n) => n.Id)).toContain(created.Id);
    expect((await docker.networks.list()).map((n) => n.Name)).toEqual(expect.arrayContaining(['none', 'host', name]));
  });

  it('a name in use: CONFLICT (409), not a second network of that name', async () => {
    const { name } = await createNetwork(subnets[0]!);
    const error = await failure(docker.networks.create({ Name: name, Labels: LABELS }));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: 'CONFLICT', status: 409, message: `network with name ${name} already exists` });
    expect(await docker.networks.list({ name: [name] })).toHaveLength(1);
  });

  it('a pool that overlaps another network: CONFLICT (the engine says 403)', async () => {
    await createNetwork(subnets[0]!);
    const error = await failure(docker.networks.create({ Name: uniqueName('wharf-net'), IPAM: { Config: [{ Subnet: subnets[0]! }] } }));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: 'CONFLICT', message: 'Pool overlaps with other one on this address space' });
  });

  it('a subnet that is no CIDR: the engine answers 500, a DOCKER_ERROR', async () => {
    const error = await failure(docker.networks.create({ Name: uniqueName('wharf-net'), IPAM: { Config: [{ Subnet: 'not-a-subnet' }] } }));
    expect(error).toBeInstanceOf(EngineFailure);
    expect(error).toMatchObject({
      code: 'DOCKER_ERROR',
      status: 500,
      message: 'Invalid subnet not-a-subnet : invalid CIDR address: not-a-subnet',
    });
  });

  it('a second host network, or one named like a predefined network: CONFLICT (403)', async () => {
    const host = await failure(docker.networks.create({ Name: uniqueName('wharf-net'), Driver: 'host' }));
    expect(host).toMatchObject({ code: 'CONFLICT', message: 'only one instance of "host" network is allowed' });
    const predefined = await failure(docker.networks.create({ Name: 'none' }));
    expect(predefined).toBeInstanceOf(ConflictError);
  });

  it('connect with aliases, then disconnect', async () => {
    const home = await createNetwork(subnets[0]!);
    const extra = await createNetwork(subnets[1]!, { Internal: true });
    const container = await containerOn(home.name);

    await docker.networks.connect(extra.id, { Container: container.name, EndpointConfig: { Aliases: ['web', 'db'] } });
    const network = await docker.networks.inspect(extra.id);
    expect(network.Containers?.[container.id]).toMatchObject({ Name: container.name, IPv4Address: expect.stringMatching(/\/24$/) });
    const inspected = await engine.json<{ NetworkSettings: { Networks: Record<string, { Aliases: string[] | null }> } }>(
      'GET',
      `/containers/${container.id}/json`,
    );
    expect(inspected.NetworkSettings.Networks[extra.name]?.Aliases).toEqual(expect.arrayContaining(['web', 'db']));

    await docker.networks.disconnect(extra.name, { Container: container.id, Force: false });
    expect((await docker.networks.inspect(extra.id)).Containers).toEqual({});
  });

  it('a container already connected: CONFLICT (the engine says 403)', async () => {
    const home = await createNetwork(subnets[0]!);
    const container = await containerOn(home.name);
    const error = await failure(docker.networks.connect(home.id, { Container: container.id }));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ message: `endpoint with name ${container.name} already exists in network ${home.name}` });
  });

  it('a missing container or network: NOT_FOUND (404)', async () => {
    const home = await createNetwork(subnets[0]!);
    const noContainer = await failure(docker.networks.connect(home.id, { Container: 'wharf-no-such-container' }));
    expect(noContainer).toBeInstanceOf(NotFoundError);
    expect(noContainer).toMatchObject({ message: 'No such container: wharf-no-such-container' });
    const container = await containerOn(home.name);
    const noNetwork = await failure(docker.networks.connect('wharf-no-such-network', { Container: container.id }));
    expect(noNetwork).toMatchObject({ code: 'NOT_FOUND', message: 'network wharf-no-such-network not found' });
    const inspect = await failure(docker.networks.inspect('wharf-no-such-network'));
    expect(inspect).toMatchObject({ code: 'NOT_FOUND', message: 'network wharf-no-such-network not found' });
    const remove = await failure(docker.networks.remove('wharf-no-such-network'));
    expect(remove).toMatchObject({ code: 'NOT_FOUND', message: 'network wharf-no-such-network not found' });
  });

  it('disconnecting a container that is not connected: the engine answers 500, a DOCKER_ERROR', async () => {
    const home = await createNetwork(subnets[0]!);
    const other = await createNetwork(subnets[1]!);
    const container = await containerOn(home.name);
    const error = await failure(docker.networks.disconnect(other.id, { Container: container.id }));
    expect(error).toBeInstanceOf(EngineFailure);
    expect(error).toMatchObject({ status: 500, message: `container ${container.id} is not connected to network ${other.name}` });
  });

  it('removing a network with endpoints: CONFLICT, in the engine words; removed once disconnected', async () => {
    const home = await createNetwork(subnets[0]!);
    const extra = await createNetwork(subnets[1]!);
    const container = await containerOn(home.name);
    await docker.networks.connect(extra.id, { Container: container.id });

    const error = await failure(docker.networks.remove(extra.id));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({
      code: 'CONFLICT',
      message: `error while removing network: network ${extra.name} id ${extra.id} has active endpoints`,
    });

    await docker.networks.disconnect(extra.id, { Container: container.id, Force: true });
    await docker.networks.remove(extra.name);
    await expect(docker.networks.inspect(extra.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('removing a predefined network: CONFLICT (403)', async () => {
    const error = await failure(docker.networks.remove('none'));
    expect(error).toMatchObject({ code: 'CONFLICT', message: 'none is a pre-defined network and cannot be removed' });
  });

  it('prune removes the unused networks its filter matches, and only those', async () => {
    const unused = await createNetwork(subnets[0]!);
    const used = await createNetwork(subnets[1]!);
    await containerOn(used.name);
    const answer = await docker.networks.prune({ label: [RUN_LABEL] });
    expect(answer.NetworksDeleted).toEqual([unused.name]);
    await expect(docker.networks.inspect(unused.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await docker.networks.inspect(used.id)).Id).toBe(used.id);
    expect(await docker.networks.prune({ label: [RUN_LABEL] })).toEqual({ NetworksDeleted: null });
  });

  it('a filter the engine does not know: BAD_USER_INPUT (400)', async () => {
    await expect(docker.networks.list({ 'wharf-no-such-filter': ['x'] })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: "Invalid filter 'wharf-no-such-filter'",
    });
    await expect(docker.networks.prune({ 'wharf-no-such-filter': ['x'] })).rejects.toBeInstanceOf(BadRequestError);
  });
});

describe('volumes', () => {
  it('create, inspect, list with filters, remove', async () => {
    const name = uniqueName('wharf-vol');
    const created = await docker.volumes.create({ Name: name, Labels: LABELS, DriverOpts: { type: 'tmpfs', device: 'tmpfs' } });
    made.volumes.push(name);
    expect(created).toMatchObject({
      Name: name,
      Driver: 'local',
      Scope: 'local',
      Labels: LABELS,
      Options: { type: 'tmpfs', device: 'tmpfs' },
      Mountpoint: expect.stringContaining(name),
    });
    expect(await docker.volumes.inspect(name)).toEqual(created);

    const listed = await docker.volumes.list({ name: [name] });
    expect(listed.Volumes?.map((v) => v.Name)).toEqual([name]);
    expect(listed.Warnings).toBeNull();
    expect((await docker.volumes.list({ label: [RUN_LABEL] })).Volumes?.map((v) => v.Name)).toContain(name);

    await docker.volumes.remove(name, false);
    await expect(docker.volumes.inspect(name)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('a name in use is no error: the engine answers with the volume as it was', async () => {
    const name = await createVolume();
    const again = await docker.volumes.create({ Name: name, Labels: { other: '1' } });
    expect(again).toMatchObject({ Name: name, Labels: LABELS });
  });

  it('a volume in use: CONFLICT (409), with force too', async () => {
    const name = await createVolume();
    const container = await createTestContainer(engine, {
      cmd: ['sleep', '300'],
      start: false,
      extra: { HostConfig: { Binds: [`${name}:/data`], NetworkMode: 'none' } },
    });
    made.containers.push(container.id);
    for (const force of [false, true]) {
      const error = await failure(docker.volumes.remove(name, force));
      expect(error).toBeInstanceOf(ConflictError);
      expect(error).toMatchObject({ code: 'CONFLICT', status: 409, message: `remove ${name}: volume is in use - [${container.id}]` });
    }
  });

  it('a missing volume: NOT_FOUND (404)', async () => {
    await expect(docker.volumes.inspect('wharf-no-such-volume')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'get wharf-no-such-volume: no such volume',
    });
    await expect(docker.volumes.remove('wharf-no-such-volume', false)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'get wharf-no-such-volume: no such volume',
    });
  });

  it('removing a missing volume with force succeeds: force means "whether or not it is there"', async () => {
    await expect(docker.volumes.remove('wharf-no-such-volume', true)).resolves.toBeUndefined();
  });

  it('a bad name, an unknown option: BAD_USER_INPUT (400)', async () => {
    const badName = await failure(docker.volumes.create({ Name: 'bad name/x' }));
    expect(badName).toBeInstanceOf(BadRequestError);
    expect((badName as Error).message).toMatch(/^create bad name\/x: "bad name\/x" includes invalid characters for a local volume name/);
    const option = await failure(docker.volumes.create({ Name: uniqueName('wharf-vol'), DriverOpts: { bogus: 'x' } }));
    expect(option).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/: invalid option: "bogus"$/) });
  });

  it('prune removes the unused volumes its filter matches, and only those', async () => {
    const unused = await createVolume();
    const used = await createVolume();
    const container = await createTestContainer(engine, {
      cmd: ['sleep', '300'],
      start: false,
      extra: { HostConfig: { Binds: [`${used}:/data`], NetworkMode: 'none' } },
    });
    made.containers.push(container.id);
    const answer = await docker.volumes.prune({ label: [RUN_LABEL] });
    expect(answer).toEqual({ VolumesDeleted: [unused], SpaceReclaimed: expect.any(Number) });
    await expect(docker.volumes.inspect(unused)).rejects.toBeInstanceOf(NotFoundError);
    expect((await docker.volumes.inspect(used)).Name).toBe(used);
  });
});

describe('an unknown driver', () => {
  // The engine looks for a plugin of that name for 15 s before it answers, so both wait at once.
  it('of a network or a volume: NOT_FOUND (404)', async () => {
    const volume = uniqueName('wharf-vol');
    const [network, volumeError] = await Promise.all([
      failure(docker.networks.create({ Name: uniqueName('wharf-net'), Driver: 'wharf-no-such-driver' })),
      failure(docker.volumes.create({ Name: volume, Driver: 'wharf-no-such-driver' })),
    ]);
    expect(network).toBeInstanceOf(NotFoundError);
    expect(network).toMatchObject({ message: 'plugin "wharf-no-such-driver" not found' });
    expect(volumeError).toMatchObject({
      code: 'NOT_FOUND',
      message: `create ${volume}: error looking up volume plugin wharf-no-such-driver: plugin "wharf-no-such-driver" not found`,
    });
  });
});

describe('containers.prune', () => {
  it('removes the stopped containers its filter matches, and only those', async () => {
    const stopped = await createTestContainer(engine, {
      cmd: ['true'],
      start: false,
      labels: { [RUN_LABEL]: '1' },
      extra: { HostConfig: { NetworkMode: 'none' } },
    });
    made.containers.push(stopped.id);
    const running = await createTestContainer(engine, {
      cmd: ['sleep', '300'],
      labels: { [RUN_LABEL]: '1' },
      extra: { HostConfig: { NetworkMode: 'none' } },
    });
    made.containers.push(running.id);
    const answer = await docker.containers.prune({ label: [RUN_LABEL] });
    expect(answer).toEqual({ ContainersDeleted: [stopped.id], SpaceReclaimed: expect.any(Number) });
    await expect(docker.containers.inspect(stopped.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await docker.containers.inspect(running.id)).State.Running).toBe(true);
  });
});
