// The Network type (with its IPAM pools and its endpoints joined to containers), Query.networks and Query.network.
import type { DockerClient } from '../docker/client.js';
import type { NetworkContainerWire, NetworkWire } from '../docker/types.js';
import { builder, type SchemaContext } from './builder.js';
import { ContainerRef } from './container.js';
import { fromInspect } from './container-view.js';
import { EngineRef } from './engine.js';
import { fanOut } from './fan-out.js';
import { LabelRef, labelPairs } from './label.js';
import { byName, engineFilters, locateOn, operationMemo, orNull } from './resource-locate.js';

/** What backs a Network: its engine and the engine's document, from the list (no endpoints) or from inspect. */
export interface NetworkSource {
  engine: DockerClient;
  wire: NetworkWire;
  /** True when `wire` came from GET /networks/{id}, which carries the endpoints. */
  inspected: boolean;
}

interface EndpointSource {
  engine: DockerClient;
  containerId: string;
  wire: NetworkContainerWire;
}

const inspectMemo = operationMemo<NetworkWire | null>();

/** GET /networks/{id}, once per operation per engine and reference; null when the engine has no such network. */
export function inspectNetwork(ctx: SchemaContext, engine: DockerClient, ref: string): Promise<NetworkWire | null> {
  return inspectMemo(ctx, engine, ref, () => orNull(engine.networks.inspect(ref, ctx.engineCall)));
}

/** The network `ref` (id, prefix or name) names, on the named engine or whichever has it; null when none does. */
export async function findNetwork(ctx: SchemaContext, ref: string, engineName: string | null | undefined): Promise<NetworkSource | null> {
  const located = await locateOn(ctx, 'network', ref, engineName, (engine, bare) => inspectNetwork(ctx, engine, bare));
  return located && { engine: located.engine, wire: located.found, inspected: true };
}

const IpamConfigRef = builder.objectRef<{ Subnet?: string; Gateway?: string; IPRange?: string }>('IpamConfig').implement({
  description: 'One address pool of a network.',
  fields: (t) => ({
    subnet: t.string({ nullable: true, resolve: (c) => c.Subnet || null }),
    gateway: t.string({ nullable: true, resolve: (c) => c.Gateway || null }),
    ipRange: t.string({ nullable: true, resolve: (c) => c.IPRange || null }),
  }),
});

const NetworkEndpointRef = builder.objectRef<EndpointSource>('NetworkEndpoint').implement({
  description: 'A container attached to a network, with the addresses it has there.',
  fields: (t) => ({
    container: t.field({
      type: ContainerRef,
      nullable: true,
      description: 'Null when the engine no longer has the container (or it runs on another node of a swarm).',
      resolve: async (e, _args, ctx) => {
        const found = await ctx.loaders.of(e.engine).find(e.containerId);
        return found && fromInspect(e.engine, found);
      },
    }),
    name: t.string({ description: "The endpoint's name: the container's name.", resolve: (e) => e.wire.Name ?? '' }),
    ipv4Address: t.string({
      nullable: true,
      description: 'With its prefix length, as in 172.19.0.2/16.',
      resolve: (e) => e.wire.IPv4Address || null,
    }),
    ipv6Address: t.string({ nullable: true, resolve: (e) => e.wire.IPv6Address || null }),
    macAddress: t.string({ nullable: true, resolve: (e) => e.wire.MacAddress || null }),
  }),
});

export const NetworkRef = builder.objectRef<NetworkSource>('Network').implement({
  description: 'GET /networks/{id}: a network of one engine.',
  fields: (t) => ({
    id: t.id({ description: 'The full 64-hex id.', resolve: (n) => n.wire.Id }),
    name: t.string({ resolve: (n) => n.wire.Name }),
    engine: t.field({ type: EngineRef, description: 'The engine that has it.', resolve: (n) => n.engine }),
    driver: t.string({
      description: '"bridge", "host", "null", "overlay", "macvlan", "ipvlan" or a plugin\'s name.',
      resolve: (n) => n.wire.Driver,
    }),
    scope: t.string({ description: '"local", "global" or "swarm".', resolve: (n) => n.wire.Scope }),
    internal: t.boolean({ resolve: (n) => n.wire.Internal }),
    attachable: t.boolean({ resolve: (n) => n.wire.Attachable }),
    enableIpv6: t.boolean({ resolve: (n) => n.wire.EnableIPv6 }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'As the engine reports it; its zero time (0001-01-01T00:00:00Z) for some predefined networks.',
      resolve: (n) => n.wire.Created,
    }),
    labels: t.field({ type: [LabelRef], resolve: (n) => labelPairs(n.wire.Labels) }),
    options: t.field({ type: [LabelRef], description: "The driver's options.", resolve: (n) => labelPairs(n.wire.Options) }),
    ipamDriver: t.string({
      description: '"default" unless another IPAM driver was asked for.',
      resolve: (n) => n.wire.IPAM?.Driver || 'default',
    }),
    ipam: t.field({ type: [IpamConfigRef], description: 'Its address pools.', resolve: (n) => n.wire.IPAM?.Config ?? [] }),
    containers: t.field({
      type: [NetworkEndpointRef],
      description: 'The containers attached to it on its engine, by container id.',
      resolve: async (n, _args, ctx) => {
        const wire = n.inspected ? n.wire : await inspectNetwork(ctx, n.engine, n.wire.Id);
        return Object.entries(wire?.Containers ?? {})
          .map(([containerId, endpoint]) => ({ engine: n.engine, containerId, wire: endpoint }))
          .sort((a, b) => ((a.wire.Name ?? '') < (b.wire.Name ?? '') ? -1 : (a.wire.Name ?? '') > (b.wire.Name ?? '') ? 1 : 0));
      },
    }),
  }),
});

const NetworkFiltersInput = builder.inputType('NetworkFilters', {
  description: "The engine's own filters: each list matches any of its values, the lists all together.",
  fields: (t) => ({
    name: t.stringList({ description: 'Part of the name.' }),
    driver: t.stringList(),
    label: t.stringList({ description: '"key" or "key=value"' }),
    scope: t.stringList({ description: '"local", "global" or "swarm"' }),
  }),
});

builder.queryFields((t) => ({
  networks: t.field({
    type: [NetworkRef],
    description:
      "GET /networks, in name order. Without engine, every engine is asked at once and the lists merged by name (the predefined networks once per engine); an engine that fails adds one error naming it (extensions.engine) beside the others' networks.",
    args: { filters: t.arg({ type: NetworkFiltersInput }), engine: t.arg.string({ description: 'Only this engine.' }) },
    resolve: async (_root, args, ctx, info) => {
      const filters = engineFilters(args.filters);
      const answers = await fanOut(ctx, info, args.engine, (engine) => engine.networks.list(filters, ctx.engineCall));
      return answers
        .flatMap(({ engine, value }) => value.map((wire): NetworkSource => ({ engine, wire, inspected: false })))
        .sort(
          byName(
            (n) => n.wire.Name,
            (n) => n.engine,
            ctx.engines.all,
          ),
        );
    },
  }),
  network: t.field({
    type: NetworkRef,
    nullable: true,
    description:
      'By full id, unique id prefix or name, on the named engine, on ENGINE/ref, or on whichever engine has it; null when none does. A reference that matches on several engines (the predefined bridge, host and none are on each) is BAD_USER_INPUT naming them.',
    args: { id: t.arg.string({ required: true }), engine: t.arg.string() },
    resolve: (_root, args, ctx) => (args.id.trim() ? findNetwork(ctx, args.id.trim(), args.engine) : null),
  }),
}));
