// Volumes through the graph against a real engine: the queries against the engine's own /volumes and /system/df, each mutation's effect, the joins, prune, the policy and who may do what.
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SystemDfWire, VolumeWire } from '../src/docker/types.js';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type DocumentNode, parse, print } from 'graphql';
import { graphql } from './gql/index.js';
import type { VolumeFieldsFragment } from './gql/graphql.js';
import { issueTokens, outcomeCodes, runOperation } from './helpers/access.js';
import { createTestContainer, removeContainer, uniqueName } from './helpers/engine-api.js';
import { errorCodes, gatewayForFile, gql, gqlData, startGateway, type ProxiedGateway } from './helpers/gateway.js';

const { engine, gateway, proxy } = gatewayForFile({ countingProxy: true, warm: true });

/** A label of this file's run only: lists and prunes filtered by it see nothing of the other test files. */
const RUN = uniqueName('wharf.volumes');
const LABELS = [
  { key: 'wharf.test', value: '1' },
  { key: RUN, value: '1' },
];

const made = { volumes: [] as string[], containers: [] as string[] };
afterEach(async () => {
  await Promise.all(made.containers.splice(0).map((id) => removeContainer(engine, id)));
  await Promise.all(made.volumes.splice(0).map((name) => engine.request('DELETE', `/volumes/${name}?force=1`)));
});

const query = (filters: object) => encodeURIComponent(JSON.stringify(filters));
const engineVolume = (name: string) => engine.json<VolumeWire>('GET', `/volumes/${encodeURIComponent(name)}`);

async function makeVolume(driverOpts?: Record<string, string>): Promise<VolumeWire> {
  const name = uniqueName('wharf-vol');
  made.volumes.push(name);
  const labels = Object.fromEntries(LABELS.map((l) => [l.key, l.value]));
  return engine.json<VolumeWire>('POST', '/volumes/create', {
    Name: name,
    Labels: labels,
    ...(driverOpts ? { DriverOpts: driverOpts } : {}),
  });
}

/** A created (never started) container that mounts the volume at /data. */
async function mounting(volume: string): Promise<{ id: string; name: string }> {
  const container = await createTestContainer(engine, {
    cmd: ['true'],
    start: false,
    labels: { [RUN]: '1' },
    extra: { HostConfig: { Binds: [`${volume}:/data`], NetworkMode: 'none' } },
  });
  made.containers.push(container.id);
  return container;
}

/**
 * A mutation kept out of test/gql: the fuzz runs every document there with every right on the shared
 * engine, and a prune or a network it made would reach other test files' containers, networks and volumes.
 */
const mutation = <TData>(text: string, ...fragments: DocumentNode[]) =>
  parse(`${text}\n${fragments.map((f) => print(f)).join('\n')}`) as TypedDocumentNode<TData, Record<string, unknown>>;

const VolumeFields = graphql(`
  fragment VolumeFields on Volume {
    name
    engine { name }
    driver
    mountpoint
    scope
    createdAt
    labels { key value }
    options { key value }
    usage { size refCount }
    containers { id name }
  }
`);

const ListVolumes = graphql(`
  query ListVolumes($filters: VolumeFilters, $engine: String) {
    volumes(filters: $filters, engine: $engine) { ...VolumeFields }
  }
`);

const OneVolume = graphql(`
  query OneVolume($name: String!, $engine: String) {
    volume(name: $name, engine: $engine) { ...VolumeFields }
  }
`);

const sortedPairs = (map: Record<string, string> | null | undefined) =>
  Object.entries(map ?? {})
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, value]) => ({ key, value }));

/** What the graph must say of a volume the engine describes so, its usage as /system/df gives it. */
function expected(wire: VolumeWire, df: SystemDfWire, containers: Array<{ id: string; name: string }>) {
  const usage = df.Volumes?.find((v) => v.Name === wire.Name)?.UsageData;
  return {
    name: wire.Name,
    engine: { name: 'local' },
    driver: wire.Driver,
    mountpoint: wire.Mountpoint,
    scope: wire.Scope,
    createdAt: wire.CreatedAt ?? null,
    labels: sortedPairs(wire.Labels),
    options: sortedPairs(wire.Options),
    usage: usage ? { size: usage.Size, refCount: usage.RefCount } : null,
    containers: expect.arrayContaining(containers) as unknown,
  };
}

describe('queries', () => {
  it('volumes and volume answer what /volumes, /volumes/{name} and /system/df say, with the containers that mount each', async () => {
    const [shared, tmpfs, idle] = await Promise.all([makeVolume(), makeVolume({ type: 'tmpfs', device: 'tmpfs' }), makeVolume()]);
    const [one, two] = await Promise.all([mounting(shared.Name), mounting(shared.Name)]);
    const onTmpfs = await mounting(tmpfs.Name);

    proxy.reset();
    const listed = await gqlData(gateway.url, ListVolumes, { filters: { label: [RUN] } });
    // However many volumes ask for their usage and containers, one /system/df and one container list.
    expect(proxy.count('GET', '/system/df')).toBe(1);
    expect(proxy.count('GET', '/containers/json')).toBe(1);
    const df = await engine.json<SystemDfWire>('GET', '/system/df');
    const engineList = await engine.json<{ Volumes: VolumeWire[] }>('GET', `/volumes?filters=${query({ label: [RUN] })}`);
    expect(engineList.Volumes.map((v) => v.Name).sort()).toEqual([shared.Name, tmpfs.Name, idle.Name].sort());
    expect(listed.volumes).toEqual(
      [expected(shared, df, [one, two]), expected(tmpfs, df, [onTmpfs]), expected(idle, df, [])].sort((a, b) => (a.name < b.name ? -1 : 1)),
    );
    const sharedListed = listed.volumes.find((v) => v.name === shared.Name)!;
    expect(sharedListed.containers).toHaveLength(2);
    expect(sharedListed.usage).toEqual({ size: expect.any(Number), refCount: 2 });
    // The engine leaves volumes with driver options out of /system/df.
    expect(listed.volumes.find((v) => v.name === tmpfs.Name)?.usage).toBeNull();

    const dangling = await gqlData(gateway.url, ListVolumes, { filters: { label: [RUN], dangling: true } });
    const engineDangling = await engine.json<{ Volumes: VolumeWire[] }>(
      'GET',
      `/volumes?filters=${query({ label: [RUN], dangling: ['true'] })}`,
    );
    expect(dangling.volumes.map((v) => v.name)).toEqual(engineDangling.Volumes.map((v) => v.Name).sort());
    expect(dangling.volumes.map((v) => v.name)).toEqual([idle.Name]);
    const byName = await gqlData(gateway.url, ListVolumes, { filters: { name: [tmpfs.Name] } });
    expect(byName.volumes.map((v) => v.name)).toEqual([tmpfs.Name]);

    expect((await gqlData(gateway.url, OneVolume, { name: shared.Name })).volume).toEqual(
      expected(await engineVolume(shared.Name), df, [one, two]),
    );
    expect((await gqlData(gateway.url, OneVolume, { name: `local/${idle.Name}` })).volume?.name).toBe(idle.Name);
    expect((await gqlData(gateway.url, OneVolume, { name: 'wharf-no-such-volume' })).volume).toBeNull();
  });

  it('Container.mounts: named volumes joined to their Volume, binds and tmpfs not', async () => {
    const volume = await makeVolume();
    const container = await createTestContainer(engine, {
      cmd: ['true'],
      start: false,
      extra: { HostConfig: { Binds: [`${volume.Name}:/data:ro`, '/tmp:/host-tmp:ro'], Tmpfs: { '/scratch': '' }, NetworkMode: 'none' } },
    });
    made.containers.push(container.id);
    const data = await gqlData(
      gateway.url,
      graphql(`
        query ContainerMounts($id: String!) {
          container(id: $id) { mounts { type name source destination driver rw volume { name containers { id } } } }
        }
      `),
      { id: container.id },
    );
    const mounts = (
      await engine.json<{
        Mounts: Array<{ Type: string; Name?: string; Source: string; Destination: string; Driver?: string; RW: boolean }>;
      }>('GET', `/containers/${container.id}/json`)
    ).Mounts;
    // By destination, whatever order the engine's own inspect lists them in.
    expect(data.container?.mounts).toEqual(
      [...mounts]
        .sort((a, b) => a.Destination.localeCompare(b.Destination))
        .map((m) => ({
          type: m.Type,
          name: m.Name || null,
          source: m.Source,
          destination: m.Destination,
          driver: m.Driver || null,
          rw: m.RW,
          volume: m.Type === 'volume' ? { name: volume.Name, containers: [{ id: container.id }] } : null,
        })),
    );
    expect(data.container?.mounts.map((m) => m.type).sort()).toEqual(['bind', 'volume']);
  });
});

const CreateVolume = mutation<{ createVolume: VolumeFieldsFragment }>(
  `
  mutation CreateVolume($input: CreateVolumeInput!) {
    createVolume(input: $input) { ...VolumeFields }
  }
`,
  VolumeFields,
);
const RemoveVolume = mutation<{ removeVolume: string }>(
  `
  mutation RemoveVolume($name: String!, $force: Boolean, $engine: String) {
    removeVolume(name: $name, force: $force, engine: $engine)
  }
`,
);
const PruneVolumes = mutation<{ pruneVolumes: { engine: { name: string }; deleted: string[]; spaceReclaimed: number } }>(
  `
  mutation PruneVolumes($engine: String, $label: [String!]) {
    pruneVolumes(engine: $engine, label: $label) { engine { name } deleted spaceReclaimed }
  }
`,
);

describe('mutations', () => {
  it('createVolume makes what the engine then reports; a name in use is CONFLICT, not the old volume', async () => {
    const name = uniqueName('wharf-vol');
    made.volumes.push(name);
    const created = await gqlData(gateway.url, CreateVolume, {
      input: {
        name,
        labels: LABELS,
        driverOpts: [
          { key: 'type', value: 'tmpfs' },
          { key: 'device', value: 'tmpfs' },
        ],
      },
    });
    const wire = await engineVolume(name);
    expect(wire).toMatchObject({ Driver: 'local', Options: { type: 'tmpfs', device: 'tmpfs' } });
    expect(created.createVolume).toEqual({ ...expected(wire, { LayersSize: 0 } as SystemDfWire, []), containers: [] });

    const again = await gql(gateway.url, CreateVolume, { input: { name, labels: [{ key: 'other', value: '1' }] } });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    expect((await engineVolume(name)).Labels).toEqual(Object.fromEntries(LABELS.map((l) => [l.key, l.value])));

    // No name: the engine makes one up.
    const anonymous = await gqlData(gateway.url, CreateVolume, { input: { labels: LABELS } });
    made.volumes.push(anonymous.createVolume.name);
    expect((await engineVolume(anonymous.createVolume.name)).Name).toMatch(/^[0-9a-f]{64}$/);
  });

  it('removeVolume: CONFLICT while mounted, with force too; NOT_FOUND once gone, unless forced', async () => {
    const volume = await makeVolume();
    const container = await mounting(volume.Name);
    expect(errorCodes(await gql(gateway.url, RemoveVolume, { name: volume.Name }))).toEqual(['CONFLICT']);
    expect(errorCodes(await gql(gateway.url, RemoveVolume, { name: volume.Name, force: true }))).toEqual(['CONFLICT']);
    await removeContainer(engine, container.id);
    expect((await gqlData(gateway.url, RemoveVolume, { name: volume.Name })).removeVolume).toBe(volume.Name);
    expect((await engine.request('GET', `/volumes/${volume.Name}`)).status).toBe(404);
    expect(errorCodes(await gql(gateway.url, RemoveVolume, { name: volume.Name }))).toEqual(['NOT_FOUND']);
    expect((await gqlData(gateway.url, RemoveVolume, { name: volume.Name, force: true })).removeVolume).toBe(volume.Name);
    expect(errorCodes(await gql(gateway.url, RemoveVolume, { name: volume.Name, engine: 'nowhere' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('pruneVolumes removes the unused volumes its label matches, and only those, as the engine reports', async () => {
    const [unused, used] = await Promise.all([makeVolume(), makeVolume()]);
    await mounting(used.Name);
    const pruned = await gqlData(gateway.url, PruneVolumes, { label: [RUN] });
    expect(pruned.pruneVolumes).toEqual({ engine: { name: 'local' }, deleted: [unused.Name], spaceReclaimed: expect.any(Number) });
    expect((await engine.request('GET', `/volumes/${unused.Name}`)).status).toBe(404);
    expect((await engineVolume(used.Name)).Name).toBe(used.Name);
    expect((await gqlData(gateway.url, PruneVolumes, { label: [RUN] })).pruneVolumes).toEqual({
      engine: { name: 'local' },
      deleted: [],
      spaceReclaimed: 0,
    });
  });
});

describe('token mode', () => {
  const tokens = issueTokens('volumes');
  let strict: ProxiedGateway;
  beforeAll(async () => {
    strict = await startGateway(inject('dockerHost'), { countingProxy: true, warm: true, tokens: Object.values(tokens) });
  });
  afterAll(async () => {
    await strict?.close();
  });

  const as = (role: 'viewer' | 'operator' | 'admin', document: Parameters<typeof runOperation>[2], variables: object) => {
    strict.proxy.reset();
    return runOperation('http-post', strict, document, variables as Record<string, unknown>, `Bearer ${tokens[role].token}`);
  };
  const opts = (map: Record<string, string>) => Object.entries(map).map(([key, value]) => ({ key, value }));

  it.each([
    ['type=none,o=bind,device=/etc', { type: 'none', o: 'bind', device: '/etc' }, '--allow-bind'],
    ['o=rbind,ro', { o: 'rbind,ro', device: '/etc' }, '--allow-bind'],
    ['upper-case keys', { Type: 'none', O: 'BIND', Device: '/etc' }, '--allow-bind'],
    ['bind without a device', { type: 'none', o: 'bind' }, '--allow-bind'],
    ['a host disk', { type: 'ext4', device: '/dev/sda1' }, '--allow-devices'],
    ['an overlay of host directories', { type: 'overlay', o: 'lowerdir=/etc' }, '--allow-devices'],
  ])('createVolume with %s: FORBIDDEN, naming the flag, before the engine hears of it', async (_name, driverOpts, flag) => {
    const outcome = await as('admin', CreateVolume, {
      input: { name: uniqueName('wharf-vol'), labels: LABELS, driverOpts: opts(driverOpts) },
    });
    expect(outcomeCodes(outcome)).toEqual(['FORBIDDEN']);
    expect(outcome.text).toContain(flag);
    expect(strict.proxy.calls).toEqual([]);
  });

  it('a viewer may read volumes; only an admin may change them, and refusals never reach the engine', async () => {
    const volume = await makeVolume();
    const read = await as('viewer', OneVolume, { name: volume.Name });
    expect(outcomeCodes(read)).toEqual([]);
    expect(read.results[0]?.data).toEqual({ volume: expect.objectContaining({ name: volume.Name }) });
    const mutations: Array<[Parameters<typeof runOperation>[2], object]> = [
      [CreateVolume, { input: { name: uniqueName('wharf-vol') } }],
      [RemoveVolume, { name: volume.Name }],
      [PruneVolumes, { label: [RUN] }],
    ];
    for (const role of ['viewer', 'operator'] as const) {
      for (const [document, variables] of mutations) {
        const outcome = await as(role, document, variables);
        expect(outcomeCodes(outcome)).toEqual(['FORBIDDEN']);
        expect(strict.proxy.calls).toEqual([]);
      }
    }
    // An admin may, and a tmpfs volume is no reach into the host.
    const name = uniqueName('wharf-vol');
    made.volumes.push(name);
    const created = await as('admin', CreateVolume, {
      input: { name, labels: LABELS, driverOpts: opts({ type: 'tmpfs', device: 'tmpfs' }) },
    });
    expect(outcomeCodes(created)).toEqual([]);
    expect((await engineVolume(name)).Options).toEqual({ type: 'tmpfs', device: 'tmpfs' });
    expect(outcomeCodes(await as('admin', RemoveVolume, { name: volume.Name }))).toEqual([]);
    expect((await engine.request('GET', `/volumes/${volume.Name}`)).status).toBe(404);
  });
});
