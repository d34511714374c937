// How each verb of the engine client fails: every status it can meet as a typed error, the engine's text as its message, transport failures as DOCKER_UNAVAILABLE.
import { errors as undiciErrors } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BadRequestError,
  ConflictError,
  EngineError,
  EngineFailure,
  NotFoundError,
  UnavailableError,
  type EngineErrorCode,
} from '../../src/docker/errors.js';
import { consumed, gate, mockEngine, type MockEngine } from './helpers/mock-engine.js';
import { verb, VERBS } from './helpers/verbs.js';

let mock: MockEngine;
beforeEach(() => {
  mock = mockEngine();
});
afterEach(async () => {
  await mock.close();
});

type ErrorClass = new (...args: never[]) => EngineError;
const BY_STATUS: Record<number, { type: ErrorClass; code: EngineErrorCode }> = {
  400: { type: BadRequestError, code: 'BAD_USER_INPUT' },
  404: { type: NotFoundError, code: 'NOT_FOUND' },
  409: { type: ConflictError, code: 'CONFLICT' },
  500: { type: EngineFailure, code: 'DOCKER_ERROR' },
};

/** What the call rejected with; fails the test when it resolved. */
async function failure(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    (value) => {
      throw new Error(`expected a rejection, got ${String(value)}`);
    },
    (error: unknown) => error,
  );
}

const rows = VERBS.filter((v) => v.kind !== 'ping').flatMap((v) => v.errors.map((status) => [v.name, status, v] as const));

describe('statuses as typed errors', () => {
  it.each(rows)('%s answered %i', async (_name, status, v) => {
    mock.answer(status, { message: `the engine says ${status}` });
    const error = await failure(v.call(mock.client));
    const expected = BY_STATUS[status]!;
    expect(error).toBeInstanceOf(expected.type);
    expect(error).toMatchObject({ code: expected.code, status, message: `the engine says ${status}` });
  });

  it.each(rows)('%s answered %i: the error body is consumed', async (_name, status, v) => {
    mock.answer(status, { message: 'no' });
    await failure(v.call(mock.client));
    expect(consumed(mock.sent[0]!.response)).toBe(true);
  });

  it.each([
    ['containers.inspect', 503],
    ['containers.start', 502],
    ['containers.logs', 401],
  ] as const)('%s answered %i, which no class covers: an EngineFailure carrying the status', async (name, status) => {
    mock.answer(status, { message: 'upstream trouble' });
    const error = await failure(verb(name).call(mock.client));
    expect(error).toBeInstanceOf(EngineFailure);
    expect(error).toMatchObject({ code: 'DOCKER_ERROR', status, message: 'upstream trouble' });
  });

  it('system.ping answered 500: the engine is unavailable, whatever the status', async () => {
    mock.answer(500, 'Internal Server Error', { 'api-version': '1.41' });
    const error = await failure(mock.client.system.ping());
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({
      code: 'DOCKER_UNAVAILABLE',
      message: 'The Docker engine answered /_ping with 500 Internal Server Error',
    });
  });

  it('system.ping answered 500: the body is consumed', async () => {
    mock.answer(500, 'Internal Server Error');
    await failure(mock.client.system.ping());
    expect(consumed(mock.sent[0]!.response)).toBe(true);
  });
});

describe('304 means "already so" for start and stop', () => {
  it.each(['containers.start', 'containers.stop'])('%s answered 304 succeeds', async (name) => {
    mock.answer(304);
    await expect(verb(name).call(mock.client)).resolves.toBeUndefined();
  });

  it.each(['containers.start', 'containers.stop'])('%s answered 304: the body is consumed', async (name) => {
    mock.answer(304);
    await verb(name).call(mock.client);
    expect(consumed(mock.sent[0]!.response)).toBe(true);
  });
});

describe("the error's text", () => {
  const kinds = ['containers.inspect', 'containers.start', 'containers.logs', 'system.events'] as const;
  const bodies: Array<[string, string, string]> = [
    ["the engine's JSON message", '{"message":"No such container: web"}', 'No such container: web'],
    ['a plain-text body, trimmed', '  404 page not found\n', '404 page not found'],
    ['JSON without a message, as it is', '{"error":"gone"}', '{"error":"gone"}'],
    ['an empty body: the status', '', 'The Docker engine answered 404'],
    ['a long body, cut at 1000 characters', 'x'.repeat(5_000), 'x'.repeat(1_000)],
  ];
  const cases = kinds.flatMap((name) => bodies.map(([what, body, message]) => [name, what, body, message] as const));
  it.each(cases)('%s: %s', async (name, _what, body, message) => {
    mock.answer(404, body);
    const error = await failure(verb(name).call(mock.client));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe(message);
  });
});

describe('an answer that is not the JSON it should be', () => {
  const jsonVerbs = VERBS.filter((v) => v.kind === 'json').map((v) => [v.name, v] as const);

  it.each(jsonVerbs)('%s answered 200 with a truncated body: rejects with DOCKER_ERROR', async (_name, v) => {
    mock.answer(v.ok.status, '{"Id":"abc"');
    await expect(v.call(mock.client)).rejects.toMatchObject({ name: 'EngineFailure', code: 'DOCKER_ERROR' });
  });

  it.each(jsonVerbs)('%s answered 200 with a truncated body: the body is consumed', async (_name, v) => {
    mock.answer(v.ok.status, '{"Id":"abc"');
    await failure(v.call(mock.client));
    expect(consumed(mock.sent[0]!.response)).toBe(true);
  });

  it('system.events: a line that is not JSON fails the stream with DOCKER_ERROR', async () => {
    mock.answer(200, '{"Type":"container","Action":"start","Actor":{"ID":"c1"},"time":1,"timeNano":1}\nnot json\n');
    const events = await mock.client.system.events({});
    const error = await failure(
      (async () => {
        for await (const _event of events) {
          // read until it fails
        }
      })(),
    );
    expect(error).toBeInstanceOf(EngineFailure);
    expect(error).toMatchObject({ code: 'DOCKER_ERROR', message: 'The Docker engine sent a line that is not JSON' });
  });
});

function connectionError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('transport failures are DOCKER_UNAVAILABLE', () => {
  const all = VERBS.map((v) => [v.name, v] as const);

  it.each(all)('%s: connection refused', async (_name, v) => {
    mock.engine
      .intercept({ path: () => true, method: () => true })
      .replyWithError(connectionError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:2375'));
    const error = await failure(v.call(mock.client));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ code: 'DOCKER_UNAVAILABLE', message: 'The Docker engine cannot be reached: connection refused' });
  });

  it.each(all)('%s: no response headers in time', async (_name, v) => {
    mock.engine.intercept({ path: () => true, method: () => true }).replyWithError(new undiciErrors.HeadersTimeoutError());
    const error = await failure(v.call(mock.client));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ code: 'DOCKER_UNAVAILABLE', message: 'The Docker engine did not answer in time' });
  });

  const codes: Array<[string, Error, string]> = [
    [
      'a missing socket',
      connectionError('ENOENT', 'connect ENOENT /var/run/docker.sock'),
      'The Docker engine cannot be reached: its socket does not exist',
    ],
    ['a connect timeout', new undiciErrors.ConnectTimeoutError(), 'The Docker engine cannot be reached: connect timed out'],
    ['a body timeout', new undiciErrors.BodyTimeoutError(), 'The Docker engine did not answer in time'],
    [
      'a reset connection',
      connectionError('ECONNRESET', 'read ECONNRESET'),
      'The Docker engine cannot be reached: the connection closed unexpectedly',
    ],
    [
      'a socket error',
      new undiciErrors.SocketError('other side closed'),
      'The Docker engine cannot be reached: the connection closed unexpectedly',
    ],
    ['a TLS failure', new Error('unable to verify the first certificate'), 'The Docker engine cannot be reached: TLS or socket failure'],
  ];
  it.each(codes)('containers.list: %s', async (_what, cause, message) => {
    mock.engine.intercept({ path: () => true, method: () => true }).replyWithError(cause);
    const error = await failure(verb('containers.list').call(mock.client));
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as Error).message).toBe(message);
  });

  it('an error with no code the client knows passes through as it came', async () => {
    const odd = connectionError('EWHATEVER', 'something odd');
    mock.engine.intercept({ path: () => true, method: () => true }).replyWithError(odd);
    await expect(verb('containers.start').call(mock.client)).rejects.toBe(odd);
  });
});

describe("the caller's abort", () => {
  const abortable = [
    'containers.create',
    'containers.start',
    'containers.stop',
    'containers.remove',
    'containers.logs',
    'containers.export',
  ] as const;

  it.each(abortable)('%s: rejects with the abort, not an engine error', async (name) => {
    const held = gate<string>();
    mock.engine.intercept({ path: () => true, method: () => true }).reply(204, () => held.promise);
    const controller = new AbortController();
    const call = failure(verb(name).call(mock.client, controller.signal));
    await waitForRequest(mock);
    controller.abort();
    const error = await call;
    held.open('');
    expect(error).not.toBeInstanceOf(EngineError);
    expect((error as Error).name).toBe('AbortError');
  });

  it.each(abortable)('%s: aborts the request it sent', async (name) => {
    const held = gate<string>();
    mock.engine.intercept({ path: () => true, method: () => true }).reply(204, () => held.promise);
    const controller = new AbortController();
    const call = failure(verb(name).call(mock.client, controller.signal));
    await waitForRequest(mock);
    expect(mock.sent[0]!.signal?.aborted).toBe(false);
    controller.abort();
    await call;
    held.open('');
    expect(mock.sent[0]!.signal?.aborted).toBe(true);
  });

  it('system.events: the caller aborting before the answer rejects the call and aborts the request', async () => {
    const controller = new AbortController();
    const held = gate<string>();
    mock.engine.intercept({ path: () => true, method: () => true }).reply(200, () => held.promise);
    const opening = mock.client.system.events({}, { signal: controller.signal });
    await waitForRequest(mock);
    controller.abort();
    held.open('');
    const error = await failure(opening);
    expect((error as Error).name).toBe('AbortError');
    expect(mock.sent[0]!.signal?.aborted).toBe(true);
  });
});

/** Resolves once the client has sent its first request to the mock. */
async function waitForRequest(m: MockEngine): Promise<void> {
  while (m.sent.length === 0) await new Promise((resolve) => setImmediate(resolve));
}
