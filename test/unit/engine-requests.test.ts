// What each verb of the engine client sends (method, versioned path, query, JSON body, timeouts) and what it makes of a success.
import type { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/docker/errors.js';
import { API, CALL_TIMEOUT_MS, consumed, HEADERS_TIMEOUT_MS, mockEngine, type MockEngine } from './helpers/mock-engine.js';
import { CREATE_BODY, ID, okHeaders, release, verb, VERBS, type Verb } from './helpers/verbs.js';

let mock: MockEngine;
beforeEach(() => {
  mock = mockEngine();
});
afterEach(async () => {
  await mock.close();
});

/** Calls the verb against a success answer and hands back what it resolved to and the one request it sent. */
async function callOk(v: Verb) {
  mock.answer(v.ok.status, v.ok.body, okHeaders(v));
  const result = await v.call(mock.client);
  expect(mock.sent).toHaveLength(1);
  return { result, sent: mock.sent[0]! };
}

describe('each verb sends its request', () => {
  it.each(VERBS.map((v) => [v.name, v] as const))('%s: method and path', async (_name, v) => {
    const { result, sent } = await callOk(v);
    await release(result);
    expect({ method: sent.method, pathname: sent.pathname }).toEqual({ method: v.method, pathname: v.pathname });
  });

  it.each(VERBS.map((v) => [v.name, v] as const))('%s: query string', async (_name, v) => {
    const { result, sent } = await callOk(v);
    await release(result);
    expect(sent.query).toEqual(v.query);
  });

  it.each(VERBS.filter((v) => v.json === undefined).map((v) => [v.name, v] as const))(
    '%s: no body and no content type',
    async (_name, v) => {
      const { result, sent } = await callOk(v);
      await release(result);
      expect({ body: sent.body, contentType: sent.headers['content-type'] }).toEqual({ body: undefined, contentType: undefined });
    },
  );

  it('containers.create: the container config as a JSON body', async () => {
    const { sent } = await callOk(verb('containers.create'));
    expect(sent.headers['content-type']).toBe('application/json');
    expect(JSON.parse(sent.body!)).toEqual(CREATE_BODY);
  });
});

describe('options left out are left out of the query', () => {
  const cases: Array<[string, (m: MockEngine) => Promise<unknown>, string]> = [
    ['containers.list with no options', (m) => m.client.containers.list({}), `/v${API}/containers/json`],
    ['containers.list with an empty filter map', (m) => m.client.containers.list({ filters: {} }), `/v${API}/containers/json`],
    ['containers.list with all: false', (m) => m.client.containers.list({ all: false }), `/v${API}/containers/json`],
    ['containers.top without ps_args', (m) => m.client.containers.top('c1', undefined), `/v${API}/containers/c1/top`],
    ['containers.stop without t', (m) => m.client.containers.stop('c1', undefined), `/v${API}/containers/c1/stop`],
    ['containers.restart without t', (m) => m.client.containers.restart('c1', undefined), `/v${API}/containers/c1/restart`],
    ['containers.kill without a signal', (m) => m.client.containers.kill('c1', undefined), `/v${API}/containers/c1/kill`],
    ['containers.remove without force or volumes', (m) => m.client.containers.remove('c1', {}), `/v${API}/containers/c1`],
    ['containers.create without a name', (m) => m.client.containers.create(CREATE_BODY, undefined), `/v${API}/containers/create`],
    ['system.events without filters or since', async (m) => release(await m.client.system.events({})), `/v${API}/events`],
  ];
  it.each(cases)('%s', async (_what, call, path) => {
    mock.answer(200, '{}');
    await call(mock);
    expect(mock.sent.map((s) => s.path)).toEqual([path]);
  });

  it('containers.logs sends only the streams and timestamps when nothing else is asked', async () => {
    mock.answer(200, '');
    await release(await mock.client.containers.logs('c1', { stdout: false, stderr: true }));
    expect(mock.sent[0]!.query).toEqual({ stdout: '0', stderr: '1', timestamps: '1' });
  });

  it('containers.logs sends tail=0 rather than dropping it', async () => {
    mock.answer(200, '');
    await release(await mock.client.containers.logs('c1', { stdout: true, stderr: true, tail: 0 }));
    expect(mock.sent[0]!.query.tail).toBe('0');
  });

  it('containers.stop sends t=0 rather than dropping it', async () => {
    mock.answer(204);
    await mock.client.containers.stop('c1', 0);
    expect(mock.sent[0]!.query).toEqual({ t: '0' });
  });
});

describe('an id no container can have', () => {
  const lone = 'web\uD800';
  const calls: Array<[string, (m: MockEngine) => Promise<unknown>]> = [
    ['containers.inspect', (m) => m.client.containers.inspect(lone)],
    ['containers.top', (m) => m.client.containers.top(lone, undefined)],
    ['containers.logs', (m) => m.client.containers.logs(lone, { stdout: true, stderr: true })],
    ['containers.stats', (m) => m.client.containers.stats(lone)],
    ['containers.statsOnce', (m) => m.client.containers.statsOnce(lone)],
    ['containers.export', (m) => m.client.containers.export(lone)],
    ['containers.start', (m) => m.client.containers.start(lone)],
    ['containers.stop', (m) => m.client.containers.stop(lone, 1)],
    ['containers.restart', (m) => m.client.containers.restart(lone, 1)],
    ['containers.kill', (m) => m.client.containers.kill(lone, undefined)],
    ['containers.pause', (m) => m.client.containers.pause(lone)],
    ['containers.unpause', (m) => m.client.containers.unpause(lone)],
    ['containers.rename', (m) => m.client.containers.rename(lone, 'x')],
    ['containers.remove', (m) => m.client.containers.remove(lone, {})],
  ];
  it.each(calls)('%s: a lone surrogate is not found, and nothing is sent', async (_name, call) => {
    // Some verbs throw at once rather than reject: callers await them either way, so both count.
    await expect(Promise.resolve().then(() => call(mock))).rejects.toThrow(NotFoundError);
    expect(mock.sent).toEqual([]);
  });
});

describe('timeouts', () => {
  it.each(VERBS.filter((v) => v.name !== 'containers.stop' && v.name !== 'containers.restart').map((v) => [v.name, v] as const))(
    '%s: a read waits the call timeout, a change the longer headers timeout',
    async (_name, v) => {
      const { result, sent } = await callOk(v);
      await release(result);
      expect(sent.headersTimeout).toBe(v.method === 'GET' ? CALL_TIMEOUT_MS : HEADERS_TIMEOUT_MS);
    },
  );

  const stopCases: Array<[string, number | undefined, number, number]> = [
    // [verb, t, the connection's headers timeout, expected]: t seconds plus 15 s of grace, never below the connection's own.
    ['stop', 30, 7_000, 45_000],
    ['restart', 30, 7_000, 45_000],
    ['stop', undefined, 7_000, 25_000],
    ['restart', undefined, 7_000, 25_000],
    ['stop', 0, 7_000, 15_000],
    ['stop', 5, 60_000, 60_000],
  ];
  it.each(stopCases)('%s with t=%s and a %i ms headers timeout waits %i ms for the answer', async (name, t, connection, expected) => {
    await mock.close();
    mock = mockEngine({ headersTimeoutMs: connection });
    mock.answer(204);
    await (name === 'stop' ? mock.client.containers.stop('c1', t) : mock.client.containers.restart('c1', t));
    expect(mock.sent[0]!.headersTimeout).toBe(expected);
  });

  it.each(VERBS.filter((v) => v.kind === 'stream' || v.kind === 'events').map((v) => [v.name, v] as const))(
    '%s: a stream has no body timeout',
    async (_name, v) => {
      const { result, sent } = await callOk(v);
      await release(result);
      expect(sent.bodyTimeout).toBe(0);
    },
  );

  it.each(VERBS.filter((v) => v.kind !== 'stream' && v.kind !== 'events').map((v) => [v.name, v] as const))(
    '%s: an ordinary call keeps the default body timeout',
    async (_name, v) => {
      const { sent } = await callOk(v);
      expect(sent.bodyTimeout).toBeUndefined();
    },
  );
});

describe('what a success resolves to', () => {
  it.each(VERBS.filter((v) => v.kind === 'json').map((v) => [v.name, v] as const))('%s: the parsed JSON answer', async (_name, v) => {
    const { result } = await callOk(v);
    expect(result).toEqual(JSON.parse(v.ok.body));
  });

  it.each(VERBS.filter((v) => v.kind === 'empty').map((v) => [v.name, v] as const))('%s: nothing', async (_name, v) => {
    const { result } = await callOk(v);
    expect(result).toBeUndefined();
  });

  it.each(VERBS.filter((v) => v.kind === 'stream').map((v) => [v.name, v] as const))(
    '%s: the response body itself, unread',
    async (_name, v) => {
      const { result, sent } = await callOk(v);
      expect(result).toBe(sent.response);
      expect(consumed(result as Readable)).toBe(false);
      const chunks: Buffer[] = [];
      for await (const chunk of result as Readable) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).toString()).toBe(v.ok.body);
    },
  );

  it('system.ping: the engine API version from the Api-Version header', async () => {
    mock.answer(200, 'OK', { 'Api-Version': '1.47' });
    await expect(mock.client.system.ping()).resolves.toBe('1.47');
  });

  it('system.events: each NDJSON line as an event, with timeNano as the engine wrote it', async () => {
    const lines = [
      '{"Type":"container","Action":"start","Actor":{"ID":"c1"},"time":1,"timeNano":1000000000123456789}',
      '{"Type":"container","Action":"die","Actor":{"ID":"c1"},"time":2,"timeNano":2000000000000000001}',
    ];
    mock.answer(200, `${lines.join('\n')}\n`);
    const events = await mock.client.system.events({});
    const seen = [];
    for await (const event of events) seen.push([event.Action, event.timeNanoText]);
    expect(seen).toEqual([
      ['start', '1000000000123456789'],
      ['die', '2000000000000000001'],
    ]);
  });

  it.each(VERBS.filter((v) => v.kind === 'json' || v.kind === 'empty' || v.kind === 'ping').map((v) => [v.name, v] as const))(
    '%s: the answer body is consumed',
    async (_name, v) => {
      const { sent } = await callOk(v);
      expect(consumed(sent.response)).toBe(true);
    },
  );

  it('an id is sent percent-encoded, not as a path of its own', async () => {
    mock.answer(200, '{}');
    await mock.client.containers.inspect(ID);
    expect(mock.sent[0]!.path).toBe(`/v${API}/containers/web%201%2F%C3%BC%3F%23%25/json`);
  });
});
