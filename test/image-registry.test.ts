// Pull, push and credentials against real registries on loopback: progress over graphql-ws and SSE, shared pulls, htpasswd refusals, and no credential in any output.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LoopbackRegistry, startRegistry } from '../scripts/registry.js';
import { TEST_IMAGE } from '../scripts/engine.js';
import type { ImageInspectWire } from '../src/docker/types.js';
import { createLogger } from '../src/server/observability/logger.js';
import { errorCodes, gatewayForFile, gql, gqlData } from './helpers/gateway.js';
import { openSse } from './helpers/sse.js';
import { record } from './helpers/subscriptions.js';
import { tarOf } from './helpers/tar.js';
import { wsClient } from './helpers/ws.js';
import { graphql } from './gql/index.js';

const USER = 'wharf';
const PASSWORD = `pw-${randomBytes(12).toString('hex')}`;

/** Everything the gateway logs, as raw lines. */
const logLines: string[] = [];
const { engine, gateway, proxy } = gatewayForFile({
  countingProxy: true,
  warm: true,
  logger: createLogger('debug', { write: (line: string) => void logLines.push(line) }),
});

let open: LoopbackRegistry;
let locked: LoopbackRegistry;
const clients: Client[] = [];
beforeAll(async () => {
  [open, locked] = await Promise.all([startRegistry(), startRegistry({ htpasswd: { user: USER, password: PASSWORD } })]);
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
});
afterAll(async () => {
  for (const registry of [open, locked]) {
    if (!registry) continue;
    const images = await engine.json<Array<{ RepoTags: string[] | null }>>('GET', '/images/json');
    for (const tag of images.flatMap((i) => i.RepoTags ?? []).filter((t) => t.startsWith(registry.address))) {
      await engine.request('DELETE', `/images/${tag}`);
    }
  }
  await Promise.all([open?.stop(), locked?.stop()]);
});

const PullImage = graphql(`
  mutation RegistryPull($ref: String!, $auth: RegistryAuthInput) {
    pullImage(ref: $ref, registryAuth: $auth) { id repoTags repoDigests }
  }
`);

const PushImage = graphql(`
  mutation RegistryPush($ref: String!, $auth: RegistryAuthInput) {
    pushImage(ref: $ref, registryAuth: $auth)
  }
`);

const ImagePull = graphql(`
  subscription RegistryPullProgress($ref: String!) {
    imagePull(ref: $ref) { id status current total error }
  }
`);

/** Tags the test image into `registry` under `repo:tag` on the engine. */
async function tagInto(registry: LoopbackRegistry, repo: string, tag: string): Promise<string> {
  await engine.json('POST', `/images/${TEST_IMAGE}/tag?repo=${encodeURIComponent(`${registry.address}/${repo}`)}&tag=${tag}`);
  return `${registry.address}/${repo}:${tag}`;
}

async function removeLocally(ref: string): Promise<void> {
  const res = await engine.request('DELETE', `/images/${ref}`);
  if (res.status !== 200) throw new Error(`removing ${ref}: ${res.status} ${res.body.toString()}`);
}

const hasLocally = async (ref: string) => (await engine.request('GET', `/images/${ref}/json`)).status === 200;

describe('an open registry', () => {
  it('push answers the digest; after a local removal, pullImage brings the image back', async () => {
    const ref = await tagInto(open, 'test/busybox', '1');
    const pushed = await gqlData(gateway.url, PushImage, { ref });
    expect(pushed.pushImage).toMatch(/^sha256:[0-9a-f]{64}$/);
    await removeLocally(ref);
    expect(await hasLocally(ref)).toBe(false);

    const pulled = await gqlData(gateway.url, PullImage, { ref });
    const inspect = await engine.json<ImageInspectWire>('GET', `/images/${ref}/json`);
    expect(pulled.pullImage).toEqual({ id: inspect.Id, repoTags: expect.arrayContaining([ref]), repoDigests: inspect.RepoDigests });
    expect(pulled.pullImage.repoDigests).toContain(`${open.address}/test/busybox@${pushed.pushImage}`);
  });

  it('imagePull over graphql-ws and SSE: the same events in order, one engine pull, then completion', async () => {
    // An image of its own, so its layer is not on the engine already and is really downloaded.
    const ref = `${open.address}/test/shared:1`;
    const imported = await engine.request(
      'POST',
      `/images/create?fromSrc=-&repo=${encodeURIComponent(`${open.address}/test/shared`)}&tag=1`,
      tarOf({ file: randomBytes(256 * 1024) }),
    );
    expect(imported.status).toBe(200);
    await gqlData(gateway.url, PushImage, { ref });
    await removeLocally(ref);
    proxy.reset();

    const client = wsClient(gateway.wsUrl);
    clients.push(client);
    const [overWs, overSse] = await Promise.all([record(client, ImagePull, { ref }), openSse(gateway.url, ImagePull, { ref })]);
    await Promise.all([overWs.ended, overSse.ended]);
    expect(overWs.state).toBe('complete');
    expect(overSse.state).toBe('complete');
    expect(overWs.errors).toEqual([]);

    const events = overWs.data.map((d) => d.imagePull);
    expect(overSse.data.map((d) => d.imagePull)).toEqual(events);
    expect(events[0]).toMatchObject({ id: '1', status: 'Pulling from test/shared' });
    expect(events.at(-1)?.status).toBe(`Status: Downloaded newer image for ${ref}`);
    const layer = events.find((e) => e.status === 'Pull complete')?.id;
    expect(layer).toBeTruthy();
    const statuses = events.filter((e) => e.id === layer).map((e) => e.status);
    expect(statuses[0]).toBe('Pulling fs layer');
    expect(statuses.indexOf('Pull complete')).toBe(statuses.length - 1);
    expect(statuses.indexOf('Downloading') === -1 || statuses.indexOf('Downloading') < statuses.indexOf('Pull complete')).toBe(true);
    expect(proxy.count('POST', '/images/create')).toBe(1);
    expect(await hasLocally(ref)).toBe(true);
  });

  it('a tag the registry lacks is NOT_FOUND, for the mutation and the subscription', async () => {
    const ref = `${open.address}/test/nothing-here:1`;
    const client = wsClient(gateway.wsUrl);
    clients.push(client);
    const subscription = record(client, ImagePull, { ref });
    const [mutation, unreachable] = await Promise.all([
      gql(gateway.url, PullImage, { ref }),
      // A registry that is not there: the engine's failure, with its message.
      gql(gateway.url, PullImage, { ref: '127.0.0.1:9/test/none:1' }),
      subscription.ended,
    ]);
    expect(errorCodes(mutation)).toEqual(['NOT_FOUND']);
    expect(errorCodes(unreachable)).toEqual(['DOCKER_ERROR']);
    expect(unreachable.errors?.[0]?.message).toContain('127.0.0.1:9');
    expect(subscription.errorCodes).toEqual(['NOT_FOUND']);
  });
});

const CreateContainer = graphql(`
  mutation RegistryCreate($input: CreateContainerInput!) {
    createContainer(input: $input) { id imageId }
  }
`);

describe('createContainer with pull: true', () => {
  it('pulls a missing image first, as docker run does; without it the image is NOT_FOUND', async () => {
    const ref = await tagInto(open, 'test/run', '1');
    await gqlData(gateway.url, PushImage, { ref });
    await removeLocally(ref);
    const input = { image: ref, cmd: ['true'], labels: [{ key: 'wharf.test', value: '1' }] };
    const without = await gql(gateway.url, CreateContainer, { input });
    expect(errorCodes(without)).toEqual(['NOT_FOUND']);
    const created = await gqlData(gateway.url, CreateContainer, { input: { ...input, pull: true } });
    try {
      const inspect = await engine.json<ImageInspectWire>('GET', `/images/${ref}/json`);
      expect(created.createContainer.imageId).toBe(inspect.Id);
    } finally {
      await engine.request('DELETE', `/containers/${created.createContainer.id}?force=1`);
    }
  });
});

describe('a registry with htpasswd', () => {
  const auth = { username: USER, password: PASSWORD };

  it('refuses a pull without credentials (UNAUTHENTICATED naming it); accepts registryAuth and config.json', async () => {
    const ref = await tagInto(locked, 'test/private', '1');
    const refusedPush = await gql(gateway.url, PushImage, { ref });
    expect(errorCodes(refusedPush)).toEqual(['UNAUTHENTICATED']);
    expect(refusedPush.errors?.[0]?.extensions?.registry).toBe(locked.address);
    expect((await gqlData(gateway.url, PushImage, { ref, auth })).pushImage).toMatch(/^sha256:/);
    await removeLocally(ref);

    const refused = await gql(gateway.url, PullImage, { ref });
    expect(errorCodes(refused)).toEqual(['UNAUTHENTICATED']);
    expect(refused.errors?.[0]?.extensions?.registry).toBe(locked.address);
    const wrong = await gql(gateway.url, PullImage, { ref, auth: { username: USER, password: 'not-the-password' } });
    expect(errorCodes(wrong)).toEqual(['UNAUTHENTICATED']);

    expect((await gqlData(gateway.url, PullImage, { ref, auth })).pullImage.repoTags).toContain(ref);
    await removeLocally(ref);

    // The docker CLI's own file, as `docker login` writes it.
    const dir = await mkdtemp('/tmp/wharf-docker-config.');
    const before = process.env.DOCKER_CONFIG;
    try {
      const entry = { auth: Buffer.from(`${USER}:${PASSWORD}`).toString('base64') };
      await writeFile(join(dir, 'config.json'), JSON.stringify({ auths: { [`http://${locked.address}`]: entry } }));
      process.env.DOCKER_CONFIG = dir;
      expect((await gqlData(gateway.url, PullImage, { ref })).pullImage.repoTags).toContain(ref);
    } finally {
      if (before === undefined) delete process.env.DOCKER_CONFIG;
      else process.env.DOCKER_CONFIG = before;
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('no credential reaches a log line or an audit record', async () => {
    const secrets = [
      PASSWORD,
      Buffer.from(`${USER}:${PASSWORD}`).toString('base64'),
      Buffer.from(PASSWORD).toString('base64'),
      Buffer.from(JSON.stringify({ username: USER, password: PASSWORD }))
        .toString('base64url')
        .slice(10, 40),
    ];
    // This file's operations have run by now (tests run in order); one more failing one for good measure.
    await gql(gateway.url, PullImage, { ref: `${locked.address}/test/absent:1`, auth });
    expect(logLines.length).toBeGreaterThan(0);
    expect(gateway.audit.length).toBeGreaterThan(0);
    const output = `${logLines.join('\n')}\n${JSON.stringify(gateway.audit)}`;
    for (const secret of secrets) expect(output).not.toContain(secret);
  });
});
