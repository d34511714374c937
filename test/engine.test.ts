// Query.engine, /healthz and /readyz, with the engine there and with no engine at all.
import { randomBytes } from 'node:crypto';
import { rmSync, symlinkSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { VersionWire } from '../src/docker/types.js';
import { graphql } from './gql/index.js';
import { rawEngine } from './helpers/engine-api.js';
import { errorCodes, gql, gqlData, startGateway, type TestGateway } from './helpers/gateway.js';

const engine = rawEngine(inject('dockerSocket'));
afterAll(async () => {
  await engine.close();
});

const EngineVersion = graphql(`
  query EngineVersion {
    engine { version apiVersion os arch kernelVersion }
  }
`);

const ListContainerIds = graphql(`
  query ListContainerIds {
    containers(all: true) { id }
  }
`);

interface ReadyBody {
  status?: unknown;
  reason?: unknown;
}

/** The connect timeout of the engine client; "quickly" means well under it. */
const CONNECT_TIMEOUT_MS = 5_000;

function missingSocket(): string {
  return `/tmp/wharf-missing-${randomBytes(6).toString('hex')}.sock`;
}

describe('with the engine', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startGateway(inject('dockerHost'));
  });
  afterAll(async () => {
    await gateway.close();
  });

  it('answers Query.engine as GET /version does', async () => {
    const version = await engine.json<VersionWire>('GET', '/version');
    const data = await gqlData(gateway.url, EngineVersion);
    expect(data.engine).toEqual({
      version: version.Version,
      apiVersion: version.ApiVersion,
      os: version.Os,
      arch: version.Arch,
      kernelVersion: version.KernelVersion,
    });
    expect(data.engine.os).toBe('linux');
    expect(data.engine.apiVersion).toMatch(/^\d+\.\d+$/);
  });

  it('answers /healthz with 200', async () => {
    const res = await fetch(`${gateway.origin}/healthz`);
    expect(res.status).toBe(200);
  });

  it('answers /readyz with 200 when the engine answers /_ping', async () => {
    expect((await engine.request('GET', '/_ping')).status).toBe(200);
    const res = await fetch(`${gateway.origin}/readyz`);
    expect(res.status).toBe(200);
  });
});

describe('without an engine (DOCKER_HOST names a socket that does not exist)', () => {
  let socketPath: string;
  let gateway: TestGateway;
  beforeAll(async () => {
    socketPath = missingSocket();
    gateway = await startGateway(`unix://${socketPath}`);
  });
  afterAll(async () => {
    await gateway.close();
  });

  it('answers /readyz with 503 and a reason', async () => {
    const res = await fetch(`${gateway.origin}/readyz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as ReadyBody;
    expect(typeof body.reason).toBe('string');
    expect(String(body.reason)).not.toBe('');
  });

  it('answers /healthz with 200 all the same', async () => {
    expect((await fetch(`${gateway.origin}/healthz`)).status).toBe(200);
  });

  it('answers an operation with DOCKER_UNAVAILABLE quickly, well under the connect timeout', async () => {
    const started = Date.now();
    const result = await gql(gateway.url, EngineVersion);
    const elapsed = Date.now() - started;
    expect(errorCodes(result)).toEqual(['DOCKER_UNAVAILABLE']);
    expect(elapsed).toBeLessThan(CONNECT_TIMEOUT_MS / 5);
  });

  it('leaks neither a stack trace nor an internal path in the error', async () => {
    const result = await gql(gateway.url, ListContainerIds);
    expect(errorCodes(result)).toEqual(['DOCKER_UNAVAILABLE']);
    const text = JSON.stringify(result.errors);
    expect(text).not.toMatch(/\bat .*:\d+:\d+|\/src\/|\.ts\b|node_modules/);
    const extensions = result.errors?.[0]?.extensions ?? {};
    expect(Object.keys(extensions)).not.toEqual(expect.arrayContaining(['stack']));
    expect(Object.keys(extensions)).not.toEqual(expect.arrayContaining(['originalError']));
    expect(extensions.exception).toBeUndefined();
  });

  it('stays up: the next operations answer DOCKER_UNAVAILABLE too', async () => {
    for (let i = 0; i < 3; i++) {
      expect(errorCodes(await gql(gateway.url, ListContainerIds))).toEqual(['DOCKER_UNAVAILABLE']);
    }
    expect((await fetch(`${gateway.origin}/healthz`)).status).toBe(200);
  });
});

describe('an engine that comes back', () => {
  it('is answered for again, with /readyz 200, once its socket appears', async () => {
    const socketPath = missingSocket();
    const gateway = await startGateway(`unix://${socketPath}`);
    try {
      expect(errorCodes(await gql(gateway.url, EngineVersion))).toEqual(['DOCKER_UNAVAILABLE']);
      expect((await fetch(`${gateway.origin}/readyz`)).status).toBe(503);

      // The engine "returns": its socket shows up at the configured path.
      symlinkSync(inject('dockerSocket'), socketPath);

      const version = await engine.json<VersionWire>('GET', '/version');
      expect((await gqlData(gateway.url, EngineVersion)).engine.version).toBe(version.Version);
      expect((await fetch(`${gateway.origin}/readyz`)).status).toBe(200);
    } finally {
      await gateway.close();
      rmSync(socketPath, { force: true });
    }
  });
});
