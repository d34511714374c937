// createNetwork, removeNetwork, connectContainer and disconnectContainer: inputs checked and token mode's policy applied before the engine hears of them.
import { isIP } from 'node:net';
import type { DockerClient } from '../docker/client.js';
import type { IpamConfigWire, NetworkCreateWire } from '../docker/types.js';
import { builder, type SchemaContext } from './builder.js';
import { requireContainer } from './container.js';
import { LabelInput } from './container-mutations.js';
import { badInput, codedError } from './errors.js';
import { findNetwork, NetworkRef, type NetworkSource } from './networks.js';
import { enforceNetworkPolicy } from './resource-policy.js';

const IpamConfigInput = builder.inputType('IpamConfigInput', {
  fields: (t) => ({
    subnet: t.string({ description: 'CIDR, as in 10.10.0.0/24 or fd00::/64.' }),
    gateway: t.string({ description: 'An address in the subnet.' }),
    ipRange: t.string({ description: 'CIDR: the part of the subnet containers get addresses from.' }),
  }),
});

const CreateNetworkInput = builder.inputType('CreateNetworkInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    engine: t.string({ description: 'The engine to create it on; the first configured one by default.' }),
    driver: t.string({ defaultValue: 'bridge' }),
    internal: t.boolean({ description: 'No route out of the network.' }),
    attachable: t.boolean({ description: 'Swarm networks: standalone containers may attach too.' }),
    enableIpv6: t.boolean(),
    labels: t.field({ type: [LabelInput] }),
    options: t.field({ type: [LabelInput], description: "The driver's options, e.g. com.docker.network.bridge.enable_icc." }),
    ipam: t.field({ type: [IpamConfigInput], description: 'Address pools; the engine picks one when none is given.' }),
  }),
});

type LabelArgs = ReadonlyArray<{ key: string; value: string }> | null | undefined;

/** Key/value inputs as the engine's map; a key given twice is a mistake, not a choice of the last. */
export function labelMap(what: string, labels: LabelArgs): Record<string, string> | undefined {
  if (!labels) return undefined;
  const map: Record<string, string> = {};
  for (const { key, value } of labels) {
    if (key in map) throw badInput(`${what} has the key "${key}" twice`);
    map[key] = value;
  }
  return map;
}

/** `10.1.2.0/24` or `fd00::/64`: an address and a prefix length its family allows. */
function isCidr(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash < 0) return false;
  const family = isIP(text.slice(0, slash));
  const bits = text.slice(slash + 1);
  return family !== 0 && /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * The pools as the engine takes them, each checked first: the engine answers a malformed subnet
 * with a 500, as if it had failed, and a client's typo is not the engine's failure.
 */
function ipamConfig(pools: ReadonlyArray<{ subnet?: string | null; gateway?: string | null; ipRange?: string | null }>): IpamConfigWire[] {
  return pools.map((pool, index) => {
    const at = `ipam[${index}]`;
    if (pool.subnet != null && !isCidr(pool.subnet)) throw badInput(`${at}.subnet "${pool.subnet}" is no CIDR subnet such as 10.10.0.0/24`);
    if (pool.ipRange != null && !isCidr(pool.ipRange))
      throw badInput(`${at}.ipRange "${pool.ipRange}" is no CIDR range such as 10.10.0.128/25`);
    if (pool.gateway != null && isIP(pool.gateway) === 0) throw badInput(`${at}.gateway "${pool.gateway}" is no IP address`);
    if (pool.subnet == null && (pool.ipRange != null || pool.gateway != null))
      throw badInput(`${at} needs a subnet for its gateway or ipRange`);
    const wire: IpamConfigWire = {};
    if (pool.subnet != null) wire.Subnet = pool.subnet;
    if (pool.ipRange != null) wire.IPRange = pool.ipRange;
    if (pool.gateway != null) wire.Gateway = pool.gateway;
    return wire;
  });
}

/** The network after a change, as its engine reports it now (not what this operation read before). */
async function fresh(ctx: SchemaContext, engine: DockerClient, id: string): Promise<NetworkSource> {
  return { engine, wire: await engine.networks.inspect(id, ctx.engineCall), inspected: true };
}

/** The network `ref` names on `engine`; NOT_FOUND when it has none. */
async function requireNetwork(ctx: SchemaContext, ref: string, engine: DockerClient | null): Promise<NetworkSource> {
  const found = ref.trim() ? await findNetwork(ctx, ref.trim(), engine?.name) : null;
  if (!found) throw codedError('NOT_FOUND', `No such network: ${ref}${engine && !ctx.engines.single ? ` on engine ${engine.name}` : ''}`);
  return found;
}

builder.mutationFields((t) => ({
  createNetwork: t.field({
    type: NetworkRef,
    authScopes: { admin: true },
    description:
      'docker network create, on input.engine or the first configured engine. A name in use is CONFLICT; a malformed subnet, gateway or ipRange is BAD_USER_INPUT. In token mode the host, macvlan and ipvlan drivers and host-interface options (parent, com.docker.network.bridge.name) are FORBIDDEN unless --allow-network-driver names the driver.',
    args: { input: t.arg({ type: CreateNetworkInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const name = input.name.trim();
      if (!name) throw badInput('name must not be empty');
      const driver = input.driver ?? 'bridge';
      const options = labelMap('options', input.options);
      const body: NetworkCreateWire = { Name: name, Driver: driver };
      if (input.ipam) body.IPAM = { Driver: 'default', Config: ipamConfig(input.ipam) };
      if (options) body.Options = options;
      const labels = labelMap('labels', input.labels);
      if (labels) body.Labels = labels;
      if (input.internal != null) body.Internal = input.internal;
      if (input.attachable != null) body.Attachable = input.attachable;
      if (input.enableIpv6 != null) body.EnableIPv6 = input.enableIpv6;
      if (ctx.createPolicy) enforceNetworkPolicy(ctx.createPolicy, { driver, options });
      const engine = input.engine == null ? ctx.engines.first : ctx.engines.require(input.engine);
      const created = await engine.networks.create(body, ctx.engineCall);
      return fresh(ctx, engine, created.Id);
    },
  }),
  removeNetwork: t.field({
    type: 'ID',
    authScopes: { admin: true },
    description:
      "docker network rm: by id, prefix or name, on the named engine, on ENGINE/ref, or on whichever engine has it. Answers the removed network's id. A network with endpoints is CONFLICT.",
    args: { id: t.arg.string({ required: true }), engine: t.arg.string() },
    resolve: async (_root, args, ctx) => {
      const network = await requireNetwork(ctx, args.id, args.engine == null ? null : ctx.engines.require(args.engine));
      await network.engine.networks.remove(network.wire.Id, ctx.engineCall);
      return network.wire.Id;
    },
  }),
  connectContainer: t.field({
    type: NetworkRef,
    authScopes: { admin: true },
    description:
      "docker network connect: the container (id, name or ENGINE/name) joins the network of that name or id on the container's engine, known there by its aliases too. A missing container or network is NOT_FOUND; one already connected is CONFLICT.",
    args: {
      network: t.arg.string({ required: true }),
      container: t.arg.string({ required: true }),
      aliases: t.arg.stringList(),
    },
    resolve: async (_root, args, ctx) => {
      const { engine, inspect } = await requireContainer(ctx, args.container);
      const network = await requireNetwork(ctx, args.network, engine);
      const aliases = args.aliases?.length ? { EndpointConfig: { Aliases: [...args.aliases] } } : {};
      await engine.networks.connect(network.wire.Id, { Container: inspect.Id, ...aliases }, ctx.engineCall);
      return fresh(ctx, engine, network.wire.Id);
    },
  }),
  disconnectContainer: t.field({
    type: NetworkRef,
    authScopes: { admin: true },
    description:
      "docker network disconnect, on the container's engine. A container that is not connected is BAD_USER_INPUT (asked before the engine, which would answer it with a 500); force is docker network disconnect -f.",
    args: {
      network: t.arg.string({ required: true }),
      container: t.arg.string({ required: true }),
      force: t.arg.boolean({ defaultValue: false }),
    },
    resolve: async (_root, args, ctx) => {
      const { engine, inspect } = await requireContainer(ctx, args.container);
      const network = await requireNetwork(ctx, args.network, engine);
      const attached = Object.values((inspect.NetworkSettings?.Networks ?? {}) as Record<string, { NetworkID?: string }>);
      const connected =
        network.wire.Containers?.[inspect.Id] !== undefined || attached.some((endpoint) => endpoint.NetworkID === network.wire.Id);
      // The engine answers this with a 500, as if it had failed.
      if (!connected) throw badInput(`Container ${args.container} is not connected to network ${network.wire.Name}`);
      await engine.networks.disconnect(network.wire.Id, { Container: inspect.Id, Force: args.force ?? false }, ctx.engineCall);
      return fresh(ctx, engine, network.wire.Id);
    },
  }),
}));
