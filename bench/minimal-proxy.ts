// A hand-written, minimal gateway in its own process: one extra HTTP hop, one engine call, JSON in and out, nothing else.
// The floor any out-of-process gateway pays on this machine; the benchmark reports it beside Wharf's figures.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';

interface Summary {
  Id: string;
  Names: string[];
  State: string;
  Status: string;
  Image: string;
}

interface Inspect {
  Path: string;
  Args: string[] | null;
  RestartCount: number;
  State: { Status: string; Running: boolean; Pid: number; StartedAt: string };
  Config: { Image: string; Cmd: string[] | null; Env: string[] | null; Labels: Record<string, string> | null };
  HostConfig: { Memory?: number; NetworkMode?: string };
  Mounts: Array<{ Destination: string }> | null;
}

const dockerHost = process.env.DOCKER_HOST ?? '';
if (!dockerHost.startsWith('unix://')) throw new Error(`DOCKER_HOST must be unix:///path, not "${dockerHost}"`);
const pool = new Pool('http://docker', { socketPath: dockerHost.slice('unix://'.length), connections: 64, pipelining: 1 });

async function engineJson<T>(path: string): Promise<T> {
  const res = await pool.request({ method: 'GET', path });
  const text = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`GET ${path} answered ${res.statusCode}`);
  return JSON.parse(text) as T;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function main(): Promise<void> {
  const ping = await pool.request({ method: 'GET', path: '/_ping' });
  await ping.body.dump();
  const version = `/v${String(ping.headers['api-version'])}`;

  // The same fields the benchmark's GraphQL operations select, so both answers carry the same data.
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const answer = async (): Promise<unknown> => {
      if (url === '/list') {
        const list = await engineJson<Summary[]>(`${version}/containers/json?all=1`);
        return {
          containers: list.map((c) => ({
            id: c.Id,
            name: (c.Names[0] ?? '').replace(/^\//, ''),
            state: c.State,
            status: c.Status,
            image: c.Image,
          })),
        };
      }
      if (url.startsWith('/inspect/')) {
        const i = await engineJson<Inspect>(`${version}/containers/${url.slice('/inspect/'.length)}/json`);
        return {
          container: {
            inspect: {
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
            },
          },
        };
      }
      return undefined;
    };
    answer().then(
      (data) => (data === undefined ? send(res, 404, { errors: [{ message: 'not found' }] }) : send(res, 200, { data })),
      (error: unknown) => send(res, 502, { errors: [{ message: error instanceof Error ? error.message : String(error) }] }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`minimal proxy listening on http://127.0.0.1:${port}/\n`);

  const stop = (): void => {
    server.closeAllConnections();
    server.close();
    void pool.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`minimal proxy: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
