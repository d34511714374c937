// Networks through the graph against a real engine: the queries against the engine's own /networks, each mutation's effect, the joins, prune, the policy and who may do what.
import { randomInt } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { startPrivateEngine, type PrivateEngine } from '../scripts/engine.js';
import type { NetworkWire } from '../src/docker/types.js';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type DocumentNode, parse, print } from 'graphql';
import { graphql } from './gql/index.js';
import type { NetworkFieldsFragment } from './gql/graphql.js';
import { issueTokens, outcomeCodes, runOperation } from './helpers/access.js';
import { createTestContainer, rawEngine, removeContainer, uniqueName } from './helpers/engine-api.js';
import { startEnginesGateway } from './helpers/engines.js';
import { errorCodes, gatewayForFile, gql, gqlData, startGateway, type ProxiedGateway, type TestGateway } from './helpers/gateway.js';

const { engine, gateway, proxy } = gatewayForFile({ countingProxy: true, warm: true });

/** A label of this file's run only: lists and prunes filtered by it see nothing of the other test files. */
const RUN = uniqueName('wharf.networks');
const LABELS = [
  { key: 'wharf.test', value: '1' },
  { key: RUN, value: '1' },
];

/** /24s in 10.64.0.0/10, away from the pools other test files ask for; pools that overlap are refused. */
const secondOctet = 64 + randomInt(0, 64);
let third = randomInt(0, 200);
const freshSubnet = () => `10.${secondOctet}.${third++}.0/24`;

const made = { networks: [] as string[], containers: [] as string[] };

/** Endpoints first (a container removed while connected can leave one behind), then containers, then networks. */
async function cleanUp(): Promise<void> {
  for (const id of made.networks) {
    const res = await engine.request('GET', `/networks/${id}`);
    if (res.status !== 200) continue;
    const network = JSON.parse(res.body.toString()) as NetworkWire;
    for (const container of Object.keys(network.Containers ?? {})) {
      await engine.request('POST', `/networks/${id}/disconnect`, { Container: container, Force: true });
    }
  }
  await Promise.all(made.containers.splice(0).map((id) => removeContainer(engine, id)));
  for (const id of made.networks.splice(0)) await engine.request('DELETE', `/networks/${id}`);
}
afterEach(cleanUp);

const query = (filters: object) => encodeURIComponent(JSON.stringify(filters));
const engineNetwork = (ref: string) => engine.json<NetworkWire>('GET', `/networks/${encodeURIComponent(ref)}`);

async function makeNetwork(extra: object = {}): Promise<NetworkWire> {
  const name = uniqueName('wharf-net');
  const labels = Object.fromEntries(LABELS.map((l) => [l.key, l.value]));
  const { Id } = await engine.json<{ Id: string }>('POST', '/networks/create', {
    Name: name,
    CheckDuplicate: true,
    IPAM: { Config: [{ Subnet: freshSubnet() }] },
    Labels: labels,
    ...extra,
  });
  made.networks.push(Id);
  return engineNetwork(Id);
}

async function containerOn(network: string, labels: Record<string, string> = {}, start = true): Promise<{ id: string; name: string }> {
  const container = await createTestContainer(engine, {
    cmd: ['sleep', '300'],
    start,
    labels: { [RUN]: '1', ...labels },
    extra: { HostConfig: { NetworkMode: network } },
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

const NetworkFields = graphql(`
  fragment NetworkFields on Network {
    id
    name
    engine { name }
    driver
    scope
    internal
    attachable
    enableIpv6
    createdAt
    labels { key value }
    options { key value }
    ipam { subnet gateway ipRange }
    containers { name ipv4Address ipv6Address macAddress container { id name } }
  }
`);

const ListNetworks = graphql(`
  query ListNetworks($filters: NetworkFilters, $engine: String) {
    networks(filters: $filters, engine: $engine) { ...NetworkFields }
  }
`);

const OneNetwork = graphql(`
  query OneNetwork($id: String!, $engine: String) {
    network(id: $id, engine: $engine) { ...NetworkFields }
  }
`);

const sortedLabels = (map: Record<string, string> | null | undefined) =>
  Object.entries(map ?? {})
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, value]) => ({ key, value }));

/** What the graph must say of a network the engine describes so, with its endpoints when inspected. */
function expected(wire: NetworkWire, containers: Array<{ id: string; name: string }> = [], engineName = 'local') {
  return {
    id: wire.Id,
    name: wire.Name,
    engine: { name: engineName },
    driver: wire.Driver,
    scope: wire.Scope,
    internal: wire.Internal,
    attachable: wire.Attachable,
    enableIpv6: wire.EnableIPv6,
    createdAt: wire.Created,
    labels: sortedLabels(wire.Labels),
    options: sortedLabels(wire.Options),
    ipam: (wire.IPAM.Config ?? []).map((c) => ({ subnet: c.Subnet ?? null, gateway: c.Gateway ?? null, ipRange: c.IPRange ?? null })),
    containers: Object.entries(wire.Containers ?? {})
      .map(([id, e]) => ({
        name: e.Name,
        ipv4Address: e.IPv4Address || null,
        ipv6Address: e.IPv6Address || null,
        macAddress: e.MacAddress || null,
        container: { id, name: containers.find((c) => c.id === id)?.name },
      }))
      .sort((a, b) => (a.name! < b.name! ? -1 : 1)),
  };
}

describe('queries', () => {
  it('networks and network answer what /networks and /networks/{id} say, endpoints joined to their containers', async () => {
    const [first, other] = await Promise.all([makeNetwork(), makeNetwork({ Internal: true })]);
    const container = await containerOn(first.Name);
    await engine.json('POST', `/networks/${other.Id}/connect`, { Container: container.id });
    const [firstNow, otherNow] = await Promise.all([engineNetwork(first.Id), engineNetwork(other.Id)]);
    expect(Object.keys(otherNow.Containers ?? {})).toEqual([container.id]);

    const listed = await gqlData(gateway.url, ListNetworks, { filters: { label: [RUN] } });
    const engineList = await engine.json<NetworkWire[]>('GET', `/networks?filters=${query({ label: [RUN] })}`);
    expect(engineList).toHaveLength(2);
    // The list's documents carry no endpoints; the graph asks for them.
    expect(listed.networks).toEqual([firstNow, otherNow].sort((a, b) => (a.Name < b.Name ? -1 : 1)).map((w) => expected(w, [container])));

    // Every network the engine has, in name order. Other test files make and remove networks meanwhile:
    // what the engine had both before and after must be there, and nothing it had at neither time.
    const before = await engine.json<NetworkWire[]>('GET', '/networks');
    const all = (await gqlData(gateway.url, `{ networks { id name } }`)) as { networks: Array<{ id: string; name: string }> };
    const after = await engine.json<NetworkWire[]>('GET', '/networks');
    const ids = all.networks.map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining(before.filter((n) => after.some((a) => a.Id === n.Id)).map((n) => n.Id)));
    expect(ids.filter((id) => !before.some((n) => n.Id === id) && !after.some((n) => n.Id === id))).toEqual([]);
    expect(ids).toEqual(expect.arrayContaining([first.Id, other.Id]));
    const names = all.networks.map((n) => n.name);
    expect(names).toEqual([...names].sort());
    const internal = await gqlData(gateway.url, ListNetworks, { filters: { label: [RUN], name: [other.Name] } });
    expect(internal.networks.map((n) => n.id)).toEqual([other.Id]);

    for (const ref of [first.Id, first.Id.slice(0, 12), first.Name]) {
      expect((await gqlData(gateway.url, OneNetwork, { id: ref })).network).toEqual(expected(firstNow, [container]));
    }
    expect((await gqlData(gateway.url, OneNetwork, { id: 'wharf-no-such-network' })).network).toBeNull();
    expect((await gqlData(gateway.url, OneNetwork, { id: first.Name, engine: 'local' })).network?.id).toBe(first.Id);
    expect(errorCodes(await gql(gateway.url, OneNetwork, { id: first.Name, engine: 'nowhere' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('Container.networks: a container on two networks, each joined to its Network', async () => {
    const [home, extra] = await Promise.all([makeNetwork(), makeNetwork()]);
    const container = await containerOn(home.Name);
    await engine.json('POST', `/networks/${extra.Id}/connect`, { Container: container.id, EndpointConfig: { Aliases: ['db'] } });
    const data = await gqlData(
      gateway.url,
      graphql(`
        query ContainerNetworks($id: String!) {
          container(id: $id) {
            networks { name networkId ipv4Address macAddress aliases network { id name containers { container { id } } } }
          }
        }
      `),
      { id: container.name },
    );
    const settings = (
      await engine.json<{
        NetworkSettings: {
          Networks: Record<string, { IPAddress: string; IPPrefixLen: number; MacAddress: string; Aliases: string[] | null }>;
        };
      }>('GET', `/containers/${container.id}/json`)
    ).NetworkSettings.Networks;
    expect(data.container?.networks).toEqual(
      [home, extra]
        .sort((a, b) => (a.Name < b.Name ? -1 : 1))
        .map((n) => ({
          name: n.Name,
          networkId: n.Id,
          ipv4Address: `${settings[n.Name]!.IPAddress}/${settings[n.Name]!.IPPrefixLen}`,
          macAddress: settings[n.Name]!.MacAddress,
          aliases: settings[n.Name]!.Aliases ?? [],
          network: { id: n.Id, name: n.Name, containers: [{ container: { id: container.id } }] },
        })),
    );
    expect(settings[extra.Name]!.Aliases).toContain('db');
  });
});

const CreateNetwork = mutation<{ createNetwork: NetworkFieldsFragment }>(
  `
  mutation CreateNetwork($input: CreateNetworkInput!) {
    createNetwork(input: $input) { ...NetworkFields }
  }
`,
  NetworkFields,
);
const RemoveNetwork = mutation<{ removeNetwork: string }>(
  `
  mutation RemoveNetwork($id: String!, $engine: String) {
    removeNetwork(id: $id, engine: $engine)
  }
`,
);
const Connect = mutation<{ connectContainer: { id: string; containers: Array<{ container: { id: string } | null }> } }>(
  `
  mutation Connect($network: String!, $container: String!, $aliases: [String!]) {
    connectContainer(network: $network, container: $container, aliases: $aliases) { id containers { container { id } } }
  }
`,
);
const Disconnect = mutation<{ disconnectContainer: { id: string; containers: Array<{ container: { id: string } | null }> } }>(
  `
  mutation Disconnect($network: String!, $container: String!, $force: Boolean) {
    disconnectContainer(network: $network, container: $container, force: $force) { id containers { container { id } } }
  }
`,
);
const PruneNetworks = mutation<{ pruneNetworks: { engine: { name: string }; deleted: string[]; spaceReclaimed: number } }>(
  `
  mutation PruneNetworks($engine: String, $label: [String!]) {
    pruneNetworks(engine: $engine, label: $label) { engine { name } deleted spaceReclaimed }
  }
`,
);
const PruneContainers = mutation<{ pruneContainers: { engine: { name: string }; deleted: string[]; spaceReclaimed: number } }>(
  `
  mutation PruneContainers($engine: String, $label: [String!]) {
    pruneContainers(engine: $engine, label: $label) { engine { name } deleted spaceReclaimed }
  }
`,
);

describe('mutations', () => {
  it('createNetwork makes what the engine then reports; a name in use is CONFLICT', async () => {
    const name = uniqueName('wharf-net');
    const subnet = freshSubnet();
    const gatewayIp = subnet.replace(/0\/24$/, '1');
    const ipRange = subnet.replace(/0\/24$/, '128/25');
    const created = await gql(gateway.url, CreateNetwork, {
      input: {
        name,
        internal: true,
        labels: LABELS,
        options: [{ key: 'com.docker.network.bridge.enable_icc', value: 'false' }],
        ipam: [{ subnet, gateway: gatewayIp, ipRange }],
      },
    });
    if (created.data?.createNetwork) made.networks.push(created.data.createNetwork.id);
    expect(created.errors).toBeUndefined();
    const wire = await engineNetwork(name);
    expect(wire).toMatchObject({
      Driver: 'bridge',
      Internal: true,
      Options: { 'com.docker.network.bridge.enable_icc': 'false' },
      IPAM: { Config: [{ Subnet: subnet, Gateway: gatewayIp, IPRange: ipRange }] },
    });
    expect(created.data?.createNetwork).toEqual(expected(wire));

    const again = await gql(gateway.url, CreateNetwork, { input: { name, labels: LABELS } });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    expect(await engine.json<NetworkWire[]>('GET', `/networks?filters=${query({ name: [name] })}`)).toHaveLength(1);
  });

  it.each([
    ['a subnet that is no CIDR', { subnet: 'not-a-subnet' }],
    ['a prefix length too long', { subnet: '10.1.2.0/33' }],
    ['a gateway that is no address', { subnet: '10.1.2.0/24', gateway: '10.1.2' }],
    ['an ipRange that is no CIDR', { subnet: '10.1.2.0/24', ipRange: '10.1.2.128' }],
    ['a gateway without a subnet', { gateway: '10.1.2.1' }],
  ])('createNetwork with %s: BAD_USER_INPUT, and the engine never asked', async (_name, pool) => {
    proxy.reset();
    const result = await gql(gateway.url, CreateNetwork, { input: { name: uniqueName('wharf-net'), labels: LABELS, ipam: [pool] } });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(proxy.calls).toEqual([]);
  });

  it('connectContainer with aliases, disconnectContainer; the engine sees each', async () => {
    const [home, extra] = await Promise.all([makeNetwork(), makeNetwork()]);
    const container = await containerOn(home.Name);
    const connected = await gqlData(gateway.url, Connect, { network: extra.Name, container: container.name, aliases: ['web', 'db'] });
    expect(connected.connectContainer).toEqual({ id: extra.Id, containers: [{ container: { id: container.id } }] });
    const inspected = await engine.json<{ NetworkSettings: { Networks: Record<string, { Aliases: string[] }> } }>(
      'GET',
      `/containers/${container.id}/json`,
    );
    expect(inspected.NetworkSettings.Networks[extra.Name]?.Aliases).toEqual(expect.arrayContaining(['web', 'db']));

    expect(errorCodes(await gql(gateway.url, Connect, { network: extra.Id, container: container.id }))).toEqual(['CONFLICT']);
    expect(errorCodes(await gql(gateway.url, Connect, { network: extra.Id, container: 'wharf-no-such-container' }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await gql(gateway.url, Connect, { network: 'wharf-no-such-network', container: container.id }))).toEqual([
      'NOT_FOUND',
    ]);

    const disconnected = await gqlData(gateway.url, Disconnect, { network: extra.Id.slice(0, 12), container: container.id });
    expect(disconnected.disconnectContainer).toEqual({ id: extra.Id, containers: [] });
    expect((await engineNetwork(extra.Id)).Containers).toEqual({});
    // Not connected: the engine would answer a 500; the graph says what is wrong, before asking it.
    proxy.reset();
    const again = await gql(gateway.url, Disconnect, { network: extra.Id, container: container.id });
    expect(errorCodes(again)).toEqual(['BAD_USER_INPUT']);
    expect(proxy.count('POST', /\/disconnect$/)).toBe(0);
  });

  it('removeNetwork: CONFLICT while a container is attached, removed once it is not', async () => {
    const network = await makeNetwork();
    const container = await containerOn(network.Name);
    expect(errorCodes(await gql(gateway.url, RemoveNetwork, { id: network.Name }))).toEqual(['CONFLICT']);
    await engine.json('POST', `/networks/${network.Id}/disconnect`, { Container: container.id, Force: true });
    expect((await gqlData(gateway.url, RemoveNetwork, { id: network.Name })).removeNetwork).toBe(network.Id);
    expect((await engine.request('GET', `/networks/${network.Id}`)).status).toBe(404);
    expect(errorCodes(await gql(gateway.url, RemoveNetwork, { id: network.Id }))).toEqual(['NOT_FOUND']);
  });

  it('pruneNetworks and pruneContainers remove what the engine then no longer has, and only that', async () => {
    const [unused, used] = await Promise.all([makeNetwork(), makeNetwork()]);
    const running = await containerOn(used.Name);
    const stopped = await containerOn('none', {}, false);
    const networks = await gqlData(gateway.url, PruneNetworks, { label: [RUN] });
    expect(networks.pruneNetworks).toEqual({ engine: { name: 'local' }, deleted: [unused.Name], spaceReclaimed: 0 });
    expect((await engine.request('GET', `/networks/${unused.Id}`)).status).toBe(404);
    expect((await engineNetwork(used.Id)).Id).toBe(used.Id);

    const containers = await gqlData(gateway.url, PruneContainers, { label: [RUN] });
    expect(containers.pruneContainers).toEqual({ engine: { name: 'local' }, deleted: [stopped.id], spaceReclaimed: expect.any(Number) });
    expect((await engine.request('GET', `/containers/${stopped.id}/json`)).status).toBe(404);
    expect((await engine.request('GET', `/containers/${running.id}/json`)).status).toBe(200);
    // Nothing left to prune: the engine's empty answer.
    expect((await gqlData(gateway.url, PruneNetworks, { label: [RUN] })).pruneNetworks.deleted).toEqual([]);
  });
});

describe('token mode', () => {
  const tokens = issueTokens('networks');
  let strict: ProxiedGateway;
  let allowing: ProxiedGateway;
  beforeAll(async () => {
    [strict, allowing] = await Promise.all([
      startGateway(inject('dockerHost'), { countingProxy: true, warm: true, tokens: Object.values(tokens) }),
      startGateway(inject('dockerHost'), {
        countingProxy: true,
        warm: true,
        tokens: [tokens.admin],
        createPolicy: { allowNetworkDrivers: ['bridge'] },
      }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([strict?.close(), allowing?.close()]);
  });

  const as = (
    gw: ProxiedGateway,
    role: 'viewer' | 'operator' | 'admin',
    document: Parameters<typeof runOperation>[2],
    variables: object,
  ) => {
    gw.proxy.reset();
    return runOperation('http-post', gw, document, variables as Record<string, unknown>, `Bearer ${tokens[role].token}`);
  };

  it.each([
    ['driver macvlan', { driver: 'macvlan' }, 'macvlan'],
    ['driver MacVLAN', { driver: 'MacVLAN' }, 'macvlan'],
    ['driver ipvlan', { driver: ' ipvlan ' }, 'ipvlan'],
    ['driver host', { driver: 'host' }, 'host'],
    ['option parent', { driver: 'bridge', options: [{ key: 'parent', value: 'eth0' }] }, 'bridge'],
    ['option Parent', { options: [{ key: 'Parent', value: 'eth0' }] }, 'bridge'],
    ['option com.docker.network.bridge.name', { options: [{ key: 'com.docker.network.bridge.name', value: 'eth0' }] }, 'bridge'],
  ])('createNetwork with %s: FORBIDDEN, naming the flag, before the engine hears of it', async (_name, input, driver) => {
    const outcome = await as(strict, 'admin', CreateNetwork, { input: { name: uniqueName('wharf-net'), labels: LABELS, ...input } });
    expect(outcomeCodes(outcome)).toEqual(['FORBIDDEN']);
    expect(outcome.text).toContain(`--allow-network-driver ${driver}`);
    expect(strict.proxy.calls).toEqual([]);
  });

  it('--allow-network-driver bridge lets a bridge name its host bridge', async () => {
    const bridge = `wh${randomInt(0, 2 ** 31).toString(16)}`;
    const outcome = await as(allowing, 'admin', CreateNetwork, {
      input: { name: uniqueName('wharf-net'), labels: LABELS, options: [{ key: 'com.docker.network.bridge.name', value: bridge }] },
    });
    const id = (outcome.results[0]?.data as { createNetwork?: { id: string } } | undefined)?.createNetwork?.id;
    if (id) made.networks.push(id);
    expect(outcomeCodes(outcome)).toEqual([]);
    expect((await engineNetwork(id!)).Options).toEqual({ 'com.docker.network.bridge.name': bridge });
  });

  it('a viewer may read networks; only an admin may change them, and refusals never reach the engine', async () => {
    const network = await makeNetwork();
    const read = await as(strict, 'viewer', OneNetwork, { id: network.Id });
    expect(outcomeCodes(read)).toEqual([]);
    expect(read.results[0]?.data).toEqual({ network: expect.objectContaining({ id: network.Id }) });
    const mutations: Array<[Parameters<typeof runOperation>[2], object]> = [
      [CreateNetwork, { input: { name: uniqueName('wharf-net') } }],
      [RemoveNetwork, { id: network.Id }],
      [Connect, { network: network.Id, container: 'x' }],
      [Disconnect, { network: network.Id, container: 'x' }],
      [PruneNetworks, { label: [RUN] }],
      [PruneContainers, { label: [RUN] }],
    ];
    for (const role of ['viewer', 'operator'] as const) {
      for (const [document, variables] of mutations) {
        const outcome = await as(strict, role, document, variables);
        expect(outcomeCodes(outcome)).toEqual(['FORBIDDEN']);
        expect(strict.proxy.calls).toEqual([]);
      }
    }
    const removed = await as(strict, 'admin', RemoveNetwork, { id: network.Id });
    expect(outcomeCodes(removed)).toEqual([]);
    expect((await engine.request('GET', `/networks/${network.Id}`)).status).toBe(404);
  });
});

describe('two engines', () => {
  let privateRun: PrivateEngine;
  let both: TestGateway;
  beforeAll(async () => {
    privateRun = await startPrivateEngine();
    both = await startEnginesGateway([
      { name: 'shared', dockerHost: inject('dockerHost') },
      { name: 'private', dockerHost: privateRun.dockerHost },
    ]);
  }, 60_000);
  afterAll(async () => {
    await both?.close();
    await privateRun?.stop();
  }, 60_000);

  it('networks merged by name with the engine of each; lookups, creates and prunes say which engine', async () => {
    const privateEngine = rawEngine(privateRun.socketPath);
    try {
      const mine = await makeNetwork();
      const theirs = uniqueName('wharf-net');
      await privateEngine.json('POST', '/networks/create', { Name: theirs, Labels: { [RUN]: '1' } });
      const listed = await gqlData(both.url, ListNetworks, { filters: { label: [RUN] } });
      const theirsWire = await privateEngine.json<NetworkWire>('GET', `/networks/${theirs}`);
      expect(listed.networks).toEqual(
        [expected(await engineNetwork(mine.Id), [], 'shared'), expected(theirsWire, [], 'private')].sort((a, b) =>
          a.name < b.name ? -1 : 1,
        ),
      );
      // The predefined `none` (the only network of the null driver) once per engine, in the engines' order.
      const nones = await gqlData(both.url, ListNetworks, { filters: { driver: ['null'] } });
      expect(nones.networks.map((n) => [n.name, n.engine.name])).toEqual([
        ['none', 'shared'],
        ['none', 'private'],
      ]);
      const onlyPrivate = await gqlData(both.url, ListNetworks, { filters: { label: [RUN] }, engine: 'private' });
      expect(onlyPrivate.networks.map((n) => n.id)).toEqual([theirsWire.Id]);

      // `none` is on both: ambiguous unless an engine is named.
      const ambiguous = await gql(both.url, OneNetwork, { id: 'none' });
      expect(errorCodes(ambiguous)).toEqual(['BAD_USER_INPUT']);
      expect(ambiguous.errors?.[0]?.message).toContain('shared, private');
      const privateNone = nones.networks[1]!.id;
      expect((await gqlData(both.url, OneNetwork, { id: 'private/none' })).network?.id).toBe(privateNone);
      expect((await gqlData(both.url, OneNetwork, { id: 'none', engine: 'private' })).network?.id).toBe(privateNone);
      expect((await gqlData(both.url, OneNetwork, { id: mine.Name })).network?.engine.name).toBe('shared');

      const name = uniqueName('wharf-net');
      const created = await gqlData(both.url, CreateNetwork, { input: { name, engine: 'private', labels: LABELS } });
      expect(created.createNetwork.engine.name).toBe('private');
      expect((await privateEngine.json<NetworkWire>('GET', `/networks/${name}`)).Id).toBe(created.createNetwork.id);

      // A prune removes things: with two engines and none named, nothing is pruned.
      const unnamed = await gql(both.url, PruneNetworks, { label: [RUN] });
      expect(errorCodes(unnamed)).toEqual(['BAD_USER_INPUT']);
      expect((await privateEngine.request('GET', `/networks/${name}`)).status).toBe(200);
      const pruned = await gqlData(both.url, PruneNetworks, { label: [RUN], engine: 'private' });
      expect(pruned.pruneNetworks).toEqual({
        engine: { name: 'private' },
        deleted: expect.arrayContaining([theirs, name]),
        spaceReclaimed: 0,
      });
      expect(pruned.pruneNetworks.deleted).toHaveLength(2);
      expect((await engineNetwork(mine.Id)).Id).toBe(mine.Id);
    } finally {
      await privateEngine.close();
    }
  });
});
