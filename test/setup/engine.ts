// Vitest globalSetup: one real Docker engine for the whole run, handed to tests via inject().
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureTestImage, startPrivateEngine, type PrivateEngine } from '../../scripts/engine.js';
import { rawEngine, removeTestContainers } from '../helpers/engine-api.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `unix://...` of the test engine. */
    dockerHost: string;
    /** The test engine's unix socket path. */
    dockerSocket: string;
  }
}

const MACHINE_WIDE_SOCKETS = new Set(['/var/run/docker.sock', '/run/docker.sock']);

function socketFromDockerHost(value: string): string {
  const path = value.startsWith('unix://') ? value.slice('unix://'.length) : value;
  if (!path.startsWith('/') && !path.startsWith('.')) {
    throw new Error(`WHARF_TEST_DOCKER_HOST must be unix:///path/to/docker.sock or a socket path, got ${value}`);
  }
  const socket = resolve(path);
  if (MACHINE_WIDE_SOCKETS.has(socket)) {
    throw new Error(
      `WHARF_TEST_DOCKER_HOST points at the machine-wide engine (${socket}); tests never use it. ` +
        'Unset it to get a private engine, or start one with `npx tsx scripts/engine.ts`.',
    );
  }
  return socket;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.WHARF_TEST_DOCKER_HOST;
  let engine: PrivateEngine | undefined;
  let socketPath: string;

  if (external) {
    socketPath = socketFromDockerHost(external);
    await ensureTestImage(socketPath);
  } else {
    try {
      engine = await startPrivateEngine();
    } catch (err) {
      // Fail the run, never skip: the integration tests are the point.
      throw new Error(
        `Wharf's tests need a real Docker engine and could not start one.\n${err instanceof Error ? err.message : String(err)}\n` +
          'Either install dockerd and busybox as root (apt-get install -y docker.io busybox-static) ' +
          'or set WHARF_TEST_DOCKER_HOST=unix:///path/to/a/disposable/docker.sock.',
        { cause: err },
      );
    }
    socketPath = engine.socketPath;
  }

  project.provide('dockerHost', `unix://${socketPath}`);
  project.provide('dockerSocket', socketPath);

  return async () => {
    const raw = rawEngine(socketPath);
    try {
      await removeTestContainers(raw);
    } catch (err) {
      process.stderr.write(`wharf test teardown: could not remove test containers: ${String(err)}\n`);
    } finally {
      await raw.close();
      await engine?.stop();
    }
  };
}
