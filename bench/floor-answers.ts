// The engine calls and answer shapes the two hand-written servers share (bench/minimal-proxy.ts, bench/graphql-floor.ts):
// the same fields the benchmark's GraphQL operations select, so every contender's answer carries the same data.
import { Pool } from 'undici';
import type { ContainerInspectWire, ContainerSummary } from '../src/docker/types.js';

export interface SummaryAnswer {
  id: string;
  name: string;
  state: string;
  status: string;
  image: string;
}

export interface InspectAnswer {
  path: string;
  args: string[];
  restartCount: number;
  state: { status: string; running: boolean; pid: number; startedAt: string };
  config: { image: string; cmd: string[] | null; env: string[]; labels: Array<{ key: string; value: string }> };
  hostConfig: { memory: number; networkMode: string };
  mounts: Array<{ destination: string }>;
}

export interface FloorEngine {
  list(): Promise<SummaryAnswer[]>;
  inspect(id: string): Promise<InspectAnswer>;
  close(): Promise<void>;
}

/** One undici pool on the engine's socket (DOCKER_HOST, unix:// only), its API version negotiated once. */
export async function openFloorEngine(dockerHost: string): Promise<FloorEngine> {
  if (!dockerHost.startsWith('unix://')) throw new Error(`DOCKER_HOST must be unix:///path, not "${dockerHost}"`);
  const pool = new Pool('http://docker', { socketPath: dockerHost.slice('unix://'.length), connections: 64, pipelining: 1 });
  const ping = await pool.request({ method: 'GET', path: '/_ping' });
  await ping.body.dump();
  const version = `/v${String(ping.headers['api-version'])}`;

  const engineJson = async <T>(path: string): Promise<T> => {
    const res = await pool.request({ method: 'GET', path: `${version}${path}` });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`GET ${path} answered ${res.statusCode}`);
    return JSON.parse(text) as T;
  };

  return {
    list: async () =>
      (await engineJson<ContainerSummary[]>('/containers/json?all=1')).map((c) => ({
        id: c.Id,
        name: (c.Names[0] ?? '').replace(/^\//, ''),
        state: c.State,
        status: c.Status,
        image: c.Image,
      })),
    inspect: async (id) => {
      const i = await engineJson<ContainerInspectWire>(`/containers/${id}/json`);
      return {
        path: i.Path,
        args: i.Args ?? [],
        restartCount: i.RestartCount,
        state: { status: i.State.Status, running: i.State.Running, pid: i.State.Pid, startedAt: i.State.StartedAt },
        config: {
          image: i.Config.Image,
          cmd: i.Config.Cmd,
          env: i.Config.Env ?? [],
          labels: Object.entries(i.Config.Labels ?? {}).map(([key, value]) => ({ key, value })),
        },
        hostConfig: { memory: i.HostConfig.Memory ?? 0, networkMode: i.HostConfig.NetworkMode ?? '' },
        mounts: (i.Mounts ?? []).map((m) => ({ destination: m.Destination })),
      };
    },
    close: () => pool.close(),
  };
}
