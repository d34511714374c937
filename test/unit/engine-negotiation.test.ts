// API version negotiation: one unversioned /_ping gives the /v1.xx prefix, asked once, asked again after a failure.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UnavailableError } from '../../src/docker/errors.js';
import { consumed, gate, mockEngine, type MockEngine } from './helpers/mock-engine.js';

let mock: MockEngine;
beforeEach(() => {
  mock = mockEngine({ apiVersion: undefined });
});
afterEach(async () => {
  await mock.close();
});

const PING = { path: '/_ping', method: 'GET' };
const pong = (m: MockEngine, version = '1.47') => m.engine.intercept(PING).reply(200, 'OK', { headers: { 'Api-Version': version } });
const anything = { path: (p: string) => p !== '/_ping', method: () => true };
const paths = (m: MockEngine) => m.sent.map((s) => s.path);

describe('negotiation', () => {
  it("asks /_ping, unversioned, before the first call and uses the engine's version as the prefix", async () => {
    pong(mock, '1.45');
    mock.engine.intercept(anything).reply(200, '[]');
    await mock.client.containers.list({});
    expect(paths(mock)).toEqual(['/_ping', '/v1.45/containers/json']);
  });

  it('asks once: later calls reuse the version', async () => {
    pong(mock);
    mock.engine.intercept(anything).reply(200, '{}').times(3);
    await mock.client.containers.list({});
    await mock.client.system.version();
    await mock.client.containers.inspect('c1');
    expect(paths(mock)).toEqual(['/_ping', '/v1.47/containers/json', '/v1.47/version', '/v1.47/containers/c1/json']);
  });

  it('calls made before the answer came share one /_ping', async () => {
    pong(mock);
    mock.engine.intercept(anything).reply(204, '').times(3);
    await Promise.all([mock.client.containers.start('a'), mock.client.containers.start('b'), mock.client.containers.pause('c')]);
    expect(paths(mock).filter((p) => p === '/_ping')).toHaveLength(1);
  });

  it('reads and releases the /_ping body', async () => {
    pong(mock);
    mock.engine.intercept(anything).reply(200, '{}');
    await mock.client.system.version();
    expect(consumed(mock.sent[0]!.response)).toBe(true);
  });

  it("one caller aborting while the /_ping is under way fails only that caller's call", async () => {
    const held = gate<void>();
    mock.engine.intercept(PING).reply(
      200,
      async () => {
        await held.promise;
        return 'OK';
      },
      { headers: { 'Api-Version': '1.47' } },
    );
    mock.engine.intercept(anything).reply(200, '{}');
    const leaving = new AbortController();
    const abandoned = mock.client.containers.list({}, { signal: leaving.signal });
    const staying = mock.client.system.version();
    leaving.abort();
    held.open();
    await expect(abandoned).rejects.toMatchObject({ name: 'AbortError' });
    await expect(staying).resolves.toEqual({});
    expect(paths(mock)).toEqual(['/_ping', '/v1.47/version']);
  });

  it('is skipped when the version is pinned (DOCKER_API_VERSION)', async () => {
    await mock.close();
    mock = mockEngine({ apiVersion: '1.43' });
    mock.engine.intercept(anything).reply(200, '{}');
    await mock.client.system.version();
    expect(paths(mock)).toEqual(['/v1.43/version']);
  });
});

describe('a failed negotiation', () => {
  const failures: Array<[string, (m: MockEngine) => void]> = [
    ['/_ping answered 500', (m) => m.engine.intercept(PING).reply(500, 'Internal Server Error', { headers: { 'Api-Version': '1.47' } })],
    ['/_ping answered without an Api-Version header', (m) => m.engine.intercept(PING).reply(200, 'OK')],
    [
      '/_ping answered something other than OK',
      (m) => m.engine.intercept(PING).reply(200, 'Not Docker', { headers: { 'Api-Version': '1.47' } }),
    ],
    [
      'the connection refused',
      (m) => m.engine.intercept(PING).replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
    ],
  ];

  it.each(failures)('%s: the call fails with DOCKER_UNAVAILABLE and is not sent', async (_what, fail) => {
    fail(mock);
    const error = await mock.client.containers.list({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
    expect(paths(mock)).toEqual(['/_ping']);
  });

  it.each(failures)('%s: is forgotten, so the next call asks again', async (_what, fail) => {
    fail(mock);
    await mock.client.containers.list({}).catch(() => undefined);
    pong(mock);
    mock.engine.intercept(anything).reply(200, '[]');
    await expect(mock.client.containers.list({})).resolves.toEqual([]);
    expect(paths(mock)).toEqual(['/_ping', '/_ping', '/v1.47/containers/json']);
  });

  it('fails every call that waited on it, each with DOCKER_UNAVAILABLE', async () => {
    mock.engine.intercept(PING).reply(503, 'starting');
    const results = await Promise.allSettled([
      mock.client.containers.list({}),
      mock.client.system.version(),
      mock.client.containers.start('c1'),
    ]);
    expect(results.map((r) => r.status === 'rejected' && r.reason instanceof UnavailableError)).toEqual([true, true, true]);
    expect(paths(mock)).toEqual(['/_ping']);
  });
});

describe('system.ping', () => {
  it('asks the engine every time, negotiated or not', async () => {
    pong(mock);
    pong(mock);
    await mock.client.system.ping();
    await mock.client.system.ping();
    expect(paths(mock)).toEqual(['/_ping', '/_ping']);
  });
});
