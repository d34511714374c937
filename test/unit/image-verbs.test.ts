// The image verbs of the engine client on undici's MockAgent: the request each sends, X-Registry-Auth, shared pulls; and references and config.json credentials.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/config.js';
import { ConflictError, EngineFailure, NotFoundError } from '../../src/docker/errors.js';
import { ImagePulls } from '../../src/docker/image-pulls.js';
import { configCredentials, encodeRegistryAuth, parseReference, registryAuthFor } from '../../src/docker/registry-auth.js';
import { DEFAULT_MAX_BUILD_CONTEXT_BYTES } from '../../src/server/http/build.js';
import { API, mockEngine, type MockEngine } from './helpers/mock-engine.js';

let mock: MockEngine;
beforeEach(() => {
  mock = mockEngine();
});
afterEach(async () => {
  await mock.close();
});

const NAME = 'reg.example:5000/team/app:1';
const ENCODED = encodeURIComponent(NAME);
const ndjson = (...lines: object[]) => lines.map((line) => `${JSON.stringify(line)}\n`).join('');

async function drain<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterator) out.push(item);
  return out;
}

describe('requests', () => {
  it('list, inspect, history, tag, remove and prune send what the engine expects', async () => {
    mock.answer(200, []);
    await mock.client.images.list({ all: true, filters: { dangling: ['true'] } });
    mock.answer(200, { Id: 'sha256:a' });
    await mock.client.images.inspect(NAME);
    mock.answer(200, []);
    await mock.client.images.history(NAME);
    mock.answer(201, '');
    await mock.client.images.tag(NAME, 'team/other', '2');
    mock.answer(200, [{ Untagged: NAME }]);
    expect(await mock.client.images.remove(NAME, { force: true, noPrune: true })).toEqual([{ Untagged: NAME }]);
    mock.answer(200, { ImagesDeleted: null, SpaceReclaimed: 0 });
    await mock.client.images.prune({ dangling: ['false'] });
    expect(mock.sent.map((s) => [s.method, s.pathname, s.query])).toEqual([
      ['GET', `/v${API}/images/json`, { all: '1', filters: '{"dangling":["true"]}' }],
      ['GET', `/v${API}/images/${ENCODED}/json`, {}],
      ['GET', `/v${API}/images/${ENCODED}/history`, {}],
      ['POST', `/v${API}/images/${ENCODED}/tag`, { repo: 'team/other', tag: '2' }],
      ['DELETE', `/v${API}/images/${ENCODED}`, { force: '1', noprune: '1' }],
      ['POST', `/v${API}/images/prune`, { filters: '{"dangling":["false"]}' }],
    ]);
  });

  it('find is null on 404; remove of an image in use is a CONFLICT', async () => {
    mock.answer(404, { message: 'No such image: x' });
    expect(await mock.client.images.find('x')).toBeNull();
    mock.answer(409, { message: 'conflict: unable to remove repository reference' });
    await expect(mock.client.images.remove('x', {})).rejects.toBeInstanceOf(ConflictError);
  });

  it('pull sends fromImage, tag and X-Registry-Auth, and yields the progress lines', async () => {
    mock.answer(
      200,
      ndjson({ status: 'Pulling from team/app', id: '1' }, { status: 'Downloading', id: 'l1', progressDetail: { current: 5, total: 10 } }),
    );
    const lines = await drain(await mock.client.images.pull({ fromImage: 'reg.example:5000/team/app', tag: '1', registryAuth: 'abc=' }));
    expect(lines).toEqual([
      { status: 'Pulling from team/app', id: '1' },
      { status: 'Downloading', id: 'l1', progressDetail: { current: 5, total: 10 } },
    ]);
    const [sent] = mock.sent;
    expect([sent?.method, sent?.pathname, sent?.query]).toEqual([
      'POST',
      `/v${API}/images/create`,
      { fromImage: 'reg.example:5000/team/app', tag: '1' },
    ]);
    expect(sent?.headers['x-registry-auth']).toBe('abc=');
  });

  it('push always sends X-Registry-Auth (an empty credential when none)', async () => {
    mock.answer(200, ndjson({ aux: { Digest: 'sha256:d' } }));
    await drain(await mock.client.images.push({ name: 'reg.example:5000/team/app', tag: '1' }));
    expect(mock.sent[0]?.pathname).toBe(`/v${API}/images/${encodeURIComponent('reg.example:5000/team/app')}/push`);
    expect(Buffer.from(mock.sent[0]?.headers['x-registry-auth'] ?? '', 'base64url').toString()).toBe('{}');
  });

  it('build streams the context as the body with t and dockerfile', async () => {
    mock.answer(200, ndjson({ stream: 'Step 1/1' }));
    const answer = await mock.client.images.build({
      tag: 'team/app:1',
      dockerfile: 'sub/Dockerfile',
      context: Readable.from([Buffer.from('tar')]),
    });
    answer.body.resume();
    expect(mock.sent[0]?.query).toEqual({ t: 'team/app:1', dockerfile: 'sub/Dockerfile', rm: '1' });
    expect(mock.sent[0]?.headers['content-type']).toBe('application/x-tar');
  });
});

describe('shared pulls', () => {
  it('followers of the same reference share one engine pull and all see every event; an error line ends each with its error', async () => {
    mock.answer(200, ndjson({ status: 'Pulling fs layer', id: 'l1' }, { status: 'Pull complete', id: 'l1' }));
    const pulls = new ImagePulls(mock.client.images);
    const first = pulls.follow({ fromImage: 'team/app', tag: '1' });
    const second = pulls.follow({ fromImage: 'team/app', tag: '1' });
    const [a, b] = await Promise.all([drain(first), drain(second)]);
    expect(a.map((e) => e.status)).toEqual(['Pulling fs layer', 'Pull complete']);
    expect(b).toEqual(a);
    expect(mock.sent).toHaveLength(1);

    mock.answer(
      200,
      ndjson({ status: 'Pulling from team/app' }, { errorDetail: { message: 'manifest unknown' }, error: 'manifest unknown' }),
    );
    await expect(drain(pulls.follow({ fromImage: 'team/app', tag: '2' }))).rejects.toBeInstanceOf(NotFoundError);
    mock.answer(200, ndjson({ errorDetail: { message: 'unauthorized: authentication required' }, error: 'x' }));
    await expect(drain(pulls.follow({ fromImage: 'team/app', tag: '3' }))).rejects.toBeInstanceOf(EngineFailure);
    expect(pulls.size).toBe(0);
  });

  it('different credentials are different pulls', async () => {
    mock.answer(200, ndjson({ status: 'one' }));
    mock.answer(200, ndjson({ status: 'two' }));
    const pulls = new ImagePulls(mock.client.images);
    await Promise.all([
      drain(pulls.follow({ fromImage: 'team/app', tag: '1', registryAuth: 'a' })),
      drain(pulls.follow({ fromImage: 'team/app', tag: '1', registryAuth: 'b' })),
    ]);
    expect(mock.sent).toHaveLength(2);
  });
});

describe('references', () => {
  it.each([
    ['busybox', { name: 'busybox', tag: 'latest', registry: 'docker.io', pullTag: 'latest' }],
    ['wharf-test/busybox:1', { name: 'wharf-test/busybox', tag: '1', registry: 'docker.io' }],
    ['127.0.0.1:5000/test/busybox:2', { name: '127.0.0.1:5000/test/busybox', tag: '2', registry: '127.0.0.1:5000' }],
    ['localhost/app', { name: 'localhost/app', registry: 'localhost' }],
    [`app@sha256:${'a'.repeat(64)}`, { name: 'app', digest: `sha256:${'a'.repeat(64)}`, pullTag: `sha256:${'a'.repeat(64)}` }],
  ])('%s', (ref, expected) => {
    expect(parseReference(ref)).toMatchObject(expected);
  });

  it.each(['', 'UPPER/case', 'Busybox', 'a b', 'app:', 'app:-x', '-app', 'app@sha256:short', '/app'])('%j is malformed', (ref) => {
    expect(parseReference(ref)).toBeNull();
  });
});

describe('credentials', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp('/tmp/wharf-unit-config.');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("config.json's auths for the registry, whichever way the address is written", async () => {
    const auths = {
      'http://127.0.0.1:5000': { auth: Buffer.from('u:p:with:colons').toString('base64') },
      'https://index.docker.io/v1/': { auth: Buffer.from('hub:secret').toString('base64') },
    };
    await writeFile(join(dir, 'config.json'), JSON.stringify({ auths }));
    expect(await configCredentials('127.0.0.1:5000', dir)).toMatchObject({ username: 'u', password: 'p:with:colons' });
    expect(await configCredentials('docker.io', dir)).toMatchObject({ username: 'hub', password: 'secret' });
    expect(await configCredentials('127.0.0.1:5001', dir)).toBeUndefined();
    expect(await configCredentials('127.0.0.1:5000', join(dir, 'missing'))).toBeUndefined();
  });

  it('X-Registry-Auth is padded base64url JSON naming the registry; the given credentials win', async () => {
    const header = encodeRegistryAuth({ username: 'u', password: 'p?>' }, '127.0.0.1:5000');
    expect(header).not.toMatch(/[+/]/);
    expect(header.length % 4).toBe(0);
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({
      username: 'u',
      password: 'p?>',
      serveraddress: '127.0.0.1:5000',
    });
    const given = await registryAuthFor('127.0.0.1:5000', { username: 'x', password: 'y' });
    expect(JSON.parse(Buffer.from(given ?? '', 'base64url').toString()).username).toBe('x');
  });
});

describe('--max-build-context-bytes', () => {
  const env = { DOCKER_HOST: 'unix:///tmp/none.sock' };
  const limitOf = (argv: string[], extra: Record<string, string> = {}) => {
    const config = readConfig(argv, { ...env, ...extra });
    if (config === 'help') throw new Error('help instead of a configuration');
    return config.maxBuildContextBytes;
  };

  it('defaults to 1 GiB; the flag and WHARF_MAX_BUILD_CONTEXT_BYTES set it; nonsense is refused', () => {
    expect(limitOf([])).toBe(DEFAULT_MAX_BUILD_CONTEXT_BYTES);
    expect(DEFAULT_MAX_BUILD_CONTEXT_BYTES).toBe(1024 ** 3);
    expect(limitOf(['--max-build-context-bytes', '2048'])).toBe(2048);
    expect(limitOf([], { WHARF_MAX_BUILD_CONTEXT_BYTES: '4096' })).toBe(4096);
    expect(() => limitOf(['--max-build-context-bytes', 'lots'])).toThrow(ConfigError);
  });
});
