// Identical GETs in flight at once share one engine request; it is aborted only when its last caller goes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/docker/errors.js';
import { consumed, gate, mockEngine, type MockEngine } from './helpers/mock-engine.js';
import { okHeaders, release, verb, VERBS } from './helpers/verbs.js';

let mock: MockEngine;
beforeEach(() => {
  mock = mockEngine();
});
afterEach(async () => {
  await mock.close();
});

const anything = { path: () => true, method: () => true };

/** Resolves once the client has sent `count` requests to the mock. */
async function sentCount(m: MockEngine, count: number): Promise<void> {
  while (m.sent.length < count) await new Promise((resolve) => setImmediate(resolve));
}

/** One answer held back until `open` is called, so that the calls under test are all in flight. */
function heldAnswer(m: MockEngine, status = 200) {
  const held = gate<string>();
  m.engine.intercept(anything).reply(status, () => held.promise);
  return held;
}

describe('sharing', () => {
  const gets = VERBS.filter((v) => v.kind === 'json' && v.method === 'GET').map((v) => [v.name, v] as const);

  it.each(gets)('%s: two identical calls at once make one request', async (_name, v) => {
    mock.answer(v.ok.status, v.ok.body);
    mock.answer(v.ok.status, v.ok.body);
    await Promise.all([v.call(mock.client), v.call(mock.client)]);
    expect(mock.sent).toHaveLength(1);
  });

  it.each(gets)('%s: both callers get the answer', async (_name, v) => {
    mock.answer(v.ok.status, v.ok.body);
    const [a, b] = await Promise.all([v.call(mock.client), v.call(mock.client)]);
    expect([a, b]).toEqual([JSON.parse(v.ok.body), JSON.parse(v.ok.body)]);
  });

  it('both callers get the same error', async () => {
    mock.answer(404, { message: 'No such container: c1' });
    const results = await Promise.allSettled([mock.client.containers.inspect('c1'), mock.client.containers.inspect('c1')]);
    expect(results.map((r) => r.status === 'rejected' && r.reason instanceof NotFoundError && r.reason.message)).toEqual([
      'No such container: c1',
      'No such container: c1',
    ]);
    expect(mock.sent).toHaveLength(1);
  });

  it('the shared answer body is read once, to its end', async () => {
    mock.answer(200, '{"Id":"c1"}');
    await Promise.all([mock.client.containers.inspect('c1'), mock.client.containers.inspect('c1'), mock.client.containers.inspect('c1')]);
    expect(consumed(mock.sent[0]!.response)).toBe(true);
  });

  it('GETs that differ in their query are not shared', async () => {
    mock.answer(200, '{}');
    mock.answer(200, '{}');
    await Promise.all([mock.client.containers.top('c1', 'aux'), mock.client.containers.top('c1', undefined)]);
    expect(mock.sent.map((s) => s.path).sort()).toEqual(['/v1.41/containers/c1/top', '/v1.41/containers/c1/top?ps_args=aux']);
  });

  it('GETs that differ in their id are not shared', async () => {
    mock.answer(200, '{}');
    mock.answer(200, '{}');
    await Promise.all([mock.client.containers.inspect('c1'), mock.client.containers.inspect('c2')]);
    expect(mock.sent).toHaveLength(2);
  });

  it('nothing outlives the request: the same GET after the answer asks again', async () => {
    mock.answer(200, '{"n":1}');
    mock.answer(200, '{"n":2}');
    await expect(mock.client.containers.inspect('c1')).resolves.toEqual({ n: 1 });
    await expect(mock.client.containers.inspect('c1')).resolves.toEqual({ n: 2 });
  });

  const unshared = VERBS.filter((v) => v.kind !== 'json' || v.method !== 'GET').map((v) => [v.name, v] as const);
  it.each(unshared)('%s: is never shared', async (_name, v) => {
    mock.answer(v.ok.status, v.ok.body, okHeaders(v));
    mock.answer(v.ok.status, v.ok.body, okHeaders(v));
    const results = await Promise.all([v.call(mock.client), v.call(mock.client)]);
    await Promise.all(results.map(release));
    expect(mock.sent).toHaveLength(2);
  });
});

describe('aborts', () => {
  it('a caller that aborts rejects with its own reason', async () => {
    const held = heldAnswer(mock);
    const first = new AbortController();
    const leaving = mock.client.containers.inspect('c1', { signal: first.signal });
    const staying = mock.client.containers.inspect('c1');
    await sentCount(mock, 1);
    first.abort(new Error('the client went away'));
    await expect(leaving).rejects.toThrow('the client went away');
    held.open('{"Id":"c1"}');
    await staying;
  });

  it('the others still get the answer when one caller aborts', async () => {
    const held = heldAnswer(mock);
    const first = new AbortController();
    const leaving = mock.client.containers.inspect('c1', { signal: first.signal }).catch(() => undefined);
    const staying = mock.client.containers.inspect('c1');
    await sentCount(mock, 1);
    first.abort();
    await leaving;
    held.open('{"Id":"c1"}');
    await expect(staying).resolves.toEqual({ Id: 'c1' });
  });

  it('the request is not aborted while a caller still waits', async () => {
    const held = heldAnswer(mock);
    const first = new AbortController();
    const leaving = mock.client.containers.inspect('c1', { signal: first.signal }).catch(() => undefined);
    const staying = mock.client.containers.inspect('c1', { signal: new AbortController().signal });
    await sentCount(mock, 1);
    first.abort();
    await leaving;
    expect(mock.sent[0]!.signal?.aborted).toBe(false);
    held.open('{"Id":"c1"}');
    await staying;
  });

  it("the last caller's abort aborts the request", async () => {
    const held = heldAnswer(mock);
    const a = new AbortController();
    const b = new AbortController();
    const calls = Promise.allSettled([
      mock.client.containers.inspect('c1', { signal: a.signal }),
      mock.client.containers.inspect('c1', { signal: b.signal }),
    ]);
    await sentCount(mock, 1);
    a.abort();
    b.abort();
    await calls;
    held.open('{"Id":"c1"}');
    expect(mock.sent).toHaveLength(1);
    expect(mock.sent[0]!.signal?.aborted).toBe(true);
  });

  it('a lone caller that aborts aborts the request', async () => {
    const held = heldAnswer(mock);
    const controller = new AbortController();
    const call = mock.client.containers.list({}, { signal: controller.signal }).catch((e: unknown) => e);
    await sentCount(mock, 1);
    controller.abort();
    await call;
    held.open('[]');
    expect(mock.sent[0]!.signal?.aborted).toBe(true);
  });

  it('after every caller aborted, the same GET makes a fresh request', async () => {
    const held = heldAnswer(mock);
    const controller = new AbortController();
    const call = mock.client.containers.inspect('c1', { signal: controller.signal }).catch(() => undefined);
    await sentCount(mock, 1);
    controller.abort();
    await call;
    held.open('{"n":1}');
    mock.answer(200, '{"n":2}');
    await expect(mock.client.containers.inspect('c1')).resolves.toEqual({ n: 2 });
    expect(mock.sent).toHaveLength(2);
  });

  it('a caller whose signal is already aborted is refused without a request living on', async () => {
    const controller = new AbortController();
    controller.abort(new Error('gone before it asked'));
    await expect(verb('containers.inspect').call(mock.client, controller.signal)).rejects.toThrow('gone before it asked');
    expect(mock.sent.every((s) => s.signal?.aborted)).toBe(true);
  });
});
