// Container.networks and Container.mounts: a container's attachments and mounts, joined to the Network and Volume objects of its engine.
import type { DockerClient } from '../docker/client.js';
import type { MountPoint } from '../docker/types.js';
import { builder } from './builder.js';
import { ContainerRef } from './container.js';
import { inspectNetwork, NetworkRef } from './networks.js';
import { inspectVolume, VolumeRef } from './volumes.js';

/** NetworkSettings.Networks[name] of a container's inspect document. */
interface EndpointSettingsWire {
  NetworkID?: string;
  EndpointID?: string;
  Gateway?: string;
  IPAddress?: string;
  IPPrefixLen?: number;
  GlobalIPv6Address?: string;
  GlobalIPv6PrefixLen?: number;
  MacAddress?: string;
  Aliases?: string[] | null;
}

interface AttachmentSource {
  engine: DockerClient;
  name: string;
  wire: EndpointSettingsWire;
}

interface MountSource {
  engine: DockerClient;
  wire: MountPoint;
}

const ContainerNetworkRef = builder.objectRef<AttachmentSource>('ContainerNetwork').implement({
  description: "A network a container is attached to, with the container's addresses there.",
  fields: (t) => ({
    name: t.string({ description: "The network's name.", resolve: (a) => a.name }),
    networkId: t.string({ resolve: (a) => a.wire.NetworkID ?? '' }),
    network: t.field({
      type: NetworkRef,
      nullable: true,
      description: 'The network itself (GET /networks/{id}); null when its engine no longer has it.',
      resolve: async (a, _args, ctx) => {
        const wire = await inspectNetwork(ctx, a.engine, a.wire.NetworkID || a.name);
        return wire && { engine: a.engine, wire, inspected: true };
      },
    }),
    ipv4Address: t.string({
      nullable: true,
      description: 'With its prefix length, as in 172.19.0.2/16, as Network.containers shows it.',
      resolve: (a) => (a.wire.IPAddress ? `${a.wire.IPAddress}/${a.wire.IPPrefixLen ?? 0}` : null),
    }),
    ipv6Address: t.string({
      nullable: true,
      resolve: (a) => (a.wire.GlobalIPv6Address ? `${a.wire.GlobalIPv6Address}/${a.wire.GlobalIPv6PrefixLen ?? 0}` : null),
    }),
    macAddress: t.string({ nullable: true, resolve: (a) => a.wire.MacAddress || null }),
    gateway: t.string({ nullable: true, resolve: (a) => a.wire.Gateway || null }),
    aliases: t.stringList({ resolve: (a) => a.wire.Aliases ?? [] }),
  }),
});

const ContainerMountRef = builder.objectRef<MountSource>('ContainerMount').implement({
  description: "One of a container's mounts; a named volume's joined to its Volume.",
  fields: (t) => ({
    type: t.string({ description: '"bind", "volume", "tmpfs", "npipe" or "cluster".', resolve: (m) => m.wire.Type }),
    name: t.string({ nullable: true, description: "The volume's name; null for other mounts.", resolve: (m) => m.wire.Name || null }),
    source: t.string({ resolve: (m) => m.wire.Source }),
    destination: t.string({ resolve: (m) => m.wire.Destination }),
    driver: t.string({ nullable: true, resolve: (m) => m.wire.Driver || null }),
    mode: t.string({ resolve: (m) => m.wire.Mode }),
    rw: t.boolean({ resolve: (m) => m.wire.RW }),
    volume: t.field({
      type: VolumeRef,
      nullable: true,
      description: 'The volume (GET /volumes/{name}); null for binds and tmpfs, or when its engine no longer has it.',
      resolve: async (m, _args, ctx) => {
        if (m.wire.Type !== 'volume' || !m.wire.Name) return null;
        const wire = await inspectVolume(ctx, m.engine, m.wire.Name);
        return wire && { engine: m.engine, wire };
      },
    }),
  }),
});

builder.objectFields(ContainerRef, (t) => ({
  networks: t.field({
    type: [ContainerNetworkRef],
    description: 'The networks it is attached to, in name order (from its inspect document).',
    resolve: async (c, _args, ctx) => {
      const inspect = c.inspect ?? (await ctx.loaders.of(c.engine).inspect(c.id));
      const networks = (inspect.NetworkSettings?.Networks ?? {}) as Record<string, EndpointSettingsWire>;
      return Object.keys(networks)
        .sort()
        .map((name) => ({ engine: c.engine, name, wire: networks[name] as EndpointSettingsWire }));
    },
  }),
  mounts: t.field({
    type: [ContainerMountRef],
    description: 'Its mounts (from its inspect document), by destination; named volumes joined to their Volume.',
    resolve: async (c, _args, ctx) => {
      const inspect = c.inspect ?? (await ctx.loaders.of(c.engine).inspect(c.id));
      // The engine lists them in no fixed order (one inspect to the next may differ).
      return [...(inspect.Mounts ?? [])]
        .sort((a, b) => (a.Destination < b.Destination ? -1 : a.Destination > b.Destination ? 1 : 0))
        .map((wire) => ({ engine: c.engine, wire }));
    },
  }),
}));
