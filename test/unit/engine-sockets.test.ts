// The engine client's own connection pool on real sockets with no engine behind them: what undici really throws becomes DOCKER_UNAVAILABLE.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDockerClient, type DockerClient } from '../../src/docker/client.js';
import { connectionFromEnv } from '../../src/docker/connection.js';
import { UnavailableError } from '../../src/docker/errors.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function client(dockerHost: string, callTimeoutMs = 5_000): DockerClient {
  const made = createDockerClient({
    settings: connectionFromEnv({ DOCKER_HOST: dockerHost, DOCKER_API_VERSION: '1.41' }, { callTimeoutMs }),
  });
  cleanups.push(() => made.close());
  return made;
}

/** A TCP server that takes connections and never answers; its sockets are destroyed at cleanup. */
async function silentServer(): Promise<number> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return (server.address() as { port: number }).port;
}

/** A port nothing listens on: one just given back by the system. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('no engine behind the address', () => {
  it('a refused TCP connection is DOCKER_UNAVAILABLE', async () => {
    const docker = client(`tcp://127.0.0.1:${await closedPort()}`);
    const error = await docker.containers.list({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ code: 'DOCKER_UNAVAILABLE', message: 'The Docker engine cannot be reached: connection refused' });
  });

  it('a unix socket that does not exist is DOCKER_UNAVAILABLE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wharf-unit-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const docker = client(`unix://${join(dir, 'docker.sock')}`);
    const error = await docker.containers.start('c1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ code: 'DOCKER_UNAVAILABLE', message: 'The Docker engine cannot be reached: its socket does not exist' });
  });

  it('a negotiation against a refused connection is DOCKER_UNAVAILABLE', async () => {
    const port = await closedPort();
    const docker = createDockerClient({ settings: connectionFromEnv({ DOCKER_HOST: `tcp://127.0.0.1:${port}` }) });
    cleanups.push(() => docker.close());
    await expect(docker.system.version()).rejects.toBeInstanceOf(UnavailableError);
  });
});

describe('an engine that takes the connection and never answers', () => {
  it('is DOCKER_UNAVAILABLE once the call timeout passes', async () => {
    const docker = client(`tcp://127.0.0.1:${await silentServer()}`, 300);
    const error = await docker.containers.inspect('c1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ code: 'DOCKER_UNAVAILABLE', message: 'The Docker engine did not answer in time' });
  });
});
